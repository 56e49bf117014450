"""Embedded vector memory: the registered embedding function and recovery from a broken folder.

The search/recall/forget contract itself is in test_chroma_server.py, run against both backends.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from chromadb.utils.embedding_functions import known_embedding_functions

from coach.config import Settings
from coach.store.embed import FAST_NAME, SHIPPED_NAME, Embedder, get_embedder, model_file
from coach.store.sql import Store
from coach.store.vectors import COLLECTION, BedrockEmbeddingFunction, VectorMemory, collection_name
from coach.types import ShareLevel

STATEMENTS = [
    "I love working on the hardest problems because it keeps me from getting bored",
    "I want to help people grow in their careers",
    "Money matters because I want my family to feel safe",
]


@pytest.fixture
def statements(store: Store) -> list[str]:
    """A mentor-shared session holding STATEMENTS in the shared store (conftest.py)."""
    session = store.create_session(ShareLevel.MENTOR)
    for text in STATEMENTS:
        store.add_turn(session.id, "mentee", text)
    return STATEMENTS


# Every test here starts from those statements in SQLite.
pytestmark = pytest.mark.usefixtures("statements")


@pytest.fixture(scope="module")
def shipped() -> Embedder:
    """The model file as the package ships it (what older Bedrock versions embedded with)."""
    return Embedder(model_file(), SHIPPED_NAME)


def _texts(memory: VectorMemory, query: str = "hard problems boredom") -> list[str]:
    return [h.text for h in memory.search(query, 3)]


def test_embedding_function_is_registered_without_paths() -> None:
    assert known_embedding_functions[BedrockEmbeddingFunction.name()] is BedrockEmbeddingFunction
    ef = BedrockEmbeddingFunction()
    config = ef.get_config()
    assert "/" not in json.dumps(config)
    rebuilt = BedrockEmbeddingFunction.build_from_config(config)
    vectors = rebuilt(["I love hard problems", "I want to help people"])
    assert len(vectors) == 2 and np.asarray(vectors[0]).shape == (384,)
    assert abs(float(np.linalg.norm(vectors[0])) - 1.0) < 1e-3
    assert not ef.is_legacy()


def test_collection_uses_cosine_and_names_the_function(settings: Settings, store: Store) -> None:
    memory = VectorMemory(settings, store=store)
    assert {c.name for c in memory._client.list_collections()} == {
        f"{COLLECTION}_private", f"{COLLECTION}_mentor", f"{COLLECTION}_manager"
    }
    for col in memory._cols.values():
        config = col.configuration_json
        assert config["hnsw"]["space"] == "cosine"
        assert config["embedding_function"]["name"] == "bedrock-minilm-int8"
    memory.close()


def test_missing_vector_folder_is_rebuilt_from_sqlite_on_open(settings: Settings, store: Store) -> None:
    assert not settings.vector_path.exists()
    memory = VectorMemory(settings, store=store)
    assert memory.count() == 3  # nothing was indexed by hand: rebuilt from SQLite
    assert _texts(memory)[0] == STATEMENTS[0]
    memory.close()


def test_folder_deleted_under_a_running_app_is_rebuilt(settings: Settings, store: Store) -> None:
    memory = VectorMemory(settings, store=store)
    shutil.rmtree(settings.vector_path)
    assert _texts(memory)[0] == STATEMENTS[0]
    session = store.list_sessions()[0]
    turn = store.add_turn(session.id, "mentee", "Autonomy is what I need most")
    memory.index(turn, store.get_session(session.id), None)
    assert memory.count() == 4
    memory.close()
    again = VectorMemory(settings, store=store)  # and it persisted on disk
    assert again.count() == 4
    again.close()


@pytest.mark.parametrize("running", [False, True], ids=["on-open", "while-running"])
def test_garbage_sqlite_file_is_rebuilt(settings: Settings, store: Store, running: bool) -> None:
    memory = VectorMemory(settings, store=store)
    if not running:
        memory.close()
    (settings.vector_path / "chroma.sqlite3").write_bytes(os.urandom(16384))
    if not running:
        memory = VectorMemory(settings, store=store)
    assert _texts(memory)[0] == STATEMENTS[0]
    assert memory.count() == 3
    memory.close()


def test_garbage_files_in_the_folder_are_rebuilt(settings: Settings, store: Store) -> None:
    VectorMemory(settings, store=store).close()
    for p in settings.vector_path.rglob("*"):
        if p.is_file():
            p.write_bytes(os.urandom(max(p.stat().st_size, 64)))
    memory = VectorMemory(settings, store=store)
    assert _texts(memory)[0] == STATEMENTS[0]
    memory.close()


def test_a_file_where_the_folder_should_be_is_replaced(settings: Settings, store: Store) -> None:
    settings.vector_path.write_text("not a folder")
    memory = VectorMemory(settings, store=store)
    assert memory.count() == 3
    memory.close()


def test_opens_its_own_store_when_none_is_given(settings: Settings, store: Store) -> None:
    memory = VectorMemory(settings)
    assert _texts(memory)[0] == STATEMENTS[0]
    memory.close()


def test_another_process_can_query_by_text_after_importing_the_module(settings: Settings, store: Store) -> None:
    """The collection names our registered function, so a plain chromadb client can rebuild it."""
    VectorMemory(settings, store=store).close()
    code = textwrap.dedent(
        f"""
        import chromadb
        import coach.store.vectors  # registers the embedding function
        client = chromadb.PersistentClient({str(settings.vector_path)!r},
                                           settings=chromadb.config.Settings(anonymized_telemetry=False))
        col = client.get_collection({collection_name(COLLECTION, ShareLevel.MENTOR)!r})
        print(col.query(query_texts=["hard problems boredom"], n_results=1)["documents"][0][0])
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         cwd=Path(__file__).parent.parent)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == STATEMENTS[0]


def test_statements_are_filed_by_the_share_sqlite_has_now(settings: Settings, store: Store) -> None:
    memory = VectorMemory(settings, store=store)
    assert (memory._cols[ShareLevel.MENTOR].count(), memory._cols[ShareLevel.PRIVATE].count()) == (3, 0)
    session = store.list_sessions()[0]
    stale = store.get_session(session.id)  # still says "mentor"
    store.set_share(session.id, ShareLevel.PRIVATE)
    memory.index(store.add_turn(session.id, "mentee", "Autonomy is what I need most"), stale, None)
    assert memory._cols[ShareLevel.PRIVATE].count() == 1  # not filed under the stale share
    store.forget_session(session.id)
    memory.index(store.add_turn(store.create_session().id, "mentee", "x y z"), stale, None)  # forgotten: skipped
    assert memory.count() == 4
    memory.close()


def test_forget_session_removes_it_from_every_collection(settings: Settings, store: Store) -> None:
    memory = VectorMemory(settings, store=store)
    mentor = store.list_sessions()[0]
    private = store.create_session(ShareLevel.PRIVATE)
    memory.index(store.add_turn(private.id, "mentee", "I love the hardest problems"), private, None)
    # a copy left in another collection (e.g. a move interrupted half-way) goes too
    row = memory._cols[ShareLevel.MENTOR].get(limit=1, include=["embeddings", "documents", "metadatas"])
    memory._cols[ShareLevel.MANAGER].upsert(ids=row["ids"], embeddings=row["embeddings"],
                                            documents=row["documents"], metadatas=row["metadatas"])
    assert memory.count() == 5
    store.forget_session(mentor.id)
    memory.forget_session(mentor.id)
    assert {lvl: col.count() for lvl, col in memory._cols.items()} == {
        ShareLevel.PRIVATE: 1, ShareLevel.MENTOR: 0, ShareLevel.MANAGER: 0
    }
    memory.forget_session(private.id)
    assert memory.count() == 0
    memory.close()


def test_an_interrupted_move_shows_each_statement_once(settings: Settings, store: Store) -> None:
    memory = VectorMemory(settings, store=store)
    row = memory._cols[ShareLevel.MENTOR].get(include=["embeddings", "documents", "metadatas"])
    memory._cols[ShareLevel.PRIVATE].upsert(ids=row["ids"], embeddings=row["embeddings"],
                                            documents=row["documents"], metadatas=row["metadatas"])
    assert [h.text for h in memory.search("hard problems boredom", 5)] == [
        h.text for h in memory.search("hard problems boredom", 5, audience=ShareLevel.MENTOR)
    ]
    assert len(memory.search("hard problems boredom", 5)) == 3
    memory.close()


def _legacy_store(settings: Settings, store: Store, embedder: Embedder) -> None:
    """What an older Bedrock left: one collection holding every share level, share in metadata."""
    import chromadb

    client = chromadb.PersistentClient(str(settings.vector_path), settings=chromadb.config.Settings(
        anonymized_telemetry=False, allow_reset=True))
    col = client.get_or_create_collection(COLLECTION, embedding_function=BedrockEmbeddingFunction(embedder),
                                          configuration={"hnsw": {"space": "cosine"}})
    for turn, session in store.iter_mentee_turns():
        col.upsert(ids=[f"turn-{turn.id}"], documents=[turn.text], embeddings=[embedder.embed_one(turn.text)],
                   metadatas=[{"session_id": session.id, "turn_id": turn.id, "date": turn.created_at[:10],
                               "created_at": turn.created_at, "motivations": "", "bedrock": False,
                               "share": session.share.value}])


def test_an_old_single_collection_layout_is_upgraded_on_open(
    settings: Settings, store: Store, shipped: Embedder
) -> None:
    mentor = store.list_sessions()[0]
    private = store.create_session(ShareLevel.PRIVATE)
    secret = store.add_turn(private.id, "mentee", "I secretly want to start my own company")
    gone = store.create_session(ShareLevel.MANAGER)
    store.add_turn(gone.id, "mentee", "I want to become head of design")
    _legacy_store(settings, store, shipped)
    store.set_share(mentor.id, ShareLevel.MANAGER)  # the old metadata says mentor: SQLite wins
    store.forget_session(gone.id)  # its stale vector must not come back

    memory = VectorMemory(settings, shipped, store=store)
    assert COLLECTION not in {c.name for c in memory._client.list_collections()}
    assert {lvl: col.count() for lvl, col in memory._cols.items()} == {
        ShareLevel.PRIVATE: 1, ShareLevel.MENTOR: 0, ShareLevel.MANAGER: 3
    }
    assert _texts(memory)[0] == STATEMENTS[0]
    assert [h.turn_id for h in memory.search("start my own company", 1)] == [secret.id]
    assert secret.id not in {h.turn_id for h in memory.search("start my own company", 10, audience=ShareLevel.MENTOR)}
    assert {h.share for h in memory.search("start my own company", 10, audience=ShareLevel.MANAGER)} == {
        ShareLevel.MANAGER
    }
    memory.close()
    again = VectorMemory(settings, shipped, store=store)  # upgraded once, on disk
    assert again.count() == 4
    again.close()


def test_an_old_layout_that_cannot_be_copied_is_rebuilt_from_sqlite(
    settings: Settings, store: Store, shipped: Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    _legacy_store(settings, store, shipped)
    import coach.store.chroma_schema as schema

    calls = {"n": 0}
    real = schema.upsert

    def fail_once(*args: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("copy failed")
        real(*args, **kwargs)

    monkeypatch.setattr(schema, "upsert", fail_once)
    memory = VectorMemory(settings, shipped, store=store)
    assert calls["n"] >= 2  # the copy failed, then the rebuild from SQLite wrote
    assert COLLECTION not in {c.name for c in memory._client.list_collections()}
    assert memory._cols[ShareLevel.MENTOR].count() == 3
    assert _texts(memory)[0] == STATEMENTS[0]
    memory.close()


def test_recall_looks_past_many_statements_of_the_current_session(settings: Settings, store: Store) -> None:
    """The current session's own words are usually the closest: they are skipped, not counted."""
    memory = VectorMemory(settings, store=store)
    now = store.create_session(ShareLevel.MENTOR)
    rows = [(store.add_turn(now.id, "mentee", f"I love working on the hardest problems, version {i}"), now, None)
            for i in range(60)]
    memory.index_many(rows)
    hit = memory.recall("I love working on the hardest problems because it keeps me from getting bored", now.id)
    assert hit is not None and hit.text == STATEMENTS[0]
    memory.close()


def test_forget_also_drops_remembered_vectors_of_its_words(settings: Settings, store: Store) -> None:
    memory = VectorMemory(settings, store=store)
    session = store.list_sessions()[0]
    memory.search(STATEMENTS[1], 1)
    assert STATEMENTS[1] in memory._recent
    store.forget_session(session.id)
    memory.forget_session(session.id)
    assert not memory._recent and memory.count() == 0
    memory.close()


def _stored_vector(memory: VectorMemory, text: str) -> np.ndarray:
    got = memory._cols[ShareLevel.MENTOR].get(include=["embeddings", "documents"])
    return np.asarray(got["embeddings"][got["documents"].index(text)])


def test_a_store_made_by_another_embedding_model_is_re_embedded(
    settings: Settings, store: Store, shipped: Embedder
) -> None:
    fast = get_embedder()
    if fast.name != FAST_NAME:
        pytest.skip("the int8 copy of the model could not be built here (no onnx)")
    old = VectorMemory(settings, shipped, store=store)
    assert np.allclose(_stored_vector(old, STATEMENTS[1]), shipped.embed_one(STATEMENTS[1]), atol=1e-5)
    old.close()

    memory = VectorMemory(settings, fast, store=store)
    assert memory.count() == 3
    assert np.allclose(_stored_vector(memory, STATEMENTS[1]), fast.embed_one(STATEMENTS[1]), atol=1e-5)
    assert not np.allclose(shipped.embed_one(STATEMENTS[1]), fast.embed_one(STATEMENTS[1]), atol=1e-5)
    assert _texts(memory)[0] == STATEMENTS[0]
    memory.close()


def test_an_old_layout_from_the_shipped_model_is_re_embedded_by_the_fast_one(
    settings: Settings, store: Store, shipped: Embedder
) -> None:
    fast = get_embedder()
    if fast.name != FAST_NAME:
        pytest.skip("the int8 copy of the model could not be built here (no onnx)")
    _legacy_store(settings, store, shipped)
    memory = VectorMemory(settings, fast, store=store)
    assert COLLECTION not in {c.name for c in memory._client.list_collections()}
    assert np.allclose(_stored_vector(memory, STATEMENTS[2]), fast.embed_one(STATEMENTS[2]), atol=1e-5)
    memory.close()
