"""`coach check` through click's CliRunner: single text, --json, --jsonl file and stdin, bad input."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from coach.cli import cli


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_single_text_flagged_exits_1(runner: CliRunner) -> None:
    res = runner.invoke(cli, ["check", "You should talk to your manager."])
    assert res.exit_code == 1
    assert "FLAGGED: advice" in res.output
    assert 'reason: advice: "You should talk to your manager"' in res.output


def test_single_text_ok_exits_0(runner: CliRunner) -> None:
    res = runner.invoke(cli, ["check", "What draws you to that?"])
    assert res.exit_code == 0, res.output
    assert res.output.startswith("ok: open_question")


def test_json_output(runner: CliRunner) -> None:
    res = runner.invoke(cli, ["check", "--json", "Great goal! What draws you to it?"])
    assert res.exit_code == 1
    obj = json.loads(res.output)
    assert set(obj) == {"text", "label", "labels", "ok", "reason", "questions", "spans", "why", "rewrite", "scores"}
    assert obj["label"] == "judgment" and obj["ok"] is False and obj["questions"] == 1


def test_mentee_option(runner: CliRunner) -> None:
    line = "You should have been promoted, and it stings."
    assert runner.invoke(cli, ["check", line]).exit_code == 1
    res = runner.invoke(cli, ["check", "--json", "--mentee", "I should have been promoted.", line])
    assert res.exit_code == 0
    obj = json.loads(res.output)
    assert "advice" not in obj["labels"] and "reflection" in obj["labels"]


def test_jsonl_file_keeps_order(runner: CliRunner, tmp_path) -> None:
    lines = ["What draws you to that?", "Have you considered asking for a raise?", "It's entirely your call."]
    f = tmp_path / "in.jsonl"
    f.write_text("".join(json.dumps({"text": t}) + "\n" for t in lines), encoding="utf-8")
    res = runner.invoke(cli, ["check", "--jsonl", str(f)])
    assert res.exit_code == 0
    out = [json.loads(x) for x in res.output.splitlines()]
    assert [o["text"] for o in out] == lines
    assert [o["label"] for o in out] == ["open_question", "advice", "none"]
    assert [o["ok"] for o in out] == [True, False, True]
    for o in out:
        assert set(o) == {"text", "label", "labels", "ok", "reason", "questions", "spans", "why", "rewrite", "scores"}


def test_jsonl_stdin_with_bad_lines(runner: CliRunner) -> None:
    data = (
        b'{"text": "You could ask your lead."}\n'
        b"this is not json\n"
        b"\n"
        b'{"text": ""}\n'
        b'{"other": 1}\n'
        b'["a list"]\n'
        b'{"text": 42}\n'
        b'{"text": "bin\\u0000ary"}\n'
        b"\xff\xfe\x00\x01\n"
        b'{"text": "You feel you should have been promoted.", "mentee_text": "I should have been promoted."}\n'
    )
    res = runner.invoke(cli, ["check", "--jsonl", "-"], input=data)
    assert res.exit_code == 0
    assert "Traceback" not in res.output
    out = [json.loads(x) for x in res.output.splitlines()]
    assert len(out) == 10  # one output line per input line
    assert out[0]["label"] == "advice"
    for i in range(1, 9):
        assert "error" in out[i] and out[i]["line"] == i + 1, out[i]
    assert "not valid JSON" in out[1]["error"]
    assert "blank" in out[2]["error"]
    assert "empty" in out[3]["error"]
    assert "UTF-8" in out[8]["error"]
    assert out[9]["label"] == "reflection" and out[9]["ok"] is True


def test_empty_text_is_a_usage_error(runner: CliRunner) -> None:
    res = runner.invoke(cli, ["check", "   "])
    assert res.exit_code == 2
    assert "empty" in res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)


def test_no_text_is_a_usage_error(runner: CliRunner) -> None:
    res = runner.invoke(cli, ["check"])
    assert res.exit_code == 2 and "give a line to check" in res.output


def test_text_and_jsonl_together_is_a_usage_error(runner: CliRunner, tmp_path) -> None:
    f = tmp_path / "in.jsonl"
    f.write_text('{"text": "hi"}\n', encoding="utf-8")
    res = runner.invoke(cli, ["check", "hello", "--jsonl", str(f)])
    assert res.exit_code == 2


def test_missing_file_is_clear(runner: CliRunner, tmp_path) -> None:
    res = runner.invoke(cli, ["check", "--jsonl", str(tmp_path / "nope.jsonl")])
    assert res.exit_code == 2 and "nope.jsonl" in res.output


def test_help_documents_exit_codes(runner: CliRunner) -> None:
    res = runner.invoke(cli, ["check", "--help"])
    assert res.exit_code == 0
    assert "Exit codes" in res.output and "--jsonl" in res.output


def test_a_bulleted_list_is_text_not_an_option(runner: CliRunner) -> None:
    res = runner.invoke(cli, ["check", "- Networking\n- A stronger portfolio\n- Certifications"])
    assert res.exit_code == 1, res.output
    assert "FLAGGED: advice" in res.output and "list" in res.output


def test_a_mistyped_option_is_still_an_error(runner: CliRunner) -> None:
    res = runner.invoke(cli, ["check", "--jsnol"])
    assert res.exit_code == 2
    assert "No such option: --jsnol" in res.output
