"""The speech act of a message: what kind of thing was said (coach/data/hearing.toml [acts]).

One act decides the reply. The order below is the order of precedence: a crisis before anything, a
correction of the coach before what it corrects, a request before the statement inside it.
"""

from __future__ import annotations

import re

from coach import lexicon
from coach.analyze.addressed import asks_the_coach
from coach.types import Act, Kind

#: Moves after which "no, that's not it" corrects a playback (not the ground rules, not crisis care).
_PLAYBACK_MOVES = frozenset({
    "reflect", "deepen", "confirm_bedrock", "normalize", "influence_authority", "passion", "recall", "entail",
    "assumption", "experiment", "lottery", "sweet_spot", "summarize", "acknowledge", "correct", "advice_request",
    "low_effort", "transparency",
})


# a sentence in question order at the start of the message or a sentence ("is it weird that…", "am i a sellout")
_ASKED_UNMARKED = re.compile(r"(?:^|[.!?]\s+)\W*(?:so\s+|but\s+|and\s+)?(?:is|am|are|was|would|wouldn'?t|isn'?t)\s+(?:it|that|this|i)\b", re.I)


_SAID_INSTEAD = re.compile(r"\b(?:it'?s|it is|its)\s+not\b[^.!?]*[.!?]+\s+(?:\w+\s+)?(?:it'?s|it is|its)\s+(?!not\b)\w", re.I)


def plain_text(text: str) -> str:
    from coach.spelling import plain

    return plain(text)


def _has(key: str, text: str) -> bool:
    """A cue matches the message as typed, or with its chat shorthand written out ("what do u think i should do")."""
    cues = lexicon.cues("acts", key)
    if lexicon.any_match(cues, text):
        return True
    from coach.spelling import plain

    written = plain(text)
    return written != text and lexicon.any_match(cues, written)


def _asked_there(low: str) -> bool:
    """A question about the coach asked with its own question mark, more said after it ("are you a bot? like actual
    chatgpt thing? be honest, i test software for a living"): the "be honest" presses that question, no verdict."""
    m = lexicon.first_match(lexicon.cues("acts", "question_coach"), low)
    return m is not None and bool(re.match(r"[^.!?]{0,40}\?", low[m.end():]))


# a message that corrects itself: "I am not bitter. Well. That is not entirely true. I am a little bitter about the office."
_WALKED_BACK = re.compile(r"[.!?]\s+(?:well[.,]?\s+)?(?:that'?s|that is|thats)\s+not\s+(?:entirely|quite|strictly|completely|totally|100%)\s+true\b|"
                          r"[.!?]\s+(?:ok(?:ay)?|well|fine)[,.]?\s+(?:i\s+am|i'?m|im)\s+(?:a\s+)?(?:little|bit|tiny bit|little bit)\b", re.I)


def speech_act(text: str, kinds: list[Kind], *, after: str = "", event: str = "", strong_feeling: bool = False) -> Act:
    """`after` is the coach's last move ("" at the start of a session)."""
    low = text.lower()
    if Kind.CRISIS in kinds:
        return Act.CRISIS
    if Kind.INJECTION in kinds:
        return Act.INJECTION
    if after in _PLAYBACK_MOVES and _has("correction", low) and not _WALKED_BACK.search(low):
        return Act.CORRECTION  # (never "To be clear, I am not bitter. Well. That is not entirely true.": their own walk-back)
    if _has("question_coach", low) and (_asked_there(low) or (text.rstrip().endswith("?") or re.match(r"^\W*why (?:do|are|did) you\b", low))
                                        and not (_has("request_opinion", low) and _has("be_direct", low))):
        # ("Be straight with me. Am I too old at 52 to retrain?" asks for a verdict; the plea for directness is its tone)
        return Act.QUESTION_COACH  # "Why do you keep asking me why?": a question about the coach, asked as one
    if _has("complaint", low) or after in _PLAYBACK_MOVES and _has("complaint_ironic", low):
        # "You're not listening. I said informatics, not IT support.": the complaint carries the correction
        # ("You don't get it. It's not the height or the view. It's that up there it's me.": what it is, said after)
        return Act.CORRECTION if after and (re.search(r"\bi (?:said|meant|mean)\b|,\s*not\s+\w", low) or _SAID_INSTEAD.search(low)) else Act.COMPLAINT
    if _has("request_steps", low):
        return Act.REQUEST_STEPS
    if _has("request_opinion", low) and text.rstrip().endswith("?") or (_has("request_opinion", low) and Kind.ADVICE_REQUEST not in kinds and "?" in text):
        return Act.REQUEST_OPINION
    if _has("request_opinion", low) and Kind.ADVICE_REQUEST not in kinds and re.search(r"(?:^|[.!?]\s+)\W*(?:like\s+|so\s+|but\s+|and\s+)?(?:what|which|how)\s+(?:would|should|will|do)\s+(?:you|u|ya)\b", plain_text(low)):
        return Act.REQUEST_OPINION  # "wat do i even say to her. like what would u say": asked, without its question mark
    if _has("request_opinion", low) and re.search(r"\byes\s*(?:or|/)\s*no\b", low):
        return Act.REQUEST_OPINION  # "Room leader for the baby room. Yes or no.": a verdict demanded, with or without "?"
    if _has("request_opinion", low) and Kind.ADVICE_REQUEST not in kinds and (_ASKED_UNMARKED.search(low) or len(low.split()) <= 6):
        return Act.REQUEST_OPINION  # "is it weird that im kind of scared": a question, typed without its question mark
    if Kind.ADVICE_REQUEST in kinds:
        return Act.REQUEST_ADVICE
    if _has("question_coach", low):
        return Act.QUESTION_COACH
    if not event and not strong_feeling and asks_the_coach(text):
        return Act.QUESTION_COACH  # "have you ever been fired?", "r u even a real person": in grammar, asked of the coach
    if _has("small_talk", low):
        return Act.SMALL_TALK
    if _has("boundary", low) and len(text.split()) <= 25:
        return Act.BOUNDARY
    if Kind.AFFIRM in kinds and len(text.split()) <= 8:
        return Act.CONFIRMATION
    if Kind.DENY in kinds and len(text.split()) <= 8:
        return Act.DISAGREEMENT
    if Kind.LOW_EFFORT in kinds:
        return Act.LOW_EFFORT
    if event or strong_feeling:
        return Act.DISCLOSURE
    return Act.STATEMENT


#: "stop asking me questions", "just listen", "no more questions pls": a wish the coach keeps for a few turns
NO_QUESTIONS = re.compile(r"\b(?:stop|quit|enough with|no more|without)\s+(?:asking|the|all (?:the|these))?\s*(?:me\s+)?(?:questions|qs)\b|"
                          r"\bjust\s+listen\b|\bstop asking\b|\bdon'?t ask me (?:anything|any more|more)\b", re.I)
