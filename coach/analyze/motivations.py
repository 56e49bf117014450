"""Motivation tagging and the bedrock score: sentence embeddings against curated exemplars, plus
lexical cues from coach/data/analyze.toml.

Exemplar sentences live in coach/data/motivations.jsonl and coach/data/bedrock.jsonl. Their vectors
are computed once and cached on disk keyed by a hash of the data, so a cold start pays for them once.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coach import lexicon
from coach.store.embed import Embedder
from coach.types import Motivation

log = logging.getLogger(__name__)

THRESHOLD = 0.38  # chosen on half of evals/datasets/motivations.jsonl (macro-F1 0.80), checked on the other half (0.79)
KEYWORD_BOOST = 0.12
MARGIN = 0.10  # secondary labels must be within this of the best one
# The crisis rules in analyze.toml carry most cases; the embedding catches paraphrases. A miss costs far
# more than a false alarm (which gets care, not coaching), so the bar is moderate.
CRISIS_SIMILARITY = 0.62
CRISIS_MARGIN = 0.03


@dataclass(slots=True)
class SentenceScores:
    sentence: str
    scores: dict[str, float]  # label -> similarity (incl. "none")
    bedrock: float  # 0..1
    crisis: bool = False  # close to a crisis exemplar and closer to it than to any figure of speech
    vector: np.ndarray | None = None  # the sentence's embedding (the heart model reads it too)


class ExemplarModel:
    def __init__(self, embedder: Embedder, cache_dir: Path | None = None) -> None:
        self._embedder = embedder
        mot = lexicon.jsonl("motivations.jsonl")
        bed = lexicon.jsonl("bedrock.jsonl")
        cri = lexicon.jsonl("crisis.jsonl")
        texts = [r["text"] for r in mot] + [r["text"] for r in bed] + [r["text"] for r in cri]
        vectors = self._cached_vectors(texts, cache_dir)
        cri_vecs = vectors[len(mot) + len(bed) :]
        vectors = vectors[: len(mot) + len(bed)]
        self._crisis = cri_vecs[[i for i, r in enumerate(cri) if r["label"] == "crisis"]]
        self._not_crisis = cri_vecs[[i for i, r in enumerate(cri) if r["label"] == "not_crisis"]]
        self.labels = sorted({r["label"] for r in mot})
        mot_vecs = vectors[: len(mot)]
        bed_vecs = vectors[len(mot) :]
        self._by_label = {
            lab: mot_vecs[[i for i, r in enumerate(mot) if r["label"] == lab]] for lab in self.labels
        }
        self._bedrock = bed_vecs[[i for i, r in enumerate(bed) if r["label"] == "bedrock"]]
        self._surface = bed_vecs[[i for i, r in enumerate(bed) if r["label"] == "surface"]]
        self._keywords = {m.value: lexicon.group("motivation_keywords", m.value) for m in Motivation}

    def _cached_vectors(self, texts: list[str], cache_dir: Path | None) -> np.ndarray:
        digest = hashlib.sha256(("\n".join(texts) + self._embedder.name).encode()).hexdigest()[:16]
        path = cache_dir / f"exemplars-{digest}.npy" if cache_dir else None
        if path and path.exists():
            try:
                arr = np.load(path)
                if arr.shape[0] == len(texts):
                    return arr
            except (OSError, ValueError):
                log.warning("exemplar cache %s unreadable; recomputing", path)
        arr = self._embedder.embed(texts)
        if path:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                np.save(path, arr)
            except OSError:
                pass  # a read-only home just means recomputing next time
        return arr

    @staticmethod
    def _top2(sims: np.ndarray) -> float:
        if sims.size == 1:
            return float(sims[0])
        top = np.partition(sims, -2)[-2:]
        return float(top.mean())

    def score(self, sentences: list[str]) -> list[SentenceScores]:
        if not sentences:
            return []
        vecs = self._embedder.embed(sentences)
        out = []
        for sent, v in zip(sentences, vecs, strict=True):
            scores = {lab: self._top2(m @ v) for lab, m in self._by_label.items()}
            for lab, pats in self._keywords.items():
                if lexicon.any_match(pats, sent):
                    scores[lab] += KEYWORD_BOOST
            b = self._top2(self._bedrock @ v) - self._top2(self._surface @ v)
            c = float((self._crisis @ v).max())
            crisis = c >= CRISIS_SIMILARITY and c > float((self._not_crisis @ v).max()) + CRISIS_MARGIN
            out.append(SentenceScores(sent, scores, bedrock=float(np.clip(0.5 + 2.5 * b, 0, 1)), crisis=crisis, vector=v))
        return out

    def labels_for(self, s: SentenceScores) -> list[tuple[Motivation, float]]:
        none = s.scores.get("none", 0.0)
        ranked = sorted(
            ((lab, sc) for lab, sc in s.scores.items() if lab != "none"), key=lambda x: -x[1]
        )
        if not ranked:
            return []
        best = ranked[0][1]
        picked = []
        for lab, sc in ranked:
            if sc >= THRESHOLD and sc > none and sc >= best - MARGIN:
                picked.append((Motivation(lab), round(min(1.0, sc), 3)))
        return picked[:3]
