"""The config file on disk: where it is, and saving it whole, atomically, with backups.

Saving validates the whole config first (an invalid one is refused with every problem),
writes a temporary file in the same folder, fsyncs it and renames it over the old file: a
crash at any moment leaves either the old file or the new one, never half of either. The
file it replaces is kept beside it as ``kds.toml.2026-12-01T20-14-05.bak``; the newest
`KEEP_BACKUPS` are kept.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import tomllib
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import tomli_w

from kds.errors import KdsError
from kds.settings import Settings, validate_settings

log = logging.getLogger(__name__)

CONFIG_NAME = "kds.toml"
KEEP_BACKUPS = 5


class ConfigSaveError(KdsError):
    """The config could not be written (folder not writable, disk full); the old one stays."""


def default_config_path() -> Path:
    """The per-user config file of this OS (``~/.config/kds/kds.toml`` on Linux)."""
    import platformdirs

    return Path(platformdirs.user_config_dir("kds", appauthor=False)) / CONFIG_NAME


def config_path(value: str | None, env: Mapping[str, str] = os.environ) -> Path:
    """--config, else $KDS_CONFIG, else the per-user config file."""
    if value:
        return Path(value)
    if configured := env.get("KDS_CONFIG"):
        return Path(configured)
    return default_config_path()


def dump_settings(settings: Settings) -> str:
    """The settings as TOML: the keys that were given (read from a file or set by the
    set-up), without comments; what `load_settings` reads back as equal settings."""
    data = settings.model_dump(mode="json", exclude_unset=True, exclude_none=True)
    return tomli_w.dumps(data)


def save_settings(
    settings: Settings | Mapping[str, Any], path: Path, now: datetime | None = None
) -> Path | None:
    """Validate and write the config atomically; the backup of the file it replaced (None
    when there was none, or it held the same text).

    `settings` is a Settings or the TOML document as a mapping (what the set-up collects).
    Raises SettingsError listing every problem when it is invalid (nothing is written), and
    ConfigSaveError when the file cannot be written (the old one is left as it was).
    """
    model = validate_settings(_document(settings), path)
    text = dump_settings(model)
    # What is written must read back as these settings, or the next start would differ.
    if validate_settings(tomllib.loads(text), path) != model:
        raise ConfigSaveError(f"{path}: the settings would not read back the same; not saved")
    data = text.encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        backup = _keep_backup(path, data, now or datetime.now(UTC))
        _write_atomically(path, data)
    except OSError as exc:
        raise ConfigSaveError(f"{path}: could not save the config: {exc}") from None
    try:
        for stale in backups(path)[:-KEEP_BACKUPS]:
            stale.unlink()
    except OSError as exc:  # the config is saved; an old backup too many does no harm
        log.warning("could not remove an old backup of %s: %s", path, exc)
    log.info("config saved to %s%s", path, f" (previous one: {backup.name})" if backup else "")
    return backup


def backups(path: Path) -> list[Path]:
    """The backups of the config at `path`, oldest first."""
    found: list[tuple[str, int, Path]] = []
    pattern = re.compile(
        re.escape(path.name) + r"\.(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d)(?:-(\d+))?\.bak"
    )
    if not path.parent.is_dir():
        return []
    for candidate in path.parent.iterdir():
        match = pattern.fullmatch(candidate.name)
        if match:
            found.append((match.group(1), int(match.group(2) or 0), candidate))
    return [p for _, _, p in sorted(found)]


def _document(settings: Settings | Mapping[str, Any]) -> Mapping[str, Any]:
    if isinstance(settings, Settings):
        # Through TOML's own types, so a Settings and its file are validated alike.
        return tomllib.loads(dump_settings(settings))
    return settings


def _keep_backup(path: Path, new: bytes, now: datetime) -> Path | None:
    """Copy the current file to a timestamped backup, unless it already holds `new`."""
    try:
        old = path.read_bytes()
    except FileNotFoundError:
        return None
    if old == new:
        return None
    stamp = now.astimezone().strftime("%Y-%m-%dT%H-%M-%S")
    backup = path.with_name(f"{path.name}.{stamp}.bak")
    count = 0
    while backup.exists():  # two saves within a second keep both
        count += 1
        backup = path.with_name(f"{path.name}.{stamp}-{count}.bak")
    _write_atomically(backup, old, mode=path.stat().st_mode & 0o777)
    return backup


def _write_atomically(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write `data` to `path` so that a crash leaves the old file or the new one: a temp
    file in the same folder, fsynced, renamed over it, then the folder fsynced.

    The file keeps the mode of the one it replaces, or `mode`; a new file is 0600 (the
    config holds the sales-point token)."""
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:
            mode = 0o600
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fchmod(file.fileno(), mode)
            os.fsync(file.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)
