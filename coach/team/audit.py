"""The audit log: who looked at a mentee's shared items (or was refused), and when.

Append-only (no role may update or delete a line). A line names the actor and the owner of what was
asked for, the action (`view`, `prepare`, `login`, `admin:*`), its target (session and item ids,
never the mentee's words) and the outcome (`shown`, `refused`, `done`). A mentee reads the lines
about their own things; an admin reads all of them; everyone writes lines only as themselves
(row-level security, coach/store/migrations.py).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from coach.store.migrations import APP_ROLE
from coach.store.pg import Conn, Transaction, describe, get_pool
from coach.store.sql import utcnow

SHOWN, REFUSED, DONE = "shown", "refused", "done"


@dataclass(frozen=True, slots=True)
class Line:
    id: int
    at: str
    actor_id: str | None
    actor_name: str
    owner_id: str | None
    action: str
    target: str
    outcome: str
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def note(conn: Conn, *, actor: str | None, owner: str | None, action: str, outcome: str,
         target: str = "", detail: str = "", actor_name: str | None = None) -> None:
    """Write one line in the caller's transaction (the actor's name as it is now)."""
    conn.execute(
        """INSERT INTO audit (at, actor_id, actor_name, owner_id, action, target, outcome, detail)
           VALUES (?, ?, COALESCE(?, (SELECT name FROM people WHERE id = ?), ''), ?, ?, ?, ?, ?)""",
        (utcnow(), actor, actor_name, actor, owner, action, target[:500], outcome, detail[:1000]),
    )


def _line(row: Any) -> Line:
    return Line(int(row["id"]), row["at"], row["actor_id"], row["actor_name"], row["owner_id"], row["action"],
                row["target"], row["outcome"], row["detail"])


class Audit:
    """The lines a person may read: about their own things (and, for an admin, everyone's)."""

    def __init__(self, url: str, person_id: str, *, pool: Any = None) -> None:
        self._tx = Transaction(pool or get_pool(url), person_id, APP_ROLE, describe(url))
        self.person_id = person_id

    def about_me(self, limit: int = 500) -> list[Line]:
        """Who looked at (or was refused) what I shared, newest first. My own actions are not here."""
        with self._tx("read the audit log of") as conn:
            rows = conn.execute(
                "SELECT * FROM audit WHERE owner_id = ? AND actor_id IS DISTINCT FROM ? ORDER BY id DESC LIMIT ?",
                (self.person_id, self.person_id, int(limit)),
            ).fetchall()
        return [_line(r) for r in rows]

    def mine(self, limit: int = 500) -> list[Line]:
        """What I did (or was refused), newest first."""
        with self._tx("read the audit log of") as conn:
            rows = conn.execute(
                "SELECT * FROM audit WHERE actor_id = ? ORDER BY id DESC LIMIT ?", (self.person_id, int(limit))
            ).fetchall()
        return [_line(r) for r in rows]

    def everything(self, limit: int = 1000) -> list[Line]:
        """Every line this person may read (an admin: all of them), newest first."""
        with self._tx("read the audit log of") as conn:
            rows = conn.execute("SELECT * FROM audit ORDER BY id DESC LIMIT ?", (int(limit),)).fetchall()
        return [_line(r) for r in rows]
