"""`coach chat` and `coach sessions`: a reflection session in the terminal."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from coach.cli.live import LiveLine
from coach.errors import CoachError
from coach.types import Reply, ShareLevel

LEVELS = [s.value for s in ShareLevel]
HELP_LINE = "Commands: /summary plays back what I heard · /share private|mentor|manager · /quit ends (everything is saved)."


def _reply_dict(r: Reply) -> dict[str, Any]:
    return {
        "role": "coach",
        "text": r.text,
        "move": r.move.value,
        "analysis": None,
        "guard": r.guard.to_dict() if r.guard else None,
        "latency_ms": round(r.latency_ms, 2),
        "rule": r.plan.rule if r.plan else "",  # the policy rule that chose the move
        "plan": r.plan.to_dict() if r.plan else None,
        **({"notice": r.notice} if r.notice else {}),
    }


def _read_script(path: str) -> list[str]:
    raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    text = raw.decode("utf-8", errors="replace")
    messages: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue  # blank lines separate messages in a script; an empty message is {"text": ""}
        if stripped.startswith("{"):
            try:
                obj = json.loads(stripped)
            except json.JSONDecodeError:
                obj = None
            if isinstance(obj, dict) and "text" in obj:
                messages.append(str(obj["text"]))
                continue
        messages.append(line)
    return messages


def _summary_dict(coach: Any, session_id: str) -> dict[str, Any]:
    out: dict[str, Any] = {"playback": coach.playback(session_id)}
    try:
        summary = coach.summary(session_id)
        out.update(summary.to_dict() if hasattr(summary, "to_dict") else {})
    except (ImportError, CoachError) as exc:
        out["error"] = str(exc)
    return out


def run_script(coach: Any, messages: list[str], share: ShareLevel) -> dict[str, Any]:
    session, opening = coach.start(share)
    turns: list[dict[str, Any]] = [_reply_dict(opening)]
    for msg in messages:
        reply = coach.respond(session.id, msg)
        turns.append({
            "role": "mentee", "text": msg, "move": "", "analysis": reply.analysis.to_dict() if reply.analysis else None,
            "guard": None, "latency_ms": None,
        })
        turns.append(_reply_dict(reply))
    return {"session_id": session.id, "turns": turns, "summary": _summary_dict(coach, session.id)}


def _say(text: str, *, coach: bool = True) -> None:
    click.echo(click.style("coach> ", fg="cyan", bold=True) + text if coach else text)


def _stream(coach: Any, session_id: str, text: str) -> Reply:
    """Write the reply as it is produced (Drafts can take words back; see cli/live.py)."""
    click.echo(click.style("coach> ", fg="cyan", bold=True), nl=False)
    line = LiveLine(click.get_text_stream("stdout"), start=len("coach> "))
    reply: Reply | None = None
    for item in coach.respond_stream(session_id, text):
        if isinstance(item, Reply):
            reply = item
        else:
            line.show(item.text)
    assert reply is not None
    line.finish(reply.text)
    if reply.notice:
        click.echo(click.style("  (" + reply.notice + ")", fg="yellow"))
    return reply


def _ask_share() -> ShareLevel:
    choice = click.prompt(
        "Who may see this session? private / mentor / manager", default="private",
        type=click.Choice(LEVELS, case_sensitive=False), show_choices=False,
    )
    return ShareLevel(choice.lower())


def _interactive(coach: Any, share: ShareLevel | None, resume: str | None) -> None:
    from coach.realize.offline import voice

    if resume:
        session = coach.store.get_session(resume)
        click.echo(f"Resuming session {session.id} ({session.share.value}). {HELP_LINE}")
        for t in coach.store.turns(session.id)[-4:]:
            _say(t.text) if t.role == "coach" else click.echo("you> " + t.text)
        session_id = session.id
    else:
        v = voice()["opening"]
        _say(v["intro"][0] + " " + v["privacy"][0])
        level = share or _ask_share()
        session, opening = coach.start(level)
        session_id = session.id
        _say(opening.text.split(v["privacy"][0], 1)[-1].strip())
        click.echo(click.style(HELP_LINE, dim=True))
    while True:
        try:
            text = click.prompt(click.style("you", fg="green", bold=True), prompt_suffix="> ", default="",
                                show_default=False)
        except (EOFError, click.Abort):
            click.echo()
            break
        cmd = text.strip().lower()
        if cmd in ("/quit", "/exit", "/q"):
            break
        if cmd == "/help":
            click.echo(HELP_LINE)
            continue
        if cmd == "/summary":
            _say(coach.playback(session_id))
            continue
        if cmd.startswith("/share"):
            level = cmd.split()[-1] if len(cmd.split()) > 1 else ""
            if level not in LEVELS:
                click.echo("Usage: /share private|mentor|manager")
                continue
            coach.set_share(session_id, ShareLevel(level))
            click.echo(f"Sharing is now: {level}.")
            continue
        _stream(coach, session_id, text)
    closing = coach.close(session_id)
    _say(closing.text)
    click.echo(click.style(f"Saved as session {session_id}. Continue later with: coach chat --resume {session_id}", dim=True))


def register(cli: click.Group) -> None:
    @cli.command()
    @click.option("--share", type=click.Choice(LEVELS, case_sensitive=False), default=None,
                  help="Who may see this session (default: ask; private in --script mode).")
    @click.option("--script", "script", type=str, default=None,
                  help="Non-interactive: FILE (or -) with one mentee message per line, or JSONL {\"text\": ...}.")
    @click.option("--json", "as_json", is_flag=True, help="With --script: print one JSON object.")
    @click.option("--resume", default=None, help="Continue session ID.")
    def chat(share: str | None, script: str | None, as_json: bool, resume: str | None) -> None:
        """A reflection session in the terminal. The coach asks; it never advises.

        \b
        In the session: /summary plays back what the coach heard, /share LEVEL changes who may see it,
        /quit ends. Everything is saved as you go; `coach sessions` lists sessions.
        """
        from coach.agent import Coach

        coach = Coach.create()
        if script is not None:
            try:
                messages = _read_script(script)
            except OSError as exc:
                raise click.ClickException(f"Cannot read script {script}: {exc.strerror}") from None
            result = run_script(coach, messages, ShareLevel(share or "private"))
            coach.flush()
            if as_json:
                click.echo(json.dumps(result, ensure_ascii=False))
            else:
                for t in result["turns"]:
                    prefix = "coach> " if t["role"] == "coach" else "you> "
                    click.echo(prefix + t["text"])
            return
        _interactive(coach, ShareLevel(share) if share else None, resume)
        coach.flush()

    @cli.command()
    @click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
    def sessions(as_json: bool) -> None:
        """List past sessions (newest first)."""
        from coach.config import load_settings
        from coach.store.sql import Store

        settings = load_settings()
        if not settings.db_path.exists():
            if as_json:
                click.echo("[]")
            else:
                click.echo("No sessions yet. Start one with: coach chat")
            return
        rows = Store(settings.db_path).list_sessions()
        if as_json:
            click.echo(json.dumps([_info_dict(r) for r in rows], ensure_ascii=False))
            return
        if not rows:
            click.echo("No sessions yet. Start one with: coach chat")
            return
        click.echo(f"{'id':<14}{'started (UTC)':<18}{'share':<9}{'turns':>6}  title")
        for r in rows:
            d = _info_dict(r)
            click.echo(f"{d['id']:<14}{str(d['created_at'])[:16].replace('T', ' '):<18}{d['share']:<9}"
                       f"{d.get('n_turns', 0):>6}  {d.get('title') or ''}{'' if not d.get('closed') else '  (closed)'}")


def _info_dict(r: Any) -> dict[str, Any]:
    if hasattr(r, "to_dict"):
        return r.to_dict()
    from dataclasses import asdict

    d = asdict(r)
    d["share"] = str(d.get("share", ""))
    return d
