"""The policy's rules: small named functions, each `rule(t) -> Plan | None`, tried in the order of RULES.

The first rule that returns a plan decides the move; its name goes into `Plan.rule` (and `chat --json`).
A rule may update the session state it owns (techniques done, the ladder's depth, what is pending).
The order is data — the table at the bottom — so a rule can be read, tested and moved on its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from coach import language, lexicon
from coach.analyze.hearing import points_back
from coach.policy.state import State
from coach.types import Act, Analysis, Claim, Cue, Evidence, Kind, Motivation, Move, Plan

STRONG = 0.5  # a motivation the coach names back must be this clear; weaker tags only feed the summary
CONFIRM_AT = 0.65  # bedrock score that earns a confirmation after laddering
CONFIRM_AT_ONCE = 0.85  # ... or right away
STALL_DEPTH = 4  # deepen this many times on a thread without bedrock -> change technique

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


@dataclass
class Turn:
    """What one rule sees: the session state, this message's analysis, and what came before it."""

    s: State
    a: Analysis
    recall: dict[str, Any] | None = None
    pending: str = ""  # what the last coach turn waited for (taken out of the state for this turn)
    top: Motivation | None = field(default=None)

    def __post_init__(self) -> None:
        a = self.a
        self.top = a.top_motivation if a.motivations and a.motivations[0].confidence >= STRONG else None


Rule = Callable[[Turn], "Plan | None"]


# ---- safety and the fixed moves --------------------------------------------------------------


def crisis(t: Turn) -> Plan | None:
    """A crisis disclosure: care, not coaching, and it stays that way for the session."""
    if not (t.s.crisis or t.a.has(Kind.CRISIS)):
        return None
    t.s.crisis = True
    return Plan(Move.CRISIS, ask=False, reason="crisis disclosure: care, not coaching")


def unreadable(t: Turn) -> Plan | None:
    if t.a.has(Kind.EMPTY) or t.a.has(Kind.NOT_ENGLISH):
        return Plan(Move.CLARIFY, ask=True, reason="nothing readable to reflect")
    return None


def about_coach(t: Turn) -> Plan | None:
    """ "Are you a bot?", "what's the point of these questions?": an honest answer about the coach."""
    if t.a.hearing.act is not Act.QUESTION_COACH:
        return None
    return Plan(Move.TRANSPARENCY, cue=Cue.ABOUT_COACH, reason="a question about the coach: answer it honestly")


def long_paste(t: Turn) -> Plan | None:
    """A pasted review or job ad: acknowledged, its heart reflected, and which part matters asked —
    whatever question sits on top of it ("found this, what do you think:")."""
    h = t.a.hearing
    if not h.long or h.act in (Act.CRISIS, Act.INJECTION):
        return None
    return Plan(Move.DEEPEN, motivation=None, thread=t.s.thread, depth=t.s.depth, cue=Cue.LONG_PASTE,
                reason="a long paste: acknowledge it, reflect its heart, ask which part matters")


def complaint(t: Turn) -> Plan | None:
    """ "You're not listening": own it, and ask what was missed — never press on."""
    if t.a.hearing.act is not Act.COMPLAINT:
        return None
    return Plan(Move.TRANSPARENCY, cue=Cue.COMPLAINT, reason="a complaint about the coach: take it, ask what was missed")


def privacy(t: Turn) -> Plan | None:
    if t.a.has(Kind.PRIVACY) and not t.a.has(Kind.INJECTION):
        return Plan(Move.PRIVACY, reason="a question about who will see this: answer it plainly")
    return None


def info_request(t: Turn) -> Plan | None:
    a = t.a
    if a.has(Kind.QUESTION) and _INFO.search(a.text) and not a.has(Kind.INJECTION):
        t.s.done.append("entail")
        return Plan(Move.ENTAIL, motivation=t.top, cue=Cue.INFO_REQUEST,
                    reason="information request: their own picture of it")
    return None


def advice_request(t: Turn) -> Plan | None:
    """A request heard as a request: for advice, for steps, for a verdict — the stance explained, the
    question handed back. "Is it bad that I want my boss's job?" is shame first (normalize takes it)."""
    a, act = t.a, t.a.hearing.act
    asked = act in (Act.REQUEST_ADVICE, Act.REQUEST_STEPS, Act.REQUEST_OPINION) or a.has(Kind.ADVICE_REQUEST)
    if not (a.has(Kind.INJECTION) or asked):
        return None
    if act is Act.REQUEST_OPINION and shame_theme(a) and not a.has(Kind.INJECTION):
        return None
    t.s.advice_requests += 1
    t.s.low_effort_streak = 0
    if a.has(Kind.INJECTION):
        return Plan(Move.ADVICE_REQUEST, motivation=t.top, cue=Cue.INJECTION, reason="injection attempt")
    cue = {Act.REQUEST_STEPS: Cue.REQUEST_STEPS, Act.REQUEST_OPINION: Cue.REQUEST_OPINION}.get(act, Cue.NONE)
    why = {Act.REQUEST_STEPS: "a request for steps", Act.REQUEST_OPINION: "a request for a verdict"}.get(act, "advice request")
    return Plan(Move.ADVICE_REQUEST, motivation=t.top, cue=cue, reason=why)


def closing(t: Turn) -> Plan | None:
    if not t.a.has(Kind.CLOSING):
        return None
    again = "summarize" in t.s.done
    t.s.done.append("summarize")
    return Plan(Move.SUMMARIZE, ask=False, cue=Cue.AGAIN if again else Cue.WRAP_UP,
                reason="the mentee is wrapping up: play back what was heard" + (" again" if again else ""))


def correction(t: Turn) -> Plan | None:
    """ "That's not what I meant": the misread leaves what the coach believes (and the summary), the
    correction is taken, and the mentee's own words come next."""
    s, a = t.s, t.a
    if a.hearing.act is not Act.CORRECTION:
        return None
    if s.last_turn_id is not None:
        s.retracted.append({"turn_id": s.last_turn_id, "motivation": s.last_motivation})
        if s.last_motivation:
            quotes = s.motivations.get(s.last_motivation, [])
            s.motivations[s.last_motivation] = [q for q in quotes if q.get("turn_id") != s.last_turn_id]
            if not s.motivations[s.last_motivation]:
                del s.motivations[s.last_motivation]
        s.bedrock_candidates = [c for c in s.bedrock_candidates if c.get("turn_id") != s.last_turn_id]
    s.candidate = None
    s.depth = max(0, s.depth - 1)
    return Plan(Move.CORRECT, motivation=None, cue=Cue.NONE, thread=s.thread,
                reason="a correction of the last playback: take it")


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
    if points_back(sentence):
        # "Being useful to someone who's learning. That's it for me": the bedrock is what the pointer points at
        before = " ".join(sents[:i]) if i > 0 else t.s.last_said
        sentence = re.sub(r"^\W*(?:yes|yeah|yep|exactly|right|i guess|i think|honestly|so)\b[,.!]?\s*", "", before, flags=re.I).strip()
        sentence = re.sub(r"[.!]\s+(?=\S)", ", ", sentence).rstrip(".!")  # "Deep focus. Being left alone" -> one phrase
    sentence = lexicon.regex("bedrock", "explicit_tail", "hearing.toml").sub("", sentence).strip(" ,.")
    if not sentence or len(sentence.split()) > 24 or any(c["text"] == sentence[:240] for c in s.bedrock_confirmed):
        return None
    cand = {"text": sentence[:240], "turn_id": None, "score": max(a.bedrock_score, 0.85), "explicit": True}
    s.candidate = cand
    s.bedrock_candidates.append(cand)
    s.pending = "confirm_bedrock"
    start = max(0, a.text.find(sentence))
    return Plan(Move.CONFIRM_BEDROCK, motivation=t.top, complex=True, depth=s.depth, cue=Cue.EXPLICIT_BEDROCK,
                target=Evidence(sentence, start, start + len(sentence)), reason="an explicit bedrock statement: confirm it now")


def boundary(t: Turn) -> Plan | None:
    """ "I'm not going to go into it. It was bad.": the limit respected, nothing probed."""
    if t.a.hearing.act is not Act.BOUNDARY:
        return None
    return Plan(Move.ACKNOWLEDGE, cue=Cue.BOUNDARY, ask=False, reason="a boundary: respected, not probed")


def small_talk(t: Turn) -> Plan | None:
    if t.a.hearing.act is not Act.SMALL_TALK:
        return None
    return Plan(Move.ACKNOWLEDGE, cue=Cue.SMALL_TALK, reason="small talk: a warm word back, then an invitation")


def life_event(t: Turn) -> Plan | None:
    """A loss, good news, a setback: met first — grief with presence, good news with warmth — before
    any career question."""
    h = t.a.hearing
    cue = {"loss": Cue.LOSS, "good_news": Cue.GOOD_NEWS, "bad_news": Cue.BAD_NEWS}.get(h.event)
    if cue is None or h.act in (Act.REQUEST_ADVICE, Act.REQUEST_STEPS, Act.REQUEST_OPINION):
        return None
    if cue is Cue.GOOD_NEWS and any(f.valence < 0 and f.name not in ("fear", "worry", "confusion") for f in h.feelings):
        return None  # "I got the promotion and I hate it" is not good news to congratulate (nerves are: "excited and scared")
    return Plan(Move.ACKNOWLEDGE, cue=cue, ask=True, reason=f"{h.event.replace('_', ' ')}: met first")


# ---- bedrock ----------------------------------------------------------------------------------


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
    if a.has(Kind.DENY) or _NO.search(a.text) or a.has(Kind.LOW_EFFORT):
        s.candidate = None
        s.depth = max(1, s.depth - 1)
        return Plan(Move.DEEPEN, motivation=t.top, thread=s.thread, depth=s.depth, complex=False,
                    cue=Cue.BEDROCK_DENIED, reason="bedrock candidate not confirmed: ask for their own words")
    return None


# ---- the lottery question's answer ------------------------------------------------------------


def lottery_answer(t: Turn) -> Plan | None:
    if t.pending == "lottery" and answers_lottery(t.a):
        t.s.done.append("entail")
        return Plan(Move.ENTAIL, motivation=t.top, reason="lottery answered: what would that job entail?")
    return None


def lottery_answered_unasked(t: Turn) -> Plan | None:
    """ "If everyone resigned? The head of design." — answered before it was asked, or a turn or two after."""
    s, a = t.s, t.a
    said = _THE_LOTTERY.search(a.text) or ("lottery" in s.done and re.search(r"\bnot\b", a.text, re.I))
    if "entail" in s.done or not said or not role_first(a):
        return None
    s.done += ["lottery", "entail"]
    return Plan(Move.ENTAIL, motivation=t.top, reason="lottery answered: what would that job entail?")


# ---- how the mentee is talking ------------------------------------------------------------------


def low_effort(t: Turn) -> Plan | None:
    s, a = t.s, t.a
    if not a.has(Kind.LOW_EFFORT) or (a.has(Kind.AFFIRM) and s.last_move == Move.REFLECT.value):
        s.low_effort_streak = 0  # an answer with something in it ends a streak of shrugs
        return None
    s.low_effort_streak += 1
    return Plan(Move.LOW_EFFORT, reason=f"low-effort answer #{s.low_effort_streak}: a new angle")


def agreed(t: Turn) -> Plan | None:
    """ "Yeah." to a reflection: ladder on from what was played back — or, after a long thread, the
    natural pause for a new angle."""
    s, a = t.s, t.a
    if not (a.has(Kind.AFFIRM) and s.last_move == Move.REFLECT.value and len(a.text.split()) <= 4):
        return None
    if s.depth >= STALL_DEPTH and lottery_fits(s, a, confirmed=False):
        s.thread, s.depth = "", 0
        return next_technique(t, confirmed=False)
    s.depth += 1
    return Plan(Move.DEEPEN, motivation=t.top, thread=s.thread, depth=s.depth, cue=Cue.AGREED,
                reason="agreed with a reflection: ladder on")


def wander(t: Turn) -> Plan | None:
    s, a = t.s, t.a
    if not (_WANDER.search(a.text) and len(a.text.split()) <= 14 and "wander" not in s.done):
        return None
    s.done.append("wander")
    s.thread, s.depth = "", 0
    return Plan(Move.DEEPEN, motivation=None, thread="", depth=0, cue=Cue.WANDER,
                reason="apology for wandering: no need, find the thread")


def normalize(t: Turn) -> Plan | None:
    """Money, ambition, leaving: taken without shame, once per theme."""
    theme = shame_theme(t.a)
    if not theme or f"normalize:{theme}" in t.s.done:
        return None
    t.s.done.append(f"normalize:{theme}")
    return Plan(Move.NORMALIZE, motivation=t.top, thread=t.a.topic or t.s.thread, theme=theme,
                reason=f"normalize {theme}")


def recall(t: Turn) -> Plan | None:
    """An earlier session's statement that fits, played back once a session — only over a plain statement
    (a fear, a denial or someone else's view is answered for what it is) and never the same words again."""
    s, r = t.s, t.recall
    if not (r and s.recalls == 0 and s.turn >= 2 and t.a.motivations):
        return None
    if t.a.hearing.act is not Act.STATEMENT or angle(t.a)[0] is not Cue.NONE:
        return None
    if _same_words(r["text"], t.a.text):
        return None  # said again, not recalled: "you said X" after X is an echo
    s.recalls += 1
    return Plan(Move.RECALL, motivation=t.top, recall=Evidence(r["text"], turn_id=r.get("turn_id")),
                recall_date=r.get("date", ""), reason="an earlier statement fits")


def _same_words(x: str, y: str) -> bool:
    wx, wy = set(re.findall(r"[a-z']+", x.lower())), set(re.findall(r"[a-z']+", y.lower()))
    return bool(wx and wy) and len(wx & wy) / len(wx | wy) >= 0.8


def mixed_language(t: Turn) -> Plan | None:
    """ "Quiero ser manager porque I like helping people grow": said plainly, once, that coaching is in
    English for now (in their language where we can), and only the English part reflected."""
    s, a = t.s, t.a
    if not a.hearing.mixed or "mixed_language" in s.done:
        return None
    s.done.append("mixed_language")
    return Plan(Move.DEEPEN, motivation=t.top, thread=s.thread or a.topic, depth=s.depth, cue=Cue.MIXED_LANGUAGE,
                reason="two languages: say coaching is in English for now, reflect the English part")


def passion(t: Turn) -> Plan | None:
    if t.a.energy < 0.5 or "passion" in t.s.done:
        return None
    if t.a.sentiment < 0 or any(f.valence < 0 for f in t.a.hearing.feelings):
        return None  # "I'm so ANGRY!!" is energy, but not the kind that lights someone up
    t.s.done.append("passion")
    return Plan(Move.PASSION, motivation=t.top, complex=True, reason="energy: " + ", ".join(t.a.energy_cues))


def experiment_named(t: Turn) -> Plan | None:
    s = t.s
    # their answer to "what would you hope to learn?" is not a new experiment
    if not (t.a.has(Kind.EXPERIMENT) and s.done.count("experiment_named") < 2 and s.last_move != Move.EXPERIMENT.value):
        return None
    s.done.append("experiment_named")
    return Plan(Move.EXPERIMENT, motivation=t.top, reason="the mentee named an experiment")


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


def influence_authority(t: Turn) -> Plan | None:
    s, a = t.s, t.a
    if "influence_authority" in s.done or s.turn < 2:
        return None
    if any(c.polarity < 0 and c.theme in ("influence", "authority") for c in a.hearing.claims):
        return None  # "it's not that I want power": the question would argue with a denial
    said = any(lexicon.any_match(lexicon.group("motivation_keywords", m), a.text) for m in ("influence", "authority"))
    led = any(_LEADERSHIP.search(g.get("text", "")) for g in s.goals[:-1]) if a.goal else bool(s.thread and _LEADERSHIP.search(s.thread))
    if not (t.top in (Motivation.INFLUENCE, Motivation.AUTHORITY) and said or led):
        # the question fits when they talk about a say or a seat in so many words, or come back to a leading
        # goal said before — not on a guess, and not before the goal's own "why" has been asked
        return None
    s.done.append("influence_authority")
    return Plan(Move.INFLUENCE_AUTHORITY, motivation=t.top, complex=True, reason="influence vs authority")


def assumption(t: Turn) -> Plan | None:
    s, a = t.s, t.a
    if s.turn < 3 or "assumption" in s.done or len(a.text.split()) < 5:
        return None
    if a.hearing.feelings and any(f.valence < 0 for f in a.hearing.feelings) or angle(a)[0] is not Cue.NONE:
        return None  # a fear or a hurt is met first; an assumption question there would argue with a feeling
    sentence = next((x for x in language.sentences(a.text) if ASSUMPTION.search(x)), "")
    if not sentence:
        return None
    s.done.append("assumption")
    start = a.text.find(sentence)
    return Plan(Move.ASSUMPTION, motivation=t.top, target=Evidence(sentence, start, start + len(sentence)),
                reason="an assumption to expose")


def stalled(t: Turn) -> Plan | None:
    """A long thread without bedrock: change technique at a pause — never right after something painful,
    and never over something new they just said (that starts a fresh thread instead)."""
    s, a = t.s, t.a
    if s.depth < STALL_DEPTH:
        return None
    s.thread, s.depth = "", 0
    if a.sentiment < -0.2 or a.has(Kind.FEELING) or a.has(Kind.SHAME):
        s.reflect_only_turns += 1
        cue, claim = angle(a)
        return Plan(Move.REFLECT, motivation=t.top, ask=False, complex=True, cue=cue, claim=claim,
                    reason="staying with a hard moment")
    if lottery_fits(s, a, confirmed=False) or pause(a):
        return next_technique(t, confirmed=False)
    s.thread, s.depth = a.goal or a.topic, 0
    return None


def open_future(t: Turn) -> Plan | None:
    """ "I just don't know what's next": the future is open, which is what the lottery question is for."""
    s, a = t.s, t.a
    if not (lottery_fits(s, a, confirmed=False) and _OPEN_FUTURE.search(a.text) and s.turn >= 2
            and a.sentiment >= -0.2 and not a.has(Kind.QUESTION)):
        return None
    s.done.append("lottery")
    s.pending = "lottery"
    return Plan(Move.LOTTERY, motivation=t.top, cue=Cue.OPEN_FUTURE, reason="the future is open: the lottery question")


def ladder(t: Turn) -> Plan:
    """The default: reflect and ladder down; every so often a reflection alone, to let it land."""
    s, a = t.s, t.a
    if a.goal and a.goal != s.thread:
        s.thread, s.depth = a.goal, 0
    s.depth += 1
    # A question answered gets a reflection alone more often than not: it lets the answer land, and the
    # mentee goes on in their own direction (MITI's good practice is two reflections to a question). A
    # short or low-content answer gets a question, so the conversation never stalls.
    substantive = t.top is not None or len(a.text.split()) >= 6
    rich = len(a.text.split()) >= 12 or bool(a.hearing.feelings) or a.hearing.act is Act.DISCLOSURE
    reflect_only = (
        substantive
        and s.turn >= 2
        and not a.has(Kind.QUESTION)
        and (s.last_asked and s.last_move != Move.REFLECT.value
             # still talking after a reflection: another reflection (two in a row, three when it pours out)
             or s.last_move == Move.REFLECT.value and s.reflect_streak < (4 if rich else 2))
    )
    cue, claim = angle(a)
    if reflect_only and cue not in _ASKS:
        s.reflect_only_turns += 1
        s.reflect_streak += 1
        return Plan(Move.REFLECT, motivation=t.top, ask=False, complex=True, thread=s.thread or a.topic,
                    depth=s.depth, cue=cue, claim=claim, reason="a reflection alone, to let it land")
    s.reflect_streak = 0
    return Plan(Move.DEEPEN, motivation=t.top, thread=s.thread or a.topic, depth=s.depth, cue=cue, claim=claim,
                complex=t.top is not None and not a.goal, reason=f"ladder depth {s.depth}" + (f", {cue.value}" if cue else ""))


#: Angles that need a question back: someone else's view ("where do you stand?"), a denial with nothing
#: in its place ("what is it, then?"), a paste ("which part matters?").
_ASKS = {Cue.OTHERS_VIEW, Cue.LONG_PASTE, Cue.MIXED_LANGUAGE}


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


# ---- techniques --------------------------------------------------------------------------------


def next_technique(t: Turn, *, confirmed: bool) -> Plan:
    """After a confirmed bedrock or a stalled ladder: the lottery question, the sweet spot, an
    experiment — each once — then a new thread."""
    s, a, top = t.s, t.a, t.top
    cue = Cue.BEDROCK_CONFIRMED if confirmed else Cue.STALLED
    why = "bedrock confirmed" if confirmed else "ladder stalled"
    if "lottery" not in s.done and (confirmed or lottery_fits(s, a, confirmed=False)):
        s.done.append("lottery")
        s.pending = "lottery"
        return Plan(Move.LOTTERY, motivation=top, cue=cue, technique="lottery", reason=f"{why}: the lottery question")
    if "sweet_spot" not in s.done:
        s.done.append("sweet_spot")
        return Plan(Move.SWEET_SPOT, motivation=top, cue=cue, technique="sweet_spot",
                    reason=f"{why}: interests x strengths x needs")
    if "experiment" not in s.done and "experiment_named" not in s.done:
        s.done.append("experiment")
        return Plan(Move.EXPERIMENT, motivation=top, cue=cue, technique="experiment",
                    reason=f"{why}: invite an experiment")
    s.depth = 1
    return Plan(Move.DEEPEN, motivation=top, thread=a.topic, depth=1, cue=cue, reason=f"{why}: open a new thread")


# ---- readings the rules share -------------------------------------------------------------------


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
    if not content:
        return ""
    x = re.sub(r"^\W*(yes|yeah|yep|exactly|right)[,.!]?\s*", "", content[-1], flags=re.I).rstrip(".!")
    return x if len(x.split()) >= 1 and len(x) >= 4 else ""


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
    wants_out = bool(_WANT_TO_LEAVE.search(a.text))
    theirs = any(c.holder != "self" for c in h.claims)
    if a.has(Kind.SHAME):
        if Motivation.COMPENSATION in mots and lexicon.any_match(money_words, a.text) and (wants_money or not theirs):
            return "money"
        if (a.has(Kind.LEAVING) or _LEAVING.search(a.text)) and (wants_out or not theirs):
            return "leaving"
        return "ambition" if not theirs else ""
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


# ---- the order -----------------------------------------------------------------------------------

#: Rules tried before the last coach turn's pending question is taken; they leave it pending.
BEFORE_PENDING: tuple[Rule, ...] = (crisis, unreadable, privacy, info_request, about_coach, complaint, long_paste,
                                    advice_request)

#: Then, first match wins. `ladder` always answers.
RULES: tuple[Rule, ...] = (
    closing,
    correction,
    own_bedrock,
    bedrock_answer,
    lottery_answer,
    lottery_answered_unasked,
    explicit_bedrock,
    mixed_language,
    boundary,
    small_talk,
    life_event,
    low_effort,
    agreed,
    wander,
    normalize,
    recall,
    passion,
    experiment_named,
    confirm_bedrock,
    influence_authority,
    assumption,
    stalled,
    open_future,
    ladder,
)
