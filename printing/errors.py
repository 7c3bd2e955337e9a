"""The root of every error the printing package raises on purpose."""


class PrintingError(Exception):
    """Base of printing errors (transport, status, routing, rendering)."""
