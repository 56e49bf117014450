"""Bedrock: named in their own words, stated outright, offered for confirmation, and the answer to it."""

from __future__ import annotations

import re

from coach import language, lexicon
from coach.analyze.hearing import points_back
from coach.analyze.pointing import NOT_LIST, names_it
from coach.policy.rules.readings import _NO, _YES, bedrock_ready, self_named_bedrock, thats_all
from coach.policy.rules.techniques import next_technique
from coach.policy.rules.turn import Turn
from coach.types import Act, Cue, Evidence, Kind, Move, Plan

_FEAR = re.compile(r"^\W*(?:and\s+|but\s+)?what if\b|\b(?:scared|afraid|terrified|frightened|worried|dread|panic\w*|freeze|freezing)\b", re.I)


# their own words after a no: "I just like when the job is clean", "what I need is to be trusted"
_OWN_INSTEAD = re.compile(r"(?:^|[.!?]\s+)\W*(?:but\s+)?(?:i\s+(?:just\s+|really\s+|only\s+)?(?:like|love|need|care about|want|enjoy|miss)|"
                          r"what\s+i\s+(?:really\s+)?(?:like|love|need|care about|want|miss)\s+is|it'?s\s+more)\s+[^.!?]{3,70}", re.I)


def _named_after(sents: list[str], i: int) -> str:
    """The phrase after a pointer that names it, past what it isn't ("not counting money.")."""
    rest = sents[i + 1:]
    while rest and NOT_LIST.match(rest[0]):
        rest = rest[1:]
    return rest[0].strip() if rest and names_it(rest[0]) else ""


def _told_end(said: str) -> str:
    """The end of the message before, where a told moment lands: "…And he turns around. He just looks at her.", for
    "That. That is the whole job for me." (a long telling is never held up whole)."""
    sents = language.sentences(said)
    if len(said.split()) <= 24:
        return said
    kept: list[str] = []
    while sents and len(" ".join(kept).split()) < 12:
        kept.insert(0, sents.pop())
    return " ".join(kept)


def explicit_bedrock(t: Turn) -> Plan | None:
    """ "Knowing people can rely on me has mattered to me my whole life": played back for confirmation at once."""
    s, a = t.s, t.a
    if a.hearing.act not in (Act.STATEMENT, Act.DISCLOSURE, Act.CONFIRMATION) or a.has(Kind.QUESTION):
        return None
    sents = language.sentences(a.text)
    i = next((i for i, x in enumerate(sents) if lexicon.any_match(lexicon.cues("bedrock", "explicit"), x)), -1)
    if i < 0:
        return None
    sentence = sents[i]
    # "somebody who shows up every day thats been it my whole life i reckon": typed without a full stop, what the
    # pointer points at is the same sentence's start, never the sentence before ("ok fair."); a bare "that's it"
    # is left out ("if I hand the badge back, that's it": over, not the thing)
    inline = re.match(r"^(?P<x>\W*\w+(?:\W+\w+){2,}?)[\s,\u2014-]+(?:and\s+)?(?:that|this|thats|that's|that\u2019s)(?:'s|\s+is|\s+has|\s+was)?\s+"
                      r"(?:always\s+|really\s+)?(?:been\s+(?:it|the thing|everything)|the thing|everything|what (?:matters|mattered))\b", sentence, re.I)
    if inline and points_back(sentence) and not points_back(inline.group("x")):
        sentence = inline.group("x")
    elif points_back(sentence) and _named_after(sents, i):
        # "thats my job. not counting money. being the person they can ask.": what it is comes after
        sentence = _named_after(sents, i)
    elif points_back(sentence):
        # "Being useful to someone who's learning. That's it for me": the bedrock is what the pointer points at
        before = " ".join(sents[:i]) if i > 0 and not all(points_back(x) for x in sents[:i]) else _told_end(t.s.last_said)
        sentence = re.sub(r"^\W*(?:yes|yeah|yep|exactly|right|i guess|i think|honestly|so)\b[,.!]?\s*", "", before, flags=re.I).strip()
        sentence = re.sub(r"[.!]\s+(?=\S)", ", ", sentence).rstrip(".!")  # "Deep focus. Being left alone" -> one phrase
    sentence = lexicon.regex("bedrock", "explicit_tail", "hearing.toml").sub("", sentence).strip(" ,.")
    if _FEAR.search(sentence):
        return None  # "what if i go back and freeze. thats the real thing": the real fear, not what they stand on
    if thats_all(a.text, sentence):
        return None
    if not sentence or len(sentence.split()) > 24 or any(c["text"] == sentence[:240] for c in s.bedrock_confirmed):
        return None
    cand = {"text": sentence[:240], "turn_id": None, "score": max(a.bedrock_score, 0.85), "explicit": True}
    s.candidate = cand
    s.bedrock_candidates.append(cand)
    s.pending = "confirm_bedrock"
    start = max(0, a.text.find(sentence))
    return Plan(Move.CONFIRM_BEDROCK, motivation=t.top, complex=True, depth=s.depth, cue=Cue.EXPLICIT_BEDROCK,
                target=Evidence(sentence, start, start + len(sentence)), reason="an explicit bedrock statement: confirm it now")


def own_bedrock(t: Turn) -> Plan | None:
    """ "Security for my family. That's the thing under all of it." — the mentee names their own
    bedrock; it is theirs, so it is recorded as confirmed in their words."""
    own = self_named_bedrock(t.a)
    if not own or t.pending == "lottery":
        return None
    s = t.s
    s.candidate = None
    cand = {"text": own, "turn_id": None, "score": max(t.a.bedrock_score, 0.9), "own_words": True}
    s.bedrock_candidates.append(cand)
    s.bedrock_confirmed.append(cand)
    s.thread, s.depth = "", 0
    return next_technique(t, confirmed=True)


def bedrock_answer(t: Turn) -> Plan | None:
    """The answer to "does that feel true to you?": yes confirms it, no asks for their own words;
    anything else is more material on the same thread (the later rules read it)."""
    s, a = t.s, t.a
    if t.pending != "confirm_bedrock" or not s.candidate:
        return None
    yes = (a.has(Kind.AFFIRM) or _YES.search(a.text)) and not _NO.search(a.text)
    if yes and len(a.text.split()) <= 20:
        s.bedrock_confirmed.append(s.candidate)
        s.candidate = None
        s.thread, s.depth = "", 0
        return next_technique(t, confirmed=True)
    own = _OWN_INSTEAD.search(a.text) if not a.has(Kind.LOW_EFFORT) else None
    if own and (a.has(Kind.DENY) or _NO.search(a.text)) and not _FEAR.search(own.group(0)):
        # "No, is not that I am afraid. I just like when the job is clean. Pallets straight, no damage": the no,
        # and their own words in its place — those are what to hold up, never "how would you put it yourself?"
        said = own.group(0).strip(" .!?")
        start = max(0, a.text.find(said))
        cand = {"text": said[:240], "turn_id": None, "score": max(a.bedrock_score, 0.8), "own_words": True}
        s.candidate = cand
        s.bedrock_candidates.append(cand)
        s.pending = "confirm_bedrock"
        return Plan(Move.CONFIRM_BEDROCK, motivation=t.top, complex=True, depth=s.depth,
                    target=Evidence(said, start, start + len(said)), reason="not that: their own words in its place, held up")
    if a.has(Kind.DENY) or _NO.search(a.text) or a.has(Kind.LOW_EFFORT):
        s.candidate = None
        s.depth = max(1, s.depth - 1)
        return Plan(Move.DEEPEN, motivation=t.top, thread=s.thread, depth=s.depth, complex=False,
                    cue=Cue.BEDROCK_DENIED, reason="bedrock candidate not confirmed: ask for their own words")
    return None


def confirm_bedrock(t: Turn) -> Plan | None:
    s, a = t.s, t.a
    if not bedrock_ready(s, a):
        return None
    cand = {"text": (a.bedrock_text or a.text)[:240], "turn_id": None, "score": a.bedrock_score}
    s.candidate = cand
    s.bedrock_candidates.append(cand)
    s.pending = "confirm_bedrock"
    return Plan(Move.CONFIRM_BEDROCK, motivation=t.top, complex=True, depth=s.depth,
                reason=f"bedrock score {a.bedrock_score:.2f} at depth {s.depth}")

