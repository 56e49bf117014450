"""Readings the rules share: the curated cues, and what a message is (its angle, a lottery answer,
a shame theme, a pause, bedrock ready to confirm)."""

from __future__ import annotations

import re

from coach import language as L
from coach import lexicon
from coach.policy.rules.turn import CONFIRM_AT, CONFIRM_AT_ONCE
from coach.policy.state import State
from coach.types import Analysis, Claim, Cue, Kind, Motivation

# What the mentee's words mean (curated cues) lives in coach/data/policy.toml [policy], each noted there.
ASSUMPTION = lexicon.regex("policy", "assumption")
_INFO = lexicon.regex("policy", "info_request")
_YES = lexicon.regex("policy", "yes")
_NO = lexicon.regex("policy", "no")
_SELF_BEDROCK = lexicon.regex("policy", "self_bedrock")
_SELF_BEDROCK_IS = lexicon.regex("policy", "self_bedrock_is")
_JOBISH = lexicon.regex("policy", "jobish")
_OPEN_FUTURE = lexicon.regex("policy", "open_future")
_LOTTERY_LEAD = lexicon.regex("policy", "lottery_lead")
_PERSONAL = lexicon.regex("policy", "personal")
_WANT_JOB = lexicon.regex("policy", "want_job")
_CLOSING_THOUGHT = lexicon.regex("policy", "closing_thought")
_THE_LOTTERY = lexicon.regex("policy", "the_lottery")
_LEAVING = lexicon.regex("policy", "leaving")
_WANDER = lexicon.regex("policy", "wander")
_LEADERSHIP = lexicon.regex("policy", "leadership")


def angle(a: Analysis) -> tuple[Cue, Claim | None]:
    """What kind of statement this is, for the words of a reflection: someone else's view, a denial, a
    fear, a comparison, a hypothetical, a feeling, a paste, two languages — or plain (Cue.NONE)."""
    h = a.hearing
    if h.long:
        return Cue.LONG_PASTE, None
    mine = [c for c in h.claims if c.holder == "self"]
    theirs = [c for c in h.claims if c.holder != "self"]
    fear = next((c for c in mine if c.modality == "fear"), None)
    if fear is not None and any(f.name in ("fear", "worry") for f in h.feelings):
        return Cue.FEAR, fear  # "I'm scared they'll think I'm not ambitious": the fear first, their view inside it
    if any(f.valence < 0 and f.name in ("upset", "fear", "hurt", "shame", "grief", "anger") for f in h.feelings) and theirs \
            and re.search(r"\b(?:i\W?m|i am) (?:shaking|trembling|in tears|crying|shaken)\b|\bi (?:cried|was crying)\b", a.text, re.I):
        return Cue.FEELING, None  # "…that my work was sloppy. i'm shaking": the person first, the manager's view later
    if theirs and not any(c.modality in ("want", "preference", "value") and c.polarity > 0 for c in mine) and not a.goal:
        return Cue.OTHERS_VIEW, theirs[0]
    for cue, test in ((Cue.DENIED, lambda c: c.polarity < 0 and c.modality in ("value", "want")),
                      (Cue.FEAR, lambda c: c.modality == "fear"),
                      (Cue.COMPARISON, lambda c: bool(c.beats)),
                      (Cue.HYPOTHETICAL, lambda c: c.modality == "hypothetical")):
        c = next((c for c in mine if test(c)), None)
        if c is not None:
            return cue, c
    if h.feelings and (any(f.valence < 0 for f in h.feelings) or max(f.intensity for f in h.feelings) >= 0.6):
        return Cue.FEELING, None
    return Cue.NONE, None


def _sentences(text: str) -> list[str]:
    return [x.strip() for x in re.split(r"(?<=[.!?])\s+", text) if x.strip()]


def self_named_bedrock(a: Analysis) -> str:
    m = _SELF_BEDROCK_IS.search(a.text)
    if m:
        return (m.group("x") or m.group("y")).strip()
    if not _SELF_BEDROCK.search(a.text):
        return ""
    sents = _sentences(a.text)
    content = [x for x in sents if not _SELF_BEDROCK.search(x)
               and not re.fullmatch(r"\W*(yes|yeah|yep|exactly|right|true)\W*", x, re.I)]
    content = [x for x in content if not L.QUALIFIER.match(x)] or content  # ("doesnt matter if its a dog or a person")
    if not content:
        return ""
    x = re.sub(r"^\W*(yes|yeah|yep|exactly|right)[,.!]?\s*", "", content[-1], flags=re.I).rstrip(".!")
    if thats_all(a.text, x):
        return ""
    return x if len(x.split()) >= 1 and len(x) >= 4 else ""


def thats_all(text: str, before: str) -> bool:
    """ "a little lunch place. soup and bread. thats it": that's all it would be, not "that's the heart of it" — a
    bare "that's it" after a plan they'd make if they could, or after a list of things with no verb."""
    return bool(_THATS_ALL.search(text)) and bool(_HYPOTHETICAL.search(text) or not re.search(
        r"\b(?:\w+ing|is|are|was|am|'s|'m|been|be|matters?|need|want|like|love)\b", before, re.I))


_THATS_ALL = re.compile(r"(?:^|[.!?]\s*)\W*that'?s it\W*$", re.I)
_HYPOTHETICAL = re.compile(r"\bif (?:i|money|i'?d|i had|i won|i could)\b.*\b(?:i'?d|id|would|i'?ll)\b", re.I)


def answers_lottery(a: Analysis) -> bool:
    """Only a reply that plausibly names a seat they'd take (or refuse) is an answer: a role said up
    front as a short noun phrase ("The head of design. Not finance, ever."), or a job wanted or
    refused ("I'd take my skip-level's job"). "The CFO thanked me in the all-hands" names a role
    but is a story about the CFO, not a seat the mentee would take."""
    if role_first(a):
        return True
    return bool((_JOBISH.search(a.text) or a.roles) and _WANT_JOB.search(a.text))


def role_first(a: Analysis) -> bool:
    """The reply opens with a seat, said as a short noun phrase: "Honestly? The head of analytics." """
    first = re.split(r"[.,;!?:—–]|\s-\s", _LOTTERY_LEAD.sub("", a.text.strip()), maxsplit=1)[0].strip()
    words = first.split()
    named = bool(_JOBISH.search(first) or any(r.lower() in first.lower() for r in a.roles))
    return named and 1 <= len(words) <= 6 and not _PERSONAL.search(first)


_WANT_MONEY = re.compile(r"\b(?:i|we)\s+(?:really |just |mostly |also |honestly )?(?:want|need|would like|'d like|wish|hope|am after|'m after)\s+"
                         r"(?:to\s+)?(?:earn|make (?:more |a lot of |good |real |proper )?money|get paid|be paid|more money|a raise|more pay|higher pay|"
                         r"a (?:bigger|higher|better) salary|earn (?:a lot )?more\b)", re.I)
_WANT_TO_LEAVE = re.compile(r"\b(?:i|i'm|i am|i've been|we're)\s+(?:\w+\s+){0,3}?(?:thinking|thought|considering|tempted|planning|want|wanting|going|ready|dreaming|hoping)\b"
                            r".{0,25}\b(?:leav|quit|resign|move on|moving on|start (?:my|a)|go(?:ing)? freelance|work for myself|hand in my notice)", re.I)


_LEAVING_ACT = re.compile(r"\b(?:interview\w*|apply\w*|applied|updat\w+ my (?:cv|resume|linkedin)|looking (?:at|for|elsewhere|around)|"
                         r"job offer|offer from|hand\w* in my notice|recruiters?)\b", re.I)
_NEARLY = re.compile(r"\b(?:almost|nearly|once|used to)\s+(?:\w+\s+)?(?:quit|left|leave|resign)", re.I)


_DENIED_LEAVING = re.compile(r"\b(?:not|never|n't)\s+(?:saying\s+|that\s+)?(?:i\s+)?(?:want|wanting|going|planning|trying)\s+to\s+(?:quit|leave|resign)\b", re.I)
_AMBITION = re.compile(r"\b(?:promot\w*|bigger role|title|lead|leader|manager|management|director|senior|head of|ambitio\w*|climb\w*|"
                       r"ladder|more responsibility|run (?:the|a|my own)|in charge|ceo|partner|vp|\w+'s\s+(?:job|role|seat|position)|top job|bigger job|more power)\b", re.I)


def shame_theme(a: Analysis) -> str:
    """Money, ambition or leaving, said with shame or wanted outright — what NORMALIZE takes the shame out
    of. Not a fear ("the pay cut terrifies me"), not a denial ("it's not the money"), not someone else's
    idea ("my partner says I should quit"), not good news ("I got the offer!!!")."""
    h = a.hearing
    if any(f.name in ("fear", "worry") for f in h.feelings) or any(c.modality == "fear" for c in h.claims):
        return ""
    if h.event or any(c.theme == "compensation" and c.polarity < 0 for c in h.claims):
        return ""
    mots = {hit.motivation for hit in a.motivations}
    money_words = lexicon.group("motivation_keywords", "compensation")
    wants_money = bool(_WANT_MONEY.search(a.text))
    out = _WANT_TO_LEAVE.search(a.text)
    wants_out = out is not None and not re.search(r"\b(?:not|never|n't|no longer)\b", out.group(0), re.I)  # "I'm not saying I want to quit"
    if _DENIED_LEAVING.search(a.text):
        return ""
    theirs = any(c.holder != "self" for c in h.claims)
    if a.has(Kind.SHAME):
        if Motivation.COMPENSATION in mots and lexicon.any_match(money_words, a.text) and (wants_money or not theirs):
            return "money"
        if (a.has(Kind.LEAVING) or _LEAVING.search(a.text)) and (wants_out or not theirs):
            return "leaving"
        # a worry about themselves ("Is that weird?") is not an ambition to be reassured about unless one is named
        # (a goal alone is no ambition: "I am not stupid… I want to be with the bees" had got "Wanting a bigger role isn't
        # something I'd judge")
        return "ambition" if not theirs and _AMBITION.search(a.text) else ""
    if a.has(Kind.LEAVING) and (wants_out or _LEAVING_ACT.search(a.text)) and not theirs and not _NEARLY.search(a.text):
        return "leaving"  # "I'm thinking about leaving", "I've been interviewing elsewhere"
    if wants_money and not theirs:
        return "money"  # "mostly I want to earn more", named in so many words
    return ""


def bedrock_ready(s: State, a: Analysis) -> bool:
    if a.has(Kind.QUESTION) or a.has(Kind.GOAL) and a.bedrock_score < CONFIRM_AT_ONCE:
        return False
    if any(c["text"] == (a.bedrock_text or a.text)[:240] for c in s.bedrock_confirmed):
        return False
    if a.sentiment < -0.3:
        return False  # "I hate watching people struggle" is felt first: reflect the feeling, then ladder
    if any(c.polarity < 0 and c.holder == "self" for c in a.hearing.claims):
        return False  # "it's not the hours. I've always done the hours.": ruling something out, not what runs deepest
    if a.bedrock_score >= CONFIRM_AT_ONCE and s.turn >= 2:
        return True
    return a.bedrock_score >= CONFIRM_AT and s.depth >= 1


def pause(a: Analysis) -> bool:
    """A natural pause: a short agreement that closes a thought ("Yeah, pretty much."), not a short
    answer that opens one ("Being seen." can be the most important thing said all session)."""
    return (len(a.text.split()) <= 5 and not a.has(Kind.QUESTION) and a.energy < 0.5 and a.sentiment > -0.05
            and bool(a.has(Kind.AFFIRM) or _CLOSING_THOUGHT.match(a.text)))


def lottery_fits(s: State, a: Analysis, *, confirmed: bool) -> bool:
    """The lottery question comes when it fits: something about where they're heading is on the
    table (a goal, a role, or an open 'what's next'), at a natural pause (a bedrock just confirmed,
    or a short answer), never right after something painful or a new, substantial disclosure."""
    if "lottery" in s.done:
        return False
    if a.sentiment < -0.2 or a.has(Kind.SHAME) or (a.has(Kind.FEELING) and a.sentiment < 0):
        return False
    on_table = bool(s.goals or s.roles or _OPEN_FUTURE.search(a.text))
    return on_table and (confirmed or pause(a) or bool(_OPEN_FUTURE.search(a.text)))

