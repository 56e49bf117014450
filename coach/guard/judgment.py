"""Judgment findings: verdicts on the mentee's goals or choices, flattery and praise, ratings of
what they did, predictions and promises about their future, and a yes/no verdict the mentee asked for.
"""

from __future__ import annotations

import re

from coach.guard.framing import _plays_back, _reported
from coach.guard.reflections import _asks
from coach.guard.rules import _rules
from coach.guard.text import _WORD, _Finding, _snippet, _strip_openers
from coach.lexicon import candidates


def _praise_or_prediction(core: str, mentee_lower: str, *, advice: bool) -> _Finding | None:
    """Flattery of the mentee or a prediction about their future, unless reported or embedded."""
    r = _rules()
    low = core.lower()
    for patterns, kind in ((r.praise, "praise"), (r.evaluation, "evaluation"), (r.prediction, "prediction")):
        if kind == "prediction" and advice:
            continue  # "Take it, you'll enjoy it more": the prediction is part of the steer
        for p in candidates(patterns, core):
            for m in p.finditer(core):
                prefix = low[: m.start()]
                if r.embedded_before.search(prefix) and not any(q.search(prefix) for q in r.own_view):
                    continue  # "what you're good at", "only you will see it", "whether you'll ..."
                if _reported(prefix):
                    continue  # "You said you're a natural leader", "You believe you'll be a good manager"
                last = _WORD.findall(m.group(0).lower())
                if kind == "praise" and mentee_lower and last and len(last[-1]) > 3 and re.search(rf"\b{re.escape(last[-1])}\b", mentee_lower):
                    continue  # plays back the mentee's own self-description
                if kind in ("evaluation", "prediction") and (_plays_back(low, m.start(), mentee_lower) or r.report_tag.search(low[m.start() :])):
                    continue  # "I'm not as good as I think" -> "You're not as good as you think", "I'll be 56 anyway" -> "you'll…"
                why = {
                    "praise": "praises the mentee (flattery is judgment)",
                    "evaluation": "rates the mentee or what they did (a verdict, for or against, is judgment)",
                    "prediction": "predicts or promises the mentee's future",
                }[kind]
                return _Finding("judgment", _snippet(core, m.start()), why, span=m.group(0))
    return None


# A contrast or a semicolon starts the coach's own clause: "I hear you, but staying is a cop-out" and
# "You're unsure; leaving would be a mistake" report nothing after it.
_OWN_CLAUSE = re.compile(r",\s+but\s+|;\s*")


def _own_clause(low: str, start: int) -> str:
    """The words before the match at `start` that can frame it: those after the last ", but" or ";"
    (none when the match itself opens with one)."""
    if _OWN_CLAUSE.match(low, start):
        return ""
    return _OWN_CLAUSE.split(low[:start])[-1]


def _judgment_findings(masked: str, is_open_question: bool, mentee_lower: str = "", *, advice: bool = False) -> list[_Finding]:
    r = _rules()
    core = _strip_openers(masked)
    exempt = [(m.start(), m.end()) for p in candidates(r.normalizing, core) for m in p.finditer(core)]
    low = core.lower()
    for p in candidates(r.judgment, core):
        for m in p.finditer(core):
            if any(a <= m.start() < b or a < m.end() <= b for a, b in exempt):
                continue
            if _reported(_own_clause(low, m.start())) or r.report_tag.search(low[m.start() :]) or _plays_back(low, m.start(), mentee_lower):
                continue  # someone's view reported ("You think it's a long shot", "Your family thinks it's a
                # waste"), or the mentee's own words played back ("I'm not ready" -> "You're not ready")
            if is_open_question and m.start() > 0:
                continue  # "What makes it a good goal for you?" asks, it does not grade
            said = m.group(0).lstrip(" :;,—–-")  # a verdict after a colon or dash is shown without it
            return [_Finding("judgment", _snippet(core[m.start() : m.end() + 30]) if m.end() - m.start() < 12 else said, "judges the mentee's goal or choice", span=said)]
    if is_open_question:
        # an open question may still open with flattery ("Great question! What ...") - that sentence is
        # split off before this point; inside the question itself, only a leading praise counts.
        lead = _praise_or_prediction(core, mentee_lower, advice=advice)
        return [lead] if lead and core.lower().find(lead.trigger.lower()[:20]) == 0 else []
    found = _praise_or_prediction(core, mentee_lower, advice=advice)
    return [found] if found else []


def _verdict_on_request(sentences: list[str], mentee_lower: str) -> _Finding | None:
    """Asked "good idea, right?", the coach answered with a yes/no or a rating of the plan."""
    r = _rules()
    if not sentences or not mentee_lower or not _asks("validation_request", mentee_lower):
        return None
    first = _strip_openers(sentences[0]).lower()
    for sent in [first, *(s.lower() for s in sentences[1:])]:
        if any(p.search(sent) for p in r.validation_answer[1:]) or (sent is first and r.validation_answer[0].search(sent)):
            return _Finding("judgment", _snippet(sent), "gives the verdict the mentee asked for (yes/no, good or bad idea)")
    return None
