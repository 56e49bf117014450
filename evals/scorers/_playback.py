"""The scorer `playback(coach_text, mentee_texts) -> PlaybackResult`: is a reflection faithful to what
the mentee said (no invented content, pronouns swapped, quotes exact, polarity kept)?
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from evals.scorers._advice import _INVITING
from evals.scorers._framing import _LEAD_IN, _LEAK
from evals.scorers._judgment import _NEGATION
from evals.scorers._questions import _question_type
from evals.scorers._rule_verdict import _META
from evals.scorers._text import (
    ALLOWED_NEW,
    QUOTE_PLACEHOLDER,
    STOPWORDS,
    _known,
    content_words,
    lemma_bag,
    lemmas,
    normalize,
    quoted_spans,
    sentences,
    tokens,
    without_quotes,
)

_FIRST_PERSON = ("i", "i'm", "i've", "i'd", "i'll", "my", "me", "myself", "mine", "im", "ive")

# The coach's own first person ("I'm hearing", "I deliberately don't advise") is legitimate.
_COACH_VOICE = re.compile(
    r"^(?:i(?:'m| am)? (?:hear|hearing|notice|noticing|wonder|wondering|glad|really glad|here|going to|"
    r"curious|concerned|not going|deliberately|don't|do not|won't|can't|want to (?:be|make sure|check|"
    r"understand|stay)|'d like to|would like to|might be|may be|could be|sense|get the sense|see|also|"
    r"just|still|think i|imagine|picture)|my (?:role|job here|aim|understanding|sense|guess|question)|me (?:ask|check|make))",
    re.IGNORECASE,
)

_NUMBER = re.compile(r"\b\d[\d,.]*%?|\b(?:two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand|million)\b", re.IGNORECASE)

_NEG_MENTEE = re.compile(
    r"\bi\s+(?:really\s+|just\s+)?(?:don't|do not|never|can't|cannot|won't|wouldn't|didn't|am not|'m not)\s+"
    r"(?:really\s+|even\s+)?(?:want to\s+|need to\s+|like\s+|see myself\s+)?(\w+)",
    re.IGNORECASE,
)

_PLAYBACK_START = re.compile(
    r"^(?:so\b|sounds like|it sounds|that sounds|it seems|seems like|part of you|what i'm hearing|i'm hearing|"
    r"i hear|you said|you're saying)",
    re.IGNORECASE,
)


def _about_mentee(sentence: str) -> bool:
    """A playback is a statement about the mentee. General lines ("thinking about leaving is normal")
    and invitations ("Picture having a say...") are not playbacks, so they are not held to the mentee's words."""
    core = _LEAD_IN.sub("", normalize(sentence)).strip()
    if _INVITING.match(core) or re.match(r"^let me\b", core, re.IGNORECASE):
        return False
    if _PLAYBACK_START.match(normalize(sentence).strip()):
        return True
    return bool(re.search(r"\b(?:you|your|you're|you've|you'd|yourself)\b", core, re.IGNORECASE))


@dataclass(slots=True)
class PlaybackResult:
    faithful: bool
    invented: list[str] = field(default_factory=list)  # words of sentences that add content (>= max_novel new words, or a new number/name)
    novel: list[str] = field(default_factory=list)  # every new content word, flagged or not (for reading)
    unswapped: list[str] = field(default_factory=list)  # mentee's first person left in the coach's mouth
    misquoted: list[str] = field(default_factory=list)  # quoted spans that are not the mentee's words
    polarity: list[str] = field(default_factory=list)  # "I don't want to manage" -> "you want to manage"
    checked_sentences: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _ngrams(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def playback(
    coach_text: str, mentee_texts: Sequence[str] | str, *, extra_allowed: Iterable[str] = (), max_novel: int = 2
) -> PlaybackResult:
    """Check that the reflective parts of a coach turn say nothing the mentee did not say.

    Checked: (1) quoted spans must be the mentee's words (every content word found in the recent
    mentee turns); (2) reflective sentences (declarative sentences and statement-like questions that
    address the mentee) may add only allowed words — motivation names, feelings, reflective framing —
    besides the mentee's own (lemma/stem overlap); one new word per sentence is tolerated as
    paraphrase, `max_novel` or more flag it; numbers and capitalised names must come from the mentee; (3) the mentee's first person is not left unswapped ("I want to lead" in the coach's mouth
    meaning the mentee); (4) a negated statement is not played back un-negated.
    """
    mentee_texts = [mentee_texts] if isinstance(mentee_texts, str) else list(mentee_texts)
    bag = lemma_bag(mentee_texts)
    allowed = set(ALLOWED_NEW) | {w.lower() for w in extra_allowed} | {QUOTE_PLACEHOLDER.lower()}
    res = PlaybackResult(faithful=True)
    mentee_joined = " ".join(normalize(t) for t in mentee_texts)
    mentee_lower = mentee_joined.lower()

    for span in quoted_spans(coach_text):
        missing = [w for w in content_words(span) if not _known(w, bag)]
        if missing:
            res.misquoted.append(span)

    mentee_words = tokens(mentee_joined)
    mentee_ngrams = {n: _ngrams(mentee_words, n) for n in (3, 4)}
    for sent in sentences(coach_text):
        s = without_quotes(sent)
        ends_q = s.rstrip(" \"”')").endswith("?")
        if ends_q and _question_type(sent) != "declarative":
            # a real question: only the part before the question proper can be a playback
            parts = re.split(r"[—–:]|\s-\s|,\s(?=(?:what|how|who|which|where|when|why)\b)", s, flags=re.IGNORECASE)
            if len(parts) < 2:
                continue
            s = " ".join(parts[:-1])
        if _META.search(s) or _LEAK.search(s) or not _about_mentee(s):
            continue
        res.checked_sentences += 1
        novel = [
            w for w in content_words(s)
            if w not in allowed and not _known(w, bag) and not (lemmas(w) & (allowed | STOPWORDS))
        ]
        res.novel += novel
        facts = [m.group(0) for m in _NUMBER.finditer(s) if m.group(0).lower() not in mentee_lower]
        facts += [
            name for name in re.findall(r"(?<=\w\s)[A-Z][a-z]{2,}\b", s)
            if name.lower() not in mentee_lower and name != QUOTE_PLACEHOLDER
        ]
        # One new word is paraphrase ("having a hand in"); two or more, or any new number or name,
        # is content the mentee did not give.
        if len(novel) >= max_novel or facts:
            res.invented += novel + facts
        # unswapped first person: an n-gram starting at I/my/me that the mentee said, in the coach's voice
        words = tokens(s)
        for i, w in enumerate(words):
            if w not in _FIRST_PERSON:
                continue
            if _COACH_VOICE.match(" ".join(words[i:])):
                continue
            for n in (4, 3):
                gram = tuple(words[i : i + n])
                if len(gram) == n and gram in mentee_ngrams[n]:
                    res.unswapped.append(" ".join(gram))
                    break
        # polarity: the mentee negated a verb; the coach plays it back without the negation
        for m in _NEG_MENTEE.finditer(mentee_joined):
            verb = m.group(1).lower()
            if verb in STOPWORDS:
                continue
            pos = re.search(r"\byou(?:'d| would)?\s+(?:really\s+|just\s+)?(?:want to\s+|need to\s+|like\s+|see yourself\s+)?" + re.escape(verb) + r"\b", s, re.IGNORECASE)
            if pos and not _NEGATION.search(s[max(0, pos.start() - 30) : pos.end()]):
                res.polarity.append(pos.group(0))
    res.faithful = not (res.invented or res.unswapped or res.misquoted or res.polarity)
    return res
