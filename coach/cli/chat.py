"""`coach chat` and `coach sessions`: a reflection session in the terminal.

Start-up is arranged around the mentee, not the machine (coach/warmup.py):

- interactive: the ground rules and the sharing question are on screen at once, while the coach
  (embedder, guard rules, the offline voice's tables) is built on a thread behind them; the vector
  memory (chromadb) starts only once the first message prompt is up;
- `--script`: the messages are already there, so nothing is loaded that the run does not use; the
  vector memory is not opened at all: the session is marked, and the memory indexes its statements
  the next time it opens (`VectorMemory.catch_up`). SQLite has every word either way.

Everything printed goes through coach/cli/out.py (sanitized, secrets scrubbed, word-wrapped).
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from typing import Any

import click

from coach import warmup
from coach.cli.live import LiveLine
from coach.cli.out import echo, echo_json, say, styled
from coach.errors import CoachError
from coach.text import bounded
from coach.text.sanitize import clean_line
from coach.text.wrap import cells
from coach.types import Reply, ShareLevel

MAX_SCRIPT_BYTES = 10_000_000
SCRIPT_LINE_DEPTH = 4  # {"text": "..."} and a little room
COACH = "coach> "
YOU = "you> "
COACH_STYLE = {"fg": "cyan", "bold": True}

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
    """The mentee messages of a script (see `_parse_script`; bad lines are skipped)."""
    return _parse_script(path)[0]


def _parse_script(path: str) -> tuple[list[str], list[str]]:
    """The mentee messages of a script, and one error per line that could not be used.

    A line is a message as it is, or a JSON object {"text": "..."}. A line that is clearly JSON
    but unusable (nested too deep, "text" not a string) is reported and skipped; the lines after
    it are still read. The file is refused whole only when it is too large.
    """
    if path == "-":
        raw = click.get_binary_stream("stdin").read(MAX_SCRIPT_BYTES + 1)
    else:
        with open(path, "rb") as f:
            raw = f.read(MAX_SCRIPT_BYTES + 1)
    if len(raw) > MAX_SCRIPT_BYTES:
        raise click.ClickException(f"Script {path} is larger than {MAX_SCRIPT_BYTES // 1_000_000} MB.")
    text = raw.decode("utf-8", errors="replace")
    messages: list[str] = []
    errors: list[str] = []
    for n, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue  # blank lines separate messages in a script; an empty message is {"text": ""}
        if stripped.startswith("{"):
            try:
                obj = bounded.loads(stripped, max_depth=SCRIPT_LINE_DEPTH, what="the line")
            except bounded.BoundedJSONError as exc:
                if exc.reason.startswith("nested too deeply"):
                    errors.append(f"line {n}: {exc}; skipped")
                    continue
                obj = None  # "{not json, just braces}" is a message like any other
            if isinstance(obj, dict) and "text" in obj:
                if not isinstance(obj["text"], str):
                    errors.append(f'line {n}: "text" must be a string, not {type(obj["text"]).__name__}; skipped')
                    continue
                messages.append(obj["text"])
                continue
        messages.append(line)
    return messages, errors


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
    if coach:
        say(COACH, text, style=COACH_STYLE)
    else:
        echo(text)


def _stream(coach: Any, session_id: str, text: str) -> Reply:
    """Write the reply as it is produced (Drafts can take words back; see cli/live.py)."""
    click.echo(click.style(COACH, **COACH_STYLE), nl=False)
    line = LiveLine(click.get_text_stream("stdout"), start=cells(COACH))
    reply: Reply | None = None
    for item in coach.respond_stream(session_id, text):
        if isinstance(item, Reply):
            reply = item
        else:
            line.show(item.text)
    assert reply is not None
    line.finish(reply.text)
    if reply.notice:  # a model's error text: sanitized before it is styled
        styled("  (" + clean_line(reply.notice) + ")", fg="yellow")
    return reply


def _ask_share() -> ShareLevel:
    choice = click.prompt(
        "Who may see this session? private / mentor / manager", default="private",
        type=click.Choice(LEVELS, case_sensitive=False), show_choices=False,
    )
    return ShareLevel(choice.lower())


def _build(share: ShareLevel | None) -> Future[Any]:
    """Build the coach on a thread; the caller shows the first screen meanwhile."""
    future: Future[Any] = Future()

    def run() -> None:
        try:
            from coach.agent import Coach

            future.set_result(Coach.create())
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread, which raises it
            future.set_exception(exc)

    threading.Thread(target=run, name="bedrock-build", daemon=True).start()
    return future


def _interactive(share: ShareLevel | None, resume: str | None) -> Any:
    from coach.realize.offline import voice

    building = _build(share)
    if resume:
        coach = building.result()
        session = coach.store.get_session(resume)
        echo(f"Resuming session {session.id} ({session.share.value}). {HELP_LINE}")
        for t in coach.store.turns(session.id)[-4:]:
            _say(t.text) if t.role == "coach" else say(YOU, t.text)
        session_id = session.id
    else:
        v = voice()["opening"]
        _say(v["intro"][0] + " " + v["privacy"][0])
        level = share or _ask_share()
        coach = building.result()
        session, opening = coach.start(level)
        session_id = session.id
        _say(opening.text.split(v["privacy"][0], 1)[-1].strip())
        styled(HELP_LINE, dim=True)
    while True:
        warmup.idle()  # the mentee is reading and typing: the vector memory may load now
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
            echo(HELP_LINE)
            continue
        if cmd == "/summary":
            _say(coach.playback(session_id))
            continue
        if cmd.startswith("/share"):
            level = cmd.split()[-1] if len(cmd.split()) > 1 else ""
            if level not in LEVELS:
                echo("Usage: /share private|mentor|manager")
                continue
            coach.set_share(session_id, ShareLevel(level))
            echo(f"Sharing is now: {level}.")
            continue
        _stream(coach, session_id, text)
    closing = coach.close(session_id)
    _say(closing.text)
    styled(f"Saved as session {session_id}. Continue later with: coach chat --resume {session_id}", dim=True)
    return coach


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
        if script is not None:
            with warmup.using("lazy"):
                _scripted(script, ShareLevel(share or "private"), as_json)
            return
        with warmup.using("background"):
            coach = _interactive(ShareLevel(share) if share else None, resume)
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
                echo_json([])
            else:
                echo("No sessions yet. Start one with: coach chat")
            return
        with Store(settings.db_path) as store:
            rows = store.list_sessions()
        if as_json:
            echo_json([_info_dict(r) for r in rows])
            return
        if not rows:
            echo("No sessions yet. Start one with: coach chat")
            return
        echo(f"{'id':<14}{'started (UTC)':<18}{'share':<9}{'turns':>6}  title")
        for r in rows:
            d = _info_dict(r)
            title = " ".join(str(d.get("title") or "").split())
            echo(f"{d['id']:<14}{str(d['created_at'])[:16].replace('T', ' '):<18}{d['share']:<9}"
                 f"{d.get('n_turns', 0):>6}  {title}{'' if not d.get('closed') else '  (closed)'}")


def _scripted(script: str, share: ShareLevel, as_json: bool) -> None:
    from coach.agent import Coach

    try:
        messages, errors = _parse_script(script)
    except OSError as exc:
        raise click.ClickException(f"Cannot read script {script}: {exc.strerror}") from None
    for error in errors:
        echo(f"Script {script}, {error}", err=True)
    coach = Coach.create(memory=False)
    result = run_script(coach, messages, share)
    # The vector memory indexes this session's statements when it next opens (a chat, the app,
    # `coach search`): opening chromadb here would double this run's time for nothing it uses.
    coach.store.mark_unindexed(result["session_id"])
    if errors:
        result["input_errors"] = errors
    if as_json:
        echo_json(result)
    else:
        for t in result["turns"]:
            if t["role"] == "coach":
                _say(t["text"])
            else:
                say(YOU, t["text"])


def _info_dict(r: Any) -> dict[str, Any]:
    if hasattr(r, "to_dict"):
        return r.to_dict()
    from dataclasses import asdict

    d = asdict(r)
    d["share"] = str(d.get("share", ""))
    return d
