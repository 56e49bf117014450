"""Whether a message asks the coach about itself, read from the parse rather than from a list of phrasings.

The cue list in coach/data/hearing.toml ([acts] question_coach) knows the phrasings earlier readers typed
("are you a bot?", "what's the point of these questions?"). New people find new ones: "have you ever been
fired?", "are you even a real person or what", "do you get bored of people whining at you". Two blind reads
found such questions answered with a stock probe. What they share is grammar: a question whose subject is
"you", with a verb of being, having or doing, asked of the coach itself.

Not a question to the coach:
- generic "you": "how do you know when it's time to leave?" asks how anyone knows (a request, heard elsewhere);
- a request: "can you list…", "could you just tell me…", "would you take it?" (can/could/would/will/should);
- a view on their life: "do you think I should…", "do you reckon my boss…";
- a tag or a figure of speech: "you know?", "are you kidding me?", "can you believe it?".

`topic` says what kind of thing was asked, so the answer can fit it: "lived" (the coach's own life or work:
"have you ever been fired?", "do you have kids?") or "being" (what it is: "are you even real?"). Anything else
in "you" ("do you have a minute", "have you heard of scrum?") is left to the rest of the hearing.
"""

from __future__ import annotations

import re
from typing import Any

from coach.analyze.parse import parse

_YOU = frozenset({"you", "u", "ya", "yu"})
#: auxiliaries that ask about the coach itself; can/could/would/will/should make a request or a hypothetical
_ASKING_AUX = frozenset({"are", "r", "were", "have", "has", "did", "do", "does", "is"})
#: verbs that ask their view on their own life, or ask for something: never the coach's own being
_VIEW_OR_REQUEST = frozenset("""think reckon believe suggest recommend advise mean know see understand hear want
need imagine say tell give help mind kid kidding joke joking agree remember""".split())
#: how anyone does it: "how do you know when…", "what do you do when…"
_GENERIC = re.compile(r"^\W*(?:so\s+|but\s+|and\s+|like\s+)?(?:how|when|what)\s+(?:do|does|would|can|could|should)\s+(?:you|u)\b", re.I)
_FIGURE = re.compile(r"\b(?:you know|ya know|y'?know|know what i mean|are you (?:kidding|joking|serious)|can you believe|"
                     r"you see|see what i mean|get what i mean|(?:get|got) (?:that|it|me)\b|if you (?:will|like)|mind you|thank you|thank u)\b", re.I)
_LIVED = re.compile(r"\b(?:ever|been|job|jobs|work(?:ed|ing)?|boss|career|fired|sacked|hired|laid off|redundant|quit|kids?|"
                    r"children|family|wife|husband|married|paid|salary|degree|school|promot\w*|manager|retire\w*|"
                    r"weekend|holiday|day off|tired|bored|lonely|happy|sad)\b", re.I)
_BEING = re.compile(r"\b(?:real|person|human|alive|conscious|bot|robot|ai|program\w*|machine|computer|people|somebody|"
                    r"someone|thinking|feel\w*|listening|actually|even)\b", re.I)


def asks_the_coach(text: str) -> str | None:
    """The topic ("lived" or "being") when `text` asks the coach about itself; None when it does not."""
    if not text or len(text.split()) > 30 or _FIGURE.search(text):
        return None
    doc = parse(text)
    if doc is None:
        return None
    for sent in doc.sents:
        topic = _asked(sent)
        if topic is not None:
            return topic
    return None


def _asked(sent: Any) -> str | None:
    words = [t for t in sent if not t.is_punct and not t.is_space]
    if len(words) < 2 or _GENERIC.search(sent.text):
        return None
    question = sent.text.rstrip().endswith("?")
    first = words[0].lower_
    # "have you ever been fired", "r u even real", "do u get bored…": the auxiliary before "you"
    inverted = first in _ASKING_AUX and len(words) > 1 and words[1].lower_ in _YOU
    wh = first in ("what", "why", "where", "who", "how") and len(words) > 2 and words[1].lower_ in _ASKING_AUX and words[2].lower_ in _YOU
    if not (inverted or wh and question):
        return None
    you = words[1] if inverted else words[2]
    verb = you.head
    if verb.lemma_.lower() in _VIEW_OR_REQUEST or verb.lower_ in _VIEW_OR_REQUEST:
        return None
    rest = sent[you.i - sent.start + 1:].text
    if re.search(r"\b(?:i|i'm|im|my|mine|i've|ive)\b", rest, re.I):
        return None  # "do you have time for my thing", "are you saying I'm lazy": about them, not the coach
    if _LIVED.search(rest) and not _BEING.search(rest) or re.search(r"\bever\b", rest, re.I):
        return "lived"
    if _BEING.search(rest):
        return "being"
    return None  # "do you have a minute", "have you heard of scrum": not about what the coach is; heard elsewhere
