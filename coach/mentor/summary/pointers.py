"""A quote that only points ("thats always been it", "Now I think that's the whole thing", "i like that part more
actually") backs nothing on its own: a reader of the summary sees "Possible bedrock: “thats it”" and cannot tell what
runs deep. The quote takes what it points at, in this order:

1. forward, when the pointer is followed by a phrase that names it ("thats always been it, since I was a kid. being
   the voice for the ones who can't."; "that's the whole thing. Not the building, not the Dahl name. Being steady for
   people when everything else isn't.");
2. back, to the sentence before it in the same message ("i'm the one make sure the answer is correct. i like that
   part more actually");
3. back, to the last thing said in the message before ("That it gets made properly whether its me or someone I
   taught" / "Thats what has always mattered to me I think."), as a second quote.

Read from the blind read of batch 14 (docs/blind-read-batch14.md), where four of eighteen summary items quoted only a
pointer or missed the bedrock a pointer stood for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.analyze.hearing import points_back
from coach.analyze.pointing import NOT_LIST, close_quote, names_it, widen
from coach.analyze.pointing import VALUE_OF_THAT as _VALUE_OF_THAT
from coach.mentor.summary.asides import is_stable_pointer
from coach.types import Evidence

# "i like that", "i love that part more actually": what they like is the sentence before
_LIKE_THAT = re.compile(r"^\W*(?:and\s+|but\s+|yeah,?\s+)?i\s+(?:really\s+|just\s+|do\s+)?(?:like|love|enjoy|want|need)\s+(?:that|this)"
                        r"(?:\s+(?:part|bit|one))?(?:\s+(?:more|most|the most|best|a lot))?(?:\s+(?:actually|honestly|tbh))?\W*$", re.I)
# "Now I think that's the whole thing.", "that's really what it's about": a pointer with a few words before it
_WHOLE_THING = re.compile(r"\b(?:that|this|thats)(?:'s|’s|s| is| was)?\s+(?:really\s+|just\s+)?(?:the\s+(?:whole|real|main|only|actual)\s+(?:thing|point|story)|"
                          r"what it(?:'s|’s| is| was) (?:all )?about|it|the thing)\W*$", re.I)
_QUESTION = re.compile(r"\?\s*$")


@dataclass(frozen=True, slots=True)
class Said:
    """One mentee message as the summary reads it: its text, sentence spans and turn id."""

    text: str
    spans: list[tuple[int, int]]
    turn_id: int | None


# a demonstrative that points ("that's it", "i like this"), never "that" opening a clause ("Knowing that people can rely on me")
# ("it's the being needed" names what: "it" opens a cleft, not a pointer)
_DEMONSTRATIVE = re.compile(r"\b(?:this|thats|that'?s|that’s)\b|\bthat\b(?!\s+(?:people|i|we|you|they|he|she|someone|somebody|everyone|"
                            r"everybody|nobody|the|my|our|a|an|it|there)\b)", re.I)
# "Thats what has always mattered to me": a pointer that says it runs deep may point at the message before it
_RUNS_DEEP = re.compile(r"\b(?:always|mattered|matters|my whole life|all my life|since i was|(?:the\s+)?whole\s+(?:job|point|thing))\b", re.I)


# what may come before the pointer ("maybe thats it", "Now I think that's the whole thing"): never content ("Being my
# own boss, that's mattered to me my whole life" says what)
_LEAD_IN = re.compile(r"^(?:\W|\b(?:and|yeah|yes|yep|aye|so|maybe|now|honestly|ok|okay|well|i\s+think|i\s+guess|i\s+suppose|really)\b)*", re.I)


def only_points(sentence: str) -> bool:
    """Whether a sentence means only what it points at ("that's the whole thing", "i like that")."""
    s = sentence.strip()
    if not s or len(s.split()) > 15:
        return False
    if _LIKE_THAT.match(s) or _VALUE_OF_THAT.match(s):
        return True
    head = s[_LEAD_IN.match(s).end():]  # type: ignore[union-attr]
    return bool(_DEMONSTRATIVE.match(head)) and (points_back(s) or is_stable_pointer(s) or (len(s.split()) <= 10 and bool(_WHOLE_THING.search(s))))


def _usable(sentence: str) -> bool:
    return len(sentence.split()) >= 3 and not _QUESTION.search(sentence) and not only_points(sentence) and not NOT_LIST.match(sentence)


def pointed(quote: Evidence, said: Said, before: Said | None) -> tuple[list[Evidence], str] | None:
    """The quotes that back a pointer quote, and the words that name what it points at; None when the quote says
    something itself, or nothing it could point at is there."""
    inside = [(s, e) for s, e in said.spans if s < quote.end and e > quote.start]
    if not inside or not all(only_points(said.text[s:e]) for s, e in inside):
        return None
    after = [(s, e) for s, e in said.spans if s >= quote.end]
    while after and NOT_LIST.match(said.text[after[0][0]:after[0][1]]):
        after = after[1:]  # past what it isn't, to what it is
    if after:
        s, e = after[0]
        naming = said.text[s:e]
        if names_it(naming):
            return [Evidence(text=said.text[quote.start:e], start=quote.start, end=e, turn_id=said.turn_id)], naming
    earlier = [(s, e) for s, e in said.spans if e <= quote.start and _usable(said.text[s:e])]
    if earlier:
        s, e = earlier[-1]
        s = widen(said.spans, said.text, s, e, quote.text)  # the whole telling (analyze/pointing.py)
        return [Evidence(text=said.text[s:quote.end], start=s, end=quote.end, turn_id=said.turn_id)], said.text[s:close_quote(said.text, e)]
    if before is not None and _RUNS_DEEP.search(quote.text) and not [(s, e) for s, e in said.spans if e <= quote.start]:
        # (a bare "thats it" at the start of a message answers the coach's last words, not the mentee's)
        last = [(s, e) for s, e in before.spans if _usable(before.text[s:e])]
        if last:
            s, e = last[-1]
            return [Evidence(text=before.text[s:e], start=s, end=e, turn_id=before.turn_id), quote], before.text[s:e]
    return None
