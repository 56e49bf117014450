"""coach search / timeline / reindex / export / forget, through the real click group."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from coach.cli import cli
from coach.config import load_settings
from coach.store.share import load_share_file
from coach.store.sql import Store
from coach.types import Evidence, ShareLevel, SummaryItem


@pytest.fixture
def data(coach_home: Path) -> dict[str, str]:
    """Two sessions in SQLite (private and mentor-shared) with motivations and summary items."""
    store = Store(load_settings().db_path)

    def analysis(m: str) -> dict[str, object]:
        return {"text": "", "motivations": [{"motivation": m, "confidence": 0.7, "evidence": {"text": "x"}}]}

    priv = store.create_session(ShareLevel.PRIVATE, "private talk")
    t1 = store.add_turn(priv.id, "mentee", "SECRET I want to leave and found a startup", analysis=analysis("autonomy"))
    store.add_turn(priv.id, "coach", "Founding something of your own pulls at you.")
    shared = store.create_session(ShareLevel.MENTOR, "shared talk")
    t2 = store.add_turn(shared.id, "mentee", "I love working on the hardest problems", analysis=analysis("growth"))
    store.save_summary_items(priv.id, [SummaryItem(kind="goal", text="Found a startup",
                                                   quotes=[Evidence("found a startup", 0, 0, t1.id)],
                                                   share=ShareLevel.MENTOR)])
    (item,) = store.save_summary_items(shared.id, [SummaryItem(kind="bedrock", text="Hard problems",
                                                              quotes=[Evidence("the hardest problems", 0, 0, t2.id)],
                                                              share=ShareLevel.MENTOR)])
    store.review_item(item.id, "confirmed")  # only what the mentee confirmed is ever shared
    store.close()
    return {"priv": priv.id, "shared": shared.id}


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_search_respects_the_audience(data: dict[str, str]) -> None:
    res = run("search", "start my own company", "--json")
    assert res.exit_code == 0, res.output
    hits = json.loads(res.output)
    assert hits[0]["session_id"] == data["priv"] and "SECRET" in hits[0]["text"]
    res = run("search", "start my own company", "--for", "mentor", "--json")
    assert all(h["session_id"] == data["shared"] for h in json.loads(res.output))
    table = run("search", "hard problems").output
    assert "score" in table and "I love working on the hardest problems" in table


def test_timeline_table_and_json(data: dict[str, str]) -> None:
    res = run("timeline", "--json")
    rows = json.loads(res.output)
    assert [r["session_id"] for r in rows] == [data["priv"], data["shared"]]
    assert rows[0]["motivations"]["autonomy"]["count"] == 1
    table = run("timeline").output
    assert "autonomy 1" in table and "growth 1" in table and "[shared talk]" in table


def test_timeline_with_no_sessions() -> None:
    assert "No sessions yet" in run("timeline").output


def test_reindex_reports_the_count(data: dict[str, str]) -> None:
    res = run("reindex")
    assert res.exit_code == 0 and "Indexed 2 statements" in res.output


def test_export_for_a_mentor_has_only_shared_items(data: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    res = run("export", "--for", "mentor", "--out", str(out), "--format", "both")
    assert res.exit_code == 0, res.output
    files = sorted(out.iterdir())
    assert [f.suffix for f in files] == [".json", ".md"]
    doc = load_share_file(files[0])
    assert [i["text"] for i in doc["items"]] == ["Hard problems"]
    for f in files:
        assert "SECRET" not in f.read_text(encoding="utf-8") and "startup" not in f.read_text(encoding="utf-8")


def test_export_for_yourself_is_everything(data: dict[str, str], tmp_path: Path) -> None:
    res = run("export", "--out", str(tmp_path / "out"), "--format", "json")
    assert "includes private sessions" in res.output
    (path,) = (tmp_path / "out").iterdir()
    doc = load_share_file(path)
    assert doc["audience"] == "private" and len(doc["items"]) == 2
    assert "SECRET" in path.read_text(encoding="utf-8")


def test_export_with_nothing_shared_says_so(data: dict[str, str], tmp_path: Path) -> None:
    res = run("export", "--for", "manager", "--out", str(tmp_path / "out"), "--format", "json")
    assert "Nothing is shared with a manager yet" in res.output


def test_forget_asks_first_and_removes_from_both_stores(data: dict[str, str]) -> None:
    run("reindex")
    res = run("forget", data["priv"], input="n\n")
    assert res.exit_code == 1 and "Aborted" in res.output
    assert len(json.loads(run("search", "startup", "--json").output)) == 2
    res = run("forget", data["priv"], input="y\n")
    assert res.exit_code == 0 and f"Forgot session {data['priv']}" in res.output
    hits = json.loads(run("search", "leave and found a startup", "--json").output)
    assert [h["session_id"] for h in hits] == [data["shared"]]
    res = CliRunner().invoke(cli, ["forget", data["priv"], "--yes"])
    assert res.exit_code == 1 and "No session" in res.output


def test_forget_all(data: dict[str, str]) -> None:
    run("reindex")
    res = run("forget", "--all", "--yes")
    assert res.exit_code == 0 and "Forgot 2 sessions" in res.output
    assert json.loads(run("search", "hard problems", "--json").output) == []
    assert json.loads(run("timeline", "--json").output) == []


def test_forget_needs_an_id_or_all() -> None:
    res = CliRunner().invoke(cli, ["forget"])
    assert res.exit_code == 2 and "session id or --all" in res.output
