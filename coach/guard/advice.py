"""Advice findings: imperatives, modals aimed at the mentee, phrasal suggestions, offers of tips,
advice in generic form, suggestions dressed as questions, persuasion, needs and verdicts.
"""

from __future__ import annotations

import re

from coach.guard.framing import (
    _EMBEDDED_END,
    _echoes_mentee,
    _mirrors_mentee,
    _quoted_back,
    _refused,
    _reported,
)
from coach.guard.lists import _BULLET
from coach.guard.rules import _FLAGS, _rules
from coach.guard.text import _CLAUSE_END, _WH_STARTS, _WORD, _Finding, _first_words, _snippet, _strip_openers
from coach.lexicon import candidates


def _lead_words(clause: str, most: int = 6) -> str:
    """The opening words of a clause, to its first punctuation: what an imperative's span shows."""
    head = re.split(r"[,;:.!?—–]", clause, maxsplit=1)[0].split()
    return " ".join(head[:most])


def _imperative(clause: str) -> bool:
    """Whether a clause (openers stripped) starts with an imperative verb aimed at the mentee."""
    r = _rules()
    words = _first_words(clause, 3)
    if not words:
        return False
    if words[0] in ("don't", "never", "always") and len(words) > 1:
        # "Don't take the first offer", "Never accept ...", "Always ask ...", "Don't just tell them",
        # "Never ever feel you have to" ("Never really heard of them" reports, "really" is not skipped)
        verb = words[2] if words[1] in ("just", "even", "ever", "simply") and len(words) > 2 else words[1]
        return verb in r.imperative_verbs or verb in r.dont_followers
    if words[0] not in r.imperative_verbs:
        return False
    if any(p.search(clause) for p in r.invitation_starts):
        return False
    if clause[len(words[0]) : len(words[0]) + 1] == ":":
        return False  # a label ("Move: deepen"), not a command
    if re.match(r"^\W*\w+\s*[—–]\s*(?:that|it|this)(?:'s|’s| is| was)\s+(?:something|what|a (?:big )?part of what|the part)\s+you\s+"
                r"(?!should|need|must|have to|ought|could)", clause, re.I):
        return False  # a word held up as a topic ("Research — that's a big part of what you enjoy"), not a command
    follower = words[1] if len(words) > 1 else ""
    if follower in r.noun_followers or clause[len(words[0]) : len(words[0]) + 2] == "'s":
        return False  # the verb is a noun subject: "Work is where ..."
    return True


_SUBORDINATE_LEAD = re.compile(
    r"^(?:before|after|when|whenever|once|if|until|as soon as|while|next time|whatever|whichever)\b[^,;:]{1,80},\s+", _FLAGS
)


def _clauses_for_imperative(sentence: str) -> list[str]:
    """The sentence start and the starts of clauses that can carry their own imperative."""
    parts = [sentence]
    # ", just ..." / ", simply ...": "Don't worry, just keep at it", "No need to stress, simply ask her."
    for m in re.finditer(r"(?:[;:]|\s[—–-]\s|—|, (?:so|then|and then|or|but|and)|,(?= (?:just|simply) ))\s+", sentence):
        parts.append(sentence[m.end() :])
    lead = _SUBORDINATE_LEAD.match(sentence)
    if lead:  # "Before you decide, get the offer in writing."
        parts.append(sentence[lead.end() :])
    return [_strip_openers(p) for p in parts]


def _modal_is_advice(sentence: str, start: int, end: int, mentee_lower: str) -> bool:
    r = _rules()
    low = sentence.lower()
    after = re.sub(r"^you(?:'d|'ll|'re| would| will| are)?(?: going to| gonna)? ", "", low[start:]).lstrip()
    # strip adverbs between "you" and the modal so "you really must be tired" still reads as empathy
    after = re.sub(r"^(?:really|probably|definitely|honestly|just|absolutely|seriously|also|still|then|now|simply|certainly|clearly) ", "", after)
    if any(p.search(after) for p in r.modal_exempt_after):
        return False
    prefix = low[:start]
    if re.search(r"\bthan\s*$", prefix):
        return False  # "more than you've got to give": a comparison, not an instruction
    if re.search(r"\b(?:don't|do not|doesn't|does not|never)\s*$", prefix):
        return False  # "you don't have to decide today" hands the choice back
    if any(p.search(prefix) for p in r.own_opinion):
        return True
    if _CONDITION_BEFORE.match(prefix):
        return True  # "If you're worried about it, you should see someone": the frame word is in the condition
    if any(p.search(prefix) for p in r.report_frames):
        return False
    if r.report_tag.search(low[start:]):
        return False  # "You'd have to move to London, you said"
    if _mirrors_mentee(low, start, mentee_lower):
        return False
    return True


def _advice_findings(
    sentence: str, masked: str, *, care: bool, mentee_lower: str, is_question: bool, played_back: bool = False
) -> list[_Finding]:
    r = _rules()
    out: list[_Finding] = []
    if care and any(p.search(masked) for p in r.care_allowed):
        return out  # crisis care: "please call 988", "reach out to someone you trust"
    core = _strip_openers(masked)
    bare_item = played_back and bool(_BULLET.match(masked)) and len(_WORD.findall(core.lower())) <= 2
    if not is_question and not care and not bare_item:
        for clause in _clauses_for_imperative(core):
            if _imperative(clause):
                out.append(_Finding("advice", _snippet(clause), "is an imperative telling the mentee what to do", span=_lead_words(clause)))
                break
    for p in candidates(r.advice_question, core):
        m = p.search(core)
        if m:
            out.append(_Finding("advice", _snippet(core, m.start()), "is a suggestion dressed as a question", span=m.group(0)))
            break
    for p in candidates(r.suggestion, core):
        m = p.search(core)
        if m and m.group(0).lower().startswith("you") and not _modal_is_advice(core, m.start(), m.end(), mentee_lower):
            continue  # "You mentioned you might try ..." reports the mentee's own idea
        if m and _refused(core.lower(), m.start(), m.end()):
            continue  # "I'm not going to tell you what the best way is" refuses, it does not suggest
        if m and _quoted_back(core.lower(), m.start(), narrow=True):
            continue  # "You're wondering if it's time to move on", "Your best bet, you said, is ..."
        if m and mentee_lower and _mirrors_mentee(core.lower(), m.start(), mentee_lower):
            continue  # the mentee's own words: "I think it's time to move on"
        if m and not (is_question and core.lower().startswith(("what", "how", "which", "who", "where", "when", "why"))):
            out.append(_Finding("advice", _snippet(core, m.start()), "suggests what the mentee should do", span=m.group(0)))
            break
    wh_question = is_question and core.lower().startswith(_WH_STARTS)
    if not out and not wh_question:
        low = core.lower()
        for kind, patterns, why in (
            ("offer", r.offers, "offers the mentee tips, ideas or steps"),
            ("generic", r.generic, "gives advice in general form (what works, what is key)"),
        ):
            m = _first_unframed(patterns, core, low, generic=kind == "generic", mentee_lower=mentee_lower)
            if m:
                out.append(_Finding("advice", _snippet(core, m.start()), why, span=m.group(0)))
                break
    for p in candidates(r.persuasion, core):
        m = p.search(core)
        if m and _refused(core.lower(), m.start(), m.end()):
            continue  # "I won't tell you what the right move is"
        if m and _reported(core.lower()[: m.start()]):
            continue  # "You're afraid that if you leave, you'll regret it" reports a fear
        if m and not (is_question and core.lower().startswith(("what", "how", "which"))):
            out.append(_Finding("advice", _snippet(core, m.start()), "pushes the mentee toward a conclusion (persuasion)", span=m.group(0)))
            break
    for p in r.modal:
        for m in p.finditer(core):
            if is_question and _INVERTED.search(core[: m.start()]):
                continue  # "What would you have to give up?" asks about the cost
            if _CONDITIONAL.match(core) and re.match(r"you(?:'d| would)\b", core[m.start() :], _FLAGS):
                continue  # "If you took the job, you'd have to move": a consequence, not an instruction
            if _modal_is_advice(core, m.start(), m.end(), mentee_lower):
                out.append(_Finding("advice", _snippet(core, m.start()), "tells the mentee what to do", span=m.group(0)))
                break
        else:
            continue
        break
    m = r.could.search(core)
    if m and not r.could_exempt_before.search(core[: m.start()]) and _modal_is_advice(core, m.start(), m.end(), mentee_lower):
        out.append(_Finding("advice", _snippet(core, m.start()), "suggests an option for the mentee to take", span=m.group(0)))
    if not out:
        found = _need_finding(core, mentee_lower, is_question) or _verdict_finding(core, mentee_lower, is_question)
        if found:
            out.append(found)
    return out[:1]


# A condition before the main clause ("If you feel stuck, you should ...", "When you're worried about
# money then you need to ..."): its words ("feel", "worried") report nothing the modal depends on.
_CONDITION_BEFORE = re.compile(r"^(?:if|when|whenever|once|unless|as long as|any time)\b.*(?:,|\bthen)\s*$", _FLAGS)
_CONDITIONAL = re.compile(r"^(?:if|even if|suppose|supposing|say) (?:you|it|they|the|that|this)\b", _FLAGS)
_INVERTED = re.compile(r"\b(?:would|do|does|did|will|could|can|might|should|must|shall)\s*$", _FLAGS)
_LEADING_NEG = re.compile(r"^(?:don't|do not|doesn't|wouldn't|won't|isn't|aren't)\b", _FLAGS)
# "a manager who trusts you", "a team that sees you": the need is described by what it does for them
_NEED_DESCRIBED = re.compile(r"^[\w' -]{0,40}?\b(?:that|who|which|where|whose) (?:[\w']+ ){0,3}(?:you|your|yourself)\b", _FLAGS)
_UP_TO_NEED = re.compile(r"^.*?\b(?:need|want)\b\s*(?:(?:now|right now|most|first|here|to do) )?(?:(?:is|are|'s) )?")


def _need_finding(core: str, mentee_lower: str, is_question: bool) -> _Finding | None:
    """ "You need a mentor", "What you need is a sponsor", "A portfolio is what you need"."""
    r = _rules()
    if is_question and not _LEADING_NEG.match(core):
        return None  # "What do you need from a mentor?" asks
    low = core.lower()
    for p in r.need_object:
        for m in p.finditer(core):
            prefix = low[: m.start()]
            if _EMBEDDED_END.search(prefix):
                continue  # "if you need a mentor, ...", "whatever you need"
            if re.match(r"(?:is|are|'s)\b", low[m.start() :]):
                if r.need_inner.search(prefix):
                    continue  # "Being heard is what you need"
            else:
                obj = _UP_TO_NEED.sub("", low[m.start() :], count=1)  # what is needed: "a mentor, plain and simple"
                if r.need_inner.match(obj) or _NEED_DESCRIBED.match(obj):
                    continue  # "You need room to think", "You need a manager who trusts you"
            if not _modal_is_advice(core, m.start(), m.end(), mentee_lower):
                continue
            clause = _CLAUSE_END.split(low[m.start() :], maxsplit=1)[0]
            if _echoes_mentee(low[: m.start()] + clause, mentee_lower):
                continue
            return _Finding("advice", _snippet(core, m.start()), "tells the mentee what they need (a thing to go and get)", span=m.group(0))
    return None


def _verdict_finding(core: str, mentee_lower: str, is_question: bool) -> _Finding | None:
    """ "The answer is a sponsor", "Contracting is the way to go", "It's time to move on"."""
    r = _rules()
    if is_question:
        return None
    low = core.lower()
    for p in candidates(r.verdict, core):
        m = p.search(core)
        if not m:
            continue
        if _refused(low, m.start(), m.end()) or _quoted_back(low, m.start()):
            continue
        if mentee_lower and (_mirrors_mentee(low, m.start(), mentee_lower) or _echoes_mentee(low, mentee_lower)):
            continue  # the mentee's own conclusion, played back
        return _Finding("advice", _snippet(core, m.start()), "hands the mentee a conclusion about what to do", span=m.group(0))
    return None


_REFLECT_START = re.compile(r"^(?:it sounds like|sounds like|it seems|seems like|what i'm hearing|i'm hearing|i hear)\b", _FLAGS)


def _first_unframed(
    patterns: tuple[re.Pattern[str], ...], core: str, low: str, *, generic: bool, mentee_lower: str = ""
) -> re.Match[str] | None:
    """The first offer/generic-advice match not refused, reported, inside a reflection frame or (generic
    advice only) in the mentee's own words ("It would give me the chance to lead" -> "It would give you
    the chance to lead")."""
    if generic and _REFLECT_START.match(low):
        return None
    for p in candidates(patterns, core):
        m = p.search(core)
        if m:
            prefix = low[: m.start()]
            if _refused(low, m.start(), m.end()) or _reported(prefix):
                continue
            if generic and mentee_lower and (_mirrors_mentee(low, m.start(), mentee_lower) or _echoes_mentee(low[m.start() :], mentee_lower)):
                continue  # an offer is the coach's own, whoever said the words first
            return m
    return None
