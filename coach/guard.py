"""The guard: one rule-based detector for what a coach (or mentor) line must not do.

It reads a line and reports advice (including persuasion and advice dressed as a question),
judgment of the mentee's goals, more than one question, closed or leading questions and leaked
instructions, and it also names the good moves it sees (open questions, simple and complex
reflections). It is pure regular expressions over the patterns in `coach/data/guard_rules.toml`:
no model, no I/O after the first call, well under 2 ms a line, so it runs on every coach turn,
behind `coach check`, and as an eval scorer.

Decisions worth knowing (documented here because callers depend on them):

* ``ok`` is False when any of advice, judgment, multiple_questions, closed_question,
  leading_question or leak is present. Reflections and a single open question are fine.
* A question that carries a suggestion ("Have you considered asking for a raise?", "Why don't you
  apply?") is labelled ``advice`` *and* ``leading_question``: it steers toward an answer.
* Checking a playback ("Does that feel true to you?", "Is that close?", or a reflection spoken as a
  question, "So it's less about the title and more about the say?") is the coach's one allowed
  yes/no question. It is labelled ``question`` + ``confirmation`` — never ``closed_question`` — and
  counts as one question (so a playback check plus another question is still two).
* A message that points to crisis resources (988, a crisis line, an emergency number) is care, not
  coaching: it gets the ``care`` label and its imperatives ("please call", "reach out to someone you
  trust") are exempt from the advice rule. Other sentences in it are still checked.
* Text inside quotation marks is the mentee's (or someone else's) words and is masked before the
  advice, judgment and question rules run: 'You said "I should just quit"' is not advice.
* A "should"/"need to" clause that reports what the mentee or someone else said or feels ("You feel
  you should have been promoted") or that mirrors ``mentee_text`` is a reflection, not advice.
* Flattery of the mentee, their question or their traits ("Great question!", "You're a natural
  leader", "I'm glad to see that you ...") and predictions or promises about their future ("You will
  be a tech lead", "I'm sure you'll succeed", "It'll all work out") are ``judgment``, unless a report
  frame precedes them ("You believe you'll ...", "You're worried you'll ...") or they sit in an
  embedded clause ("what you're good at", "only you will see it"). A prediction inside a sentence that
  already gives advice is part of that steer and counts as advice only ("Take it, you'll enjoy it").
* Offers to advise ("Here are some tips", "I'll give you a few ideas", "One thing you can do is ...")
  and advice in generic form ("The key to getting promoted is visibility", "People in your position
  usually ...", "A mentor can really help you") are ``advice``; after a refusal in the same sentence
  ("I won't give you tips", "I'm not going to tell you what the best way is") they are not.
* Advice without an imperative or modal is still advice: naming what the mentee lacks ("You need a
  mentor, plain and simple", "What you need is a sponsor", "A portfolio is exactly what you need"),
  "realistically you'd have to ...", and verdicts that hand over a conclusion ("The answer is a sponsor",
  "Contracting is the way to go", "It's time to move on", "A transfer makes the most sense"), also with a
  thing as the subject ("A mentor might be the missing piece", "A side project could be a good way in",
  "One option is a transfer", "Networking is key here"). The bare "You need X." (the offline voice's
  playback of "I need X") counts only with no determiner ("You need visibility"), a determiner of lack
  ("a", "more", "a better"), an intensifier or a cleft, and never when X is an inner need ("room to
  think", "to feel trusted", "a manager who trusts you"); "the"/"your"/gerund objects are the voice's
  fillers and stay playbacks. "What you want is a smaller company" is the same verdict about a want.
* Playback is decided against ``mentee_text`` in the coach's pronouns ("I need a mentor" ->
  "you need a mentor") and from the mentee's statements only: answering "Do I need a mentor?" with
  "You need a mentor" is advice. A report tag after a clause (", you said", "— your words") makes it a
  playback just as a report frame before it does.
* A list offered as an answer is advice: bulleted bare nouns (lines "- Networking", "- A portfolio"),
  nouns after a header that names things to do ("Three things: ...", "Top priorities: ...", "Step one:
  ..."), "First, X. Then, Y.", gerund actions ("- Talking to your manager"), numbered lists run into one
  line ("1. Networking 2. Visibility"), and a bare list of nouns replying to a request for advice in
  ``mentee_text``. A list is a playback when a frame says whose words they are ("You mentioned three
  things: ...", "Here's what I heard:"), a confirmation check follows, or most items are the mentee's.
* Lines a small model writes without "you should" still break the stance: "should" with a thing of the
  mentee's life as the subject ("Your goal should ...", "The plan should ..."), "why not <verb> ...?"
  (not "Why not earlier?" or "Why not finance?", which ask about a choice the mentee made), the fix
  made to sound easy ("it's as simple as asking"), an option sold by what it brings ("This can give
  you the opportunity to ..."), "The advice is to ...", "The answer to your question is ...", maxims of
  prerequisite ("You can't X without Y-ing") and standing offers of advice or help ("If you need help
  with anything else, just let me know") are ``advice``. Verdicts on the mentee or what they did, for or
  against ("You're right.", "What you did was right.", "You're not as good at ...", "You're too much
  of a ...") are ``judgment``, unless a report frame or tag says whose view it is or the clause repeats
  the mentee's own words about themselves.
* ``confirmation`` and ``care`` extend the label vocabulary of ``Verdict``; ``classify_label`` maps a
  verdict to one primary label, and ``question_type`` to the dataset's question type.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from coach.lexicon import candidates, precheck
from coach.types import Verdict

__all__ = [
    "LABELS",
    "BLOCKING",
    "check",
    "preload",
    "check_many",
    "classify_label",
    "question_type",
]

# Label vocabulary, in the order labels are reported.
LABELS: tuple[str, ...] = (
    "leak",
    "advice",
    "judgment",
    "multiple_questions",
    "leading_question",
    "closed_question",
    "question",
    "open_question",
    "confirmation",
    "reflection",
    "complex_reflection",
    "care",
)
# Any of these makes a line not ok.
BLOCKING: frozenset[str] = frozenset(
    {"advice", "judgment", "multiple_questions", "closed_question", "leading_question", "leak"}
)
# Primary label for the DESIGN contract: problems first (worst first), then the good moves.
_PRIMARY_ORDER: tuple[str, ...] = (
    "leak",
    "advice",
    "judgment",
    "leading_question",
    "multiple_questions",
    "closed_question",
    "care",
    "open_question",
    "complex_reflection",
    "reflection",
    "question",
)

# Guard input is a coach line; anything longer is not a turn, and capping keeps the cost bounded.
MAX_CHARS = 4000
_TRIGGER_CHARS = 70

_FLAGS = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class _Rules:
    openers: re.Pattern[str]
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
    raw = resources.files("coach").joinpath("data/guard_rules.toml").read_text(encoding="utf-8")
    data: dict[str, Any] = tomllib.loads(raw)
    adv, jud, q, refl = data["advice"], data["judgment"], data["question"], data["reflection"]
    openers = sorted(data["sentence"]["openers"], key=len, reverse=True)
    opener_alt = "|".join(re.escape(o) for o in openers)
    before = "|".join(re.escape(w) for w in adv["could_exempt_before"])
    return _Rules(
        openers=re.compile(rf"^(?:(?:{opener_alt})\b[,:;]?\s+)+", _FLAGS),
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


# --------------------------------------------------------------------------- text preparation

_QUOTE_TRANS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2032": "'"})
_DOUBLE_QUOTED = re.compile(r'"[^"\n]{1,400}"')
# A single-quoted span opens after a non-word character and closes before one, so the apostrophes
# in "I'm" or "mentees'" do not start or end it.
_SINGLE_QUOTED = re.compile(r"(?<![\w'])'(?=\w)[^\n]{1,300}?(?<=[\w.!?,])'(?!\w)")
_SPACES = re.compile(r"[ \t\r\f\v]+")
# (not after a list number that opens a line: "1. Trust" is one item, not the sentence "1." and "Trust")
_SENT_SPLIT = re.compile(r"(?<=[.!?])(?<!^\d\.)(?<!\n\d\.)(?<!^\d\d\.)(?<!\n\d\d\.)[\"')\]]*\s+|\n+")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_CLAUSE_SPLIT = re.compile(r"\s*(?:[,;:]|\s[—–-]\s|—|–)\s*")
_LATER_WH = re.compile(
    r"(?:[,;]|\s[—–-]|—|–)\s*(?:and |or |but |so )?(what|how|why|which|who|whose|where|when)\b(?:'s|'re|\s+(\w+(?:'\w+)?))",
    _FLAGS,
)
_LATER_AUX = re.compile(
    r"(?:,|;|—|–)\s*and\s+(?:has|have|is|are|was|were|do|does|did|would|will|can|could)\s+"
    r"(?:anything|anyone|anybody|it|that|this|you|there|your|the|he|she|they)\b",
    _FLAGS,
)
_NEGATED = re.compile(r"n't\b|\bnot\b|\bnever\b", _FLAGS)
_PRONOUNS = frozenset({"i", "you", "we", "they", "he", "she", "i'm", "you're", "we're", "they're"})
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself|you're|you've|you'd|you'll)\b", _FLAGS)
_PSEUDO_CLEFT = re.compile(
    r"^what (?:(?:would|will|might|could|can|really|usually|often|actually|always|typically|generally|probably) )+"
    r"(?:help|helps|work|works|make the difference|makes the difference|pay off|pays off)(?: (?:most|best|here))? (?:is|are|'s|would be)\b",
    _FLAGS,
)
_LATER_COPULA = re.compile(r"\s(?:is|are|was|were)\s|'s\s", _FLAGS)
_MENTEE_STOP = frozenset(
    "i me my you your the a an and or but to of in on at for with is are was were be been it that this "
    "so just really very about what how do did have has had not no yes".split()
)
MASK = '"…"'


def _normalize(text: str) -> str:
    text = text.translate(_QUOTE_TRANS)
    return _SPACES.sub(" ", text).strip()


def _mask_quotes(text: str) -> str:
    """Replace quoted words with a placeholder: they are someone else's words, not the coach's."""
    text = _DOUBLE_QUOTED.sub(MASK, text)
    return _SINGLE_QUOTED.sub(MASK, text)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENT_SPLIT.split(text) if s and s.strip()]


def _strip_openers(sentence: str) -> str:
    return _rules().openers.sub("", sentence, count=1).lstrip(" ,-—–")


def _first_words(s: str, n: int = 2) -> list[str]:
    return _WORD.findall(s[:80].lower())[:n]


def _snippet(s: str, start: int = 0) -> str:
    piece = s[start:].strip().rstrip(".!")
    if len(piece) > _TRIGGER_CHARS:
        piece = piece[: _TRIGGER_CHARS].rsplit(" ", 1)[0] + "…"
    return piece


# --------------------------------------------------------------------------- findings


@dataclass(slots=True)
class _Finding:
    label: str
    trigger: str
    why: str


def _imperative(clause: str) -> bool:
    """Whether a clause (openers stripped) starts with an imperative verb aimed at the mentee."""
    r = _rules()
    words = _first_words(clause, 3)
    if not words:
        return False
    if words[0] in ("don't", "never", "always") and len(words) > 1:
        # "Don't take the first offer", "Never accept ...", "Always ask ..."
        return words[1] in r.imperative_verbs or words[1] in r.dont_followers
    if words[0] not in r.imperative_verbs:
        return False
    if any(p.search(clause) for p in r.invitation_starts):
        return False
    if clause[len(words[0]) : len(words[0]) + 1] == ":":
        return False  # a label ("Move: deepen"), not a command
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


_TO_SECOND_PERSON = {
    "i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "i'm": "you're",
    "i'd": "you'd", "i'll": "you'll", "i've": "you've", "am": "are",
}
_MENTEE_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


@lru_cache(maxsize=64)
def _mentee_said(mentee_lower: str) -> str:
    """The mentee's statements (not their questions), in the coach's pronouns: "I need a mentor" ->
    "you need a mentor", so a playback matches; "Do I need a mentor?" is left out, so answering it
    ("You need a mentor") does not pass as one."""
    out = []
    for m in _MENTEE_SENTENCE.finditer(mentee_lower):
        sent = m.group(0).strip()
        if not sent or sent.endswith("?"):
            continue
        out.append(" ".join(_TO_SECOND_PERSON.get(w, w) for w in _WORD.findall(sent)))
    return " | ".join(out)


def _mirrors_mentee(sentence_lower: str, start: int, mentee_lower: str) -> bool:
    """Whether the clause at `start` repeats the mentee's own words ("I should have been ...")."""
    if not mentee_lower:
        return False
    clause_words = _WORD.findall(sentence_lower[start:])
    if clause_words and clause_words[0] == "you":
        clause_words = clause_words[1:]
    key = " ".join(clause_words[:3])
    return len(clause_words) >= 2 and key in _mentee_said(mentee_lower)


def _echoes_mentee(clause_lower: str, mentee_lower: str) -> bool:
    """Whether most content words of a clause are words the mentee said in a statement."""
    if not mentee_lower:
        return False
    words = _content_words(clause_lower) - {"realistically", "really", "honestly", "just", "simply", "need", "want"}
    said = _content_words(_mentee_said(mentee_lower))
    return len(words) >= 2 and len(words & said) / len(words) >= 0.6


def _modal_is_advice(sentence: str, start: int, end: int, mentee_lower: str) -> bool:
    r = _rules()
    low = sentence.lower()
    after = re.sub(r"^you(?:'d|'ll|'re| would| will| are)?(?: going to| gonna)? ", "", low[start:]).lstrip()
    # strip adverbs between "you" and the modal so "you really must be tired" still reads as empathy
    after = re.sub(r"^(?:really|probably|definitely|honestly|just|absolutely|seriously|also|still|then|now|simply|certainly|clearly) ", "", after)
    if any(p.search(after) for p in r.modal_exempt_after):
        return False
    prefix = low[:start]
    if re.search(r"\b(?:don't|do not|doesn't|does not|never)\s*$", prefix):
        return False  # "you don't have to decide today" hands the choice back
    if any(p.search(prefix) for p in r.own_opinion):
        return True
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
                out.append(_Finding("advice", _snippet(clause), "is an imperative telling the mentee what to do"))
                break
    for p in candidates(r.advice_question, core):
        m = p.search(core)
        if m:
            out.append(_Finding("advice", _snippet(core, m.start()), "is a suggestion dressed as a question"))
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
            out.append(_Finding("advice", _snippet(core, m.start()), "suggests what the mentee should do"))
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
                out.append(_Finding("advice", _snippet(core, m.start()), why))
                break
    for p in candidates(r.persuasion, core):
        m = p.search(core)
        if m and _refused(core.lower(), m.start(), m.end()):
            continue  # "I won't tell you what the right move is"
        if m and not (is_question and core.lower().startswith(("what", "how", "which"))):
            out.append(_Finding("advice", _snippet(core, m.start()), "pushes the mentee toward a conclusion (persuasion)"))
            break
    for p in r.modal:
        for m in p.finditer(core):
            if is_question and _INVERTED.search(core[: m.start()]):
                continue  # "What would you have to give up?" asks about the cost
            if _CONDITIONAL.match(core) and re.match(r"you(?:'d| would)\b", core[m.start() :], _FLAGS):
                continue  # "If you took the job, you'd have to move": a consequence, not an instruction
            if _modal_is_advice(core, m.start(), m.end(), mentee_lower):
                out.append(_Finding("advice", _snippet(core, m.start()), "tells the mentee what to do"))
                break
        else:
            continue
        break
    m = r.could.search(core)
    if m and not r.could_exempt_before.search(core[: m.start()]) and _modal_is_advice(core, m.start(), m.end(), mentee_lower):
        out.append(_Finding("advice", _snippet(core, m.start()), "suggests an option for the mentee to take"))
    if not out:
        found = _need_finding(core, mentee_lower, is_question) or _verdict_finding(core, mentee_lower, is_question)
        if found:
            out.append(found)
    return out[:1]


_CONDITIONAL = re.compile(r"^(?:if|even if|suppose|supposing|say) (?:you|it|they|the|that|this)\b", _FLAGS)
_INVERTED = re.compile(r"\b(?:would|do|does|did|will|could|can|might|should|must|shall)\s*$", _FLAGS)
_EMBEDDED_END = re.compile(
    r"\b(?:if|whether|when|whenever|what|whatever|which|who|how|where|once|until|unless|because|since)(?: or not)?(?: to)?\s*$", _FLAGS
)
# Narrower, for phrasal suggestions: "What I'd recommend is ..." is a cleft, not an embedded clause.
_EMBEDDED_IF = re.compile(r"\b(?:if|whether)(?: or not)?(?: to)?\s*$|\b(?:how|when) to\s*$", _FLAGS)
_LEADING_NEG = re.compile(r"^(?:don't|do not|doesn't|wouldn't|won't|isn't|aren't)\b", _FLAGS)
# "a manager who trusts you", "a team that sees you": the need is described by what it does for them
_NEED_DESCRIBED = re.compile(r"^[\w' -]{0,40}?\b(?:that|who|which|where|whose) (?:[\w']+ ){0,3}(?:you|your|yourself)\b", _FLAGS)
_UP_TO_NEED = re.compile(r"^.*?\b(?:need|want)\b\s*(?:(?:now|right now|most|first|here|to do) )?(?:(?:is|are|'s) )?")
_CLAUSE_END = re.compile(r"[,;:.!?]|\s[—–-]\s|—|–")


def _quoted_back(low: str, start: int, *, narrow: bool = False) -> bool:
    """Whether the words at `start` report someone's view or sit in an embedded clause: a report frame
    before them, a report tag after them (", you said"), or "if"/"whether" just before."""
    prefix = low[:start]
    embedded = (_EMBEDDED_IF if narrow else _EMBEDDED_END).search(prefix)
    return _reported(prefix) or bool(embedded) or bool(_rules().report_tag.search(low[start:]))


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
            return _Finding("advice", _snippet(core, m.start()), "tells the mentee what they need (a thing to go and get)")
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
        return _Finding("advice", _snippet(core, m.start()), "hands the mentee a conclusion about what to do")
    return None


_BULLET = re.compile(r"^(?:[-*•·–—]|\d{1,2}[.)])\s+(\S.*)$")
_SEQUENCED = re.compile(
    r"^(?:first|firstly|first off|second|secondly|third|thirdly|then|next|after that|finally|lastly|step (?:one|two|three|\d))[,:]\s+(\S[^,;:]*?)[.!]?$",
    _FLAGS,
)
# "First, a quick recap. Then, a question.": the coach announcing its own moves
_META_ITEM = re.compile(
    r"\b(?:question|questions|word|words|recap|summary|check-in|note|thought|reflection|moment|pause|story|disclaimer|caveat|thanks|thank you|playback)\b",
    _FLAGS,
)
_DASH = re.compile(r"\s[—–-]\s|—|–")
_VAGUE = re.compile(r"\b(?:all|everything|nothing|both|none|neither|one|ones|lot|lots|much|many|stuff|things|same)\b", _FLAGS)
_HEADED = re.compile(r"^([^:]{1,60}):\s+(\S.*)$")
# "1. Networking 2. Visibility" / "1) a mentor 2) a portfolio": a numbered list run into one line
_INLINE_NUMBER = re.compile(r"(?:^|(?<=\s))\(?(\d)[.)]\s+")
_POSSESSIVE = re.compile(r"\b(?:your|yours|yourself)\b", _FLAGS)
_ITEM_SPLIT = re.compile(r"\s*(?:[,;]|\band then\b|\band\b|\bor\b|\bthen\b|\bplus\b)\s*", _FLAGS)


def _noun_items(items: list[str]) -> list[str]:
    """The items that are bare noun phrases ("Networking", "a stronger portfolio") or actions named
    by a gerund ("Talking to your manager": there "your" is the object's, not a clause's subject)."""
    r = _rules()
    out = []
    for item in items:
        item = item.strip(" .!—–-")
        n = len(_WORD.findall(item.lower()))
        probe = _POSSESSIVE.sub("", item) if r.list_item_action.match(item) else item
        if 1 <= n <= 6 and not r.list_item_not_noun.search(probe):
            out.append(item)
    return out


def _list_lines(masked: str) -> list[str]:
    """The text's non-empty lines, with a numbered list run into one line ("1. Networking 2. Visibility")
    split one item a line, after whatever came before it ("You mentioned two things:")."""
    out = []
    for ln in masked.split("\n"):
        ln = ln.strip()
        if not ln:
            continue
        marks = list(_INLINE_NUMBER.finditer(ln))
        if len(marks) < 2 or [m.group(1) for m in marks] != [str(i) for i in range(1, len(marks) + 1)]:
            out.append(ln)
            continue
        if ln[: marks[0].start()].strip():
            out.append(ln[: marks[0].start()].strip())
        ends = [m.start() for m in marks[1:]] + [len(ln)]
        out += [f"{m.group(1)}. {ln[m.end() : end].strip()}" for m, end in zip(marks, ends, strict=True)]
    return out


def _list_finding(masked: str, mentee_lower: str) -> _Finding | None:
    """A list of things offered as an answer: a bulleted list of bare nouns, or nouns after a header
    that names things to do ("Three things: networking, a portfolio, certifications.")."""
    r = _rules()
    lines = _list_lines(masked)
    bullets = [(i, m.group(1)) for i, ln in enumerate(lines) if (m := _BULLET.match(ln))]
    items: list[str] = []
    before = ""
    if len(bullets) >= 2:
        items = [b for _, b in bullets]
        before = " ".join(lines[: bullets[0][0]])
        min_items = 2
    else:
        sentences = _sentences(masked)
        for k, sent in enumerate(sentences):
            m = _HEADED.match(sent) or _HEADED.match(_strip_openers(sent))
            if m and r.list_header.match(m.group(1).strip()):
                items = [x for x in _ITEM_SPLIT.split(m.group(2).rstrip(".!")) if x.strip()]
                before = " ".join(sentences[:k]) + " " + m.group(1)
                break
        min_items = 1
    if not items:
        items = [m.group(1) for sent in _sentences(masked) if (m := _SEQUENCED.match(sent)) and not _META_ITEM.search(m.group(1))]
        min_items = 2
    if not items and mentee_lower and "\n" not in masked and _asks("advice_request", mentee_lower):
        # asked "What do I need to get promoted?", answered with nothing but a list of things
        sentences = _sentences(masked)
        only = _strip_openers(sentences[0]).rstrip(".!") if len(sentences) == 1 else ""
        if only and not only.endswith("?") and not _DASH.search(only) and not _META_ITEM.search(only):
            items = [x for x in _ITEM_SPLIT.split(only) if x.strip()]
            # every item a bare noun: "Fair question, and a hard one." or "all of it" are not a list
            items = items if len(items) >= 2 and len(_noun_items(items)) == len(items) and not _VAGUE.search(only) else []
            min_items = 2
    if not items:
        return None
    nouns = _noun_items(items)
    if len(nouns) < min_items or len(nouns) * 3 < len(items) * 2:
        return None
    if _list_is_playback(before, nouns, masked, mentee_lower):
        return None
    return _Finding("advice", _snippet(", ".join(nouns)), "offers a list of things to do (a recommendation)")


def _list_is_playback(before: str, items: list[str], masked: str, mentee_lower: str) -> bool:
    """A list is the mentee's, played back, when a frame says so ("You mentioned three things:"), a
    confirmation check follows ("Does that sound right?") or most items are the mentee's words."""
    r = _rules()
    if any(p.search(before) for p in r.list_playback):
        return True
    if any(p.search(_strip_openers(sent)) for sent in _sentences(masked) for p in r.confirmation):
        return True
    if mentee_lower:
        said = _content_words(_mentee_said(mentee_lower))  # their statements: answering their question is not playback
        theirs = sum(1 for x in items if _content_words(x) and _content_words(x) <= said)
        return theirs * 2 >= len(items)
    return False


def _played_back_bullets(masked: str, mentee_lower: str) -> bool:
    """Whether a bulleted list in the text is a playback (its one-word items are then not commands:
    "Here's what I heard:\n- Trust" is not telling the mentee to trust)."""
    lines = _list_lines(masked)
    bullets = [(i, m.group(1)) for i, ln in enumerate(lines) if (m := _BULLET.match(ln))]
    if len(bullets) < 2:
        return False
    return _list_is_playback(" ".join(lines[: bullets[0][0]]), [b for _, b in bullets], masked, mentee_lower)


_WH_STARTS = ("what", "how", "which", "who", "where", "when", "why")
_REFLECT_START = re.compile(r"^(?:it sounds like|sounds like|it seems|seems like|what i'm hearing|i'm hearing|i hear)\b", _FLAGS)


def _refused(low: str, start: int, end: int) -> bool:
    """Whether a refusal ("I won't give you tips", "not going to tell you what the best way is") governs
    the match at low[start:end]: it must sit just before (or around) it, with no "but" in between."""
    window = low[max(0, start - 40) : end]
    cut = window.rfind(" but ", 0, len(window) - (end - start))
    if cut >= 0:
        window = window[cut + 5 :]
    return any(p.search(window) for p in _rules().refusal)


def _reported(prefix_lower: str) -> bool:
    """Whether the words before a match report someone's view rather than state the coach's own."""
    r = _rules()
    if any(p.search(prefix_lower) for p in r.own_view):
        return False
    return any(p.search(prefix_lower) for p in r.reported)


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


_LEAD_CONJ = re.compile(r"^(?:(?:and|but|so|because)\b|[,;:—–])\s*", _FLAGS)


def _plays_back(low: str, start: int, mentee_lower: str) -> bool:
    """Whether the clause at `start` repeats what the mentee said about themselves, word for word for
    its first six words ("I'm not as good as I think" -> "You're not as good as you think"), so a close
    variant that changes the point ("You're not as good at generalising") is not a playback."""
    if not mentee_lower:
        return False
    clause = _CLAUSE_END.split(_LEAD_CONJ.sub("", low[start:]), maxsplit=1)[0]
    words = _WORD.findall(clause)
    return len(words) >= 2 and " ".join(words[:6]) in _mentee_said(mentee_lower)


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
                if kind == "evaluation" and (_plays_back(low, m.start(), mentee_lower) or r.report_tag.search(low[m.start() :])):
                    continue  # "I'm not as good as I think" -> "You're not as good as you think", "..., you said"
                why = {
                    "praise": "praises the mentee (flattery is judgment)",
                    "evaluation": "rates the mentee or what they did (a verdict, for or against, is judgment)",
                    "prediction": "predicts or promises the mentee's future",
                }[kind]
                return _Finding("judgment", _snippet(core, m.start()), why)
    return None


def _judgment_findings(masked: str, is_open_question: bool, mentee_lower: str = "", *, advice: bool = False) -> list[_Finding]:
    r = _rules()
    core = _strip_openers(masked)
    exempt = [(m.start(), m.end()) for p in candidates(r.normalizing, core) for m in p.finditer(core)]
    for p in candidates(r.judgment, core):
        for m in p.finditer(core):
            if any(a <= m.start() < b or a < m.end() <= b for a, b in exempt):
                continue
            if is_open_question and m.start() > 0:
                continue  # "What makes it a good goal for you?" asks, it does not grade
            return [_Finding("judgment", _snippet(core[m.start() : m.end() + 30]) if m.end() - m.start() < 12 else m.group(0), "judges the mentee's goal or choice")]
    if is_open_question:
        # an open question may still open with flattery ("Great question! What ...") - that sentence is
        # split off before this point; inside the question itself, only a leading praise counts.
        lead = _praise_or_prediction(core, mentee_lower, advice=advice)
        return [lead] if lead and core.lower().find(lead.trigger.lower()[:20]) == 0 else []
    found = _praise_or_prediction(core, mentee_lower, advice=advice)
    return [found] if found else []


# --------------------------------------------------------------------------- questions


def _is_wh_question_start(clause: str) -> bool:
    """A clause that opens a wh-question even without a question mark ("What draws you to that.")."""
    r = _rules()
    words = _first_words(clause, 3)
    if not words:
        return False
    w0 = words[0]
    if w0 in ("what's", "how's", "where's", "who's", "what're", "why's"):
        return True
    if w0 not in r.wh:
        return False
    if len(words) == 1:
        return True
    w1 = words[1]
    if _PSEUDO_CLEFT.match(clause):
        return False  # a statement: "What would really help is a sponsor."
    if w1 in r.aux or w1.split("'")[0] in r.aux:
        return True
    if w1 in _PRONOUNS or w1.startswith(("i'", "you'", "we'", "they'")):
        return False  # embedded clause: "What you want is ...", "How you describe it ..."
    if w1 in r.wh_followers or w1.endswith("s"):
        # pseudo-cleft statements have a later copula: "What matters to you is having a say."
        return not _LATER_COPULA.search(clause[len(w0) + len(w1) + 1 :])
    return False


def _question_core(sentence: str) -> str:
    """The part of a question sentence that is the question proper."""
    r = _rules()
    s = _strip_openers(sentence)
    words = _first_words(s, 1)
    if words and (words[0] in r.subordinate or words[0] not in r.wh | r.aux):
        for clause in _CLAUSE_SPLIT.split(s)[1:]:
            c = _strip_openers(clause)
            first = _first_words(c, 1)
            if first and (first[0] in r.wh or first[0].split("'")[0] in r.wh or first[0] in r.aux or first[0].split("'")[0] in r.aux):
                return c  # "When you picture it, what ...", "And the people side, how does that land?"
    return s


@dataclass(slots=True)
class _Question:  # cached (see _classify_question): never changed after it is made
    text: str
    kind: str  # open | closed | leading | confirmation
    extra: int = 0  # more wh-questions conjoined in the same sentence


@lru_cache(maxsize=1024)
def _classify_question(sentence: str, *, advice: bool) -> _Question:
    r = _rules()
    whole = _strip_openers(sentence)
    if advice or any(p.search(whole) for p in r.leading):
        kind = "leading"
    else:
        core = _question_core(sentence)
        words = _first_words(core, 1)
        first = words[0] if words else ""
        base = first.split("'")[0]
        if any(p.search(core) for p in r.confirmation):
            kind = "confirmation"
        elif any(p.search(core) for p in r.invitation_q):
            kind = "open"
        elif base in r.wh:
            kind = "open"
        elif base in r.aux or first in r.aux:
            kind = "closed"
        elif (
            _SECOND_PERSON.search(core)
            or any(p.search(sentence) for p in r.refl_frames)
            or any(p.search(core) for p in candidates(r.complex_cues, core))
        ):
            kind = "confirmation"  # a reflection spoken as a question: checking the playback
        else:
            kind = "closed"  # "Tech lead?", "Any plans to apply?"
    return _Question(sentence, kind, _extra_wh(sentence))


def _extra_wh(sentence: str) -> int:
    """Wh-questions stacked inside one sentence ("What do you enjoy, and what drains you?")."""
    r = _rules()
    core = _question_core(sentence)
    core_pos = max(sentence.find(core), 0)
    first = _first_words(core, 1)
    first_wh = first[0].split("'")[0] if first else ""
    count = 0
    for m in _LATER_WH.finditer(sentence):
        if m.start(1) <= core_pos:
            continue  # this wh-word opens the question proper ("When you picture it, what ...")
        wh, nxt = m.group(1).lower(), (m.group(2) or "").lower()
        if nxt and (nxt in _PRONOUNS or nxt.startswith(("i'", "you'"))):
            continue  # embedded: ", what you want"
        if nxt and not (nxt in r.aux or nxt.split("'")[0] in r.aux or nxt in r.wh_followers or nxt.endswith("s") or nxt == "else"):
            continue
        if wh == first_wh and _NEGATED.search(sentence[m.start() : m.end() + 20]):
            continue  # contrast pair: "Whose job would you want — and whose wouldn't you?"
        count += 1
    # a yes/no question conjoined to another: "How long ..., and has anything changed?"
    count += len(_LATER_AUX.findall(sentence[core_pos + 1 :]))
    return count


def _find_questions(sentences_masked: list[str], advice_flags: list[bool]) -> list[_Question]:
    out: list[_Question] = []
    for s, adv in zip(sentences_masked, advice_flags, strict=True):
        if s.endswith("?") or _has_unmarked_question(s):
            out.append(_classify_question(s, advice=adv))
    return out


@lru_cache(maxsize=1024)
def _has_unmarked_question(sentence: str) -> bool:
    if sentence.endswith(("?", "!")):
        return sentence.endswith("?")
    s = _strip_openers(sentence)
    if _is_wh_question_start(s):
        return True
    r = _rules()
    first = _first_words(s, 1)
    if first and first[0] in r.subordinate:
        return any(_is_wh_question_start(_strip_openers(c)) for c in _CLAUSE_SPLIT.split(s)[1:])
    return False


# --------------------------------------------------------------------------- reflections


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _MENTEE_STOP and len(w) > 2}


def _reflection(sentence: str, mentee_words: set[str]) -> str | None:
    """'reflection', 'complex_reflection' or None for a statement sentence."""
    r = _rules()
    s = _strip_openers(sentence) if not sentence.lower().startswith("so ") else sentence
    if any(p.search(s) for p in r.autonomy):
        return None
    framed = any(p.search(sentence) for p in r.refl_frames)
    if not framed and any(p.search(s) for p in r.self_talk):
        return None
    mirrored = False
    if mentee_words:
        words = _content_words(s)
        mirrored = bool(words) and len(words & mentee_words) / len(words) >= 0.5
    if not (framed or mirrored or _SECOND_PERSON.search(s)):
        return None
    if any(p.search(s) for p in candidates(r.complex_cues, s)):
        return "complex_reflection"
    return "reflection"


@lru_cache(maxsize=1024)
def _reflection_of(sentence: str, mentee_lower: str) -> str | None:
    """`_reflection` against the mentee's message (cached: see _sentence_findings)."""
    return _reflection(sentence, _content_words(mentee_lower) if mentee_lower else set())


@lru_cache(maxsize=64)
def _asks(group: str, mentee_lower: str) -> bool:
    """Whether the mentee's message matches a rule group (asks for advice, for a verdict): the same
    message is asked about at every check of a turn's reply."""
    return any(p.search(mentee_lower) for p in getattr(_rules(), group))


# --------------------------------------------------------------------------- public API


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


def check(text: str, *, mentee_text: str = "") -> Verdict:
    """Classify one coach or mentor line.

    `mentee_text` (the message being answered) lets the guard tell a playback of the mentee's own
    "should" from advice, and spot reflections that reuse the mentee's words.

    The verdict depends only on the two strings (the rules are fixed per process), and one turn
    checks the same line several times (the draft as judged, again when the turn is recorded, the
    offline voice's candidates), so recent verdicts are remembered. Each call returns a fresh
    Verdict: callers may change its labels list without touching the remembered one.
    """
    if not isinstance(text, str):
        _rules()
        raise TypeError(f"check() needs a str, got {type(text).__name__}")
    if not isinstance(mentee_text, str):
        return _check(text, mentee_text)  # whatever it raises for an odd mentee_text, uncached
    # Only the first MAX_CHARS of each are read, so the key is cut there too (bounds the memory).
    ok, labels, reason, questions = _check_cached(text[:MAX_CHARS], mentee_text[:MAX_CHARS])
    return Verdict(ok=ok, labels=list(labels), reason=reason, questions=questions)


@lru_cache(maxsize=256)
def _check_cached(text: str, mentee_text: str) -> tuple[bool, tuple[str, ...], str, int]:
    v = _check(text, mentee_text)
    return v.ok, tuple(v.labels), v.reason, v.questions


# One sentence's advice and judgment findings depend only on the sentence (quotes masked), whether the
# text points to crisis care, the mentee's message and whether a bulleted list in it is a playback.
# A streamed reply is checked again at every new word with all its passed sentences before it, and a
# turn checks the same sentences in several texts (a reflection alone, then with its question), so
# each sentence is read once. The cached findings are shared: nothing changes a _Finding after it is
# made.
@lru_cache(maxsize=1024)
def _sentence_findings(
    masked: str, care: bool, mentee_lower: str, played_back: bool
) -> tuple[tuple[_Finding, ...], tuple[_Finding, ...]]:
    r = _rules()
    is_q = masked.endswith("?") or _has_unmarked_question(masked)
    adv = _advice_findings(masked, masked, care=care, mentee_lower=mentee_lower, is_question=is_q, played_back=played_back)
    is_open = is_q and bool(_first_words(_question_core(masked), 1)) and _first_words(_question_core(masked), 1)[0].split("'")[0] in r.wh
    return tuple(adv), tuple(_judgment_findings(masked, is_open, mentee_lower, advice=bool(adv)))


@lru_cache(maxsize=64)
def _mentee_lower(mentee_text: str) -> str:
    # one string per message, not one per check: the sentence caches key on it
    return _normalize(mentee_text).lower()


def _check(text: str, mentee_text: str) -> Verdict:
    r = _rules()
    norm = _normalize(text[:MAX_CHARS])
    if not norm:
        return Verdict(ok=True, labels=[], reason="empty line: nothing to check", questions=0)
    mentee_lower = _mentee_lower(mentee_text[:MAX_CHARS]) if mentee_text else ""

    findings: list[_Finding] = []
    labels: set[str] = set()

    for p in candidates(r.leak, norm):
        m = p.search(norm)
        if m:
            findings.append(_Finding("leak", _snippet(norm, m.start()), "reveals the coach's instructions"))
            break

    care = any(p.search(norm) for p in candidates(r.care_resources, norm))
    if care:
        labels.add("care")

    # Mask before splitting, so a "?" inside quoted words neither ends a sentence nor counts.
    masked_full = _mask_quotes(norm)
    masked_sentences = _sentences(masked_full)
    raw_sentences = masked_sentences
    played_back = "\n" in masked_full and _played_back_bullets(masked_full, mentee_lower)
    advice_flags: list[bool] = []
    for masked in masked_sentences:
        adv, judged = _sentence_findings(masked, care, mentee_lower, played_back)
        findings.extend(adv)
        advice_flags.append(bool(adv))
        findings.extend(judged)

    verdict = _verdict_on_request(masked_sentences, mentee_lower) if not care else None
    if verdict and not any(f.label == "judgment" for f in findings):
        findings.append(verdict)

    if not care and not any(f.label == "advice" for f in findings):
        listed = _list_finding(masked_full, mentee_lower)
        if listed:
            findings.append(listed)

    questions = _find_questions(masked_sentences, advice_flags)
    n_questions = sum(1 + q.extra for q in questions)
    if questions:
        labels.add("question")
    for q in questions:
        if q.kind == "open":
            labels.add("open_question")
        elif q.kind == "confirmation":
            labels.add("confirmation")
            if _reflection_of(q.text, mentee_lower):
                labels.add("reflection")
        elif q.kind == "closed":
            findings.append(_Finding("closed_question", _snippet(q.text), "is a yes/no question where an open one fits"))
        elif q.kind == "leading":
            findings.append(_Finding("leading_question", _snippet(q.text), "steers the mentee toward an answer"))
    if n_questions > 1:
        shown = " / ".join(_snippet(q.text) for q in questions[:3])
        findings.append(_Finding("multiple_questions", shown, f"asks {n_questions} questions in one turn (one at most)"))

    question_texts = {q.text for q in questions}
    for raw, masked, adv in zip(raw_sentences, masked_sentences, advice_flags, strict=True):
        if adv or masked in question_texts:
            continue
        kind = _reflection_of(raw, mentee_lower)
        if kind:
            labels.add("reflection")
            if kind == "complex_reflection":
                labels.add("complex_reflection")

    # questions whose only content is a complex playback ("So it's less X and more Y?")
    for q in questions:
        if q.kind == "confirmation" and _reflection_of(q.text, mentee_lower) == "complex_reflection":
            labels.add("complex_reflection")

    labels.update(f.label for f in findings)
    ordered = [label for label in LABELS if label in labels]
    ok = not (labels & BLOCKING)
    return Verdict(ok=ok, labels=ordered, reason=_reason(findings, ordered, questions), questions=n_questions)


def _reason(findings: list[_Finding], labels: list[str], questions: list[_Question]) -> str:
    if findings:
        seen: set[tuple[str, str]] = set()
        parts = []
        for f in findings:
            key = (f.label, f.trigger)
            if key in seen:
                continue
            seen.add(key)
            parts.append(f'{f.label.replace("_", " ")}: "{f.trigger}" {f.why}')
        return "; ".join(parts)
    good = []
    if "care" in labels:
        good.append("care: points to crisis resources; its imperatives are allowed")
    if "complex_reflection" in labels:
        good.append("complex reflection: plays back the meaning under the mentee's words")
    elif "reflection" in labels:
        good.append("reflection: plays back what the mentee said")
    for q in questions:
        if q.kind == "open":
            good.append(f'open question: "{_snippet(q.text)}"')
        elif q.kind == "confirmation":
            good.append(f'confirmation: "{_snippet(q.text)}" checks a playback with the mentee')
    return "; ".join(good) if good else "no advice, judgment, question or reflection found"


def check_many(texts: Iterable[str], *, mentee_texts: Iterable[str] | None = None) -> list[Verdict]:
    """`check` over many lines, in order (optionally paired with the mentee messages they answer)."""
    items = list(texts)
    mentees = list(mentee_texts) if mentee_texts is not None else [""] * len(items)
    if len(mentees) != len(items):
        raise ValueError("mentee_texts must have one entry per text")
    return [check(t, mentee_text=m) for t, m in zip(items, mentees, strict=True)]


def classify_label(verdict: Verdict) -> str:
    """The single primary label of a verdict: the worst problem, else the main good move.

    Order: leak, advice, judgment, leading_question, multiple_questions, closed_question, care,
    open_question, complex_reflection, reflection, question (a confirmation check); "none" if empty.
    """
    for label in _PRIMARY_ORDER:
        if label in verdict.labels:
            return label
    return "none"


def question_type(verdict: Verdict) -> str:
    """The dataset's question type: none | open | closed | leading | multiple.

    A confirmation check counts as "open" (allowed); a suggestion dressed as a question as "leading".
    """
    labels = set(verdict.labels)
    if "multiple_questions" in labels:
        return "multiple"
    if "leading_question" in labels:
        return "leading"
    if "closed_question" in labels:
        return "closed"
    if labels & {"open_question", "confirmation"}:
        return "open"
    return "none"
