"""What Bedrock remembers: everything kept about the mentee, where it came from, who can see it.

The core of `coach memory` and the app's "What Bedrock remembers" page. Four kinds of things are
kept, and each is listed as a `Kept` with a stable key the mentee can act on:

    statement:TURN        something the mentee said (SQLite; also searchable in the vector memory)
    item:ID               a summary item (goal, motivation, bedrock, ...), proposed by the coach and
                          confirmed, edited or rejected by the mentee
    bedrock:SESSION:HASH  bedrock the coach heard in a session (candidate, or confirmed with a click)
    motivation:SESSION:M  a motivation the coach heard in a session, with the words it heard it in

Who can see it follows the store's own rules (coach/store/sql.py): statements and what the coach
heard stay with the mentee; a summary item reaches a mentor or manager only once confirmed or edited,
shared with them, in a session shared at least that widely; a statement quoted by such an item is
seen by them through that quote only.

`forget(key)` and `edit(key, text)` carry the same guarantees as forgetting a session (coach/forget.py):
the old words leave both stores and their files.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from coach import forget as fg
from coach.errors import NotFound
from coach.store.sql import SHAREABLE_STATUSES, Store
from coach.types import Session, ShareLevel, SummaryItem

KINDS = ("statement", "item", "bedrock", "motivation")
AUDIENCE_NAMES = {ShareLevel.MENTOR: "your mentor", ShareLevel.MANAGER: "your manager"}


@dataclass(slots=True)
class Kept:
    key: str
    kind: str  # statement | item | bedrock | motivation
    text: str
    session_id: str
    date: str  # YYYY-MM-DD of the session
    source: str  # where it came from, in words
    visible_to: list[str] = field(default_factory=lambda: ["you"])
    detail: str = ""  # the item's kind and status, the motivations heard in a statement, ...
    quotes: list[str] = field(default_factory=list)
    editable: bool = True

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _date(iso: str) -> str:
    return str(iso)[:10]


def _nice(iso: str) -> str:
    try:
        d = datetime.fromisoformat(str(iso)[:10])
    except ValueError:
        return str(iso)[:10]
    return f"{d.day} {d:%b %Y}"


def _hash(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:10]


def _audiences(item: SummaryItem, session: Session) -> list[str]:
    if item.status not in SHAREABLE_STATUSES:
        return []
    return [AUDIENCE_NAMES[lv] for lv in (ShareLevel.MENTOR, ShareLevel.MANAGER)
            if item.share.visible_to(lv) and session.share.visible_to(lv)]


def kept(store: Store, *, kind: str | None = None, session_id: str | None = None) -> list[Kept]:
    """Everything kept, oldest session first; statements in the order they were said."""
    out: list[Kept] = []
    infos = sorted(store.list_sessions(), key=lambda s: s.created_at)
    for info in infos:
        if session_id is not None and info.id != session_id:
            continue
        session = store.get_session(info.id)
        items = store.summary_items(info.id)
        quoted_by: dict[int, set[str]] = {}
        # A statement reaches a mentor only as the quote of an item shared with its quotes.
        for item in (items if store.share_quotes(info.id) else []):
            for q in item.quotes:
                if q.turn_id is not None:
                    quoted_by.setdefault(int(q.turn_id), set()).update(_audiences(item, session))
        when = _nice(info.created_at)
        if kind in (None, "statement"):
            for t in store.mentee_turns(info.id):
                heard = [str(m.get("motivation")) for m in (t.analysis or {}).get("motivations") or [] if m.get("motivation")]
                via = sorted(quoted_by.get(t.id, ()))
                out.append(Kept(
                    key=f"statement:{t.id}", kind="statement", text=t.text, session_id=info.id,
                    date=_date(info.created_at), source=f"You said this in the session of {when}.",
                    visible_to=["you"] + [f"{a} (as a quote in an item you confirmed)" for a in via],
                    detail=("heard: " + ", ".join(heard)) if heard else "",
                ))
        if kind in (None, "item"):
            for item in items:
                by = {"proposed": "proposed by the coach, not reviewed yet", "confirmed": "confirmed by you",
                      "edited": "edited by you", "rejected": "rejected by you (kept so it is not proposed again)"}
                out.append(Kept(
                    key=f"item:{item.id}", kind="item", text=item.text, session_id=info.id,
                    date=_date(info.created_at),
                    source=f"Summary of the session of {when}: {by.get(item.status, item.status)}.",
                    visible_to=["you"] + _audiences(item, session),
                    detail=f"{item.kind} · {item.status}", quotes=[q.text for q in item.quotes],
                ))
        state = session.state or {}
        if kind in (None, "bedrock"):
            seen: set[str] = set()
            for status, rows in (("confirmed", state.get("bedrock_confirmed")), ("candidate", state.get("bedrock_candidates"))):
                for row in rows or []:
                    text = row.get("text", "") if isinstance(row, dict) else str(row)
                    if not text or _hash(text) in seen:
                        continue
                    seen.add(_hash(text))
                    out.append(Kept(
                        key=f"bedrock:{info.id}:{_hash(text)}", kind="bedrock", text=text, session_id=info.id,
                        date=_date(info.created_at),
                        source=f"Heard by the coach in the session of {when}"
                               + (": you confirmed it." if status == "confirmed" else ", not confirmed by you."),
                        detail=status,
                    ))
        if kind in (None, "motivation"):
            for name, quotes in sorted((state.get("motivations") or {}).items()):
                words = [q.get("text", "") for q in quotes or [] if isinstance(q, dict) and q.get("text")]
                if not words:
                    continue
                out.append(Kept(
                    key=f"motivation:{info.id}:{name}", kind="motivation", text=name.replace("_", " "),
                    session_id=info.id, date=_date(info.created_at),
                    source=f"Heard by the coach in the session of {when}, in your words:",
                    quotes=words, editable=False,
                ))
    return out


def _parse(key: str) -> tuple[str, list[str]]:
    kind, _, rest = key.partition(":")
    if kind not in KINDS or not rest:
        raise NotFound(f"'{key}' is not something Bedrock keeps. See `coach memory` for the keys.")
    return kind, rest.split(":")


def forget(store: Store, memory: fg.MemoryLike, key: str) -> fg.Forgotten:
    """Forget one kept thing, with the same guarantees as forgetting a session."""
    kind, parts = _parse(key)
    if kind == "statement":
        return fg.forget_statement(store, memory, _int(parts[0], key))
    if kind == "item":
        store.delete_item(_int(parts[0], key))
        return fg.Forgotten(key)
    sid = parts[0]
    if kind == "bedrock":
        h = parts[1] if len(parts) > 1 else ""

        def drop_bedrock(state: dict[str, Any]) -> bool:
            found = False
            for name in ("bedrock_confirmed", "bedrock_candidates"):
                rows = state.get(name) or []
                kept_rows = [r for r in rows if _hash(r.get("text", "") if isinstance(r, dict) else str(r)) != h]
                found |= len(kept_rows) != len(rows)
                state[name] = kept_rows
            cand = state.get("candidate")
            if isinstance(cand, dict) and _hash(cand.get("text", "")) == h:
                state["candidate"], state["pending"], found = None, "", True
            return found

        store.update_state(sid, drop_bedrock, missing=f"No bedrock '{key}'. See `coach memory` for the keys.")
        return fg.Forgotten(key)
    name = parts[1] if len(parts) > 1 else ""

    def drop_motivation(state: dict[str, Any]) -> bool:
        return (state.get("motivations") or {}).pop(name, None) is not None

    store.update_state(sid, drop_motivation, missing=f"No motivation '{key}'. See `coach memory` for the keys.")
    return fg.Forgotten(key)


def edit(store: Store, memory: fg.MemoryLike, key: str, text: str) -> fg.Forgotten:
    """Reword a kept thing; the old words are erased as by a forget."""
    text = " ".join(text.split()) if "\n" not in text else text.strip()
    if not text:
        raise ValueError("give the new wording (an empty text is a forget: use forget instead)")
    kind, parts = _parse(key)
    if kind == "statement":
        return fg.edit_statement(store, memory, _int(parts[0], key), text)
    if kind == "item":
        store.reword_item(_int(parts[0], key), text)
        return fg.Forgotten(key)
    if kind == "bedrock":
        sid, h = parts[0], parts[1] if len(parts) > 1 else ""

        def reword(state: dict[str, Any]) -> bool:
            found = False
            for name in ("bedrock_confirmed", "bedrock_candidates"):
                for row in state.get(name) or []:
                    if isinstance(row, dict) and _hash(row.get("text", "")) == h:
                        row["text"], found = text, True
            return found

        store.update_state(sid, reword, missing=f"No bedrock '{key}'. See `coach memory` for the keys.")
        return fg.Forgotten(key)
    raise ValueError("a motivation the coach heard can be forgotten, not reworded")


def _int(value: str, key: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise NotFound(f"'{key}' is not something Bedrock keeps. See `coach memory` for the keys.") from None
