"""An installed kds is a whole kds: the wheel carries resources/ (templates, demo config,
sample orders, schema, translations), and a fresh venv with only the wheel prints a ticket
in the printer's language and translates the screen."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

from child_output import readable

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("kds", "printing")


def _checkout_packages() -> set[str]:
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in PACKAGES
        for init in (ROOT / top).rglob("__init__.py")
    }
    resources = ROOT / "resources"
    found.add("kds_resources")
    found |= {
        f"kds_resources.{d.name}"
        for d in resources.iterdir()
        if d.is_dir() and d.name != "__pycache__"
    }
    return found


def _resource_files() -> set[str]:
    return {
        path.relative_to(ROOT / "resources").as_posix()
        for path in (ROOT / "resources").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_pyproject_lists_every_package_of_the_checkout() -> None:
    """The package list is written out (resources/ is mapped, not found): a package added
    to the code but not to pyproject.toml would be missing from every install."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert set(config["tool"]["setuptools"]["packages"]) == _checkout_packages()


# Run by the fresh venv's interpreter: print the first sample order on a file printer,
# through the config loader, the print service and the shipped kitchen template.
PRINT_A_TICKET = """
import asyncio, json, sys
from datetime import UTC, datetime
from pathlib import Path

import kds
from kds import wire
from kds.resources import resource_path
from kds.settings import load_settings
from printing.decode import decode_escpos
from printing.service import PrintService

work = Path(sys.argv[1])
paper = work / "paper.bin"
config = work / "kds.toml"
config.write_text(f'''
[connector]
token = "t"

[[printing.printers]]
name = "Kitchen"
transport = "file"
path = "{paper}"
language = "de"

[[printing.routes]]
name = "all"
printers = ["Kitchen"]
''', encoding="utf-8")
settings = load_settings(config)
sample = json.loads(resource_path("orders", "01_kaesespaetzle.json").read_text("utf-8"))
sample["created_at"] = datetime.now(UTC).isoformat()  # a new order, not one of last year
order = wire.parse_order(sample)


async def main() -> None:
    changed = asyncio.Event()
    service = PrintService(settings.printing, work / "data", lambda: datetime.now(UTC),
                           on_change=changed.set)
    await service.start()
    try:
        service.handle(order, cancelled=False, cancel_reason=None, first_seen_at=order.created_at)
        async with asyncio.timeout(20):
            while not service.jobs() or any(j.state != "done" for j in service.jobs()):
                changed.clear()
                await changed.wait()
    finally:
        await service.stop()


asyncio.run(main())

from PySide6.QtCore import QCoreApplication
from kds.i18n import use_language
from kds.ui.cards import tr

app = QCoreApplication([])
use_language("de")
print(json.dumps({
    "screen": tr("In preparation"),
    "kds": kds.__file__,
    "templates": str(resource_path("templates")),
    "text": decode_escpos(paper.read_bytes(), "cp858").text,
}))
"""


def test_a_wheel_installed_in_a_fresh_venv_prints_a_ticket(tmp_path: Path) -> None:
    # Build from a copy: an in-tree build would leave build/ and *.egg-info in the checkout.
    source = tmp_path / "source"
    source.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for name in (*PACKAGES, "resources"):
        shutil.copytree(ROOT / name, source / name, ignore=ignore)
    dist = tmp_path / "dist"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    offline = ["--no-index", "--no-deps"]
    subprocess.run(
        [*pip, "wheel", *offline, "--no-build-isolation", "-w", str(dist), str(source)],
        check=True,
        timeout=120,
    )
    (wheel,) = dist.glob("kds-*.whl")
    shipped = set(zipfile.ZipFile(wheel).namelist())
    missing = {f for f in _resource_files() if f"kds_resources/{f}" not in shipped}
    assert not missing, f"resources not in the wheel: {sorted(missing)}"

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([*pip, "--python", str(python), "install", *offline, str(wheel)], check=True)
    site_packages = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # The dependencies come from this venv's site-packages as a plain path: its .pth files
    # (the editable finder that maps kds to the checkout among them) are not run.
    (site_packages / "dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    work = tmp_path / "work"
    work.mkdir()
    script = tmp_path / "print_a_ticket.py"
    script.write_text(PRINT_A_TICKET, encoding="utf-8")
    done = subprocess.run(
        [str(python), str(script), str(work)],
        check=False,
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, readable(done.stderr)
    result = json.loads(done.stdout)
    assert Path(result["kds"]).is_relative_to(site_packages), result["kds"]
    assert Path(result["templates"]).is_relative_to(site_packages), result["templates"]
    assert "#101" in result["text"]
    assert "Käsespätzle" in result["text"]
    # Translations ship: the printer's German ticket words and the screen's compiled .qm.
    assert "Gedruckt " in result["text"]
    assert result["screen"] == "In Zubereitung"

    # The installed command runs, and its set-up hint points into the install.
    done = subprocess.run(
        [str(venv / "bin" / "kds"), "run", "--config", str(work / "missing.toml")],
        check=False,
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, readable(done.stderr)
    example = site_packages / "kds_resources" / "demo" / "kds.toml"
    assert f"cp {example} {work / 'missing.toml'}" in done.stderr
    assert example.is_file()

    # The installed sound process runs (here without an audio output: it says so, silent),
    # answers, and ends when the app closes its stdin.
    done = subprocess.run(
        [str(python), "-m", "kds.audio.child"],
        check=False,
        cwd=work,
        env=env | {"PULSE_SERVER": f"unix:{work / 'no-server'}", "HOME": str(work)},
        input="ping\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, readable(done.stderr)
    assert done.stdout.split("\n") == ["ready 0", "ack", ""], readable(done.stderr)
