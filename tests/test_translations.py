"""Every user-visible string is translated in all four languages: lupdate (PySide6's own)
extracts the screens' tr()/N_ strings from the code as it is now, Jinja's extractor the
tickets' _() words, and `scripts/update_translations.py --check` fails on any gap, on a
translation that loses a {field}, and on a catalog or .qm that is not up to date."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from child_output import readable
from PySide6.QtCore import QTranslator

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "update_translations.py"


def _check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--check", "--root", str(root)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_every_string_of_the_code_is_translated_in_every_language() -> None:
    done = _check(ROOT)
    assert done.returncode == 0, readable(done.stdout + done.stderr)
    assert "every string is translated in en, de, fr, nl" in done.stdout


def test_a_new_untranslated_string_fails_the_check(tmp_path: Path) -> None:
    """The check sees strings added after the catalogs were made, on screen and on paper."""
    for name in ("kds", "printing", "resources"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    cards = tmp_path / "kds" / "ui" / "cards.py"
    cards.write_text(
        cards.read_text(encoding="utf-8") + '\n\nLATER = tr("Brand-new words")\n', encoding="utf-8"
    )
    state = tmp_path / "kds" / "net" / "state.py"
    state.write_text(
        state.read_text(encoding="utf-8") + '\n\nLATER = N_("a new cause")\n', encoding="utf-8"
    )
    footer = tmp_path / "resources" / "templates" / "_footer.j2"
    footer.write_text(
        footer.read_text(encoding="utf-8") + '{{ _("Come again") }}\n', encoding="utf-8"
    )
    german = tmp_path / "resources" / "i18n" / "tickets_de.ts"
    german.write_text(
        german.read_text(encoding="utf-8").replace(
            "<translation>Tisch {table}</translation>", "<translation>Tisch</translation>"
        ),
        encoding="utf-8",
    )
    done = _check(tmp_path)
    assert done.returncode == 1
    for language in ("de", "fr", "nl"):
        assert f"kds_{language}.ts: not translated: 'Brand-new words'" in done.stdout
        assert f"kds_{language}.ts: not translated: 'a new cause'" in done.stdout
        assert f"tickets_{language}.ts: not translated: 'Come again'" in done.stdout
    assert "tickets_de.ts: fields differ: 'Table {table}' -> 'Tisch'" in done.stdout


def test_each_compiled_catalog_loads_and_translates() -> None:
    for language, ready in (("de", "Fertig"), ("fr", "Prêt"), ("nl", "Klaar")):
        translator = QTranslator()
        assert translator.load(str(ROOT / "resources" / "i18n" / f"kds_{language}.qm"))
        assert translator.translate("", "Ready") == ready
