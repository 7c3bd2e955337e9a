"""Tickets in the printer's language: words, money and times as a cook or guest reads them,
decoded back from the bytes the printer gets (so € and umlauts survive the code page)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kds import wire
from kds.domain.changes import diff_orders
from kds.resources import resource_path
from printing.config import PrintingConfig
from printing.decode import decode_escpos
from printing.i18n import paper_locale
from printing.render import LateNotice, Paper, PrinterOptions, TicketRequest, render

BERLIN = timezone(timedelta(hours=1))
PRINTED_AT = datetime(2026, 11, 23, 20, 14, tzinfo=BERLIN)


def _order(**overrides: Any) -> wire.Order:
    data = json.loads(resource_path("orders", "01_kaesespaetzle.json").read_text("utf-8"))
    data["notes"] = [
        {"kind": "kitchen", "text": "Bitte schnell"},
        {"kind": "allergy", "text": "Nüsse"},
    ]
    data["totals"] = {
        "currency": "EUR",
        "subtotal": {"amount": "1234.50", "currency": "EUR"},
        "total": {"amount": "1234.50", "currency": "EUR"},
        "paid": True,
    }
    data.update(overrides)
    return wire.parse_order(data)


def _paper(template: str, language: str, codepage: str = "cp858", **extra: Any) -> str:
    order = _order()
    request = TicketRequest(
        template=template,
        order=order,
        items=order.items,
        printer_name="Keuken",
        printed_at=PRINTED_AT,
        **extra,
    )
    options = PrinterOptions(paper=Paper.mm80(), codepage=codepage, language=language)
    ticket = render(request, options)
    job = decode_escpos(ticket.data, codepage)
    assert job.text == ticket.text  # what the bytes print is what we meant
    return job.text


def test_a_dutch_printer_prints_dutch_kitchen_labels() -> None:
    text = _paper("kitchen", "nl", banners=("REPRINT", "BACKUP FOR Grill"))
    for words in (
        "HERDRUK",
        "RESERVE VOOR Grill",
        "AFHALEN",
        "ZSM",
        "ALLERGENEN: Gluten, Milch, Ei",
        "ZONDER Speck",
        "OPMERKING: Bitte schnell",
        "ALLERGIE: Nüsse",
        "Geprint 23-11-2026 20:14",
        "Bestelling 1101 (versie 1)",
    ):
        assert words in text, words
    for english in ("ALLERGENS", "NOTE:", "Printed", "REPRINT", "PICKUP", "NO Speck"):
        assert english not in text


def test_a_dutch_receipt_writes_money_the_dutch_way() -> None:
    text = _paper("receipt", "nl")
    assert "Bedankt!" in text
    total = next(line for line in text.splitlines() if line.startswith("TOTAAL"))
    assert total.endswith("€ 1.234,50")


@pytest.mark.parametrize(
    ("language", "thanks", "total"),
    [
        ("en", "Thank you!", "€1,234.50"),
        ("de", "Vielen Dank!", "1.234,50 €"),
        ("fr", "Merci !", "1 234,50 €"),
    ],
)
def test_receipts_in_each_language_keep_euro_and_accents(
    language: str, thanks: str, total: str
) -> None:
    text = _paper("receipt", language)
    assert thanks in text
    assert text.splitlines()[-1].strip() == thanks
    assert any(line.endswith(total) for line in text.splitlines()), text


def test_accented_labels_survive_the_code_page() -> None:
    void = _paper("void", "fr", cancel_reason="client parti")
    assert "ANNULÉE" in void and "Ne pas préparer :" in void and "Motif : client parti" in void
    german = _paper("change", "de")
    assert "ÄNDERUNG" in german
    kitchen = _paper("kitchen", "fr")
    assert "À EMPORTER" in kitchen and "ALLERGÈNES : Gluten, Milch, Ei" in kitchen


def test_a_printer_without_the_euro_sign_still_prints_the_labels() -> None:
    text = _paper("receipt", "de", codepage="cp437")
    assert "Vielen Dank!" in text and "Zwischensumme" in text
    assert any(line.endswith("1.234,50 EUR") for line in text.splitlines())


def test_a_late_slip_names_the_problem_in_the_printer_language() -> None:
    late = LateNotice(
        what="kitchen ticket", since=PRINTED_AT - timedelta(minutes=7), problem="paper out"
    )
    text = _paper("late", "de", late=late)
    assert "VERSPÄTET" in text
    assert "20:07" in text and "(Papier leer)" in text


def test_order_text_in_a_translated_label_stays_data() -> None:
    """A note is filled into the translated label as data: it cannot become a directive."""
    order_note = "@big @invert EVIL"
    order = _order(notes=[{"kind": "kitchen", "text": order_note}])
    request = TicketRequest(
        template="kitchen", order=order, items=order.items, printer_name="K", printed_at=PRINTED_AT
    )
    ticket = render(request, PrinterOptions(paper=Paper.mm80(), language="nl"))
    assert f"OPMERKING: {order_note}" in decode_escpos(ticket.data, "cp858").text.splitlines()


def test_a_printer_language_beats_the_device_language(tmp_path: Path) -> None:
    config = PrintingConfig.model_validate(
        {
            "printers": [
                {
                    "name": "Keuken",
                    "transport": "file",
                    "path": str(tmp_path / "k"),
                    "language": "nl",
                },
                {"name": "Theke", "transport": "file", "path": str(tmp_path / "t")},
            ],
            "routes": [{"name": "all", "printers": ["Keuken"]}],
        }
    )
    assert config.printer("Keuken").printer_options("en").language == "nl"
    assert config.printer("Theke").printer_options("de").language == "de"


def test_an_unknown_printer_language_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="language"):
        PrintingConfig.model_validate(
            {"printers": [{"name": "K", "transport": "file", "path": "x", "language": "es"}]}
        )


@pytest.mark.parametrize(
    ("language", "money", "negative", "date_time"),
    [
        ("en", "€1,234.50", "-€2.00", "23/11/2026 20:14"),
        ("de", "1.234,50 €", "-2,00 €", "23.11.2026 20:14"),
        ("fr", "1 234,50 €", "-2,00 €", "23/11/2026 20:14"),
        ("nl", "€ 1.234,50", "-€ 2,00", "23-11-2026 20:14"),
    ],
)
def test_paper_money_and_times_per_language(
    language: str, money: str, negative: str, date_time: str
) -> None:
    locale = paper_locale(language)
    assert locale.format_money(Decimal("1234.495"), "€") == money  # rounded half up
    assert locale.format_money(Decimal("-2"), "€") == negative
    assert locale.format_date_time(PRINTED_AT) == date_time
    assert locale.format_time(PRINTED_AT) == "20:14"


def _change_paper(language: str) -> str:
    """The CHANGE ticket of the Käsespätzle order after the guest changed nearly everything,
    as the printer prints it."""
    before = _order()
    data = json.loads(wire.dump(before))
    spaetzle = data["items"][0]
    spaetzle["quantity"] = "3"
    spaetzle["unit_price"] = {"amount": "14.50", "currency": "EUR"}
    onions = {"name": "Zwiebeln", "action": "remove", "quantity": "1"}
    spaetzle["modifiers"] = [spaetzle["modifiers"][0], onions]
    spaetzle["notes"] = ["extra Käse"]
    data.update(
        revision=2,
        notes=[{"kind": "kitchen", "text": "Bitte schnell"}],
        fulfillment={"type": "dine_in", "asap": True, "table": "12", "guests": 4},
    )
    after = wire.parse_order(data)
    request = TicketRequest(
        template="change",
        order=after,
        items=after.items,
        printer_name="Küche",
        printed_at=PRINTED_AT,
        changes=diff_orders(before, after),
    )
    options = PrinterOptions(paper=Paper.mm80(), codepage="cp858", language=language)
    ticket = render(request, options)
    job = decode_escpos(ticket.data, "cp858")
    assert job.text == ticket.text  # what the bytes print is what we meant
    return job.text


def test_a_german_change_ticket_says_what_changed_in_german() -> None:
    text = _change_paper("de")
    for words in (
        "ÄNDERUNG",
        "GEÄNDERT:",
        "3 x Käsespätzle",
        "* Menge 2 -> 3",
        "* + OHNE Zwiebeln",
        "* - OHNE Speck",
        "* Hinweis: extra Käse",
        "* Preis: 13,90 € -> 14,50 €",
        "Art: ABHOLUNG -> IM HAUS",
        "Tisch: keine -> 12",
        "Gäste: keine -> 4",
        "Allergie-Hinweis entfernt: Nüsse",
    ):
        assert words in text, words
    for english in ("quantity", "price", "note", "none", "type:", "guests", "NO "):
        assert english not in text, english


@pytest.mark.parametrize(
    ("language", "quantity", "price"),
    [
        ("en", "quantity 2 -> 3", "price: €13.90 -> €14.50"),
        ("fr", "quantité 2 -> 3", "prix : 13,90 € -> 14,50 €"),
        ("nl", "aantal 2 -> 3", "prijs: € 13,90 -> € 14,50"),
    ],
)
def test_change_words_follow_the_printer_language(language: str, quantity: str, price: str) -> None:
    text = _change_paper(language)
    assert quantity in text and price in text
