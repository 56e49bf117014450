"""The SQLite store: sessions, turns, summary items and the question bank. The source of truth.

Everything else (the chromadb memory, exports, the timeline) is derived from this file and can be
rebuilt from it. Design choices, and why:

- WAL mode + a busy timeout: the CLI, the Streamlit app and a second terminal may write the same
  COACH_HOME at once; WAL lets readers run beside one writer and the timeout makes writers queue
  instead of failing.
- Autocommit, and every write is its own `BEGIN IMMEDIATE ... COMMIT`: the mentee's text is durable
  before the coach computes a reply ("nothing typed is ever lost"), and IMMEDIATE takes the write lock
  up front so two processes appending to the same session can't both read the same next `idx`.
- `PRAGMA user_version` + an append-only list of migrations: a file from an older Bedrock upgrades in
  place; a file from a newer one is refused rather than silently misread.
- Forgetting really erases: `secure_delete`, then VACUUM and a truncated WAL (coach/store/purge.py),
  so the words leave free pages and the log too. Each forget also writes a tombstone in `meta`
  (`forget:session:ID`, `forget:turn:ID`, `forget:all`) in the same transaction as the delete: the
  vector memory finishes the job from it (coach/forget.py), even after a kill -9 half-way.
- A store is checked when opened (`PRAGMA quick_check`) and refused with a clear message when it
  is corrupt or empty (0 bytes), never silently replaced by a new one. A new store is built beside
  its final name and linked into place whole, so no process ever sees a half-made file.
- Sharing is enforced here, not in callers: `summary_items(..., audience=...)` and `export()` only
  return what that audience may see, so no UI or CLI path can leak a private item by forgetting a filter.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coach.errors import NotFound, StoreError
from coach.store import items as decided
from coach.store.migrations import MIGRATIONS as _MIGRATIONS
from coach.store.migrations import SCHEMA_VERSION
from coach.store.purge import vacuum
from coach.text.secrets import redact_stored
from coach.types import Evidence, Session, SessionInfo, ShareLevel, SummaryItem, Turn

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


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


class Store:
    """The SQLite store. One connection per instance, safe to share between threads (one lock).

    `timeout` is how long a write waits for another process's write lock (busy_timeout) before
    raising StoreError; the 5 s default is far above any single Bedrock write.
    """

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

    def __enter__(self) -> Store:
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

    # ------------------------------------------------------------------ sessions

    @staticmethod
    def _session(row: sqlite3.Row) -> Session:
        return Session(
            id=row["id"],
            created_at=row["created_at"],
            share=ShareLevel(row["share"]),
            title=row["title"],
            closed=bool(row["closed"]),
            state=json.loads(row["state"] or "{}"),
        )

    def create_session(self, share: ShareLevel = ShareLevel.PRIVATE, title: str = "") -> Session:
        share = ShareLevel(share)
        created = utcnow()
        for _ in range(5):  # a clash of 48 random bits is astronomically rare; retry anyway
            sid = new_session_id()
            try:
                with self._write("create a session in") as conn:
                    conn.execute(
                        "INSERT INTO sessions (id, created_at, share, title) VALUES (?, ?, ?, ?)",
                        (sid, created, share.value, title),
                    )
            except StoreError as exc:
                if self._is_conflict(exc.__cause__):
                    continue
                raise
            return Session(id=sid, created_at=created, share=share, title=title)
        raise StoreError(f"Could not allocate a new session id in {self.where}.")

    def get_session(self, session_id: str) -> Session:
        with self._read("read") as conn:
            row = conn.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            raise NotFound(f"No session '{session_id}'. See `coach sessions` for the ids.")
        return self._session(row)

    def list_sessions(self) -> list[SessionInfo]:
        """All sessions, newest first, with turn counts and the time of the last turn."""
        with self._read("read") as conn:
            rows = conn.execute(
                """SELECT s.id, s.created_at, s.share, s.title, s.closed,
                          COUNT(t.id) AS n_turns, MAX(t.created_at) AS last_at
                   FROM sessions s LEFT JOIN turns t ON t.session_id = s.id
                   GROUP BY s.id ORDER BY s.created_at DESC, """ + self._ROW_ORDER + " DESC"
            ).fetchall()
        return [
            SessionInfo(
                id=r["id"],
                created_at=r["created_at"],
                share=ShareLevel(r["share"]),
                title=r["title"],
                closed=bool(r["closed"]),
                n_turns=r["n_turns"],
                last_at=r["last_at"],
            )
            for r in rows
        ]

    def _update_session(self, session_id: str, column: str, value: Any, action: str) -> None:
        with self._write(action) as conn:
            cur = conn.execute(f"UPDATE sessions SET {column} = ? WHERE id = ?", (value, session_id))
            if cur.rowcount == 0:
                raise NotFound(f"No session '{session_id}'. See `coach sessions` for the ids.")

    def save_state(self, session_id: str, state: dict[str, Any]) -> None:
        self._update_session(session_id, "state", json.dumps(state, ensure_ascii=False), "save state in")

    def set_share(self, session_id: str, level: ShareLevel) -> None:
        """Change who may see a session, in one step: its items follow (coach/store/items.py
        `follow_session`), so the session and its items never disagree. An item the mentee kept
        to themselves in a shared session stays private. The session is the ceiling for its items
        and statements."""
        level = ShareLevel(level)
        with self._write("update") as conn:
            row = conn.execute("SELECT share FROM sessions WHERE id = ?", (session_id,)).fetchone()
            if row is None:
                raise NotFound(f"No session '{session_id}'. See `coach sessions` for the ids.")
            old = ShareLevel(row["share"])
            conn.execute("UPDATE sessions SET share = ? WHERE id = ?", (level.value, session_id))
            now = utcnow()
            for item in conn.execute("SELECT id, share FROM summary_items WHERE session_id = ?", (session_id,)).fetchall():
                new = decided.follow_session(ShareLevel(item["share"]), old, level)
                if new.value != item["share"]:
                    conn.execute("UPDATE summary_items SET share = ?, updated_at = ? WHERE id = ?",
                                 (new.value, now, item["id"]))

    def share_quotes(self, session_id: str) -> bool:
        """Whether a mentor or manager sees the quotes (the mentee's exact words) behind the
        items of this session. Yes unless the mentee chose otherwise."""
        return self.get_meta(f"quotes:{session_id}", "with") != "without"

    def set_share_quotes(self, session_id: str, with_quotes: bool) -> None:
        self.get_session(session_id)  # NotFound for an unknown session
        self.set_meta(f"quotes:{session_id}", "with" if with_quotes else "without")

    def close_session(self, session_id: str) -> None:
        self._update_session(session_id, "closed", 1, "update")

    def set_title(self, session_id: str, title: str) -> None:
        self._update_session(session_id, "title", title, "update")

    # ------------------------------------------------------------------ turns

    @staticmethod
    def _turn(row: sqlite3.Row) -> Turn:
        return Turn(
            id=row["id"],
            session_id=row["session_id"],
            idx=row["idx"],
            role=row["role"],
            text=row["text"],
            created_at=row["created_at"],
            move=row["move"],
            analysis=_load(row["analysis"]),
            guard=_load(row["guard"]),
            latency_ms=row["latency_ms"],
        )

    def add_turn(
        self,
        session_id: str,
        role: str,
        text: str,
        *,
        move: str = "",
        analysis: Any = None,
        guard: Any = None,
        latency_ms: float | None = None,
    ) -> Turn:
        """Append a turn and commit it before returning. `analysis`/`guard`: dataclass or dict."""
        if role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}, not {role!r}")
        if role == "coach":  # a model's words: a server can echo the API key into them
            text = redact_stored(text) or ""
        created = utcnow()
        move = str(move or "")
        with self._write("save the turn in") as conn:
            # The session row is locked (Postgres; SQLite's BEGIN IMMEDIATE already holds the
            # whole file) so two writers to one session cannot both take the same next idx.
            if conn.execute("SELECT 1 FROM sessions WHERE id = ?" + self._FOR_UPDATE, (session_id,)).fetchone() is None:
                raise NotFound(f"No session '{session_id}'. See `coach sessions` for the ids.")
            idx = conn.execute(
                "SELECT COALESCE(MAX(idx), -1) + 1 FROM turns WHERE session_id = ?", (session_id,)
            ).fetchone()[0]
            turn_id = conn.execute(
                """INSERT INTO turns (session_id, idx, role, text, created_at, move, analysis, guard, latency_ms)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                (session_id, idx, role, text, created, move, _json(analysis), _json(guard), latency_ms),
            ).fetchone()[0]
        assert turn_id is not None
        return Turn(
            id=turn_id,
            session_id=session_id,
            idx=idx,
            role=role,
            text=text,
            created_at=created,
            move=move,
            analysis=_load(_json(analysis)),
            guard=_load(_json(guard)),
            latency_ms=latency_ms,
        )

    def record_reply(
        self,
        session_id: str,
        mentee_turn_id: int,
        analysis: Any,
        text: str,
        *,
        move: str,
        guard: Any,
        latency_ms: float,
        state: dict[str, Any],
    ) -> Turn:
        """The end of one coach turn as ONE transaction: the mentee turn's analysis, the coach's reply
        and the policy state. One commit (one fsync) instead of three keeps the turn fast, and the
        session can never hold a reply without the state that produced it."""
        created = utcnow()
        text = redact_stored(text) or ""  # a model's words: a server can echo the API key into them
        with self._write("save the reply in") as conn:
            # The state first: it takes the session's row lock (Postgres) before the next idx is read.
            found = conn.execute(
                "UPDATE sessions SET state = ? WHERE id = ?", (json.dumps(state, ensure_ascii=False), session_id)
            ).rowcount
            if not found:
                raise NotFound(f"No session '{session_id}'. See `coach sessions` for the ids.")
            conn.execute("UPDATE turns SET analysis = ? WHERE id = ?", (_json(analysis), mentee_turn_id))
            idx = conn.execute(
                "SELECT COALESCE(MAX(idx), -1) + 1 FROM turns WHERE session_id = ?", (session_id,)
            ).fetchone()[0]
            turn_id = conn.execute(
                """INSERT INTO turns (session_id, idx, role, text, created_at, move, analysis, guard, latency_ms)
                   VALUES (?, ?, 'coach', ?, ?, ?, NULL, ?, ?) RETURNING id""",
                (session_id, idx, text, created, str(move), _json(guard), latency_ms),
            ).fetchone()[0]
        assert turn_id is not None
        return Turn(turn_id, session_id, idx, "coach", text, created, str(move), None, _load(_json(guard)), latency_ms)

    def update_turn(
        self,
        turn_id: int,
        *,
        analysis: Any = None,
        guard: Any = None,
        move: str | None = None,
        latency_ms: float | None = None,
    ) -> None:
        """Fill in what was computed after the turn was saved. None leaves a field unchanged."""
        sets: list[str] = []
        values: list[Any] = []
        for column, value in (
            ("analysis", _json(analysis)),
            ("guard", _json(guard)),
            ("move", None if move is None else str(move)),
            ("latency_ms", latency_ms),
        ):
            if value is not None:
                sets.append(f"{column} = ?")
                values.append(value)
        with self._write("update the turn in") as conn:
            if sets:
                cur = conn.execute(f"UPDATE turns SET {', '.join(sets)} WHERE id = ?", (*values, turn_id))
                found = cur.rowcount > 0
            else:
                found = conn.execute("SELECT 1 FROM turns WHERE id = ?", (turn_id,)).fetchone() is not None
            if not found:
                raise NotFound(f"No turn {turn_id}.")

    def turns(self, session_id: str) -> list[Turn]:
        """All turns of a session, in order. NotFound for an unknown session."""
        self.get_session(session_id)
        with self._read("read") as conn:
            rows = conn.execute(
                "SELECT * FROM turns WHERE session_id = ? ORDER BY idx", (session_id,)
            ).fetchall()
        return [self._turn(r) for r in rows]

    def recent_turns(self, session_id: str, n: int) -> list[Turn]:
        """The last `n` turns, oldest first."""
        with self._read("read") as conn:
            rows = conn.execute(
                "SELECT * FROM turns WHERE session_id = ? ORDER BY idx DESC LIMIT ?", (session_id, max(n, 0))
            ).fetchall()
        return [self._turn(r) for r in reversed(rows)]

    def get_turn(self, turn_id: int) -> Turn:
        with self._read("read") as conn:
            row = conn.execute("SELECT * FROM turns WHERE id = ?", (turn_id,)).fetchone()
        if row is None:
            raise NotFound(f"No turn {turn_id}.")
        return self._turn(row)

    def iter_mentee_turns(self, *, batch: int = 2000) -> Iterator[tuple[Turn, Session]]:
        """Every mentee turn with its session, oldest first (for rebuilding the vector memory).

        Reads in pages so the lock is not held while the caller embeds.
        """
        sessions: dict[str, Session] = {}
        last = 0
        while True:
            with self._read("read") as conn:
                rows = conn.execute(
                    "SELECT * FROM turns WHERE role = 'mentee' AND id > ? ORDER BY id LIMIT ?", (last, batch)
                ).fetchall()
            if not rows:
                return
            for row in rows:
                turn = self._turn(row)
                if turn.session_id not in sessions:
                    try:
                        sessions[turn.session_id] = self.get_session(turn.session_id)
                    except NotFound:  # forgotten since this page was read (another process)
                        continue
                yield turn, sessions[turn.session_id]
            last = rows[-1]["id"]

    def count_mentee_turns(self) -> int:
        with self._read("read") as conn:
            return int(conn.execute("SELECT COUNT(*) FROM turns WHERE role = 'mentee'").fetchone()[0])

    def session_shares(self, session_ids: list[str]) -> dict[str, ShareLevel]:
        """Current share level of each existing session (forgotten ones are absent)."""
        if not session_ids:
            return {}
        ids = list(dict.fromkeys(session_ids))
        marks = ",".join("?" * len(ids))
        with self._read("read") as conn:
            rows = conn.execute(f"SELECT id, share FROM sessions WHERE id IN ({marks})", ids).fetchall()
        return {r["id"]: ShareLevel(r["share"]) for r in rows}

    def turn_texts(self, turn_ids: list[int]) -> dict[int, str]:
        """The current text of each of these turns that still exists (the vector memory checks its
        writes against this: a statement forgotten or reworded since it was queued)."""
        ids = list(dict.fromkeys(int(t) for t in turn_ids))
        found: dict[int, str] = {}
        for i in range(0, len(ids), 900):  # SQLite's bound-parameter limit
            chunk = ids[i:i + 900]
            with self._read("read") as conn:
                rows = conn.execute(
                    f"SELECT id, text FROM turns WHERE id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
            found.update((int(r["id"]), r["text"]) for r in rows)
        return found

    # ------------------------------------------------------------------ forgetting

    def scrub(self) -> None:
        """Leave no trace of deleted rows in the file: secure_delete, VACUUM, an emptied WAL.

        With another process reading at that moment the WAL may not empty fully; secure_delete has
        zeroed the freed pages either way, and the next scrub finishes it.
        """
        with self._lock, self._errors("clean up"):
            vacuum(self._conn)

    def _tombstone(self, conn: sqlite3.Connection, target: str) -> None:
        conn.execute(META_UPSERT, (f"forget:{target}", utcnow()))

    def pending_forgets(self) -> list[str]:
        """Forgets whose vector-memory half is not done yet: 'session:ID', 'turn:ID' or 'all'."""
        with self._read("read") as conn:
            rows = conn.execute("SELECT key FROM meta WHERE key LIKE 'forget:%' ORDER BY value").fetchall()
        return [r["key"].removeprefix("forget:") for r in rows]

    def forget_done(self, target: str) -> None:
        with self._write("update") as conn:
            conn.execute("DELETE FROM meta WHERE key = ?", (f"forget:{target}",))

    def _redact_quotes(self, conn: sqlite3.Connection, texts: list[str], *, session: str | None = None,
                       skip_session: str | None = None) -> int:
        """Coach turns that played one of `texts` back lose that reply too: a later recall in
        another session ("Last month you said ..."), and, with `session`, the reflections of it in
        that session. Whatever quotes forgotten words is forgotten with them."""
        grams = set().union(*(_grams(t) for t in texts)) if texts else set()
        if not grams:
            return 0
        rows = conn.execute(
            "SELECT id, text, guard FROM turns WHERE role = 'coach' AND session_id IS DISTINCT FROM ? "
            "AND (move = 'recall' OR session_id IS NOT DISTINCT FROM ?)",
            (skip_session, session),
        ).fetchall()
        hit = [r["id"] for r in rows if grams & (_grams(r["text"]) | _grams(r["guard"] or ""))]
        for turn_id in hit:
            conn.execute("UPDATE turns SET text = ?, guard = NULL, analysis = NULL WHERE id = ?", (FORGOTTEN_QUOTE, turn_id))
        return len(hit)

    def _drop_items_quoting(self, conn: sqlite3.Connection, session_id: str, turn_id: int, text: str) -> None:
        """Summary items lose their quotes of a statement; an item left without one, or whose own
        wording repeats the statement, goes."""
        grams = _grams(text)
        for item in conn.execute("SELECT id, text, original_text, quotes FROM summary_items WHERE session_id = ?",
                                 (session_id,)).fetchall():
            quotes = json.loads(item["quotes"] or "[]")
            kept = [q for q in quotes if q.get("turn_id") != turn_id and not _quotes_from(q.get("text", ""), text)]
            repeats = bool(grams & (_grams(item["text"]) | _grams(item["original_text"] or "")))
            if repeats or (quotes and not kept):
                conn.execute("DELETE FROM summary_items WHERE id = ?", (item["id"],))
            elif len(kept) != len(quotes):
                conn.execute("UPDATE summary_items SET quotes = ?, updated_at = ? WHERE id = ?",
                             (json.dumps(kept, ensure_ascii=False), utcnow(), item["id"]))

    def forget_session(self, session_id: str) -> None:
        """Delete a session with its turns and summary items (not recoverable), and every quote
        of its words in other sessions. Leaves a tombstone for the vector memory."""
        with self._write("delete from") as conn:
            texts = [r["text"] for r in conn.execute(
                "SELECT text FROM turns WHERE session_id = ? AND role = 'mentee'", (session_id,))]
            cur = conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
            if cur.rowcount == 0:
                raise NotFound(f"No session '{session_id}'. See `coach sessions` for the ids.")
            conn.execute("DELETE FROM meta WHERE key IN (?, ?)", (f"quotes:{session_id}", f"deepest:{session_id}"))
            self._redact_quotes(conn, texts, skip_session=session_id)
            self._tombstone(conn, f"session:{session_id}")
        self.scrub()

    def forget_all(self) -> int:
        """Delete every session, turn and summary item. The mentors' question bank stays.

        Returns the number of sessions deleted.
        """
        with self._write("delete from") as conn:
            conn.execute("DELETE FROM summary_items")
            conn.execute("DELETE FROM turns")
            n = conn.execute("DELETE FROM sessions").rowcount
            conn.execute("DELETE FROM meta WHERE key LIKE 'forget:%' OR key LIKE 'unindexed:%' OR key LIKE 'quotes:%' OR key LIKE 'deepest:%'")
            self._tombstone(conn, "all")
        self.scrub()
        return n

    def forget_turn(self, turn_id: int) -> None:
        """Forget one thing the mentee said: the statement, the coach's reply to it (which plays it
        back), its quotes in summary items (an item left without a quote goes too), what the
        session's state kept of it, and any later playback of it. Leaves a tombstone."""
        with self._write("delete from") as conn:
            row = conn.execute("SELECT * FROM turns WHERE id = ?", (turn_id,)).fetchone()
            if row is None or row["role"] != "mentee":
                raise NotFound(f"No statement {turn_id}. See `coach memory` for the ids.")
            sid, text = row["session_id"], row["text"]
            conn.execute(
                "DELETE FROM turns WHERE session_id = ? AND role = 'coach' AND idx = ("
                "SELECT MIN(idx) FROM turns WHERE session_id = ? AND idx > ?) ",
                (sid, sid, row["idx"]),
            )
            conn.execute("DELETE FROM turns WHERE id = ?", (turn_id,))
            self._drop_items_quoting(conn, sid, turn_id, text)
            state = json.loads(conn.execute("SELECT state FROM sessions WHERE id = ?", (sid,)).fetchone()[0] or "{}")
            conn.execute("UPDATE sessions SET state = ? WHERE id = ?",
                         (json.dumps(scrub_state(state, turn_id, text), ensure_ascii=False), sid))
            self._redact_quotes(conn, [text], session=sid)
            self._tombstone(conn, f"turn:{turn_id}")
        self.scrub()

    def edit_turn(self, turn_id: int, text: str) -> Turn:
        """The mentee rewords something they said. The old wording is erased everywhere a forget
        would erase it; the new one replaces it in the statement (and the vector memory re-embeds
        it: a `turn:ID` tombstone makes sure the old text leaves its files too)."""
        text = text.strip()
        if not text:
            raise ValueError("an edited statement needs its new text")
        with self._write("update") as conn:
            row = conn.execute("SELECT * FROM turns WHERE id = ?", (turn_id,)).fetchone()
            if row is None or row["role"] != "mentee":
                raise NotFound(f"No statement {turn_id}. See `coach memory` for the ids.")
            old = row["text"]
            conn.execute("UPDATE turns SET text = ? WHERE id = ?", (text, turn_id))
            self._drop_items_quoting(conn, row["session_id"], turn_id, old)
            state = json.loads(conn.execute("SELECT state FROM sessions WHERE id = ?",
                                            (row["session_id"],)).fetchone()[0] or "{}")
            conn.execute("UPDATE sessions SET state = ? WHERE id = ?",
                         (json.dumps(scrub_state(state, turn_id, old), ensure_ascii=False), row["session_id"]))
            self._redact_quotes(conn, [old], session=row["session_id"])
            self._tombstone(conn, f"edit:{turn_id}")
        self.scrub()
        return self.get_turn(turn_id)

    # ------------------------------------------------------------------ statements not yet indexed

    def mark_unindexed(self, session_id: str) -> None:
        """The vector memory has not seen this session's statements yet (a scripted run does not
        open it): it indexes them the next time it opens."""
        with self._write("update") as conn:
            conn.execute(META_UPSERT, (f"unindexed:{session_id}", utcnow()))

    def unindexed_sessions(self) -> list[str]:
        with self._read("read") as conn:
            rows = conn.execute("SELECT key FROM meta WHERE key LIKE 'unindexed:%'").fetchall()
        return [r["key"].removeprefix("unindexed:") for r in rows]

    def indexed(self, session_id: str) -> None:
        with self._write("update") as conn:
            conn.execute("DELETE FROM meta WHERE key = ?", (f"unindexed:{session_id}",))

    def mentee_turns(self, session_id: str) -> list[Turn]:
        with self._read("read") as conn:
            rows = conn.execute(
                "SELECT * FROM turns WHERE session_id = ? AND role = 'mentee' ORDER BY idx", (session_id,)
            ).fetchall()
        return [self._turn(r) for r in rows]

    # ------------------------------------------------------------------ summary items

    @staticmethod
    def _item(row: sqlite3.Row) -> SummaryItem:
        # Titles follow the review state (coach/store/items.py): every reader gets the same wording.
        return SummaryItem(
            id=row["id"],
            session_id=row["session_id"],
            kind=row["kind"],
            text=decided.titled(row["kind"], row["text"], row["status"]),
            quotes=[Evidence(**q) for q in json.loads(row["quotes"] or "[]")],
            motivation=row["motivation"],
            status=row["status"],
            share=ShareLevel(row["share"]),
            original_text=row["original_text"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
        )

    def save_summary_items(self, session_id: str, items: list[SummaryItem]) -> list[SummaryItem]:
        """Store a (re)built summary: reviewed items are kept as they are, proposals are updated.

        An incoming item the mentee already reviewed is not proposed again: the same kind and
        text as a reviewed item's text or original text, or (bedrock, motivations) the same words
        cited (coach/store/items.py `same_evidence`), so rebuilding a summary never undoes a
        review, nor shows a confirmed item twice. A proposal that is still proposed keeps its id
        (the live side panel rebuilds on every turn, and the mentee's clicks name items by id);
        proposals no longer made are removed. A bedrock the mentee confirmed in the conversation
        is stored as confirmed. Returns all the session's items afterwards (`summary_items`).
        """
        now = utcnow()
        with self._write("save the summary in") as conn:
            if conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone() is None:
                raise NotFound(f"No session '{session_id}'. See `coach sessions` for the ids.")
            rows = conn.execute("SELECT * FROM summary_items WHERE session_id = ? ORDER BY id", (session_id,)).fetchall()
            reviewed = [r for r in rows if r["status"] != "proposed"]
            proposed = {r["id"]: r for r in rows if r["status"] == "proposed"}
            reviewed_texts = {(r["kind"], _norm(t)) for r in reviewed for t in (r["text"], r["original_text"]) if t}
            kept: set[int] = set()
            for item in items:
                quotes = [_evidence_dict(q) for q in item.quotes]
                if (item.kind, _norm(item.text)) in reviewed_texts or any(
                    r["kind"] in decided.BY_EVIDENCE and decided.same_evidence(
                        item.kind, item.motivation, quotes, r["kind"], r["motivation"], json.loads(r["quotes"] or "[]"))
                    for r in reviewed
                ):
                    continue
                status = item.status if item.status in ITEM_STATUSES else "proposed"
                status = decided.status_on_save(str(item.kind), item.text, status)
                motivation = None if item.motivation is None else str(item.motivation)
                match = None
                if status == "proposed":
                    free = [r for i, r in proposed.items() if i not in kept]
                    match = next((r for r in free if r["kind"] == item.kind and _norm(r["text"]) == _norm(item.text)), None) \
                        or next((r for r in free if decided.same_evidence(
                            item.kind, item.motivation, quotes, r["kind"], r["motivation"], json.loads(r["quotes"] or "[]"))), None)
                if match is not None:
                    kept.add(match["id"])
                    quotes_json = json.dumps(quotes, ensure_ascii=False)
                    if (match["text"], match["quotes"], match["motivation"]) != (item.text, quotes_json, motivation):
                        conn.execute(
                            "UPDATE summary_items SET text = ?, original_text = ?, quotes = ?, motivation = ?, "
                            "updated_at = ? WHERE id = ?",
                            (item.text, item.original_text or "", quotes_json, motivation, now, match["id"]),
                        )
                    continue
                conn.execute(
                    """INSERT INTO summary_items
                       (session_id, kind, text, original_text, quotes, motivation, status, share,
                        created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    (
                        session_id,
                        str(item.kind),
                        item.text,
                        item.original_text or "",
                        json.dumps(quotes, ensure_ascii=False),
                        motivation,
                        status,
                        ShareLevel(item.share).value,
                        now,
                        now,
                    ),
                )
            gone = [i for i in proposed if i not in kept]
            for item_id in gone:
                conn.execute("DELETE FROM summary_items WHERE id = ?", (item_id,))
        return self.summary_items(session_id)

    def add_item(self, session_id: str, item: SummaryItem) -> SummaryItem:
        """Add one item the mentee wrote themselves (e.g. the decision in front of them): it is
        theirs, so it is stored as edited, and a rebuilt summary never replaces it."""
        text = item.text.strip()
        if not text:
            raise ValueError("an item needs its text")
        now = utcnow()
        with self._write("save the item in") as conn:
            session = conn.execute("SELECT share FROM sessions WHERE id = ?", (session_id,)).fetchone()
            if session is None:
                raise NotFound(f"No session '{session_id}'. See `coach sessions` for the ids.")
            cur = conn.execute(
                """INSERT INTO summary_items
                   (session_id, kind, text, original_text, quotes, motivation, status, share, created_at, updated_at)
                   VALUES (?, ?, ?, '', ?, ?, 'edited', ?, ?, ?)""",
                (session_id, str(item.kind), text, json.dumps([_evidence_dict(q) for q in item.quotes], ensure_ascii=False),
                 None if item.motivation is None else str(item.motivation), session["share"], now, now),
            )
            assert cur.lastrowid is not None
            item_id = cur.lastrowid
        return self.get_item(item_id)

    def summary_items(
        self, session_id: str, *, audience: ShareLevel = ShareLevel.PRIVATE
    ) -> list[SummaryItem]:
        """The session's items that `audience` may see, as they may see them.

        The mentee (PRIVATE) sees everything, with review state. A mentor or manager sees an item
        only if the mentee confirmed or edited it (what the app promises: "the summary items you
        confirm and share"; an item still "proposed" is the coach's guess, not the mentee's word),
        and both the item's share and its session's share are visible to them (the session is the
        ceiling: its quotes are the session's turns); never the coach's original wording of an
        edited item (the mentee's edit is what they agreed to share), and the quotes only if the
        mentee chose to share them (`share_quotes`). The rules: coach/store/items.py.
        """
        audience = ShareLevel(audience)
        session = self.get_session(session_id)
        with self._read("read") as conn:
            rows = conn.execute(
                "SELECT * FROM summary_items WHERE session_id = ? ORDER BY id", (session_id,)
            ).fetchall()
        items = [self._item(r) for r in rows]
        if audience is ShareLevel.PRIVATE:
            return items
        return decided.audience_view(items, session.share, audience, with_quotes=self.share_quotes(session_id))

    def get_item(self, item_id: int) -> SummaryItem:
        with self._read("read") as conn:
            row = conn.execute("SELECT * FROM summary_items WHERE id = ?", (item_id,)).fetchone()
        if row is None:
            raise NotFound(f"No summary item {item_id}.")
        return self._item(row)

    def review_item(self, item_id: int, status: str, text: str | None = None) -> SummaryItem:
        """Record the mentee's review. "edited" needs the new text; the first wording is kept."""
        if status not in REVIEW_STATUSES:
            raise ValueError(f"status must be one of {REVIEW_STATUSES}, not {status!r}")
        if status == "edited" and not (text and text.strip()):
            raise ValueError("an edited item needs its new text")
        if status != "edited" and text is not None:
            raise ValueError("text is only given when the status is 'edited'")
        with self._write("save the review in") as conn:
            row = conn.execute("SELECT text, original_text FROM summary_items WHERE id = ?", (item_id,)).fetchone()
            if row is None:
                raise NotFound(f"No summary item {item_id}.")
            if status == "edited":
                assert text is not None
                conn.execute(
                    "UPDATE summary_items SET status = ?, text = ?, original_text = ?, updated_at = ? WHERE id = ?",
                    (status, text.strip(), row["original_text"] or row["text"], utcnow(), item_id),
                )
            else:
                conn.execute(
                    "UPDATE summary_items SET status = ?, updated_at = ? WHERE id = ?", (status, utcnow(), item_id)
                )
        return self.get_item(item_id)

    def delete_item(self, item_id: int) -> None:
        """Forget one summary item (the mentee's "forget this"), its words scrubbed from the file."""
        with self._write("delete from") as conn:
            if conn.execute("DELETE FROM summary_items WHERE id = ?", (item_id,)).rowcount == 0:
                raise NotFound(f"No summary item {item_id}.")
        self.scrub()

    def reword_item(self, item_id: int, text: str) -> SummaryItem:
        """The mentee rewords an item from "What Bedrock remembers": unlike a review edit, the
        earlier wording is not kept (the mentee asked for it to be replaced), and is scrubbed."""
        text = text.strip()
        if not text:
            raise ValueError("an item needs its new text")
        with self._write("update") as conn:
            cur = conn.execute(
                "UPDATE summary_items SET text = ?, original_text = '', status = 'edited', updated_at = ? WHERE id = ?",
                (text, utcnow(), item_id),
            )
            if cur.rowcount == 0:
                raise NotFound(f"No summary item {item_id}.")
        self.scrub()
        return self.get_item(item_id)

    def update_state(self, session_id: str, change: Any, *, missing: str = "") -> dict[str, Any]:
        """Change a session's policy state in one transaction: `change(state)` edits the dict in
        place and returns whether it found what it was asked to change (NotFound otherwise).
        Scrubs the file afterwards: what was removed is gone from the disk too."""
        with self._write("update") as conn:
            row = conn.execute("SELECT state FROM sessions WHERE id = ?", (session_id,)).fetchone()
            if row is None:
                raise NotFound(f"No session '{session_id}'. See `coach sessions` for the ids.")
            state = json.loads(row["state"] or "{}")
            if not change(state):
                raise NotFound(missing or "Nothing to change.")
            conn.execute("UPDATE sessions SET state = ? WHERE id = ?", (json.dumps(state, ensure_ascii=False), session_id))
        self.scrub()
        return state

    def set_item_share(self, item_id: int, level: ShareLevel) -> SummaryItem:
        """Share one item. It reaches a mentor only if its session is shared at least as widely."""
        with self._write("update") as conn:
            cur = conn.execute(
                "UPDATE summary_items SET share = ?, updated_at = ? WHERE id = ?",
                (ShareLevel(level).value, utcnow(), item_id),
            )
            if cur.rowcount == 0:
                raise NotFound(f"No summary item {item_id}.")
        return self.get_item(item_id)

    # ------------------------------------------------------------------ question bank

    def add_bank_question(self, text: str, technique: str, motivation: str = "", author: str = "mentor") -> int:
        """Add a question to the bank; an identical question is not added twice. Returns its id."""
        text = text.strip()
        if not text:
            raise ValueError("an empty question cannot go into the bank")
        with self._write("save the question in") as conn:
            for row in conn.execute("SELECT id, text FROM bank"):
                if _norm(row["text"]) == _norm(text):
                    return int(row["id"])
            return int(conn.execute(
                "INSERT INTO bank (text, technique, motivation, author, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                (text, str(technique or ""), str(motivation or ""), author, utcnow()),
            ).fetchone()[0])

    def bank_questions(self) -> list[dict[str, Any]]:
        with self._read("read") as conn:
            rows = conn.execute("SELECT * FROM bank ORDER BY id").fetchall()
        return [dict(r) for r in rows]

    # ------------------------------------------------------------------ meta

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        with self._read("read") as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return default if row is None else row["value"]

    def set_meta(self, key: str, value: str) -> None:
        with self._write("update") as conn:
            conn.execute(META_UPSERT, (key, value))

    # ------------------------------------------------------------------ derived views

    def motivation_timeline(self, *, audience: ShareLevel = ShareLevel.PRIVATE) -> list[dict[str, Any]]:
        """Motivations per session over time, oldest session first, from the turns' analysis.

        Per motivation: `count` (mentee turns that showed it), `score` (sum of confidences, the
        weight to chart) and `max_confidence`. Only sessions visible to `audience`; no quotes.
        """
        audience = ShareLevel(audience)
        out: list[dict[str, Any]] = []
        for info in sorted(self.list_sessions(), key=lambda s: s.created_at):
            if not info.share.visible_to(audience):
                continue
            motivations: dict[str, dict[str, float]] = {}
            n_mentee = 0
            for turn in self.turns(info.id):
                if turn.role != "mentee":
                    continue
                n_mentee += 1
                for hit in (turn.analysis or {}).get("motivations") or []:
                    name = str(hit.get("motivation", ""))
                    if not name:
                        continue
                    conf = float(hit.get("confidence") or 0.0)
                    m = motivations.setdefault(name, {"count": 0, "score": 0.0, "max_confidence": 0.0})
                    m["count"] += 1
                    m["score"] = round(m["score"] + conf, 4)
                    m["max_confidence"] = round(max(m["max_confidence"], conf), 4)
            ranked = dict(sorted(motivations.items(), key=lambda kv: (-kv[1]["score"], kv[0])))
            out.append(
                {
                    "session_id": info.id,
                    "date": info.created_at[:10],
                    "created_at": info.created_at,
                    "title": info.title,
                    "share": info.share.value,
                    "mentee_turns": n_mentee,
                    "motivations": ranked,
                }
            )
        return out

    def export(
        self, audience: ShareLevel = ShareLevel.PRIVATE, *, session_ids: list[str] | None = None
    ) -> dict[str, Any]:
        """A `bedrock-share` document of what `audience` may see (see coach.store.share).

        For a mentor or manager: the summary items visible to them (via `summary_items`, so the
        same rules), each with its quotes, plus the sessions those items come from — no transcripts.
        For the mentee (PRIVATE): everything, transcripts and review state included (a backup),
        except the items they rejected.
        """
        audience = ShareLevel(audience)
        infos = sorted(self.list_sessions(), key=lambda s: s.created_at)
        if session_ids is not None:
            wanted = set(session_ids)
            missing = wanted - {s.id for s in infos}
            if missing:
                raise NotFound(f"No session '{sorted(missing)[0]}'. See `coach sessions` for the ids.")
            infos = [s for s in infos if s.id in wanted]
        sessions: list[dict[str, Any]] = []
        items: list[dict[str, Any]] = []
        for info in infos:
            # What the mentee rejected is in no export: it stays in the store only so it is not
            # proposed again.
            visible = [i for i in self.summary_items(info.id, audience=audience) if i.status != "rejected"]
            if audience is not ShareLevel.PRIVATE and not visible:
                continue  # a mentor does not even learn that an unshared session exists
            entry: dict[str, Any] = {
                "id": info.id,
                "date": info.created_at[:10],
                "created_at": info.created_at,
                "title": info.title,
                "share": info.share.value,
                # which of the seed's techniques were already used (no words, no quotes): the mentor's
                # prep then does not ask the lottery question a second time
                "techniques": sorted({t for t in self.get_session(info.id).state.get("done", [])
                                      if not t.startswith("normalize:")}),
            }
            if audience is ShareLevel.PRIVATE:
                entry["turns"] = [
                    {"id": t.id, "idx": t.idx, "role": t.role, "text": t.text, "created_at": t.created_at,
                     "move": t.move}
                    for t in self.turns(info.id)
                ]
            sessions.append(entry)
            for item in visible:
                d = _item_export(item)
                d["session_date"] = entry["date"]
                items.append(d)
        return {
            "format": SHARE_FORMAT,
            "version": SHARE_VERSION,
            "audience": audience.value,
            "created_at": utcnow(),
            "sessions": sessions,
            "items": items,
        }


FORGOTTEN_QUOTE = "(This reply played back words you have since forgotten; they were removed.)"


def log_cleanup(path: Path, exc: OSError) -> None:
    import logging

    logging.getLogger(__name__).warning("could not remove %s: %s", path, exc)


GRAM = 5  # words in a row that make a quote: fewer would match everyday phrases


def _grams(text: str) -> set[tuple[str, ...]]:
    """Runs of GRAM words (lowercased; a pronoun swap "I want to" / "you want to" still shares
    the rest). A text shorter than GRAM words is one run of all of it."""
    words = re.findall(r"[a-z0-9']+", str(text).lower().replace("’", "'"))
    if not words:
        return set()
    if len(words) < GRAM:
        return {tuple(words)} if len(words) >= 3 else set()
    return {tuple(words[i:i + GRAM]) for i in range(len(words) - GRAM + 1)}


def _quotes_from(quote: str, statement: str) -> bool:
    """A quote taken from `statement` (an exact span, at least a few characters long)."""
    q = " ".join(str(quote).split())
    return len(q) >= 8 and q in " ".join(statement.split())


def scrub_state(value: Any, turn_id: int, text: str, grams: set[tuple[str, ...]] | None = None) -> Any:
    """The policy state without what it kept of one statement: entries that name its turn id,
    and strings taken from its words (the thread being laddered, motivations' quotes, reflection
    lines that played it back)."""
    if grams is None:
        grams = _grams(text)

    def from_it(v: str) -> bool:
        return _quotes_from(v, text) or bool(grams & _grams(v))

    if isinstance(value, dict):
        if value.get("turn_id") == turn_id or from_it(str(value.get("text", ""))):
            return None
        return {k: ("" if isinstance(v, str) and from_it(v) else scrub_state(v, turn_id, text, grams))
                for k, v in value.items()}
    if isinstance(value, list):
        kept = []
        for v in value:
            if isinstance(v, str) and from_it(v):
                continue
            cleaned = scrub_state(v, turn_id, text, grams)
            if cleaned is not None:
                kept.append(cleaned)
        return kept
    return value


def _evidence_dict(q: Evidence | dict[str, Any]) -> dict[str, Any]:
    if isinstance(q, Evidence):
        return {"text": q.text, "start": q.start, "end": q.end, "turn_id": q.turn_id}
    return {"text": q["text"], "start": q.get("start", 0), "end": q.get("end", 0), "turn_id": q.get("turn_id")}


def _item_export(item: SummaryItem) -> dict[str, Any]:
    d: dict[str, Any] = {
        "id": item.id,
        "session_id": item.session_id,
        "kind": item.kind,
        "text": item.text,
        "motivation": item.motivation,
        "status": item.status,
        "share": item.share.value,
        "quotes": [_evidence_dict(q) for q in item.quotes],
    }
    if item.original_text:
        d["original_text"] = item.original_text
    return d
