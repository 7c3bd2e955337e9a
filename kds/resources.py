"""Where the files kds ships are: templates, JSON Schema, demo config and sample orders.

They live in the repository's top-level ``resources/`` folder, which is installed as the
``kds_resources`` package (pyproject.toml). Every reader goes through `resource_path`, so the
same code finds them in a checkout, an editable install and an installed wheel.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from kds.errors import KdsError

PACKAGE = "kds_resources"


class ResourcesMissingError(KdsError):
    """The installed kds has no readable resources folder (a broken or zipped install)."""


def resource_path(*parts: str) -> Path:
    """A file or folder of ``resources/`` as a path on disk, e.g. ``resource_path("templates")``.

    A path, not a stream: Jinja's loader and an owner's editor want real files.
    """
    try:
        root = files(PACKAGE)
    except ModuleNotFoundError:
        raise ResourcesMissingError(
            f"the {PACKAGE} package is not installed: reinstall kds"
        ) from None
    if not isinstance(root, Path):
        raise ResourcesMissingError(
            f"kds's resources are not on disk ({root}): install kds unzipped"
        )
    return root.joinpath(*parts)
