"""Building the items, section by section: goals, motivations, influence vs authority, bedrock, passions,
experiments and the open questions they leave.
"""

from __future__ import annotations

import re
from typing import Any

from coach.analyze import UNSURE_WANT
from coach.analyze.leaving import sign_off
from coach.mentor.summary.asides import is_aside, is_stable_pointer
from coach.mentor.summary.credit import (
    _BEST_PART,
    _CONSEQUENCE,
    _FIRST_PERSON,
    _GREETING,
    _NOT_THEIRS,
    _OFFERED,
    _SHOWING,
    _TO_ANSWER,
    _conceded,
    _energetic,
    _gerund_answer,
    _named_clause,
    _runs_deep,
    _sentence_texts,
    _spelled_alike,
    _tag,
)
from coach.mentor.summary.evidence import (
    _FUTURE_ACTION,
    _analysis,
    _evidence,
    _goal_np,
    _is_question,
    _locate,
    _MenteeTurn,
    _phrase_evidence,
    _sentence_evidence,
    _sentence_spans,
    _short,
    _valid,
    _you,
    similar,
)
from coach.mentor.summary.model import (
    CONFIRMED_PREFIX,
    KINDS,
    MAX_BEDROCK_CANDIDATES,
    MAX_OWN_WORDS,
    MAX_PASSIONS,
    MAX_QUOTES_PER_ITEM,
    MIN_BEDROCK_SCORE,
    MIN_ENERGY,
    MOTIVATION_LABELS,
    STRONG_MOTIVATION_CONFIDENCE,
    VALUE_WEIGHT,
)
from coach.mentor.summary.phrasing import (
    _CONCESSION,
    _CONSIDERING,
    _INTENSIFIER,
    _UNWANTED,
    _answerable,
    _dedupe_quotes,
    _drop_time,
    _goal_disowned,
    _Guarded,
    _has_group,
    _is_reason,
    _said_in_words,
    _topic_from,
    action_phrase,
    readable_phrase,
)
from coach.mentor.summary.pointers import Said, only_points, pointed
from coach.mentor.summary.stated import Stated, content_words, stated
from coach.mentor.values import claimed_otherwise, concrete_goal, has_finite_verb, turned_down_reading
from coach.types import Act, Analysis, Evidence, Kind, Motivation, Session, SummaryItem, Turn

_MONEY_WORD = r"(?:the\s+|a\s+)?(?:bigger\s+|higher\s+|better\s+|more\s+)?(?:money|pay|paycheck|pay\s*check|salary|bonus|cash|wage|wages|income)"
_MONEY_RANKED_DOWN = re.compile(
    rf"\b(?:more\s+than|rather\s+than|less\s+about|(?:(?:it'?s|its|it\s+is|it\s+was|this\s+is|that'?s)\s+not|isn'?t|wasn'?t|never)\s+(?:really\s+|just\s+|even\s+|been\s+)*(?:about)?|"
    rf"not\s+(?:really\s+|just\s+|even\s+)*(?:about)?)\s*{_MONEY_WORD}\b",
    re.I)

# someone else's words, quoted after a verb of saying ("my lead said in standup 'passion is…'"), or a remark held
# up in quotes ("'Same thing, better pay.'"): never credited to the mentee
_QUOTED_OTHER = re.compile(r"\b(?:said|says|say|told me|tells me|goes|went|asked|wrote)\b[^'‘“\"]{0,30}['‘“\"]\w|^\W*['‘“\"][^'’”\"]{2,80}['’”\"]\W*$", re.I)



_ASKING = (Act.REQUEST_ADVICE, Act.REQUEST_STEPS, Act.REQUEST_OPINION)
_ROLE = re.compile(r"\b(?:lead|manager|director|head|partner|principal|staff|senior|nurse|paramedic|pharmacist|teacher|"
                   r"engineer|officer|sergeant|mate|skipper|chef|owner|salon|shop|clinic|business|ticket|licen[cs]e|exam)\b", re.I)


def _same_role(a: str, b: str) -> bool:
    """ "making lead" and "the lead role": one goal, named by the same role."""
    ra = {m.lower() for m in _ROLE.findall(a)}
    return bool(ra and ra & {m.lower() for m in _ROLE.findall(b)})


_BURDEN = re.compile(r"\b(?:mortgage|bills|rent|debts?|loans?|school\s+fees|childcare|kids\s+to\s+feed|mouths\s+to\s+feed)\b", re.I)
_WANTS_PAY = re.compile(r"\b(?:want|wanna|need|earn|make|more|paid|pay\s+(?:rise|raise)|money\s+(?:matters|is))\b", re.I)
_REFUSAL = re.compile(r"\bi\s+(?:do\s*n[o']?t|dont|don’t|never)\s+(?:\w+\s+)?want\s+to\b", re.I)


def _points(quote: str) -> bool:
    """Every sentence of the quote only points ("i live for that"); "thats it. nobody dies…" says what."""
    return all(only_points(x) for x in _sentence_texts(quote))


_QUOTE_MARKS = " '‘’\"“”"


class _Builder:
    def __init__(self, turns: list[Turn], session: Session, state: dict[str, Any], guarded: _Guarded) -> None:
        self.turns = turns
        self.session = session
        self.state = state
        self.g = guarded
        self.by_id = {t.id: t for t in turns}
        self.mentee: list[_MenteeTurn] = []
        for pos, t in enumerate(turns):
            if t.role != "mentee" or not t.text.strip():
                continue
            a = _analysis(t) or Analysis(text=t.text)
            self.mentee.append(_MenteeTurn(t, a, pos, _sentence_spans(t.text)))
        self.mentee_by_id = {mt.turn.id: mt for mt in self.mentee}
        # what each turn stated plainly, read from its sentence's shape (stated.py)
        self.stated: dict[int, list[Stated]] = {
            mt.turn.id: stated(mt.turn.text, mt.spans, mt.analysis, prev=self.mentee[i - 1].turn.text if i else "")
            for i, mt in enumerate(self.mentee) if mt.turn.id is not None}
        self._ready_np: dict[tuple[int | None, int], str] = {}  # a stated goal's phrase, already in the second person
        self._weighed: set[tuple[int | None, int]] = set()  # goals said with "maybe": a direction weighed
        self.items: list[SummaryItem] = []
        self._goal_quotes: dict[int, list[Evidence]] = {}  # goal index -> later quotes of the same goal
        self._goal_evidence: list[Evidence] = []

    # -- helpers ----------------------------------------------------------------------------------

    def _add(self, kind: str, options: list[str], quotes: list[Evidence], motivation: str | None = None) -> SummaryItem | None:
        quotes = _dedupe_quotes([q for q in quotes if _valid(q, self.by_id)])[:MAX_QUOTES_PER_ITEM]
        if not quotes:
            return None  # no item without the mentee's words behind it
        if kind == "bedrock" and len(quotes) == 1:
            quotes, options = self._pointed(quotes, options)
        elif kind == "motivation" and all(_points(q.text) for q in quotes):
            return None  # "In your words: that part more actually": a pointer names no motivation
        mentee_text = " ".join(self.by_id[q.turn_id].text for q in quotes if q.turn_id in self.by_id)
        text = self.g.first(options, mentee_text)
        if text is None:
            return None
        item = SummaryItem(
            session_id=self.session.id,
            kind=kind,
            text=text,
            quotes=quotes,
            motivation=motivation,
            share=self.session.share,
            original_text=text,
        )
        self.items.append(item)
        return item

    def _said(self, mt: _MenteeTurn) -> Said:
        return Said(mt.turn.text, mt.spans, mt.turn.id)

    def _pointed(self, quotes: list[Evidence], options: list[str]) -> tuple[list[Evidence], list[str]]:
        """A quote that only points ("thats always been it") takes what it points at (pointers.py); the item's
        words name that, not the pointer."""
        mt = self.mentee_by_id.get(quotes[0].turn_id) if quotes[0].turn_id is not None else None
        if mt is None:
            return quotes, options
        prev = self._prev_mentee(mt.pos)
        found = pointed(quotes[0], self._said(mt), self._said(prev) if prev is not None else None)
        if found is None:
            return quotes, options
        new, naming = found
        old = f"“{_short(quotes[0].text, 120)}”"
        return new, [o.replace(old, f"“{_short(naming.strip(), 120)}”") for o in options]

    def _resolved(self, ev: Evidence) -> tuple[list[Evidence], str] | None:
        """A pointer quote's backing quotes and the words it points at (pointers.py), or None."""
        mt = self.mentee_by_id.get(ev.turn_id) if ev.turn_id is not None else None
        if mt is None:
            return None
        prev = self._prev_mentee(mt.pos)
        return pointed(ev, self._said(mt), self._said(prev) if prev is not None else None)

    def _next_mentee(self, pos: int) -> _MenteeTurn | None:
        for mt in self.mentee:
            if mt.pos > pos:
                return mt
        return None

    def _prev_mentee(self, pos: int) -> _MenteeTurn | None:
        prev = None
        for mt in self.mentee:
            if mt.pos >= pos:
                break
            prev = mt
        return prev

    # -- the sections -----------------------------------------------------------------------------

    def build(self) -> list[SummaryItem]:
        goals = self._goals()
        motivations = self._motivations()
        self._influence_authority(motivations)
        self._bedrock()
        if not any(i.kind == "bedrock" for i in self.items):
            self._deepest_value()
        self._goal_open_questions(goals, motivations)
        self._passions()
        self._experiments()
        # a value held up as bedrock is not listed again in the mentee's own words
        # (nor one inside a bedrock quote that took what its pointer points at: "thats it. being the one who reads
        # between the lines" covers "being the one who reads between the lines")
        bedrock_quotes = [q for i in self.items if i.kind == "bedrock" for q in i.quotes]
        self.items = [i for i in self.items if not (i.kind == "motivation" and i.motivation is None and all(
            any(b.turn_id == q.turn_id and min(b.end, q.end) - max(b.start, q.start) >= 0.6 * (q.end - q.start) for b in bedrock_quotes)
            for q in i.quotes))]  # ("nobody dies cos of a wagon Ive signed off. that's the job." is mostly the bedrock's quote)
        order = {k: i for i, k in enumerate(KINDS)}
        self.items.sort(key=lambda i: order[i.kind])  # stable: keeps conversation order within a kind
        return self.items

    def _goals(self) -> list[tuple[str, _MenteeTurn, Evidence]]:
        from coach.spelling import tidy

        found: list[tuple[str, _MenteeTurn, Evidence]] = []
        for mt in self.mentee:
            a = mt.analysis
            if not a.goal:
                considered = _CONSIDERING.search(mt.turn.text)
                if considered:  # "I'm thinking about nursing school": a goal in the making, in their words
                    a = Analysis(text=a.text, kinds=a.kinds + [Kind.GOAL], goal=considered.group("x"), hearing=a.hearing)
            if not (a.goal or a.has(Kind.GOAL)) or _is_question(mt.turn.text) and not a.goal:
                continue
            if a.hearing.act in (Act.INJECTION, Act.REQUEST_ADVICE, Act.REQUEST_STEPS, Act.REQUEST_OPINION) or a.hearing.long:
                continue
            if a.hearing.act in _NOT_THEIRS:
                continue  # "Let me guess, you're going to ask me where I see myself in five years": a jab, not a goal
            if a.goal and _SHOWING.match(a.goal):
                continue  # "I want make dem see say…": what they want others to see, listed in their words
            if a.goal and _goal_disowned(mt.turn.text, a):
                continue  # "whether I want to stay…", "my wife wants me to…", "if I won the lottery I'd…"
            if a.goal and not concrete_goal(a.goal) and not a.roles:
                continue  # "I want to make sure quiet people get heard" says what matters: a motivation, not a goal
            if a.goal and _is_reason(mt.turn.text, a.goal):
                continue  # "because I want to have a say …" gives a reason for a goal, not a new goal
            ev = _phrase_evidence(mt, a.goal) if a.goal else None
            if ev is None and a.goal:  # heard through the spelling ("i wnat to b a prodcut manger"): their sentence
                from coach.spelling import tidy

                ev = next((Evidence(text=mt.turn.text[s:e], start=s, end=e, turn_id=mt.turn.id) for s, e in mt.spans
                           if a.goal.lower() in tidy(mt.turn.text[s:e]).lower()), None)
            if ev is None and a.has(Kind.GOAL):
                wish = re.compile(r"\b(want|wanna|hope|plan|aim|goal|see myself|dream)\b", re.I)
                ev = _sentence_evidence(mt, wish) if wish.search(mt.turn.text) else None  # no sentence says a goal
            if ev is None or claimed_otherwise(ev.text, mt.analysis) or any(is_aside(x) for x in _sentence_texts(ev.text)) \
                    or UNSURE_WANT.search(ev.text):
                continue  # "Not that I want to be rich." names no goal; "I don't even know if I want to be a manager" neither
            phrase = a.goal if a.goal and (_locate(mt.turn.text, a.goal) or a.goal.lower() in tidy(ev.text).lower()) else ev.text
            merged = False
            for i, (g, _gmt, _gev) in enumerate(found):
                if similar(g, phrase):
                    merged = True  # the same goal said again: one item, both quotes
                    self._goal_quotes.setdefault(i, []).append(ev)
                    break
            if not merged:
                found.append((phrase, mt, ev))
        # a goal stated plainly that the analyzer did not read as one: "i want my mates ticket", "I want to stay
        # until they carry me out", "am I too old at 52 to retrain as a paramedic?"
        # Said plainly first, then the goals inside a question or a request ("what I need to do to make lead?"),
        # which join a goal already said plainly rather than lead it.
        stated_goals = [(mt, st) for mt in self.mentee for st in self.stated.get(mt.turn.id, []) if st.kind == "goal"]
        stated_goals.sort(key=lambda x: _is_question(x[0].turn.text[x[1].start:x[1].end]) or x[0].analysis.hearing.act in _ASKING)
        for mt, st in stated_goals:
            ev = Evidence(text=mt.turn.text[st.start:st.end], start=st.start, end=st.end, turn_id=mt.turn.id)
            hit = next((i for i, (g, _gmt, gev) in enumerate(found)
                        if similar(g, st.phrase) or _same_role(g, st.phrase)
                        or gev.turn_id == ev.turn_id and gev.start < ev.end and ev.start < gev.end), None)
            if hit is not None:
                if found[hit][2].turn_id != ev.turn_id:
                    self._goal_quotes.setdefault(hit, []).append(ev)
                continue
            self._ready_np[(ev.turn_id, ev.start)] = _drop_time(st.phrase)
            if st.tentative:
                self._weighed.add((ev.turn_id, ev.start))
            found.append((st.phrase, mt, ev))
        # (kept with their index: the later quotes of a goal are filed under it)
        kept = [(i, f) for i, f in enumerate(found) if f[0] == f[2].text or readable_phrase(f[0])]
        for i, (phrase, _mt, ev) in kept:
            # A noun phrase ("being a tech lead"): a bare verb phrase ("be a tech lead") reads as an order.
            np = self._goal_phrase(phrase, ev)
            asked = _is_question(ev.text) or _mt.analysis.hearing.act in _ASKING
            self._add(
                "goal",
                # a question quoted back as "a goal you named" reads as the question, not the goal
                [(f"A direction you're weighing: {np}" if (ev.turn_id, ev.start) in self._weighed else f"Goal: {np}") if np else "",
                 "" if asked else f"A goal you named: “{_short(ev.text)}”"],
                [ev, *self._goal_quotes.get(i, [])],
            )
        self._goal_evidence = [ev for _, (_p, _m, ev) in kept]
        return [f for _, f in kept]

    def _in_goal(self, ev: Evidence) -> bool:
        return any(g.turn_id == ev.turn_id and g.start < ev.end and ev.start < g.end for g in self._goal_evidence)

    def _goal_phrase(self, phrase: str, ev: Evidence) -> str:
        ready = self._ready_np.get((ev.turn_id, ev.start))
        if ready is not None:
            return ready
        return _goal_np(_drop_time(phrase)) if phrase != ev.text else ""

    def _motivations(self) -> dict[str, list[tuple[float, Evidence, _MenteeTurn]]]:
        """What sits underneath, from what the mentee said matters to them (coach/mentor/values.py): named
        with one of the seed's motivations only when their sentence names it in words, otherwise in their
        own words. Someone else's view, a denial, the losing side, a hypothetical, a request or a misread
        the mentee corrected never becomes an item."""
        from coach.mentor.values import values
        from coach.spelling import tidy

        # what the mentee corrected ("that's not what I meant") leaves the summary: the motivation the coach
        # read into that turn is not credited from it
        retracted = {(r.get("turn_id"), r.get("motivation")) for r in self.state.get("retracted", []) or [] if isinstance(r, dict)}
        named: dict[str, list[tuple[float, Evidence, _MenteeTurn, str]]] = {}
        own: list[tuple[Evidence, str]] = []
        tag: dict[tuple[int | None, int], Motivation] = {}  # a plain statement's quote -> the motivation it names in words
        plain_spans: list[Evidence] = []
        for mt in self.mentee:
            if (mt.analysis.has(Kind.CLOSING) or mt.analysis.has(Kind.GOODBYE)) and len(mt.turn.text.split()) <= 14:
                continue  # "ok. I need to go pick up my kid": leaving, never "what seems to sit underneath"
            prev = next((t for t in reversed(self.turns[: mt.pos]) if t.role == "coach"), None)
            asked = prev is not None and prev.text.rstrip().endswith("?")
            found = values(mt.turn.text, mt.spans, mt.analysis, after_question=asked)
            plain = [st for st in self.stated.get(mt.turn.id, []) if st.kind == "value"]
            for st in plain:
                ev = self._widened(mt, Evidence(text=mt.turn.text[st.start:st.end], start=st.start, end=st.end, turn_id=mt.turn.id))
                phrase = st.phrase
                if ev.end > st.end:  # "being up there" says little alone: what the next sentence pictures goes with it
                    phrase = f"{phrase} — {_you(mt.turn.text[st.end:ev.end].strip())}"
                if not _QUOTED_OTHER.search(ev.text) and not self._in_goal(ev):
                    own.append((ev, phrase))
                    plain_spans.append(ev)
            for v in found:
                if v.motivation is not None and not _UNWANTED.search(mt.turn.text[v.start:v.end]):
                    for st in plain:  # "What I'll miss is being useful": their words for the item, the motivation as its tag
                        if st.start < v.end and v.start < st.end:
                            tag.setdefault((mt.turn.id, st.start), v.motivation)
                if v.motivation is None and any(st.start < v.end and v.start < st.end for st in plain):
                    continue  # said plainly: named by its focus ("being needed"), not by the whole sentence
                if v.motivation is None and self._in_goal(Evidence(text="", start=v.start, end=v.end, turn_id=mt.turn.id)) \
                        and not re.search(r"\b(?:because|cos|cuz|so that)\b", mt.turn.text[v.start:v.end], re.I):
                    continue  # "i want my mates ticket" is listed as a goal
                ev = Evidence(text=mt.turn.text[v.start : v.end], start=v.start, end=v.end, turn_id=mt.turn.id)
                if v.motivation is not None and (mt.turn.id, v.motivation.value) in retracted:
                    continue
                if any(is_aside(x) for x in _sentence_texts(ev.text)) or _CONSEQUENCE.match(ev.text):
                    continue  # "I like being told what to do sometimes, ha": said in passing; "X means the wheel becomes a hobby"
                if _QUOTED_OTHER.search(ev.text):
                    continue  # a remark quoted, not what matters to them
                if (mt.analysis.has(Kind.CLOSING) or mt.analysis.has(Kind.GOODBYE)) and any(sign_off(x) for x in _sentence_texts(ev.text)):
                    continue  # "…everyone else has. peace ✌️": how they leave
                if v.motivation is not None and _said_in_words(v.motivation, ev.text) and _conceded(v.motivation, ev.text):
                    continue  # "dont get me wrong the money would be nice, … but honestly the days i like are…"
                if v.motivation is not None and _said_in_words(v.motivation, ev.text):  # ("can't afford for them not to work": not pay)
                    named.setdefault(v.motivation.value, []).append((VALUE_WEIGHT, ev, mt, v.phrase))
                elif _FIRST_PERSON.search(ev.text) or _gerund_answer(ev.text) or _TO_ANSWER.match(ev.text) or _BEST_PART.match(ev.text) \
                        or only_points(_sentence_texts(ev.text)[0]) and len(_sentence_texts(ev.text)) > 1 \
                        or not has_finite_verb(ev.text) and not re.search(r"\b\d+\s*(?:years?|yrs?|months?)\b", ev.text, re.I):
                    # ("Community midwife 22 years.": a fact of the job, not what matters)
                    own.append((ev, v.phrase))  # (not "Accounting just counts the damage": a description, no one's want)
            # an answer that names a motivation in words without "I want" ("They decide the tools everyone
            # has to live with"): the analyzer's hit, kept only where its own sentence says it in words
            for h in mt.analysis.motivations:
                ev = _phrase_evidence(mt, h.evidence.text, h.evidence.start) if h.evidence.text else None
                if ev is None or h.confidence < STRONG_MOTIVATION_CONFIDENCE or any(v.start <= ev.start < v.end for v in found) \
                        or any(p.start <= ev.start < p.end for p in plain_spans if p.turn_id == mt.turn.id):
                    continue
                if not _said_in_words(h.motivation, ev.text) or not _answerable(mt, ev) or turned_down_reading(mt.turn.text, ev.start):
                    continue  # (nor the reason others give that the mentee turns down: "everyone says… nah. thats not it")
                if not (_FIRST_PERSON.search(ev.text) or _gerund_answer(ev.text) or _TO_ANSWER.match(ev.text)) or _CONSEQUENCE.match(ev.text) or _OFFERED.search(ev.text) or is_aside(ev.text) \
                        or re.match(r"^\W*(?:that|this)(?:'s|\s+is|\s+was)\b", ev.text, re.I):
                    continue  # "Salary, pension, the lot.", "They've offered me early retirement": on offer, not a drive ("That's how…": a pointer)
                if (mt.turn.id, h.motivation.value) in retracted or (mt.analysis.has(Kind.CLOSING) or mt.analysis.has(Kind.GOODBYE)) and sign_off(ev.text):
                    continue
                if h.motivation == Motivation.COMPENSATION and _BURDEN.search(ev.text) and not _WANTS_PAY.search(ev.text):
                    continue  # "At 52 with a mortgage, I don't know.": a weight they carry, not what drives them
                if _CONCESSION.match(ev.text) or _QUOTED_OTHER.search(ev.text) or _UNWANTED.search(ev.text) or _conceded(h.motivation, ev.text):
                    # ("Which is weird because I'd hate teaching": teaching named, and not wanted)
                    continue  # "More pay but I'd be in meetings": the pay is what the move offers, not what they want
                named.setdefault(h.motivation.value, []).append((h.confidence, ev, mt, _named_clause(h.motivation, ev.text)))
        # money the mentee put below something else anywhere in the session ("more than the money I want…", "it's
        # not the money") is not credited as what drives them, whichever turn mentioned a pay cut or a bonus
        if any(_MONEY_RANKED_DOWN.search(mt.turn.text) for mt in self.mentee):
            named.pop("compensation", None)
        named = {m: [h for h in hs if readable_phrase(h[3])] for m, hs in named.items()}
        named = {m: hs for m, hs in named.items() if hs}
        # ("it not going backwards": a fear of losing ground, not something they want)
        # (a value said of a pointer, "i live for that", is read for what it points at, below)
        own = [(ev, phrase) for ev, phrase in own if _points(ev.text) or readable_phrase(phrase) and not re.match(r"^\W*(?:it|that|this|things)\s+(?:not|never)\b", phrase, re.I)]
        # a value said plainly is listed once, in the mentee's words (below); the named list keeps it for the
        # influence/authority reading and the open questions
        shown = {m: [h for h in hs if not any(p.turn_id == h[1].turn_id and p.start < h[1].end and h[1].start < p.end for p in plain_spans)]
                 for m, hs in named.items()}
        for m in sorted((k for k in shown if shown[k]), key=lambda k: (-len(shown[k]), shown[k][0][2].pos)):
            hs = shown[m]
            label = MOTIVATION_LABELS.get(m, m.replace("_", " ").capitalize())
            phrase = _short(tidy(hs[0][3]), 90)
            self._add("motivation", [f"{label}: {phrase}", label], [ev for _, ev, _, _ in hs], motivation=m)
        seen: list[str] = []
        for ev, phrase in own[:MAX_OWN_WORDS]:
            quotes = [ev]
            if _points(ev.text):
                # "i live for that", "this moment i like very much": what they value is the moment told before it
                resolved = self._resolved(ev)
                if resolved is None:
                    continue
                quotes, naming = resolved
                naming = re.sub(r"^\W*(?:like|so|and|yeah|ok|okay)\b[,\s]*", "", naming.strip(), flags=re.I)  # "like a woman comes in…"
                phrase = _you(ev.text.strip(_QUOTE_MARKS)) + " — " + _you(naming)
            # "it when a thing is correct" -> "when a thing is correct"; "the bit you miss is when…" -> "when…"
            phrase = re.sub(r"^(?:it|that)\s+(?=when\b)|^(?:the\s+)?(?:only\s+|best\s+|one\s+)?(?:bit|part|thing)\s+(?:that\s+)?you\s+"
                            r"(?:\w+\s+)?(?:miss|love|like|enjoy)(?:\s+most)?\s+(?:is|was)\s+", "", phrase, flags=re.I)
            # (a moment told in full is not the same item as a one-word one inside it: "brows")
            if any(similar(phrase, x) for x in seen if quotes[0] is ev or len(x.split()) > 2):
                continue
            seen.append(phrase)
            said = " ".join(q.text for q in quotes)
            if not content_words(said) or not set(content_words(phrase)) & set(content_words(said)) and not _spelled_alike(phrase, said):
                continue  # a quote that says nothing alone, or a phrase its quote does not carry
            m_tag = tag.get((ev.turn_id, ev.start))
            if m_tag is not None and (m_tag.value not in named or not _said_in_words(m_tag, said)):
                m_tag = None  # (compensation ranked below something else, or retracted: not credited)
            self._add("motivation", [f"In your words: {_short(tidy(phrase), 110 if len(quotes) > 1 or ev.text != quotes[0].text else 90)}"],
                      quotes, motivation=m_tag)
        return {m: [(c, ev, mt) for c, ev, mt, _ in hs] for m, hs in named.items()}

    def _goal_open_questions(self, goals: list[tuple[str, _MenteeTurn, Evidence]], motivations: dict[str, list]) -> None:
        """A goal with no motivation found from its turn up to the next goal is still unexplored."""
        goal_positions = sorted(mt.pos for _, mt, _ in goals)
        for phrase, mt, ev in goals:
            later = [p for p in goal_positions if p > mt.pos]
            end = later[0] if later else len(self.turns)
            # "Tech lead because it's the next step" restates the goal; only other motivations, or
            # next_rung said later, count as having explored what sits under it.
            under = any(
                mt.pos <= hmt.pos < end and not (m == Motivation.NEXT_RUNG and hmt.pos == mt.pos)
                for m, hs in motivations.items()
                for _, _, hmt in hs
            ) or any(  # or said in their own words, or as what runs deep ("Being pharmacist is who I am")
                mt.pos <= self.mentee_by_id[q.turn_id].pos < end
                for i in self.items if i.kind == "bedrock" or i.kind == "motivation" and i.motivation is None
                for q in i.quotes if q.turn_id in self.mentee_by_id
            )
            if under:
                continue
            np = self._goal_phrase(phrase, ev) or "this goal"
            options = [f"Still open: what draws you to {np}?", "Still open: what draws you to this goal?"]
            if not _spelled_alike(np, ev.text):  # ("a product manager" from "b a prodcut manger"): ask it in their words
                options.insert(0, f"Still open: what draws you to what you named here, “{_short(ev.text, 60)}”?")
            self._add("open_question", options, [ev])

    def _influence_authority(self, motivations: dict[str, list[tuple[float, Evidence, _MenteeTurn]]]) -> None:
        inf = motivations.get(Motivation.INFLUENCE, [])
        auth = motivations.get(Motivation.AUTHORITY, [])
        if not inf and not auth:
            return
        wi, wa = sum(c for c, _, _ in inf), sum(c for c, _, _ in auth)
        qi = max(inf, key=lambda x: x[0])[1] if inf else None
        qa = max(auth, key=lambda x: x[0])[1] if auth else None
        if qi and (not qa or wi >= 1.5 * wa):
            lead = "Mostly about influence" if not qa else "More about influence than authority"
            text = f"{lead}: having a say in direction (“{_short(qi.text)}”)"
            self._add("influence_authority", [text, f"{lead}: having a say in direction"], [qi] + ([qa] if qa else []))
        elif qa and (not qi or wa >= 1.5 * wi):
            lead = "Mostly about authority" if not qi else "More about authority than influence"
            text = f"{lead}: being the one who makes the call (“{_short(qa.text)}”)"
            self._add("influence_authority", [text, f"{lead}: being the one who makes the call"], [qa] + ([qi] if qi else []))
        else:
            assert qi and qa
            text = f"Both came up: influence (“{_short(qi.text, 60)}”) and authority (“{_short(qa.text, 60)}”)"
            self._add("influence_authority", [text, "Both influence and authority came up"], [qi, qa])
            self._add(
                "open_question",
                [
                    "Still open: how do shaping the direction and having the final say fit together for you?",
                    "Still open: how do influence and authority fit together for you?",
                ],
                [qi, qa],
            )

    def _bedrock(self) -> None:
        confirmed: dict[int, str] = {}  # turn id -> the confirmed statement's text, when known
        denied: list[tuple[_MenteeTurn, _MenteeTurn]] = []  # (candidate turn, the "no" turn)
        for entry in self.state.get("bedrock_confirmed", []) or []:
            if isinstance(entry, dict) and entry.get("turn_id") in self.mentee_by_id:
                confirmed[entry["turn_id"]] = str(entry.get("text", ""))
            elif isinstance(entry, str):
                for mt in self.mentee:  # a bare string: find the turn that said it
                    if _locate(mt.turn.text, entry):
                        confirmed.setdefault(mt.turn.id, entry)
                        break
        # The conversation itself: a confirm_bedrock move, then the mentee's yes or no.
        for pos, t in enumerate(self.turns):
            if t.role != "coach" or t.move != "confirm_bedrock":
                continue
            cand = self._prev_mentee(pos)
            answer = self._next_mentee(pos)
            if cand is None or answer is None:
                continue
            if answer.analysis.has(Kind.AFFIRM) and not answer.analysis.has(Kind.DENY):
                confirmed.setdefault(cand.turn.id, "")
            elif answer.analysis.has(Kind.DENY):
                denied.append((cand, answer))

        seen: list[str] = []
        for tid, stmt in confirmed.items():
            mt = self.mentee_by_id[tid]
            ev = _phrase_evidence(mt, stmt) if stmt else None
            if ev is None or len(_sentence_spans(ev.text)) > 1:
                ev = self._bedrock_sentence(mt)  # the policy keeps the whole message; quote its core
            if any(similar(ev.text, s, 0.9) for s in seen):
                continue
            seen.append(ev.text)
            self._add(
                "bedrock",
                [f"{CONFIRMED_PREFIX}: “{_short(ev.text, 120)}”", f"{CONFIRMED_PREFIX} (in your words below)"],
                [ev],
                motivation=_tag(mt.analysis.top_motivation, ev.text),
            )
        cands = [
            mt
            for mt in self.mentee
            if mt.turn.id not in confirmed
            and (mt.analysis.bedrock_score >= MIN_BEDROCK_SCORE or mt.analysis.has(Kind.BEDROCK) or self._explicit(mt) is not None)
            and not any(mt is c for c, _ in denied)
            and not _is_question(mt.turn.text)
            and not mt.analysis.has(Kind.EXPERIMENT)  # "I could try X" is a plan, not a core need
        ]
        cands.sort(key=lambda m: (self._explicit(m) is None, -m.analysis.bedrock_score))  # said outright first
        # what the coach held up for confirmation (an explicit "X has mattered to me my whole life") and no
        # answer has come to yet: possible bedrock, in the words the mentee said it
        for entry in self.state.get("bedrock_candidates", []) or []:
            if not isinstance(entry, dict) or entry.get("turn_id") not in self.mentee_by_id or entry.get("turn_id") in confirmed:
                continue
            held_up = isinstance(self.state.get("candidate"), dict) and self.state["candidate"].get("turn_id") == entry.get("turn_id")
            if not (entry.get("explicit") or held_up) or any(mt is c for c, _ in denied for mt in [self.mentee_by_id[entry["turn_id"]]]):
                continue  # (what the coach is holding up right now is listed, so the mentee can confirm it in one click)
            mt = self.mentee_by_id[entry["turn_id"]]
            said = str(entry.get("text", ""))
            k = self.mentee.index(mt)
            ev = self._explicit(mt) or _phrase_evidence(mt, said) or (
                _phrase_evidence(self.mentee[k - 1], said) if k > 0 else None)  # "That's it." points at the turn before
            if ev is None:
                ev = self._bedrock_sentence(mt)
                if len(re.findall(r"[a-z]{4,}", ev.text.lower())) <= 2:
                    continue  # "yeah thats it" alone backs nothing
            if any(similar(ev.text, x) for x in seen):
                continue
            seen.append(ev.text)
            self._add("bedrock", [f"Possible bedrock, not yet confirmed: “{_short(ev.text, 120)}”",
                                  "Possible bedrock, not yet confirmed"], [ev], motivation=_tag(mt.analysis.top_motivation, ev.text))
        # what the mentee said plainly is bedrock ("the faces. that's what it is", "Being pharmacist is who I am"):
        # named in their words, ahead of anything only the scores suggest
        plain = 0
        for mt in self.mentee:
            if mt.turn.id in confirmed or any(mt is c for c, _ in denied):
                continue
            for st in self.stated.get(mt.turn.id, []):
                if st.kind != "bedrock":
                    continue
                ev = Evidence(text=mt.turn.text[st.start:st.end], start=st.start, end=st.end, turn_id=mt.turn.id)
                if any(similar(ev.text, x) or similar(st.phrase, x) for x in seen):
                    continue
                seen.append(ev.text)
                plain += 1
                # (no motivation tag: the analyzer's best guess is a category pasted over their words); a phrase that
                # does not read as English ("unka ustad hona") is named by their quote alone
                named = [f"Possible bedrock, not yet confirmed: {_short(st.phrase, 120)}"] if readable_phrase(st.phrase) else []
                self._add("bedrock", [*named, f"Possible bedrock, not yet confirmed: “{_short(ev.text, 120)}”",
                                      "Possible bedrock, not yet confirmed"], [ev])
        for mt in cands[:MAX_BEDROCK_CANDIDATES]:
            if plain and self._explicit(mt) is None and not mt.analysis.has(Kind.BEDROCK):
                continue  # only a score behind it, and the mentee said plainly what runs deep: theirs is enough
            if any(st.kind == "bedrock" for st in self.stated.get(mt.turn.id, [])):
                continue  # this turn's plain statement is listed above
            ev = self._bedrock_sentence(mt)
            if any(similar(ev.text, s) for s in seen) or claimed_otherwise(ev.text, mt.analysis) and not (
                    self._explicit(mt) is not None and _REFUSAL.search(ev.text)):
                continue  # a denial ("Not that I want to be rich") is no candidate for what runs deepest; a refusal they
                # hold up as the whole of it is ("i dont want to be the bloke in the photo on the wall while im still
                # alive. thats all it is.")
            if _UNWANTED.search(ev.text) or re.search(r"\bfail\w*\b", ev.text, re.I):
                continue  # "failing would be going back to 45 mins a dog": a fear, not what runs deepest
            if self._explicit(mt) is None and re.search(r"\b(?:not|never|no)\b|n'?t\b", ev.text, re.I):
                continue  # "I just need it to not go backwards": a score read it as deep; what it says is a fear
            if not _runs_deep(mt.turn.text[ev.start:], self._sentence_before(mt, ev)) or any(is_aside(x) for x in _sentence_texts(ev.text)):
                continue  # "what i actually like is editing", "the wheel becomes a hobby": an interest or a fear, not bedrock
            seen.append(ev.text)
            self._add(
                "bedrock",
                [f"Possible bedrock, not yet confirmed: “{_short(ev.text, 120)}”", "Possible bedrock, not yet confirmed"],
                [ev],
                motivation=_tag(mt.analysis.top_motivation, ev.text),
            )
        for cand, answer in denied:
            ev = self._bedrock_sentence(cand)
            no = _sentence_evidence(answer)
            self._add(
                "open_question",
                [
                    f"Still open: if “{_short(ev.text, 60)}” wasn't quite it, what lies underneath it for you?",
                    "Still open: what lies underneath that for you, if not what I played back?",
                ],
                [ev, no],
            )

    def _deepest_value(self) -> None:
        """No bedrock confirmed or held up: the last thing the mentee said matters to them, after some
        laddering, is offered as possible bedrock (to confirm or reject in review), never as confirmed."""
        from coach.mentor.values import values

        if len(self.mentee) < 3:
            return
        for mt in reversed(self.mentee[len(self.mentee) // 2:]):
            prev = next((t for t in reversed(self.turns[: mt.pos]) if t.role == "coach"), None)
            found = values(mt.turn.text, mt.spans, mt.analysis, after_question=prev is not None and prev.text.rstrip().endswith("?"))
            if not found:
                continue
            v = found[-1]
            ev = self._widened(mt, Evidence(text=mt.turn.text[v.start : v.end], start=v.start, end=v.end, turn_id=mt.turn.id))
            if not _runs_deep(mt.turn.text[ev.start:], self._sentence_before(mt, ev)) or any(is_aside(x) for x in _sentence_texts(ev.text)):
                continue  # a liking said once is listed in their words, not offered as what runs deepest
            self._add("bedrock", [f"Possible bedrock, not yet confirmed: “{_short(ev.text, 120)}”",
                                  "Possible bedrock, not yet confirmed"], [ev], motivation=_tag(v.motivation, ev.text))
            return

    def _explicit(self, mt: _MenteeTurn) -> Evidence | None:
        """ "Ideas winning on their merits. That's the thing.": an explicit bedrock statement, quoted with what
        its pointer points at (the sentences before it in the same message); None when the message has none."""
        from coach import lexicon
        from coach.analyze.hearing import points_back

        text = mt.turn.text
        for i, (s, e) in enumerate(mt.spans):
            sent = text[s:e]
            if not lexicon.any_match(lexicon.cues("bedrock", "explicit"), sent) or claimed_otherwise(sent, mt.analysis):
                continue
            if points_back(sent) or is_stable_pointer(sent):  # "I've wanted that everywhere I've worked": what "that" is
                if i == 0:
                    asked = mt.pos > 0 and self.turns[mt.pos - 1].move == "confirm_bedrock"
                    prev = self._prev_mentee(mt.pos)
                    ev = Evidence(text=sent, start=s, end=e, turn_id=mt.turn.id)
                    if not asked and prev is not None and pointed(ev, self._said(mt), self._said(prev)) is not None and not any(
                            lexicon.any_match(lexicon.cues("bedrock", "explicit"), text[s2:e2]) for s2, e2 in mt.spans[1:]):
                        # "Thats what has always mattered to me I think." after "That it gets made properly…": unasked,
                        # it points at the message before, which _add quotes with it (pointers.py)
                        return ev
                    continue  # points at an earlier message (the confirmation covers it); a later one here may say more
                    # ("thats it. nobody dies cos of a wagon Ive signed off. that's the job.")
                first = next((k for k in range(max(0, i - 2), i) if not re.fullmatch(r"\W*(?:yes|yeah|yep|ya|haan|sí|si|genau|exactly|right|look|listen|well|ok|okay|so|honestly)\W*", text[mt.spans[k][0]:mt.spans[k][1]], re.I)), i)
                if first == i:
                    return None  # "yes!! that's it.": a yes to what was said before, which the confirmation covers
                return Evidence(text=text[mt.spans[first][0]:e], start=mt.spans[first][0], end=e, turn_id=mt.turn.id)
            return Evidence(text=sent, start=s, end=e, turn_id=mt.turn.id)
        return None

    def _bedrock_sentence(self, mt: _MenteeTurn) -> Evidence:
        from coach import lexicon

        explicit = self._explicit(mt)
        if explicit is not None:
            return explicit

        frames = lexicon.group("text", "bedrock_frames") if _has_group("text", "bedrock_frames") else []
        text = mt.turn.text
        for s, e in mt.spans:
            if any(p.search(text[s:e]) for p in frames):
                return Evidence(text=text[s:e], start=s, end=e, turn_id=mt.turn.id)
        return self._widened(mt, _sentence_evidence(mt))

    def _sentence_before(self, mt: _MenteeTurn, ev: Evidence) -> str:
        """The sentence before a quote in its turn ("i was 9 and i saw a turtle…" before "i want to protect stuff like that")."""
        prev = [(s, e) for s, e in mt.spans if e <= ev.start]
        return mt.turn.text[prev[-1][0]:prev[-1][1]] if prev else ""

    def _widened(self, mt: _MenteeTurn, ev: Evidence) -> Evidence:
        """ "being with them.": a quote that says nothing on its own takes the sentence after it ("on the worst day
        and the best day"), so a reader sees what it is about."""
        if len([w for w in content_words(ev.text) if w not in ("being", "having", "doing")]) >= 1:
            return ev
        nxt = next(((s, e) for s, e in mt.spans if s >= ev.end), None)
        if nxt is None:
            return ev
        return Evidence(text=mt.turn.text[ev.start:nxt[1]], start=ev.start, end=nxt[1], turn_id=mt.turn.id)

    def _passions(self) -> None:
        found: list[tuple[float, _MenteeTurn]] = []
        for mt in self.mentee:
            a = mt.analysis
            if a.has(Kind.CRISIS) or a.has(Kind.INJECTION):
                continue
            if not (a.energy >= MIN_ENERGY or a.energy_cues):
                continue
            if a.sentiment < 0.2 or any(f.valence < 0 for f in a.hearing.feelings):
                continue  # loud but unhappy is frustration, not passion; CAPS in anger is not energy for the work
            if a.hearing.long or a.hearing.code or a.hearing.act is not Act.STATEMENT and a.hearing.act is not Act.DISCLOSURE:
                continue  # a pasted ad, code, "yes!!", a request: nothing of theirs lit up
            if not (_INTENSIFIER.search(mt.turn.text) or any(f.valence > 0 for f in a.hearing.feelings)):
                continue  # exclamation marks alone say how it was typed, not what lights them up
            if re.search(r"\bused to\b|\bnot any ?more\b|\banymore\b", mt.turn.text, re.I):
                continue  # "I used to love this job" is what was, not where the energy is
            found.append((a.energy, mt))
        found.sort(key=lambda x: -x[0])
        topics: list[str] = []
        kept = self._peaks(topics)
        for _energy, mt in found:
            topic = mt.analysis.topic.strip()
            if len(topic.split()) > 6 or re.match(r"^\W*(?:sorry|hi|hey|hello|ok(?:ay)?|so|well|yeah|yes)\b", topic, re.I):
                topic = ""  # "Sorry, back from teaching, bit sweaty…" is a sentence, not what lit them up
            loc = _locate(mt.turn.text, topic) if topic else None
            if loc:
                ev = _evidence(mt, *loc)
            if not loc or not _energetic(ev.text):  # the topic's sentence is not where the energy was: quote the one that was
                ev = self._energy_sentence(mt)
                topic = _topic_from(ev.text)
            from coach.analyze.irony import ironic

            if not re.search(r"\b(?:i|i'?m|im|i'?ve|ive|i'?d|me|my|mine|we|our|us)\b", ev.text, re.I) \
                    and re.search(r"\b(?:he|him|his|hes|she|her|hers|shes|they|them|their)\b", ev.text, re.I):
                continue  # "30 yrs fixing cats… everybody calls him the best mechanic": her dad's story, not her energy
            if claimed_otherwise(ev.text, mt.analysis) or _QUOTED_OTHER.search(ev.text) or ironic(ev.text) or mt.analysis.hearing.ironic \
                    or turned_down_reading(mt.turn.text, ev.start):
                continue  # "my lead literally said in standup 'passion is what gets games shipped'": his words, not their energy
            if not content_words(ev.text) or not _energetic(ev.text) or any(is_aside(x) for x in _sentence_texts(ev.text)) \
                    or _GREETING.match(ev.text):  # "Hi!": a hello typed with energy, not what lit them up
                continue  # "I GOT IT!!!": the news, not what lit them up; a quote with no lift in it shows no energy
            key = topic or ev.text
            if any(similar(key, k) for k in topics):
                continue
            topics.append(key)
            kept.append((mt.pos, topic, ev))
            if len(kept) >= MAX_PASSIONS:
                break
        for _, topic, ev in sorted(kept, key=lambda x: x[0]):
            options = [f"You lit up talking about {_you(topic)}"] if topic else []
            options += [f"Your energy rose here: “{_short(ev.text)}”", "Your energy rose here"]
            self._add("passion", options, [ev])

    def _peaks(self, topics: list[str]) -> list[tuple[int, str, Evidence]]:
        """The peak of a story (peaks.py), quoted with what happened: a passion in their words."""
        from coach.mentor.summary.peaks import peak_spans

        kept: list[tuple[int, str, Evidence]] = []
        for mt in self.mentee:
            a = mt.analysis
            if a.has(Kind.CRISIS) or a.has(Kind.INJECTION) or a.hearing.pasted or a.hearing.code \
                    or a.hearing.act not in (Act.STATEMENT, Act.DISCLOSURE, Act.CORRECTION):  # (a long story is where hearts are)
                continue
            for s, e in peak_spans(mt.turn.text, mt.spans)[:1]:
                raw = mt.turn.text[s:e]
                s, e = s + len(raw) - len(raw.lstrip()), e - (len(raw) - len(raw.rstrip()))
                ev = Evidence(text=mt.turn.text[s:e], start=s, end=e, turn_id=mt.turn.id)
                if claimed_otherwise(ev.text, a) or any(similar(ev.text, k) for k in topics):
                    continue
                topics.append(ev.text)
                kept.append((mt.pos, "", ev))
        return kept[:MAX_PASSIONS]

    def _energy_sentence(self, mt: _MenteeTurn) -> Evidence:
        text = mt.turn.text
        # not an apology ("abeg no vex, my English dey scatter 😂"), a hello ("Hi!") or a bare pointer ("That's what I love.")
        spans = [se for se in mt.spans if not is_aside(text[se[0]:se[1]]) and not _GREETING.match(text[se[0]:se[1]])
                 and not (re.match(r"^\W*(?:that|this|it)(?:'s|s|\s+is|\s+was)\b", text[se[0]:se[1]], re.I)
                          and len(content_words(text[se[0]:se[1]])) <= 1)]
        best = max(spans, key=lambda se: text[se[0] : se[1]].count("!") * 2 + len(_INTENSIFIER.findall(text[se[0] : se[1]])), default=None)
        if best is None:
            return _sentence_evidence(mt)
        return Evidence(text=text[best[0] : best[1]], start=best[0], end=best[1], turn_id=mt.turn.id)

    def _experiments(self) -> None:
        from coach import lexicon

        pats = lexicon.group("kinds", "experiment") if _has_group("kinds", "experiment") else []
        seen: list[str] = []
        for mt in self.mentee:
            a = mt.analysis
            prev_coach = next((t for t in reversed(self.turns[: mt.pos]) if t.role == "coach"), None)
            after_ask = prev_coach is not None and prev_coach.move == "experiment"
            text = mt.turn.text
            if not (a.has(Kind.EXPERIMENT) or (after_ask and not a.has(Kind.LOW_EFFORT) and not a.has(Kind.DENY) and _FUTURE_ACTION.search(text))):
                continue
            ev = None
            for s, e in mt.spans:
                if any(p.search(text[s:e]) for p in pats):
                    ev = Evidence(text=text[s:e], start=s, end=e, turn_id=mt.turn.id)
                    break
            ev = ev or _sentence_evidence(mt, _FUTURE_ACTION)
            if any(similar(ev.text, s) for s in seen):
                continue
            seen.append(ev.text)
            action = action_phrase(ev.text)
            options = [f"Experiment you named: {action}"] if action else []
            options += [f"An experiment, in your words: “{_short(ev.text)}”", "An experiment you named (your words below)"]
            self._add("experiment", options, [ev])
