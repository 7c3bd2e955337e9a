"""The errors the reference connector raises on purpose."""

from __future__ import annotations

from pathlib import Path

from kds.errors import KdsError


class ConnectorError(KdsError):
    """Base of connector errors."""


class ConnectorLockedError(ConnectorError):
    """Another connector already runs on this data dir."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        super().__init__(
            f"another connector is already running on data dir {data_dir}: a restaurant must "
            "have exactly one connector, or every order is processed twice"
        )


class ConnectorDataError(ConnectorError):
    """The connector database cannot be used (written by a newer kds, or damaged)."""


class EventTooLargeError(ConnectorError):
    """An event would not fit in one protocol frame (1 MiB); nothing was logged."""
