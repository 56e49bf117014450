"""Negation scope: which clauses of a sentence turn a wish down.

"I definitely don't want to be in charge of people" names authority only to refuse it. A cue from
coach/data/analyze.toml [negation] (don't want, rather not, never, no longer, not to be, …) opens a scope that
runs to the end of its clause (punctuation, "but", "because", "I want", …). Motivations are read on what is
left of the sentence; inside the scope only the [negation_keeps] cues count, because turning down the
opposite of a motivation ("I don't want to be micromanaged") is that motivation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coach import lexicon

_LEADING_JOIN = re.compile(r"^(?:(?:but|and|so|yet|though|although|because|since|instead|whereas)\b[ ,]*)+", re.IGNORECASE)
MIN_KEPT_WORDS = 3  # a leftover shorter than this ("Honestly", "I") says nothing on its own


@dataclass(slots=True)
class Clause:
    text: str
    start: int  # offsets in the sentence
    end: int
    negated: bool


@dataclass(slots=True)
class Scoped:
    sentence: str
    clauses: list[Clause] = field(default_factory=list)

    @property
    def negated(self) -> bool:
        return any(c.negated for c in self.clauses)

    def kept(self) -> list[Clause]:
        """The clauses not turned down that have something to say, in order."""
        return [c for c in self.clauses if not c.negated and len(re.findall(r"[\w']+", c.text)) >= MIN_KEPT_WORDS]

    def refused(self) -> list[Clause]:
        return [c for c in self.clauses if c.negated]


def _boundaries(sentence: str) -> list[tuple[int, int]]:
    """Spans of the sentence that separate clauses."""
    spans = []
    for p in lexicon.group("negation", "scope_ends"):
        for m in p.finditer(sentence):
            if m.end() > m.start() or m.start() > 0:
                spans.append((m.start(), m.end()))
    return sorted(spans)


def split(sentence: str) -> Scoped:
    """The sentence cut into clauses, each marked negated when a negation cue stands in it."""
    out = Scoped(sentence)
    cuts: list[int] = [0]
    for start, end in _boundaries(sentence):
        # a boundary word ("but", "I want") begins the next clause; punctuation ends the previous one
        cut = end if not sentence[start:end].strip()[:1].isalpha() else start
        if cut > cuts[-1]:
            cuts.append(cut)
    cuts.append(len(sentence))
    cues = lexicon.group("negation", "cues")
    for a, b in zip(cuts, cuts[1:]):
        piece = sentence[a:b]
        lead = len(piece) - len(piece.lstrip(" ,;:—–-"))
        text = piece.strip(" ,;:—–-")
        if not text:
            continue
        text = text.rstrip()
        out.clauses.append(Clause(text, a + lead, a + lead + len(text), lexicon.any_match(cues, text)))
    return out


def kept_text(scoped: Scoped) -> str:
    """The longest contiguous stretch of the sentence that holds no refused clause: what is read for motivations."""
    runs: list[list[Clause]] = [[]]
    for c in scoped.clauses:
        if c.negated:
            runs.append([])
        else:
            runs[-1].append(c)
    best = max(runs, key=lambda r: sum(len(c.text) for c in r))
    if not best or not any(c in scoped.kept() for c in best):
        return ""
    text = scoped.sentence[best[0].start : best[-1].end]
    return _LEADING_JOIN.sub("", text)


def keeps(scoped: Scoped) -> dict[str, str]:
    """Motivation -> the refused clause that still expresses it ("don't want to be micromanaged" -> autonomy)."""
    found: dict[str, str] = {}
    table = lexicon.patterns().get("negation_keeps", {})
    for c in scoped.refused():
        for mot, pats in table.items():
            if mot not in found and lexicon.any_match(pats, c.text):
                found[mot] = c.text
    return found
