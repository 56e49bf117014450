"""Whether a piece of the mentee's words can stand in a reflection's frame, or would come out garbled.

The offline voice fills frames ("It sounds like {clause}.", "So {x} isn't the point; {y} is.") with
spans cut from the message and pruned (compress.py). When the cut goes wrong, a reader gets "So in your
family.", "the thing is.", "What draws you to like?" or half a sentence in Polish: words of theirs, but
nothing they said. Two blind reads found this the commonest poor reply (13 of 61 in batch 5). The regex
shapes that choose spans cannot all foresee it, so every value is checked here, once, where frames are
filled (lines.Picker.line): a value that fails makes the frame unusable, and the realizer goes on to its
next way of saying it (a shorter reflection, a quote of one sentence, a question).

The checks are about form only, not meaning, and each is one a reader would name:
- nothing of theirs in it: only pronouns, fillers and function words ("the thing", "what it is", "like");
- cut off mid-phrase: it ends on an article, a possessive or a conjunction ("…and now their");
- a clause with its subject cut away: it starts on a finite verb ("is less than the dry cleaner");
- a bare preposition phrase where a clause belongs ("in your family");
- another language's words inside an English frame ("you szczerze mam dość");
- a pronoun mirrored into nonsense: "if you tell me to…" said back as "if you tell you to…" (their "you"
  meant the coach or anyone; the mirror made it the mentee twice);
- sentences glued into one frame ("What I'm hearing is that you are 44. your parents live with you…");
- a word cut in half by a length limit ("the managers who've never seen dayli"): `cut_word`, which needs the
  message itself.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)

# Words that say nothing of the person on their own (a value made only of these is empty).
_EMPTY = frozenset("""a an the this that these those it its it's they them their theirs he him his she her hers we us our
you your yours i me my mine myself yourself one ones thing things stuff something anything everything nothing
what which who whom whose when where why how whether if then so and or but nor because as than like just really
very quite kind sort of in on at to for from with about by into onto over under is are was were am 's 're
not no yes yeah yep ok okay well oh ah um uh lol haha tho though too also only even still all some any more most
much many there here now again ever never always literally basically actually honestly maybe perhaps point lot
bit""".split())
# One word alone says nothing when it is one of these ("What draws you to like?", "What is it about no?").
_EMPTY_ALONE = frozenset("""like thing things stuff it that this what which so really just yeah yes no ok okay well um
lol then there here one actually basically literally honestly""".split())

# A value may not end on one of these: the phrase it belonged to was cut off.
_DANGLING_END = frozenset("""a an the my your our their its whose and or but nor because than if whether
that's which who very really quite""".split())

# A value for a clause slot may not start on one of these: its subject was cut away.
# ("can't afford to start again" is their own dropped "I", and reads as said: never a reason to refuse.)
_FINITE_START = frozenset("""is are was were isn't aren't wasn't weren't has hasn't does doesn't""".split())

_PREPOSITION = frozenset("in on at for from with about by into onto over under through to of".split())
_VERBISH = re.compile(r"\b(?:is|are|was|were|am|be|been|being|have|has|had|do|does|did|can|could|will|would|should|"
                      r"may|might|must|'s|'re|'m|'ve|'d|'ll|n't)\b|\w(?:ed|ing)\b", re.I)

# Slots that carry what they said (the others hold a quote, a name, a holder, a verb or a date: verbatim or
# tiny by design).
_CONTENT = frozenset("""clause x y z object exact gerund content rest left right phrase span said meaning topic goal
alt loser winner news event fear reason cause result condition condition_np state prev aside a b x_about about
clause_gerund""".split())
# Slots that hold a clause (a frame like "It sounds like {clause}." needs a subject and a verb).
_CLAUSE_SLOTS = frozenset({"clause"})


_ABBREVIATION = frozenset("st dr mr mrs ms vs etc e.g i.e g e i no approx dept jr sr".split())

_SUBORDINATOR = frozenset({"when", "whenever", "if", "because", "while", "although", "though", "unless", "until", "once"})


@lru_cache(maxsize=2048)
def garbled(value: str, slot: str = "clause") -> str | None:
    """Why `value` cannot fill `slot` without reading as garbled; None when it can."""
    if slot not in _CONTENT or not value.strip():
        return None
    words = [w.lower().replace("’", "'") for w in _WORD.findall(value)]
    if not words:
        return None  # digits or symbols only: the frame decides
    if len(words) == 1 and words[0] in _EMPTY_ALONE or len(words) >= 2 and all(w in _EMPTY for w in words):
        return "nothing of theirs"
    last = value.split()[-1].strip(".,;:!?\"'”’)").lower()
    if len(words) >= 2 and last in _DANGLING_END and not value.rstrip().endswith(("?", "!")):
        return "cut off"
    if slot in _CLAUSE_SLOTS and len(words) >= 3:
        if words[0] in _FINITE_START:
            return "subject cut away"
        if words[0] in _PREPOSITION and not _VERBISH.search(value):
            return "a bare phrase"
        if words[0] in _SUBORDINATOR and len(words) <= 10 and "and" not in words and _verbs(value) < 2:
            return "half a sentence"  # "when you find one real incident." with nothing of what happens then
    if re.search(r"\b(?:is|are|was|were|am|be|'s)\s+(?:and|but|or|so)\b", value, re.I):
        return "cut off"  # "your daughter is and she cried…": what she is was pruned away
    if any(m.group(1).lower() not in _ABBREVIATION for m in re.finditer(r"(\w+)[.!?]\s+[a-z]", value.rstrip(".!? "))):
        return "sentences glued"  # "you are 44. your parents live with you…": two sentences run into one frame
    if _foreign(value):
        return "another language"
    if _SELF_TWICE.search(value):
        return "a pronoun mirrored twice"
    return None


# "you tell you", "whether you can even tell you this", "cared more about work than about you" after "you":
# a mirrored "me"/"us" meeting the mentee's own "you" (the coach, or anyone). English says "yourself" for one
# person doing it to themselves, so the pair never reads as meant.
_SELF_TWICE = re.compile(
    r"\byou(?:'ll|'d|'re| will| would| can| could| should| might| do| did| don't| didn't| can't| won't)?"
    r"(?: \w+)? (?:tell|told|ask|asked|asking|trust|trusted|help|helped|make|made|let|give|gave|show|showed|"
    r"pay|paid|call|called|send|sent|judge|judged|misunderstood|misread|push|pushed|blame|blamed|rate|rated|hire|hired|"
    r"owe|owed)s? you\b(?!['’])(?!\s+(?:could|can|would|will|should|might|must|were|are|had|have|did|do|was)\b)", re.I)


def cut_word(value: str, message: str) -> bool:
    """Whether `value` ends on part of a word that the message has whole ("dayli" of "daylight"): a span cut
    at a fixed length. A word the message also has on its own is whole."""
    m = re.search(r"([^\W\d_]{2,})\W*$", value)
    if m is None:
        return False
    tail = m.group(1).lower()
    words = {w.lower() for w in _WORD.findall(message)}
    if tail in words or tail in {"you", "your", "yours", "yourself", "i", "me", "my", "mine"}:
        return False
    return any(w.startswith(tail) and len(w) > len(tail) for w in words)


def _verbs(value: str) -> int:
    """Verbs in `value` by the parser (a main clause after an "if"/"when" clause makes two); without it, enough."""
    from coach.analyze.parse import parse

    doc = parse(value)
    return 2 if doc is None else sum(1 for t in doc if t.pos_ in ("VERB", "AUX"))


def _foreign(value: str) -> bool:
    """Another language's words inside the value: two of them, or one beside a word no English list knows
    ("szczerze mam"), or a third of the value. One loan or dialect word ("yaar", "sous", "my da was a
    scaffolder") is English as people type it. Capitalized words are names unless spelled with letters English
    does not use ("Stała pensja")."""
    from coach import spelling
    from coach.analyze.langid import foreign_word

    words = _WORD.findall(value)
    marks = [foreign_word(w) and (not w[:1].isupper() or not w.isascii()) for w in words]
    n = sum(marks)
    if n == 0:
        return False
    if n >= 2 or 3 * n >= len(words):
        return True
    checker = spelling.load()
    if checker is None:
        return False
    i = marks.index(True)
    beside = [w.lower() for w in words[max(0, i - 1):i + 2] if len(w) >= 4 and not w[:1].isupper() and not foreign_word(w)]
    return bool(beside) and bool(checker.unknown(beside))


def fits(fill: dict[str, str]) -> bool:
    """Whether every value of a frame's fill can stand in it."""
    return all(garbled(v, k) is None for k, v in fill.items() if isinstance(v, str))
