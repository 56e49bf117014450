"""Summary commands: coach summary, review, share-item, portrait, prep, bank.

Thin callers of coach.mentor (summary, portrait, prep and bank): open the store from the settings,
call one function, print. Sharing rules live in the store; guard rules in the guard.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from coach.cli.out import echo, echo_json
from coach.config import load_settings
from coach.errors import CoachError
from coach.types import ShareLevel

LEVELS = click.Choice([level.value for level in ShareLevel])


def _store():  # -> Store (imported late so `coach --help` stays fast)
    from coach.store.sql import Store

    return Store(load_settings().db_path)


def _echo_json(data: Any) -> None:
    echo_json(data, indent=2)


def register(cli: click.Group) -> None:
    @cli.command()
    @click.argument("session_id")
    @click.option("--json", "as_json", is_flag=True, help="Items with their quotes and turn ids, as JSON.")
    @click.option("--md", "as_md", is_flag=True, help="Markdown only (no review hints).")
    def summary(session_id: str, as_json: bool, as_md: bool) -> None:
        """What was heard in a session: goals, motivations, bedrock, passions, experiments, open questions.

        Every item quotes your own words. Review each with `coach review`.

        \b
        Examples:
          coach summary 3f9c2a1b7e04
          coach summary 3f9c2a1b7e04 --json
        """
        from coach.mentor.summary import summarize_session

        with _store() as store:
            result = summarize_session(store, session_id)
        if as_json:
            _echo_json(result.to_dict())
            return
        echo(result.to_markdown().rstrip())
        if not as_md and result.visible():
            echo(
                f"\nReview an item: coach review {session_id} ITEM_ID confirm|edit|reject [--text \"...\"]\n"
                "Share one:      coach share-item ITEM_ID mentor|manager|private"
            )

    @cli.command()
    @click.argument("session_id")
    @click.argument("item_id", type=int)
    @click.argument("action", type=click.Choice(["confirm", "edit", "reject"]))
    @click.option("--text", default=None, help="Your wording (for edit). The original quote stays attached.")
    @click.option("--json", "as_json", is_flag=True, help="Print the item as JSON.")
    def review(session_id: str, item_id: int, action: str, text: str | None, as_json: bool) -> None:
        """Confirm, edit or reject one summary item.

        \b
        Examples:
          coach review 3f9c2a1b7e04 7 confirm
          coach review 3f9c2a1b7e04 8 edit --text "Making things easier for the people around me"
          coach review 3f9c2a1b7e04 9 reject
        """
        from coach.mentor.summary import review_item

        if action == "edit" and not (text and text.strip()):
            raise click.UsageError('edit needs your wording: --text "..."')
        if action != "edit" and text is not None:
            raise click.UsageError("--text goes with edit only.")
        with _store() as store:
            item = store.get_item(item_id)
            if item.session_id != session_id:
                raise CoachError(f"Item {item_id} belongs to session {item.session_id}, not {session_id}.")
            item = review_item(store, item_id, action, text)
        if as_json and item is not None:
            _echo_json(item.to_dict())
            return
        done = {"confirm": "Confirmed", "edit": "Edited", "reject": "Rejected"}[action]
        echo(f"{done} item {item_id}" + (f": {item.text}" if item is not None and action != "reject" else "."))
        if item is not None and action == "edit" and item.original_text:
            echo(f"(first proposed as: {item.original_text}; the quotes are kept)")

    @cli.command("share-item")
    @click.argument("item_id", type=int)
    @click.argument("level", type=LEVELS)
    def share_item(item_id: int, level: str) -> None:
        """Choose who may see one summary item: private, mentor or manager.

        A manager-level item is visible to a mentor too. An item reaches someone only if its session
        is shared at least that widely.

        \b
        Example:
          coach share-item 7 mentor
        """
        with _store() as store:
            item = store.set_item_share(item_id, ShareLevel(level))
            session = store.get_session(item.session_id)
        echo(f"Item {item_id} is now {'private' if level == 'private' else f'shared at {level} level'}.")
        if level != "private" and session.share.rank < ShareLevel(level).rank:
            echo(
                f"Note: its session is shared at {session.share} level, so a {level} will not see it "
                "until the session is shared that widely too."
            )

    @cli.command()
    @click.option("--json", "as_json", is_flag=True, help="Print JSON.")
    def portrait(as_json: bool) -> None:
        """Across sessions: bedrock and motivations over time, and what changed.

        \b
        Example:
          coach portrait
        """
        from coach.mentor.portrait import build_portrait

        with _store() as store:
            result = build_portrait(store)
        if as_json:
            _echo_json(result.to_dict())
        else:
            echo(result.to_markdown().rstrip())

    @cli.command()
    @click.option(
        "--from", "share_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
        help="A share file from `coach export --for mentor`. Without it: the local store, mentor view.",
    )
    @click.option("--notes", default="", help="Your own notes and planned questions (one per line).")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON.")
    def prep(share_file: Path | None, notes: str, as_json: bool) -> None:
        """A question plan for the next conversation, from what the mentee shared.

        Trust and expectations first, follow-ups on bedrock, what is still unexplored, the lottery
        question, influence-vs-authority probes and experiments to follow up. Every question is
        checked for advice, judgment and closed or leading phrasing; so are your notes.

        \b
        Examples:
          coach prep --from bedrock-share-mentor-20250301-093000.json
          coach prep --notes "Do you want to be a manager?"
        """
        from coach.mentor.prep import build_prep, local_share

        if share_file is not None:
            from coach.store.share import load_share_file

            shared = load_share_file(share_file)
        else:
            with _store() as store:
                shared = local_share(store)
        plan = build_prep(shared, notes.replace("\\n", "\n"))
        if as_json:
            _echo_json(plan.to_dict())
        else:
            echo(plan.to_markdown().rstrip())

    @cli.group(invoke_without_command=True)
    @click.option("--technique", "-t", default=None, help="trust, expectations, lottery, entail, why_ladder, ...")
    @click.option("--motivation", "-m", default=None, help="influence, authority, recognition, growth, ...")
    @click.option("--search", "-s", "text", default=None, help="Words the question must contain.")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON.")
    @click.pass_context
    def bank(ctx: click.Context, technique: str | None, motivation: str | None, text: str | None, as_json: bool) -> None:
        """The question bank: the seed's techniques as open questions. Mentors add their own.

        \b
        Examples:
          coach bank --technique lottery
          coach bank --motivation autonomy --search work
          coach bank add "What would a great year look like for you?" --technique why_ladder
        """
        if ctx.invoked_subcommand is not None:
            return
        from coach.mentor import bank as qbank

        with _store() as store:
            found = qbank.search(technique=technique, motivation=motivation, text=text, store=store)
        if as_json:
            _echo_json([q.to_dict() for q in found])
            return
        if not found:
            echo("No questions match. Try fewer filters, or add your own with `coach bank add`.")
            return
        for q in found:
            tags = ", ".join(q.motivations) if q.motivations else "any"
            who = "" if q.author == "bedrock" else f"  (added by {q.author})"
            echo(f"[{q.technique}] {q.text}  — motivations: {tags}{who}")

    @bank.command("add")
    @click.argument("text")
    @click.option("--technique", "-t", required=True, help="Which technique it serves (see `coach bank --help`).")
    @click.option("--motivation", "-m", default=None, help="The motivation it explores, if one.")
    @click.option("--author", default="mentor", show_default=True)
    def bank_add(text: str, technique: str, motivation: str | None, author: str) -> None:
        """Add your own question. It is checked first: advice, judgment, leading or closed questions are refused."""
        from coach.mentor import bank as qbank

        with _store() as store:
            q = qbank.add_question(store, text, technique, motivation, author=author)
        echo(f"Added [{q.technique}] {q.text}")
