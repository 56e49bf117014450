"""What a message is about, as a short noun phrase of theirs: "the bit I actually like is Mrs Okafor at number
40" is about "Mrs Okafor"; "I pick my music I pick my stops" about "my music".

A question that carries it ("What is it about Mrs Okafor that stays with you?") shows it was heard; "What part
of that stays with you?" could follow anything, and a blind reader marks it generic. So the phrase has to be
one a listener would say back: a noun chunk from the parser, whole, two to five words, of the sentence's own
verb (its object, complement or a noun after a preposition), never a pronoun, a number or a word that means
nothing alone ("the thing", "a lot", "the time"). Empty when no such phrase exists, or without a parser:
the realizer then asks its general question, as before.
"""

from __future__ import annotations

import re
from typing import Any

from coach.analyze.parse import parse

#: heads that say nothing alone: "the thing", "a lot of time", "the way", "my life"
_VAGUE = frozenset(
    "thing things stuff lot lots way ways time times bit bits part parts kind sort one ones day days year years "
    "month months week weeks hour hours minute minutes moment moments life point fact idea question answer "
    "problem issue reason sense case end start beginning people person someone anyone everyone everything nothing "
    "something anything job work career role position company place situation world head mind god shit crap "
    "heart deal chance option choice step level side area field dream crisis".split())
#: people: "my wife" is who said it, not what it is about ("What is it about my wife that…" never)
_PEOPLE = frozenset(
    "wife husband partner boyfriend girlfriend mum mom mother dad father parents parent son daughter kids kid children "
    "brother sister family uncle aunt cousin grandad grandma nan manager boss colleague colleagues coworker coworkers "
    "team director supervisor mentor friend friends mate mates pi lead ceo hr chairman recruiter client clients "
    "customer customers patient patients guy man woman lady bloke lads girls boys everybody nobody twins baby babies "
    "someone somebody sod".split())
_NEGATED = re.compile(r"\b(?:not|n't|nt|no|never|without)\b", re.I)
#: dependency roles that make a chunk what the clause is about, best first
_ROLES = ("dobj", "attr", "pobj")
#: a noun after these is about the thing ("going for the driver trainer post"); after "in", "at", "on"… it is the setting
_ABOUT_PREPS = frozenset("about for into with of towards toward".split())
_BAD = re.compile(r"\d|[@#/\\<>{}=_*]|\b(?:lol|idk|tbh|ngl|haha|omg|wtf|u|ur|pls|plz|tho|though|innit|yeah)\b", re.I)


def about(sentence: str) -> str:
    """The short noun phrase `sentence` is about, in the mentee's words (first person kept: "my music"), or ""."""
    if not sentence or len(sentence.split()) > 40:
        return ""
    doc = parse(sentence)
    if doc is None:
        return ""
    best: tuple[float, str] | None = None
    for chunk in doc.noun_chunks:
        text = _phrase(chunk)
        if not text or _NEGATED.search(doc[max(0, chunk.start - 3):chunk.start].text):
            continue  # "its not the money": never asked about as if it were the point
        role = chunk.root.dep_
        if role not in _ROLES or role == "pobj" and chunk.root.head.lower_ not in _ABOUT_PREPS:
            continue
        if any(_NEGATED.search(c.text) and c.root.lower_ == chunk.root.lower_ for c in _negated_chunks(doc)):
            continue  # "the money is crap but its not the money"
        if any(c.dep_ == "neg" for a in chunk.root.ancestors for c in a.children) or re.search(r"\blike\b", doc[:chunk.start].text, re.I):
            continue  # "I don't do well with vague questions", "like im a battery hen": not the point, a simile
        if not _theirs(chunk.root):
            continue  # "someone gets food poisoning", "a man had a heart attack": not what they do or want
        score = 3.0 - _ROLES.index(role) * 0.5
        if role == "pobj" and chunk.root.head.head.pos_ not in ("VERB", "AUX"):
            score -= 0.5  # "the wonky ranunculus at the market": the market is the setting
        score += 0.2 * len([t for t in chunk if t.pos_ in ("ADJ", "NOUN", "PROPN")])
        if role == "pobj" and chunk.root.head.lower_ in ("about", "into", "for"):
            score += 1.0  # "thinking about nursing school", "moving into informatics": where they are looking
        if best is None or score > best[0]:
            best = (score, text)
    return best[1] if best is not None and best[0] > 1.0 else ""


def _theirs(root: Any) -> bool:
    """Whether the chunk hangs on the mentee's own verb: some verb above it has "I"/"we" for its subject, or
    none above it has a subject at all ("thinkin bout startin my own shop")."""
    subjects = [c for a in root.ancestors for c in a.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    return not subjects or any(c.lower_ in ("i", "we") for c in subjects)


def _negated_chunks(doc: Any) -> list[Any]:
    return [doc[max(0, c.start - 3):c.end] for c in doc.noun_chunks if _NEGATED.search(doc[max(0, c.start - 3):c.start].text)]


def _phrase(chunk: Any) -> str:
    root = chunk.root
    if root.pos_ not in ("NOUN", "PROPN") or root.lower_ in _VAGUE or root.lower_ in _PEOPLE or not root.is_alpha or root.is_upper \
            or root.pos_ == "PROPN" and root.text.islower():  # "im proud tho": a lower-case "name" is a misparse
        return ""
    toks = [t for t in chunk if not (t.i == chunk.start and t.dep_ == "det" and t.lower_ in ("a", "an", "some", "any", "no", "this", "that",
                                                                                             "these", "those", "every", "each"))]
    if not toks or any(t.pos_ == "PRON" and t.dep_ != "poss" and t.tag_ != "PRP$" for t in toks):
        return ""
    if toks[0].dep_ == "det" and toks[0].lower_ in ("a", "an"):
        return ""
    text = chunk.doc.text[toks[0].idx:toks[-1].idx + len(toks[-1].text)]  # "mid-life" as typed
    n = len(toks)
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in root.children) or any(t.like_num for t in toks):
        return ""  # "the department" of transport: the phrase goes on; "three rounds"
    determined = toks[0].dep_ in ("det", "poss") or toks[0].tag_ == "PRP$" or root.pos_ == "PROPN"
    if root.tag_ != "NNS" and not determined and not _plural_or_mass(root):
        return ""  # "flight attendant", "soft old sod": a role or a name without its article reads clipped
    if not 1 <= n <= 5 or _BAD.search(text) or (n == 1 and not _plural_or_mass(root)) or (n == 1 and root.tag_ == "NNS"):
        return ""  # a bare singular noun ("salary") reads as clipped in "What is it about salary…"
    if any(not t.is_alpha and t.text not in ("'s", "’s", "-") for t in toks) or any(t.is_upper and len(t) > 1 and t.pos_ != "PROPN" for t in toks):
        return ""
    return str(text)


def _plural_or_mass(tok: Any) -> bool:
    return tok.tag_ == "NNS" or tok.lower_ in {"music", "money", "teaching", "nursing", "research", "design", "coding", "freedom", "informatics",
                                               "trust", "respect", "family", "food", "art", "science", "data", "history", "writing"}
