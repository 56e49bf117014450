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
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from chromadb.utils.embedding_functions import known_embedding_functions

from coach.config import Settings, load_settings
from coach.store.sql import Store
from coach.store.vectors import COLLECTION, BedrockEmbeddingFunction, VectorMemory
from coach.types import ShareLevel

STATEMENTS = [
    "I love working on the hardest problems because it keeps me from getting bored",
    "I want to help people grow in their careers",
    "Money matters because I want my family to feel safe",
]


@pytest.fixture
def settings(coach_home: Path) -> Settings:
    return load_settings({"COACH_HOME": str(coach_home)})


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    s = Store(settings.db_path)
    session = s.create_session(ShareLevel.MENTOR)
    for text in STATEMENTS:
        s.add_turn(session.id, "mentee", text)
    yield s
    s.close()


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
    config = memory._col.configuration_json
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
        col = client.get_collection({COLLECTION!r})
        print(col.query(query_texts=["hard problems boredom"], n_results=1)["documents"][0][0])
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         cwd=Path(__file__).parent.parent)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == STATEMENTS[0]
