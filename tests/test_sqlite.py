"""The shared SQLite plumbing (`kds.sqlite`), on real files: what the store, the spool and the
connector log rely on when they open a file, commit a write and bring a schema up to date."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from pathlib import Path

import pytest

from kds.sqlite import Migration, migrate, open_db, schema_version, transaction

NOTES: tuple[Migration, ...] = (
    "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);"
    " CREATE INDEX notes_text ON notes (text)",
    "ALTER TABLE notes ADD COLUMN loud INTEGER NOT NULL DEFAULT 0",
)


class NotesError(Exception):
    """Stands for the caller's own error type (StoreSchemaError, SpoolError, ...)."""


def open_notes(path: Path, migrations: tuple[Migration, ...] = NOTES) -> sqlite3.Connection:
    conn = open_db(path)
    migrate(conn, migrations, f"the notes {path}", error=NotesError)
    return conn


def texts(path: Path) -> list[str]:
    with contextlib.closing(open_db(path, readonly=True)) as conn:
        return [row["text"] for row in conn.execute("SELECT text FROM notes ORDER BY id")]


def test_a_failing_write_is_rolled_back_whole_and_the_connection_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    with contextlib.closing(open_notes(path)) as conn:
        with pytest.raises(ValueError, match="changed my mind"), transaction(conn):
            conn.execute("INSERT INTO notes (text) VALUES ('first')")
            raise ValueError("changed my mind")
        assert texts(path) == []
        with pytest.raises(sqlite3.IntegrityError), transaction(conn):
            conn.execute("INSERT INTO notes (text) VALUES ('second')")
            conn.execute("INSERT INTO notes (id, text) VALUES (1, 'same id')")
        with transaction(conn):
            conn.execute("INSERT INTO notes (text) VALUES ('third')")
    assert texts(path) == ["third"]


def test_a_write_takes_the_lock_at_begin_so_a_second_writer_waits_for_it(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    with contextlib.closing(open_notes(path)) as conn, contextlib.closing(open_db(path)) as other:
        other.execute("PRAGMA busy_timeout = 0")
        with transaction(conn):
            with pytest.raises(sqlite3.OperationalError, match="locked"), transaction(other):
                pass
            assert not other.in_transaction


def test_durable_commits_are_fsynced_and_batches_are_not(tmp_path: Path) -> None:
    full, normal = 2, 1
    with contextlib.closing(open_notes(tmp_path / "notes.sqlite")) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        with transaction(conn):
            assert conn.execute("PRAGMA synchronous").fetchone()[0] == full
        with transaction(conn, durable=False):
            assert conn.execute("PRAGMA synchronous").fetchone()[0] == normal
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == full
        with pytest.raises(ValueError), transaction(conn, durable=False):
            raise ValueError("rolled back")
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == full


def test_a_read_only_connection_reads_while_a_writer_is_open_and_cannot_write(
    tmp_path: Path,
) -> None:
    path = tmp_path / "notes.sqlite"
    with contextlib.closing(open_notes(path)) as writer:
        with transaction(writer):
            writer.execute("INSERT INTO notes (text) VALUES ('kept')")
        with contextlib.closing(open_db(path, readonly=True)) as reader:
            with transaction(writer):  # the writer holds its write lock meanwhile
                writer.execute("INSERT INTO notes (text) VALUES ('not committed yet')")
                assert [row["text"] for row in reader.execute("SELECT text FROM notes")] == ["kept"]
            with pytest.raises(sqlite3.OperationalError, match="readonly"):
                reader.execute("INSERT INTO notes (text) VALUES ('sneaky')")
            with pytest.raises(sqlite3.OperationalError, match="readonly"), transaction(reader):
                reader.execute("DELETE FROM notes")
    assert texts(path) == ["kept", "not committed yet"]
    with pytest.raises(sqlite3.OperationalError):
        open_db(tmp_path / "missing.sqlite", readonly=True)
    assert not (tmp_path / "missing.sqlite").exists()


def test_migrations_bring_a_new_file_up_to_date_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "notes.sqlite"
    with caplog.at_level(logging.INFO, logger="kds.sqlite"):
        open_notes(path).close()
        assert [r.getMessage() for r in caplog.records] == [
            f"the notes {path} migrated to schema version 1",
            f"the notes {path} migrated to schema version 2",
        ]
        caplog.clear()
        conn = open_notes(path)
        assert caplog.records == []  # nothing to do the second time
    with contextlib.closing(conn):
        assert schema_version(conn) == len(NOTES)
        assert [tuple(r) for r in conn.execute("SELECT version FROM schema_version")] == [(2,)]
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
        with transaction(conn):
            conn.execute("INSERT INTO notes (text, loud) VALUES ('hi', 1)")


def test_a_file_versioned_before_the_table_by_user_version_goes_on_from_there(
    tmp_path: Path,
) -> None:
    path = tmp_path / "notes.sqlite"
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as old:
        old.executescript(str(NOTES[0]))
        old.execute("INSERT INTO notes (text) VALUES ('from before')")
        old.execute("PRAGMA user_version = 1")
    with contextlib.closing(open_notes(path)) as conn:
        assert schema_version(conn) == 2
        assert [tuple(r) for r in conn.execute("SELECT text, loud FROM notes")] == [
            ("from before", 0)
        ]


def test_a_file_from_a_newer_kds_is_refused_naming_it_and_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    with contextlib.closing(open_notes(path)) as conn, transaction(conn):
        conn.execute("UPDATE schema_version SET version = 7")
    message = (
        f"the notes {path} has schema version 7, newer than this kds understands (2); "
        "update kds or use another data dir"
    )
    with contextlib.closing(open_db(path)) as conn:
        with pytest.raises(NotesError) as info:
            migrate(conn, NOTES, f"the notes {path}", error=NotesError)
        assert str(info.value) == message
        assert schema_version(conn) == 7
        # An older kds that reads only user_version is refused the same way.
        with transaction(conn):
            conn.execute("UPDATE schema_version SET version = 2")
            conn.execute("PRAGMA user_version = 3")
        with pytest.raises(NotesError, match="has schema version 3"):
            migrate(conn, NOTES, f"the notes {path}", error=NotesError)


def test_a_python_step_runs_in_its_own_transaction_and_a_failing_one_changes_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "notes.sqlite"
    with contextlib.closing(open_notes(path)) as conn, transaction(conn):
        conn.executemany("INSERT INTO notes (text) VALUES (?)", [("soup",), ("bread",)])
    seen: list[str] = []

    def shout(db: sqlite3.Connection, where: str) -> None:
        seen.append(where)
        assert db.in_transaction
        for row in db.execute("SELECT id, text FROM notes").fetchall():
            if row["text"] == "bad":
                raise NotesError(f"cannot upgrade {where}: note {row['id']} is bad")
            db.execute("UPDATE notes SET text = ? WHERE id = ?", (row["text"].upper(), row["id"]))

    with contextlib.closing(open_db(path)) as conn:
        with transaction(conn):
            conn.execute("INSERT INTO notes (text) VALUES ('bad')")
        with pytest.raises(NotesError, match=r"cannot upgrade the notes .*: note 3 is bad"):
            migrate(conn, (*NOTES, shout), f"the notes {path}", error=NotesError)
        assert schema_version(conn) == 2
        assert texts(path) == ["soup", "bread", "bad"]
        with transaction(conn):
            conn.execute("DELETE FROM notes WHERE text = 'bad'")
    open_notes(path, (*NOTES, shout)).close()
    open_notes(path, (*NOTES, shout)).close()
    assert texts(path) == ["SOUP", "BREAD"]
    assert seen == [f"the notes {path}"] * 2  # the failed run and the one that worked


def test_a_failing_sql_step_leaves_the_file_at_the_version_before_it(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    broken = (*NOTES, "CREATE TABLE tags (name TEXT); INSERT INTO nowhere VALUES (1)")
    with pytest.raises(sqlite3.OperationalError, match="nowhere"):
        open_notes(path, broken)
    with contextlib.closing(open_db(path, readonly=True)) as conn:
        assert schema_version(conn) == 2
        assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'tags'").fetchone() is None
