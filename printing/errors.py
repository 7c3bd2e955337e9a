"""The root of every error the printing package raises on purpose."""

from kds.errors import KdsError


class PrintingError(KdsError):
    """Base of printing errors (transport, status, routing, rendering); a `KdsError`, so the
    `kds` command and the app report it like every other error kds raises on purpose."""
