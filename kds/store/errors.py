"""Errors of the device's local store."""

from __future__ import annotations

from kds.errors import KdsError


class StoreError(KdsError):
    """The local store could not be opened, read or written."""


class StoreLockedError(StoreError):
    """Another kds app already holds this data dir."""


class StoreSchemaError(StoreError):
    """The store file was written by a newer kds (or is not a kds store)."""
