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
import re
import sqlite3
from typing import Any

from coach.errors import NotFound
from coach.store import items as decided
from coach.store.migrations import SCHEMA_VERSION
from coach.store.sql_connection import (
    ITEM_STATUSES,
    META_UPSERT,
    MIGRATIONS,
    REVIEW_STATUSES,
    ROLES,
    SHARE_FORMAT,
    SHARE_VERSION,
    SHAREABLE_STATUSES,
    utcnow,
)
from coach.store.sql_forget import ForgettingStore
from coach.types import Evidence, ShareLevel, SummaryItem

# What other modules import from here: the store, and the constants and clock it shares.
__all__ = [
    "ITEM_STATUSES",
    "META_UPSERT",
    "MIGRATIONS",
    "REVIEW_STATUSES",
    "ROLES",
    "SCHEMA_VERSION",
    "SHAREABLE_STATUSES",
    "SHARE_FORMAT",
    "SHARE_VERSION",
    "Store",
    "utcnow",
]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


class Store(ForgettingStore):
    """The SQLite store. One connection per instance, safe to share between threads (one lock).

    `timeout` is how long a write waits for another process's write lock (busy_timeout) before
    raising StoreError; the 5 s default is far above any single Bedrock write. Built in layers, each
    a module: the connection (sql_connection.py), sessions and turns (sql_turns.py), forgetting
    (sql_forget.py), and here the summary items, the question bank and what is derived from them.
    """

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


    # ------------------------------------------------------------------ derived views

    def motivation_timeline(self, *, audience: ShareLevel = ShareLevel.PRIVATE) -> list[dict[str, Any]]:
        """Motivations per session over time, oldest session first, from the turns' analysis.

        Per motivation: `count` (mentee turns that showed it), `score` (sum of confidences, the
        weight to chart) and `max_confidence`. Only sessions visible to `audience`; no quotes.
        """
        audience = ShareLevel(audience)
        out: list[dict[str, Any]] = []
        for info in reversed(self.list_sessions()):  # newest first, ties in the order made
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

