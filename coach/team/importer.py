"""Bring a personal Bedrock (a SQLite file, any schema version) into the team store, for one person.

The file is copied first (SQLite's backup API, so a file in use is read consistently) and the copy
is upgraded to the current schema by the ordinary `Store` open, so the import reads what today's
Bedrock reads and never changes the person's own file. Everything goes in ONE transaction as that
person (row-level security checks each row is theirs): sessions keep their ids; turns and summary
items get new ids from the server, and every reference to a turn id (item quotes, the policy state)
is rewritten to the new ones. The sessions are marked unindexed, so the person's vector memory
indexes them the next time it opens. A session id already on the server stops the import with
nothing written.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.errors import StoreError
from coach.store.pg import PgStore
from coach.store.sql import META_UPSERT, Store, utcnow


@dataclass(frozen=True, slots=True)
class Imported:
    sessions: int
    turns: int
    items: int
    bank: int
    schema_before: int


def _remap(value: Any, ids: dict[int, int]) -> Any:
    """The policy state (or a quote list) with every `turn_id` rewritten to the new ids."""
    if isinstance(value, dict):
        out = {k: _remap(v, ids) for k, v in value.items()}
        if isinstance(out.get("turn_id"), int) and out["turn_id"] in ids:
            out["turn_id"] = ids[out["turn_id"]]
        return out
    if isinstance(value, list):
        return [_remap(v, ids) for v in value]
    return value


def import_sqlite(path: Path | str, url: str, person_id: str, *, pool: Any = None) -> Imported:
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"No Bedrock file at {path}.")
    with tempfile.TemporaryDirectory(prefix="bedrock-import-") as tmp:
        copy = Path(tmp) / "bedrock.sqlite3"
        try:
            src_conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                before = int(src_conn.execute("PRAGMA user_version").fetchone()[0])
                dst_conn = sqlite3.connect(copy)
                src_conn.backup(dst_conn)
                dst_conn.close()
            finally:
                src_conn.close()
        except sqlite3.Error as exc:
            raise StoreError(f"Cannot read {path} as a Bedrock file: {exc}.") from None
        with Store(copy) as src:  # upgraded to the current schema on open
            return _copy(src, PgStore(url, person_id, pool=pool), before)


def _copy(src: Store, dst: PgStore, before: int) -> Imported:
    try:
        return _copy_all(src, dst, before)
    except StoreError as exc:
        if PgStore._is_conflict(exc.__cause__):
            raise StoreError("A session in this file is already on the team server (imported before?): "
                             "nothing was imported.") from None
        raise


def _copy_all(src: Store, dst: PgStore, before: int) -> Imported:
    infos = sorted(src.list_sessions(), key=lambda s: s.created_at)
    n_turns = n_items = n_bank = 0
    with dst._write("import into") as conn:
        for info in infos:
            session = src.get_session(info.id)
            conn.execute(
                "INSERT INTO sessions (id, created_at, share, title, closed, state) VALUES (?, ?, ?, ?, ?, '{}')",
                (session.id, session.created_at, session.share.value, session.title, int(session.closed)),
            )
            ids: dict[int, int] = {}
            for t in src.turns(session.id):
                ids[t.id] = int(conn.execute(
                    """INSERT INTO turns (session_id, idx, role, text, created_at, move, analysis, guard, latency_ms)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                    (session.id, t.idx, t.role, t.text, t.created_at, t.move,
                     None if t.analysis is None else json.dumps(t.analysis, ensure_ascii=False),
                     None if t.guard is None else json.dumps(t.guard, ensure_ascii=False), t.latency_ms),
                ).fetchone()[0])
                n_turns += 1
            conn.execute("UPDATE sessions SET state = ? WHERE id = ?",
                         (json.dumps(_remap(session.state, ids), ensure_ascii=False), session.id))
            for item in src.summary_items(session.id):
                quotes = [{"text": q.text, "start": q.start, "end": q.end,
                           "turn_id": ids.get(q.turn_id, q.turn_id) if q.turn_id is not None else None}
                          for q in item.quotes]
                conn.execute(
                    """INSERT INTO summary_items (session_id, kind, text, original_text, quotes, motivation, status,
                       share, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    (session.id, item.kind, item.text, item.original_text or "", json.dumps(quotes, ensure_ascii=False),
                     item.motivation, item.status, item.share.value, item.created_at or utcnow(),
                     item.updated_at or utcnow()),
                )
                n_items += 1
            conn.execute(META_UPSERT, (f"unindexed:{session.id}", utcnow()))
    for q in src.bank_questions():
        if q.get("author") != "bedrock":
            dst.add_bank_question(q["text"], q.get("technique") or "", q.get("motivation") or "", q.get("author") or "mentor")
            n_bank += 1
    return Imported(len(infos), n_turns, n_items, n_bank, before)
