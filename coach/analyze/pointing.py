"""What a pointer holds up: "…by the end he's filling it in himself, slowly. i live for that" values the moment told
before it, never "that". One place for the told moment, read by the reflection (realize/reflect.py `matters`), stored
as `Hearing.pointed`, and by the summary's quotes (mentor/summary/pointers.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from coach import language as L
from coach.analyze.leaving import sign_off

# "i live for that", "this moment i like very much", "i think i always need this", "that feeling is everything to me":
# a value said of a demonstrative, so what it values is the moment told before it (batch 17's dev half)
VALUE_OF_THAT = re.compile(
    r"^\W*(?:(?:and|but|so|yeah|yes|honestly|really|i\s+think|i\s+guess|i\s+mean)\W+)*"
    r"(?:i\s+(?:\w+\s+){0,2}?(?:live\s+for|love|like|need|want|miss|enjoy|care\s+about|do\s+it\s+for|work\s+for)\s+(?:that|this|it)"
    r"(?:\s+(?:moment|feeling|part|bit|one|thing|stuff))?|"
    r"(?:this|that)\s+(?:moment|feeling|part|bit|bit\s+there)\s+(?:is\s+(?:everything|it|the\s+(?:best|job|point))(?:\s+(?:to|for)\s+me)?|"
    r"i\s+(?:\w+\s+)?(?:like|love|live\s+for|need|want|miss|enjoy))|"
    # what they arrange around it: "I know whose kid is sick, whose back is bad… I put the shifts around that" (batch 18)
    r"i\s+(?:\w+\s+)?(?:put|plan|planned|build|built|arrange|arranged|organi[sz]e|organi[sz]ed|schedule|scheduled|fit|shape|shaped|work)"
    r"\s+(?:\w+\s+){0,3}?around\s+(?:that|this|it|them|all\s+that))"
    r"(?:\s+(?:so\s+much|very\s+much|the\s+most|most|more|a\s+lot|actually|honestly|tbh|really|always|too))*\W*$", re.I)

# what they arrange around it, said as the point: "I put the shifts around that" (batch 18's sawmill lead)
AROUND_THAT = re.compile(r"^\W*(?:(?:and|so|yeah)\W+)*i\s+(?P<v>(?:\w+\s+)?(?:put|plan|planned|build|built|arrange|arranged|organi[sz]e|organi[sz]ed|"
                         r"schedule|scheduled|fit|shape|shaped|work)\s+(?:\w+\s+){0,3}?around\s+(?:that|this|it|them|all\s+that))\W*$", re.I)

# a told moment is the whole telling: back to its "when…" ("when i finish instalation, i switch on… 3000 panels and i
# know every cable. this moment i like very much")
_TOLD = re.compile(r"^\W*(?:(?:and|so|like)\s+)?(?:when|whenever|every\s+time|the\s+(?:moment|minute|second)\s+)\b", re.I)
_MOMENT = re.compile(r"\b(?:moment|feeling|minute|bit|part|that|this)\b", re.I)
# "yeah. tyler's nice. thats the worst part honestly": two words that say something of someone are a telling too
SHORT_TOLD = re.compile(r"^\W*(?!(?:that|this|it|thats|its|there)\b)[a-z]+(?:'s|’s|\s+is|\s+was|\s+are|\s+were)\s+(?!(?:it|that|this|the)\b)[a-z]{3,}\W*$", re.I)
MIN_TOLD_WORDS = 8  # past a line cut short inside a quote ("…and goes 'oh. there i am.' i live for that")


# "Not the building, not the Dahl name.": what it isn't, on the way to what it is
NOT_LIST = re.compile(r"^\W*(?:and\s+)?not\s+(?:the|my|a|an|about|because|for|[a-z]+ing)\b[^.!?]{0,60}[.!?]*\s*$", re.I)
# "being the voice for the ones who can't", "That it gets made properly", "to be the one they call": a phrase naming it
_NAMES_IT = re.compile(r"^\W*(?:and\s+|just\s+|simply\s+)?(?:(?!(?:nothing|something|anything|everything|thing|morning|evening|during|"
                       r"king|ring|spring|bring|sing|wing|ceiling|string|swing|sibling|darling|pudding|wedding|building|feeling)\b)[a-z]{2,}ing\b|"
                       r"that\s+(?:it|they|people|someone|somebody|nobody|everyone|things|the\s+\w+|i|we)\b|to\s+be\b|"
                       r"to\s+(?:see|know|make|have|feel|watch|hear|help|build|fix|keep|give|hold|bring|teach|look\s+after|take\s+care)\b|"
                       r"(?:nobody|no\s?one|no-one|nothing)\s+(?!else\b)[a-z]+s\b)", re.I)  # "thats it. nobody dies cos of a wagon Ive signed off"


def names_it(sentence: str) -> bool:
    """Whether a sentence after a pointer names what it points at ("being the voice for the ones who can't")."""
    return bool(_NAMES_IT.match(sentence)) and len(sentence.split()) <= 25 and not sentence.rstrip().endswith("?")


def widen(spans: list[tuple[int, int]], text: str, s: int, e: int, pointer: str) -> int:
    """Where the moment a pointer holds up starts, given its last sentence `text[s:e]`: back to a "when…" two
    sentences up when the pointer says "this moment", and back until the telling has MIN_TOLD_WORDS words."""
    before = [(s2, e2) for s2, e2 in spans if e2 <= s]
    told = [(s2, e2) for s2, e2 in before[-2:] if _TOLD.match(text[s2:e2])]
    if told and _MOMENT.search(pointer):
        s = told[0][0]
    before = [(s2, e2) for s2, e2 in before if e2 <= s]
    while before and len(text[s:e].split()) < MIN_TOLD_WORDS:
        s = before.pop()[0]
    return s


_QUOTE_OPEN = re.compile(r"(?:^|\s)['‘\"“](?=\w)[^'‘’\"“”]{0,120}$")  # a quote opened and not yet closed


_RUN_ON_POINTER = re.compile(r"['’\"”.!]\s+(?P<p>[^'’\"”.!?]{3,60})$")
_QUOTE_REST = re.compile(r"^(?P<q>[^'’\"”]{1,60}['’\"”])\s+(?P<p>\S.*)$")


def close_quote(text: str, e: int) -> int:
    """`e` moved past a quote mark that closes right after it ("there i am.' i live for that")."""
    while e < len(text) and text[e] in "'’\"”" and (e + 1 == len(text) or not text[e + 1].isalpha()):
        e += 1
    return e


def spans_of(text: str) -> list[tuple[int, int]]:
    """Sentence spans of `text` (language.sentences, located in the text)."""
    out, at = [], 0
    for sent in L.sentences(text):
        i = text.find(sent, at)
        if i < 0:
            continue
        out.append((i, i + len(sent)))
        at = i + len(sent)
    return out


def told_before(text: str, points_back: Callable[[str], bool]) -> tuple[str, str]:
    """The moment a value said of a demonstrative holds up ("this moment i like very much", "i live for that",
    "That. That is the whole job for me"), in their words; "" when the message has no such pointer or nothing told
    before it. Returns (the moment, the pointer sentence)."""
    spans = spans_of(text)
    for k in range(len(spans) - 1, 0, -1):
        pointer = text[spans[k][0]:spans[k][1]]
        rest = _QUOTE_REST.match(pointer)
        if rest and _QUOTE_OPEN.search(text[:spans[k][0]]):
            # "…goes 'oh. thats it?' i live for that": the quote's end belongs to the telling, the pointer is after it
            cut = spans[k][0] + rest.end("q")
            spans = spans[:k] + [(spans[k][0], cut), (cut + 1, spans[k][1])] + spans[k + 1:]
            k += 1
            pointer = rest.group("p")
        if sign_off(pointer) or not (VALUE_OF_THAT.match(pointer) or points_back(pointer) and len(pointer.split()) <= 10):
            continue  # (how they leave points at nothing: "…thats all it is. anyway tide waits for nobody. cheers")
        for s, e in reversed(spans[:k]):
            said = text[s:e]
            if said.rstrip().endswith("?"):
                return "", ""  # a question stands between: not a moment this one holds up
            in_quote = bool(_QUOTE_OPEN.search(text[:s]))
            told = (len(said.split()) >= 3 or in_quote or bool(SHORT_TOLD.match(said))) and (not points_back(said) or in_quote)
            if told:  # (past "That." in "That. That is the whole job for me"; never past the end of a quote: "…goes 'oh. there i am.'")
                return text[widen(spans, text, s, e, pointer):close_quote(text, e)].strip(), pointer.strip()
        return "", ""
    # one run-on sentence: "…and goes 'oh. there i am.' i live for that"
    tail = _RUN_ON_POINTER.search(text)
    if tail and VALUE_OF_THAT.match(tail.group("p")) and len(text[:tail.start("p")].split()) >= 4:
        return text[:tail.start("p")].strip(), tail.group("p").strip()
    return "", ""
