"""The vector memory contract, run against embedded chromadb and a real `chroma run` server.

The server is the shared `chroma_server` fixture (tests/conftest.py: started once per run on a free
loopback port, polled on /api/v2/heartbeat, stopped with SIGTERM). Only the server-backed cases
carry the `chroma_server` marker, so `-m "not chroma_server"` still runs the embedded half.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.config import Settings, load_settings
from coach.store.sql import Store
from coach.store.vectors import RECALL_THRESHOLD, VectorMemory
from coach.types import Analysis, Evidence, Kind, Motivation, MotivationHit, ShareLevel


@pytest.fixture(params=["embedded", pytest.param("server", marks=pytest.mark.chroma_server)])
def backend(request: pytest.FixtureRequest, coach_home: Path) -> Iterator[tuple[Settings, Store, VectorMemory]]:
    env = dict(os.environ)
    if request.param == "server":
        env["COACH_CHROMA_URL"] = request.getfixturevalue("chroma_server")
    settings = load_settings(env)
    store = Store(settings.db_path)
    # One server serves every test: a collection per test keeps them apart.
    memory = VectorMemory(settings, store=store, collection=f"t_{uuid.uuid4().hex[:12]}")
    yield settings, store, memory
    if request.param == "server":
        memory.reset()
    memory.close()
    store.close()


def _say(store: Store, memory: VectorMemory, session, text: str, analysis: Analysis | None = None):
    turn = store.add_turn(session.id, "mentee", text, analysis=analysis)
    memory.index(turn, session, analysis)
    return turn


def test_search_finds_by_meaning_with_metadata(backend) -> None:
    _settings, store, memory = backend
    s = store.create_session()
    hard = _say(store, memory, s, "I love working on the hardest problems because otherwise I get bored",
                Analysis(text="", kinds=[Kind.BEDROCK], motivations=[
                    MotivationHit(Motivation.GROWTH, 0.9, Evidence("hardest problems"))]))
    _say(store, memory, s, "My family needs a bigger house, so money matters")
    _say(store, memory, s, "I enjoy helping new colleagues find their feet")
    hits = memory.search("the hardest problems keep me from getting bored", 2)
    assert next(h.turn_id for h in hits) == hard.id
    assert hits[0].score > hits[1].score and 0 < hits[0].score <= 1
    assert (hits[0].session_id, hits[0].share, hits[0].date) == (s.id, ShareLevel.PRIVATE, hard.created_at[:10])
    got = memory._cols[ShareLevel.PRIVATE].get(ids=[f"turn-{hard.id}"], include=["metadatas"])["metadatas"][0]
    assert got["motivations"] == "growth" and got["bedrock"] is True and got["share"] == "private"
    assert got["turn_id"] == hard.id and got["session_id"] == s.id


def test_upsert_is_idempotent_and_coach_and_crisis_turns_are_skipped(backend) -> None:
    _, store, memory = backend
    s = store.create_session()
    t = _say(store, memory, s, "I want to grow as an engineer")
    memory.index(t, s, None)
    memory.index(store.add_turn(s.id, "coach", "What would growing give you?"), s, None)
    crisis = Analysis(text="", kinds=[Kind.CRISIS])
    _say(store, memory, s, "I can't go on like this", crisis)
    assert memory.count() == 1


def test_mentor_search_never_returns_private_statements(backend) -> None:
    _, store, memory = backend
    private = store.create_session(ShareLevel.PRIVATE)
    mentor = store.create_session(ShareLevel.MENTOR)
    manager = store.create_session(ShareLevel.MANAGER)
    _say(store, memory, private, "I secretly want to leave and start my own company")
    _say(store, memory, mentor, "I want to start something of my own one day")
    _say(store, memory, manager, "Starting a new team inside the company excites me")
    seen = {h.share for h in memory.search("start my own company", 10, audience=ShareLevel.MENTOR)}
    assert seen == {ShareLevel.MENTOR, ShareLevel.MANAGER}
    assert {h.share for h in memory.search("start my own company", 10, audience=ShareLevel.MANAGER)} == {
        ShareLevel.MANAGER
    }
    assert len(memory.search("start my own company", 10)) == 3
    assert {h.session_id for h in memory.search("start my own company", 10, exclude_session=mentor.id)} == {
        private.id, manager.id
    }


def test_making_a_session_private_hides_it_at_once(backend) -> None:
    _, store, memory = backend
    s = store.create_session(ShareLevel.MENTOR)
    _say(store, memory, s, "I want more influence over the roadmap")
    assert memory.search("influence roadmap", 3, audience=ShareLevel.MENTOR)
    store.set_share(s.id, ShareLevel.PRIVATE)  # SQLite is checked even before the vectors catch up
    assert memory.search("influence roadmap", 3, audience=ShareLevel.MENTOR) == []
    memory.set_share(s.id, ShareLevel.PRIVATE)
    got = memory._cols[ShareLevel.PRIVATE].get(where={"session_id": s.id}, include=["metadatas"])
    assert [m["share"] for m in got["metadatas"]] == ["private"]
    assert memory._cols[ShareLevel.MENTOR].count() == 0


def test_set_share_moves_a_session_between_collections_and_back(backend) -> None:
    _, store, memory = backend
    s = store.create_session(ShareLevel.PRIVATE)
    said = _say(store, memory, s, "I want more influence over the roadmap")
    _say(store, memory, s, "Mentoring juniors gives me energy")
    assert memory.search("influence roadmap", 3, audience=ShareLevel.MENTOR) == []
    store.set_share(s.id, ShareLevel.MENTOR)
    memory.set_share(s.id, ShareLevel.MENTOR)
    hits = memory.search("influence roadmap", 3, audience=ShareLevel.MENTOR)
    assert hits[0].turn_id == said.id and hits[0].share is ShareLevel.MENTOR and hits[0].score > 0.5
    assert memory.search("influence roadmap", 3, audience=ShareLevel.MANAGER) == []
    assert (memory._cols[ShareLevel.PRIVATE].count(), memory._cols[ShareLevel.MENTOR].count()) == (0, 2)
    store.set_share(s.id, ShareLevel.PRIVATE)
    memory.set_share(s.id, ShareLevel.PRIVATE)
    assert memory.search("influence roadmap", 3, audience=ShareLevel.MENTOR) == []
    assert (memory._cols[ShareLevel.PRIVATE].count(), memory._cols[ShareLevel.MENTOR].count()) == (2, 0)
    assert memory.search("influence roadmap", 1)[0].turn_id == said.id  # moved as is, still found
    assert memory.count() == 2


def test_recall_comes_from_another_session_above_the_threshold(backend) -> None:
    _, store, memory = backend
    old = store.create_session()
    now = store.create_session()
    said = _say(store, memory, old, "I love working on the hardest problems because it keeps me from getting bored")
    _say(store, memory, now, "I love working on the hardest problems, it keeps me from being bored")
    hit = memory.recall("Hard problems are what keep me from getting bored", now.id)
    assert hit is not None and hit.turn_id == said.id and hit.score >= RECALL_THRESHOLD
    assert memory.recall("My commute is long and the coffee is bad", now.id) is None
    assert memory.recall("Hard problems keep me from getting bored", old.id) is not None  # now's statement
    lonely = store.create_session()
    assert memory.recall("Hard problems keep me from getting bored", lonely.id) is not None


def test_recall_never_brings_private_words_into_a_shared_session(backend) -> None:
    _, store, memory = backend
    private = store.create_session(ShareLevel.PRIVATE)
    shared = store.create_session(ShareLevel.MENTOR)
    _say(store, memory, private, "I love working on the hardest problems because it keeps me from getting bored")
    assert memory.recall("the hardest problems keep me from getting bored", shared.id) is None
    assert memory.recall("the hardest problems keep me from getting bored", "unknown-session") is None


def test_forget_session_removes_it_from_search(backend) -> None:
    _, store, memory = backend
    keep = store.create_session()
    gone = store.create_session()
    _say(store, memory, keep, "I like mentoring juniors")
    _say(store, memory, gone, "I want to become head of design")
    store.forget_session(gone.id)
    memory.forget_session(gone.id)
    assert [h.session_id for h in memory.search("head of design", 5)] == [keep.id]
    assert memory.count() == 1


def test_forgotten_in_sqlite_is_hidden_even_if_vectors_are_stale(backend) -> None:
    _, store, memory = backend
    gone = store.create_session()
    _say(store, memory, gone, "I want to become head of design")
    store.forget_session(gone.id)  # the vector delete "failed"
    assert memory.search("head of design", 5) == []


def test_reindex_rebuilds_from_sqlite(backend) -> None:
    _, store, memory = backend
    a = store.create_session()
    b = store.create_session(ShareLevel.MENTOR)
    for text in ("I want autonomy", "Money matters for my kids"):
        store.add_turn(a.id, "mentee", text)
    store.add_turn(a.id, "coach", "What would autonomy give you?")
    store.add_turn(b.id, "mentee", "Recognition from peers matters", analysis={"text": "", "kinds": ["bedrock"]})
    store.add_turn(b.id, "mentee", "idk", analysis={"text": "idk", "kinds": ["low_effort"]})
    assert memory.count() == 0
    assert memory.reindex(store) == 3
    assert memory.count() == 3
    assert memory.search("recognition", 1, audience=ShareLevel.MENTOR)[0].text == "Recognition from peers matters"
    memory.reset()
    assert memory.count() == 0
