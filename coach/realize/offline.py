"""The offline realizer: the embedded default voice. Deterministic, instant, no model.

Reflections are built from the mentee's own words (hedges trimmed, pronouns swapped, goals turned
into noun phrases); complex reflections name the motivation or feeling underneath; questions come
from a bank keyed by move and motivation (coach/data/voice.toml). Nothing is repeated in a session:
every line and question used is recorded in the policy state.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from coach import language as L
from coach import lexicon
from coach.realize.base import Context
from coach.types import Analysis, Cue, Kind, Move, Plan, ShareLevel

MAX_REFLECTION_WORDS = 24
LAYERED_AT = 0.44  # a layered reflection keeps the mentee's own clause, so a less certain motivation may be offered


@lru_cache(maxsize=1)
def voice() -> dict[str, Any]:
    return tomllib.loads(lexicon.data_path("voice.toml").read_text(encoding="utf-8"))


def _norm(q: str) -> str:
    return re.sub(r"[^a-z ]", "", q.lower()).strip()


@dataclass(slots=True)
class Spoken:
    """The offline voice's words for one turn, and the lines and questions it used for them.

    The realizer never writes the policy's state: the agent records `used` and `asked` there once
    the words are kept, so no line or question repeats in a session."""

    text: str
    used: list[str] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)


class _Picker:
    """Chooses unused lines from voice.toml; remembers what it took, for the agent to record."""

    def __init__(self, state: Any, previous: str = "") -> None:
        self.state = state
        self.used: list[str] = list(state.used) if state is not None else []
        self.asked: list[str] = list(state.asked) if state is not None else []
        self.took_used: list[str] = []
        self.took_asked: list[str] = []
        self.previous = _opener(previous)  # how the coach's last turn began: not again right away
        self.openers: list[str] = []  # how lines picked this turn begin

    def line(self, section: str, key: str, **fill: str) -> str | None:
        options = voice()[section][key]
        turn = getattr(self.state, "turn", 0)
        n = len(options)
        fallback: tuple[str, str] | None = None
        for k in range(n):
            i = (turn + k) % n if section in ("complex", "reflect", "layered", "bridge") else k
            lid = f"{section}.{key}.{i}"
            if lid in self.used:
                continue
            text = _fill(options[i], fill)
            if text is None:
                continue
            if _opener(text) and (_opener(text) == self.previous or _opener(text) in self.openers):
                fallback = fallback or (lid, text)  # the same opening as the last turn: only if nothing else fits
                continue
            return self._take(lid, text)
        if fallback is None and section == "reflect":
            # every frame used once: a frame is only a shape, so it may carry new words again (never the same text)
            for k in range(n):
                i = (turn + k) % n
                text = _fill(options[i], fill)
                if text is None or "{" not in options[i] or f"text:{_norm(text)}" in self.used:
                    continue
                if _opener(text) != self.previous or fallback is None:
                    fallback = (f"text:{_norm(text)}", text)
                if _opener(text) != self.previous:
                    break
        return self._take(*fallback) if fallback else None

    def _take(self, lid: str, text: str) -> str:
        ids = [lid] if lid.startswith("text:") else [lid, f"text:{_norm(text)}"]
        self.used += ids
        self.took_used += ids
        self.openers.append(_opener(text))
        return text

    def mark_asked(self, *ids: str) -> None:
        self.asked += ids
        self.took_asked += ids

    def question(self, key: str, **fill: str) -> str | None:
        for i, q in enumerate(voice()["questions"][key]):
            qid = f"q.{key}.{i}"
            text = _fill(q, fill)
            if qid in self.asked or text is None or _norm(text) in self.asked:
                continue
            self.mark_asked(qid, _norm(text))
            return text
        return None

    def first_question(self, *keys: str, **fill: str) -> str | None:
        for key in keys:
            q = self.question(key, **fill)
            if q:
                return q
        return None


_OPENER_SKIP = re.compile(r"^[\W_]+")


def _opener(text: str) -> str:
    """How a turn begins, for "not the same opening twice in a row": "so" on its own (So you…, So
    it's…), otherwise the first two words ("it sounds", "you said")."""
    words = re.findall(r"[a-z']+", _OPENER_SKIP.sub("", text.lower()))[:2]
    if not words:
        return ""
    return "so" if words[0] == "so" else " ".join(words)


def _fill(template: str, fill: dict[str, str]) -> str | None:
    """Fill {name} and {Name} (capitalized); None when a needed value is missing."""
    out = template
    for name in re.findall(r"\{(\w+)\}", template):
        value = fill.get(name.lower())
        if not value:
            return None
        out = out.replace("{" + name + "}", L.upper_first(value) if name[0].isupper() else value)
    return out


# ---- building reflections from the mentee's words -------------------------------------------

# What the mentee's words mean (curated cues) lives in coach/data/policy.toml [offline], each noted
# there; compiled once, at import. Grammar (pronouns, clause and question shapes) stays here.
_LEAD = lexicon.regex("offline", "lead")
_LOVE = lexicon.regex("offline", "love")
_HATE = lexicon.regex("offline", "hate")
_NEED = lexicon.regex("offline", "need")
_FEEL = lexicon.regex("offline", "feel")
_BECAUSE = lexicon.regex("offline", "because")
_HEDGED = lexicon.regex("offline", "hedged")
_MODAL = lexicon.regex("offline", "modal")
_OBLIGATION = lexicon.regex("offline", "obligation")
_UNSURE = lexicon.regex("offline", "unsure")
_ROLE_GOAL = lexicon.regex("offline", "role_goal")
_LACK = lexicon.regex("offline", "lack")
_NOT_LACK = lexicon.regex("offline", "not_lack")
_SOURCED = lexicon.regex("offline", "sourced")
_FELT_GOOD = lexicon.regex("offline", "felt_good")
_FELT_BAD = lexicon.regex("offline", "felt_bad")
_DRAINED = lexicon.regex("offline", "drained")
_NAMED_BAD = lexicon.regex("offline", "named_bad")
_UNSEEN = lexicon.regex("offline", "unseen")
_BRUSH_OFF = lexicon.regex("offline", "brush_off")
_NOT_A_FEELING = lexicon.words("offline_words", "not_a_feeling")
_NEGATIVE = lexicon.regex("offline", "negative")
_ALREADY_NAMED = lexicon.regex("offline", "already_named")

_SECOND_PERSON = re.compile(r"\b(you|your|yours|yourself)\b", re.I)
_FIRST_PERSON = re.compile(r"\b(i|me|my|mine|myself|i'm|i've|i'd|i'll)\b", re.I)
_BUT = re.compile(r",?\s+\b(?:but|though|although|yet)\b\s+", re.I)
_WHETHER = re.compile(r"\bwhether (?:or not )?(?P<who>i|to)\s+(?P<should>should\s+)?(?P<x>[a-z][^.!?,;]{3,60})", re.I)

_STOP = frozenset("a an the to of in on at for and or but is are be it that this with my your i you me".split())


def _content(text: str) -> set[str]:
    return {w[:5] for w in L.words(text) if w not in _STOP and len(w) > 2}


def _object(x: str) -> str:
    """The object of "I love …", swapped: "it when people get unstuck" -> "the moments when people get unstuck"."""
    return re.sub(r"^it (when|that|if)\b", r"the moments \1", L.swap_pronouns(x.strip()))


def _clause(sentence: str) -> str:
    c = L.trim_hedges(re.sub(r"(\*{1,2}|_{1,2})(\w[^*_]*?)\1", r"\2", sentence))  # *love* -> love
    for _ in range(2):
        c = _LEAD.sub("", c)
    c = L.strip_end(c)
    c = re.sub(r"(?:,?\s+though|,\s*to be honest|,\s*honestly|,\s*anyway|,\s*maybe|,\s*mostly)$", "", c, flags=re.I)  # "…exists here though"
    c = re.sub(r"^not (really )?sure\b", "I'm not sure", c, flags=re.I)  # "Not really sure what…" has a subject
    if len(c.split()) > MAX_REFLECTION_WORDS:
        c = re.split(r"[,;:—–-]\s+|\s+(?:but|and then|which|although)\s+", c)[0]
    return c if 2 <= len(c.split()) <= MAX_REFLECTION_WORDS else ""


# a question, even without its question mark: "what do I do", "should I ask". "When I owned the billing
# export it felt good" is a statement, and is played back.
_WH_START = re.compile(r"^(?:(?:what|where|how|why|when|who|which)\b(?!\s+(?:i|we|my|our|the|a|an|it|people|someone|they)\b)|"
                       r"(?:should|can|could|would|will|do|does|is|are|am)\s+(?:i|we|you|it|they|there|he|she|my)\b)", re.I)
_SIMILE = re.compile(r"^like\s+(?!,)", re.I)  # "Like I failed." leans on the sentence before it


def _source_sentence(a: Analysis) -> str:
    ev = a.motivations[0].evidence.text.strip() if a.motivations else ""
    sents_all = L.sentences(a.text)
    if ev and not ev.endswith("?") and not _WH_START.match(_LEAD.sub("", ev)) and not _SIMILE.match(ev):
        longer = [x for x in sents_all if len(x.split()) >= 5 and x.strip() != ev]
        if not (len(ev.split()) < 5 and re.match(r"^\W*not\b", ev, re.I) and longer):
            return a.motivations[0].evidence.text  # "Not because of my manager." alone misses the point
    # never play a question back (with or without its question mark)
    sents = [s for s in sents_all if not s.rstrip().endswith("?") and not _WH_START.match(_LEAD.sub("", s.strip()))]
    with_i = [s for s in sents if _FIRST_PERSON.search(s) and not _SECOND_PERSON.search(s)]
    return (with_i or sents or [""])[-1]


def _with_simile(a: Analysis, source: str) -> str:
    """ "It feels like a step down though. Like I failed." is one thought: played back whole, never "So you failed." """
    sents = L.sentences(a.text)
    if not _SIMILE.match(source.strip()) or source not in sents or sents.index(source) == 0:
        return source
    before = sents[sents.index(source) - 1]
    return re.sub(r"(?:,?\s+though)?[.!]+$", "", before.strip()) + " — " + L.lower_first(source.strip())


def simple_reflection(a: Analysis, pick: _Picker) -> str | None:
    """A reflection of the mentee's own clause; if it would read as advice in the coach's mouth (a
    fragment like "Give talks at NeurIPS."), their words are quoted instead."""
    from coach import guard

    r = _simple_reflection(a, pick)
    if r and not guard.check(r, mentee_text=a.text).ok:
        return quote_reflection(a, pick)
    return r


def quote_reflection(a: Analysis, pick: _Picker) -> str | None:
    source = _source_sentence(a)
    if _SIMILE.match(source.strip()) and len(a.text) <= 100:
        source = a.text  # quotes stay verbatim: the whole message rather than a fragment leaning on the one before
    if not source or len(source.split()) < 2:
        return None
    return pick.line("reflect", "quote", quote=L.quote(source, 100))


def _simple_reflection(a: Analysis, pick: _Picker) -> str | None:
    if a.goal and not _SECOND_PERSON.search(a.goal) and not _WHETHER.search(a.text):
        g = L.gerund(L.swap_pronouns(a.goal))
        if len(g.split()) <= 14:
            key = "goal_np" if not L.is_verb_phrase(a.goal) else "goal_role" if _ROLE_GOAL.search(a.goal) else "goal"
            r = pick.line("reflect", key, gerund=g)
            if r:
                return r
    source = _with_simile(a, _source_sentence(a))
    sents = L.sentences(a.text)
    if _BRUSH_OFF.match(_clause(source) or "") and source in sents and sents.index(source) + 1 < len(sents):
        rest = _clause(sents[sents.index(source) + 1]) or L.strip_end(L.trim_hedges(sents[sents.index(source) + 1]))
        if rest and len(rest.split()) <= 3 and not _FIRST_PERSON.search(rest):
            source = "I'm " + L.lower_first(rest)  # "I'm fine. Just fed up." -> "I'm fed up"
    clause = _clause(source)
    if not clause or _SECOND_PERSON.search(clause):
        return None
    if len(clause.split()) <= 4 and not _FIRST_PERSON.search(clause) and not re.search(r"\b(is|are|was|were|do|does|did|have|has)\b", clause, re.I):
        r = pick.line("reflect", "fragment", clause=L.lower_first(L.swap_pronouns(clause)))
        if r:
            return r
    if _UNSURE.search(clause) and len(clause.split()) <= 5:
        r = pick.line("reflect", "unsure")
        if r:
            return r
    w = _WHETHER.search(source)
    if w:
        # "whether to go deep on data" / "whether I enjoy the analysis" (-> "whether you enjoy…", never "whether to enjoy…")
        key = "whether" if w.group("who").lower() == "to" or w.group("should") else "whether_i"
        r = pick.line("reflect", key, clause=L.strip_end(L.swap_pronouns(w.group("x"))))
        if r:
            return r
    heading = bool(getattr(pick.state, "goals", None) or getattr(pick.state, "thread", ""))
    m = _BECAUSE.match(L.trim_hedges(source))
    if m and heading:  # "part of the pull is that…" needs something it is part of
        return pick.line("reflect", "because", clause=L.lower_first(L.strip_end(L.swap_pronouns(m.group("x")))))
    for pat, key in ((_LOVE, "love"), (_HATE, "hate"), (_NEED, "need")):
        m = pat.match(clause)
        if m:
            if key == "love" and re.match(r"^i (?:really |just |do )?like\b", clause, re.I):
                key = "like"  # "I like my job" is not "you really enjoy your job"
            return pick.line("reflect", key, object=_object(m.group("x")))
    m = _FEEL.match(clause)
    if m and (m.group("adj") or "").lower() not in _NOT_A_FEELING:
        return pick.line("reflect", "feel", object=L.swap_pronouns(m.group("x") or m.group("adj")))
    m = _BECAUSE.match(clause)
    if m and heading:
        return pick.line("reflect", "because", clause=L.lower_first(L.swap_pronouns(m.group("x"))))
    if m:
        clause = m.group("x")  # "Because I'm thinking about leaving" with nothing before it: the clause itself
    if re.match(r"^(?!(?:no|some|any|every)?thing\b|morning\b|evening\b)[a-z]+ing\b", clause, re.I) and "," not in clause and not re.search(
            r"\b(is|are|was|were|'s|matters?|makes|made|feels|felt|keeps|gives|means|seems|has|have|had|does|did|"
            r"would|could|will|can|should|might|must|'d|'ll)\b", clause, re.I):
        r = pick.line("reflect", "gerund_fragment", clause=L.lower_first(L.swap_pronouns(clause)))  # "Having an impact"
        if r:
            return r
    swapped = L.lower_first(L.swap_pronouns(clause))
    if _OBLIGATION.search(swapped):
        return None  # "you need to …" in the coach's mouth reads as advice: name the meaning instead
    sides = _BUT.split(clause, maxsplit=1)
    if len(sides) == 2 and all(3 <= len(x.split()) <= 12 for x in sides) and not _OBLIGATION.search(swapped):
        # a double-sided reflection: both things they said, held together (a complex reflection)
        left, right = (L.strip_end(L.swap_pronouns(x.strip(" ,"))) for x in sides)
        r = pick.line("reflect", "two_sided", left=L.lower_first(left), right=L.lower_first(right))
        if r:
            return r
    if _HEDGED.match(source.strip()) or _MODAL.search(swapped) and not swapped.lower().startswith("you"):
        # "Maybe UX research would fit me better" is a wondering, not a verdict: keep it theirs
        r = pick.line("reflect", "wonder", clause=swapped)
        if r:
            return r
    from coach import guard

    if not _FIRST_PERSON.search(clause) and not guard.check(L.upper_first(swapped) + ".").ok:
        return quote_reflection(a, pick)  # "give talks at NeurIPS" would read as an instruction in any frame
    key = "plain" if _FIRST_PERSON.search(clause) else "third_person"
    return pick.line("reflect", key, clause=swapped)


def _bedrock_phrase(obj: str) -> str:
    """A bedrock is named as a need, a love or an activity ('helping people understand things'); a
    situation ('new people come to you when they're stuck') is not offered as bedrock."""
    if not obj:
        return ""
    obj = re.sub(r"^the idea of\s+", "", obj, flags=re.I)  # "the idea of building a team culture"
    m = re.match(r"^you (?:really |deeply |just )?care (?:about|that)\s+(?P<x>.+)$", obj, re.I)
    if m:
        obj = "caring about " + m.group("x")  # "you care about people growing"
    if obj.lower().startswith("to ") and len(obj.split()) > 1:
        obj = L.gerund(obj[3:])  # "to learn new technology" -> "learning new technology"
    first = obj.split()[0].lower()
    return obj if first.endswith("ing") and first not in {"nothing", "something", "anything", "everything"} else ""


def complex_reflection(a: Analysis, plan: Plan, pick: _Picker) -> str | None:
    # only a motivation the policy judged clear enough is named back (plan.motivation)
    mot = plan.motivation
    if mot is _M.NEXT_RUNG and plan.ask:
        mot = None  # "the next rung is the default" followed by "what draws you to that?" contradicts itself
    if mot is not None:
        r = pick.line("complex", mot.value)
        if r:
            return r
    if a.has(Kind.FEELING) and abs(a.sentiment) > 0.3:
        r = pick.line("complex", "feeling_negative" if a.sentiment < 0 else "feeling_positive")
        if r:
            return r
    return None


_PRONOUN_OBJECT = re.compile(r"^(that|it|this|those|these)$", re.I)
_THATS_WHAT = lexicon.regex("offline", "thats_what")


def bedrock_object(text: str, prefer: str = "") -> str:
    """'I think I just like making things easier for people' -> 'making things easier for people'.

    `prefer` is the sentence the analyzer found most bedrock-like; it is tried first. "X. That's what
    I enjoy." and "I like that." point back to the sentence before, which is used instead."""
    sents = L.sentences(text) or [text]
    order = ([prefer] if prefer else []) + list(reversed(sents))
    for sent in order:
        c = _clause(sent)
        if not c:
            continue
        if _THATS_WHAT.match(c) or re.fullmatch(r"i (?:really |just )?(?:love|like|enjoy) (?:that|it)", c, re.I):
            i = sents.index(sent) if sent in sents else -1
            if i > 0:
                prev = _clause(sents[i - 1])
                if prev and not _SECOND_PERSON.search(prev):
                    return L.lower_first(L.swap_pronouns(prev))
            continue
        for pat in (_LOVE, _NEED):
            m = pat.match(c)
            if m:
                x = _object(m.group("x"))
                if pat is _NEED:
                    x = "needing " + x
                if _PRONOUN_OBJECT.match(x):
                    break
                return x
        else:
            if _SECOND_PERSON.search(c) or _OBLIGATION.search(L.swap_pronouns(c)) or len(c.split()) < 2:
                continue
            if re.search(r"\b(don'?t|not|no) know\b", c, re.I):
                continue
            return L.lower_first(L.swap_pronouns(c))
    return ""


_NOT = re.compile(r"\bnot\s+(?:the\s+)?(?P<x>[a-z][a-z ]{1,30}?)(?:[,.!?;]|\s+ever\b|$)", re.I)
_EXPERIMENT = lexicon.regex("offline", "experiment")
_SHOULD_I = re.compile(r"\bshould i\s+(?P<x>[^?.!]{3,80})", re.I)


def _role_phrase(role: str) -> str:
    r = L.swap_pronouns(role)
    return r if r.lower().startswith(("the ", "your ", "my ", "a ", "an ")) else "the " + r if not r[0].isupper() or " " in r else r


def opening_lines() -> list[str]:
    """The ground rules every session opens with (voice.toml [opening] intro and privacy)."""
    v = voice()["opening"]
    return [*v["intro"], *v["privacy"]]


class OfflineRealizer:
    name = "offline"

    def __init__(self) -> None:
        from coach import guard

        # Once per process, so no turn pays for first-use loading (lemminflect's tables cost the
        # first lottery or advice-request reply 200-300 ms before this).
        L.preload()
        guard.preload()

    def compose(self, plan: Plan, ctx: Context) -> Spoken:
        """The words for this plan, and the lines and questions they use (see `Spoken`)."""
        previous = next((t.text for t in reversed(ctx.recent or []) if getattr(t, "role", "") == "coach"), "")
        pick = _Picker(ctx.state, previous)
        parts = self._compose(plan, ctx, ctx.analysis, pick)
        text = re.sub(r"\s{2,}", " ", " ".join(p for p in parts if p)).strip()
        return Spoken(text, pick.took_used, pick.took_asked)

    def realize(self, plan: Plan, ctx: Context) -> str:
        return self.compose(plan, ctx).text

    def revise(self, plan: Plan, ctx: Context, draft: str, reason: str) -> str:
        return self.realize(plan, ctx)

    def stream(self, plan: Plan, ctx: Context) -> Iterator[str]:
        text = self.realize(plan, ctx)
        for word in re.findall(r"\S+\s*", text):
            yield word

    # -- one method per move ----------------------------------------------------------------
    def _compose(self, plan: Plan, ctx: Context, a: Analysis, pick: _Picker) -> list[str | None]:
        m = plan.move
        s = ctx.state
        if m is Move.CRISIS:
            key = "first" if not any(u.startswith("crisis.first") for u in pick.used) else "again"
            return [pick.line("crisis", key) or voice()["crisis"]["again"][0]]
        if m is Move.CLARIFY:
            return [self._clarify_line(a, pick), pick.question("clarify") if plan.ask else None]
        if m is Move.ADVICE_REQUEST:
            return self._advice(plan, a, pick)
        if m is Move.LOW_EFFORT:
            return self._low_effort(a, pick)
        if m is Move.NORMALIZE:
            theme = plan.theme
            return [pick.line("normalize", theme) or complex_reflection(a, plan, pick),
                    pick.first_question(f"normalize_{theme}", "deepen")]
        if m is Move.CONFIRM_BEDROCK:
            obj = _bedrock_phrase(bedrock_object(a.text, a.bedrock_text))
            frame = pick.line("confirm", "frame", object=obj) if obj else None
            if frame is None:  # no need, love or activity to name: their own words, held up for them to check
                source = a.text if len(a.text) <= 110 else (a.bedrock_text or _source_sentence(a))
                frame = (pick.line("confirm", "quote", quote=L.quote(source, 100)) if len(source.split()) >= 3 else None)
            return [frame or complex_reflection(a, plan, pick), pick.question("confirm")]
        if m is Move.PASSION:
            topic = self._energy_topic(a)
            if not topic:  # a moment rather than a kind of work: "When the CFO thanked me I felt ten feet tall"
                moment = bool(re.search(r"\b(when|was|were|did|last|once|got)\b", a.text, re.I))
                return [self._felt(a, pick) or simple_reflection(a, pick) or pick.line("passion", "moment"),
                        pick.first_question("passion_moment" if moment else "passion", "deepen")]
            return [pick.line("passion", "frame", topic=topic), pick.first_question("passion", "deepen")]
        if m is Move.ENTAIL:
            return self._entail(plan, a, s, pick)
        if m is Move.RECALL and plan.recall is not None:
            return [pick.line("recall", "frame", date=plan.recall_date or "an earlier session",
                              quote=L.quote(plan.recall.text)), pick.first_question("recall", "deepen")]
        if m is Move.SUMMARIZE and plan.cue is Cue.AGAIN:
            return [pick.line("playback", "again") or voice()["playback"]["again"][-1]]
        if m is Move.SUMMARIZE or m is Move.CLOSE:
            return [playback(s, closing=m is Move.CLOSE, wrap=m is Move.SUMMARIZE and plan.cue is Cue.WRAP_UP)]

        if m is Move.PRIVACY:
            share = ctx.share.value if ctx.share else "private"
            # the answer, then an invitation: never "what did you mean to say?" after a plain question
            return [voice()["privacy"][share], pick.first_question("after_privacy", "clarify", "deepen_situation")]
        prefix = None
        if plan.cue is Cue.BEDROCK_CONFIRMED and s is not None and s.bedrock_confirmed:
            last = s.bedrock_confirmed[-1]
            obj = L.lower_first(L.swap_pronouns(last["text"])) if last.get("own_words") else bedrock_object(last["text"])
            prefix = pick.line("confirm", "confirmed", object=obj) if obj else None
        cache: dict[str, str | None] = {}

        def reflection() -> str | None:
            # built only when a move uses it: every line picked is marked used, so none is spent unseen
            if "r" not in cache:
                cache["r"] = prefix or self._reflection(plan, a, pick)
            return cache["r"]

        if m is Move.REFLECT:
            # a reflection-only turn: naming the motivation lands best on its own
            mot = plan.motivation
            named = pick.line("complex", mot.value) if mot is not None else None
            alone = (named or self._felt(a, pick) or self._layered(plan, a, pick)
                     or (complex_reflection(a, Plan(Move.REFLECT), pick) if a.has(Kind.FEELING) else None)
                     or simple_reflection(a, pick) or reflection())
            if alone:
                return [alone]
            # nothing of theirs to play back on its own: ask instead (a reflection-only turn needs words)
            return [self._deepen_question(plan, a, pick)]
        if m is Move.LOTTERY:
            return [reflection(), self._lottery_bridge(plan, a, s, pick), pick.question("lottery")]
        if m is Move.SWEET_SPOT:
            return [reflection(), pick.line("bridge", "sweet_spot"), pick.question("sweet_spot")]
        if m is Move.INFLUENCE_AUTHORITY:
            return [complex_reflection(a, plan, pick) or reflection(),
                    pick.first_question("influence_authority", "deepen")]
        if m is Move.ASSUMPTION:
            # "My dad always said specialise" already says where the idea comes from: don't ask that
            keys = ("assumption_sourced", "assumption", "deepen") if _SOURCED.search(a.text) else ("assumption", "deepen")
            quoted = f"You said \"{L.quote(plan.target.text, 110)}\"." if plan.target else None
            return [quoted or reflection(), pick.first_question(*keys)]
        if m is Move.EXPERIMENT:
            return self._experiment(a, reflection, pick)
        if plan.cue is Cue.WANDER:
            return [pick.line("wander", "lines"), pick.first_question("wander", "deepen")]
        # DEEPEN: don't name the topic twice in one turn
        said = reflection()
        reflected = bool(said and a.goal and L.gerund(L.swap_pronouns(a.goal)).lower() in said.lower())
        return [said, self._deepen_question(plan, a, pick, reflected)]

    @staticmethod
    def _lottery_bridge(plan: Plan, a: Analysis, s: Any, pick: _Picker) -> str | None:
        """A sentence that carries the conversation over to the lottery question, so it never lands as filler."""
        if plan.cue is Cue.OPEN_FUTURE:
            return pick.line("bridge", "lottery_open") or pick.line("bridge", "lottery")
        goals = getattr(s, "goals", None) or []
        goal = L.gerund(L.swap_pronouns(L.drop_time(goals[-1]["text"]))) if goals else ""
        if not goal or _SECOND_PERSON.search(goals[-1]["text"]) or len(goal.split()) > 6:
            goal = ""
        if plan.cue is Cue.BEDROCK_CONFIRMED:
            return (pick.line("bridge", "lottery_confirmed_goal", goal=goal) if goal else None) or pick.line(
                "bridge", "lottery_confirmed")
        return (pick.line("bridge", "lottery_goal", goal=goal) if goal else None) or pick.line("bridge", "lottery")

    def _layered(self, plan: Plan, a: Analysis, pick: _Picker) -> str | None:
        """The mentee's clause with the motivation underneath it named (a complex reflection). A lack
        ("My name wasn't even on the slide") gets the need it leaves unmet named, not a wish in its place."""
        unmet = self._unmet(plan, a, pick)
        if unmet:
            return unmet
        if not self._is_desire(a):
            return None  # "I am developer 4 years" is a fact: a motivation layered on it is a guess in their mouth
        mot = plan.motivation or (a.top_motivation if a.motivations and a.motivations[0].confidence >= LAYERED_AT else None)
        if mot is None or mot is _M.NEXT_RUNG or a.goal:
            return None  # a goal's "why" is not heard yet; "the next rung" is a default, not something that matters
        clause = _clause(_source_sentence(a))
        if not clause or _SECOND_PERSON.search(clause) or not 4 <= len(clause.split()) <= 14 or a.sentiment < -0.2:
            return None  # no layering on fragments, long rambles, or pain (stay with what was said)
        if _NEGATIVE.search(clause) or _BUT.search(clause) or _ALREADY_NAMED.search(clause):
            return None  # "It pays well but it feels empty" is not about security; "Belonging matters" is named already
        swapped = L.lower_first(L.swap_pronouns(clause))
        meaning = voice()["meaning"][mot.value]
        if _OBLIGATION.search(swapped) or _content(meaning) & _content(clause):
            return None  # they already said it in those words: naming it again adds nothing
        return pick.line("layered", "lines", clause=swapped, meaning=meaning)

    @staticmethod
    def _felt(a: Analysis, pick: _Picker) -> str | None:
        """Their clause with the feeling in it named, when they showed it but didn't name it: "All I did was
        chase people for updates" -> "…; there's real frustration in that" (a complex reflection)."""
        if a.goal:
            return None
        source = _with_simile(a, _source_sentence(a))
        clause = _clause(source)
        if not clause or _SECOND_PERSON.search(clause) or not 3 <= len(clause.split()) <= 16:
            return None
        swapped = L.lower_first(L.swap_pronouns(clause))
        if _OBLIGATION.search(swapped) or re.match(r"^i (?:really |just )?(?:want|'d like|would like|wish)\b", clause, re.I):
            return None  # a wish gets its own reflection, not a feeling
        good, bad = _FELT_GOOD.search(source), _FELT_BAD.search(source)  # the feeling must be in the sentence played back
        if good and not bad:
            return pick.line("layered", "felt_good", clause=swapped)
        if bad and not good and not _NAMED_BAD.search(a.text):  # "It's frustrating when…" is named already
            key = ("felt_unseen" if _UNSEEN.search(source) else "felt_drained" if _DRAINED.search(source)
                   else "felt_alone" if re.search(r"\b(nobody|no one) helped|\blost when\b", source, re.I) else "felt_bad")
            return pick.line("layered", key, clause=swapped)
        return None

    @staticmethod
    def _unmet(plan: Plan, a: Analysis, pick: _Picker) -> str | None:
        mot = plan.motivation or (a.top_motivation if a.motivations and a.motivations[0].confidence >= LAYERED_AT else None)
        if mot is None or mot is _M.NEXT_RUNG or a.goal or a.sentiment < -0.2 or a.sentiment >= 0.3:
            return None
        clause = _clause(_source_sentence(a))
        if not clause or _SECOND_PERSON.search(clause) or not 4 <= len(clause.split()) <= 14:
            return None
        if not _LACK.search(clause) or _NOT_LACK.search(clause) or _BUT.search(clause):
            return None  # "I don't need people reporting to me" is a choice, not a lack; "Nobody had to check my work" is pride
        swapped = L.lower_first(L.swap_pronouns(clause))
        if _OBLIGATION.search(swapped):
            return None
        return pick.line("layered", "unmet", clause=swapped, meaning=voice()["meaning"][mot.value])

    def _reflection(self, plan: Plan, a: Analysis, pick: _Picker) -> str | None:
        felt = self._felt(a, pick)
        if felt:
            return felt
        if (plan.complex and plan.depth % 2 == 1) or (plan.motivation is None and plan.move is Move.DEEPEN):
            r = self._layered(plan, a, pick)
            if r:
                from coach import guard

                if guard.check(r, mentee_text=a.text).ok:
                    return r
        if plan.complex:
            r = complex_reflection(a, plan, pick) or simple_reflection(a, pick)
        else:
            r = simple_reflection(a, pick) or complex_reflection(a, plan, pick)
        if r is None and a.text.strip() and not a.has(Kind.AFFIRM):
            r = quote_reflection(a, pick) or pick.line("complex", "generic")
        return r

    def _deepen_question(self, plan: Plan, a: Analysis, pick: _Picker, reflected_topic: bool = False) -> str | None:
        keys: list[str] = []
        if plan.cue is Cue.BEDROCK_CONFIRMED:
            # bedrock is the bottom of the ladder: look forward from it, never "what would that give you?"
            q = pick.first_question("after_bedrock", "deepen_situation")
            if q:
                return q
        if plan.cue is Cue.BEDROCK_DENIED:
            keys.append("deepen_after_deny")
        if plan.cue is Cue.AGREED:
            keys.append("deepen")  # "Yeah." to a reflection: ladder on from what was just played back
        elif a.goal and not a.has(Kind.FEELING):
            pass  # a goal: the 'why' questions fit, whatever the sentiment model makes of "hardest problems"
        elif a.sentiment < -0.3 and (a.has(Kind.FEELING) or _HATE.match(_clause(_source_sentence(a)) or "")):
            keys.append("deepen_negative")
        elif a.sentiment < -0.2:
            keys.append("deepen_situation")  # not "what would that give you?" after something painful
        elif _UNSURE.search(a.text):
            keys.append("deepen_unsure")
        elif not self._is_desire(a):
            keys.append("deepen_situation")
        mot = plan.motivation
        topic = L.gerund(L.swap_pronouns(a.goal)) if a.goal and not _SECOND_PERSON.search(a.goal) else ""
        if topic and plan.depth <= 1 and not reflected_topic:
            q = pick.question("deepen_topic", topic=topic)
            if q:
                return q
        if mot is not None and plan.depth % 2 == 0:
            keys.append(mot.value)
        if keys:
            q = pick.first_question(*keys)
            if q:
                return q
        keys += ["deepen"] + ([mot.value] if mot is not None else [])
        return pick.first_question(*keys) or pick.first_question(*[m.value for m in _ALL_MOTIVATIONS])

    @staticmethod
    def _is_desire(a: Analysis) -> bool:
        """A goal, a wish, a love: the 'why' questions fit. A situation or a fact gets other questions."""
        if a.has(Kind.GOAL) or a.goal:
            return True
        source = _source_sentence(a)
        clause = _clause(source) or ""
        if _HEDGED.match(source.strip()) or _MODAL.search(clause):
            return True
        if _LOVE.match(clause) or _NEED.match(clause) or re.match(r"^i (?:really |just )?(?:want|wish|hope|'d like|would like|care)", clause, re.I):
            return True
        if _NEGATIVE.search(clause) or re.search(r"\b(?:was|were|did|had|got|used to|last (?:week|month|year|quarter))\b", clause, re.I):
            return False  # a loss, a lack or a past event: ask about it, not "what would that give you?"
        return bool(a.motivations) and a.sentiment >= 0 and not a.has(Kind.FEELING) and bool(_FIRST_PERSON.search(clause))

    def _advice(self, plan: Plan, a: Analysis, pick: _Picker) -> list[str | None]:
        if plan.cue is Cue.INJECTION:
            return [pick.line("advice", "injection") or pick.line("advice", "lead"),
                    pick.first_question("injection", "advice")]
        dilemma = None
        m = _SHOULD_I.search(a.text)
        if m and not _SECOND_PERSON.search(m.group("x")):
            x = L.strip_end(L.swap_pronouns(m.group("x")))
            x = re.split(r"\s+or\s+not\b|,", x)[0]
            if len(x.split()) >= 2 and not re.search(r"\b(it|this|that|one)$", x):
                dilemma = pick.line("advice", "dilemma", clause=x, clause_gerund=L.gerund(x))
        return [dilemma or pick.line("advice", "feel"), pick.line("advice", "lead") or pick.line("advice", "injection"),
                pick.first_question("advice", "injection", "clarify")]

    def _low_effort(self, a: Analysis, pick: _Picker) -> list[str | None]:
        said = L.strip_end(a.text)[:20] or "That"
        for i, (opener, question) in enumerate(voice()["low_effort"]["pairs"]):
            qid = f"q.low_effort.{i}"
            if qid in pick.asked:
                continue
            pick.mark_asked(qid, _norm(question))
            return [opener.replace("{said}", L.upper_first(said)), question]
        return [pick.line("fallback", "pause") or "", None]

    def _clarify_line(self, a: Analysis, pick: _Picker) -> str | None:
        notes = " ".join(a.notes)
        if "binary" in notes:
            key = "binary"
        elif "not English" in notes:
            key = "not_english"
        elif "looks like code" in notes:
            key = "code"
        elif "analyzed the first" in notes:
            key = "huge"
        elif a.text.strip():
            key = "symbols"
        else:
            key = "empty"
        return pick.line("clarify", key) or pick.line("clarify", "empty") or pick.line("fallback", "pause") or ""

    def _entail(self, plan: Plan, a: Analysis, s: Any, pick: _Picker) -> list[str | None]:
        roles = a.roles or (s.roles[-1:] if s is not None and s.roles else [])
        role = _role_phrase(roles[0]) if roles else ""
        if plan.cue is Cue.INFO_REQUEST:
            lead = pick.line("advice", "info")
        else:
            lead = L.upper_first(role) if role else simple_reflection(a, pick)
            neg = _NOT.search(a.text)
            if lead and neg and role:
                lead = f"{lead}, and not {L.swap_pronouns(neg.group('x').strip())}."
            elif lead and not lead.endswith("."):
                lead += "."
        q = pick.question("entail", role=role) if role else None
        return [lead, q or pick.first_question("entail", "deepen")]

    @staticmethod
    def _energy_topic(a: Analysis) -> str:
        m = re.search(r"\b(?:about|when i talk about|talking about|doing|on|with)\s+(?P<t>(?:the |my |our |a )?[a-z][a-z \-']{2,40}?)(?:[,.!?]|\s+(?:i|and|it|that|because)\b|$)", a.text, re.I)
        if m:
            return L.swap_pronouns(m.group("t").strip())
        if a.goal:
            return L.gerund(L.swap_pronouns(a.goal))
        return ""

    def _experiment(self, a: Analysis, reflection: Callable[[], str | None], pick: _Picker) -> list[str | None]:
        m = _EXPERIMENT.search(a.text)
        if m and a.has(Kind.EXPERIMENT):
            vp = L.strip_end(m.group("vp"))
            head = vp.split(" ", 1)[0].lower()
            if not head.endswith("ing"):
                vp = L.gerund(vp)
            line = f"{L.upper_first(L.swap_pronouns(vp))} would be one way to find out."
            return [line, pick.first_question("experiment_followup", "deepen")]
        return [reflection(), pick.first_question("experiment_invite", "deepen")]


from coach.types import Motivation as _M  # noqa: E402  (kept last: only used as a fallback order)

_ALL_MOTIVATIONS = list(_M)


def share_sentence(share: ShareLevel) -> str:
    return voice()["opening"][f"share_{share.value}"]


def opening(share: ShareLevel) -> str:
    v = voice()["opening"]
    return " ".join([v["intro"][0], v["privacy"][0], share_sentence(share), v["first_question"][0]])


def playback(state: Any, *, closing: bool = False, wrap: bool = False) -> str:
    """Play back what was heard, in the mentee's own words (quotes), never advice."""
    v = voice()["playback"]
    if state is None:
        return v["nothing"]
    lines: list[str] = []
    if state.goals:
        goals = list(dict.fromkeys(L.gerund(L.swap_pronouns(g["text"])) for g in state.goals))[:3]
        lines.append("Where you're heading: " + "; ".join(goals) + ".")
    if state.motivations:
        ranked = sorted(state.motivations.items(), key=lambda kv: -len(kv[1]))[:3]
        bits = []
        for label, quotes in ranked:
            bits.append(f"{_LABELS.get(label, label)} (\"{L.quote(quotes[0]['text'], 80)}\")")
        lines.append("What seems to sit underneath: " + "; ".join(bits) + ".")
    if state.bedrock_confirmed:
        lines.append("What you confirmed runs deepest: " + "; ".join(
            f"\"{L.quote(b['text'], 90)}\"" for b in state.bedrock_confirmed) + ".")
    open_cands = [c for c in state.bedrock_candidates if c not in state.bedrock_confirmed]
    if open_cands and not state.bedrock_confirmed:
        lines.append(f"Something that may run deep, not yet confirmed: \"{L.quote(open_cands[-1]['text'], 90)}\".")
    if state.energy_topics:
        lines.append(f"You lit up when you said: \"{L.quote(state.energy_topics[-1]['text'], 80)}\".")
    if state.experiments:
        lines.append(f"Something you said you might try: \"{L.quote(state.experiments[-1]['text'], 90)}\".")
    if not lines:
        return v["nothing"] + (" " + v["close"] if closing else "")
    return " ".join([v["wrap"] if wrap else v["intro"], *lines] + ([v["close"]] if closing else []))


_LABELS = {
    "influence": "influence — having a say in direction",
    "authority": "authority — being the one who decides",
    "recognition": "recognition — being seen and valued",
    "growth": "growth — learning and mastery",
    "autonomy": "autonomy — doing it your way",
    "meaning": "meaning — work that matters to people",
    "compensation": "pay and what it makes possible",
    "next_rung": "the next rung — the obvious next step",
}
