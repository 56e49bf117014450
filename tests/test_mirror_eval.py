"""The mirror eval suite: its dataset keeps its rules (size, held-out share, every label), the
ranking statistic is right, and the suite runs end to end and reports the held-out part apart."""

from __future__ import annotations

from collections import Counter

import pytest

from evals import datasets, suites


def test_mirror_dataset_is_valid_and_held_out():
    rows = datasets.load("mirror")
    assert datasets.validate("mirror", rows) == []
    turns = [(r.split, t) for r in rows for t in r.turns if t.speaker == r.mentor]
    assert len(rows) >= 20 and len(turns) >= 400
    held = sum(split == "heldout" for split, _ in turns)
    assert held >= 0.3 * len(turns)
    styles = Counter(r.style for r in rows)
    assert {"good_mentor", "advice_heavy", "interrogator", "rambler"} <= set(styles)
    assert len({r.domain for r in rows}) >= 10  # many voices, not one workplace


def test_a_mentee_turn_with_labels_is_rejected(tmp_path):
    bad = tmp_path / "m.jsonl"
    bad.write_text('{"id": "x", "style": "s", "split": "dev", "mentor": "A", "turns": ['
                   '{"speaker": "A", "text": "Hi?", "labels": ["closed_question"]}, {"speaker": "B", "text": "Yo", "labels": ["other"]},'
                   '{"speaker": "A", "text": "Ok.", "labels": ["other"]}, {"speaker": "B", "text": "Bye", "labels": []}]}\n')
    with pytest.raises(datasets.DatasetError, match="mentee turn must not carry labels"):
        datasets.load("mirror", bad)


@pytest.mark.parametrize(
    ("xs", "ys", "rho"),
    [([1, 2, 3, 4], [10, 20, 30, 40], 1.0), ([1, 2, 3, 4], [4, 3, 2, 1], -1.0), ([1, 2, 2, 3], [1, 2, 2, 3], 1.0)],
)
def test_spearman(xs, ys, rho):
    assert suites.spearman(xs, ys) == pytest.approx(rho)


def test_spearman_with_ties_matches_the_textbook():
    # ranks x: 1, 2.5, 2.5, 4; y: 1, 2, 3, 4 -> Pearson of the ranks
    assert suites.spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(0.9486833, abs=1e-6)


def test_rq_ratio_counts_turns_and_smooths():
    assert suites.rq_ratio([["complex_reflection"], ["open_question"], ["simple_reflection", "closed_question"]]) == 2.5 / 2.5
    assert suites.rq_ratio([["advice"]]) == 1.0


def test_suite_runs_and_reports_the_held_out_part(tmp_path):
    from coach.config import load_settings

    ctx = suites.EvalContext(load_settings({"COACH_HOME": str(tmp_path)}))
    res = suites.run_suite("mirror", ctx, suites.load_thresholds())
    assert res.status == "ok", res.error
    assert res.samples == len(datasets.load("mirror"))
    for key in ("heldout_behaviour_macro_f1", "heldout_advice_precision", "heldout_advice_recall", "heldout_rq_spearman",
                "dev_behaviour_macro_f1", "behaviour_macro_f1", "heldout_open_question_precision"):
        assert 0.0 <= res.metrics[key] <= 1.0 or key.endswith("spearman")
    assert {c["metric"] for c in res.checks} == {"heldout_behaviour_macro_f1", "heldout_advice_recall",
                                                  "heldout_advice_precision", "heldout_rq_spearman"}
