"""Marks English source text translated where it is shown, for modules that cannot call tr().

`N_("…")` returns its text unchanged; `scripts/update_translations.py` runs lupdate with
``N_`` as an alias of ``QT_TR_NOOP``, so every marked text is in the catalogs. The screen
translates it with tr() (kds.ui), the paper with `printing.i18n.ticket_words`.
"""

from __future__ import annotations

__all__ = ["N_"]


def N_(text: str) -> str:
    """`text`, marked for the translation catalogs."""
    return text
