"""People on a team server, their roles, and who is linked to whom.

A person is keyed by their login's issuer + subject (the OpenID Connect `iss` and `sub`), never by
a display name or an email alone: two providers may both have an "alex@example.com", and a name
can change. Roles: mentee (everyone who reflects), mentor, manager, admin. A mentee has at most one
mentor and one manager; linking another replaces the first. Removing a person deactivates them at
once (every transaction checks it, coach/store/pg.py) and drops their links; their own data stays
until they or an admin forget it.

`Directory(url, actor)` acts as `actor` (a person id): what they may do is checked twice, here
(a clear refusal and an audit line) and by row-level security. `actor=None` is the operator: the
database owner's connection, used by `coach admin` on the server (no row-level security applies
to the owner, so the operator's URL is a secret like the database password itself).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from coach.errors import NotFound, Refused
from coach.store.migrations import APP_ROLE
from coach.store.pg import Conn, Transaction, describe, get_pool
from coach.store.sql import utcnow
from coach.team import audit

ROLES = ("mentee", "mentor", "manager", "admin")
RELATIONS = ("mentor", "manager")
OPERATOR = "operator (coach admin)"


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str = ""
    roles: tuple[str, ...] = ("mentee",)
    active: bool = True
    issuer: str = ""
    subject: str = ""
    email: str = ""
    created_at: str = ""

    def has(self, role: str) -> bool:
        return role in self.roles

    @property
    def label(self) -> str:
        return self.name or self.email or self.subject or self.id


@dataclass(frozen=True, slots=True)
class Link:
    mentee_id: str
    relation: str
    viewer_id: str
    created_at: str = ""


@dataclass(slots=True)
class Team:
    """Everyone an admin sees, with the links between them."""

    people: list[Person] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)

    def by_id(self) -> dict[str, Person]:
        return {p.id: p for p in self.people}


def new_person_id() -> str:
    return secrets.token_hex(8)


def _roles(value: Iterable[str]) -> tuple[str, ...]:
    roles = tuple(dict.fromkeys(str(r).strip().lower() for r in value if str(r).strip()))
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        raise ValueError(f"unknown role {unknown[0]!r}: roles are {', '.join(ROLES)}")
    return roles or ("mentee",)


def _person(row: Any) -> Person:
    keys = row.keys()
    return Person(
        id=row["id"], name=row["name"] or "", roles=tuple(row["roles"] or ()), active=bool(row["active"]),
        issuer=row["issuer"] if "issuer" in keys else "", subject=row["subject"] if "subject" in keys else "",
        email=row["email"] if "email" in keys else "", created_at=row["created_at"] if "created_at" in keys else "",
    )


class Directory:
    def __init__(self, url: str, actor: str | None = None, *, pool: Any = None) -> None:
        self.url = url
        self.actor = actor
        self.pool = pool or get_pool(url)
        self.where = describe(url)
        self._tx = Transaction(self.pool, actor, APP_ROLE if actor else None, self.where)

    # -- anyone: signing in --------------------------------------------------------------------

    def find(self, issuer: str, subject: str) -> Person | None:
        """The person with this login, active or not, without changing anything."""
        with Transaction(self.pool, None, None, self.where)("look up") as conn:
            row = conn.execute("SELECT * FROM bedrock_find_person(?, ?)", (issuer, subject)).fetchone()
        return None if row is None else _person(row)

    def sign_in(self, issuer: str, subject: str, *, name: str = "", email: str = "", enrol: bool = True) -> Person | None:
        """The person with this login, their name and email refreshed; made a mentee the first
        time when `enrol`. None for someone unknown when enrolment is closed."""
        if not issuer or not subject:
            raise Refused("The login did not say who you are (no issuer or subject).")
        with Transaction(self.pool, None, None, self.where)("sign in to") as conn:
            row = conn.execute(
                "SELECT * FROM bedrock_sign_in(?, ?, ?, ?, ?, ?, ?)",
                (issuer, subject, name[:200], email[:320], new_person_id(), utcnow(), bool(enrol)),
            ).fetchone()
        return None if row is None else _person(row)

    def note_login_refused(self, person: Person, why: str) -> None:
        """An audit line for a refused login, written as that person (who may be removed)."""
        tx = Transaction(self.pool, person.id, APP_ROLE, self.where, check_active=False)
        with tx("note the refusal in") as conn:
            audit.note(conn, actor=person.id, owner=person.id, action="login", outcome=audit.REFUSED, detail=why)

    # -- reading -------------------------------------------------------------------------------

    def get(self, person_id: str) -> Person:
        with self._tx("read") as conn:
            row = conn.execute("SELECT * FROM people WHERE id = ?", (person_id,)).fetchone()
        if row is None:
            raise NotFound(f"No person '{person_id}' that you can see.")
        return _person(row)

    def team(self) -> Team:
        """Everyone this actor may see (an admin or the operator: everyone), and the links."""
        with self._tx("read") as conn:
            people = [_person(r) for r in conn.execute("SELECT * FROM people ORDER BY lower(name), id").fetchall()]
            links = [Link(r["mentee_id"], r["relation"], r["viewer_id"], r["created_at"])
                     for r in conn.execute("SELECT * FROM links ORDER BY mentee_id, relation").fetchall()]
        return Team(people, links)

    def my_links(self) -> list[tuple[Link, Person]]:
        """The actor's links both ways, with the person at the other end."""
        if self.actor is None:
            return []
        with self._tx("read") as conn:
            rows = conn.execute(
                """SELECT l.mentee_id, l.relation, l.viewer_id, l.created_at, p.id, p.name, p.roles, p.active
                   FROM links l JOIN people p ON p.id = CASE WHEN l.mentee_id = ? THEN l.viewer_id ELSE l.mentee_id END
                   WHERE l.mentee_id = ? OR l.viewer_id = ? ORDER BY l.relation, p.name""",
                (self.actor, self.actor, self.actor),
            ).fetchall()
        return [(Link(r[0], r[1], r[2], r[3]), Person(r[4], r[5] or "", tuple(r[6] or ()), bool(r[7]))) for r in rows]

    # -- admin ---------------------------------------------------------------------------------

    def _admin(self, conn: Conn, action: str, target: str) -> None:
        """Refuse (with an audit line, committed) unless the actor is an admin or the operator."""
        if self.actor is None:
            return
        if not conn.execute("SELECT bedrock_is_admin()").fetchone()[0]:
            raise _NotAdmin(action, target)

    def _do(self, action: str, target: str, owner: str | None, work: Any) -> Any:
        try:
            with self._tx("change") as conn:
                self._admin(conn, action, target)
                result = work(conn)
                audit.note(conn, actor=self.actor, owner=owner, action=f"admin:{action}", outcome=audit.DONE,
                           target=target, actor_name=OPERATOR if self.actor is None else None)
                return result
        except _NotAdmin:
            with self._tx("note the refusal in") as conn:
                audit.note(conn, actor=self.actor, owner=owner, action=f"admin:{action}", outcome=audit.REFUSED,
                           target=target, detail="not an admin")
            raise Refused("Only an admin can change who is on the team and who sees whom.") from None

    def add(self, issuer: str, subject: str, *, name: str = "", email: str = "",
            roles: Iterable[str] = ("mentee",)) -> Person:
        """Add someone before their first login (e.g. to give them a role or a link at once)."""
        if not issuer.strip() or not subject.strip():
            raise ValueError("a person needs the issuer and subject of their login")
        roles = _roles(roles)

        def work(conn: Conn) -> Person:
            row = conn.execute(
                """INSERT INTO people (id, issuer, subject, name, email, roles, created_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (issuer, subject) DO UPDATE SET roles = excluded.roles,
                       name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE people.name END,
                       email = CASE WHEN excluded.email <> '' THEN excluded.email ELSE people.email END,
                       active = true, removed_at = NULL
                   RETURNING *""",
                (new_person_id(), issuer.strip(), subject.strip(), name.strip()[:200], email.strip()[:320],
                 list(roles), utcnow()),
            ).fetchone()
            return _person(row)

        return self._do("add", f"login:{subject.strip()[:100]}", None, work)

    def set_roles(self, person_id: str, roles: Iterable[str]) -> Person:
        roles = _roles(roles)

        def work(conn: Conn) -> Person:
            row = conn.execute("UPDATE people SET roles = ? WHERE id = ? RETURNING *", (list(roles), person_id)).fetchone()
            if row is None:
                raise NotFound(f"No person '{person_id}'.")
            # A link needs its role: someone who is no longer a mentor keeps no mentees.
            conn.execute("DELETE FROM links WHERE viewer_id = ? AND NOT (relation = ANY (?))", (person_id, list(roles)))
            return _person(row)

        return self._do("roles", f"person:{person_id} roles:{','.join(roles)}", person_id, work)

    def link(self, mentee_id: str, relation: str, viewer_id: str) -> Link:
        """Make `viewer_id` the mentee's mentor or manager (replacing the one before)."""
        if relation not in RELATIONS:
            raise ValueError(f"relation must be one of {RELATIONS}, not {relation!r}")
        if mentee_id == viewer_id:
            raise ValueError("a person cannot be their own mentor or manager")

        def work(conn: Conn) -> Link:
            people = {r["id"]: _person(r) for r in conn.execute(
                "SELECT * FROM people WHERE id IN (?, ?)", (mentee_id, viewer_id)).fetchall()}
            for pid in (mentee_id, viewer_id):
                if pid not in people or not people[pid].active:
                    raise NotFound(f"No active person '{pid}'.")
            if not people[viewer_id].has(relation):
                raise ValueError(f"{people[viewer_id].label} is not a {relation}: give them that role first")
            now = utcnow()
            conn.execute(
                """INSERT INTO links (mentee_id, relation, viewer_id, created_at) VALUES (?, ?, ?, ?)
                   ON CONFLICT (mentee_id, relation) DO UPDATE SET viewer_id = excluded.viewer_id,
                       created_at = excluded.created_at""",
                (mentee_id, relation, viewer_id, now),
            )
            return Link(mentee_id, relation, viewer_id, now)

        return self._do("link", f"{relation}:{viewer_id}", mentee_id, work)

    def unlink(self, mentee_id: str, relation: str) -> bool:
        def work(conn: Conn) -> bool:
            return conn.execute("DELETE FROM links WHERE mentee_id = ? AND relation = ?",
                                (mentee_id, relation)).rowcount > 0

        return self._do("unlink", relation, mentee_id, work)

    def remove(self, person_id: str) -> Person:
        """Deactivate someone at once and drop their links (their own data stays theirs)."""
        if self.actor is not None and person_id == self.actor:
            raise ValueError("an admin cannot remove themselves (another admin or the operator can)")

        def work(conn: Conn) -> Person:
            row = conn.execute("UPDATE people SET active = false, removed_at = ? WHERE id = ? RETURNING *",
                               (utcnow(), person_id)).fetchone()
            if row is None:
                raise NotFound(f"No person '{person_id}'.")
            conn.execute("DELETE FROM links WHERE mentee_id = ? OR viewer_id = ?", (person_id, person_id))
            return _person(row)

        return self._do("remove", f"person:{person_id}", person_id, work)

    def restore(self, person_id: str) -> Person:
        def work(conn: Conn) -> Person:
            row = conn.execute("UPDATE people SET active = true, removed_at = NULL WHERE id = ? RETURNING *",
                               (person_id,)).fetchone()
            if row is None:
                raise NotFound(f"No person '{person_id}'.")
            return _person(row)

        return self._do("restore", f"person:{person_id}", person_id, work)


class _NotAdmin(Exception):
    def __init__(self, action: str, target: str) -> None:
        super().__init__(action, target)
