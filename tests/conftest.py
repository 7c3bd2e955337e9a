"""Suite-wide set-up: headless Qt, and python-escpos without a temp dir per import."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault(
    "ESCPOS_CAPABILITIES_PICKLE_DIR", str(Path(tempfile.gettempdir()) / "kds-escpos-cache")
)
Path(os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"]).mkdir(parents=True, exist_ok=True)
