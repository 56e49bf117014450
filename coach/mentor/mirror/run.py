"""One mirror run: transcript -> which speaker is the mentor -> labels -> analyses -> summary.

    mirror = Mirror()                                  # labeller + analyzer (built on first use)
    report = mirror.run(transcript, mentor="Priya")    # MirrorReport: turns + summary

The CLI and the Streamlit page are thin callers of this. Nothing is stored or sent anywhere here.
"""

from __future__ import annotations

import threading
from typing import Any

from coach.mentor.mirror import features as F
from coach.mentor.mirror import metrics, moments
from coach.mentor.mirror.label import Labeller, split_sentences
from coach.mentor.mirror.types import MirrorReport, Transcript, TranscriptError, Turn
from coach.types import Analysis, Kind

__all__ = ["Mirror", "preload", "question_counts", "resolve_mentor", "suggest_mentor"]

# The analyzer reads at most 8 sentences of a message; a long mentee turn is read in pieces so a
# motivation said late in it still counts.
_ANALYZE_SENTENCES = 8
# "Yeah.", "Sure, I can do that.": too short to carry a motivation or a request the cues miss.
_MIN_ANALYZE_WORDS = 5
# Mentee turns whose sentences are embedded together, ahead of the analyzer.
_PREFETCH = 64


class _PrefetchEmbedder:
    """The analyzer's embedder, fed ahead: the sentences of many mentee turns are embedded in one
    call (both cores, similar lengths together), then the analyzer's one-turn calls are served from
    that. A sentence's vector never depends on its neighbours (store/embed.py), so the analyzer
    reads exactly what it would have read turn by turn."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self._ready: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:  # name, model_path, ... as the real embedder has them
        return getattr(self._inner, name)

    def prefetch(self, texts: list[str]) -> None:
        todo = list(dict.fromkeys(t for t in texts if t.strip() and t not in self._ready))
        if todo:
            self._ready.update(zip(todo, self._inner.embed(todo, batch_size=1)))

    def forget(self) -> None:
        self._ready.clear()

    def embed(self, texts: list[str], batch_size: int | None = None) -> Any:
        import numpy as np

        if texts and all(t in self._ready for t in texts):
            return np.vstack([self._ready[t] for t in texts])
        return self._inner.embed(texts, batch_size) if batch_size else self._inner.embed(texts)

    def embed_one(self, text: str) -> Any:
        return self.embed([text])[0]


def question_counts(transcript: Transcript) -> dict[str, int]:
    """Questions each speaker asks (a "?" or, without punctuation, a question's first words)."""
    c = F.cues()
    counts = dict.fromkeys(transcript.speakers, 0)
    for u in transcript.utterances:
        for s in split_sentences(u.text):
            s = s.strip()
            if s.endswith("?") or (not s.endswith((".", "!")) and F.first_match(c.unmarked, s)):
                counts[u.speaker] += 1
    return counts


def suggest_mentor(transcript: Transcript) -> str:
    """The speaker who asks the most questions (a tie: the one who spoke first, as mentors usually open)."""
    counts = question_counts(transcript)
    order = {s: i for i, s in enumerate(transcript.speakers)}
    return max(transcript.speakers, key=lambda s: (counts[s], -order[s]))


def resolve_mentor(transcript: Transcript, name: str) -> str:
    """The speaker `name` refers to: exact, then case-insensitive, then a unique prefix ("priya" -> "Priya Shah")."""
    speakers = transcript.speakers
    if name in speakers:
        return name
    low = name.strip().lower()
    same = [s for s in speakers if s.lower() == low]
    if len(same) == 1:
        return same[0]
    starts = [s for s in speakers if s.lower().startswith(low)] if low else []
    if len(starts) == 1:
        return starts[0]
    raise TranscriptError(f"No speaker called {name!r} in this transcript. Speakers: {', '.join(speakers)}.")


def _block_before(turns: list[Turn], k: int) -> list[Turn]:
    """The mentee turns right before turn k."""
    out: list[Turn] = []
    j = k - 1
    while j >= 0 and turns[j].role == "mentee":
        out.insert(0, turns[j])
        j -= 1
    return out


def _worth_reading(turns: list[Turn]) -> set[int]:
    """Mentee turns the analyzer must read: those a mentor turn moved past (missed moments) or
    answered with advice or judgment (rewrites, advice asked for). The rest were followed up."""
    wanted: set[int] = set()
    for k, t in enumerate(turns):
        if t.role != "mentor":
            continue
        block = _block_before(turns, k)
        if block and ({"advice", "judgment"} & set(t.labels) or not metrics.follows_up(t, " ".join(b.text for b in block))):
            wanted.update(b.index for b in block)
    return wanted


def preload() -> None:
    """Compile the guard's and the mirror's rules and load the parser now, not in the first sentence."""
    from coach import guard

    guard.preload()
    F.cues()


class Mirror:
    def __init__(self, labeller: Labeller | None = None, analyzer: Any | None = None) -> None:
        self.labeller = labeller or Labeller()
        self._analyzer = analyzer
        # the app shares one Mirror between browser sessions; the prefetching embedder is per run
        self._lock = threading.Lock()

    @property
    def analyzer(self) -> Any:
        if self._analyzer is None:
            from coach.analyze import Analyzer
            from coach.store.embed import get_embedder
            from coach.store.quantize import cache_dir

            self._embedder = _PrefetchEmbedder(get_embedder())
            # the shipped exemplars' vectors live with the model cache: derived from shipped data, no one's words
            self._analyzer = Analyzer(embedder=self._embedder, cache_dir=cache_dir() / "exemplars")
        return self._analyzer

    def _analyses(self, transcript: Transcript, wanted: set[int]) -> dict[int, Analysis]:
        """The analyzer's reading of the mentee turns in `wanted` long enough to carry a motivation."""
        from coach import language
        from coach.analyze import clean

        todo = [u for u in transcript.utterances if u.index in wanted and len(u.text.split()) >= _MIN_ANALYZE_WORDS]
        feed = getattr(self, "_embedder", None)
        out: dict[int, Analysis] = {}
        for k in range(0, len(todo), _PREFETCH):
            chunk = todo[k : k + _PREFETCH]
            if feed is not None:
                feed.prefetch([s for u in chunk for s in language.sentences(clean(u.text).text)])
            for u in chunk:
                out[u.index] = self._analyze(u.text)
            if feed is not None:
                feed.forget()
        return out

    def _analyze(self, text: str) -> Analysis:
        """The analyzer's reading of a whole mentee turn: long turns in pieces, motivations merged."""
        sents = split_sentences(text)
        if len(sents) <= _ANALYZE_SENTENCES:
            return self.analyzer.analyze(text)
        parts = [" ".join(sents[i : i + _ANALYZE_SENTENCES]) for i in range(0, len(sents), _ANALYZE_SENTENCES)]
        readings = [self.analyzer.analyze(p) for p in parts]
        merged = readings[0]
        for r in readings[1:]:
            merged.kinds.extend(k for k in r.kinds if k not in merged.kinds)
            merged.motivations.extend(r.motivations)
        merged.motivations.sort(key=lambda h: -h.confidence)
        return merged

    def run(self, transcript: Transcript, mentor: str | None = None, *, chosen_by: str | None = None) -> MirrorReport:
        """Label and summarize. `mentor` None: the speaker who asks the most questions (and the
        summary says so in `mentor_chosen_by`)."""
        with self._lock:
            return self._run(transcript, mentor, chosen_by)

    def _run(self, transcript: Transcript, mentor: str | None, chosen_by: str | None) -> MirrorReport:
        if mentor is None:
            mentor, how = suggest_mentor(transcript), "most_questions"
        else:
            mentor, how = resolve_mentor(transcript, mentor), chosen_by or "flag"
        turns = self.labeller.label(transcript, mentor)
        analyses = self._analyses(transcript, _worth_reading(turns))
        for k, t in enumerate(turns):  # advice right after a request the analyzer heard and the cues missed
            if "advice" in t.labels and not t.advice_asked:
                t.advice_asked = any(Kind.ADVICE_REQUEST in analyses[b.index].kinds
                                     for b in _block_before(turns, k) if b.index in analyses)
        notes = list(transcript.notes)
        if how == "most_questions":
            notes.append(f"{mentor} was taken as the mentor: they ask the most questions (use --mentor to choose)")
        summary = metrics.summarize(
            turns, mentor=mentor, chosen_by=how, fmt=transcript.format,
            missed=moments.missed_moments(turns, analyses), rewrites=moments.rewrites(turns, analyses), notes=notes,
        )
        return MirrorReport(turns=turns, summary=summary, source=transcript.source, labeller=self.labeller.name)
