"""The connection line in words staff understand: net reports values, this module words them."""

from __future__ import annotations

from datetime import tzinfo

from kds.i18n import local_time
from kds.net.state import ConnectionState, Detail, Phase, cause_words
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


def describe_cause(detail: Detail) -> str:
    """Why the link is down, in words (translated)."""
    return cause_words(detail, tr)


def describe_connection(state: ConnectionState, tz: tzinfo | None = None) -> str:
    """The connection line; times in `tz` (None: this computer's local time)."""
    clock = local_time(state.since, tz, seconds=True)
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
