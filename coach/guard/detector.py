"""The learned detector: multi-label probabilities for one coach or mentor sentence.

    classify(["One thing that might help is to write down your wins."])
    -> [{"advice": 0.97, "judgment": 0.03, "leading_question": 0.01, ...}]

A logistic-regression head per label over the int8 MiniLM's layer-3/4 features (`encoder.py`), run in
numpy; the weights (`detector.npz`, ~40 KB) are made by `python -m coach.guard.train` from the
project's labelled lines and the forum advice sentences (data/guard/). Labels and their meaning are in
data/guard/README.md; they are the ones `coach mirror` reports.

The guard calls this once per reply with all its sentences; answers are remembered by text (the
offline voice repeats its lines, and a streamed reply is checked again with every new word), so a
sentence is encoded once per process. The rules stay in charge of the crisp cases and of explaining
a flag; `combine.py` says how the two are put together.
"""

from __future__ import annotations

import json
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from coach.guard.corpus import LABELS as _CORPUS_LABELS
from coach.guard.spoken import unfill

log = logging.getLogger(__name__)

WEIGHTS_FILE = "detector.npz"
CACHE_SIZE = 4096  # sentences remembered (a long session's coach lines and their streamed prefixes)

__all__ = ["LABELS", "Head", "available", "classify", "head", "preload"]

#: The labels classify() reports, in this order: the corpus's, which the weights file was trained on.
LABELS: tuple[str, ...] = _CORPUS_LABELS

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2032": "'"})


def normalize(text: str) -> str:
    """The form a sentence is classified in (and trained in): straight quotes, single spaces, and
    speech as meant rather than as transcribed (coach.guard.spoken: no "um", restarts said once)."""
    return unfill(" ".join(text.translate(_QUOTES).split()))


@dataclass(frozen=True)
class Head:
    """Standardize, then one logistic regression per label: p = sigmoid(((x - mean) / scale) @ W + b)."""

    labels: tuple[str, ...]
    mean: np.ndarray  # (DIM,)
    scale: np.ndarray  # (DIM,)
    weights: np.ndarray  # (DIM, len(labels))
    bias: np.ndarray  # (len(labels),)
    meta: dict[str, Any]
    # The house voice's fixed lines (no placeholders), scored when the head was made: the offline
    # voice asks each of them once a session, so they are known answers rather than new sentences.
    known: dict[str, np.ndarray] = field(default_factory=dict)

    def predict(self, features: np.ndarray) -> np.ndarray:
        z = ((features - self.mean) / self.scale) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))

    def save(self, path: Any) -> None:
        keys = sorted(self.known)
        np.savez_compressed(
            path, labels=np.array(self.labels), mean=self.mean.astype(np.float32), scale=self.scale.astype(np.float32),
            weights=self.weights.astype(np.float32), bias=self.bias.astype(np.float32), meta=np.array(json.dumps(self.meta)),
            known_texts=np.array(keys, dtype=str),
            known_probs=np.array([self.known[k] for k in keys], dtype=np.float32).reshape(len(keys), len(self.labels)),
        )

    @classmethod
    def load(cls, source: Any) -> Head:
        with np.load(source, allow_pickle=False) as z:
            known = dict(zip((str(t) for t in z["known_texts"]), z["known_probs"], strict=True)) if "known_texts" in z else {}
            return cls(
                tuple(str(x) for x in z["labels"]), z["mean"], z["scale"], z["weights"], z["bias"], json.loads(str(z["meta"])),
                known,
            )


@lru_cache(maxsize=1)
def head() -> Head | None:
    """The shipped head, or None when the package has none (then the guard runs on its rules)."""
    ref = resources.files("coach.guard").joinpath(WEIGHTS_FILE)
    if not ref.is_file():
        log.warning("coach/guard/%s is missing: the guard runs on its rules alone", WEIGHTS_FILE)
        return None
    with ref.open("rb") as f:
        h = Head.load(f)
    if h.labels != LABELS:
        raise ValueError(f"{WEIGHTS_FILE} has labels {h.labels}, expected {LABELS}: retrain with python -m coach.guard.train")
    from coach.guard.encoder import DIM

    if h.weights.shape[0] != DIM:  # made for other encoder layers: it would fail on the first sentence
        raise ValueError(f"{WEIGHTS_FILE} reads {h.weights.shape[0]} features, the encoder gives {DIM}: retrain with "
                         "python -m coach.guard.train")
    return h


def available() -> bool:
    return head() is not None


class _Memo:
    """Probabilities by normalized text, least recently used dropped first (thread-safe)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._data: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> np.ndarray | None:
        with self._lock:
            val = self._data.get(key)
            if val is not None:
                self._data.move_to_end(key)
            return val

    def put(self, key: str, val: np.ndarray) -> None:
        with self._lock:
            self._data[key] = val
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()


_memo = _Memo(CACHE_SIZE)


def probabilities(texts: list[str]) -> np.ndarray:
    """(len(texts), len(LABELS)) probabilities; zeros for every label when no head is shipped."""
    h = head()
    out = np.zeros((len(texts), len(LABELS)), dtype=np.float32)
    if h is None or not texts:
        return out
    keys = [normalize(t) for t in texts]
    todo: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        hit = _memo.get(key)
        if hit is None:
            hit = h.known.get(key)
        if hit is None:
            todo.setdefault(key, []).append(i)
        else:
            out[i] = hit
    if todo:
        from coach.guard.encoder import get_encoder

        fresh = list(todo)
        probs = h.predict(get_encoder().encode(fresh)).astype(np.float32)
        for key, row in zip(fresh, probs, strict=True):
            _memo.put(key, row)
            for i in todo[key]:
                out[i] = row
    return out


def classify(texts: list[str]) -> list[dict[str, float]]:
    """Multi-label probabilities for each text (one sentence each, ideally), in order.

    The labels are independent: a suggestion dressed as a question is likely both `advice` and
    `leading_question`. An empty list in, an empty list out.
    """
    if isinstance(texts, str):
        raise TypeError("classify() takes a list of texts, not one string")
    probs = probabilities(list(texts))
    return [{label: float(p) for label, p in zip(LABELS, row, strict=True)} for row in probs]


def preload() -> None:
    """Load the head and the encoder now rather than in the first check."""
    if head() is not None:
        from coach.guard.encoder import get_encoder

        get_encoder()
