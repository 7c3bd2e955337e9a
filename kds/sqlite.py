"""The SQLite plumbing every kds database shares: open, one transaction, schema migrations.

The device's store, the print spool and the connector log each keep their own tables and
queries; how a file is opened, how a write is committed and how its schema is brought up to
date is said once, here.

- `open_db`: a writer connection is in WAL mode with ``synchronous=FULL`` (a commit is on
  disk before it returns); a read-only one (``mode=ro``) can read while the program that
  writes the file runs. Both are in autocommit mode (transactions are explicit), give
  `sqlite3.Row` rows and wait up to `BUSY_TIMEOUT_MS` for a lock.
- `transaction`: ``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any exception; with
  ``durable=False`` the commit is not fsynced (``synchronous=NORMAL``), for work a power cut
  may lose and that is simply done again (retention).
- `migrate`: a file's schema is a tuple of forward steps, each an SQL script or a Python
  step, applied one transaction each; the version reached is kept in the ``schema_version``
  table and, mirrored, in ``PRAGMA user_version``. A file from a newer kds is refused.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
"""How long a statement waits for another connection's lock before it fails."""

Migration = str | Callable[[sqlite3.Connection, str], None]
"""One step of a schema: an SQL script (statements separated by ``;``), or a Python step
called with the connection (inside the step's transaction) and the file's description
(for its messages)."""


def open_db(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open an SQLite file (a writer creates it); raises `sqlite3.Error` when it cannot.

    A read-only connection needs the file to exist and cannot write to it.
    """
    if readonly:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    else:
        conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        conn.close()
        raise
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection, *, durable: bool = True) -> Iterator[sqlite3.Connection]:
    """One write transaction on an autocommit connection from `open_db`.

    ``BEGIN IMMEDIATE`` takes the write lock at once (so a read inside never has to be
    upgraded); any exception, in the block or from the ``COMMIT``, rolls it back and goes on.
    `durable=False` commits with ``synchronous=NORMAL`` (not fsynced: the next durable
    commit syncs it along), then the connection is back to ``FULL``.
    """
    if not durable:
        conn.execute("PRAGMA synchronous = NORMAL")
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLite may have rolled it back itself already
                conn.execute("ROLLBACK")
            raise
    finally:
        if not durable:
            conn.execute("PRAGMA synchronous = FULL")


def schema_version(conn: sqlite3.Connection) -> int:
    """The schema version of an open file (0 for an empty one).

    The higher of the ``schema_version`` table and ``PRAGMA user_version``: files from before
    this module kept their version in one of the two (the store in the table, the spool and
    the connector log in ``user_version``).
    """
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if _has_version_table(conn):
        row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
        version = max(version, int(row[0] or 0))
    return version


def check_version(
    conn: sqlite3.Connection, latest: int, where: str, *, error: type[Exception]
) -> int:
    """The file's schema version; raises `error` when a newer kds wrote it.

    `where` names the file for the message ("the print spool /data/spool.sqlite"); `error` is
    the caller's own error type (it gets the message). A newer file may hold what this kds
    would damage, so it is not used at all.
    """
    version = schema_version(conn)
    if version > latest:
        raise error(
            f"{where} has schema version {version}, newer than this kds understands "
            f"({latest}); update kds or use another data dir"
        )
    return version


def migrate(
    conn: sqlite3.Connection, migrations: Sequence[Migration], where: str, *, error: type[Exception]
) -> int:
    """Bring the file's schema up to date; returns its version, ``len(migrations)``.

    Step N (1-based) brings the schema from version N-1 to N; each runs in its own durable
    transaction with the version it reaches, so a step that fails leaves the file at the
    version before it. A file from a newer kds raises `error` (see `check_version`).
    """
    latest = len(migrations)
    with transaction(conn):
        version = check_version(conn, latest, where, error=error)
        if not _has_version_table(conn):
            conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
            _record_version(conn, version)
    for number in range(version + 1, latest + 1):
        step = migrations[number - 1]
        with transaction(conn):
            if isinstance(step, str):
                for statement in step.split(";"):
                    if statement.strip():
                        conn.execute(statement)
            else:
                step(conn, where)
            _record_version(conn, number)
        logger.info("%s migrated to schema version %d", where, number)
    return latest


def _has_version_table(conn: sqlite3.Connection) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    return row is not None


def _record_version(conn: sqlite3.Connection, version: int) -> None:
    conn.execute("DELETE FROM schema_version")
    conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
    # Mirrored where an older spooler or connector looks, so it too refuses a newer file.
    conn.execute(f"PRAGMA user_version = {version}")
