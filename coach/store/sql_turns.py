"""Sessions and turns in the SQLite store: create and list sessions, their share, title and state;
add, read and update turns, and the batched reads the vector memory needs. Why each choice:
coach/store/sql.py.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from coach.errors import NotFound, StoreError
from coach.store import items as decided
from coach.store.sql_connection import ROLES, SqlConnection, _json, _load, new_session_id, utcnow
from coach.text.secrets import redact_stored
from coach.types import Session, SessionInfo, ShareLevel, Turn


class SessionStore(SqlConnection):
    """Sessions and turns, on top of the connection."""

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

