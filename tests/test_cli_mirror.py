"""`coach mirror` through click's CliRunner: the --json contract, --markdown, --save (and nothing
stored without it), stdin, choosing the mentor, and clear errors for bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from coach.cli import cli
from coach.mentor.mirror.types import LABELS

TALK = """\
Priya: Hi Sam. What we say here stays between us. What would you like from today?
Sam: I want to figure out if tech lead is for me. I like having a say in how we build things.
Priya: Having a say in the direction matters to you.
Sam: It does.
Priya: You should just apply for the lead role, you'd be great.
Sam: Maybe.
"""


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def talk(tmp_path: Path) -> Path:
    p = tmp_path / "talk.txt"
    p.write_text(TALK, encoding="utf-8")
    return p


def test_json_contract_every_turn_in_order(runner: CliRunner, talk: Path):
    res = runner.invoke(cli, ["mirror", str(talk), "--mentor", "Priya", "--json"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert set(doc) >= {"utterances", "summary"}
    utts = doc["utterances"]
    lines = [ln.split(": ", 1) for ln in TALK.splitlines()]
    assert [(u["speaker"], u["text"]) for u in utts] == [(a, b) for a, b in lines]
    assert [u["index"] for u in utts] == list(range(len(lines)))
    for u in utts:
        assert {"speaker", "text", "labels", "role", "behaviour", "evidence"} <= set(u)
        if u["speaker"] == "Priya":
            assert u["role"] == "mentor" and u["labels"] and set(u["labels"]) <= set(LABELS)
            assert [e["label"] for e in u["evidence"]] == u["labels"]
        else:
            assert u["role"] == "mentee" and u["labels"] == [] and u["behaviour"] is None
    assert "advice" in utts[4]["labels"] and "judgment" in utts[4]["labels"]
    s = doc["summary"]
    for key in ("reflection_question_ratio", "complex_reflection_pct", "open_question_pct", "advice", "advice_asked",
                "judgment", "talk_share", "longest_monologue", "ladder_depth", "expectations_set",
                "confidentiality_set", "missed_moments", "rewrites"):
        assert key in s
    assert s["mentor"] == "Priya" and s["mentor_chosen_by"] == "flag"
    assert s["confidentiality_set"] is True
    assert [r["turn"] for r in s["rewrites"]] == [4]


def test_human_output_and_markdown(runner: CliRunner, talk: Path, tmp_path: Path):
    out = tmp_path / "report.md"
    res = runner.invoke(cli, ["mirror", str(talk), "--mentor", "priya", "--markdown", str(out)], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert "Mirror of talk.txt: mentor Priya, mentee Sam" in res.stdout
    assert "Advice and judgment (1)" in res.stdout and "instead:" in res.stdout
    md = out.read_text(encoding="utf-8")
    assert md.startswith("# Mentor mirror — talk.txt")
    assert "## Missed moments" in md and "## Timeline" in md
    assert "**Priya** [" in md


def test_nothing_is_stored_without_save(runner: CliRunner, talk: Path, coach_home: Path):
    res = runner.invoke(cli, ["mirror", str(talk), "--mentor", "Priya", "--json"], catch_exceptions=False)
    assert res.exit_code == 0
    assert list(coach_home.rglob("*")) == []


def test_save_keeps_an_owner_only_copy(runner: CliRunner, talk: Path, coach_home: Path):
    res = runner.invoke(cli, ["mirror", str(talk), "--mentor", "Priya", "--save"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    saved = list((coach_home / "mirror").glob("*.json"))
    assert len(saved) == 1 and saved[0].name.endswith("-talk.json")
    assert f"saved to {saved[0]}" in res.stderr
    assert saved[0].stat().st_mode & 0o777 == 0o600
    assert json.loads(saved[0].read_text())["summary"]["mentor"] == "Priya"


def test_stdin_and_automatic_mentor(runner: CliRunner):
    res = runner.invoke(cli, ["mirror", "-", "--json"], input=TALK, catch_exceptions=False)
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["summary"]["mentor"] == "Priya" and doc["summary"]["mentor_chosen_by"] == "most_questions"
    assert "taking Priya as the mentor" in res.stderr


def test_jsonl_and_vtt_files(runner: CliRunner, tmp_path: Path):
    jl = tmp_path / "t.jsonl"
    jl.write_text("\n".join(json.dumps({"speaker": s, "text": t}) for s, t in
                            [("Ann", "What draws you to design?"), ("Bo", "The craft."), ("Ann", "The craft itself.")]))
    vtt = tmp_path / "t.vtt"
    vtt.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann>What draws you\n\n"
                   "00:00:02.000 --> 00:00:03.000\n<v Ann>to design?\n\n00:00:03.000 --> 00:00:04.000\n<v Bo>The craft.\n")
    for f, n in ((jl, 3), (vtt, 2)):
        res = runner.invoke(cli, ["mirror", str(f), "--mentor", "Ann", "--json"], catch_exceptions=False)
        assert res.exit_code == 0, res.output
        doc = json.loads(res.stdout)
        assert len(doc["utterances"]) == n
        assert doc["utterances"][0]["labels"] == ["open_question"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\x00\x01\x02binary", "binary"),
        (b"no names here at all\n", "no speaker names found"),
        (b'{"speaker": "A", "text": "x"}\n{"speaker": "B"\n', "line 2: not valid JSON"),
        (b"Ann: hi\nBob: \x07ding\n", "control character"),
    ],
)
def test_bad_files_exit_1_with_a_clear_message(runner: CliRunner, tmp_path: Path, content: bytes, message: str):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    res = runner.invoke(cli, ["mirror", str(f)])
    assert res.exit_code == 1
    assert message in res.output
    assert "Traceback" not in res.output


def test_unknown_mentor_lists_the_speakers(runner: CliRunner, talk: Path):
    res = runner.invoke(cli, ["mirror", str(talk), "--mentor", "Dana"])
    assert res.exit_code == 1
    assert "No speaker called 'Dana'" in res.output and "Speakers: Priya, Sam" in res.output


def test_missing_file(runner: CliRunner, tmp_path: Path):
    res = runner.invoke(cli, ["mirror", str(tmp_path / "nope.txt")])
    assert res.exit_code == 1 and "no such file" in res.output


def test_in_a_terminal_the_mentor_is_asked(runner: CliRunner, talk: Path, monkeypatch: pytest.MonkeyPatch):
    from coach.cli import mirror as cmd

    monkeypatch.setattr(cmd, "_interactive", lambda: True)
    res = runner.invoke(cli, ["mirror", str(talk), "--json"], input="2\n", catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert "Who is the mentor in this conversation?" in res.stderr
    assert "1. Priya (1 question)" in res.stderr and "2. Sam (0 questions)" in res.stderr
    assert "Mentor [1]:" in res.stderr  # the default is the one who asks most
    doc = json.loads(res.stdout)
    assert doc["summary"]["mentor"] == "Sam" and doc["summary"]["mentor_chosen_by"] == "prompt"
    assert [u["role"] for u in doc["utterances"]][:2] == ["mentee", "mentor"]
