"""The connection line in words staff understand: net reports values, this module words them."""

from __future__ import annotations

from datetime import tzinfo

from kds.net.state import Cause, ConnectionState, Detail, Phase
from kds.ui.cards import tr
from kds.ui.status import Severity

_SEVERITY = {
    Phase.CONNECTED: Severity.OK,
    Phase.CONNECTING: Severity.WARNING,
    Phase.RECONNECTING: Severity.WARNING,
    Phase.TOKEN_REFUSED: Severity.ERROR,
    Phase.PROTOCOL_ERROR: Severity.ERROR,
    Phase.STOPPED: Severity.ERROR,
}

# Translated where used (tr(_CAUSES[cause])); the fields are the cause's facts.
_CAUSES = {
    Cause.CLOSED_BY_CONNECTOR: "the connector closed the connection",
    Cause.PRINTING_TAKEN_OVER: "printing was taken over by another device",
    Cause.PRINTING_GRANTED: "the printing role moved to this device",
    Cause.REFUSED: "connection refused",
    Cause.ADDRESS_NOT_FOUND: "connector address not found",
    Cause.NO_ANSWER: "no answer from the connector",
    Cause.CONNECTION_LOST: "connection lost",
    Cause.MESSAGE_TOO_BIG: "the connector sent a message over {limit} bytes",
    Cause.HTTP_STATUS: "connector answered HTTP {status}",
    Cause.NETWORK_ERROR: "{error}",
    Cause.CANNOT_STORE: "cannot store events: {error}",
    Cause.INTERNAL_ERROR: "internal error: {error}",
    Cause.CONNECTOR_ERROR: "{code}: {message}",
    Cause.UNREADABLE_WELCOME: "unreadable answer to hello: {error}",
    Cause.NOT_A_WELCOME: "expected welcome, got {type}",
    Cause.PROTOCOL_MISMATCH: "connector speaks protocol {connector}, this device {device}",
    Cause.CONNECTOR_BEHIND: (
        "the connector's event log ends at {connector_seq} but this device already holds "
        "{device_seq}: was the connector reset? (reset this device's data or restore the "
        "connector's)"
    ),
}


def describe_cause(detail: Detail) -> str:
    """Why the link is down, in words."""
    return tr(_CAUSES[detail.cause]).format(**detail.facts)


def describe_connection(state: ConnectionState, tz: tzinfo | None = None) -> str:
    """The connection line; times in `tz` (None: this computer's local time)."""
    clock = state.since.astimezone(tz).strftime("%H:%M:%S")
    match state.phase:
        case Phase.CONNECTING:
            return tr("connecting to the connector")
        case Phase.CONNECTED:
            return tr("connected")
        case Phase.RECONNECTING if state.detail is not None:
            text = tr("reconnecting since {time} ({reason})")
            return text.format(time=clock, reason=describe_cause(state.detail))
        case Phase.RECONNECTING:
            return tr("reconnecting since {time}").format(time=clock)
        case Phase.TOKEN_REFUSED:
            return tr("token refused by the connector — check [connector] token in the config file")
        case Phase.PROTOCOL_ERROR if state.detail is not None:
            return tr("protocol error: {reason}").format(reason=describe_cause(state.detail))
        case Phase.PROTOCOL_ERROR:
            return tr("protocol error")
        case Phase.STOPPED:
            return tr("stopped")


def connection_severity(phase: Phase) -> Severity:
    """How loud the connection line is."""
    return _SEVERITY[phase]
