"""Nothing hostile reaches a screen or a file, and no input file can crash a reader.

Real `coach` processes read hostile text from every door: a model server's reply, a replayed
session (`chat --resume`), a share file (`prep --from`), a summary; and hostile files: a JSONL
line of 3,000 `[`, wrong field types in a share file. The app's Prepare page gets an uploaded
share file with a tracking pixel and a link. Terminal output must carry no escape sequence and
no bidi override; Markdown must carry no live image or link; readers must answer every bad line
with a clear message, carry on with the next, and never print a traceback.
"""

from __future__ import annotations

import copy
import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path
from typing import Any

import pytest

from coach.store.sql import Store
from coach.types import Evidence, ShareLevel, SummaryItem
from llm_fakes import LoopbackHTTP, Request, Response, completion_body, sse_chunks

CLEAR, TITLE, LINK = "\x1b[2J\x1b[H", "\x1b]0;pwned\x07", "\x1b]8;;https://evil.example/\x1b\\here\x1b]8;;\x1b\\"
BIDI, C1 = "\u202e", "\x9b31m"
HOSTILE = f"I want to lead{CLEAR} the{TITLE} platform {LINK} team{BIDI}txt.exe{C1} one day"
PIXEL = "![](https://tracker.example/p.png)"
ANYWHERE = "[click me](https://anywhere.example/)"


def coach(*args: str, home: Path, input: str | None = None, env: dict[str, str] | None = None,
          ok: bool = True) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "COACH_HOME": str(home), "COACH_BACKEND": "offline", **(env or {})}
    proc = subprocess.run([sys.executable, "-m", "coach", *args], env=full, input=input, text=True,
                          capture_output=True, timeout=240)
    assert (proc.returncode == 0) == ok, proc.stderr + proc.stdout
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout, proc.stderr
    return proc


def assert_inert(text: str) -> None:
    """Nothing a terminal would act on: no ESC, no C1 control, no bidi override, no stray CR."""
    bad = re.findall(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)
    assert not bad, f"control characters reached the output: {sorted(set(bad))!r}"


def assert_no_live_markdown(text: str) -> None:
    assert not re.search(r"(?<!\\)!\[", text), "a live Markdown image"
    assert not re.search(r"(?<!\\)\]\(", text), "a live Markdown link"
    assert "https://" not in text and "<http" not in text, "an autolink"


# -- terminal sinks -----------------------------------------------------------------------------


@pytest.mark.slow
def test_a_model_reply_with_escape_sequences_reaches_the_terminal_inert(coach_home: Path) -> None:
    reply = f"It sounds like leading{CLEAR} the{TITLE} team{BIDI} matters {LINK} to you. What draws you to it?"
    words = reply.split(" ")

    def answer(req: Request) -> Response:
        if req.json().get("stream"):
            return Response(200, sse_chunks([w if i == 0 else " " + w for i, w in enumerate(words)]),
                            content_type="text/event-stream")
        return Response(200, completion_body(reply))

    with LoopbackHTTP(answer) as srv:
        env = {"COACH_BACKEND": "openai", "OPENAI_BASE_URL": srv.base_url}
        plain = coach("chat", "--script", "-", home=coach_home, env=env, input="I want to lead the team\n")
        as_json = coach("chat", "--script", "-", "--json", home=coach_home, env=env,
                        input="I want to lead the team\n")
    assert srv.posts, "the model was never asked"
    assert_inert(plain.stdout)
    assert "pwned" not in plain.stdout and "evil.example" not in plain.stdout
    assert_inert(as_json.stdout)  # JSON escapes them (\u001b, \u202e): still the same data
    json.loads(as_json.stdout)


@pytest.mark.slow
def test_a_replayed_session_and_its_summary_are_inert(coach_home: Path) -> None:
    out = coach("chat", "--script", "-", "--json", home=coach_home, input=json.dumps({"text": HOSTILE}) + "\n")
    sid = json.loads(out.stdout)["session_id"]
    with Store(coach_home / "bedrock.sqlite3") as store:  # the store keeps the words as they were
        assert any(CLEAR in t.text for t in store.turns(sid))
    for args in (["chat", "--resume", sid], ["summary", sid], ["sessions"], ["memory"],
                 ["search", "lead the platform team"], ["timeline"]):
        proc = coach(*args, home=coach_home, input="/quit\n")
        assert_inert(proc.stdout)


def test_prep_from_a_hostile_share_file_is_inert_and_links_nowhere(coach_home: Path, tmp_path: Path) -> None:
    doc = share_doc(text=f"Lead {PIXEL} the team {ANYWHERE}{TITLE}", quote=HOSTILE + " " + PIXEL,
                    motivation=f"growth{CLEAR}{PIXEL}")
    path = tmp_path / "share.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    out = coach("prep", "--from", str(path), home=coach_home).stdout
    assert_inert(out)
    assert_no_live_markdown(out)


@pytest.mark.slow
def test_terminal_output_is_word_wrapped_to_the_terminal(coach_home: Path) -> None:
    """`coach chat` in a real pseudo-terminal 44 columns wide: no line is wider, no word broken."""
    cols = 44
    # GNU readline (loaded by pytest) exports COLUMNS/LINES behind os.environ's back: the child
    # gets an explicit environment without them, so the terminal's own size is what counts.
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(COACH_HOME=str(coach_home), COACH_BACKEND="offline", TERM="xterm")
    pid, fd = pty.fork()
    if pid == 0:  # the child: the coach in the terminal
        os.execve(sys.executable, [sys.executable, "-m", "coach", "chat", "--share", "private"], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, cols, 0, 0))
    out = b""

    def plain(data: bytes) -> bytes:
        return re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b"", data)

    def read_until(marker: bytes, times: int, timeout: float = 120) -> None:
        """Read until `marker` was written `times` times in all (the output is small)."""
        nonlocal out
        end = time.monotonic() + timeout
        while plain(out).count(marker) < times and time.monotonic() < end:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if ready:
                try:
                    out += os.read(fd, 65536)
                except OSError:
                    return
        assert plain(out).count(marker) >= times, plain(out).decode(errors="replace")

    try:
        read_until(b"you> ", 1)
        os.write(fd, b"I would really like to run the platform engineering team one day because "
                     b"deciding which tools everyone else lives with matters enormously to me\r")
        read_until(b"you> ", 2)  # the reply, then the next prompt
        os.write(fd, b"/quit\r")
        read_until(b"Saved as session", 1)
    finally:
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out.decode("utf-8", "replace")).replace("\r", "")
    lines = [ln for ln in text.split("\n") if ln.strip() and "you> " not in ln]  # not the terminal's echo
    assert lines and max(len(ln) for ln in lines) <= cols, max(lines, key=len)
    rows = text.split("\n")
    prompts = [i for i, ln in enumerate(rows) if "you> " in ln]
    body = [ln for ln in rows[prompts[0] + 1:prompts[1]] if ln.strip()]  # the reply's rows
    assert len(body) >= 2, "the reply should have needed more than one row"
    words = set(re.findall(r"[\w'’]+", " ".join(body)))
    from coach.config import load_settings

    with Store(load_settings({"COACH_HOME": str(coach_home)}).db_path) as store:
        sid = store.list_sessions()[0].id
        said = store.turns(sid)[2].text  # the reply, as stored
    assert words <= set(re.findall(r"[\w'’]+", said)) | {"coach"}, words - set(re.findall(r"[\w'’]+", said))


# -- bounded parsing ----------------------------------------------------------------------------


def test_check_jsonl_survives_a_hostile_line_and_keeps_the_next(coach_home: Path) -> None:
    lines = [json.dumps({"text": "What draws you to that?"}), "[" * 3000,
             '{"text": ' + "[" * 3000 + "]" * 3000 + "}", '{"text": 5}',
             json.dumps({"text": "x" * 100}) + " " * 2_000_000,
             json.dumps({"text": "You should ask for a raise."})]
    out = coach("check", "--jsonl", "-", home=coach_home, input="\n".join(lines) + "\n").stdout
    recs = [json.loads(line) for line in out.splitlines()]
    assert len(recs) == len(lines)
    assert recs[0]["ok"] is True and recs[-1]["ok"] is False  # the lines after the bad ones were checked
    assert "nested too deeply" in recs[1]["error"] and "nested too deeply" in recs[2]["error"]
    assert "must be a string" in recs[3]["error"] and "longer than" in recs[4]["error"]


@pytest.mark.slow
def test_chat_script_reports_bad_lines_and_answers_the_rest(coach_home: Path) -> None:
    script = "\n".join(["I love hard problems", '{"text": ' + "[" * 3000 + "]" * 3000 + "}",
                        '{"text": {"nested": 1}}', json.dumps({"text": "I want more say in the roadmap"})])
    proc = coach("chat", "--script", "-", "--json", home=coach_home, input=script + "\n")
    out = json.loads(proc.stdout)
    said = [t["text"] for t in out["turns"] if t["role"] == "mentee"]
    assert said == ["I love hard problems", "I want more say in the roadmap"]
    assert "line 2" in proc.stderr and "nested too deeply" in proc.stderr
    assert "line 3" in proc.stderr and "must be a string" in proc.stderr
    assert len(out["input_errors"]) == 2


def unescaped(markdown: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def assert_no_live_markdown_source(markdown: str) -> None:
    """Markdown source in which no image, link or autolink can start: every '!', '[', ']', '(',
    ':' and '<' that could begin one is backslash-escaped."""
    assert not re.search(r"(?<!\\)!\\?\[", markdown), "a live image"
    assert not re.search(r"(?<!\\)\]\\?\(", markdown), "a live link"
    assert not re.search(r"https?(?<!\\):(?!\\)", markdown) and not re.search(r"https?:", markdown), "an autolink"
    assert not re.search(r"(?<!\\)<http", markdown), "an autolink"


def share_doc(**item: Any) -> dict[str, Any]:
    base = {"id": 1, "session_id": "abc", "session_date": "2025-03-01", "kind": "goal",
            "text": "Lead the platform team", "motivation": "growth", "status": "confirmed", "share": "mentor"}
    quote = item.pop("quote", "lead the platform team")
    base.update(item)
    base["quotes"] = [{"text": quote, "start": 0, "end": 10, "turn_id": 3}]
    return {"format": "bedrock-share", "version": 1, "audience": "mentor", "created_at": "2025-03-01T10:00:00+00:00",
            "sessions": [{"id": "abc", "date": "2025-03-01", "title": "", "share": "mentor", "techniques": []}],
            "items": [base]}


def _with(doc: dict[str, Any], path: list[Any], value: Any) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return doc


BAD_SHARES = {
    "deep": '{"format": "bedrock-share", "version": 1, "audience": "mentor", "sessions": [], "items": '
            + "[" * 3000 + "]" * 3000 + "}",
    "motivation-number": _with(share_doc(), ["items", 0, "motivation"], 5),
    "techniques-number": _with(share_doc(), ["sessions", 0, "techniques"], 7),
    "quote-turn-text": _with(share_doc(), ["items", 0, "quotes", 0, "turn_id"], "three"),
    "title-object": _with(share_doc(), ["sessions", 0, "title"], {"x": 1}),
    "status-list": _with(share_doc(), ["items", 0, "status"], ["confirmed"]),
    "share-unknown": _with(share_doc(), ["items", 0, "share"], "everyone"),
    "date-number": _with(share_doc(), ["items", 0, "session_date"], 20250301),
}


@pytest.mark.parametrize("name", list(BAD_SHARES))
def test_prep_from_a_malformed_share_file_is_one_clear_error(name: str, coach_home: Path, tmp_path: Path) -> None:
    doc = BAD_SHARES[name]
    path = tmp_path / "share.json"
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    proc = coach("prep", "--from", str(path), home=coach_home, ok=False)
    assert proc.returncode == 1
    assert str(path) in proc.stderr and "share file" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr  # one line that says what is wrong


# -- the app ------------------------------------------------------------------------------------


def _prepare_with_upload(content: bytes):
    from test_ui_apptest import app, goto

    at = goto(app(), "Prepare")
    at.radio(key="prep.source").set_value("file").run()
    at.file_uploader(key="prep.upload").set_value(("share.json", content, "application/json")).run()
    return at


def _rendered_markdown(at: Any) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [e.value for e in at.info]
    parts += [b.label for b in at.button] + [x.label for x in at.expander]
    return "\n".join(parts)


def test_the_prepare_page_shows_a_hostile_share_file_literally(coach_home: Path) -> None:
    doc = share_doc(kind=f"goal {PIXEL}", text=f"Lead {PIXEL} {ANYWHERE}", quote=f"lead {PIXEL}",
                    motivation=PIXEL, session_date=PIXEL[:30])
    at = _prepare_with_upload(json.dumps(doc).encode())
    assert not at.exception and not at.error, [e.value for e in at.error]
    shown = _rendered_markdown(at)
    assert "tracker.example" in unescaped(shown)  # it is shown, as text...
    assert_no_live_markdown_source(shown)  # ...and never as an image or a link


@pytest.mark.parametrize("name", ["deep", "motivation-number", "techniques-number"])
def test_the_prepare_page_refuses_a_malformed_upload_with_a_message(name: str, coach_home: Path) -> None:
    doc = BAD_SHARES[name]
    at = _prepare_with_upload((doc if isinstance(doc, str) else json.dumps(doc)).encode())
    assert not at.exception
    assert [e.value for e in at.error] and "share file" in at.error[0].value


def test_the_prepare_page_from_this_device_escapes_what_the_store_holds(coach_home: Path) -> None:
    from coach.config import load_settings

    with Store(load_settings().db_path) as store:
        s = store.create_session(ShareLevel.MENTOR)
        t = store.add_turn(s.id, "mentee", f"I want to lead {PIXEL}")
        (item,) = store.save_summary_items(s.id, [SummaryItem(
            kind=f"goal{PIXEL}", text=f"Lead {ANYWHERE}", motivation=f"growth{PIXEL}",
            quotes=[Evidence(f"lead {PIXEL}", 0, 4, t.id)], share=ShareLevel.MENTOR)])
        store.review_item(item.id, "confirmed")
    from test_ui_apptest import app, goto

    at = goto(app(), "Prepare")
    assert not at.exception and not at.error
    shown = _rendered_markdown(at)
    assert "tracker.example" in unescaped(shown)
    assert_no_live_markdown_source(shown)
