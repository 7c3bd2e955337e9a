"""The screens' language: installs the device's Qt translations and its locale.

The catalogs are Qt Linguist files: ``resources/i18n/kds_<language>.ts`` (English is the
source text), compiled to ``kds_<language>.qm`` by ``scripts/update_translations.py`` with
PySide6's own ``pyside6-lrelease`` (and again by ``./run.sh`` when a ``.ts`` is newer).
Qt's own words (the wizard's Back/Next/Cancel, standard dialogs) come from the
``qtbase_<language>.qm`` PySide6 ships. The language is the whole application's: a device
speaks one language on every screen (tickets have theirs per printer, see `printing.i18n`).
"""

from __future__ import annotations

import logging
from datetime import datetime, tzinfo

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTime, QTranslator

from kds.resources import resource_path
from kds.wire import Money
from printing.i18n import CURRENCY_SYMBOLS, LANGUAGES, paper_locale

__all__ = [
    "LANGUAGES",
    "count",
    "local_time",
    "menu_locale",
    "money",
    "use_language",
    "use_menu_language",
]

log = logging.getLogger(__name__)

_LOCALES = {
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
    "de": QLocale(QLocale.Language.German, QLocale.Country.Germany),
    "fr": QLocale(QLocale.Language.French, QLocale.Country.France),
    "nl": QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands),
}
"""Each language's locale for times, dates and money on screen. English is the British
variant: a European kitchen's 24-hour clock and day-first dates."""

_installed: list[QTranslator] = []
"""The translators in use (Qt keeps only a pointer: they must stay alive)."""

_menu_language: list[str] = []
"""The menu's language, when it is set apart from the screens' (`use_menu_language`)."""


def use_language(language: str) -> None:
    """Speak `language` on every screen from now on: the QApplication's translators are
    replaced and a LanguageChange event reaches every widget; the default QLocale follows.

    A catalog that cannot be loaded is logged and that part stays English."""
    app = QCoreApplication.instance()
    assert app is not None, "use_language needs a QApplication"
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r} (known: {', '.join(LANGUAGES)})")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(_LOCALES[language])
    if language == "en":
        return
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    catalogs = (
        (f"qtbase_{language}.qm", qt_dir),
        (f"kds_{language}.qm", str(resource_path("i18n"))),
    )
    for name, folder in catalogs:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.error("translations %s not found in %s: those words stay English", name, folder)


def use_menu_language(language: str | None) -> None:
    """Break long dish names by the rules of `language` from now on (None: the screens'
    language, as `use_language` set it). It stays when the screens' language changes."""
    if language is not None and language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r} (known: {', '.join(LANGUAGES)})")
    _menu_language[:] = [language] if language is not None else []


def menu_locale() -> str:
    """The locale whose hyphenation rules break dish names ("de_DE"): the menu's, else the
    screens'."""
    if _menu_language:
        return _LOCALES[_menu_language[0]].name()
    return QLocale().name()


def local_time(value: datetime, tz: tzinfo | None = None, *, seconds: bool = False) -> str:
    """`value` as the screen's clock in the language's format ("20:14", "20:14:05"), in
    `tz` (None: this computer's local time)."""
    local = value.astimezone(tz)
    time = QTime(local.hour, local.minute, local.second)
    if seconds:  # the long format ends with the zone's name, after a space
        return QLocale().toString(time, QLocale.FormatType.LongFormat).split(" ")[0]
    return QLocale().toString(time, QLocale.FormatType.ShortFormat)


def count(n: int) -> str:
    """A number as the language groups it ("12,345", "12.345", "12 345")."""
    return QLocale().toString(n)


def money(value: Money) -> str:
    """An amount as the screen's language writes it ("€12.50", "12,50 €"), as on paper."""
    language = QLocale().name().split("_")[0]
    symbol = CURRENCY_SYMBOLS.get(value.currency, value.currency)
    return paper_locale(language).format_money(value.amount, symbol)
