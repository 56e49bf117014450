"""The offline embedder: the int8 copy of the shipped model agrees with it and is the default."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from coach.store import quantize
from coach.store.embed import FAST_NAME, SHIPPED_NAME, Embedder, get_embedder, model_file

SENTENCES = [
    "I want to lead the platform team because I want a say in the direction.",
    "Mentoring new colleagues gives me energy.",
    "Money matters for my kids.",
    "I'd take the job of whoever runs design, since I like explaining things.",
    "Honestly, debugging production issues drains me.",
    "Deep down I want my work to matter to someone.",
]


@pytest.fixture(scope="module")
def shipped() -> Embedder:
    return Embedder(model_file(), SHIPPED_NAME)


def test_the_fast_copy_is_used_by_default_and_agrees_with_the_shipped_model(shipped: Embedder) -> None:
    fast = get_embedder()
    if fast.name != FAST_NAME:
        pytest.skip("the int8 copy could not be built here (onnx missing)")
    a, b = fast.embed(SENTENCES), shipped.embed(SENTENCES)
    assert a.shape == b.shape == (len(SENTENCES), 384)
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-4)
    agreement = (a * b).sum(axis=1)
    assert agreement.min() > 0.97, agreement
    assert not np.allclose(a, b, atol=1e-4)  # it really is another model file
    # Which sentence is nearest to which is what memory and the analyzer rely on: it must not change.
    assert ((a @ a.T).argsort(axis=1)[:, -2] == (b @ b.T).argsort(axis=1)[:, -2]).all()


def test_building_the_copy_is_cached_and_named_by_versions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("onnx")
    monkeypatch.setenv("COACH_MODEL_CACHE", str(tmp_path / "cache"))
    path = quantize.ensure_fast_model(model_file())
    assert path is not None and path.parent == tmp_path / "cache"
    assert "ort" in path.name and path.stat().st_size > 1_000_000
    mtime = path.stat().st_mtime_ns
    assert quantize.ensure_fast_model(model_file()) == path and path.stat().st_mtime_ns == mtime  # not rebuilt
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [path.name]  # no temp files left behind


def test_an_unwritable_cache_falls_back_to_the_shipped_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("COACH_MODEL_CACHE", str(blocker / "cache"))
    assert quantize.ensure_fast_model(model_file()) is None
    embedder = Embedder()
    assert embedder.name == SHIPPED_NAME and embedder.model_path == model_file()
    assert embedder.embed_one("I like hard problems").shape == (384,)


def test_coach_embedder_shipped_forces_the_shipped_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_EMBEDDER", "shipped")
    assert Embedder().name == SHIPPED_NAME


@pytest.mark.parametrize("which", ["fast", "shipped"])
def test_a_sentence_gets_the_same_vector_alone_or_among_others(which: str, shipped: Embedder) -> None:
    embedder = get_embedder() if which == "fast" else shipped
    together = embedder.embed(SENTENCES)
    for i, text in enumerate(SENTENCES):
        assert np.allclose(together[i], embedder.embed_one(text), atol=1e-5), text


def test_many_sentences_embed_in_parallel_with_the_same_vectors_in_order() -> None:
    from coach.store import embed as E

    embedder = get_embedder()
    texts = [f"{s} ({i})" for i, s in enumerate(SENTENCES * 4)]  # 24: above PARALLEL_FROM
    assert len(texts) >= E.PARALLEL_FROM
    together = embedder.embed(texts)
    assert together.shape == (len(texts), 384)
    for i in (0, 7, 13, len(texts) - 1):
        assert np.allclose(together[i], embedder.embed_one(texts[i]), atol=1e-5), texts[i]
