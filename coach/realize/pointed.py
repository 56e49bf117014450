"""The moment a pointer holds up, said back as that moment: "so a lad comes in who cant read the form and by the end
he's filling it in himself, slowly. i live for that" -> "By the end he's filling it in himself, slowly — that's what
you live for." Never "So for you it's about living for that" (batch 17's dev half: a pointer said back is nothing heard).

The moment is `Hearing.pointed` (analyze/pointing.py); this module only words it.
"""

from __future__ import annotations

import re

from coach import language as L
from coach.analyze.pointing import SHORT_TOLD, VALUE_OF_THAT
from coach.realize.lines import Picker
from coach.types import Analysis

MAX_TOLD_WORDS = 18  # past this, the end of the telling: the payoff is where a told moment lands

_LEAD = r"^\W*(?:(?:and|but|so|yeah|yes|honestly|really|i\s+think|i\s+guess|i\s+mean)\W+)*"
_I_VALUE_THAT = re.compile(_LEAD + r"i\s+(?P<v>(?:\w+\s+){0,2}?(?:live\s+for|love|like|need|want|miss|enjoy|care\s+about|do\s+it\s+for|work\s+for))"
                           r"\s+(?:that|this|it)(?:\s+(?P<n>moment|feeling|part|bit|one|thing))?"
                           r"(?P<rest>(?:\s+(?:so\s+much|very\s+much|the\s+most|most|more|a\s+lot|really|always|too))*)\W*(?:actually|honestly|tbh)?\W*$", re.I)
_THAT_N_I_VALUE = re.compile(_LEAD + r"(?:this|that)\s+(?P<n>moment|feeling|part|bit)\s+i\s+(?P<v>[a-z' ]{2,30}?)\W*$", re.I)
_THAT_IS = re.compile(_LEAD + r"(?:that|this|thats|that's)(?:\s+is|\s+was|'s|s)?\s+(?P<x>(?:really\s+|just\s+)?(?:the\s+(?:whole|real|only)\s+\w+|everything|"
                      r"the\s+(?:worst|best|hardest|saddest|funniest|strangest|weirdest)\s+(?:part|bit|thing)|"
                      r"what\s+(?:i|it'?s)\s+[a-z' ]{2,24}?|my\s+\w+))(?:\s+(?:for|to)\s+me)?(?:\W*(?:honestly|really|tbh|tho|though))?\W*$", re.I)
_I_AROUND_THAT = re.compile(_LEAD + r"i\s+(?P<v>(?:\w+\s+)?(?:put|plan|planned|build|built|arrange|arranged|organi[sz]e|organi[sz]ed|schedule|"
                            r"scheduled|fit|shape|shaped|work)\s+(?:\w+\s+){0,3}?around\s+(?:that|this|it|them|all\s+that))\W*$", re.I)
_ALL_IT_IS = re.compile(_LEAD + r"(?:that|this)\W?s\s+(?:all\s+(?:it\s+is|there\s+is\s+to\s+it)|the\s+whole\s+of\s+it)(?:,?\s+really)?\W*$", re.I)
_DROP_LEAD = re.compile(r"^\W*(?:(?:like|so|and|yeah|ok|okay|then|anyway)\b[,.!\s]*)+", re.I)


def _tail(pointer: str) -> str:
    """What the pointer says of the moment, in the coach's voice: "that's what you live for"."""
    p = " ".join(pointer.split())
    m = _I_VALUE_THAT.match(p)
    if m:
        v, rest = L.swap_pronouns(m.group("v").lower()), (m.group("rest") or "").lower()
        return f"that's the {m.group('n').lower()} you {v}{rest}" if m.group("n") else f"that's what you {v}{rest}"
    m = _I_AROUND_THAT.match(p)
    if m:
        return f"you {L.swap_pronouns(m.group('v').lower())}"
    m = _THAT_N_I_VALUE.match(p)
    if m:
        return f"that's the {m.group('n').lower()} you {L.swap_pronouns(m.group('v').lower())}"
    if _ALL_IT_IS.match(p):
        return "that's the whole of it"
    if re.match(_LEAD + r"(?:that|this)\W?s\s+it(?:,?\s+really)?\W*$", p, re.I):
        return "that's it"  # "Building something that's mine. Yeah, that's it."
    m = _THAT_IS.match(p)
    if m:
        return f"that's {L.swap_pronouns(m.group('x').lower())} for you"
    return ""


def _moment(told: str) -> str:
    """The told moment, second person; a long telling by its end ("…she looks in the mirror and goes 'oh, there i am'")."""
    t = _DROP_LEAD.sub("", " ".join(told.split())).rstrip(" !;,")
    # a sentence break inside a quote is a pause: "goes 'oh. there i am.'" -> "goes 'oh, there i am'"
    t = re.sub(r"(['‘\"“]\w[^'’\"”]*?)\.\s+(\w)(?=[^'’\"”]*['’\"”])", lambda m: f"{m.group(1)}, {m.group(2).lower()}", t)
    t = re.sub(r"\.(['’\"”])$", r"\1", t).rstrip(".")
    when = re.match(r"^\W*(?:when|whenever|every\s+time)\b[^.!?]{8,}[.!?]", t, re.I)
    if when and len(t.split()) > MAX_TOLD_WORDS:
        t = when.group(0).rstrip(".!?")  # "when i finish instalation, i switch on…": the moment is the "when", not what follows
    if len(t.split()) > MAX_TOLD_WORDS:
        pieces = re.split(r"(?<=[,;])\s+(?![^'‘\"“]*['’\"”])|\s+(?=and\s)|(?<=[.!])\s+", t)
        kept: list[str] = []
        while pieces and len(" ".join(kept).split()) < 7:
            kept.insert(0, pieces.pop())
        t = re.sub(r"^and\s+", "", " ".join(kept).strip(" ,;"), flags=re.I)
        if len(t.split()) > MAX_TOLD_WORDS:
            return ""
    t = re.sub(r"[.!]+(['’\"”])$", r"\1", t.strip())
    return L.swap_pronouns(t)


def pointed_reflection(a: Analysis, pick: Picker) -> str | None:
    """The moment a pointer holds up, said back with what the pointer says of it; None when there is none."""
    told = a.hearing.pointed
    if not told:
        return None
    tail = _tail(a.hearing.pointer)
    if tail and not VALUE_OF_THAT.match(a.hearing.pointer) and len(told.split()) > MAX_TOLD_WORDS:
        return None  # "…since I was a young lad in Crumlin. That's the whole thing.": a long sentence is no told moment to cut
    moment = _moment(told) if tail else ""
    if not moment or len(moment.split()) < 3 and not SHORT_TOLD.match(moment):
        return None
    # ("that's it" and "the whole of it" close the line: never "…: that's it, it sounds like")
    return pick.line("reflect", "pointed_closed" if tail in ("that's it", "that's the whole of it") else "pointed", moment=moment, tail=tail)
