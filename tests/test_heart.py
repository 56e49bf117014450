"""The heart model: which sentence of a message carries its point (coach/analyze/heart.py), and the offline
voice saying that sentence back rather than the first or last one."""

from __future__ import annotations

import numpy as np
import pytest

from coach.analyze import Analyzer, heart
from coach.realize import source


def test_form_has_one_row_per_sentence_and_the_fixed_width() -> None:
    x = heart.form(["hi.", "I am tired of it, honestly!", "Is that normal?"])
    assert x.shape == (3, heart.N_FORM)
    assert x[0, 0] == 1 and x[2, 1] == 1  # first, last
    assert x[2, 7] == 1  # a question


def test_weights_are_one_per_sentence_and_zero_without_the_model(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    sents = ["I work nights.", "I miss my kids."]
    vecs = np.zeros((2, 384), dtype=np.float32)
    assert len(heart.weights(sents, vecs)) == 2
    assert heart.weights(sents, vecs[:1]) == [0.0, 0.0]  # vectors that do not match are no evidence
    monkeypatch.setattr(heart, "MODEL_FILE", tmp_path / "missing.npz")
    heart._model.cache_clear()
    try:
        assert heart.weights(sents, vecs) == [0.0, 0.0]
    finally:
        monkeypatch.undo()
        heart._model.cache_clear()


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def test_the_analysis_weighs_each_sentence(analyzer: Analyzer) -> None:
    a = analyzer.analyze("ok so. I drive a forklift at a cold store in Hull. Since my dad died I can't face the night shifts.")
    assert set(a.hearing.heart) == {"ok so.", "I drive a forklift at a cold store in Hull.",
                                    "Since my dad died I can't face the night shifts."}
    one = analyzer.analyze("I drive a forklift.")
    assert one.hearing.heart == {}  # one sentence: nothing to choose between


@pytest.mark.parametrize("text, heart_of_it", [
    # the hand rules alone said back the last sentence in the first person: "I have been there six years."
    ("The new rota means I never see my daughter awake and it's breaking me. I work on a cardiac ward in Cork. "
     "I have been there six years.", "daughter|breaking"),
    # and here "I'm on lates this week."
    ("My manager says I should go for the regional role. She has been good to me. I don't want to leave the floor, "
     "the floor is where I'm any use. I'm on lates this week.", "floor|any use"),
])
def test_the_offline_voice_says_back_the_sentence_that_carries_the_point(analyzer: Analyzer, text: str, heart_of_it: str) -> None:
    import re
    chosen = source._source_sentence(analyzer.analyze(text))
    assert re.search(heart_of_it, chosen, re.I), chosen


def test_the_shipped_model_was_fitted_on_the_readers_labels() -> None:
    """coach/data/heart.npz records what it was fitted on: retrain (python -m coach.analyze.heart_train) when
    data/heart/labels.jsonl changes."""
    from coach.analyze import heart_train

    rows = heart_train.examples()
    assert len(rows) > 1000
    with np.load(heart.MODEL_FILE) as z:
        assert str(z["data_sha256"]) == heart_train.data_digest(rows)
