"""Forget that forgets: real `coach` processes, a canary word, and every byte of the data folder.

A private session says a canary word; it is indexed by the vector memory (chromadb); then it is
forgotten - plainly, with --all, killed with SIGKILL half-way, and while `coach reindex` runs in
another process. Afterwards no file under COACH_HOME may contain the canary: not the SQLite file,
its WAL, chromadb's SQLite (whose embeddings queue and full-text index kept statements), nor any
index folder.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coach.store.sql import Store

pytestmark = pytest.mark.slow  # every test here runs fresh `coach` processes

CANARY = "zebrafinchcanary"
UUID_DIR = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def coach(*args: str, home: Path, input: str | None = None, check: bool = True,
          timeout: float = 240) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, COACH_HOME=str(home), COACH_BACKEND="offline")
    proc = subprocess.run([sys.executable, "-m", "coach", *args], env=env, input=input, text=True,
                          capture_output=True, timeout=timeout)
    if check:
        assert proc.returncode == 0, proc.stderr + proc.stdout
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def spawn(*args: str, home: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, COACH_HOME=str(home), COACH_BACKEND="offline")
    return subprocess.Popen([sys.executable, "-m", "coach", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def files_with(home: Path, word: str) -> list[str]:
    """Every file under `home` holding `word` anywhere in its bytes."""
    needle = word.encode()
    return sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.is_file() and needle in p.read_bytes())


def canary_session(home: Path, *, share: str = "private") -> str:
    script = (f"I keep thinking about the {CANARY} project, I want to lead something like it.\n"
              f"Honestly the {CANARY} team is where I feel most alive at work.\n")
    out = coach("chat", "--script", "-", "--json", "--share", share, home=home, input=script).stdout
    import json

    return json.loads(out)["session_id"]


def indexed(home: Path) -> None:
    """Open the vector memory (as any chat, the app or a search does), so the statements are in it."""
    coach("search", "project I want to lead", home=home)
    assert any("chroma.sqlite3" in f for f in files_with(home, CANARY)), "the canary never reached chromadb"


def pending(home: Path) -> list[str]:
    with Store(home / "bedrock.sqlite3") as store:
        return store.pending_forgets()


@pytest.fixture
def home(coach_home: Path) -> Path:
    return coach_home


def test_forget_a_session_leaves_no_byte_of_it(home: Path) -> None:
    sid = canary_session(home)
    other = coach("chat", "--script", "-", "--json", home=home, input="I love hard problems\n").stdout
    indexed(home)
    out = coach("forget", sid, "--yes", home=home).stdout
    assert f"Forgot session {sid}" in out
    assert files_with(home, CANARY) == []
    assert pending(home) == []
    # the other session is untouched, and still searchable
    assert "hard problems" in coach("search", "hard problems", home=home).stdout
    assert other


def test_forget_all_leaves_no_byte_and_no_orphaned_index_folder(home: Path) -> None:
    canary_session(home)
    canary_session(home, share="mentor")
    indexed(home)
    assert "Forgot 2 sessions" in coach("forget", "--all", "--yes", home=home).stdout
    assert files_with(home, CANARY) == []
    db = sqlite3.connect(home / "vectors" / "chroma.sqlite3")
    live = {r[0] for r in db.execute("SELECT id FROM segments WHERE scope = 'VECTOR'")}
    db.close()
    folders = {p.name for p in (home / "vectors").iterdir() if p.is_dir() and UUID_DIR.match(p.name)}
    assert folders <= live, f"orphaned index folders: {folders - live}"


def _kill_after_sqlite_half(home: Path, sid: str) -> None:
    """Start `coach forget`, and SIGKILL it as soon as SQLite has forgotten (before chromadb has)."""
    proc = spawn("forget", sid, "--yes", home=home)
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"forget finished before it could be killed: {proc.stderr.read()}")
            try:
                if f"session:{sid}" in pending(home):
                    break
            except Exception:  # noqa: BLE001 - the store is being written: look again
                pass
            time.sleep(0.005)
        else:
            pytest.fail("forget never reached its SQLite half")
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        proc.stderr.close()


@pytest.mark.parametrize("finisher", ["forget again", "restart", "reindex"])
def test_forget_killed_half_way_is_finished_later(home: Path, finisher: str) -> None:
    sid = canary_session(home)
    indexed(home)
    _kill_after_sqlite_half(home, sid)
    assert pending(home) == [f"session:{sid}"]  # the tombstone survived the kill
    assert "bedrock.sqlite3" not in files_with(home, CANARY)  # the SQLite half is complete
    if finisher == "forget again":
        out = coach("forget", sid, "--yes", home=home).stdout  # not "No session"
        assert f"Finished forgetting session {sid}" in out
    elif finisher == "restart":
        coach("search", "anything at all", home=home)  # any process that opens the memory
    else:
        coach("reindex", home=home)
    assert pending(home) == []
    assert files_with(home, CANARY) == []


def test_forget_while_reindex_runs_in_another_process(home: Path) -> None:
    # Enough statements that the reindex embeds for a few seconds; the canary session among them.
    from coach.config import load_settings
    from coach.store.vectors import VectorMemory

    settings = load_settings({"COACH_HOME": str(home)})
    with Store(settings.db_path) as store:
        VectorMemory(settings, store=store).close()  # an empty, complete index: reindex only resets it
        for n in range(6):
            s = store.create_session()
            for i in range(150):
                store.add_turn(s.id, "mentee", f"Statement {i} of session {n}: I would like more say in how we plan.")
        canary = store.create_session()
        store.add_turn(canary.id, "mentee", f"The {CANARY} team is where I feel most alive.")
        for i in range(150):
            store.add_turn(canary.id, "mentee", f"Filler {i}: the {CANARY} thing again, in other words.")
    chroma = home / "vectors" / "chroma.sqlite3"

    def collection_ids() -> set[str]:
        db = sqlite3.connect(chroma, timeout=30)
        try:
            return {r[0] for r in db.execute("SELECT id FROM collections")}
        finally:
            db.close()

    before = collection_ids()
    reindex = spawn("reindex", home=home)
    try:
        deadline = time.monotonic() + 120
        while collection_ids() == before:  # the reindex has reset the index and is embedding now
            assert reindex.poll() is None, reindex.stderr.read()
            assert time.monotonic() < deadline, "reindex never started"
            time.sleep(0.05)
        coach("forget", canary.id, "--yes", home=home)
        assert reindex.poll() is None, "the reindex ended before the forget: the race was not exercised"
        _out, err = reindex.communicate(timeout=300)
    finally:
        if reindex.poll() is None:
            reindex.kill()
    assert reindex.returncode == 0 and "Traceback" not in err, err
    assert files_with(home, CANARY) == []
    assert pending(home) == []


def test_forget_one_statement_from_coach_memory(home: Path) -> None:
    sid = canary_session(home)
    indexed(home)
    listing = coach("memory", "--kind", "statement", home=home).stdout
    keys = re.findall(r"\[(statement:\d+)\]", listing)
    assert len(keys) == 2 and CANARY in listing and "Seen by: you." in listing
    for key in keys:
        assert "Forgot" in coach("memory", "forget", key, "--yes", home=home).stdout
    assert files_with(home, CANARY) == []
    with Store(home / "bedrock.sqlite3") as store:
        assert store.mentee_turns(sid) == []
        assert store.summary_items(sid) == []  # every item quoted only those statements
