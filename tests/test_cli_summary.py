"""coach summary, review, share-item, portrait, prep and bank through the real CLI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from coach.cli import cli
from coach.types import ShareLevel
from summary_data import FIRST_SESSION, PRIVATE_SESSION, PRIVATE_WORDS, add_session, open_store


@pytest.fixture
def sessions():
    with open_store() as store:
        first = add_session(store, FIRST_SESSION, share=ShareLevel.MENTOR)
        private = add_session(store, PRIVATE_SESSION)
    return first, private


def run(*args: str, ok: bool = True):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert (result.exit_code == 0) == ok, result.output
    return result


def test_summary_json_has_items_with_quotes_and_turn_ids(sessions):
    first, _ = sessions
    data = json.loads(run("summary", first.id, "--json").output)
    assert data["session_id"] == first.id and data["items"]
    with open_store() as store:
        turns = {t.id: t.text for t in store.turns(first.id)}
    for item in data["items"]:
        assert item["id"] is not None and item["quotes"]
        for q in item["quotes"]:
            assert turns[q["turn_id"]][q["start"] : q["end"]] == q["text"]


def test_summary_markdown_and_review_hints(sessions):
    first, _ = sessions
    out = run("summary", first.id).output
    assert out.startswith("# What I heard") and "coach review" in out
    md = run("summary", first.id, "--md").output
    assert "coach review" not in md and "## Goals" in md


def test_review_confirm_edit_reject(sessions):
    first, _ = sessions
    items = json.loads(run("summary", first.id, "--json").output)["items"]
    bedrock = next(i for i in items if i["kind"] == "bedrock")
    goal = next(i for i in items if i["kind"] == "goal")
    out = run("review", first.id, str(bedrock["id"]), "edit", "--text", "Making life easier for people").output
    assert "Edited" in out and "first proposed as" in out
    run("review", first.id, str(goal["id"]), "reject")
    run("review", first.id, str(items[1]["id"]), "confirm")
    after = {i["id"]: i for i in json.loads(run("summary", first.id, "--json").output)["items"]}
    assert after[bedrock["id"]]["text"] == "Making life easier for people"
    assert after[bedrock["id"]]["original_text"] == bedrock["text"]
    assert after[bedrock["id"]]["quotes"] == bedrock["quotes"]
    assert after[goal["id"]]["status"] == "rejected"
    assert after[items[1]["id"]]["status"] == "confirmed"


def test_review_errors_are_one_clear_line(sessions):
    first, private = sessions
    items = json.loads(run("summary", first.id, "--json").output)["items"]
    r = run("review", first.id, str(items[0]["id"]), "edit", ok=False)
    assert "--text" in r.output
    r = run("review", private.id, str(items[0]["id"]), "confirm", ok=False)
    assert f"belongs to session {first.id}" in r.output
    r = run("review", first.id, "99999", "confirm", ok=False)
    assert "No summary item 99999" in r.output
    r = run("summary", "nope", ok=False)
    assert "No session 'nope'" in r.output and "Traceback" not in r.output


def test_share_item_and_what_a_mentor_then_sees(sessions):
    first, private = sessions
    run("summary", private.id)
    items = json.loads(run("summary", first.id, "--json").output)["items"]
    passion = next(i for i in items if i["kind"] == "passion")
    assert "now private" in run("share-item", str(passion["id"]), "private").output
    plan = json.loads(run("prep", "--json").output)
    text = json.dumps(plan)
    assert "hackathon" not in text
    assert not any(w in text for w in PRIVATE_WORDS)
    # Sharing an item of a private session warns that the session is the ceiling.
    private_items = json.loads(run("summary", private.id, "--json").output)["items"]
    out = run("share-item", str(private_items[0]["id"]), "mentor").output
    assert "will not see it" in out
    assert not any(w in run("prep", "--json").output for w in PRIVATE_WORDS)


def test_prep_from_a_share_file_and_a_malformed_one(sessions, tmp_path):
    first, _ = sessions
    run("summary", first.id)
    run("export", "--for", "mentor", "--format", "json", "--out", str(tmp_path))
    (path,) = list(tmp_path.glob("*.json"))
    out = run("prep", "--from", str(path), "--notes", "You should apply for the lead role.").output
    assert out.startswith("# Plan for the next conversation")
    assert "## Reminder card" in out and "worth rephrasing" in out
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "bedrock-share", "version": 7}', encoding="utf-8")
    r = run("prep", "--from", str(bad), ok=False)
    assert "version 7" in r.output and "Traceback" not in r.output


def test_portrait(sessions):
    out = run("portrait").output
    assert out.startswith("# Your portrait") and "## Motivations per session" in out
    data = json.loads(run("portrait", "--json").output)
    assert len(data["sessions"]) == 2


def test_bank_list_filter_and_add():
    out = run("bank", "--technique", "lottery").output
    assert "won the lottery" in out and out.count("[lottery]") >= 3
    refused = run("bank", "add", "You should ask for a raise.", "--technique", "normalize", ok=False)
    assert "Not added" in refused.output and "advice" in refused.output
    run("bank", "add", "What would a great year look like for you?", "-t", "why_ladder", "-m", "growth")
    data = json.loads(run("bank", "--motivation", "growth", "--search", "great year", "--json").output)
    assert [q["text"] for q in data] == ["What would a great year look like for you?"]
    assert run("bank", "--technique", "nonsense", ok=False).output.count("Unknown technique") == 1
