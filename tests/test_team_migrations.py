"""One schema history for both stores: a personal file from before the team store upgrades in place,
and comes into the team store for its person, ids remapped and the file itself untouched.

tests/data/bedrock-v1.sqlite3 was written by the Store of the commit before the team store (schema 1;
tests/data/make_bedrock_v1.py): two sessions (one shared with a mentor, with a confirmed and an
edited item quoting a statement), a forget whose vector half was still pending, a session not yet
indexed, a mentor's bank question.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from coach.errors import StoreError
from coach.store.migrations import MIGRATIONS, SCHEMA_VERSION
from coach.store.pg import PgStore, ensure_schema, get_pool
from coach.store.sql import Store
from coach.team.importer import import_sqlite
from coach.team.people import Directory
from coach.team.shared import SharedWithMe
from coach.types import ShareLevel

V1 = Path(__file__).parent / "data" / "bedrock-v1.sqlite3"
SHARED, PRIVATE, FORGOTTEN = "6008186e0aae", "258a858321cc", "9caf01c32fbc"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_histories_have_the_same_versions_in_both_dialects() -> None:
    assert SCHEMA_VERSION == len(MIGRATIONS) == 2
    assert all(m.statements("sqlite") and m.statements("postgres") for m in MIGRATIONS)


def test_a_file_from_before_the_team_store_upgrades_in_place(coach_home: Path) -> None:
    db = coach_home / "bedrock.sqlite3"
    shutil.copy(V1, db)
    with Store(db) as s:
        assert s.schema_version == SCHEMA_VERSION
        assert [i.id for i in s.list_sessions()] == [PRIVATE, SHARED]
        assert [t.text for t in s.turns(SHARED)][1].startswith("I want to lead the platform team")
        mentor = s.export(ShareLevel.MENTOR)
        assert [i["text"] for i in mentor["items"]] == ["Lead the platform team", "Tools that people enjoy using"]
        assert s.pending_forgets() == [f"session:{FORGOTTEN}"]  # the half-done forget is still owed
        assert s.unindexed_sessions() == [PRIVATE]
        assert [q["text"] for q in s.bank_questions()] == ["What would a great year look like for you?"]
        s.set_meta("k", "v")  # meta was rebuilt with (owner_id, key): upserts still work
        s.set_meta("k", "w")
        assert s.get_meta("k") == "w"
        t = s.add_turn(PRIVATE, "mentee", "a new statement after the upgrade")
        assert t.idx == 1
    conn = sqlite3.connect(db)
    try:
        owners = {r[0] for t in ("sessions", "turns", "summary_items", "meta")
                  for r in conn.execute(f"SELECT DISTINCT owner_id FROM {t}")}
        assert owners == {"me"} and conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


@pytest.mark.postgres
def test_a_personal_file_comes_into_the_team_store_for_its_person(team_url: str) -> None:
    before = _digest(V1)
    op = Directory(team_url)
    ana = op.add("https://idp.test", "ana", name="Ana").id
    mo = op.add("https://idp.test", "mo", name="Mo", roles=["mentor"]).id
    op.link(ana, "mentor", mo)
    r = import_sqlite(V1, team_url, ana)
    assert (r.sessions, r.turns, r.items, r.bank, r.schema_before) == (2, 4, 2, 1, 1)
    assert _digest(V1) == before  # the person's own file is not changed
    s = PgStore(team_url, ana)
    assert [i.id for i in s.list_sessions()] == [PRIVATE, SHARED]
    turns = s.turns(SHARED)
    by_id = {t.id: t for t in turns}
    for item in s.summary_items(SHARED):  # every quote points at the new id of the statement it quotes
        for q in item.quotes:
            assert q.text in by_id[q.turn_id].text
    state = s.get_session(SHARED).state
    assert state["bedrock_candidates"][0]["turn_id"] in by_id
    assert sorted(s.unindexed_sessions()) == sorted([PRIVATE, SHARED])  # the memory indexes them on open
    doc = SharedWithMe(team_url, mo).shared(ana)
    assert [i["text"] for i in doc["items"]] == ["Lead the platform team", "Tools that people enjoy using"]
    assert "startup" not in json.dumps(doc)
    with pytest.raises(StoreError, match="already on the team server"):
        import_sqlite(V1, team_url, ana)
    assert len(s.turns(SHARED)) == 3 and len(s.list_sessions()) == 2  # nothing doubled


@pytest.mark.postgres
def test_a_team_database_from_a_newer_bedrock_is_refused(team_url: str) -> None:
    with get_pool(team_url).connection() as conn:
        conn.execute("UPDATE bedrock_schema SET version = 99")
    with pytest.raises(StoreError, match="newer Bedrock"):
        ensure_schema(get_pool(team_url), team_url)


@pytest.mark.postgres
def test_coach_admin_runs_the_team_from_the_command_line(team_url: str, coach_home: Path) -> None:
    env = {**os.environ, "COACH_HOME": str(coach_home), "COACH_DATABASE_URL": team_url,
           "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    coach = [sys.executable, "-m", "coach"]

    def run(*args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([*coach, "admin", *args], env=env, capture_output=True, text=True, timeout=120,
                              check=False)
        assert (done.returncode == 0) == ok, done.stderr + done.stdout
        return done

    assert "schema 2" in run("migrate").stdout
    run("add", "https://idp.test", "ana", "--name", "Ana", "--email", "ana@example.com")
    run("add", "https://idp.test", "sam", "--name", "Sam")
    failed = run("link", "ana@example.com", "--mentor", "sam", ok=False)
    assert "not a mentor" in failed.stderr and "Traceback" not in failed.stderr
    run("roles", "sam", "mentor", "manager")
    assert "Sam is now Ana's mentor." in run("link", "ana@example.com", "--mentor", "sam", "--manager", "sam").stdout
    team = json.loads(run("people", "--json").stdout)
    ana = next(p for p in team["people"] if p["subject"] == "ana")
    assert {(lk["relation"], lk["mentee"]) for lk in team["links"]} == {("mentor", ana["id"]), ("manager", ana["id"])}
    assert "Imported 2 session(s), 4 turn(s), 2 summary item(s)" in run("import", str(V1), "--person", "ana").stdout
    run("remove", "sam")
    log = json.loads(run("audit", "--json").stdout)
    assert [r["action"] for r in log][:3] == ["admin:remove", "admin:link", "admin:link"]
    assert all(r["actor_name"] == "operator (coach admin)" for r in log)
    unset = subprocess.run([*coach, "admin", "people"], env={**env, "COACH_DATABASE_URL": ""}, capture_output=True,
                           text=True, timeout=120, check=False)
    assert unset.returncode == 1 and "COACH_DATABASE_URL" in unset.stderr
