"""Paper in the printer's language: ticket words from the shipped catalogs, money and times
in that language's format, without Qt.

The words are the ``tickets`` catalogs, ``resources/i18n/tickets_<language>.ts`` (Qt
Linguist files, the same format as the screen's catalogs, read here with the standard
library's XML parser: the printing package imports no Qt). English is the source text;
``scripts/update_translations.py`` extracts every ``_("…")`` of the shipped templates and
every `N_` word of this package into them.

Money and times use a small table instead of Babel/CLDR: four languages, and CLDR's French
groups thousands with U+202F (narrow no-break space), which no receipt printer's code page
has; the table keeps to characters cp858 and its siblings print.
"""

from __future__ import annotations

import functools
import logging
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal, get_args

from kds.resources import resource_path

__all__ = [
    "CURRENCY_SYMBOLS",
    "LANGUAGES",
    "Language",
    "PaperLocale",
    "paper_locale",
    "ticket_words",
]

logger = logging.getLogger(__name__)

Language = Literal["en", "de", "fr", "nl"]
"""The languages kds speaks, on screen and on paper (English is the source)."""

LANGUAGES: Mapping[str, str] = {
    "en": "English",
    "de": "Deutsch",
    "fr": "Français",
    "nl": "Nederlands",
}
"""Each language's name in itself, as a language choice shows it."""

assert tuple(LANGUAGES) == get_args(Language)


@dataclass(frozen=True)
class PaperLocale:
    """How one language writes money, dates and times on a ticket."""

    decimal: str
    group: str
    money: str
    """The amount's pattern: ``{number}`` and ``{symbol}``."""
    date: str
    time: str = "%H:%M"

    def format_money(self, amount: Decimal, symbol: str) -> str:
        rounded = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        sign = "-" if rounded < 0 else ""
        whole, cents = f"{abs(rounded):,.2f}".split(".")
        number = whole.replace(",", self.group) + self.decimal + cents
        return sign + self.money.format(number=number, symbol=symbol)

    def format_time(self, value: datetime) -> str:
        return value.strftime(self.time)

    def format_date_time(self, value: datetime) -> str:
        return value.strftime(f"{self.date} {self.time}")


_LOCALES: Mapping[str, PaperLocale] = {
    "en": PaperLocale(decimal=".", group=",", money="{symbol}{number}", date="%d/%m/%Y"),
    "de": PaperLocale(decimal=",", group=".", money="{number} {symbol}", date="%d.%m.%Y"),
    "fr": PaperLocale(decimal=",", group=" ", money="{number} {symbol}", date="%d/%m/%Y"),
    "nl": PaperLocale(decimal=",", group=".", money="{symbol} {number}", date="%d-%m-%Y"),
}


CURRENCY_SYMBOLS: Mapping[str, str] = {
    "EUR": "€",
    "GBP": "£",
    "USD": "$",
    "CHF": "CHF",
    "DKK": "kr",
}
"""The symbol an amount is written with; another currency shows its ISO code."""


def paper_locale(language: str) -> PaperLocale:
    """The money and time format of `language` (English for one kds does not speak)."""
    return _LOCALES.get(language, _LOCALES["en"])


@functools.cache
def ticket_words(language: str) -> Mapping[str, str]:
    """English source -> `language`'s words, for every finished translation of its ticket
    catalog; empty for English. A missing or unreadable catalog prints English (logged)."""
    if language == "en":
        return {}
    path = resource_path("i18n", f"tickets_{language}.ts")
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        logger.error("ticket words for %r not readable (%s): printing English", language, exc)
        return {}
    words: dict[str, str] = {}
    for message in root.iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if source is None or translation is None or translation.get("type"):
            continue  # unfinished, vanished or obsolete: the English source is printed
        if translation.text:
            words[source] = translation.text
    return words
