"""One mirror run: transcript -> which speaker is the mentor -> labels -> analyses -> summary.

    mirror = Mirror()                                  # labeller + analyzer (built on first use)
    report = mirror.run(transcript, mentor="Priya")    # MirrorReport: turns + summary

The CLI and the Streamlit page are thin callers of this. Nothing is stored or sent anywhere here.
"""

from __future__ import annotations

from typing import Any

from coach.mentor.mirror import features as F
from coach.mentor.mirror import metrics, moments
from coach.mentor.mirror.label import Labeller, split_sentences
from coach.mentor.mirror.types import MirrorReport, Transcript, TranscriptError
from coach.types import Analysis, Kind

__all__ = ["Mirror", "question_counts", "resolve_mentor", "suggest_mentor"]

# The analyzer reads at most 8 sentences of a message; a long mentee turn is read in pieces so a
# motivation said late in it still counts.
_ANALYZE_SENTENCES = 8


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
    """The speaker who asks the most questions (ties: the one who talks less, then the first)."""
    counts = question_counts(transcript)
    words = {s: 0 for s in transcript.speakers}
    for u in transcript.utterances:
        words[u.speaker] += len(u.text.split())
    order = {s: i for i, s in enumerate(transcript.speakers)}
    return max(transcript.speakers, key=lambda s: (counts[s], -words[s], -order[s]))


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


class Mirror:
    def __init__(self, labeller: Labeller | None = None, analyzer: Any | None = None) -> None:
        self.labeller = labeller or Labeller()
        self._analyzer = analyzer

    @property
    def analyzer(self) -> Any:
        if self._analyzer is None:
            from coach.analyze import Analyzer

            self._analyzer = Analyzer()
        return self._analyzer

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
        if mentor is None:
            mentor, how = suggest_mentor(transcript), "most_questions"
        else:
            mentor, how = resolve_mentor(transcript, mentor), chosen_by or "flag"
        analyses = {u.index: self._analyze(u.text) for u in transcript.utterances if u.speaker != mentor}
        asked = [i for i, a in analyses.items() if Kind.ADVICE_REQUEST in a.kinds]
        turns = self.labeller.label(transcript, mentor, advice_requests=asked)
        notes = list(transcript.notes)
        if how == "most_questions":
            notes.append(f"{mentor} was taken as the mentor: they ask the most questions (use --mentor to choose)")
        summary = metrics.summarize(
            turns, mentor=mentor, chosen_by=how, fmt=transcript.format,
            missed=moments.missed_moments(turns, analyses), rewrites=moments.rewrites(turns, analyses), notes=notes,
        )
        return MirrorReport(turns=turns, summary=summary, source=transcript.source, labeller=self.labeller.name)
