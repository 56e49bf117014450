"""A put-down of themselves, never said back as a fact.

"and i was like me?? i failed honours maths in the leaving cert im not exactly brainy. if i wasnt thick maybe"
was reflected as "So you failed honors maths you're not brainy." — their own verdict on themselves, in the coach's
mouth, at a moment of shame (batch 12's blind read: harmful). A listener hears the verdict as theirs and does not
repeat it; when someone else has just seen more in them ("eoin said you'd make a great vet nurse"), the two are
held side by side:

    -> "So Eoin sees a great vet nurse in you — and you were quick to argue with that."

Without someone else's view, the weight of the verdict is named, never its content, and the question asks where
it comes from. Form only, their words only.
"""

from __future__ import annotations

import re

from coach import language as L
from coach.realize.lines import Picker
from coach.realize.said import Parts, swap

# "im not exactly brainy", "I'm too thick", "if i wasnt thick", "I'm not smart enough", "I'm useless at it"
_PUT_DOWN = re.compile(
    r"\b(?:i'?m|im|i am|i was|i've always been)\s+(?:just\s+|so\s+|too\s+|a bit\s+)?(?:not\s+(?:exactly\s+|very\s+|that\s+|really\s+|clever\s+or\s+)?"
    r"(?:brainy|smart|clever|bright|academic|intelligent|smart enough|clever enough|the brainy type|university material)|"
    r"thick|stupid|dumb|useless|hopeless|an idiot|a failure|rubbish at everything|not cut out for (?:it|this|that))\b|"
    r"\bif i (?:wasn'?t|wasnt|weren'?t|werent) (?:so\s+)?(?:thick|stupid|dumb|useless)\b|\bsomeone as (?:thick|stupid|dumb) as me\b", re.I)

# "eoin (the vet, he owns it) said after, you'd make a great vet nurse", "my manager says I'd be a great lead"
_SEEN_IN_THEM = re.compile(
    r"(?P<who>\b(?:my|our)\s+[\w-]+|\b[\w'-]+)(?:\s*\([^)]{0,40}\))?\s+(?:said|says|told me|thinks|reckons|keeps saying)(?:\s+after)?,?\s+"
    r"(?:that\s+)?(?:i'?d|you'?d|i would|you would|i'?ll|you'?ll)\s+(?:make|be)\s+"
    r"(?P<x>an?\s+(?:really\s+)?(?:great|good|brilliant|amazing|natural|fantastic|excellent|wonderful)\s+[\w-]+(?:\s+[\w-]+)?)", re.I)


# a verdict someone else says ("the Year 9 who says 'I'm just thick at maths'"), or one they notice themselves
# thinking ("i keep thinking i'm stupid"): told, not passed, and said back as told
_TOLD = re.compile(r"(?:\b(?:says?|said|saying|tells? me|told me|goes|went|thinks?|thinking|thought|feel(?:s|ing)? like|worried|afraid|scared|"
                   r"wonder(?:ing)?|convinced)\s+(?:that\s+)?|['\"‘“])\W*(?:i'?m|im|i am|i was|if)?\s*(?:just\s+|so\s+|too\s+)?\W*$", re.I)


def _put_down(text: str) -> re.Match[str] | None:
    for m in _PUT_DOWN.finditer(text):
        if not _TOLD.search(text[max(0, m.start() - 30):m.start()]):
            return m
    return None


def found(text: str) -> bool:
    return _put_down(text) is not None


def reflect(text: str, pick: Picker) -> Parts | None:
    """The verdict heard and not repeated: someone else's better view beside it, or its weight; then a question."""
    down = _put_down(text)
    if down is None:
        return None
    seen = _SEEN_IN_THEM.search(text)
    if seen and seen.start() < down.start():
        who = seen.group("who").strip()
        who = swap(L.lower_first(who)) if re.match(r"(?i)(?:my|our)\s", who) else who[:1].upper() + who[1:]
        if who.lower() not in ("he", "she", "they", "everyone", "it", "i", "and", "so", "but"):
            line = pick.line("heard.put_down", "seen", who=who, x=L.strip_end(seen.group("x")))
            if line:
                return [line, pick.question("heard.put_down_seen", who=who)]
    return [pick.line("heard.put_down", "alone"), pick.question("heard.put_down")]
