"""The device's durable local state (SQLite, WAL): events, orders, rejected frames, identity."""

from kds.store.database import (
    DB_NAME,
    LOCK_NAME,
    PRUNE_BATCH,
    SEQ_ALREADY_APPLIED,
    KdsStore,
    KdsStoreReader,
    OutboxEntry,
    Pruned,
    RejectedFrame,
    open_store,
    open_store_readonly,
)
from kds.store.errors import StoreError, StoreLockedError, StoreSchemaError
from kds.store.schema import SCHEMA_VERSION

__all__ = [
    "DB_NAME",
    "LOCK_NAME",
    "PRUNE_BATCH",
    "SCHEMA_VERSION",
    "SEQ_ALREADY_APPLIED",
    "KdsStore",
    "KdsStoreReader",
    "OutboxEntry",
    "Pruned",
    "RejectedFrame",
    "StoreError",
    "StoreLockedError",
    "StoreSchemaError",
    "open_store",
    "open_store_readonly",
]
