"""`coach admin`: run a team server (COACH_DATABASE_URL): its schema, people, roles, links, audit log.

These commands act as the operator: the database owner's connection, so they need the owner's URL
(row-level security does not apply to the owner; the app never uses this path). In the app, an
admin does the same from the Team page, as themselves, checked by row-level security.
"""

from __future__ import annotations

from typing import Any

import click

from coach.cli.out import echo, echo_json
from coach.config import load_settings
from coach.errors import ConfigError, NotFound
from coach.text.sanitize import clean_line


def _url() -> str:
    url = load_settings().database_url
    if not url:
        raise ConfigError("`coach admin` runs a team server: set COACH_DATABASE_URL to its PostgreSQL URL "
                          "(the owner's, e.g. postgresql://bedrock:PASSWORD@db:5432/bedrock).")
    return url


def _directory() -> Any:
    from coach.team.people import Directory

    return Directory(_url())


def _resolve(directory: Any, who: str) -> Any:
    """A person by id, or by a subject or email that only one person has."""
    team = directory.team()
    for p in team.people:
        if p.id == who:
            return p
    hits = [p for p in team.people if who in (p.subject, p.email)]
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise click.ClickException(f"'{who}' names {len(hits)} people (different issuers): use the person id.")
    raise NotFound(f"No person '{who}'. See `coach admin people`.")


def _person_dict(p: Any) -> dict[str, Any]:
    return {"id": p.id, "name": p.name, "email": p.email, "issuer": p.issuer, "subject": p.subject,
            "roles": list(p.roles), "active": p.active, "created_at": p.created_at}


def register(cli: click.Group) -> None:
    @cli.group()
    def admin() -> None:
        """Run a team server: schema, people, roles, who mentors and manages whom, the audit log.

        \b
        Examples:
          coach admin migrate
          coach admin add https://login.example.com 8c1f… --name "Ana" --role mentor
          coach admin link ana@example.com --mentor sam@example.com --manager lee@example.com
          coach admin audit --person ana@example.com
        Needs COACH_DATABASE_URL with the database owner's credentials.
        """

    @admin.command()
    def migrate() -> None:
        """Upgrade the team database to this Bedrock's schema (safe to run again)."""
        from coach.store.migrations import SCHEMA_VERSION
        from coach.store.pg import describe, ensure_schema, get_pool

        url = _url()
        before = ensure_schema(get_pool(url), url)
        if before == SCHEMA_VERSION:
            echo(f"{describe(url)} is at schema {SCHEMA_VERSION}: nothing to do.")
        else:
            echo(f"{describe(url)} upgraded from schema {before} to {SCHEMA_VERSION}.")

    @admin.command()
    @click.option("--json", "as_json", is_flag=True)
    def people(as_json: bool) -> None:
        """Everyone on the team, their roles, and who mentors and manages whom."""
        team = _directory().team()
        by_id = team.by_id()
        if as_json:
            echo_json({"people": [_person_dict(p) for p in team.people],
                       "links": [{"mentee": lk.mentee_id, "relation": lk.relation, "viewer": lk.viewer_id}
                                 for lk in team.links]}, indent=2)
            return
        if not team.people:
            echo("Nobody yet. People join when they first sign in, or with `coach admin add`.")
        for p in team.people:
            state = "" if p.active else "  [removed]"
            echo(f"{p.id}  {clean_line(p.label)}  ({', '.join(p.roles)}){state}")
            for lk in team.links:
                if lk.mentee_id == p.id:
                    other = by_id.get(lk.viewer_id)
                    echo(f"    {lk.relation}: {clean_line(other.label) if other else lk.viewer_id}")

    @admin.command()
    @click.argument("issuer")
    @click.argument("subject")
    @click.option("--name", default="")
    @click.option("--email", default="")
    @click.option("--role", "roles", multiple=True, type=click.Choice(["mentee", "mentor", "manager", "admin"]),
                  help="Repeatable. Default: mentee.")
    def add(issuer: str, subject: str, name: str, email: str, roles: tuple[str, ...]) -> None:
        """Add (or update) the person whose login has this ISSUER and SUBJECT."""
        p = _directory().add(issuer, subject, name=name, email=email, roles=roles or ("mentee",))
        echo(f"{p.id}  {clean_line(p.label)}  ({', '.join(p.roles)})")

    @admin.command()
    @click.argument("person")
    @click.argument("roles", nargs=-1, required=True,
                    type=click.Choice(["mentee", "mentor", "manager", "admin"]))
    def roles(person: str, roles: tuple[str, ...]) -> None:
        """Set PERSON's roles (replacing the ones they had)."""
        d = _directory()
        p = d.set_roles(_resolve(d, person).id, roles)
        echo(f"{p.id}  {clean_line(p.label)}  ({', '.join(p.roles)})")

    @admin.command()
    @click.argument("mentee")
    @click.option("--mentor", default=None, help="The mentee's mentor (person id, subject or email).")
    @click.option("--manager", default=None, help="The mentee's manager.")
    def link(mentee: str, mentor: str | None, manager: str | None) -> None:
        """Link MENTEE to their mentor and/or manager (replacing the one before)."""
        if not mentor and not manager:
            raise click.UsageError("give --mentor and/or --manager")
        d = _directory()
        m = _resolve(d, mentee)
        for relation, who in (("mentor", mentor), ("manager", manager)):
            if who:
                v = _resolve(d, who)
                try:
                    d.link(m.id, relation, v.id)
                except ValueError as exc:
                    raise click.ClickException(str(exc)) from None
                echo(f"{clean_line(v.label)} is now {clean_line(m.label)}'s {relation}.")

    @admin.command()
    @click.argument("mentee")
    @click.argument("relation", type=click.Choice(["mentor", "manager"]))
    def unlink(mentee: str, relation: str) -> None:
        """Remove MENTEE's mentor or manager."""
        d = _directory()
        m = _resolve(d, mentee)
        echo("Done." if d.unlink(m.id, relation) else f"{clean_line(m.label)} had no {relation}.")

    @admin.command()
    @click.argument("person")
    def remove(person: str) -> None:
        """Remove PERSON from the team at once (their links go; their own data stays theirs)."""
        d = _directory()
        p = d.remove(_resolve(d, person).id)
        echo(f"{clean_line(p.label)} was removed: refused from their next click on.")

    @admin.command()
    @click.argument("person")
    def restore(person: str) -> None:
        """Let a removed PERSON back in (links are not restored)."""
        d = _directory()
        p = d.restore(_resolve(d, person).id)
        echo(f"{clean_line(p.label)} can sign in again.")

    @admin.command()
    @click.option("--person", default=None, help="Only lines about this person's things (or by them).")
    @click.option("-n", "--limit", default=50, show_default=True)
    @click.option("--json", "as_json", is_flag=True)
    def audit(person: str | None, limit: int, as_json: bool) -> None:
        """The audit log, newest first: who looked at (or was refused) whose shared items, when."""
        from coach.store.pg import Transaction, get_pool

        url = _url()
        who = _resolve(_directory(), person).id if person else None
        with Transaction(get_pool(url), None, None, "the team database")("read the audit log of") as conn:
            if who:
                rows = conn.execute("SELECT * FROM audit WHERE owner_id = ? OR actor_id = ? ORDER BY id DESC LIMIT ?",
                                    (who, who, limit)).fetchall()
            else:
                rows = conn.execute("SELECT * FROM audit ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        lines = [dict(r) for r in rows]
        if as_json:
            echo_json(lines, indent=2)
            return
        for r in lines:
            echo(f"{r['at'][:19].replace('T', ' ')}  {clean_line(r['actor_name'] or str(r['actor_id']))}  "
                 f"{r['action']} {r['outcome']}  {clean_line(r['target'])}  {clean_line(r['detail'])}".rstrip())

    @admin.command(name="import")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False))
    @click.option("--person", required=True, help="Whose data it is (person id, subject or email).")
    def import_(file: str, person: str) -> None:
        """Bring a personal Bedrock file (bedrock.sqlite3) into the team store for PERSON.

        The file is copied and upgraded on the copy; the original is not changed."""
        from coach.team.importer import import_sqlite

        d = _directory()
        p = _resolve(d, person)
        r = import_sqlite(file, _url(), p.id)
        echo(f"Imported {r.sessions} session(s), {r.turns} turn(s), {r.items} summary item(s) and "
             f"{r.bank} bank question(s) for {clean_line(p.label)} (file schema {r.schema_before}).")
