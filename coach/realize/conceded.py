"""A feeling taken back in: "I am not angry. Ok, I am little angry.", "its not that im scared. ok since Mads fell in
march maybe a little bit.", "its fine. its fine. ok its not fine i still cant watch match of the day". Said back as
they landed it, never the first half alone (against what they went on to say)."""

from __future__ import annotations

import re

from coach import language as L
from coach.realize.lines import Picker
from coach.realize.said import fits
from coach.types import Analysis

# the feelings people take back ("I am not angry. Ok, I am little angry.")
_FEELINGS = r"(?P<f>angry|upset|sad|bitter|jealous|scared|worried|hurt|annoyed|bothered|nervous|disappointed|stressed|gutted|offended|afraid|frightened)"
_CONCEDED_FEELING = re.compile(r"\bi(?:'m|’m|\s+am|m)\s+not\s+" + _FEELINGS + r"\b[^.!?]*[.!?]+\s*(?:ok(?:ay)?|well|fine|alright|maybe|actually|ok fine)[,.!]*\s+"
                               # ("Well. That is not entirely true. I am a little bitter about the office")
                               r"(?:(?:that'?s|that is|thats)\s+not\s+(?:entirely|quite|strictly|completely|totally)\s+true[.!,]*\s+)?"
                               r"(?:i(?:'m|’m|\s+am|m)\s+)?(?:a\s+)?(?P<how>little|bit|little bit|tiny bit|bit of|lot|very|really|quite)\s+(?:bit\s+)?(?P=f)\b", re.I)


# "its not that im scared. ok since Mads fell in march maybe a little bit.": the feeling conceded without saying it again
_CONCEDED_UNSAID = re.compile(r"\bnot\s+(?:that\s+)?i(?:'m|’m|\s+am|m)\s+" + _FEELINGS + r"\b[^.!?]*[.!?]+\s*(?:ok(?:ay)?|well|fine|alright)[,.!]*\s+"
                              r"[^.!?]{0,50}?\b(?:maybe\s+|probably\s+)?(?P<how>a\s+(?:little|tiny)\s+bit|a\s+little|a\s+bit|a\s+lot)\W*(?:[.!?]|$)", re.I)


def conceded_feeling(a: Analysis, pick: Picker) -> str | None:
    """ "I am not angry. Ok, I am little angry.": the feeling taken back in, said as they landed it — never "So it
    isn't angry. Something else is pulling at you." (the first half alone, against what they went on to say)."""
    m = _CONCEDED_FEELING.search(a.text) or _CONCEDED_UNSAID.search(a.text)
    if m is None:
        return None
    how = m.group("how").lower()
    how = re.sub(r"\s+", " ", how)
    how = {"little": "a little", "bit": "a bit", "little bit": "a little", "tiny bit": "a little", "bit of": "a bit",
           "lot": "a lot", "very": "very", "really": "really", "quite": "quite", "a little bit": "a little",
           "a tiny bit": "a little"}.get(how, how)
    return pick.line("reflect", "conceded_feeling", f=m.group("f").lower(), how=how)


# "its fine. ok its not fine i still cant watch match of the day": "fine" said, then taken back (batch 14: the rest was
# parroted, garbled, and followed by a career question)
_NOT_FINE = re.compile(r"\b(?:it'?s|its|it\s+is|i'?m|im|i\s+am)\s+(?:all\s+)?fine\b[^.!?]{0,40}[.!?]+\s*(?:(?:it'?s|its|i'?m|im)\s+fine[.!?]+\s*)?"
                       r"(?:ok(?:ay)?|well|honestly|fine|alright)?[,.]?\s*(?:it'?s|its|it\s+is|i'?m|im|i\s+am)\s+not\s+(?:really\s+)?fine\b[,.;:!]*\s*"
                       r"(?P<rest>[^.!?]{3,80})?", re.I)


def not_fine(a: Analysis, pick: Picker) -> str | None:
    m = _NOT_FINE.search(a.text)
    if m is None:
        return None
    rest = (m.group("rest") or "").strip()
    if rest and re.match(r"^(?:i|i'?m|im|i\s+still|i\s+can'?t|i\s+cant|i\s+don'?t|i\s+dont|i\s+haven'?t)\b", rest, re.I) and fits(rest, 16):
        return pick.line("reflect", "not_fine_because", rest=L.strip_end(L.swap_pronouns(rest)))
    return pick.line("reflect", "not_fine")
