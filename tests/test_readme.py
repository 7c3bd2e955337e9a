"""The README's configuration example is a real, valid configuration."""

import re
from pathlib import Path

from kds.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]


def test_readme_config_example_loads(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(.*?)```", readme, re.S)
    assert example is not None, "README lost its configuration example"
    path = tmp_path / "kds.toml"
    path.write_text(example.group(1), encoding="utf-8")
    settings = load_settings(path)
    assert settings.printing is not None
    assert [p.name for p in settings.printing.printers] == ["Kitchen", "Bar"]
    assert settings.printing.printers[1].vendor_id == 0x04B8
