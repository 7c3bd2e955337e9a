"""DLE EOT decoding: what staff are told for each answer a printer can give."""

from __future__ import annotations

import pytest

from printing.status import (
    QUERY_OFFLINE_CAUSE,
    QUERY_PAPER_SENSOR,
    QUERY_PRINTER_STATUS,
    STANDARD_QUERIES,
    PrinterStatus,
    decode,
    is_status_byte,
    query,
)


@pytest.mark.parametrize(
    ("answers", "healthy", "problem", "flags"),
    [
        # (DLE EOT 1, 2, 4 answers)
        ((0x12, 0x12, 0x12), True, None, {}),
        # drawer pin 3 high: still fine
        ((0x16, 0x12, 0x12), True, None, {}),
        ((0x1A, 0x32, 0x7E), False, "paper out", {"paper_end", "paper_near_end"}),
        ((0x1A, 0x16, 0x12), False, "cover open", {"cover_open"}),
        ((0x1A, 0x12, 0x12), False, "offline", set()),
        ((0x12, 0x12, 0x1E), True, "paper low", {"paper_near_end"}),
        # only one of the two near-end bits set still means near end
        ((0x12, 0x12, 0x16), True, "paper low", {"paper_near_end"}),
        ((0x1A, 0x52, 0x12), False, "error", {"error"}),
        # cover open and paper out together: paper out is what needs doing first
        ((0x1A, 0x36, 0x72), False, "paper out", {"cover_open", "paper_end"}),
    ],
)
def test_standard_answers_become_words_staff_understand(
    answers: tuple[int, int, int], healthy: bool, problem: str | None, flags: set[str]
) -> None:
    status = decode(dict(zip(STANDARD_QUERIES, answers, strict=True)))
    assert status.answered
    assert status.healthy is healthy
    assert status.problem == problem
    for flag in ("cover_open", "paper_end", "paper_near_end", "error"):
        assert getattr(status, flag) is (flag in flags), flag


def test_offline_flag_comes_from_printer_status_byte() -> None:
    assert decode({1: 0x1A}).online is False
    assert decode({1: 0x12}).online is True
    # Without DLE EOT 1 the offline causes decide.
    assert decode({2: 0x16}).online is False
    assert decode({4: 0x12}).online is True


def test_error_cause_bits() -> None:
    for byte, words in ((0x1A, "autocutter"), (0x32, "unrecoverable"), (0x52, "auto-recoverable")):
        status = decode({1: 0x1A, 3: byte})
        assert status.error
        assert status.problem == "error"
        assert words in status.detail


def test_detail_lists_every_cause() -> None:
    status = decode({1: 0x1A, 2: 0x36, 4: 0x7E})
    assert "cover open" in status.detail
    assert "paper roll end" in status.detail
    assert "paper near end" in status.detail
    assert decode({1: 0x12, 2: 0x12, 4: 0x12}).detail == "online"


@pytest.mark.parametrize("garbage", [0x00, 0xFF, 0x92, 0x13, 0x02, 0x10, 0x41])
def test_bytes_without_the_fixed_bits_are_a_garbled_error(garbage: int) -> None:
    assert not is_status_byte(garbage)
    status = decode({1: 0x12, 2: garbage, 4: 0x12})
    assert status.answered
    assert not status.healthy
    assert status.error
    assert status.problem == "error"
    assert "garbled status" in status.detail
    assert f"0x{garbage:02x}" in status.detail


def test_every_byte_with_the_fixed_pattern_is_accepted() -> None:
    valid = [b for b in range(256) if is_status_byte(b)]
    assert len(valid) == 16  # 4 free bits
    assert all((b & 0x93) == 0x12 for b in valid)


def test_no_answers_is_no_answer() -> None:
    status = decode({})
    assert not status.answered
    assert not status.healthy
    assert status.problem == "no answer"
    assert not status.ok_to_send


def test_no_answer_keeps_the_reason() -> None:
    status = PrinterStatus.NO_ANSWER("no answer within 1 s")
    assert status.detail == "no answer within 1 s"
    assert status.problem == "no answer"


def test_not_supported_is_sent_not_confirmed() -> None:
    status = PrinterStatus.NOT_SUPPORTED()
    assert status.detail == "sent, not confirmed"
    assert not status.healthy  # nothing is confirmed
    assert status.problem is None  # and nothing is known to be wrong
    assert status.ok_to_send
    assert not status.status_supported


def test_queries() -> None:
    assert QUERY_PRINTER_STATUS == b"\x10\x04\x01"
    assert QUERY_OFFLINE_CAUSE == b"\x10\x04\x02"
    assert QUERY_PAPER_SENSOR == b"\x10\x04\x04"
    assert query(3) == b"\x10\x04\x03"
    with pytest.raises(ValueError, match="1-4"):
        query(5)
