"""The guard's rule data: the TOML files in rules/ beside this module, loaded and compiled once.

Why data files: the people who know what "advice dressed as a question" sounds like are mentors, not
Python programmers. They extend these lists; the modules of this package only know how to apply them.
One file per label family (advice, judgment, questions, reflections, care, leak) plus the sentence
openers every family strips.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from coach.lexicon import precheck

_FLAGS = re.IGNORECASE
RULE_FILES = ("sentence", "advice", "judgment", "questions", "reflections", "care", "leak")


@dataclass(frozen=True, slots=True)
class _Rules:
    openers: re.Pattern[str]
    farewell: tuple[re.Pattern[str], ...]
    imperative_verbs: frozenset[str]
    dont_followers: frozenset[str]
    invitation_starts: tuple[re.Pattern[str], ...]
    noun_followers: frozenset[str]
    modal: tuple[re.Pattern[str], ...]
    need_object: tuple[re.Pattern[str], ...]
    need_inner: re.Pattern[str]
    report_tag: re.Pattern[str]
    verdict: tuple[re.Pattern[str], ...]
    list_header: re.Pattern[str]
    list_playback: tuple[re.Pattern[str], ...]
    list_item_not_noun: re.Pattern[str]
    list_item_action: re.Pattern[str]
    advice_request: tuple[re.Pattern[str], ...]
    could: re.Pattern[str]
    could_exempt_before: re.Pattern[str]
    modal_exempt_after: tuple[re.Pattern[str], ...]
    report_frames: tuple[re.Pattern[str], ...]
    own_opinion: tuple[re.Pattern[str], ...]
    suggestion: tuple[re.Pattern[str], ...]
    offers: tuple[re.Pattern[str], ...]
    generic: tuple[re.Pattern[str], ...]
    refusal: tuple[re.Pattern[str], ...]
    advice_question: tuple[re.Pattern[str], ...]
    persuasion: tuple[re.Pattern[str], ...]
    judgment: tuple[re.Pattern[str], ...]
    praise: tuple[re.Pattern[str], ...]
    evaluation: tuple[re.Pattern[str], ...]
    prediction: tuple[re.Pattern[str], ...]
    embedded_before: re.Pattern[str]
    own_view: tuple[re.Pattern[str], ...]
    reported: tuple[re.Pattern[str], ...]
    normalizing: tuple[re.Pattern[str], ...]
    validation_request: tuple[re.Pattern[str], ...]
    validation_answer: tuple[re.Pattern[str], ...]
    wh: frozenset[str]
    aux: frozenset[str]
    leading: tuple[re.Pattern[str], ...]
    confirmation: tuple[re.Pattern[str], ...]
    invitation_q: tuple[re.Pattern[str], ...]
    subordinate: frozenset[str]
    wh_followers: frozenset[str]
    refl_frames: tuple[re.Pattern[str], ...]
    self_talk: tuple[re.Pattern[str], ...]
    complex_cues: tuple[re.Pattern[str], ...]
    autonomy: tuple[re.Pattern[str], ...]
    care_resources: tuple[re.Pattern[str], ...]
    care_allowed: tuple[re.Pattern[str], ...]
    leak: tuple[re.Pattern[str], ...]


def _compile(patterns: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    return precheck(tuple(re.compile(p, _FLAGS) for p in patterns))


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    """Load and compile the rule file once per process."""
    data: dict[str, Any] = {}
    for name in RULE_FILES:  # one file per label family; their tables do not overlap
        raw = resources.files("coach.guard").joinpath(f"rules/{name}.toml").read_text(encoding="utf-8")
        data.update(tomllib.loads(raw))
    adv, jud, q, refl = data["advice"], data["judgment"], data["question"], data["reflection"]
    openers = sorted(data["sentence"]["openers"], key=len, reverse=True)
    opener_alt = "|".join(re.escape(o) for o in openers)
    punct_alt = "|".join(re.escape(o) for o in data["sentence"].get("punctuated_openers", []))
    before = "|".join(re.escape(w) for w in adv["could_exempt_before"])
    return _Rules(
        # "No one will hire you" opens with its subject, not with a "No,"
        openers=re.compile(rf"^(?:(?!no[ -]one\b)(?:{opener_alt})\b[,:;]?\s+|(?:{punct_alt})\s*(?:[,:;]|\s[—–-]|[—–])\s*)+", _FLAGS),
        farewell=tuple(re.compile(p, _FLAGS) for p in data["sentence"].get("farewell", [])),
        imperative_verbs=frozenset(adv["imperative_verbs"]),
        dont_followers=frozenset(adv["dont_followers"]),
        invitation_starts=_compile(adv["invitation_starts"]),
        noun_followers=frozenset(adv["noun_subject_followers"]),
        modal=_compile(adv["modal"]),
        need_object=_compile(adv["need_object"]),
        need_inner=re.compile(adv["need_inner"], _FLAGS),
        report_tag=re.compile(adv["report_tag"], _FLAGS),
        verdict=_compile(adv["verdict"]),
        list_header=re.compile(adv["list_header"], _FLAGS),
        list_playback=_compile(adv["list_playback"]),
        list_item_not_noun=re.compile(adv["list_item_not_noun"], _FLAGS),
        list_item_action=re.compile(adv["list_item_action"], _FLAGS),
        advice_request=_compile(adv["advice_request"]),
        could=re.compile(adv["could"], _FLAGS),
        could_exempt_before=re.compile(rf"\b(?:{before})\s*$", _FLAGS),
        modal_exempt_after=_compile(adv["modal_exempt_after"]),
        report_frames=_compile(adv["report_frames"]),
        own_opinion=_compile(adv["own_opinion_frames"]),
        suggestion=_compile(adv["suggestion"]),
        offers=_compile(adv["offers"]),
        generic=_compile(adv["generic"]),
        refusal=_compile(adv["refusal"]),
        advice_question=_compile(adv["question"]),
        persuasion=_compile(adv["persuasion"]),
        judgment=_compile(jud["patterns"]),
        praise=_compile(jud["praise"]),
        evaluation=_compile(jud["evaluation"]),
        prediction=_compile(jud["prediction"]),
        embedded_before=re.compile(jud["embedded_before"], _FLAGS),
        own_view=_compile(jud["own_view"]),
        reported=_compile(jud["reported"]),
        normalizing=_compile(jud["normalizing"]),
        validation_request=_compile(jud["validation_request"]),
        validation_answer=_compile(jud["validation_answer"]),
        wh=frozenset(q["wh_words"]),
        aux=frozenset(q["aux_words"]),
        leading=_compile(q["leading"]),
        confirmation=_compile(q["confirmation"]),
        invitation_q=_compile(q["invitation"]),
        subordinate=frozenset(q["subordinate"]),
        wh_followers=frozenset(q["wh_followers"]),
        refl_frames=_compile(refl["frames"]),
        self_talk=_compile(refl["self_talk"]),
        complex_cues=_compile(refl["complex_cues"]),
        autonomy=_compile(refl["autonomy"]),
        care_resources=_compile(data["care"]["resources"]),
        care_allowed=_compile(data["care"]["allowed"]),
        leak=_compile(data["leak"]["patterns"]),
    )


def preload() -> None:
    """Compile the rules now (~80 ms) rather than in the first check, e.g. the first turn of a
    session resumed in a new process."""
    _rules()
