"""Forgetting in the SQLite store: a session, a statement, or everything, each in one transaction
with its tombstone (the vector memory finishes from it), the forgotten words taken out of the
coach's replies, summary items and session state too; and the statements not yet indexed.
Why each choice: coach/store/sql.py.
"""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

from coach.errors import NotFound
from coach.store.purge import vacuum
from coach.store.sql_connection import META_UPSERT, utcnow
from coach.store.sql_turns import SessionStore
from coach.types import Turn

FORGOTTEN_QUOTE = "(This reply played back words you have since forgotten; they were removed.)"

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


class ForgettingStore(SessionStore):
    """Forgetting and indexing marks, on top of sessions and turns."""

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

