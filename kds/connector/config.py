"""The connector's config file (`kds connector --config FILE`): the platforms it takes orders from.

TOML, one `[platforms.<name>]` section per platform whose webhooks the connector accepts
(`POST /webhooks/<name>`); a platform without a section is refused with 404. Each section
holds that platform's secret and, where the platform needs it, API base URL and
credentials (see each adapter's settings). Unknown keys are errors, and every problem is
reported at once with its key. Port, host, token and data dir stay command-line flags.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from kds.connector.adapters import ADAPTERS
from kds.connector.adapters.base import PlatformSettings
from kds.connector.errors import ConnectorError


class ConnectorConfigError(ConnectorError):
    """The connector config file is missing, not TOML, or invalid (every problem listed)."""


class _File(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    platforms: dict[str, dict[str, Any]] = {}


@dataclass(frozen=True)
class ConnectorConfig:
    """The validated config: one settings object per enabled platform."""

    platforms: Mapping[str, PlatformSettings] = field(default_factory=dict)


def _problems(exc: ValidationError, prefix: str) -> list[str]:
    return [
        f"  {prefix}{'.'.join(str(p) for p in err['loc']) or '(top level)'}: "
        + err["msg"].removeprefix("Value error, ")
        for err in exc.errors(include_url=False)
    ]


def parse_connector_config(raw: Mapping[str, Any], source: str) -> ConnectorConfig:
    """Validate a parsed TOML document; `source` names it in the error message."""
    try:
        top = _File.model_validate(raw)
    except ValidationError as exc:
        problems = _problems(exc, "")
        raise ConnectorConfigError(
            f"{source}: {len(problems)} problem(s):\n" + "\n".join(problems)
        ) from None
    problems = []
    platforms: dict[str, PlatformSettings] = {}
    for name, section in top.platforms.items():
        adapter = ADAPTERS.get(name)
        if adapter is None:
            known = ", ".join(sorted(ADAPTERS))
            problems.append(f"  platforms.{name}: unknown platform (known: {known})")
            continue
        try:
            platforms[name] = adapter.settings.model_validate(section)
        except ValidationError as exc:
            problems.extend(_problems(exc, f"platforms.{name}."))
    if problems:
        raise ConnectorConfigError(f"{source}: {len(problems)} problem(s):\n" + "\n".join(problems))
    return ConnectorConfig(platforms)


def load_connector_config(path: Path) -> ConnectorConfig:
    """Read and validate the config file; every problem is reported at once, with its key."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConnectorConfigError(f"{path}: config file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConnectorConfigError(f"{path}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConnectorConfigError(f"{path}: cannot read: {exc}") from None
    return parse_connector_config(raw, str(path))
