"""What staff read about the connection: net's values worded by the UI, through tr()."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from kds.net import MAX_RECEIVE_BYTES, Cause, ConnectionState, Detail, Phase
from kds.ui.connection import connection_severity, describe_cause, describe_connection
from kds.ui.status import Severity

pytestmark = pytest.mark.usefixtures("qapp")

SINCE = datetime(2026, 11, 23, 20, 14, 3, tzinfo=UTC)


@pytest.mark.parametrize(
    ("phase", "detail", "text"),
    [
        (Phase.CONNECTING, None, "connecting to the connector"),
        (Phase.CONNECTED, None, "connected"),
        (
            Phase.RECONNECTING,
            Detail(Cause.REFUSED),
            "reconnecting since 20:14:03 (connection refused)",
        ),
        (Phase.RECONNECTING, None, "reconnecting since 20:14:03"),
        (
            Phase.TOKEN_REFUSED,
            None,
            "token refused by the connector — check [connector] token in the config file",
        ),
        (
            Phase.PROTOCOL_ERROR,
            Detail(Cause.CONNECTOR_ERROR, {"code": "bad", "message": "thing"}),
            "protocol error: bad: thing",
        ),
        (Phase.STOPPED, None, "stopped"),
    ],
)
def test_describe_in_words_staff_understand(phase: Phase, detail: Detail | None, text: str) -> None:
    assert describe_connection(ConnectionState(phase, SINCE, detail), UTC) == text


def test_describe_uses_the_restaurants_clock() -> None:
    state = ConnectionState(Phase.RECONNECTING, SINCE, Detail(Cause.NO_ANSWER))
    assert describe_connection(state, timezone(timedelta(hours=1))) == (
        "reconnecting since 21:14:03 (no answer from the connector)"
    )


CAUSES = [
    (Detail(Cause.REFUSED), "connection refused"),
    (Detail(Cause.NO_ANSWER), "no answer from the connector"),
    (Detail(Cause.CONNECTOR_ERROR, {"code": "bye", "message": "no"}), "bye: no"),
    (Detail(Cause.CLOSED_BY_CONNECTOR), "the connector closed the connection"),
    (Detail(Cause.PRINTING_TAKEN_OVER), "printing was taken over by another device"),
    (Detail(Cause.PRINTING_GRANTED), "the printing role moved to this device"),
    (Detail(Cause.ADDRESS_NOT_FOUND), "connector address not found"),
    (Detail(Cause.CONNECTION_LOST), "connection lost"),
    (
        Detail(Cause.MESSAGE_TOO_BIG, {"limit": MAX_RECEIVE_BYTES}),
        f"the connector sent a message over {MAX_RECEIVE_BYTES} bytes",
    ),
    (Detail(Cause.HTTP_STATUS, {"status": 503}), "connector answered HTTP 503"),
    (Detail(Cause.NETWORK_ERROR, {"error": "Network is unreachable"}), "Network is unreachable"),
    (
        Detail(Cause.CANNOT_STORE, {"error": "disk I/O error"}),
        "cannot store events: disk I/O error",
    ),
    (Detail(Cause.INTERNAL_ERROR, {"error": "boom {x}"}), "internal error: boom {x}"),
    (
        Detail(Cause.UNREADABLE_WELCOME, {"error": "not valid JSON"}),
        "unreadable answer to hello: not valid JSON",
    ),
    (Detail(Cause.NOT_A_WELCOME, {"type": "order.created"}), "expected welcome, got order.created"),
    (
        Detail(Cause.PROTOCOL_MISMATCH, {"connector": 2, "device": 1}),
        "connector speaks protocol 2, this device 1",
    ),
    (
        Detail(Cause.CONNECTOR_BEHIND, {"connector_seq": 1, "device_seq": 9}),
        "the connector's event log ends at 1 but this device already holds 9: was the "
        "connector reset? (reset this device's data or restore the connector's)",
    ),
]


@pytest.mark.parametrize(("detail", "words"), CAUSES)
def test_every_cause_has_words(detail: Detail, words: str) -> None:
    assert describe_cause(detail) == words


def test_no_cause_is_left_without_words() -> None:
    assert {detail.cause for detail, _ in CAUSES} == set(Cause)


def test_trouble_is_loud_and_connected_is_calm() -> None:
    assert connection_severity(Phase.CONNECTED) is Severity.OK
    assert connection_severity(Phase.RECONNECTING) is Severity.WARNING
    assert connection_severity(Phase.TOKEN_REFUSED) is Severity.ERROR
    assert connection_severity(Phase.PROTOCOL_ERROR) is Severity.ERROR
