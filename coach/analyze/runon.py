"""Run-on messages read as the sentences they are: "the kitchen is fine the money is fine its just i dont
cook anymore i just plate other peoples food all night" is four things said, not one clause to cut.

People dictating in a van or typing on a phone leave the full stops out. Every later stage (the claims, the
realizer's choice of what to say back, its pruning) works sentence by sentence, so a run-on gave them one
40-word "sentence" and the reflection came back cut mid-thought ("the kitchen is fine the money is fine its
you don't cook anymore…"). Here the parser's clause heads mark where a new thought starts, and a full stop
goes in front of it.

Only long sentences with no punctuation inside are touched: a writer who uses commas has already said where
the breaks are. A boundary goes before a verb that has its own subject and is
- a second root, or joined by "and"/"but"/"so" (the conjunction goes with the new sentence), or
- a clause hung on a verb that is not one of saying or thinking, with no "that"/"if" before it
  ("…wants me to pack it in this year she's got the caravan booked": a new thought; "my wife says if I go
  she'll never sleep": what she says, so one sentence).
No piece shorter than three words is made (it joins its neighbour). Without a parser the text is unchanged.
"""

from __future__ import annotations

import re
from typing import Any

from coach.analyze.parse import parse

#: A sentence shorter than this is read as written; one shorter than LONG is split only where two clauses
#: touch with no "and" between them ("I miss her like crazy she's not the problem"): "my model saved four
#: million and my manager presented it" is one sentence, however long.
MIN_WORDS = 18
LONG = 28
MIN_PIECE = 3

_INNER_PUNCT = re.compile(r"[,;:—–()\"“”]|\s-\s")
_SUBJECTS = {"nsubj", "nsubjpass", "expl"}
#: verbs whose clause is what was said or thought: "she says she'll never sleep" stays one sentence
_REPORTING = {
    "say", "says", "said", "think", "thought", "know", "knew", "feel", "felt", "guess", "mean", "hope", "wish",
    "reckon", "believe", "suppose", "tell", "told", "realise", "realize", "see", "hear", "find", "found", "wonder",
    "bet", "swear", "promise", "admit", "decide", "notice", "understand", "worry", "assume", "figure", "remember",
    "forget", "forgot", "doubt", "pretend", "claim", "claims", "agree", "ask", "asked", "imagine", "expect",
}
#: words that carry no thought of their own: "ok so basically" is no sentence
_FILLER = {"ok", "okay", "so", "right", "hey", "hi", "basically", "well", "like", "um", "uh", "yeah", "and", "but",
           "now", "then", "just", "anyway", "honestly", "lol", "tbh", "plus"}
#: a clause after these is part of theirs ("if they're not I knock", "that's where I'm at")
_BINDERS = {"if", "when", "unless", "once", "whenever", "where", "what", "how", "why", "who", "that", "than", "as",
            "whether", "because", "cos", "bcs", "bc", "since", "till", "until", "before", "after"}
_JOINERS = {"and", "but", "so", "plus", "then", "cos", "cause", "coz", "bc", "bcs", "because"}


def punctuate(text: str) -> str:
    """`text` with a full stop before each new thought of a long unpunctuated sentence (see the module's
    docstring); every other sentence as written."""
    from coach import language as L

    sents = L.sentences(text)
    if not any(_is_runon(s) for s in sents):
        return text
    out: list[str] = []
    for s in sents:
        out.extend(split_runon(s) if _is_runon(s) else [s])
    return " ".join(out)


def _is_runon(sentence: str) -> bool:
    return len(sentence.split()) >= MIN_WORDS and not _INNER_PUNCT.search(sentence.rstrip(".!?… "))


def split_runon(sentence: str) -> list[str]:
    """The pieces of one run-on sentence, each ending in a full stop (the last keeps its own ending)."""
    doc = parse(sentence)
    if doc is None:
        return [sentence]
    joined_too = len(sentence.split()) >= LONG
    starts = sorted({b for t in doc for b in [_boundary(t, joined_too)] if b is not None and b > 0})
    pieces: list[list[Any]] = []
    prev = 0
    for b in starts + [len(doc)]:
        if b > prev:
            pieces.append(list(doc[prev:b]))
        prev = b
    merged: list[list[Any]] = []
    for p in pieces:  # a piece too short to stand joins the one before (or, first, the one after)
        if merged and (_weight(p) < MIN_PIECE or _weight(merged[-1]) < MIN_PIECE):
            merged[-1].extend(p)
        else:
            merged.append(p)
    if len(merged) < 2:
        return [sentence]
    out = []
    for i, p in enumerate(merged):
        start, end = p[0].idx, p[-1].idx + len(p[-1].text)
        piece = sentence[start:end].strip()
        if i < len(merged) - 1:
            piece = piece.rstrip(".!?… ") + "."
        out.append(piece[0].upper() + piece[1:] if piece[:1].islower() and i > 0 else piece)
    return out


def _subordinate(head: Any) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in _BINDERS - {"that"} for c in head.children)


def _weight(piece: list[Any]) -> int:
    return sum(1 for t in piece if not t.is_punct and t.lower_ not in _FILLER)


_TIME_UNIT = re.compile(r"sec|secs|seconds?|min|mins|minutes?|hrs?|hours?|days?|weeks?|wks?|months?|years?|yrs?")


def _boundary(t: Any, joined_too: bool) -> int | None:
    """The index where a new sentence starts at clause head `t`, or None; at an "and" only if `joined_too`."""
    if t.pos_ not in ("VERB", "AUX") or t.dep_ not in ("ROOT", "conj", "parataxis", "ccomp"):
        return None
    subj = next((c for c in t.children if c.dep_ in _SUBJECTS and c.i < t.i), None)
    if subj is None:
        return None
    if any(c.dep_ == "mark" for c in t.children):
        return None
    if t.dep_ == "ccomp" and (t.head.lower_ in _REPORTING or t.head.lemma_.lower() in _REPORTING or subj.left_edge.i == t.head.i + 1):
        return None
    start = subj.left_edge.i
    for c in t.children:  # "if money wasnt a thing id do signs": the condition opens the sentence
        if c.i < subj.i and c.dep_ in ("advcl", "advmod", "npadvmod", "prep", "intj") and c.left_edge.i < start \
                and not (c.left_edge.i > 0 and t.doc[c.left_edge.i - 1].lower_ in ("not", "n't")):  # "…in 2 years not now"
            start = c.left_edge.i
    doc = t.doc
    if start > 1 and _TIME_UNIT.fullmatch(doc[start - 1].lower_) and (doc[start - 2].like_num or doc[start - 2].lower_ in ("a", "an", "few")):
        start -= 2  # "…and 5 min later Dave says the same thing": "5 min later" is one time, never "…and 5 min. Later Dave…"
    if t.dep_ != "ROOT" and start <= t.head.i:
        return None  # the head's own subject, or a clause before its head: not a new thought after it
    if start > 0 and _subordinate(doc[start - 1].sent.root) or any(_subordinate(x) for x in t.ancestors):
        return None  # "if money wasnt a thing id do signs": the condition's sentence is not finished
    if any(x.lower_ in _BINDERS for x in doc[max(0, start - 5):start]) or start > 0 and (
            doc[start - 1].lower_ in _REPORTING or doc[start - 1].lemma_.lower() in _REPORTING):
        return None  # "and if they're not I knock", "that's where I'm at", "I mean I get it"
    prev = doc[start - 1] if start > 0 else None
    if prev is not None and prev.pos_ == "VERB" and prev.tag_ != "VBN" and not any(c.dep_ in ("dobj", "obj", "attr", "ccomp", "xcomp", "prep", "prt") for c in prev.children):
        return None  # "I own a flower shop been 11 years": the "subject" is the verb's object
    frame = re.search(r"(?:\b(?:it|thing|problem|point|truth)\s*(?:'s|’s|s|is)|\bits)(?:\s+(?:just|more|only|really))?\s*$",
                      doc[max(0, start - 3):start].text, re.I)
    if frame:
        return None  # "its just i dont cook anymore": "it's just" frames the clause after it
    if start > 1 and doc[start - 1].lower_ in ("now", "then", "also", "still") and doc[start - 2].lower_ in _JOINERS:
        start -= 1  # "… and now i do ubereats": the time word opens the new sentence (never "not now. there's…")
    if start > 0 and (doc[start - 1].dep_ == "cc" or doc[start - 1].lower_ in _JOINERS):
        if not joined_too:
            return None
        start -= 1  # "… and my boss dont even know my name": the "and" opens the new sentence
    return int(start)
