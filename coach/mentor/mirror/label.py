"""Labelling a conversation: sentences of each mentor turn -> a `Classifier` -> context -> turn labels.

The seam is `Classifier.classify(texts) -> list[dict[label, score]]`, one sentence a text, no
context. Today `RuleClassifier` (the guard plus the mirror's cues) fills it; a learned detector with
the same signature (e.g. the module `coach.guard.detector`) plugs in as it is:
`Labeller(classifier=coach.guard.detector)`.

What needs the conversation is decided here, the same for any classifier:

* an echo of the mentee's last words ("Thursday, then.", "A service nobody owns.") is a simple
  reflection, not information;
* a "should" that plays back the mentee's own "I should ..." is a reflection, not advice (the guard
  reads it against the mentee's words);
* simple vs complex: a reflection is complex when it adds content beyond the mentee's previous words
  (at least two new content words making up half of it, or a feeling the mentee did not name), or
  when the classifier reads it as complex and it adds something;
* advice right after the mentee asked for it is marked `advice_asked` (counted apart in the summary).

A turn carries every label of its sentences; `other` only when nothing else applies. A statement
that only backs up the advice or judgment beside it ("The company pays for it.") is part of it, not
separate information. The turn's main behaviour (question / reflection / input / other) is the one
the mentee is left to answer: the last sentence with content, unless input fills most of the turn.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Protocol, runtime_checkable

from coach import guard
from coach.mentor.mirror import features as F
from coach.mentor.mirror.rules import RuleClassifier
from coach.mentor.mirror.types import (
    BEHAVIOUR,
    LABELS,
    QUESTIONS,
    REFLECTIONS,
    LabelEvidence,
    Transcript,
    Turn,
)

__all__ = ["Classifier", "Labeller", "asks_for_advice", "split_sentences"]

THRESHOLD = 0.5
_MODAL = re.compile(r"\b(?:should|need to|needs to|have to|has to|must|ought to|got to)\b", re.IGNORECASE)
_INPUT = frozenset({"advice", "judgment", "information"})
_SUPPORT_WORDS = 14  # a statement this short beside advice or judgment backs it up


@runtime_checkable
class Classifier(Protocol):
    """Scores sentences on the mirror's labels (see types.LABELS); missing labels count as 0."""

    def classify(self, texts: list[str]) -> list[dict[str, float]]: ...


# Titles and abbreviations a "." follows without ending the sentence.
_ABBREV = "".join(rf"(?<!\b{a}\.)" for a in ("Dr", "Mr", "Ms", "St", "vs", "Mrs", "Prof", "etc", "e.g", "i.e", "No", "Jr", "Sr"))
_SENT_END = re.compile(rf"(?:(?<=[.!?…])|(?<=[.!?…][\"'”’)\]])){_ABBREV}\s+(?=[\"'“‘(\[]?[A-Z0-9])|\s*\n+\s*")


def split_sentences(text: str) -> list[str]:
    """The sentences of a turn; a turn of speech-to-text without punctuation stays one sentence.

    A regular expression rather than pysbd: transcribed speech has few of the abbreviations pysbd
    is built for, and pysbd compiles a pattern per abbreviation it meets, which on a long
    transcript overflows Python's regex cache and costs seconds."""
    parts = [p.strip() for p in _SENT_END.split(text.strip()) if p and p.strip()]
    return parts or [text.strip()]


def asks_for_advice(text: str) -> bool:
    """Whether a mentee line asks the mentor what to do ("What should I say to Dana?")."""
    return F.first_match(F.cues().request, text) is not None


def _labels_of(scores: dict[str, float], threshold: float) -> list[str]:
    got = [lab for lab in LABELS if scores.get(lab, 0.0) >= threshold]
    if not got:
        best = max(LABELS, key=lambda lab: scores.get(lab, 0.0))
        got = [best] if scores.get(best, 0.0) > 0 else ["other"]
    if "simple_reflection" in got and "complex_reflection" in got:
        got.remove("simple_reflection" if scores["complex_reflection"] >= scores["simple_reflection"] else "complex_reflection")
    return got


class Labeller:
    def __init__(self, classifier: Classifier | None = None, *, threshold: float = THRESHOLD) -> None:
        self.classifier: Classifier = classifier if classifier is not None else RuleClassifier()
        self.threshold = threshold

    @property
    def name(self) -> str:
        return str(getattr(self.classifier, "name", None) or getattr(self.classifier, "__name__", type(self.classifier).__name__))

    # ------------------------------------------------------------------ public

    def label(
        self,
        transcript: Transcript,
        mentor: str,
        *,
        advice_requests: Iterable[int] = (),
    ) -> list[Turn]:
        """Every turn in order; mentor turns labelled. `advice_requests`: indices of mentee turns
        another reader (the analyzer) found asking for advice, besides the mirror's own cues."""
        utts = transcript.utterances
        requested = set(advice_requests)
        spans: list[tuple[int, list[str]]] = []
        for u in utts:
            if u.speaker == mentor:
                spans.append((u.index, split_sentences(u.text)))
        flat = [s for _, sents in spans for s in sents]
        scores = self.classifier.classify(flat) if flat else []
        if len(scores) != len(flat):
            raise ValueError(f"classifier returned {len(scores)} results for {len(flat)} sentences")
        by_turn: dict[int, list[tuple[str, dict[str, float]]]] = {}
        k = 0
        for idx, sents in spans:
            by_turn[idx] = list(zip(sents, scores[k : k + len(sents)], strict=True))
            k += len(sents)

        turns: list[Turn] = []
        mentee_since: list[str] = []  # mentee words since the mentor last spoke
        mentee_asked = False
        for u in utts:
            n_words = len(u.text.split())
            if u.speaker != mentor:
                mentee_since.append(u.text)
                mentee_asked = mentee_asked or u.index in requested or asks_for_advice(u.text)
                turns.append(Turn(u.index, u.speaker, u.text, "mentee", words=n_words, start=u.start, end=u.end))
                continue
            turn = self._turn(u.index, u.speaker, u.text, by_turn[u.index], " ".join(mentee_since))
            turn.words, turn.start, turn.end = n_words, u.start, u.end
            turn.advice_asked = mentee_asked and "advice" in turn.labels
            turns.append(turn)
            mentee_since, mentee_asked = [], False
        return turns

    def label_lines(self, lines: list[str], mentee_texts: list[str] | None = None) -> list[list[str]]:
        """Turn labels for single mentor lines, each answering the matching mentee text (tests, evals)."""
        mentees = mentee_texts or [""] * len(lines)
        flat = [split_sentences(t) for t in lines]
        scores = self.classifier.classify([s for sents in flat for s in sents])
        out, k = [], 0
        for i, sents in enumerate(flat):
            pairs = list(zip(sents, scores[k : k + len(sents)], strict=True))
            k += len(sents)
            out.append(self._turn(i, "mentor", lines[i], pairs, mentees[i]).labels)
        return out

    # ------------------------------------------------------------------ one turn

    def _explain(self, sentence: str, label: str, score: float) -> tuple[str, str]:
        explain: Callable[[str, str], tuple[str, str] | None] | None = getattr(self.classifier, "explain", None)
        got = explain(sentence, label) if explain is not None else None
        if got and got[1]:
            return got
        return sentence, f"the classifier scores this sentence {score:.2f} for {label.replace('_', ' ')}"

    def _turn(self, index: int, speaker: str, text: str, pairs: list[tuple[str, dict[str, float]]], mentee: str) -> Turn:
        ref = set(F.content(mentee))
        sent_labels: list[list[str]] = []
        evidence: list[LabelEvidence] = []
        summary = False  # after "Let me sum up", the statements that follow are the summary
        in_summary: set[int] = set()
        for si, (sent, scores) in enumerate(pairs):
            labels = _labels_of(scores, self.threshold)
            notes: dict[str, tuple[str, str]] = {}
            labels = self._in_context(sent, labels, scores, mentee, ref, notes, summary)
            if summary:
                in_summary.add(si)
            if F.first_match(F.cues().summary_frames, sent):
                summary = True
            elif any(lab in QUESTIONS for lab in labels):
                summary = False
            sent_labels.append(labels)
            for lab in labels:
                words_, reason = notes.get(lab) or self._explain(sent, lab, scores.get(lab, 0.0))
                evidence.append(LabelEvidence(lab, words_, reason, si, round(float(scores.get(lab, 1.0)), 3)))
        self._unsupported_reflections(pairs, sent_labels, ref, in_summary)
        labels = self._aggregate(pairs, sent_labels)
        evidence = [e for e in evidence if e.label in labels]
        seen: set[str] = set()
        first_ev = []
        for e in evidence:  # the first sentence carrying each label is its evidence
            if e.label not in seen:
                seen.add(e.label)
                first_ev.append(e)
        return Turn(
            index, speaker, text, "mentor", labels=labels, behaviour=self._behaviour(pairs, sent_labels, labels),
            evidence=first_ev, sentences=[{"text": s, "labels": ls} for (s, _), ls in zip(pairs, sent_labels, strict=True)],
        )

    def _in_context(
        self, sent: str, labels: list[str], scores: dict[str, float], mentee: str, ref: set[str],
        notes: dict[str, tuple[str, str]], summary: bool,
    ) -> list[str]:
        has_q = any(lab in QUESTIONS for lab in labels)
        if not has_q and set(labels) <= {"information", "other", "judgment"} and (summary or mentee):
            c = F.content(sent)
            echo = F.overlap(sent, ref) if mentee else 0.0
            weak = scores.get("information", 0.0) < 0.6 and "judgment" not in labels  # about neither person
            if summary and c:
                notes["complex_reflection"] = (sent, "part of a summary of what the mentee said")
                labels = ["complex_reflection"]
            elif c and "judgment" not in labels and (echo >= 0.6 and len(c) <= 12 or weak and echo >= 0.34 and echo * len(c) >= 2):
                notes["simple_reflection"] = (sent, "echoes the mentee's own words back")
                labels = ["simple_reflection"]
        if "advice" in labels and mentee and not has_q and F.overlap(sent, ref) >= 0.5 \
                and "imperative" in guard.check(sent).reason and len(F.content(sent)) <= 6:
            # "Network design or automation.": the mentee's own nouns handed back, not an order
            labels = [lab for lab in labels if lab != "advice"] or ["simple_reflection"]
            notes["simple_reflection"] = (sent, "echoes the mentee's own words back")
        if "advice" in labels and mentee and _MODAL.search(sent) and "advice" in guard.check(sent).labels \
                and "advice" not in guard.check(sent, mentee_text=mentee).labels:
            # the guard, given the mentee's words, reads the "should" as their own played back
            labels = [lab for lab in labels if lab not in ("advice", "leading_question")]
            if not set(labels) & REFLECTIONS:
                labels.append("simple_reflection")
            notes["simple_reflection"] = (sent, "plays back the mentee's own 'should'")
        if set(labels) & REFLECTIONS:
            labels = [lab for lab in labels if lab not in REFLECTIONS]
            kind, why = self._complexity(sent, scores, mentee, ref)
            notes[kind] = why
            labels.append(kind)
        return [lab for lab in LABELS if lab in labels]

    @staticmethod
    def _complexity(sent: str, scores: dict[str, float], mentee: str, ref: set[str]) -> tuple[str, tuple[str, str]]:
        c = F.content(sent)
        novel = [w for w in dict.fromkeys(c) if w not in ref]
        shown = ", ".join(dict.fromkeys(w for w in F.words(sent) if F.stem(w) in novel))  # as said, not stemmed
        said = set(F.words(mentee))
        feelings = [w for w in F.feeling_words(sent) if w not in said]
        cue = F.first_match(F.cues().complex_cues, sent)
        if not mentee:
            novel = []  # nothing to compare with: only the words themselves can say it adds meaning
        if feelings:
            return "complex_reflection", (", ".join(feelings), "names a feeling the mentee had not put into words")
        if len(novel) >= 2 and len(novel) >= 0.5 * len(c):
            return "complex_reflection", (shown, "adds meaning beyond the mentee's words")
        if cue and (novel or not mentee):
            return "complex_reflection", (cue.group(0), "adds meaning beyond the mentee's words")
        if scores.get("complex_reflection", 0.0) > scores.get("simple_reflection", 0.0) and novel:
            return "complex_reflection", (shown, "adds meaning beyond the mentee's words")
        return "simple_reflection", (sent, "restates what the mentee said")

    @staticmethod
    def _unsupported_reflections(
        pairs: list[tuple[str, dict[str, float]]], sent_labels: list[list[str]], ref: set[str], in_summary: set[int]
    ) -> None:
        """In a turn that advises, judges or tells a story, a "you" statement that neither is framed as
        a playback nor reuses the mentee's words is part of the steer ("You've got the numbers for
        it", "They walk over you a bit"), not a reflection."""
        if not any(set(ls) & {"advice", "judgment", "information"} for ls in sent_labels):
            return
        c = F.cues()
        for si, ((sent, _), ls) in enumerate(zip(pairs, sent_labels, strict=True)):
            if not set(ls) & REFLECTIONS or si in in_summary or F.first_match(c.refl_frames, sent) or F.overlap(sent, ref) >= 0.2:
                continue
            kept = [lab for lab in ls if lab not in REFLECTIONS]
            ls[:] = kept or ["information"]

    @staticmethod
    def _aggregate(pairs: list[tuple[str, dict[str, float]]], sent_labels: list[list[str]]) -> list[str]:
        labels: set[str] = set()
        steer = any(set(ls) & {"advice", "judgment", "affirmation"} for ls in sent_labels)
        for (sent, _), ls in zip(pairs, sent_labels, strict=True):
            if steer and ls == ["information"] and len(sent.split()) <= _SUPPORT_WORDS:
                continue  # backs up the advice or judgment beside it
            labels.update(ls)
        if not labels:
            labels = {lab for ls in sent_labels for lab in ls}
        if len(labels) > 1:
            labels.discard("other")
        return [lab for lab in LABELS if lab in labels]

    @staticmethod
    def _behaviour(pairs: list[tuple[str, dict[str, float]]], sent_labels: list[list[str]], labels: list[str]) -> str:
        groups = {BEHAVIOUR[lab] for lab in labels}
        if len(groups) == 1:
            return groups.pop()
        words_by: dict[str, int] = {}
        last = "other"
        for (sent, _), ls in zip(pairs, sent_labels, strict=True):
            gs = {BEHAVIOUR[lab] for lab in ls if lab in labels}
            if "advice" in ls:
                gs.discard("question")  # a suggestion dressed as a question is input
            for g in gs:
                words_by[g] = words_by.get(g, 0) + len(sent.split())
            substantive = [g for g in ("question", "reflection", "input") if g in gs]
            if substantive:
                last = substantive[0]
        total = sum(len(s.split()) for s, _ in pairs) or 1
        if last != "input" and words_by.get("input", 0) / total >= 0.7:
            return "input"
        return last
