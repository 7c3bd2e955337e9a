"""The reference connector (`kds connector`): durable event log, websocket and HTTP intake."""

from kds.connector.errors import (
    ConnectorDataError,
    ConnectorError,
    ConnectorLockedError,
    EventTooLargeError,
)

__all__ = ["ConnectorDataError", "ConnectorError", "ConnectorLockedError", "EventTooLargeError"]
