"""Fit the heart model (coach/analyze/heart.py): which sentence of a message carries its point.

    python -m coach.analyze.heart_train            # writes coach/data/heart.npz, prints the figures
    python -m coach.analyze.heart_train --report   # the figures only

Data: data/heart/labels.jsonl, 1,424 mentee messages of two or more sentences from the dev conversations of
tests/conversations, each labelled by a reader who saw the message (and the one before it), never the coach's
reply or its code, with the sentence a good listener would say back (`heart`), the next best (`second`), and
the words they would keep (`phrase`); data/heart/INSTRUCTIONS.md is what the readers were told. Holdout
conversations were not labelled. scikit-learn is needed here, never at run time.

A first model (5da7792, reverted) was fitted on another target: the sentences a conversation's writer named
in `expect.any`. Those patterns name content words, so it learned to prefer the sentence with the most nouns,
and a blind read of new conversations rated its replies worse (docs/blind-read-batch14.md). These labels ask
the question the chooser answers.

Figures, 5-fold by conversation (a conversation's messages never split across folds), at the first fit
(2026-12-07; 1,282 messages with a heart, 284 conversations; "heart" = the top sentence is the reader's,
"or second" = it is their first or second choice):
- always the last sentence: 0.448 / 0.829; the hand rules of coach/realize/source.py alone, as the whole
  chooser: 0.550 / 0.852;
- this model alone (logistic regression on the MiniLM vector and the plain features of heart.form): 0.656-0.664
  / 0.910-0.913 for C 0.001-0.1 (C 0.003 kept); the plain features alone 0.607; the vector's difference from the
  message's mean beside or instead of it 0.649 / 0.657; a conditional logit (softmax over a message's sentences)
  0.635-0.665; the reader's second choice as a weaker positive (weight 0.3, 0.6) 0.634 / 0.630;
- the whole chooser with it (coach/realize/source.py: the model's choice among every sentence of three words or
  more, and over a motivation's sentence by a margin of 0.5): 0.643 / 0.905;
- a second reader, labelling 200 of the messages without seeing the first labels, picked one of the first
  reader's hearts for 0.912 of the 182 both gave one: the labels are consistent (both readers are the same
  kind of model, so this is an upper bound on human agreement, not an estimate of it).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

from coach.analyze.heart import MODEL_FILE, form

ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "data" / "heart" / "labels.jsonl"
C = 0.003
SECOND_WEIGHT = 0.0  # the reader's second choice, as a weaker positive (0 = a negative like any other)


def examples(path: Path = LABELS) -> list[dict[str, Any]]:
    """Messages with a sentence to choose: two or more sentences and a heart the reader named."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        sents = d["sentences"]
        if len(sents) < 2 or not d["heart"]:
            continue
        heart = {int(i) - 1 for i in d["heart"]}
        second = int(d["second"]) - 1 if d.get("second") else -1
        out.append({"cid": d["key"].rsplit(":", 1)[0], "sents": sents, "heart": heart, "second": second})
    return out


def data_digest(rows: list[dict[str, Any]]) -> str:
    """What the model was fitted on, as a digest (tests/test_heart.py compares it with the shipped file)."""
    return hashlib.sha256(json.dumps([[r["cid"], r["sents"], sorted(r["heart"])] for r in rows], ensure_ascii=False).encode()).hexdigest()


def _matrix(rows: list[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    from coach.store.embed import get_embedder

    emb = get_embedder()
    xs, ys, ws, gs = [], [], [], []
    for k, r in enumerate(rows):
        xs.append(np.hstack([form(r["sents"]), emb.embed(r["sents"])]))
        for j in range(len(r["sents"])):
            pos = j in r["heart"]
            sec = j == r["second"] and SECOND_WEIGHT > 0
            ys.append(int(pos or sec))
            ws.append(1.0 if pos or not sec else SECOND_WEIGHT)
        gs += [k] * len(r["sents"])
    return np.vstack(xs), np.asarray(ys), np.asarray(ws), np.asarray(gs)


def _fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, c: float = C) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    sc = StandardScaler().fit(x)
    lr = LogisticRegression(C=c, max_iter=3000).fit(sc.transform(x), y, sample_weight=w)
    coef = lr.coef_[0] / sc.scale_  # folded: the model reads raw features
    return coef.astype(np.float32), float(lr.intercept_[0] - np.sum(lr.coef_[0] * sc.mean_ / sc.scale_))


def _scores(rows: list[dict[str, Any]], idx: list[int], pick: list[int]) -> tuple[float, float]:
    """(top pick is the reader's heart, top pick is the heart or the second)."""
    one = [pick[n] in rows[k]["heart"] for n, k in enumerate(idx)]
    two = [pick[n] in rows[k]["heart"] or pick[n] == rows[k]["second"] for n, k in enumerate(idx)]
    return float(np.mean(one)), float(np.mean(two))


def folds(rows: list[dict[str, Any]], n: int = 5) -> dict[str, int]:
    cids = sorted({r["cid"] for r in rows})
    return {c: i % n for i, c in enumerate(np.random.RandomState(0).permutation(cids))}


def out_of_fold(rows: list[dict[str, Any]], x: np.ndarray, y: np.ndarray, w: np.ndarray, g: np.ndarray, c: float = C) -> list[int]:
    """Each message's top sentence by a model fitted on the other folds."""
    fold = folds(rows)
    pick = [0] * len(rows)
    for f in range(5):
        tr = [k for k, r in enumerate(rows) if fold[r["cid"]] != f]
        coef, b = _fit(x[np.isin(g, tr)], y[np.isin(g, tr)], w[np.isin(g, tr)], c)
        for k, r in enumerate(rows):
            if fold[r["cid"]] == f:
                pick[k] = int(np.argmax(x[g == k] @ coef + b))
    return pick


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--report", action="store_true", help="figures of the shipped file; write nothing")
    ap.add_argument("--sweep", action="store_true", help="out-of-fold figures over C; write nothing")
    args = ap.parse_args(argv)
    rows = examples()
    x, y, w, g = _matrix(rows)
    idx = list(range(len(rows)))
    out = sys.stdout.write
    out(f"{len(rows)} messages, {len({r['cid'] for r in rows})} conversations\n")
    last = [len(r["sents"]) - 1 for r in rows]
    out("always the last sentence: heart {:.3f}, heart or second {:.3f}\n".format(*_scores(rows, idx, last)))
    if args.sweep:
        for c in (0.001, 0.003, 0.01, 0.03, 0.1):
            out(f"C {c}: " + "out of fold heart {:.3f}, heart or second {:.3f}\n".format(*_scores(rows, idx, out_of_fold(rows, x, y, w, g, c))))
        return 0
    if args.report:
        with np.load(MODEL_FILE) as z:
            coef, b = z["coef"], float(z["intercept"])
    else:
        out("out of fold (by conversation): heart {:.3f}, heart or second {:.3f}\n".format(*_scores(rows, idx, out_of_fold(rows, x, y, w, g))))
        coef, b = _fit(x, y, w)
        np.savez(MODEL_FILE, coef=coef, intercept=np.float32(b), data_sha256=np.array(data_digest(rows)))
        out(f"wrote {MODEL_FILE.relative_to(ROOT)}\n")
    pick = [int(np.argmax(x[g == k] @ coef + b)) for k in idx]
    out("fitted on (in sample): heart {:.3f}, heart or second {:.3f}\n".format(*_scores(rows, idx, pick)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
