"""The SQLite connection under the store: opening (a new file built aside and linked in whole, an old
one checked and migrated), one lock, and every read and write as its own transaction with errors
that name the file and say what to do; plus `meta` (key/value) and the constants the store shares
with the team store. Why each choice: coach/store/sql.py.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from coach.errors import StoreError
from coach.store import items as decided
from coach.store.migrations import MIGRATIONS as _MIGRATIONS
from coach.store.migrations import SCHEMA_VERSION
from coach.text.secrets import redact_stored

ROLES = ("mentee", "coach")
REVIEW_STATUSES = ("confirmed", "edited", "rejected")
ITEM_STATUSES = ("proposed", *REVIEW_STATUSES)
SHAREABLE_STATUSES = decided.DECIDED  # what a mentor or manager may ever see
SHARE_FORMAT = "bedrock-share"
# Both dialects: meta is keyed by (owner_id, key) since schema 2; the owner comes from the default.
META_UPSERT = "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (owner_id, key) DO UPDATE SET value = excluded.value"
SHARE_VERSION = 1

# The schema history (both dialects) lives in coach/store/migrations.py.
MIGRATIONS = [m.statements("sqlite") for m in _MIGRATIONS]


def utcnow() -> str:
    """ISO-8601 in UTC with milliseconds, e.g. 2025-03-01T09:30:00.123+00:00."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def new_session_id() -> str:
    """12 hex chars: short enough to type in `coach forget ID`, 48 random bits to avoid clashes."""
    return secrets.token_hex(6)


def _json(value: Any) -> str | None:
    """Serialize an Analysis / GuardEvent / dict for a JSON column (None stays NULL).

    Registered secrets are scrubbed (a model server can echo the API key into a reply, and the
    guard event keeps the model's raw text)."""
    if value is None:
        return None
    if hasattr(value, "to_dict"):
        value = value.to_dict()
    return redact_stored(json.dumps(value, ensure_ascii=False))


def _load(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def log_cleanup(path: Path, exc: OSError) -> None:
    import logging

    logging.getLogger(__name__).warning("could not remove %s: %s", path, exc)


class SqlConnection:
    """One connection to the store's file, safe to share between threads (one lock). `Store` builds the
    API on it; `timeout` is how long a write waits for another process's write lock (busy_timeout)."""


    # Where the dialects differ, the subclass for Postgres (coach/store/pg.py) says so here.
    _ROW_ORDER = "s.rowid"  # sessions made in the same millisecond: the order they were made in
    _FOR_UPDATE = ""  # SQLite's BEGIN IMMEDIATE already locks the whole file

    def __init__(self, db_path: Path | str, *, timeout: float = 5.0) -> None:
        self.path = Path(db_path)
        self._lock = threading.RLock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"Cannot create the folder for the database {self.path}: {exc.strerror or exc}. "
                "Check that COACH_HOME points to a writable folder."
            ) from None
        if self.path.is_dir():
            raise StoreError(
                f"The database path {self.path} is a folder, not a file. "
                "Move it away or point COACH_HOME elsewhere."
            )
        if not self.path.exists():
            self._create()
        elif self.path.stat().st_size == 0:
            raise StoreError(
                f"The database {self.path} is empty (0 bytes): it was truncated or damaged, and "
                "Bedrock will not start over on top of it. Restore it from a backup, or move it "
                "aside to start with an empty store."
            )
        with self._errors("open"):
            # isolation_level=None: we issue BEGIN/COMMIT ourselves so each write is one explicit
            # transaction; check_same_thread=False because Streamlit calls from several threads
            # (the RLock serializes use of the connection).
            self._conn = sqlite3.connect(
                str(self.path), timeout=timeout, isolation_level=None, check_same_thread=False
            )
        try:
            with self._errors("open"):
                self._conn.row_factory = sqlite3.Row
                self._conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
                self._conn.execute("PRAGMA journal_mode = WAL")
                self._conn.execute("PRAGMA foreign_keys = ON")
                # FULL: a committed mentee message survives a power cut, not only a crash.
                self._conn.execute("PRAGMA synchronous = FULL")
                self._conn.execute("PRAGMA secure_delete = ON")
                self._check()
                self._migrate()
        except BaseException:
            self._conn.close()
            raise

    def _create(self) -> None:
        """Make a new, migrated database beside the final name, then link it into place.

        `os.link` refuses to overwrite: when two processes create the same store at once, one wins
        and the other opens the winner's file. No process ever sees a 0-byte or half-made store,
        so a 0-byte file can only mean damage (and is refused, not reused).
        """
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{secrets.token_hex(4)}.new")
        try:
            with self._errors("create"):
                conn = sqlite3.connect(str(tmp), isolation_level=None)
            try:
                with self._errors("create"):
                    conn.execute("PRAGMA journal_mode = WAL")
                    self._conn = conn
                    self._migrate()
            finally:
                conn.close()  # checkpoints the WAL into the file and removes it
            try:
                os.link(tmp, self.path)
            except FileExistsError:
                pass  # another process made it first: use theirs
            except OSError as exc:
                raise StoreError(self._explain_os(exc, "create")) from None
        except OSError as exc:
            raise StoreError(self._explain_os(exc, "create")) from None
        finally:
            for leftover in (tmp, tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")):
                try:
                    leftover.unlink()
                except FileNotFoundError:
                    pass
                except OSError as exc:
                    log_cleanup(leftover, exc)

    def _explain_os(self, exc: OSError, action: str) -> str:
        import errno

        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return (f"Cannot {action} the database {self.path}: the disk is full ({exc.strerror}). "
                    "Free some space and try again.")
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return (f"Cannot {action} the database {self.path}: the folder is not writable "
                    f"({exc.strerror}). Point COACH_HOME to a folder you can write to.")
        return f"Cannot {action} the database {self.path}: {exc.strerror or exc}."

    def _check(self) -> None:
        """Refuse a damaged store before anything is written to it.

        quick_check reads every page once (a few ms for a year of weekly sessions, ~40 ms at
        10,000 turns), which is the price of never writing new words into a corrupt file."""
        rows = self._conn.execute("PRAGMA quick_check(5)").fetchall()
        problems = [str(r[0]) for r in rows if str(r[0]).lower() != "ok"]
        if problems:
            raise StoreError(
                f"The database {self.path} is damaged ({'; '.join(problems)[:300]}). Bedrock will "
                "not write to it. Restore it from a backup, or move it aside to start with an "
                "empty store (`sqlite3 FILE .recover` may save what is readable)."
            )

    # ------------------------------------------------------------------ plumbing

    @staticmethod
    def _is_conflict(exc: BaseException | None) -> bool:
        """A unique key already taken (a session id clash)."""
        return isinstance(exc, sqlite3.IntegrityError)

    @property
    def where(self) -> str:
        """Where this store lives, for messages: the file's path."""
        return str(self.path)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        """Translate sqlite3 errors into a StoreError that names the file and what to do."""
        try:
            yield
        except sqlite3.Error as exc:
            raise StoreError(self._explain(exc, action)) from exc

    def _explain(self, exc: sqlite3.Error, action: str) -> str:
        name = getattr(exc, "sqlite_errorname", "") or ""
        msg = str(exc)
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in msg:
            return (
                f"The database {self.path} is locked by another program (could not {action} it). "
                "Close other Bedrock windows or commands using this COACH_HOME, or wait and try again."
            )
        if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")) or "not a database" in msg or "malformed" in msg:
            return (
                f"The database {self.path} is corrupt or not a Bedrock database ({msg}). "
                "Move the file aside (keep it as a backup) and start again, or restore it from a backup."
            )
        if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")) or (
            "readonly" in msg or "unable to open" in msg
        ):
            return (
                f"Cannot write the database {self.path} ({msg}). Check the file and its folder are "
                "writable by you, or point COACH_HOME to a writable folder."
            )
        if name.startswith(("SQLITE_FULL", "SQLITE_IOERR")) or "disk is full" in msg or "disk I/O" in msg:
            return (
                f"Cannot write the database {self.path} ({msg}): the disk may be full or failing. "
                "Free some space and try again."
            )
        return f"Database error on {self.path} while trying to {action}: {msg}."

    @contextmanager
    def _write(self, action: str) -> Iterator[sqlite3.Connection]:
        """One write transaction, committed before returning (IMMEDIATE takes the lock up front)."""
        with self._lock, self._errors(action):
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException:
                # SQLite may already have rolled back (e.g. disk full); never leave one open, or
                # every later BEGIN on this connection would fail.
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise

    @contextmanager
    def _read(self, action: str) -> Iterator[sqlite3.Connection]:
        with self._lock, self._errors(action):
            yield self._conn

    def _migrate(self) -> None:
        version = self._conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"The database {self.path} was written by a newer Bedrock (schema {version}, this "
                f"one knows {SCHEMA_VERSION}). Upgrade Bedrock, or use another COACH_HOME."
            )
        if version == SCHEMA_VERSION:
            return
        with self._write("upgrade"):
            # Re-read inside the write lock: another process may have migrated meanwhile.
            version = self._conn.execute("PRAGMA user_version").fetchone()[0]
            for i in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[i]:
                    self._conn.execute(statement)
            self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @property
    def schema_version(self) -> int:
        with self._read("read") as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])


    # ------------------------------------------------------------------ meta

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        with self._read("read") as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return default if row is None else row["value"]

    def set_meta(self, key: str, value: str) -> None:
        with self._write("update") as conn:
            conn.execute(META_UPSERT, (key, value))

