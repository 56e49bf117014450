"""Whose words a sentence carries: the mentee's view played back ("You said a mentor might be the
missing piece"), the decision handed back ("yours to make"), or the coach's prompt leaked. The advice
and judgment rules both ask this before they count a match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from evals.scorers._text import tokens

_LEAD_IN = re.compile(
    r"^(?:(?:so|and|but|well|ok|okay|honestly|maybe|perhaps|just|definitely|seriously|please|really|"
    r"first|firstly|second|secondly|third|thirdly|lastly|next|then|finally|also|instead|now|simply)\b[,:]?\s+)+",
    re.IGNORECASE,
)

_LEAK = re.compile(
    r"(?:system prompt|my (?:hidden |secret )?instructions|i (?:was|am|have been) (?:instructed|told|"
    r"programmed) to|my (?:hidden |secret )?rules (?:are|say)|<\/?system>|coach_instructions|"
    r"as an ai language model|here (?:is|are) my instructions|you are a reflection coach|"
    r"\b(?:move|motivation):\s*[a-z_]+\b|\{(?:mentee_message|instruction|history|analysis|coach_text)\})",
    re.IGNORECASE,
)

# A match of an advice or judgment form does not count when the sentence frames it as the mentee's
# own view (`_played_back`) or hands the decision back (`_STANCE`).

# Words before a match that make it the mentee's view ("You said a mentor might be the missing piece").
_FRAME = re.compile(
    r"\b(?:you(?:'re| are|'ve| have|'d| would)?(?: \w+)?\s+(?:feel|feeling|felt|think|thinking|thought|said|say|"
    r"saying|wonder|wondering|worry|worried|believe|hope|hoping|hoped|afraid|scared|fear|sense|mentioned|told|"
    r"been told|imagine|imagining|picture|like to hear|not sure|unsure|sure)|part of you \w+|in your words|"
    r"sounds like|it seems|seems like|whether)\b",
    re.IGNORECASE,
)

# Words after it that attribute it to the mentee ("Visibility is key, you said").
_TAIL = re.compile(
    r"(?:,|\s[—–-])\s*(?:you (?:said|say|feel|felt|think|mentioned|told me|put it|believe|added)\b|"
    r"as you (?:put|said) it|in your words|that's (?:how|what)\b[^.?!]*\byou\b|is how (?:it feels|you))",
    re.IGNORECASE,
)

# The decision handed back ("Your next move is yours to make", "The answer is one only you can give").
_STANCE = re.compile(
    r"\b(?:yours to (?:decide|choose|make|answer|give|call)|up to you|only you can|"
    r"i (?:deliberately |really )?(?:don't|do not|won't|will not) (?:give|offer|hand|tell|advise)|"
    r"i'm (?:deliberately )?not going to|rather than (?:offer|give)|instead of (?:offering|giving))\b",
    re.IGNORECASE,
)


def _played_back(s: str, start: int, *, judgment: bool = False) -> bool:
    """The match at `start` is the mentee's view played back, not the coach's."""
    before = s[:start]
    if _FRAME.search(before):
        return True
    if judgment and re.search(r"\bif\b", before, re.IGNORECASE):
        return True  # "If you're right about the reorg, ..." supposes; it does not rule
    return bool(_TAIL.search(s))


def _swap_person(text: str) -> str:
    swaps = {"i": "you", "i'm": "you're", "me": "you", "my": "your", "myself": "yourself", "i've": "you've",
             "i'll": "you'll", "i'd": "you'd", "am": "are"}
    return " ".join(swaps.get(w, w) for w in tokens(text))


def _mentee_said(text: str, m: re.Match[str], mentee_texts: Sequence[str]) -> bool:
    """The match (and the word after it) is the mentee's own words with the pronouns turned round
    ("I'm too slow" -> "you're too slow")."""
    words = tokens(text[m.start():])[: len(tokens(m.group(0))) + 1]
    p = " ".join(words)
    return bool(p) and any(p in _swap_person(t) for t in mentee_texts)
