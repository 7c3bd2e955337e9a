"""The store's SQL schema as a list of forward migrations (applied by `kds.sqlite.migrate`)."""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: events, orders, rejected frames, catalog, device identity.
    """
    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        type TEXT NOT NULL,
        event_id TEXT NOT NULL,
        raw TEXT NOT NULL,
        applied_at TEXT NOT NULL,
        outcome TEXT NOT NULL
    );
    CREATE TABLE orders (
        id TEXT PRIMARY KEY,
        display_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        cancelled INTEGER NOT NULL,
        cancel_reason TEXT,
        overall_status TEXT NOT NULL,
        order_json TEXT NOT NULL,
        status_json TEXT NOT NULL,
        line_status_json TEXT NOT NULL,
        first_seen_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        cancelled_at TEXT,
        first_seen_seq INTEGER NOT NULL
    );
    CREATE INDEX orders_first_seen ON orders (first_seen_seq);
    CREATE TABLE rejected (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        seq INTEGER,
        raw TEXT NOT NULL,
        reason TEXT NOT NULL,
        received_at TEXT NOT NULL
    );
    CREATE TABLE articles (
        ref TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kitchen_name TEXT,
        article_group TEXT
    );
    CREATE TABLE article_groups (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL
    );
    """,
    # 2: a resent rejected frame is found by its seq, or by its text's hash when it has none.
    """
    ALTER TABLE rejected ADD COLUMN raw_hash TEXT;
    CREATE INDEX rejected_seq ON rejected (seq);
    CREATE INDEX rejected_raw_hash ON rejected (raw_hash);
    """,
    # 3: retention.
    # `closed_at` (when an order stopped being open) and `updated_at` make the screens' and
    # the printing reconcile's queries index searches; events know their held order, so
    # they leave with it; `order_history` keeps the compact speed-of-service record of a
    # pruned order.
    """
    ALTER TABLE orders ADD COLUMN closed_at TEXT;
    UPDATE orders SET closed_at = CASE
        WHEN overall_status = 'collected' THEN updated_at
        WHEN cancelled = 1 THEN COALESCE(cancelled_at, updated_at)
    END;
    CREATE INDEX orders_closed ON orders (closed_at);
    CREATE INDEX orders_updated ON orders (updated_at);
    ALTER TABLE events ADD COLUMN order_id TEXT;
    UPDATE events SET order_id = (
        SELECT o.id FROM orders o WHERE o.id = CASE WHEN json_valid(events.raw) THEN
            COALESCE(json_extract(events.raw, '$.order.id'), json_extract(events.raw, '$.order_id'))
        END
    );
    CREATE INDEX events_order ON events (order_id, applied_at);
    CREATE INDEX rejected_received ON rejected (received_at);
    CREATE TABLE order_history (
        id TEXT PRIMARY KEY,
        display_id TEXT NOT NULL,
        first_seen_at TEXT NOT NULL,
        cancelled_at TEXT,
        status_times_json TEXT NOT NULL
    );
    """,
    # 4: the kitchen's times. `order_times`: when things happened to each held order (by
    # the connector's clock), kept with the order; `scheduled`: orders this device holds
    # back until their release (`released_at` NULL while held; the partial index keeps the
    # start's search to the held ones); `service_times`: each order's speed-of-service
    # record under its service day, kept after the order is pruned.
    """
    CREATE TABLE order_times (
        order_id TEXT PRIMARY KEY,
        times_json TEXT NOT NULL
    );
    CREATE TABLE scheduled (
        order_id TEXT PRIMARY KEY,
        release_at TEXT NOT NULL,
        released_at TEXT
    );
    CREATE INDEX scheduled_held ON scheduled (release_at) WHERE released_at IS NULL;
    CREATE TABLE service_times (
        order_id TEXT PRIMARY KEY,
        day TEXT NOT NULL,
        record_json TEXT NOT NULL
    );
    CREATE INDEX service_times_day ON service_times (day);
    """,
    # 5: the outbox: this device's kitchen actions (`order.status`) until their echo is in.
    """
    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        order_id TEXT NOT NULL,
        status TEXT NOT NULL,
        station TEXT,
        line_ids_json TEXT NOT NULL,
        at TEXT NOT NULL,
        queued_at TEXT NOT NULL
    );
    CREATE INDEX outbox_order ON outbox (order_id);
    """,
    # 6: what each place (a station, "" for the expo) acknowledged of an order: the
    # revision whose changes it has seen, and its cancellation.
    """
    CREATE TABLE acknowledged (
        order_id TEXT NOT NULL,
        place TEXT NOT NULL,
        revision INTEGER,
        cancelled INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (order_id, place)
    );
    """,
)
"""Migration N (1-based) brings the schema from version N-1 to N. Only ever append."""

SCHEMA_VERSION = len(MIGRATIONS)
