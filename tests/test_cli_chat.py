"""`coach chat` and `coach sessions` through the real click group (CliRunner), real store and embedder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from coach.analyze import Analyzer
from coach.cli import cli
from coach.config import load_settings
from coach.store.sql import Store
from coach.types import ShareLevel

TURN_KEYS = {"role", "text", "move", "analysis", "guard", "latency_ms"}

SCRIPT = [
    "I'd like to run the platform team one day.",
    "They decide the tools everyone else has to live with.",
    "just tell me what to do",
    "idk",
]


@pytest.fixture(scope="session")
def exemplar_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("exemplar-cache-cli")
    Analyzer(cache_dir=d)
    return d


@pytest.fixture(autouse=True)
def seeded_home(coach_home: Path, exemplar_cache: Path) -> Path:
    shutil.copytree(exemplar_cache, coach_home / "cache")
    return coach_home


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


def stored_sessions() -> list:
    with Store(load_settings().db_path) as s:
        return [(info, s.turns(info.id), s.get_session(info.id)) for info in s.list_sessions()]


def script_json(tmp_path: Path, lines: list[str], *extra: str, name: str = "script.txt") -> dict:
    f = tmp_path / name
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = run("chat", "--script", str(f), "--json", *extra)
    assert res.exit_code == 0, res.output
    assert res.exception is None
    return json.loads(res.stdout)  # exactly one JSON document, nothing else on stdout


# ---------------------------------------------------------------- --script --json contract


def test_script_json_matches_the_contract(tmp_path: Path) -> None:
    out = script_json(tmp_path, SCRIPT)
    assert set(out) == {"session_id", "turns", "summary"}
    assert isinstance(out["session_id"], str) and out["session_id"]
    turns = out["turns"]
    for t in turns:
        assert set(t) >= TURN_KEYS, t
        assert set(t) - TURN_KEYS <= {"notice", "rule", "plan"}  # added fields: which policy rule fired, the plan
        assert t["role"] in {"mentee", "coach"}
        assert isinstance(t["text"], str)
    # the coach opens with the ground rules
    first = turns[0]
    assert first["role"] == "coach" and first["move"] == "open"
    assert "advice" in first["text"] and "private" in first["text"].lower()
    # every line of the file is a mentee turn, in order, each answered by the coach
    assert [t["text"] for t in turns if t["role"] == "mentee"] == SCRIPT
    assert [t["role"] for t in turns] == ["coach"] + ["mentee", "coach"] * len(SCRIPT)
    for mentee, coach in zip(turns[1::2], turns[2::2]):
        assert mentee["analysis"]["text"] == mentee["text"]
        assert coach["move"] and coach["text"]
        assert coach["guard"]["verdict"]["ok"] is True
        assert coach["guard"]["shown"] == coach["text"]
        assert isinstance(coach["latency_ms"], (int, float)) and coach["latency_ms"] >= 0
    assert turns[6]["move"] == "advice_request"
    assert turns[8]["move"] == "low_effort"
    assert isinstance(out["summary"], dict)


def test_script_json_session_is_saved_with_every_turn(tmp_path: Path) -> None:
    out = script_json(tmp_path, SCRIPT)
    ((info, turns, session),) = stored_sessions()
    assert info.id == out["session_id"]
    assert [(t.role, t.text) for t in turns] == [(t["role"], t["text"]) for t in out["turns"]]
    assert session.share is ShareLevel.PRIVATE  # the default in script mode


def test_jsonl_input_works(tmp_path: Path) -> None:
    lines = [json.dumps({"text": m}) for m in SCRIPT]
    lines.insert(2, json.dumps({"text": "Line one\nline two of the same message"}))
    out = script_json(tmp_path, lines, name="script.jsonl")
    mentee = [t["text"] for t in out["turns"] if t["role"] == "mentee"]
    assert mentee == SCRIPT[:2] + ["Line one\nline two of the same message"] + SCRIPT[2:]


def test_mixed_plain_and_jsonl_lines_and_blank_separators(tmp_path: Path) -> None:
    lines = ["I love helping people", "", json.dumps({"text": "I want more say"}), "{not json, just braces}"]
    out = script_json(tmp_path, lines)
    mentee = [t["text"] for t in out["turns"] if t["role"] == "mentee"]
    assert mentee == ["I love helping people", "I want more say", "{not json, just braces}"]


@pytest.mark.parametrize("level", ["mentor", "manager", "private"])
def test_share_sets_the_sessions_share(tmp_path: Path, level: str) -> None:
    out = script_json(tmp_path, SCRIPT[:1], "--share", level)
    ((info, _, session),) = stored_sessions()
    assert session.share is ShareLevel(level) and info.share is ShareLevel(level)
    from coach.realize.offline import share_sentence

    assert share_sentence(ShareLevel(level)) in out["turns"][0]["text"]


def test_script_without_json_prints_the_conversation(tmp_path: Path) -> None:
    f = tmp_path / "s.txt"
    f.write_text("I love helping people\n", encoding="utf-8")
    res = run("chat", "--script", str(f))
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[0].startswith("coach> ") and "advice" in lines[0]
    assert "you> I love helping people" in lines
    assert lines[-1].startswith("coach> ")


def test_script_from_stdin(tmp_path: Path) -> None:
    res = run("chat", "--script", "-", "--json", input="I love helping people\nidk\n")
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert [t["text"] for t in out["turns"] if t["role"] == "mentee"] == ["I love helping people", "idk"]


def test_missing_script_file_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    res = run("chat", "--script", str(missing), "--json")
    assert res.exit_code != 0
    assert "Cannot read script" in res.output and str(missing) in res.output
    assert "Traceback" not in res.output
    assert isinstance(res.exception, SystemExit)  # a clean click exit, not a crash


def test_bad_share_level_is_rejected(tmp_path: Path) -> None:
    f = tmp_path / "s.txt"
    f.write_text("hello\n", encoding="utf-8")
    res = run("chat", "--script", str(f), "--share", "everyone")
    assert res.exit_code == 2 and "everyone" in res.output


# ---------------------------------------------------------------- interactive


def test_interactive_chat_works_and_saves() -> None:
    res = run("chat", input="private\nI want to lead\n/summary\n/quit\n")
    assert res.exit_code == 0, res.output
    assert res.exception is None
    out = res.output
    assert "advice" in out  # the ground rules
    assert "Who may see this session?" in out
    assert "/summary" in out  # the help line
    assert "Saved as session" in out
    ((info, turns, session),) = stored_sessions()
    assert session.share is ShareLevel.PRIVATE and session.closed
    assert [t.role for t in turns] == ["coach", "mentee", "coach", "coach"]
    assert turns[1].text == "I want to lead"
    assert turns[2].text in out  # the reply was shown
    assert turns[-1].move == "close" and turns[-1].text in out
    assert f"coach chat --resume {info.id}" in out
    # /summary printed a playback, and the slash command was not stored as a mentee message
    assert "/summary" not in [t.text for t in turns]


def test_interactive_share_command_and_eof() -> None:
    res = run("chat", "--share", "private", input="/share mentor\nI love helping people\n")  # EOF ends the session
    assert res.exit_code == 0, res.output
    assert "Sharing is now: mentor." in res.output
    ((_, turns, session),) = stored_sessions()
    assert session.share is ShareLevel.MENTOR and session.closed
    assert [t.text for t in turns if t.role == "mentee"] == ["I love helping people"]


def test_resume_continues_the_session(tmp_path: Path) -> None:
    out = script_json(tmp_path, SCRIPT[:2])
    sid = out["session_id"]
    res = run("chat", "--resume", sid, input="I love helping people\n/quit\n")
    assert res.exit_code == 0, res.output
    assert f"Resuming session {sid}" in res.output
    assert out["turns"][-1]["text"] in res.output  # the last turns are shown again
    ((info, turns, _),) = stored_sessions()
    assert info.id == sid
    assert [t.text for t in turns if t.role == "mentee"] == SCRIPT[:2] + ["I love helping people"]
    # the new reply did not repeat a question asked before the resume
    before = {t["text"] for t in out["turns"] if t["role"] == "coach"}
    assert turns[-2].role == "coach" and turns[-2].text not in before


def test_resume_of_an_unknown_session_is_a_clear_error() -> None:
    run("chat", "--script", "-", input="hello\n")  # make sure a database exists
    res = run("chat", "--resume", "doesnotexist", input="/quit\n")
    assert res.exit_code == 1
    assert "doesnotexist" in res.output
    assert "Traceback" not in res.output


# ---------------------------------------------------------------- coach sessions


def test_sessions_when_there_are_none() -> None:
    res = run("sessions")
    assert res.exit_code == 0 and "No sessions yet" in res.output
    res = run("sessions", "--json")
    assert res.exit_code == 0 and json.loads(res.output) == []


def test_sessions_lists_the_session(tmp_path: Path) -> None:
    out = script_json(tmp_path, SCRIPT[:2], "--share", "mentor")
    sid = out["session_id"]
    res = run("sessions")
    assert res.exit_code == 0, res.output
    row = next(line for line in res.output.splitlines() if line.startswith(sid))
    assert "mentor" in row and " 5 " in f" {row} "  # opening + 2 x (mentee, coach)
    res = run("sessions", "--json")
    assert res.exit_code == 0, res.output
    (entry,) = json.loads(res.output)
    assert entry["id"] == sid and entry["share"] == "mentor" and entry["n_turns"] == 5
    assert entry["closed"] is False


def test_sessions_on_a_corrupt_database_is_a_clear_error() -> None:
    db = load_settings().db_path
    db.write_bytes(b"this is not a database at all" * 200)
    res = run("sessions")
    assert res.exit_code == 1
    assert str(db) in res.output and "Traceback" not in res.output
