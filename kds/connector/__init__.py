"""The reference connector (`kds connector`): event log, websocket, HTTP intake, webhooks."""

from kds.connector.errors import (
    ConnectorDataError,
    ConnectorError,
    ConnectorLockedError,
    EventTooLargeError,
)

__all__ = ["ConnectorDataError", "ConnectorError", "ConnectorLockedError", "EventTooLargeError"]
