"""Claims about wants: what the mentee denied, and whose want it is, and replies that get it wrong.

Part of the independent hearing scorer (see evals/turn_quality.py): nothing from `coach` is imported.
A mentee message can deny something ("it isn't about the money", "I don't want to manage"), rank it second
("teaching more than fixing bugs", "less about the title") or give someone else's want ("my wife thinks I
should go back to school"). A reply errs when a clause asserts the denied thing as the mentee's ("what
would more money mean for you?") or presents the other person's want as theirs ("so law school is what
you're reaching for") without saying whose it is.

    negated_targets(text)      what a message denies or ranks second
    holder_wants(text)         wants a message gives to someone else
    negation_errors(reply, t)  clauses of a reply that assert a denied target
    holder_errors(reply, t)    clauses of a reply that make another person's want the mentee's
    reasserted(text, t)        the mentee now claims a denied target themselves ("okay, money matters a bit")
    owns_it(text)              the mentee now owns a want first given to someone else ("I want it too")
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from evals import scorers

__all__ = ["Target", "holder_errors", "holder_wants", "negated_targets", "negation_errors", "owns_it", "reasserted"]

#: Stock framing: sharing one of these words is not content (kept in step with turn_quality.STOCK_VOCAB).
STOCK_VOCAB = frozenset(
    ["sound", "sounds", "seem", "seems", "hear", "hearing", "heard", "underneath", "beneath", "words", "word", "mean", "means", "matter", "matters", "stand", "stands", "tell", "share", "talk", "picture", "imagine", "part", "sense", "deeper", "runs", "true", "right", "moment", "bit", "own", "feel", "feels", "feeling", "felt"]
)


def _norm(text: str) -> str:
    return scorers.normalize(text or "")


def _lemma_set(words: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for w in words:
        out |= scorers.lemmas(w)
    return out



# What the mentee can deny, and the words that stand for it in a reply.
_SYNONYMS = {
    "money": "money pay paycheck paycheque salary earn earning bonus income raise compensation rich wealth",
    "title": "title titles rank status",
    "manage": "manage managing manager management reports",
    "fame": "fame famous celebrity",
    "credit": "credit",
}
_SYN_LEMMAS = {k: _lemma_set(v.split()) for k, v in _SYNONYMS.items()}

_NEG_PATTERNS = [
    # "isn't about a bigger paycheck", "not for the fame", "never about the title", "not doing this for the money"
    re.compile(r"(?:\bnot|n't|\bnever)\s+(?:really\s+|just\s+|only\s+|even\s+|all\s+|so\s+much\s+)?"
               r"(?:doing\s+(?:this|it)\s+)?(?:about|for|in\s+it\s+for|because\s+of|after|chasing|looking\s+for)\s+"
               r"((?:[\w'-]+\s+){0,3}[\w'-]+)", re.IGNORECASE),
    # "it's not the money", "not the title, the judgement"
    re.compile(r"(?:^|[,.;:!?]\s*|\b(?:it'?s|it\s+is|that'?s|this\s+is|it\s+was)\s+)not\s+((?:the|a|my|any)\s+[\w'-]+(?:\s+[\w'-]+)?)",
               re.IGNORECASE),
    # "less about the title", "more than about the bonus", "rather stay technical than chase quota"
    re.compile(r"\b(?:less\s+about|than(?:\s+about)?|instead\s+of)\s+((?:[\w'-]+\s+){0,3}[\w'-]+)", re.IGNORECASE),
    # "I don't want to manage people", "I never wanted partnership", "I don't care about the title"
    re.compile(r"\bi\s+(?:really\s+|just\s+|honestly\s+)?(?:don'?t|do\s+not|never|wouldn'?t|won'?t|didn'?t)\s+"
               r"(?:really\s+|even\s+|ever\s+)?(?:want(?:ed)?|wanna|need|like|love|care\s+(?:about|for)|see\s+myself)\s+"
               r"(?:to\s+(?:be\s+|become\s+|do\s+|go\s+(?:into\s+)?|have\s+|run\s+|spend\s+(?:my\s+time\s+on\s+)?)?)?"
               r"((?:[\w'-]+\s+){0,2}[\w'-]+)", re.IGNORECASE),
    # "I'm not jealous", "I'm not looking for applause", "I am not angry about the title"
    re.compile(r"\bi(?:'m|\s+am)\s+not\s+(?:really\s+|just\s+|even\s+)?(?:looking\s+for\s+|after\s+|chasing\s+|"
               r"interested\s+in\s+|angry\s+about\s+|worried\s+about\s+|in\s+it\s+for\s+)?((?:[\w'-]+\s+){0,3}[\w'-]+)", re.IGNORECASE),
    # "money doesn't matter (to me)"
    re.compile(r"\b((?:the\s+)?[\w'-]+)\s+(?:doesn'?t|does\s+not|don'?t|do\s+not|never)\s+(?:really\s+)?matter", re.IGNORECASE),
]
# Heads that are grammar, not a thing the mentee denied ("I'm not sure", "not that bad").
_NOT_A_TARGET = frozenset(
    ["sure", "going", "saying", "trying", "that", "this", "it", "something", "anything", "everything", "quite", "yet", "exactly", "entirely", "enough", "totally", "very", "much", "just", "only", "able", "allowed", "supposed", "gonna", "wanna", "doing", "done", "bad", "good", "fine", "right", "wrong", "true", "real", "okay", "ok", "anyone", "anybody", "everyone", "everybody", "somebody", "someone", "one", "thing", "things", "way", "time", "times", "people", "person", "know", "think", "mean", "said", "say", "tell", "big", "bigger", "more", "less", "higher", "larger", "role", "job", "position", "next", "year", "years", "week", "month", "day", "today", "tomorrow", "idk"]
)
_NOT_COMPARED = frozenset(["anyone", "anybody", "everyone", "everybody", "ever", "before", "usual", "most", "others", "i", "me", "you", "expected", "that", "this", "it", "i'd", "i've", "i'm", "we", "they", "he", "she", "any"])
_CONTRAST = re.compile(
    r"\b(?:not|n't|never|no\s+longer|less|than|instead\s+of|without|beyond|"
    r"isn't|wasn't|aren't|doesn't|don't|didn't|nor|neither)\b|n't\b",
    re.IGNORECASE,
)
_ASSERT = re.compile(
    r"\byou(?:'d|\s+would|'re|\s+are)?\s+(?:really\s+|also\s+|still\s+|truly\s+)?(?:want|wants|wanting|like|love|enjoy|"
    r"prefer|need|crave|miss|care\s+about|value|after|reaching|drawn|looking\s+for|hope|hoping|dream|longing|"
    r"keen|excited\s+about|thinking\s+(?:of|about)|planning|considering)\b|"
    r"\b(?:matters?\s+(?:to|for)\s+you|important\s+to\s+you|appeals?\s+to\s+you|draws?\s+you|pulls?\s+(?:at\s+)?you|"
    r"motivat\w*|drives?\s+you|is\s+what\s+you(?:'re|\s+are)?\b(?!r)|for\s+you,?\s+it'?s|your\s+goal|wanting|"
    r"nothing\s+to\s+be\s+embarrassed|what\s+would\s+(?:more\s+|the\s+|a\s+)?\w+\s+(?:mean|give|bring|change)|"
    r"(?:is\s+)?what'?s\s+(?:been\s+)?missing)",
    re.IGNORECASE,
)
_MONEY_MORE = re.compile(r"\b(?:earn(?:ing)?\s+more|more\s+money|bigger\s+(?:pay|salary|paycheck|bonus)|higher\s+(?:pay|salary))\b", re.IGNORECASE)
_CLAUSE = re.compile(r"\s*(?:[,;:—–]|\s-\s|\bbut\b|\band\b|\bwhile\b)\s*", re.IGNORECASE)


@dataclass(slots=True)
class Target:
    """Something the mentee said about a want: denied by them, or held by someone else."""

    words: frozenset[str]  # content lemmas that stand for it
    phrase: str  # the mentee's words, for the report
    holder: str = ""  # "wife", "manager"... for someone else's want
    turn: int = 0  # the mentee message it came from (0-based)


def _target_words(phrase: str) -> frozenset[str]:
    words = [w for w in scorers.content_words(phrase)
             if w not in _NOT_A_TARGET and w not in STOCK_VOCAB and w not in _GENERIC_VERBS]
    words = words[:3]
    out: set[str] = set()
    for w in words:
        lem = scorers.lemmas(w)
        out |= lem
        for syn in _SYN_LEMMAS.values():
            if lem & syn:
                out |= syn
    return frozenset(out)


def negated_targets(text: str, turn: int = 0) -> list[Target]:
    """What a mentee message denies or ranks second: "not about the money", "more than the bonus"."""
    out: list[Target] = []
    for sent in scorers.sentences(_norm(text)):
        for pat in _NEG_PATTERNS:
            for m in pat.finditer(sent):
                phrase = m.group(1)
                if phrase.split()[0].lower() in _NOT_COMPARED:
                    continue  # "more than anyone", "better than ever": a degree, not a losing side
                if re.search(r"\b(?:if|when|unless)\s*$", sent[: m.start()], re.IGNORECASE):
                    continue  # "if I'm not learning I get restless": a condition, not a denial
                if pat is _NEG_PATTERNS[3] and _SOMEONE_TO.match(phrase):
                    continue  # "I never want my kids to see me...": the action is denied, not the kids
                words = _target_words(phrase)
                if words and all(t.words != words for t in out):
                    out.append(Target(words, phrase.strip(), turn=turn))
    return out


_SOMEONE_TO = re.compile(r"^(?:my|me|them|him|her|it|that|this|people|someone|anyone|you)\b", re.IGNORECASE)

_HOLDERS = (
    r"wife|husband|partner|fianc[ée]e?|boyfriend|girlfriend|manager|boss|mum|mom|mother|dad|father|parents|family|"
    r"friends?|sister|brother|son|boy|daughter|kids|children|director|vp|ceo|cfo|lead|supervisor|advisor|adviser|"
    r"co-?founder|colleagues?|team|head\s+teacher|head|principal|charge\s+nurse|cousin|jefe|chef|ex|investors|"
    r"mentor|teacher|uncle|aunt|grandma|grandpa|papa|mummy|mama|in-laws|hr|chairman"
)
_HOLDER_WANT = re.compile(
    r"\b(?:(?:my|our)\s+(?:[\w-]+\s+){0,2}?(?P<h1>" + _HOLDERS + r")|(?P<h2>everyone|people|they|he|she))\s+"
    r"(?:[\w-]+\s+){0,2}?(?:wants?|thinks?|says?|said|keeps?\s+(?:saying|telling\s+me|asking|pushing)|expects?|"
    r"insists?|would\s+like|(?:is|are)\s+pushing|push(?:es)?|believes?|suggests?|(?:ha(?:ve|s)\s+)?told\s+(?:me|everyone|people)|"
    r"tells\s+me|reckons?|"
    r"calls?\s+it)\b(?P<rest>[^.!?]*)",
    re.IGNORECASE,
)
_GENERIC_VERBS = frozenset(["go", "get", "take", "do", "make", "be", "become", "move", "apply", "join", "stay", "start", "work", "keep", "try", "run", "running", "have"])
_OWN_IT = re.compile(r"\bi\s+(?:also\s+|really\s+|do\s+|actually\s+)?(?:want|'d\s+like|would\s+like|'d\s+love|would\s+love)\b"
                     r"[^.!?]*\b(?:too|as\s+well|it|that|myself)\b|\bi\s+want\s+it\s+too\b|\bnot\s+just\s+(?:him|her|them)\b",
                     re.IGNORECASE)


def holder_wants(text: str, turn: int = 0) -> list[Target]:
    """Wants a mentee message attributes to someone else: "my wife thinks I should go back to school"."""
    out = []
    for sent in scorers.sentences(_norm(text)):
        for m in _HOLDER_WANT.finditer(sent):
            holder = (m.group("h1") or m.group("h2") or "").lower()
            # only the wanted thing: "me to apply for the educator role" of "... role but idk if im smart enough"
            rest = re.split(r"\b(?:but|and|because|though|although|so|which|if)\b|[,;:—–]", m.group("rest"), maxsplit=1)[0]
            words = [w for w in scorers.content_words(rest)
                     if w not in _GENERIC_VERBS and w not in _NOT_A_TARGET and w not in STOCK_VOCAB
                     and w not in {"should", "me", "i"}][:4]
            if words:
                out.append(Target(frozenset(_lemma_set(words)), rest.strip(), holder=holder, turn=turn))
    return out


def _clauses(sentence: str) -> list[str]:
    return [c for c in _CLAUSE.split(sentence) if c and c.strip()]


def _hits(words: frozenset[str], text: str) -> bool:
    return any(scorers.lemmas(w) & words for w in scorers.content_words(text))


def negation_errors(reply: str, denied: Sequence[Target]) -> list[str]:
    """Clauses of the reply that assert, as the mentee's, something the mentee denied."""
    errors = []
    for sent in scorers.sentences(_norm(reply)):
        for clause in _clauses(sent):
            if _CONTRAST.search(clause):
                continue
            for t in denied:
                if not _hits(t.words, clause):
                    continue
                money = bool(t.words & _SYN_LEMMAS["money"])
                if _ASSERT.search(clause) or (money and _MONEY_MORE.search(clause)):
                    errors.append(f"asserts denied {t.phrase!r}: {clause.strip()!r}")
                    break
    return errors


_HOLDER_MENTION = re.compile(r"\b(?:his|her|their|he|she|they|them|him|its|idea|suggest\w*|" + _HOLDERS + r")\b", re.IGNORECASE)


# "What draws you to that?" after playing back another person's want presumes the mentee shares it.
_ANAPHOR_ASSERT = re.compile(
    r"\b(?:draws?|pulls?)\s+you\s+(?:to|toward)\s+(?:that|it|this|the\s+idea)\b|\bappeals?\s+to\s+you\b|"
    r"\bwhat\s+would\s+(?:that|it)\s+give\s+you\b|\bexcites?\s+you\s+about\s+(?:that|it)\b|\bthe\s+pull\s+of\b",
    re.IGNORECASE,
)
_STANCE = re.compile(r"\bwhere\s+do\s+you\s+stand\b|\bwhat\s+do\s+you\s+make\s+of\b|\bhow\s+do\s+you\s+feel\s+about\b|"
                     r"\byour\s+own\s+(?:view|take)\b|\bwhat\s+do\s+you\s+(?:yourself\s+)?(?:want|think)\b|\bwhose\b|"
                     r"\b(?:his|her|their)\s+idea\b", re.IGNORECASE)


def holder_errors(reply: str, held: Sequence[Target], current: int | None = None) -> list[str]:
    """Clauses of the reply that present someone else's want as the mentee's own; with `current` (the
    mentee message being answered), also a reply that plays back a want given there and then asks what
    draws the mentee to it."""
    errors = []
    text = _norm(reply)
    fresh = [t for t in held if current is not None and t.turn == current]
    if fresh and _ANAPHOR_ASSERT.search(text) and not _STANCE.search(text):
        for t in fresh:
            if _hits(t.words, text):
                errors.append(f"presumes {t.holder}'s want is theirs ({t.phrase!r}): {_ANAPHOR_ASSERT.search(text).group(0)!r}")
                break
    for sent in scorers.sentences(text):
        if _HOLDER_MENTION.search(sent):
            continue  # the reply says whose want it is
        for clause in _clauses(sent):
            for t in held:
                if _hits(t.words, clause) and _ASSERT.search(clause) and not re.search(r"\bwhere\s+do\s+you\s+stand\b", clause, re.IGNORECASE):
                    errors.append(f"makes {t.holder}'s want theirs ({t.phrase!r}): {clause.strip()!r}")
                    break
    return errors


def reasserted(text: str, t: Target) -> bool:
    """The mentee now claims the denied thing themselves ("okay fine, money matters a bit")."""
    for sent in scorers.sentences(_norm(text)):
        for clause in _clauses(sent):
            if _hits(t.words, clause) and not _CONTRAST.search(clause):
                return True
    return False




def owns_it(text: str) -> bool:
    return bool(_OWN_IT.search(_norm(text)))
