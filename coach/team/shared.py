"""What a mentor or manager may read: their own mentees' shared summary items, nothing else.

A mentor sees what their own mentees shared at mentor level or above; a manager what was shared
with managers. Only items the mentee confirmed or edited, in sessions the mentee shared at least
as widely (the export rule of coach/store/sql.py, `Store.summary_items(audience=…)`); never a
transcript, never the policy state, never the coach's first wording of an item the mentee edited.

Enforced where the data is read, twice: these queries name the mentee, the levels and the statuses
explicitly, and they run as `bedrock_viewer`, a role whose row-level security policies apply the
same rule again from the links table and whose column grants leave the rest unreadable (a query
asking for a session's state or a turn fails). Nothing is cached: a share the mentee withdraws is
gone from the very next read. Every read writes an audit line, and so does every refusal.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from coach.errors import Refused
from coach.store.migrations import VIEWER_ROLE
from coach.store.pg import Transaction, describe, get_pool
from coach.store.sql import SHARE_FORMAT, SHARE_VERSION, SHAREABLE_STATUSES, utcnow
from coach.team import audit
from coach.types import ShareLevel


@dataclass(frozen=True, slots=True)
class Mentee:
    id: str
    name: str
    relation: str  # "mentor" or "manager": what the person signed in is to them

    @property
    def audience(self) -> ShareLevel:
        return ShareLevel(self.relation)


def _levels(audience: ShareLevel) -> list[str]:
    return [lv.value for lv in ShareLevel if lv is not ShareLevel.PRIVATE and lv.visible_to(audience)]


class SharedWithMe:
    """The reads of one mentor or manager (`person_id`, the person signed in)."""

    def __init__(self, url: str, person_id: str, *, pool: Any = None) -> None:
        self.person_id = person_id
        self._tx = Transaction(pool or get_pool(url), person_id, VIEWER_ROLE, describe(url))

    def mentees(self) -> list[Mentee]:
        """The active people linked to me, as their mentor or manager (holding that role)."""
        with self._tx("read") as conn:
            rows = conn.execute(
                """SELECT p.id, p.name, l.relation FROM links l
                   JOIN people p ON p.id = l.mentee_id AND p.active
                   JOIN people me ON me.id = l.viewer_id AND me.active AND l.relation = ANY (me.roles)
                   WHERE l.viewer_id = ? ORDER BY lower(p.name), p.id""",
                (self.person_id,),
            ).fetchall()
        return [Mentee(r["id"], r["name"] or "", r["relation"]) for r in rows]

    def shared(self, mentee_id: str, *, purpose: str = "view") -> dict[str, Any]:
        """A `bedrock-share` document of what `mentee_id` shared with me (audience: my relation).

        Refused, with an audit line, when they are not my mentee (or either of us was removed).
        `purpose` names the action in the audit log ("view", "prepare")."""
        refused = ""
        with self._tx("read") as conn:
            row = conn.execute(
                """SELECT l.relation, p.name FROM links l
                   JOIN people p ON p.id = l.mentee_id AND p.active
                   JOIN people me ON me.id = l.viewer_id AND me.active AND l.relation = ANY (me.roles)
                   WHERE l.mentee_id = ? AND l.viewer_id = ?""",
                (mentee_id, self.person_id),
            ).fetchone()
            if row is None:
                refused = "not linked to this person as their mentor or manager"
                audit.note(conn, actor=self.person_id, owner=mentee_id, action=purpose, outcome=audit.REFUSED,
                           target=f"person:{str(mentee_id)[:64]}", detail=refused)
            else:
                audience = ShareLevel(row["relation"])
                doc = self._document(conn, mentee_id, audience, row["name"] or "")
                sessions = ",".join(s["id"] for s in doc["sessions"])
                items = ",".join(str(i["id"]) for i in doc["items"])
                audit.note(conn, actor=self.person_id, owner=mentee_id, action=purpose, outcome=audit.SHOWN,
                           target=f"sessions:{sessions}" if sessions else "nothing shared",
                           detail=f"as {audience.value}; items:{items}" if items else f"as {audience.value}")
        if refused:  # the audit line is committed; now say no
            raise Refused("That person is not your mentee: you can see only what your own mentees shared with you.")
        return doc

    def _document(self, conn: Any, mentee_id: str, audience: ShareLevel, name: str) -> dict[str, Any]:
        levels = _levels(audience)
        statuses = list(SHAREABLE_STATUSES)
        items = conn.execute(
            """SELECT i.id, i.session_id, i.kind, i.text, i.quotes, i.motivation, i.status, i.share,
                      s.created_at AS session_created
               FROM summary_items i JOIN sessions s ON s.id = i.session_id AND s.owner_id = i.owner_id
               WHERE i.owner_id = ? AND i.status = ANY (?) AND i.share = ANY (?) AND s.share = ANY (?)
               ORDER BY s.created_at, i.id""",
            (mentee_id, statuses, levels, levels),
        ).fetchall()
        wanted = list(dict.fromkeys(r["session_id"] for r in items))
        sessions = conn.execute(
            """SELECT id, created_at, title, share, bedrock_techniques(id) AS techniques FROM sessions
               WHERE owner_id = ? AND id = ANY (?) AND share = ANY (?) ORDER BY created_at""",
            (mentee_id, wanted, levels),
        ).fetchall() if wanted else []
        return {
            "format": SHARE_FORMAT,
            "version": SHARE_VERSION,
            "audience": audience.value,
            "created_at": utcnow(),
            "mentee": {"id": mentee_id, "name": name},
            "sessions": [
                {"id": s["id"], "date": s["created_at"][:10], "created_at": s["created_at"], "title": s["title"],
                 "share": s["share"], "techniques": list(s["techniques"] or [])}
                for s in sessions
            ],
            "items": [
                {"id": int(i["id"]), "session_id": i["session_id"], "kind": i["kind"], "text": i["text"],
                 "motivation": i["motivation"], "status": i["status"], "share": i["share"],
                 "quotes": [{"text": q.get("text", ""), "start": q.get("start", 0), "end": q.get("end", 0),
                             "turn_id": q.get("turn_id")} for q in json.loads(i["quotes"] or "[]")],
                 "session_date": i["session_created"][:10]}
                for i in items
            ],
        }
