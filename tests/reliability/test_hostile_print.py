"""Order text meant to command the printer: whatever a platform puts in an order, the
rendered job holds only the renderer's own commands, each as often as for a plain order.

Tickets go through printing.render and are read back by printing/decode.py, the same
interpreter the virtual printer uses.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from suite_tally import Tally

from kds import wire
from printing.decode import command_names, decode_escpos
from printing.render import Paper, PrinterOptions, TicketRequest, render

PRINTED_AT = datetime(2026, 11, 23, 18, 1, tzinfo=UTC)
RENDERER_COMMANDS = {"ESC @", "ESC t", "ESC M", "ESC !", "GS B", "ESC a", "LF", "GS V"}
# Commands that must appear exactly as often as on a plain ticket (one reset, one cut...).
FIXED_COMMANDS = ("ESC @", "ESC t", "ESC M", "GS V")

# Pieces of real ESC/POS commands (cut, drawer kick, buzzer, code page, status requests,
# raster images, reset, print mode) and of text direction tricks.
ATTACKS = [
    "\x1b@", "\x1dV\x00", "\x1dVB\x00", "\x1bp\x00\x19\xfa", "\x1bB\x09\x09", "\x1bt\x00",
    "\x1b!\x38", "\x10\x04\x01", "\x10\x14\x01\x00\x05", "\x1c.", "\x1b(A\x04\x000a\x09\x09",
    "\x1dv0\x00\x01\x00\x01\x00\xff", "\x1b", "\x1d", "\x10", "\x00", "\r", "\x0c", "\x85",
    "\u202e", "\u202d", "\u2066", "\u2069", "\u200f", "\u061c", "\ufeff", "\u2028",
    "@cut", "@logo", "{{ order }}", "{% raw %}",
]  # fmt: skip
HOSTILE_TEXT = st.lists(
    st.one_of(
        st.sampled_from(ATTACKS),
        st.characters(exclude_categories=("Cs",)),  # lone surrogates never pass the border
        st.text(st.characters(max_codepoint=0x9F), max_size=8),
    ),
    min_size=1,
    max_size=30,
).map("".join)


def order_with(text: str) -> wire.Order:
    """An order with `text` in every field a ticket prints."""
    return wire.parse_order(
        {
            "id": "web:1",
            "external_id": "1",
            "display_id": ("A" + text)[:40],
            "source": "webshop",
            "revision": 1,
            "created_at": "2026-11-23T18:00:00+01:00",
            "fulfillment": {"type": "delivery", "asap": True, "table": text,
                            "address": {"lines": [text], "city": text}},
            "customer": {"name": text, "phone": text},
            "notes": [{"kind": "kitchen", "text": text}, {"kind": "allergy", "text": text}],
            "restrictions": [text],
            "items": [
                {
                    "line_id": "1",
                    "name": "Soup " + text,
                    "quantity": "2",
                    "variant": text,
                    "notes": [text],
                    "allergens": [text],
                    "unit_price": {"amount": "4.50", "currency": "EUR"},
                    "modifiers": [
                        {"name": "Bread " + text, "action": "add", "quantity": "1", "note": text,
                         "modifiers": [{"name": text or "x", "action": "remove", "quantity": "1"}]}
                    ],
                }
            ],
        }
    )  # fmt: skip


def commands(order: wire.Order, template: str, paper: Paper) -> tuple[Counter[str], Any]:
    ticket = render(
        TicketRequest(
            template=template,
            order=order,
            items=order.items,
            printer_name="Kitchen",
            printed_at=PRINTED_AT,
            station_name="Grill",
            cancel_reason="x",
        ),
        PrinterOptions(paper=paper),
    )
    return Counter(command_names(ticket.data)), decode_escpos(ticket.data)


PLAIN = {
    (template, paper.columns): commands(order_with("plain"), template, paper)[0]
    for template in ("kitchen", "receipt", "void")
    for paper in (Paper.mm58(), Paper.mm80())
}


def check_job(tally: Tally, text: str, template: str, paper: Paper) -> None:
    tally.hostile_inputs += 1
    used, job = commands(order_with(text), template, paper)
    assert set(used) <= RENDERER_COMMANDS, (set(used) - RENDERER_COMMANDS, text[:40])
    plain = PLAIN[(template, paper.columns)]
    assert [used[c] for c in FIXED_COMMANDS] == [plain[c] for c in FIXED_COMMANDS], text[:40]
    assert job.unknown == ()
    assert (job.cuts, job.drawer_kicks, job.buzzer, job.raster_images) == (1, 0, False, 0)
    for line in job.lines:
        bad = [
            ch
            for ch in line.text
            if ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F or unicodedata.category(ch) == "Cf"
        ]
        assert bad == [], (line.text[:60], text[:40])
    tally.printed_harmless += 1


@given(
    text=HOSTILE_TEXT,
    template=st.sampled_from(["kitchen", "receipt", "void"]),
    paper=st.sampled_from([Paper.mm58(), Paper.mm80()]),
)
def test_generated_order_text_never_commands_the_printer(
    tally: Tally, text: str, template: str, paper: Paper
) -> None:
    check_job(tally, text, template, paper)


def test_a_hundred_thousand_characters_of_commands_print_as_bounded_text(tally: Tally) -> None:
    text = ("\x1dV\x00\x1bp\x00\x19\xfa\u202eSoup " * 6000)[:100_000]
    check_job(tally, text, "kitchen", Paper.mm80())
