"""Tickets render to the exact bytes we expect, and read back as what a cook must see.

Golden files: tests/printing/golden/<template>_<columns>.bin (the exact bytes) and .txt
(the decoded paper, with style flags, for reviewing a change by eye). After an intended
change, regenerate and review the diff of the .txt files:

    KDS_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/printing/test_render.py
"""

from __future__ import annotations

import os
import unicodedata
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from kds import wire
from kds.domain.changes import diff_orders
from printing.decode import DecodedJob, command_names, decode_escpos
from printing.errors import PrintingError
from printing.render import (
    LateNotice,
    Paper,
    PrinterOptions,
    RenderedTicket,
    RenderError,
    TicketRequest,
    render,
    render_test_page,
)

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("KDS_UPDATE_GOLDEN") == "1"
BERLIN = timezone(timedelta(hours=1))
PRINTED_AT = datetime(2026, 11, 23, 12, 1, tzinfo=BERLIN)
PAPERS = {"58": Paper.mm58(), "80": Paper.mm80()}

# The commands our renderer emits; anything else in a job came from somewhere else.
RENDERER_COMMANDS = {"ESC @", "ESC t", "ESC M", "ESC !", "GS B", "ESC a", "LF", "GS V"}


def _order_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "webshop:1001",
        "external_id": "1001",
        "display_id": "A-17",
        "source": "webshop",
        "channel": "Lieferando",
        "revision": 1,
        "created_at": "2026-11-23T12:00:00+01:00",
        "fulfillment": {
            "type": "delivery",
            "asap": False,
            "due_at": "2026-11-23T12:45:00+01:00",
            "prepare_at": "2026-11-23T12:20:00+01:00",
            "address": {"lines": ["Hauptstraße 5"], "city": "Köln", "postal_code": "50667"},
        },
        "customer": {"name": "Jürgen Müller"},
        "notes": [
            {"kind": "kitchen", "text": "Bitte gut durch\nKlingel defekt"},
            {"kind": "allergy", "text": "Nussallergie!"},
        ],
        "restrictions": ["alcohol"],
        "items": [
            {
                "line_id": "1",
                "name": "Schnitzel Wiener Art",
                "quantity": "2",
                "variant": "groß",
                "unit_price": {"amount": "14.90", "currency": "EUR"},
                "modifiers": [
                    {
                        "name": "Pommes",
                        "action": "add",
                        "quantity": "1",
                        "modifiers": [{"name": "Mayo", "action": "add", "quantity": "1"}],
                    },
                    {"name": "Zwiebeln", "action": "remove", "quantity": "1"},
                    {"name": "Medium", "action": "choose", "quantity": "1"},
                ],
                "notes": ["ohne Salz"],
                "allergens": ["Gluten", "Ei"],
            },
            {
                "line_id": "2",
                "name": "Crème brûlée",
                "quantity": "1",
                "unit_price": {"amount": "6.50", "currency": "EUR"},
            },
            {
                "line_id": "3",
                "name": "Heineken",
                "quantity": "1",
                "unit_price": {"amount": "3.20", "currency": "EUR"},
            },
        ],
        "totals": {
            "currency": "EUR",
            "subtotal": {"amount": "39.50", "currency": "EUR"},
            "discount": {"amount": "2.00", "currency": "EUR"},
            "delivery_fee": {"amount": "2.50", "currency": "EUR"},
            "tip": {"amount": "1.00", "currency": "EUR"},
            "tax": {"amount": "6.31", "currency": "EUR"},
            "total": {"amount": "41.00", "currency": "EUR"},
            "paid": True,
            "payment_method": "PayPal",
        },
        "loyalty": {
            "card": "DE-4711",
            "points_before": "120",
            "points_used": "20",
            "points_earned": "41",
            "points_after": "141",
            "wallet_before": {"amount": "5.00", "currency": "EUR"},
            "wallet_after": {"amount": "3.00", "currency": "EUR"},
            "referral_code": "JUERGEN5",
        },
    }
    data.update(overrides)
    return data


ORDER = wire.parse_order(_order_data())
# Revision 2: one more Schnitzel with extra cheese, the beer is gone, Stoofvlees added.
ORDER_V2 = wire.parse_order(
    _order_data(
        revision=2,
        items=[
            {
                **_order_data()["items"][0],
                "quantity": "3",
                "modifiers": [
                    *_order_data()["items"][0]["modifiers"],
                    {"name": "Extra Käse", "action": "add", "quantity": "1"},
                ],
            },
            _order_data()["items"][1],
            {"line_id": "4", "name": "Stoofvlees met friet", "quantity": "1"},
        ],
    )
)


def _request(template: str, **extra: Any) -> TicketRequest:
    values: dict[str, Any] = {
        "template": template,
        "order": ORDER,
        "items": ORDER.items,
        "printer_name": "Küche",
        "station_name": "Grill",
        "copy": 1,
        "copies": 2,
        "printed_at": PRINTED_AT,
    }
    values.update(extra)
    return TicketRequest(**values)


def _tickets() -> dict[str, TicketRequest | None]:
    return {
        "kitchen": _request("kitchen"),
        "receipt": _request("receipt", station_name=None, copies=1),
        "change": _request(
            "change", order=ORDER_V2, items=ORDER_V2.items, changes=diff_orders(ORDER, ORDER_V2)
        ),
        "void": _request("void", cancel_reason="Kunde hat storniert", banners=("REPRINT",)),
        "late": _request(
            "late",
            items=(),
            copies=1,
            late=LateNotice("kitchen ticket", PRINTED_AT - timedelta(minutes=5), "paper out"),
        ),
        "test": None,
    }


def _render(name: str, paper: Paper, **options: Any) -> RenderedTicket:
    request = _tickets()[name]
    printer = PrinterOptions(paper=paper, **options)
    if request is None:
        return render_test_page("Küche", printer, PRINTED_AT)
    return render(request, printer)


def _describe(job: DecodedJob) -> str:
    rows = []
    for line in job.lines:
        flags = "".join(
            flag if on else "."
            for flag, on in (
                ("B", line.bold),
                ("W", line.double_width),
                ("H", line.double_height),
                ("I", line.inverted),
            )
        )
        rows.append(f"{flags} {line.align[0]} |{line.text}")
    rows.append(f"cuts={job.cuts} buzzer={job.buzzer} unknown={list(job.unknown)}")
    return "\n".join(rows) + "\n"


def _fits(job: DecodedJob, columns: int) -> bool:
    return all(
        len(line.text) <= (columns // 2 if line.double_width else columns) for line in job.lines
    )


@pytest.mark.parametrize("columns", sorted(PAPERS))
@pytest.mark.parametrize("name", ["kitchen", "receipt", "change", "void", "late", "test"])
def test_golden_bytes(name: str, columns: str) -> None:
    ticket = _render(name, PAPERS[columns])
    job = decode_escpos(ticket.data)
    golden = GOLDEN / f"{name}_{columns}.bin"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_bytes(ticket.data)
        golden.with_suffix(".txt").write_text(_describe(job), encoding="utf-8")
    assert ticket.data == golden.read_bytes(), f"{golden.name} changed; see the module docstring"
    assert _describe(job) == golden.with_suffix(".txt").read_text(encoding="utf-8")
    # What we say the paper shows is what the bytes print, and it fits the paper.
    assert job.text == ticket.text
    assert _fits(job, PAPERS[columns].columns)
    assert (job.cuts, job.buzzer, job.drawer_kicks, job.unknown) == (1, False, 0, ())
    assert set(command_names(ticket.data)) <= RENDERER_COMMANDS


def _line(job: DecodedJob, text: str) -> Any:
    matches = [line for line in job.lines if line.text == text]
    assert matches, f"no line {text!r} in:\n{job.text}"
    return matches[0]


@pytest.mark.parametrize("paper", PAPERS.values(), ids=PAPERS.keys())
def test_kitchen_ticket_reads_right_for_a_cook(paper: Paper) -> None:
    job = decode_escpos(_render("kitchen", paper).data)
    first = job.lines[0]
    assert first.text == "#A-17"
    assert first.double_width and first.double_height and first.align == "center"
    assert _line(job, "DELIVERY").bold
    assert _line(job, "Due 12:45").double_height
    _line(job, "Start 12:20")
    assert _line(job, " Grill").inverted
    assert _line(job, " ALCOHOL: ID CHECK").inverted
    assert _line(job, "2 x Schnitzel Wiener Art").bold
    lines = job.text.split("\n")
    start = lines.index("2 x Schnitzel Wiener Art")
    assert lines[start + 1 : start + 7] == [
        "  (groß)",
        "  + Pommes",
        "    + Mayo",
        "  - NO Zwiebeln",
        "  > Medium",
        "  ! ohne Salz",
    ]
    assert _line(job, " ALLERGENS: Gluten, Ei").inverted
    assert _line(job, " ALLERGY: Nussallergie!").inverted
    assert "NOTE: Bitte gut durch\nNOTE: Klingel defekt" in job.text
    assert _line(job, "Copy 1/2").bold
    assert "webshop / Lieferando" in lines
    assert "Printed 23/11/2026 12:01" in lines
    assert "1 x Crème brûlée" in lines


def test_receipt_has_euro_amounts_totals_and_loyalty() -> None:
    job = decode_escpos(_render("receipt", Paper.mm80()).data)
    lines = job.text.split("\n")
    assert "2 x Schnitzel Wiener Art" + " " * 18 + "€29.80" in lines
    assert "    2 x €14.90" in lines
    assert "1 x Crème brûlée" + " " * 27 + "€6.50" in lines
    total = next(line for line in job.lines if line.text.startswith("TOTAL"))
    assert total.text == "TOTAL" + " " * 37 + "€41.00" and total.bold and total.double_height
    for words in ("Discount", "Delivery fee", "Tip", "incl. tax"):
        assert any(line.startswith(words) for line in lines), words
    assert "Discount" + " " * 34 + "-€2.00" in lines
    assert "PAID - PayPal" in lines
    for row in ("Card", "Points before", "Points used", "Points earned", "Points now"):
        assert any(line.startswith(row) for line in lines), row
    assert "Points used" + " " * 34 + "-20" in lines
    assert "Wallet now" + " " * 33 + "€3.00" in lines
    assert "Invite friends with code JUERGEN5" in lines


def test_receipt_without_points_used_does_not_print_minus_zero() -> None:
    loyalty = {**_order_data()["loyalty"], "points_used": "0", "points_after": "161"}
    order = wire.parse_order(_order_data(loyalty=loyalty))
    ticket = render(
        _request("receipt", order=order, items=order.items, station_name=None, copies=1),
        PrinterOptions(paper=Paper.mm80()),
    )
    lines = decode_escpos(ticket.data).text.split("\n")
    assert not any(line.startswith("Points used") for line in lines)
    assert not any(line.rstrip().endswith("-0") for line in lines)
    assert "Points earned" + " " * 32 + "+41" in lines


def test_receipt_on_a_printer_without_euro_sign_spells_it_out() -> None:
    ticket = _render("receipt", Paper.mm58(), codepage="cp437")
    job = decode_escpos(ticket.data)
    assert "TOTAL" + " " * 19 + "EUR41.00" in job.text.split("\n")
    assert "€" not in job.text
    assert job.text == ticket.text


def test_change_ticket_says_what_was_added_removed_and_changed() -> None:
    job = decode_escpos(_render("change", Paper.mm80()).data)
    assert _line(job, " CHANGE").inverted
    text = job.text
    assert "CHANGED:\n3 x Schnitzel Wiener Art\n  * quantity 2 -> 3\n  * + Extra Käse" in text
    assert "ADDED:\n1 x Stoofvlees met friet" in text
    assert "REMOVED:" in text and "1 x Heineken" in text
    assert _line(job, " REMOVED:").inverted
    assert "Crème brûlée" not in text  # unchanged lines are not reprinted


def test_void_ticket_is_big_and_lists_the_lines() -> None:
    job = decode_escpos(_render("void", Paper.mm58()).data)
    assert job.lines[0].text == "REPRINT" and job.lines[0].inverted
    void = _line(job, " VOID")
    assert void.double_width and void.inverted
    assert _line(job, "CANCELLED").double_height
    assert _line(job, " Grill").inverted  # the station, as on the ticket it voids
    assert "Reason: Kunde hat" in job.text
    assert "2 x Schnitzel Wiener Art" in job.text


def test_late_slip_says_which_ticket_was_held_when_and_why() -> None:
    job = decode_escpos(_render("late", Paper.mm80()).data)
    assert _line(job, " LATE").inverted
    assert _line(job, "#A-17").double_width
    assert _line(job, " Grill").inverted
    text = " ".join(line.text.strip() for line in job.lines)
    assert "LATE: #A-17 above was held in the printer 11:56-12:01 (paper out)." in text
    assert "If you have no #A-17 kitchen ticket, reprint it from the order's card." in text


def test_test_page_shows_the_codepage_characters() -> None:
    job = decode_escpos(_render("test", Paper.mm80()).data)
    lines = job.text.split("\n")
    assert "€ äöü ÄÖÜ ß" in lines and "é è à ç ë ï" in lines and "ñ å ø æ ij" in lines
    assert "123456789|" * 4 + "12345678" in lines
    assert _line(job, " Inverted").inverted
    job437 = decode_escpos(_render("test", Paper.mm58(), codepage="cp437").data)
    assert "EUR äöü ÄÖÜ ß" in job437.text.split("\n")


def test_buzzer_only_when_enabled() -> None:
    plain = decode_escpos(_render("kitchen", Paper.mm80()).data)
    loud = _render("kitchen", Paper.mm80(), buzzer=True)
    assert not plain.buzzer
    assert decode_escpos(loud.data).buzzer
    assert loud.data.startswith(b"\x1b@\x1bt\x13\x1bM\x00\x1b!\x00\x1dB\x00\x1ba\x00\x1bB\x02\x04")


def test_no_cut_when_the_printer_has_no_cutter() -> None:
    ticket = _render("kitchen", Paper.mm58(), cut=False)
    assert decode_escpos(ticket.data).cuts == 0
    assert ticket.data.endswith(b"\x1bd\x04")


def test_logo_is_printed_as_a_raster_image(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    Image.new("1", (64, 24), color=0).save(logo)
    ticket = _render("receipt", Paper.mm80(), logo=logo)
    job = decode_escpos(ticket.data)
    assert job.raster_images == 1
    assert job.text == ticket.text and job.unknown == ()
    assert b"\x1dv0\x00\x08\x00\x18\x00" in ticket.data  # 64 dots = 8 bytes wide, 24 high


def test_a_logo_wider_than_the_paper_is_scaled_down(tmp_path: Path) -> None:
    logo = tmp_path / "wide.png"
    Image.new("L", (1000, 100), color=0).save(logo)
    ticket = _render("receipt", Paper.mm58(), logo=logo)
    assert b"\x1dv0\x00\x30\x00\x26\x00" in ticket.data  # 384 dots wide, 38 high
    assert decode_escpos(ticket.data).raster_images == 1


def test_an_unreadable_logo_is_a_render_error(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"not an image")
    with pytest.raises(RenderError, match="receipt"):
        _render("receipt", Paper.mm58(), logo=logo)


def test_font_b_on_58mm() -> None:
    paper = Paper.mm58_font_b()
    ticket = _render("kitchen", paper)
    assert b"\x1bM\x01" in ticket.data
    assert _fits(decode_escpos(ticket.data), 42)


def test_paper_validation_and_presets() -> None:
    assert (Paper.mm58().columns, Paper.mm80().columns, Paper.mm80_42().columns) == (32, 48, 42)
    with pytest.raises(ValueError, match="columns"):
        Paper(80, 40, "a")
    with pytest.raises(ValueError, match="58 or 80"):
        Paper(76, 42, "a")


def _item(name: str, line_id: str, **extra: Any) -> dict[str, Any]:
    return {"line_id": line_id, "name": name, "quantity": "1", **extra}


def test_layout_directives_in_order_data_print_as_text() -> None:
    order = wire.parse_order(
        _order_data(
            items=[
                _item("@cut", "1"),
                _item("@invert @big HACK", "2", notes=["@rule"]),
                _item("{{ 7*7 }}", "3", unit_price={"amount": "1.00", "currency": "EUR"}),
                _item("Bier | 99,99 €", "4", unit_price={"amount": "2.00", "currency": "EUR"}),
            ]
        )
    )
    for template in ("kitchen", "receipt"):
        ticket = render(
            _request(template, order=order, items=order.items), PrinterOptions(paper=Paper.mm80())
        )
        job = decode_escpos(ticket.data)
        assert job.cuts == 1
        lines = job.text.split("\n")
        assert "1 x @cut" in lines
        assert any(line.startswith("1 x @invert @big HACK") for line in lines)
        assert any(line.startswith("1 x {{ 7*7 }}") for line in lines)
        assert not any("49" in line for line in lines)
    receipt = decode_escpos(
        render(
            _request("receipt", order=order, items=order.items), PrinterOptions(paper=Paper.mm80())
        ).data
    )
    assert "1 x Bier | 99,99 €" + " " * 25 + "€2.00" in receipt.text.split("\n")


def test_cjk_on_a_latin_codepage_gets_a_visible_marker() -> None:
    order = wire.parse_order(_order_data(items=[_item("宫保鸡丁 Kung Pao", "1")]))
    job = decode_escpos(render(_request("kitchen", order=order, items=order.items),
                               PrinterOptions(paper=Paper.mm58())).data)  # fmt: skip
    assert "1 x (?) Kung Pao" in job.text.split("\n")


def test_a_note_over_1000_characters_is_cut_at_a_word_and_says_how_much_is_missing() -> None:
    order = wire.parse_order(
        _order_data(
            notes=[{"kind": "kitchen", "text": "sehr " * 2000}],
            items=[_item("Suppe", "1", notes=["x" * 1500])],
        )
    )
    ticket = render(
        _request("kitchen", order=order, items=order.items), PrinterOptions(paper=Paper.mm80())
    )
    job = decode_escpos(ticket.data)
    assert _fits(job, 48)
    note = " ".join(line.text.strip() for line in job.lines if "NOTE:" in line.text or (
        line.text.startswith("  sehr")))  # fmt: skip
    # 200 whole words of the 2,000 ("sehr" is never cut), then how much is missing.
    assert note.count("sehr") == 200
    assert note.endswith("sehr sehr... (+8,999 characters not")
    assert "  printed)" in job.text.split("\n")
    # A single word longer than the limit can only be cut inside it.
    lines = job.text.split("\n")
    xs = "".join(line.strip() for line in lines if line.strip().startswith("x"))
    assert xs.startswith("x" * 1000 + "... (+500")


def hostile_strings() -> list[str]:
    """Over a hundred hostile strings (kept here: test files do not import each other)."""
    strings = [f"Wurst{chr(c)}Brot" for c in (*range(0x20), *range(0x7F, 0xA0))]
    strings += [f"Tarte{ch}flambée" for ch in "\u200e\u200f\u061c\u202a\u202e\u2066\u2069"]
    strings += [f"Frikandel{ch}" for ch in "\u200b\u200d\ufeff\u00ad\U000e0041\ufe0f"]
    strings += [
        "\x1b@", "\x1dV\x00", "\x1dVB\x00", "\x1bp\x00\x19\xfa", "\x1bB\x09\x09",
        "\x1b(A\x04\x000a\x09\x09", "\x10\x04\x01", "\x10\x14\x01\x00\x05", "\x1c.",
        "\x1dv0\x00\x01\x00\x01\x00\xff", "\x1bt\x00", "\x1b!\x38", "\x00" * 50,
        "\x01@cut\x02", "a\r\nb\u2028c\x85d", "x" * 10_000, "🍔🍟", "宫保鸡丁", "e\u0301",
        "\ud800", "a\udc00b", "\u202egnp.exe", "{{ order }}", "{% if %}", "@cut", "@logo",
        "@invert @big", "| 1,00 €", "مرحبا", "ＡＢＣ",
    ]  # fmt: skip
    return strings


HOSTILE = hostile_strings()


def test_there_are_more_than_a_hundred_hostile_strings() -> None:
    assert len(HOSTILE) >= 100


@pytest.mark.parametrize("template", ["kitchen", "receipt", "change", "void"])
def test_hostile_order_text_cannot_command_the_printer(template: str) -> None:
    for index, hostile in enumerate(HOSTILE):
        paper = Paper.mm58() if index % 2 else Paper.mm80()
        data = _order_data(
            display_id=f"{index}{hostile}"[:40],
            customer={"name": hostile},
            notes=[{"kind": "kitchen", "text": hostile}, {"kind": "allergy", "text": hostile}],
            restrictions=[hostile or "x"],
            items=[
                _item(
                    f"Eintopf {hostile}",
                    "1",
                    variant=hostile,
                    notes=[hostile],
                    allergens=[hostile or "x"],
                    unit_price={"amount": "4.50", "currency": "EUR"},
                    modifiers=[
                        {
                            "name": f"Brot {hostile}",
                            "action": "add",
                            "quantity": "1",
                            "note": hostile,
                            "modifiers": [
                                {"name": f"{hostile}x", "action": "remove", "quantity": "1"}
                            ],
                        }
                    ],
                )
            ],
        )
        if any(0xD800 <= ord(ch) <= 0xDFFF for ch in hostile):
            # Lone surrogates never get past the border (pydantic refuses them); the text
            # tests show sanitize drops them anyway.
            with pytest.raises(wire.WireError):
                wire.parse_order(data)
            continue
        order = wire.parse_order(data)
        changes = diff_orders(ORDER, order) if template == "change" else None
        ticket = render(
            _request(template, order=order, items=order.items, changes=changes,
                     cancel_reason=hostile, banners=(hostile,)),
            PrinterOptions(paper=paper),
        )  # fmt: skip
        job = decode_escpos(ticket.data)
        assert job.unknown == (), (index, hostile[:20])
        assert (job.cuts, job.drawer_kicks, job.buzzer, job.raster_images) == (1, 0, False, 0)
        assert set(command_names(ticket.data)) <= RENDERER_COMMANDS, (index, hostile[:20])
        assert job.text == ticket.text
        assert _fits(job, paper.columns)
        for line in job.lines:
            assert not any(
                ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F or unicodedata.category(ch) == "Cf"
                for ch in line.text
            ), (index, line.text)


def test_hostile_ticket_with_buzzer_has_exactly_one_buzz_and_one_cut() -> None:
    order = wire.parse_order(_order_data(items=[_item("\x1bB\x05\x05\x1dV\x00Suppe", "1")]))
    ticket = render(_request("kitchen", order=order, items=order.items),
                    PrinterOptions(paper=Paper.mm80(), buzzer=True))  # fmt: skip
    names = command_names(ticket.data)
    assert names.count("ESC B") == 1 and names.count("GS V") == 1
    assert "1 x BVSuppe" in ticket.text.split("\n")


def test_missing_template_is_a_render_error() -> None:
    with pytest.raises(RenderError, match=r"'nope'.*not found") as info:
        render(_request("nope"), PrinterOptions(paper=Paper.mm58()))
    assert isinstance(info.value, PrintingError)
    assert info.value.template == "nope"


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("{% if %}", "syntax error on line 1"),
        ("@center {{ order.no_such_field }}", "no_such_field"),
        ("@explode now", "unknown directive @explode"),
        ("{{ order.__class__.__mro__ }}", "unsafe|__class__|__mro__"),
    ],
)
def test_broken_owner_template_is_a_render_error(tmp_path: Path, source: str, reason: str) -> None:
    (tmp_path / "broken.j2").write_text(source, encoding="utf-8")
    with pytest.raises(RenderError, match=reason) as info:
        render(_request("broken"), PrinterOptions(paper=Paper.mm58()), templates_dir=tmp_path)
    assert info.value.template == "broken"


def test_owner_template_overrides_the_shipped_one(tmp_path: Path) -> None:
    (tmp_path / "kitchen.j2").write_text(
        '@center @big {{ order.display_id }}\n{% include "_footer.j2" %}\n', encoding="utf-8"
    )
    ticket = render(_request("kitchen"), PrinterOptions(paper=Paper.mm58()), templates_dir=tmp_path)
    assert ticket.text.split("\n")[0] == "A-17"
    assert "Copy 1/2" in ticket.text


def test_codepage_missing_from_the_profile_is_a_render_error() -> None:
    with pytest.raises(RenderError, match="code page"):
        render(_request("kitchen"), PrinterOptions(paper=Paper.mm58(), codepage="cp037"))


def test_every_time_on_a_ticket_is_in_the_print_time_zone() -> None:
    """Due 12:45+01:00 printed on a device running in UTC reads 11:45, like "Printed 11:01"."""
    utc_print = _request("kitchen", printed_at=PRINTED_AT.astimezone(UTC))
    job = decode_escpos(render(utc_print, PrinterOptions(paper=Paper.mm80())).data)
    assert _line(job, "Due 11:45") is not None
    assert _line(job, "Start 11:20") is not None
    assert _line(job, "Printed 23/11/2026 11:01") is not None
