"""Questions: how many a line asks and of which kind (open, closed, leading, or a confirmation
check of a playback, the coach's one allowed yes/no question).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from coach.guard.rules import _rules
from coach.guard.text import (
    _CLAUSE_SPLIT,
    _LATER_AUX,
    _LATER_COPULA,
    _LATER_WH,
    _NEGATED,
    _PRONOUNS,
    _PSEUDO_CLEFT,
    _SECOND_PERSON,
    _first_words,
    _strip_openers,
)
from coach.lexicon import candidates


def _is_wh_question_start(clause: str) -> bool:
    """A clause that opens a wh-question even without a question mark ("What draws you to that.")."""
    r = _rules()
    words = _first_words(clause, 3)
    if not words:
        return False
    w0 = words[0]
    if w0 in ("what's", "how's", "where's", "who's", "what're", "why's"):
        return True
    if w0 not in r.wh:
        return False
    if len(words) == 1:
        return True
    w1 = words[1]
    if _PSEUDO_CLEFT.match(clause):
        return False  # a statement: "What would really help is a sponsor."
    if w1 in r.aux or w1.split("'")[0] in r.aux:
        return True
    if w1 in _PRONOUNS or w1.startswith(("i'", "you'", "we'", "they'")):
        return False  # embedded clause: "What you want is ...", "How you describe it ..."
    if w1 in r.wh_followers or w1.endswith("s"):
        # pseudo-cleft statements have a later copula: "What matters to you is having a say."
        return not _LATER_COPULA.search(clause[len(w0) + len(w1) + 1 :])
    return False


def _question_core(sentence: str) -> str:
    """The part of a question sentence that is the question proper."""
    r = _rules()
    s = _strip_openers(sentence)
    words = _first_words(s, 1)
    if words and (words[0] in r.subordinate or words[0] not in r.wh | r.aux):
        for clause in _CLAUSE_SPLIT.split(s)[1:]:
            c = _strip_openers(clause)
            first = _first_words(c, 1)
            if first and (first[0] in r.wh or first[0].split("'")[0] in r.wh or first[0] in r.aux or first[0].split("'")[0] in r.aux):
                return c  # "When you picture it, what ...", "And the people side, how does that land?"
    return s


@dataclass(slots=True)
class _Question:  # cached (see _classify_question): never changed after it is made
    text: str
    kind: str  # open | closed | leading | confirmation
    extra: int = 0  # more wh-questions conjoined in the same sentence


def _leading_by_rule(sentence: str) -> bool:
    """Whether a question's form carries its answer ("Don't you think ...", "..., right?")."""
    whole = _strip_openers(sentence)
    return any(p.search(whole) for p in _rules().leading)


@lru_cache(maxsize=1024)
def _classify_question(sentence: str, *, advice: bool, leading: bool | None = None) -> _Question:
    """`leading`, when given, is the decision already made (rules and detector together); None asks
    the leading patterns."""
    r = _rules()
    if advice or (_leading_by_rule(sentence) if leading is None else leading):
        kind = "leading"
    else:
        core = _question_core(sentence)
        words = _first_words(core, 1)
        first = words[0] if words else ""
        base = first.split("'")[0]
        if any(p.search(core) for p in r.confirmation):
            kind = "confirmation"
        elif any(p.search(core) for p in r.invitation_q):
            kind = "open"
        elif base in r.wh:
            kind = "open"
        elif base in r.aux or first in r.aux:
            kind = "closed"
        elif (
            _SECOND_PERSON.search(core)
            or any(p.search(sentence) for p in r.refl_frames)
            or any(p.search(core) for p in candidates(r.complex_cues, core))
        ):
            kind = "confirmation"  # a reflection spoken as a question: checking the playback
        else:
            kind = "closed"  # "Tech lead?", "Any plans to apply?"
    return _Question(sentence, kind, _extra_wh(sentence))


def _extra_wh(sentence: str) -> int:
    """Wh-questions stacked inside one sentence ("What do you enjoy, and what drains you?")."""
    r = _rules()
    core = _question_core(sentence)
    core_pos = max(sentence.find(core), 0)
    first = _first_words(core, 1)
    first_wh = first[0].split("'")[0] if first else ""
    count = 0
    for m in _LATER_WH.finditer(sentence):
        if m.start(1) <= core_pos:
            continue  # this wh-word opens the question proper ("When you picture it, what ...")
        wh, nxt = m.group(1).lower(), (m.group(2) or "").lower()
        if nxt and (nxt in _PRONOUNS or nxt.startswith(("i'", "you'"))):
            continue  # embedded: ", what you want"
        if nxt and not (nxt in r.aux or nxt.split("'")[0] in r.aux or nxt in r.wh_followers or nxt.endswith("s") or nxt == "else"):
            continue
        if wh == first_wh and _NEGATED.search(sentence[m.start() : m.end() + 20]):
            continue  # contrast pair: "Whose job would you want — and whose wouldn't you?"
        count += 1
    # a yes/no question conjoined to another: "How long ..., and has anything changed?"
    count += len(_LATER_AUX.findall(sentence[core_pos + 1 :]))
    return count


def _is_question(sentence: str) -> bool:
    return sentence.endswith("?") or _has_unmarked_question(sentence)


def _find_questions(
    sentences_masked: list[str], advice_flags: list[bool], leading_flags: list[bool | None] | None = None
) -> list[_Question]:
    out: list[_Question] = []
    leads = leading_flags or [None] * len(sentences_masked)
    for s, adv, lead in zip(sentences_masked, advice_flags, leads, strict=True):
        if _is_question(s):
            out.append(_classify_question(s, advice=adv, leading=lead))
    return out


@lru_cache(maxsize=1024)
def _has_unmarked_question(sentence: str) -> bool:
    if sentence.endswith(("?", "!")):
        return sentence.endswith("?")
    s = _strip_openers(sentence)
    if _is_wh_question_start(s):
        return True
    r = _rules()
    first = _first_words(s, 1)
    if first and first[0] in r.subordinate:
        return any(_is_wh_question_start(_strip_openers(c)) for c in _CLAUSE_SPLIT.split(s)[1:])
    return False
