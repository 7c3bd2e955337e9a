"""The ESC/POS interpreter reads back what a printer would print, and survives garbage."""

from __future__ import annotations

import random

import pytest

from printing.decode import PaperLine, decode_escpos, split_jobs

ESC = b"\x1b"
GS = b"\x1d"


def test_plain_lines_and_styles() -> None:
    data = (
        ESC + b"@" + ESC + b"t\x13"  # cp858
        + ESC + b"a\x01" + ESC + b"!\x38" + b"#17\n"
        + ESC + b"a\x00" + ESC + b"!\x00" + b"2 x Schnitzel\n"
        + GS + b"B\x01" + b" ALLERGENS: Gluten\n" + GS + b"B\x00"
        + ESC + b"E\x01" + b"fett\n" + ESC + b"E\x00"
        + GS + b"!\x11" + b"gross\n" + GS + b"!\x00"
        + ESC + b"a\x02" + b"12,50 \xd5\n"
        + GS + b"VB\x00"
    )  # fmt: skip
    job = decode_escpos(data)
    assert job.lines == (
        PaperLine("#17", bold=True, double_width=True, double_height=True, align="center"),
        PaperLine("2 x Schnitzel"),
        PaperLine(" ALLERGENS: Gluten", inverted=True),
        PaperLine("fett", bold=True),
        PaperLine("gross", double_width=True, double_height=True),
        PaperLine("12,50 €", align="right"),
    )
    assert job.text == "#17\n2 x Schnitzel\n ALLERGENS: Gluten\nfett\ngross\n12,50 €"
    assert (job.cuts, job.buzzer, job.drawer_kicks, job.unknown) == (1, False, 0, ())


@pytest.mark.parametrize(
    ("number", "byte", "char"),
    [(0, 0x9B, "¢"), (2, 0x9B, "ø"), (5, 0x9B, "ø"), (16, 0x80, "€"), (17, 0x80, "А"),
     (18, 0x9C, "ť"), (19, 0xD5, "€")],
)  # fmt: skip
def test_code_page_selection(number: int, byte: int, char: str) -> None:
    job = decode_escpos(ESC + b"t" + bytes([number]) + bytes([byte]) + b"\n")
    assert job.text == char


def test_default_codepage_and_reset() -> None:
    job = decode_escpos(b"\x9b\n" + ESC + b"t\x13" + b"\xd5\n" + ESC + b"@" + b"\x9b\n")
    assert job.text == "¢\n€\n¢"
    assert decode_escpos(b"\xd5\n", default_codepage="cp858").text == "€"


def test_reset_drops_an_unprinted_partial_line() -> None:
    assert decode_escpos(b"weg" + ESC + b"@" + b"da\n").text == "da"


def test_machine_actions_are_counted() -> None:
    data = (
        ESC + b"B\x02\x04"  # buzzer
        + ESC + b"p\x00\x19\xfa"  # drawer kick
        + b"\x10\x14\x01\x00\x05"  # DLE DC4 drawer pulse
        + b"\x10\x04\x01"  # DLE EOT status request: ignored
        + GS + b"v0\x00\x02\x00\x03\x00" + b"\x1dV\x00\x0a\x1b@"  # raster 2x3 holding "GS V"
        + b"ok\n" + GS + b"V\x00" + GS + b"VA\x03"
    )  # fmt: skip
    job = decode_escpos(data)
    assert job.text == "ok"
    assert (job.buzzer, job.drawer_kicks, job.raster_images, job.cuts) == (True, 2, 1, 2)
    assert job.unknown == ()


def test_esc_paren_a_is_the_buzzer() -> None:
    assert decode_escpos(ESC + b"(A\x04\x00\x30\x61\x03\x0a").buzzer


def test_feeds_end_a_line_but_add_no_text_lines() -> None:
    job = decode_escpos(b"a" + ESC + b"d\x05" + b"b\n\n" + ESC + b"J\x20")
    assert job.text == "a\nb\n"


def test_unknown_commands_are_recorded_not_raised() -> None:
    job = decode_escpos(b"x\n" + ESC + b"\x7e" + b"\x00" + b"\x07" + b"y\n" + GS)
    assert job.text == "x\ny"
    assert job.unknown == ("ESC ~", "0x00", "0x07", "truncated 0x1D at end")


def test_truncated_commands_at_the_end() -> None:
    for tail in (ESC + b"t", GS + b"V", GS + b"v0\x00\x10\x00\x10\x00\xff", ESC + b"(A\x05"):
        job = decode_escpos(b"ok\n" + tail)
        assert job.text == "ok"
        assert len(job.unknown) == 1 and job.unknown[0].startswith("truncated")


def test_random_garbage_never_crashes() -> None:
    rng = random.Random(20261123)
    for _ in range(300):
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))
        job = decode_escpos(data)
        assert job.cuts >= 0 and isinstance(job.text, str)
        assert sum(len(j) for j in split_jobs(data)) == len(data)


def test_split_jobs_at_cuts() -> None:
    first = ESC + b"@" + b"eins\n" + GS + b"VB\x00"
    second = ESC + b"@" + b"zwei\n" + GS + b"V\x01"
    raster = GS + b"v0\x00\x01\x00\x02\x00" + b"\x1dV"  # the image bytes look like a cut
    assert split_jobs(first + second) == [first, second]
    assert split_jobs(first + raster + b"rest\n") == [first, raster + b"rest\n"]
    assert split_jobs(b"") == []
    assert [decode_escpos(j).text for j in split_jobs(first + second)] == ["eins", "zwei"]
