"""Order text is made harmless and printable on a fixed code page, and wraps by display width."""

from __future__ import annotations

import unicodedata

import pytest

from printing.text import (
    UNPRINTABLE_MARKER,
    display_width,
    encode_for_codepage,
    sanitize,
    to_codepage,
    wrap,
)

CODEPAGES = ["cp858", "cp437", "cp850", "cp1252", "cp865", "cp852", "cp866"]

BIDI = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
INVISIBLE = "\u200b\u200c\u200d\ufeff\u00ad\u2060\u180e\U000e0041\ufe0f"


def hostile_strings() -> list[str]:
    """More than a hundred strings an attacker, a broken POS or a keyboard might send."""
    strings: list[str] = [f"Schnitzel{chr(c)}Pommes" for c in range(0x20)]
    strings += [f"Bier{chr(c)}" for c in range(0x7F, 0xA0)]
    strings += [f"Salat{ch}Dressing" for ch in BIDI]
    strings += [f"Kaffee{ch}Milch" for ch in INVISIBLE]
    strings += [
        "\x1b@",  # ESC @ (reset)
        "\x1dV\x00",  # GS V (full cut)
        "\x1dVB\x00",  # GS V 66 (partial cut)
        "\x1bp\x00\x19\xfa",  # ESC p (open the cash drawer)
        "\x1bB\x09\x09",  # ESC B (buzzer)
        "\x1b(A\x04\x000a\x09\x09",  # ESC ( A (buzzer)
        "\x10\x04\x01",  # DLE EOT (status)
        "\x10\x14\x01\x00\x05",  # DLE DC4 (drawer pulse)
        "\x1c.\x1c&",  # FS kanji mode
        "\x1dv0\x00\x01\x00\x01\x00\xff",  # GS v 0 raster image
        "\x1bt\x00Mal\x1bt\x10",  # code page switching
        "\x1b!\x38HUGE",  # ESC ! big bold
        "\x1dB\x01inverted",
        "\x1ba\x02",
        "\x00" * 100,
        "\x01@cut\x02",  # our own data markers
        "\r\n\r\n\r\n",
        "Zeile 1\nZeile 2\rZeile 3\u2028Zeile 4\u2029Zeile 5\x85Ende",
        "\t\ttabs\t",
        "x" * 10_000,
        "€" * 10_000,
        "🍔",
        "Burger 🍔🍟 mit Cola 🥤",
        "👨‍👩‍👧‍👦 Familienpizza",
        "🇩🇪 Flagge",
        "❤️ Liebe",
        "宫保鸡丁",
        "ラーメン大盛り",
        "김치찌개",
        "ＡＢＣ１２３",  # fullwidth
        "e\u0301 cafe\u0301 Cre\u0300me",  # combining marks
        "Z̴̡̢͈a̸̙l̷̦g̶̢o̵̟ text",
        "n\u0303 a\u030a o\u0308",
        "\ud800",
        "\udfff",
        "a\udc00b",
        "\u202egnp.exe",
        "مرحبا بالعالم",
        "שלום עולם",
        "ประเทศไทย",
        "{{ 7*7 }}",
        "{% raw %}{{ order }}{% endraw %}",
        "@cut",
        "@invert @big HACK",
        "@pair links | rechts",
        "| 99,99 €",
        "\uf8ff private use",
        "\U0010ffff",
        "\u0378 unassigned",
        "a\u00a0b\u2003c\u3000d",  # space-like characters
        "",
        " ",
        "€ äöü ÄÖÜ ß éèàç ëĳ ñ åøæ",
    ]
    return strings


HOSTILE = hostile_strings()


def test_there_are_more_than_a_hundred_hostile_strings() -> None:
    assert len(HOSTILE) >= 100


def _is_forbidden(ch: str) -> bool:
    code = ord(ch)
    return (
        code < 0x20
        or 0x7F <= code <= 0x9F
        or ch in BIDI
        or unicodedata.category(ch) in ("Cc", "Cf", "Cs")
        or 0xFE00 <= code <= 0xFE0F
    )


@pytest.mark.parametrize("hostile", HOSTILE, ids=range(len(HOSTILE)))
def test_sanitize_leaves_no_control_format_or_bidi_character(hostile: str) -> None:
    for multiline in (False, True):
        cleaned = sanitize(hostile, multiline=multiline)
        allowed_newline = "\n" if multiline else ""
        assert not [ch for ch in cleaned if ch != allowed_newline and _is_forbidden(ch)]
        assert cleaned == unicodedata.normalize("NFC", cleaned)
        assert sanitize(cleaned, multiline=multiline) == cleaned


@pytest.mark.parametrize("hostile", HOSTILE, ids=range(len(HOSTILE)))
def test_encoded_order_text_holds_no_control_byte_on_any_codepage(hostile: str) -> None:
    for codepage in CODEPAGES:
        data = encode_for_codepage(f"Pommes {hostile} Mayo", codepage)
        assert all(b >= 0x20 and b != 0x7F for b in data), (codepage, data[:80])
        assert data.startswith(b"Pommes ")
        assert data.endswith(b" Mayo")


def test_escpos_commands_in_a_note_print_as_harmless_text() -> None:
    assert encode_for_codepage("ohne\x1b@ Salz\x1dV\x00!\x1bp\x00\x19\xfa", "cp858") == (
        b"ohne@ SalzV!p\xa3"  # U+00FA is "ú" (0xA3 in cp858); the control bytes are gone
    )


def test_line_breaks_become_spaces_or_separate_lines() -> None:
    assert sanitize("no onions\r\nextra spicy") == "no onions extra spicy"
    assert sanitize("no onions\r\nextra spicy\n", multiline=True) == "no onions\nextra spicy"
    assert sanitize("a\u2028b\x85c", multiline=True) == "a\nb\nc"


def test_combining_marks_compose() -> None:
    assert sanitize("Cafe\u0301 Cre\u0300me") == "Café Crème"
    assert encode_for_codepage("Cafe\u0301", "cp858") == b"Caf\x82"


def test_bidi_and_zero_width_characters_are_removed() -> None:
    assert sanitize("\u202egnp.exe") == "gnp.exe"
    assert sanitize("Ka\u200bffee\u00ad\ufeff") == "Kaffee"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("€", b"\xd5"),
        ("äöü ÄÖÜ ß", "äöü ÄÖÜ ß".encode("cp858")),
        ("éèàç", b"\x82\x8a\x85\x87"),
        ("ë", b"\x89"),
        ("ñ", b"\xa4"),
        ("åøæ ÅØÆ", "åøæ ÅØÆ".encode("cp858")),
        ("ĳ", b"ij"),
        ("12,50 €", b"12,50 \xd5"),
    ],
)
def test_cp858_prints_european_characters_natively(text: str, expected: bytes) -> None:
    assert encode_for_codepage(text, "cp858") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,50 €", "12,50 EUR"),
        ("Smørrebrød", "Smorrebrod"),
        ("äöü ß é ñ å æ", "äöü ß é ñ å æ"),  # cp437 has these
        ("„Spezial“ – scharf…", '"Spezial" - scharf...'),
        ("‘Tom’s’", "'Tom's'"),
        ("½ Hähnchen", "½ Hähnchen"),  # cp437 has ½
        ("Œuf ĳs", "OEuf ijs"),
    ],
)
def test_cp437_transliterates_what_it_lacks(text: str, expected: str) -> None:
    assert to_codepage(text, "cp437") == expected
    assert encode_for_codepage(text, "cp437") == expected.encode("cp437")


def test_transliteration_when_the_codepage_lacks_a_character() -> None:
    assert to_codepage("Straße ½ €", "cp866") == "Strasse 1/2 EUR"
    assert to_codepage("Crème brûlée", "cp866") == "Creme brulee"
    assert to_codepage("3 × Äpfel…", "cp437") == "3 x Äpfel..."


def test_missing_scripts_get_a_visible_marker_never_a_silent_question_mark() -> None:
    assert to_codepage("Ente 宫保鸡丁 scharf", "cp858") == f"Ente {UNPRINTABLE_MARKER} scharf"
    assert to_codepage("ラーメン", "cp437") == UNPRINTABLE_MARKER
    assert b"?" not in encode_for_codepage("Ente 宫保鸡丁", "cp858").replace(b"(?)", b"")


def test_emoji_print_as_words_never_vanish() -> None:
    assert to_codepage("scharf 🌶", "cp858") == "scharf [hot pepper]"
    assert to_codepage("scharf🌶️!", "cp858") == "scharf [hot pepper]!"  # with VS16
    assert to_codepage("Burger 🍔 mit Pommes 🍟", "cp437") == (
        "Burger [hamburger] mit Pommes [french fries]"
    )
    assert to_codepage("🎉🎉🎉 Geburtstag", "cp858") == "[party popper x3] Geburtstag"
    assert to_codepage("Torte 🎉🎉", "cp858") == "Torte [party popper x2]"
    assert to_codepage("❤ danke 👍🏽", "cp858") == "[heart] danke [thumbs up]"
    assert to_codepage("Pizza🇮🇹 bitte", "cp858") == "Pizza [flag IT] bitte"
    assert to_codepage("⚠ Nüsse", "cp858") == "[warning] Nüsse"
    assert to_codepage("👨‍👩‍👧‍👦 Familienpizza", "cp858") == (
        "[man] [woman] [girl] [boy] Familienpizza"
    )
    # Symbols the code page has, or spells, are not turned into words.
    assert to_codepage("©™ 90°", "cp858") == "©TM 90°"


def test_an_emoji_without_a_name_in_the_unicode_tables_is_marked() -> None:
    # An emoji newer than Python's Unicode database (e.g. Unicode 15 ginger root on 3.11).
    unnamed = next(
        chr(code) for code in range(0x1FA70, 0x1FB00) if unicodedata.name(chr(code), "") == ""
    )
    assert to_codepage(f"mit {unnamed} Ingwer", "cp858") == f"mit {UNPRINTABLE_MARKER} Ingwer"


def test_fullwidth_letters_become_ascii() -> None:
    assert to_codepage("ＡＢＣ１２３", "cp858") == "ABC123"


def test_every_character_to_codepage_keeps_encodes_to_one_byte() -> None:
    for hostile in HOSTILE:
        for codepage in CODEPAGES:
            shown = to_codepage(hostile, codepage).replace("\n", " ")
            assert len(shown.encode(codepage)) == len(shown)


def test_unknown_codepage_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown code page"):
        encode_for_codepage("x", "no-such-codepage")


def test_display_width_counts_wide_and_combining_characters() -> None:
    assert display_width("Schnitzel") == 9
    assert display_width("宫保鸡丁") == 8
    assert display_width("ＡＢ") == 4
    assert display_width("e\u0301") == 1
    assert display_width("") == 0


def test_wrap_breaks_at_spaces_with_a_hanging_indent() -> None:
    lines = wrap("  + Pommes frites mit Mayonnaise und Ketchup", 16, indent="    ")
    assert lines == ["  + Pommes", "    frites mit", "    Mayonnaise", "    und Ketchup"]
    assert all(display_width(line) <= 16 for line in lines)


def test_wrap_splits_words_longer_than_a_line() -> None:
    lines = wrap("Donaudampfschifffahrtsgesellschaftskapitän", 16)
    assert lines == ["Donaudampfschiff", "fahrtsgesellscha", "ftskapitän"]


def test_wrap_counts_cjk_as_double_width() -> None:
    lines = wrap("宫保鸡丁宫保鸡丁宫保", 8)
    assert lines == ["宫保鸡丁", "宫保鸡丁", "宫保"]
    assert all(display_width(line) <= 8 for line in lines)


def test_wrap_never_exceeds_the_width_for_hostile_text() -> None:
    for hostile in HOSTILE:
        text = sanitize(hostile)
        for width in (1, 2, 3, 16, 32):
            lines = wrap(text, width, indent="  ")
            # Only a character wider than the whole line may stand alone on an over-wide line.
            assert all(display_width(line) <= max(width, 2) for line in lines)
            assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_wrap_of_empty_text_is_one_empty_line() -> None:
    assert wrap("", 32) == [""]
    with pytest.raises(ValueError, match="width"):
        wrap("x", 0)
