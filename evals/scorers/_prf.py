"""The classification scorer `prf(gold, pred, labels)`: precision, recall and F1 per label, macro-F1."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def prf(gold: Sequence[Iterable[str]], pred: Sequence[Iterable[str]], labels: Sequence[str]) -> dict[str, dict[str, float]]:
    """Per-label precision / recall / F1 / support for multi-label data, plus 'macro' (mean of F1)."""
    out: dict[str, dict[str, float]] = {}
    gold_sets = [set(g) for g in gold]
    pred_sets = [set(p) for p in pred]
    for label in labels:
        tp = sum(1 for g, p in zip(gold_sets, pred_sets, strict=True) if label in g and label in p)
        fp = sum(1 for g, p in zip(gold_sets, pred_sets, strict=True) if label not in g and label in p)
        fn = sum(1 for g, p in zip(gold_sets, pred_sets, strict=True) if label in g and label not in p)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[label] = {"precision": precision, "recall": recall, "f1": f1, "support": float(tp + fn),
                      "tp": float(tp), "fp": float(fp), "fn": float(fn)}
    supported = [out[lab]["f1"] for lab in labels if out[lab]["support"]]
    out["macro"] = {"f1": sum(supported) / len(supported) if supported else 0.0}
    return out
