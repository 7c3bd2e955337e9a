"""The connection's state as values, the reconnect backoff, and when to skip a frame."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import Enum

from kds.words import N_, Words


class Phase(Enum):
    CONNECTING = "connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    TOKEN_REFUSED = "token_refused"
    PROTOCOL_ERROR = "protocol_error"
    STOPPED = "stopped"


class Cause(Enum):
    """Why the link is down (RECONNECTING) or the session was refused (PROTOCOL_ERROR).

    The facts each cause carries are named in its comment; kds.ui.connection words them.
    """

    CLOSED_BY_CONNECTOR = "closed_by_connector"  # the connector ended the session
    PRINTING_TAKEN_OVER = "printing_taken_over"  # closed with 4001: another device prints now
    PRINTING_GRANTED = "printing_granted"  # closed with 4002: reconnect to get the role
    REFUSED = "refused"  # nothing listens at the connector's address
    ADDRESS_NOT_FOUND = "address_not_found"
    NO_ANSWER = "no_answer"
    CONNECTION_LOST = "connection_lost"
    MESSAGE_TOO_BIG = "message_too_big"  # facts: limit (the receive limit, bytes)
    HTTP_STATUS = "http_status"  # facts: status (the HTTP answer to the upgrade)
    NETWORK_ERROR = "network_error"  # facts: error (the system's words)
    CANNOT_STORE = "cannot_store"  # facts: error (the store's words)
    INTERNAL_ERROR = "internal_error"  # facts: error (a bug's message)
    CONNECTOR_ERROR = "connector_error"  # facts: code, message (its `error`)
    UNREADABLE_WELCOME = "unreadable_welcome"  # facts: error (why hello's answer is unreadable)
    NOT_A_WELCOME = "not_a_welcome"  # facts: type (the message that came instead)
    PROTOCOL_MISMATCH = "protocol_mismatch"  # facts: connector, device (the versions)
    CONNECTOR_BEHIND = "connector_behind"  # facts: connector_seq, device_seq (reset?)


@dataclass(frozen=True)
class Detail:
    """A `Cause` and its facts (names as in the cause's comment), not words."""

    cause: Cause
    facts: Mapping[str, str | int] = field(default_factory=dict, hash=False)

    def __str__(self) -> str:
        """For logs: the cause and its facts."""
        facts = ", ".join(f"{name}={value}" for name, value in self.facts.items())
        return f"{self.cause.value}: {facts}" if facts else self.cause.value


@dataclass(frozen=True)
class ConnectionState:
    """Where the link to the connector is, since when, and why (`detail`).

    Values only: kds.ui.connection words them for the screen (translatable).
    """

    phase: Phase
    since: datetime
    detail: Detail | None = None

    def __str__(self) -> str:
        """For logs, e.g. ``reconnecting (refused)``."""
        return f"{self.phase.value} ({self.detail})" if self.detail else self.phase.value


@dataclass(frozen=True)
class Backoff:
    """Capped exponential backoff with jitter: initial, x factor per attempt, at most cap.

    `jitter` is the +/- fraction applied to each delay, so devices that lost the connector
    together do not all come back in the same millisecond.
    """

    initial: float = 0.5
    cap: float = 30.0
    factor: float = 2.0
    jitter: float = 0.2
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def delay(self, attempt: int) -> float:
        """The wait before retry number `attempt` (0 = the first retry)."""
        base = min(self.cap, self.initial * self.factor ** min(attempt, 64))
        spread = 1.0 + self.jitter * (2.0 * self.rng.random() - 1.0)
        return min(self.cap, max(0.0, base * spread))


@dataclass(frozen=True)
class LinkHealth:
    """What the last connections say about the next one.

    `retries` counts failed connections and sessions that ended before they were healthy,
    since the last healthy session (it picks the backoff delay); `failing_seq` is the event
    that could not be stored when each of the last `failures` sessions in a row ended.
    """

    retries: int = 0
    failing_seq: int | None = None
    failures: int = 0


@dataclass(frozen=True)
class SessionRules:
    """When a session counts as healthy, and when a frame that keeps ending them is skipped.

    Sans-I/O: health and facts in, new health out; the caller passes the clock's `now`.
    A session is healthy once it stayed connected `healthy_after` or stored `healthy_events`
    events: only then does the backoff start again from its first delay, so a connector
    whose every session dies at once is not retried in a tight loop. An event on which
    `skip_after` sessions in a row ended is rejected the next time it cannot be stored.
    """

    healthy_after: timedelta = timedelta(seconds=30)
    healthy_events: int = 10
    skip_after: int = 2

    def connect_failed(self, health: LinkHealth) -> LinkHealth:
        """No session at all (refused, unreachable, no welcome)."""
        return replace(health, retries=health.retries + 1)

    def session_ended(
        self,
        health: LinkHealth,
        *,
        welcomed_at: datetime,
        now: datetime,
        stored: int,
        failed_seq: int | None,
    ) -> LinkHealth:
        """A session that had its welcome ended; `failed_seq` is the event it died storing."""
        healthy = now - welcomed_at >= self.healthy_after or stored >= self.healthy_events
        retries = 1 if healthy else health.retries + 1
        if failed_seq is None:
            return LinkHealth(retries)
        failures = health.failures + 1 if failed_seq == health.failing_seq else 1
        return LinkHealth(retries, failed_seq, failures)

    def skips(self, health: LinkHealth, seq: int) -> bool:
        """True when event `seq` ended the last `skip_after` sessions: reject, don't die again."""
        return health.failing_seq == seq and health.failures >= self.skip_after

    def delay(self, health: LinkHealth, backoff: Backoff) -> float:
        """The wait before the next connection attempt."""
        return backoff.delay(max(0, health.retries - 1))


# The English source of each cause's words; kds.ui translates them with tr(). The fields
# are the cause's facts.
_CAUSES = {
    Cause.CLOSED_BY_CONNECTOR: N_("the connector closed the connection"),
    Cause.PRINTING_TAKEN_OVER: N_("printing was taken over by another device"),
    Cause.PRINTING_GRANTED: N_("the printing role moved to this device"),
    Cause.REFUSED: N_("connection refused"),
    Cause.ADDRESS_NOT_FOUND: N_("connector address not found"),
    Cause.NO_ANSWER: N_("no answer from the connector"),
    Cause.CONNECTION_LOST: N_("connection lost"),
    Cause.MESSAGE_TOO_BIG: N_("the connector sent a message over {limit} bytes"),
    Cause.HTTP_STATUS: N_("connector answered HTTP {status}"),
    Cause.NETWORK_ERROR: "{error}",
    Cause.CANNOT_STORE: N_("cannot store events: {error}"),
    Cause.INTERNAL_ERROR: N_("internal error: {error}"),
    Cause.CONNECTOR_ERROR: "{code}: {message}",
    Cause.UNREADABLE_WELCOME: N_("unreadable answer to hello: {error}"),
    Cause.NOT_A_WELCOME: N_("expected welcome, got {type}"),
    Cause.PROTOCOL_MISMATCH: N_("connector speaks protocol {connector}, this device {device}"),
    Cause.CONNECTOR_BEHIND: N_(
        "the connector's event log ends at {connector_seq} but this device already holds "
        "{device_seq}: was the connector reset? (reset this device's data or restore the "
        "connector's)"
    ),
}


def cause_said(detail: Detail) -> Words:
    """Why a link failed, as words a screen says again in its language (`Words.say`)."""
    return Words(_CAUSES[detail.cause], **detail.facts)


def cause_words(detail: Detail, translate: Callable[[str], str] = str) -> str:
    """Why a link failed, in words: `translate` is the UI's tr() (the set-up and the CLI
    use the English source)."""
    return cause_said(detail).say(translate)
