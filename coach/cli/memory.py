"""Memory commands: coach memory, search, timeline, reindex, export, forget.

Thin callers of coach.store: they open the SQLite store (and, when needed, the vector memory) from
the settings, call one method, and print. Sharing rules live in the store, not here.
"""

from __future__ import annotations

import time
from pathlib import Path

import click

from coach.cli.out import echo, echo_json
from coach.config import Settings, load_settings
from coach.store.share import write_share_files
from coach.store.sql import Store
from coach.text.sanitize import clean_line
from coach.types import ShareLevel


def _open() -> tuple[Settings, Store]:
    settings = load_settings()
    return settings, Store(settings.db_path)


def _memory(settings: Settings, store: Store):  # -> VectorMemory (imported late: chromadb is slow to import)
    from coach.store.embed import get_embedder
    from coach.store.vectors import VectorMemory

    return VectorMemory(settings, get_embedder(), store=store)


def _short(text: str, width: int) -> str:
    text = clean_line(text)
    return text if len(text) <= width else text[: width - 1] + "…"


AUDIENCES = click.Choice(["private", "mentor", "manager"])


def register(cli: click.Group) -> None:
    register_memory(cli)

    @cli.command()
    @click.argument("text")
    @click.option("-n", "--limit", default=5, show_default=True, help="How many statements to show.")
    @click.option(
        "--for", "audience", type=AUDIENCES, default="private", show_default=True,
        help="Only statements this audience may see.",
    )
    @click.option("--json", "as_json", is_flag=True, help="Print JSON (one list of hits).")
    def search(text: str, limit: int, audience: str, as_json: bool) -> None:
        """Find past statements close in meaning to TEXT.

        \b
        Examples:
          coach search "hard problems"
          coach search "leading people" --for mentor --json
        """
        settings, store = _open()
        with store:
            hits = _memory(settings, store).search(text, limit, audience=ShareLevel(audience))
        if as_json:
            echo_json([h.to_dict() for h in hits], indent=2)
            return
        if not hits:
            echo("No matching statements.")
            return
        echo(f"{'score':>5}  {'date':10}  {'session':12}  statement")
        for h in hits:
            echo(f"{h.score:5.2f}  {h.date:10}  {h.session_id:12}  {_short(h.text, 80)}")

    @cli.command()
    @click.option("--json", "as_json", is_flag=True, help="Print JSON for charts (one object per session).")
    def timeline(as_json: bool) -> None:
        """Motivations per session over time, oldest first.

        Counts are the mentee messages in which each motivation showed up.
        """
        _, store = _open()
        with store:
            rows = store.motivation_timeline()
        if as_json:
            echo_json(rows, indent=2)
            return
        if not rows:
            echo("No sessions yet. Start one with `coach chat`.")
            return
        echo(f"{'date':10}  {'session':12}  {'msgs':>4}  motivations (count)")
        for r in rows:
            found = "  ".join(f"{name} {m['count']}" for name, m in r["motivations"].items()) or "-"
            title = f"  [{_short(r['title'], 30)}]" if r["title"] else ""
            echo(f"{r['date']:10}  {r['session_id']:12}  {r['mentee_turns']:>4}  {found}{title}")

    @cli.command()
    def reindex() -> None:
        """Rebuild the semantic memory from the database (e.g. after restoring a backup).

        It also finishes any forget that was interrupted, and scrubs the index's files.
        """
        settings, store = _open()
        start = time.perf_counter()
        with store:
            n = _memory(settings, store).reindex(store)
        echo(f"Indexed {n} statements from {store.path} in {time.perf_counter() - start:.1f} s.")

    @cli.command()
    @click.option(
        "--for", "audience", type=click.Choice(["mentor", "manager"]), default=None,
        help="Export only what you shared with this audience. Without it: everything, for yourself.",
    )
    @click.option(
        "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
        show_default=True, help="Folder to write the files into.",
    )
    @click.option("--format", "fmt", type=click.Choice(["json", "md", "both"]), default="both", show_default=True)
    @click.option("--session", "sessions", multiple=True, help="Only this session (repeatable).")
    def export(audience: str | None, out_dir: Path, fmt: str, sessions: tuple[str, ...]) -> None:
        """Write a share file (JSON for `coach prep --from`, Markdown to read).

        \b
        Examples:
          coach export --for mentor --out ~/to-share    only what you shared with a mentor
          coach export                                  a full backup for yourself
        """
        _, store = _open()
        level = ShareLevel(audience) if audience else ShareLevel.PRIVATE
        with store:
            doc = store.export(level, session_ids=list(sessions) or None)
        paths = write_share_files(doc, out_dir, fmt=fmt)
        if level is ShareLevel.PRIVATE:
            echo("Full export for yourself: it includes private sessions and transcripts. "
                       "To share with someone, use --for mentor or --for manager.")
        elif not doc["items"]:
            echo(f"Nothing is shared with a {level.value} yet: share summary items when you review a session.")
        else:
            echo(f"{len(doc['items'])} shared items from {len(doc['sessions'])} sessions.")
        for p in paths:
            echo(f"Wrote {p}")

    @cli.command()
    @click.argument("session_id", required=False)
    @click.option("--all", "everything", is_flag=True, help="Forget every session.")
    @click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
    def forget(session_id: str | None, everything: bool, yes: bool) -> None:
        """Delete a session (or --all) from the database and the memory. Cannot be undone.

        \b
        Examples:
          coach forget 3f9c2a1b7e04
          coach forget --all --yes
        """
        from coach import forget as fg

        if everything == bool(session_id):
            raise click.UsageError("Give a session id or --all (not both).")
        settings, store = _open()
        with store:
            memory = fg.opener(settings, store)
            if everything:
                n = len(store.list_sessions())
                if not yes:
                    click.confirm(f"Forget all {n} sessions, their summaries and memory? This cannot be undone",
                                  abort=True)
                done = fg.forget_everything(store, memory)
                echo(f"Forgot {done.sessions} sessions.")
            else:
                assert session_id is not None
                if f"session:{session_id}" in store.pending_forgets():
                    done = fg.forget_session(store, memory, session_id)  # finish an interrupted forget
                    echo(f"Finished forgetting session {session_id}.")
                else:
                    turns = store.turns(session_id)  # NotFound before asking anything
                    if not yes:
                        click.confirm(f"Forget session {session_id} ({len(turns)} turns)? This cannot be undone",
                                      abort=True)
                    done = fg.forget_session(store, memory, session_id)
                    echo(f"Forgot session {session_id}.")
            if done.pending:
                echo("The search index could not be cleaned yet; it is finished the next time Bedrock "
                     "opens it (or run `coach reindex`).")


def _kept_line(k) -> list[str]:  # -> lines for one Kept (see coach/kept.py)
    who = ", ".join(k.visible_to)
    lines = [f"[{k.key}]  {clean_line(k.text)}"]
    if k.quotes:
        lines += [f"    “{_short(q, 100)}”" for q in k.quotes[:3]]
    lines.append(f"    {k.source} Seen by: {who}." + (f" ({k.detail})" if k.detail else ""))
    return lines


def register_memory(cli: click.Group) -> None:
    from coach import kept as K

    @cli.group("memory", invoke_without_command=True)
    @click.option("--kind", type=click.Choice(list(K.KINDS)), default=None, help="Only this kind.")
    @click.option("--session", "session_id", default=None, help="Only this session.")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON (one list).")
    @click.pass_context
    def memory(ctx: click.Context, kind: str | None, session_id: str | None, as_json: bool) -> None:
        """What Bedrock remembers about you: every statement, summary item, bedrock and motivation
        it keeps, where it came from and who can see it. Forget or reword any one of them.

        \b
        Examples:
          coach memory                                   everything, oldest session first
          coach memory --kind bedrock
          coach memory forget statement:42               gone from every file, like `coach forget`
          coach memory edit item:7 --text "Building things people use"
        """
        if ctx.invoked_subcommand is not None:
            return
        _, store = _open()
        with store:
            rows = K.kept(store, kind=kind, session_id=session_id)
        if as_json:
            echo_json([r.to_dict() for r in rows], indent=2)
            return
        if not rows:
            echo("Bedrock keeps nothing about you yet." if not (kind or session_id) else "Nothing of that kind.")
            return
        titles = {"statement": "Things you said", "item": "Summary items", "bedrock": "Bedrock the coach heard",
                  "motivation": "Motivations the coach heard"}
        for name in K.KINDS:
            group = [r for r in rows if r.kind == name]
            if not group:
                continue
            echo(f"## {titles[name]} ({len(group)})")
            for r in group:
                for line in _kept_line(r):
                    echo(line)
            echo()
        echo("Forget one: coach memory forget KEY   ·   Reword one: coach memory edit KEY --text \"...\"")

    @memory.command("forget")
    @click.argument("key")
    @click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
    def memory_forget(key: str, yes: bool) -> None:
        """Forget one thing Bedrock keeps (KEY from `coach memory`). Cannot be undone."""
        from coach import forget as fg

        settings, store = _open()
        with store:
            if not yes:
                click.confirm(f"Forget {key}? This cannot be undone", abort=True)
            done = K.forget(store, fg.opener(settings, store), key)
        echo(f"Forgot {key}." + (" The search index is cleaned the next time Bedrock opens it." if done.pending else ""))

    @memory.command("edit")
    @click.argument("key")
    @click.option("--text", required=True, help="The new wording. The old one is erased, as by a forget.")
    def memory_edit(key: str, text: str) -> None:
        """Reword one thing Bedrock keeps (KEY from `coach memory`)."""
        from coach import forget as fg

        settings, store = _open()
        with store:
            try:
                K.edit(store, fg.opener(settings, store), key, text)
            except ValueError as exc:
                raise click.UsageError(str(exc)) from None
        echo(f"Reworded {key}.")
