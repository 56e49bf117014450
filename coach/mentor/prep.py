"""The mentor's question plan for the next conversation, built only from what the mentee shared.

`build_prep(shared, notes)` takes a share document (the dict `coach export --for mentor` writes;
validated with `coach.store.share.validate_share`) and the mentor's own notes, and plans:

- **For your next conversation** (5 to 7 questions): trust first, then questions built on what was
  shared, each citing the mentee's own words: the decision in front of them (when they shared it),
  the bedrock they confirmed (and how it weighs in that decision), the goal they named, what sits
  underneath it, what lit them up, the experiment they named, what was left open. When little was
  shared, the plan is filled up to five with the seed's openers (the lottery question, a motivation
  not heard yet, a small experiment).
- **More questions, on request**: the rest, in the seed's order: trust and expectations, follow-ups
  on bedrock, passions and the sweet spot, what is still unexplored, the lottery question and
  "what would that job entail?", influence-vs-authority probes, experiments.
- **Your own questions**: the mentor's notes, each checked.

Every planned question passes the line checker (`coach.linecheck.check`: the guard, plus the small
words that load a question — "even", "really", "just"): open, one question, not leading, no advice.
A wording it refuses is replaced by the next option or left out. Lines in the notes that read as
advice, judgment or loaded questions are flagged with the reason, so the mentor sees it before the
conversation rather than in it. A reminder card of the seed's principles closes the plan.

`local_share(store)` builds the same document from the local store at the mentor share level, so a
mentor (or a mentee previewing) sees exactly what a mentor would.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from coach.mentor import bank
from coach.mentor.summary import MOTIVATION_LABELS, action_phrase, is_confirmed_bedrock
from coach.text.sanitize import md_inline
from coach.types import Motivation, ShareLevel

REMINDERS: tuple[str, ...] = (
    "Trust first: agree what stays between you and what may be shared, before anything else.",
    "Listen much more than you speak; leave silences alone.",
    "Play back what you heard in their words, then ask whether you got it right.",
    "Ask 'why' subtly, one open question at a time, until you reach bedrock.",
    "No advice, even when asked; say openly that you are holding back so they can find their own answer.",
    "No judgment of their goals: money, ambition and leaving are normal things to want.",
    "This is a theme over months, not one conversation: there is no need to finish today.",
)

_LEADERSHIP = re.compile(
    r"\b(lead|leader|leading|manag\w*|head of|director|vp|cto|ceo|chief|principal|staff|"
    r"run(ning)? (the|a|my own|your own)|in charge|boss|tech lead|team lead|architect)\b",
    re.IGNORECASE,
)
_PREFIX = re.compile(r"^(still open|experiment you named|goal|a goal you named)\s*:\s*", re.IGNORECASE)
# Motivations in the order a plan offers them when none of them has been heard yet: the ones that
# most often sit under a career goal first, the more sensitive ones later.
UNEXPLORED_ORDER: tuple[str, ...] = (
    Motivation.GROWTH,
    Motivation.MEANING,
    Motivation.AUTONOMY,
    Motivation.RECOGNITION,
    Motivation.INFLUENCE,
    Motivation.AUTHORITY,
    Motivation.COMPENSATION,
    Motivation.NEXT_RUNG,
)
# The question that opens each motivation without needing an earlier answer to refer to.
PREFERRED: dict[str, str] = {
    Motivation.GROWTH: "why-growth-better",
    Motivation.MEANING: "why-meaning-worth",
    Motivation.AUTONOMY: "why-autonomy-freedom",
    Motivation.RECOGNITION: "norm-recognition",
    Motivation.COMPENSATION: "norm-money",
    Motivation.NEXT_RUNG: "why-next-rung",
    Motivation.INFLUENCE: "ia-changed-course",
    Motivation.AUTHORITY: "ia-your-call",
}
MAX_UNEXPLORED = 3
MAX_BEDROCK_FOLLOWUPS = 3
MAX_EXPERIMENTS = 3
CORE_MIN, CORE_MAX = 5, 7  # a conversation has room for a handful of questions, not thirteen
CORE_TITLE = "For your next conversation"


@dataclass(slots=True)
class PlannedQuestion:
    text: str
    technique: str
    why: str = ""  # for the mentor: what this question is for
    quote: str = ""  # the mentee's words it follows up on, if any
    item_id: int | None = None
    cites: str = ""  # what it is built on: "decision", the item's kind, or "" (a general opener)


@dataclass(slots=True)
class PrepSection:
    title: str
    note: str
    questions: list[PlannedQuestion] = field(default_factory=list)


@dataclass(slots=True)
class NoteCheck:
    """One line of the mentor's notes as the guard read it."""

    line: str
    ok: bool
    labels: list[str]
    reason: str = ""
    planned: bool = False  # it was a question and went into the plan
    why: str = ""  # for a flagged line: why it matters (the seed's reason)
    rewrite: str = ""  # ... and a way to ask it without advising or judging


@dataclass(slots=True)
class PrepPlan:
    audience: str
    created_at: str
    sessions: int
    items: int
    sections: list[PrepSection] = field(default_factory=list)  # the plan, then the mentor's own questions
    reminders: list[str] = field(default_factory=lambda: list(REMINDERS))
    notes: list[NoteCheck] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # wordings the guard refused (for debugging)
    more: list[PrepSection] = field(default_factory=list)  # more questions, on request

    @property
    def questions(self) -> list[PlannedQuestion]:
        return [q for s in self.sections for q in s.questions]

    @property
    def core(self) -> list[PlannedQuestion]:
        """The 5 to 7 questions of the plan itself."""
        return [q for s in self.sections if s.title == CORE_TITLE for q in s.questions]

    @property
    def all_questions(self) -> list[PlannedQuestion]:
        return self.questions + [q for s in self.more for q in s.questions]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["questions"] = [asdict(q) for q in self.questions]
        return d

    def to_markdown(self) -> str:
        lines = [
            "# Plan for the next conversation",
            "",
            f"Built from {self.items} shared item{'s' if self.items != 1 else ''} across "
            f"{self.sessions} session{'s' if self.sessions != 1 else ''} ({self.audience} view). "
            "Pick a few; you will not need them all.",
        ]
        n = 0
        for section in self.sections:
            if not section.questions:
                continue
            # Text from a share file (quotes, the mentee's words in questions) is escaped: a plan
            # shows no link, image or markup that someone else's file put there.
            lines += ["", f"## {md_inline(section.title)}", "", f"_{md_inline(section.note)}_", ""]
            for q in section.questions:
                n += 1
                lines.append(f"{n}. {md_inline(q.text)}")
                if q.quote:
                    lines.append(f"   > “{md_inline(q.quote)}”")
        more = [sec for sec in self.more if sec.questions]
        if more:
            lines += ["", "## More questions, if you want them"]
            for section in more:
                lines += ["", f"### {md_inline(section.title)}", "", f"_{md_inline(section.note)}_", ""]
                for q in section.questions:
                    n += 1
                    lines.append(f"{n}. {md_inline(q.text)}")
                    if q.quote:
                        lines.append(f"   > “{md_inline(q.quote)}”")
        flagged = [c for c in self.notes if not c.ok]
        if flagged:
            lines += ["", "## From your notes: worth rephrasing", ""]
            for c in flagged:
                lines.append(f"- “{md_inline(c.line)}” — {md_inline(c.reason or ', '.join(c.labels))}")
                if c.rewrite:
                    lines.append(f"  Try instead: “{md_inline(c.rewrite)}”")
        lines += ["", "## Reminder card", ""]
        lines += [f"- {md_inline(r)}" for r in self.reminders]
        return "\n".join(lines) + "\n"


def _guard() -> Callable[..., Any]:
    # The line checker: the guard plus loaded words ("even", "really", "just") in questions.
    return importlib.import_module("coach.linecheck").check


class _Planner:
    def __init__(self, shared: dict[str, Any], checker: Callable[..., Any]) -> None:
        self.shared = shared
        self.check = checker
        self.items = [i for i in shared.get("items", []) if i.get("status") != "rejected"]
        self.sessions = shared.get("sessions", [])
        self.used: set[str] = set()
        self.dropped: list[str] = []

    def of_kind(self, kind: str) -> list[dict[str, Any]]:
        return [i for i in self.items if i.get("kind") == kind]

    def ask(
        self,
        options: list[str],
        technique: str,
        why: str,
        *,
        quote: str = "",
        item_id: int | None = None,
        mentee_text: str = "",
        cites: str = "",
    ) -> PlannedQuestion | None:
        """The first wording the guard accepts as one open question (never the same one twice)."""
        for text in options:
            if not text or text.lower() in self.used:
                continue
            v = self.check(text, mentee_text=mentee_text)
            if v.ok and ("open_question" in v.labels or "question" in v.labels) and "leading_question" not in v.labels \
                    and "closed_question" not in v.labels:
                self.used.add(text.lower())
                return PlannedQuestion(text, technique, why, quote, item_id, cites)
            self.dropped.append(f"{text} [{v.reason or ', '.join(v.labels)}]")
        return None

    def bank(self, qid: str) -> str:
        for q in bank.builtin_questions():
            if q.id == qid:
                return q.text
        raise KeyError(qid)

    def asked_before(self, technique: str) -> bool:
        """Whether a technique was used in a shared session (share files may carry this; older
        files do not, and then we assume it has not been asked: asking twice is harmless)."""
        for s in self.sessions:
            techniques = s.get("techniques") or s.get("done") or []
            if technique in techniques:
                return True
            if any(t.get("move") == technique for t in s.get("turns", []) if isinstance(t, dict)):
                return True
        return False


def _quote(item: dict[str, Any]) -> str:
    qs = item.get("quotes") or []
    return str(qs[0].get("text", "")) if qs else ""


def _short(text: str, limit: int = 70) -> str:
    from coach.language import quote

    return quote(text, limit)


def build_prep(
    shared: dict[str, Any],
    notes: str = "",
    *,
    checker: Callable[..., Any] | None = None,
) -> PrepPlan:
    """A question plan from a share document and the mentor's notes. Raises ShareFileError if the
    document is malformed."""
    from coach.store.share import validate_share

    validate_share(shared, source="the shared summary")
    p = _Planner(shared, checker or _guard())
    from coach.mentor.prep_core import core_questions

    # The plan itself first, so its wordings are taken before the longer list below repeats them.
    core = PrepSection(CORE_TITLE, "Built on what they shared, in their words. Start with the first; "
                       "the rest are there if the conversation goes that way.", core_questions(p))
    sections = _more(p)
    checks, mine = _own_questions(p, notes)
    return PrepPlan(
        audience=str(shared.get("audience", "mentor")),
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        sessions=len(p.sessions),
        items=len(p.items),
        sections=[core] + ([mine] if mine.questions else []),
        notes=checks,
        dropped=p.dropped,
        more=[s for s in sections if s.questions],
    )


def _more(p: _Planner) -> list[PrepSection]:
    """More questions, on request, in the seed's order."""
    sections: list[PrepSection] = []

    # 1. Trust and expectations: always, and first.
    first_time = not p.items
    trust = PrepSection("Trust and expectations first", "Agree the ground rules again before going deeper.")
    for qid in ("expect-confidential", "trust-comfortable", "expect-worth-it" if first_time else "expect-my-role"):
        q = p.ask([p.bank(qid)], "expectations" if qid.startswith("expect") else "trust", "sets up trust and confidentiality")
        if q:
            trust.questions.append(q)
    sections.append(trust)

    # 2. Bedrock: follow up on what they confirmed; check in on candidates.
    bedrock = PrepSection("Follow up on bedrock", "Hand their own words back; ask where they show up now.")
    frames_confirmed = (
        "Last time you said “{q}”. Where has that shown up for you since?",
        "You described “{q}” as something that matters to you. What does that look like in your work these days?",
        "When did “{q}” last feel true at work?",
    )
    frames_candidate = (
        "You said “{q}”. How does that sit with you now?",
        "When you hear “{q}” again, what comes up for you?",
    )
    confirmed = [i for i in p.of_kind("bedrock") if is_confirmed_bedrock(i)]
    candidates = [i for i in p.of_kind("bedrock") if not is_confirmed_bedrock(i)]
    for n, item in enumerate(confirmed[:MAX_BEDROCK_FOLLOWUPS]):
        qt = _quote(item)
        if not qt:
            continue
        options = [f.format(q=_short(qt)) for f in frames_confirmed[n:] + frames_confirmed[:n]]
        q = p.ask(options, "why_ladder", "confirmed bedrock: see whether it still holds and where it lives",
                  quote=qt, item_id=item.get("id"), mentee_text=qt)
        if q:
            bedrock.questions.append(q)
    for item in candidates[: max(0, MAX_BEDROCK_FOLLOWUPS - len(bedrock.questions))]:
        qt = _quote(item)
        if not qt:
            continue
        q = p.ask([f.format(q=_short(qt)) for f in frames_candidate], "why_ladder",
                  "a possible bedrock they have not confirmed yet", quote=qt, item_id=item.get("id"), mentee_text=qt)
        if q:
            bedrock.questions.append(q)
    sections.append(bedrock)

    # 3. Passions and the sweet spot.
    passion = PrepSection("What lights them up", "Notice tone and energy; passions come from values and purpose.")
    for item in p.of_kind("passion")[:2]:
        qt = _quote(item)
        topic = re.sub(r"^you lit up talking about\s+", "", item.get("text", ""), flags=re.IGNORECASE)
        options = []
        if topic != item.get("text", ""):
            options.append(f"You lit up talking about {topic} last time. What is it about that kind of work that draws you?")
        options += [
            "Your energy rose when you talked about this last time. What is it about it that draws you?",
        ]
        q = p.ask(options, "passion", "their energy rose here", quote=qt, item_id=item.get("id"), mentee_text=qt)
        if q:
            passion.questions.append(q)
    if p.of_kind("passion"):
        q = p.ask([p.bank("sweet-overlap"), p.bank("sweet-company-needs")], "sweet_spot",
                  "interests x strengths x what the company needs (inside or outside it)")
        if q:
            passion.questions.append(q)
    else:
        q = p.ask([p.bank("passion-lose-track"), p.bank("passion-energy")], "passion", "no passion heard yet")
        if q:
            passion.questions.append(q)
    sections.append(passion)

    # 4. Still unexplored: open questions from the summaries, then motivations not yet heard.
    unexplored = PrepSection("Still unexplored", "Aim a gentle 'why' at what has not been talked through.")
    for item in p.of_kind("open_question"):
        text = _PREFIX.sub("", item.get("text", "")).strip()
        if not text:
            continue
        text = text[0].upper() + text[1:]
        qt = _quote(item)
        q = p.ask([text], "why_ladder", "left open in an earlier session", quote=qt, item_id=item.get("id"), mentee_text=qt)
        if q:
            unexplored.questions.append(q)
    heard = {str(i.get("motivation")) for i in p.of_kind("motivation") if i.get("motivation")}
    missing = [m for m in UNEXPLORED_ORDER if m not in heard and m not in (Motivation.INFLUENCE, Motivation.AUTHORITY)]
    for m in missing[:MAX_UNEXPLORED]:
        options = [p.bank(PREFERRED[m])] if m in PREFERRED else []
        options += [q.text for q in bank.search(motivation=m) if q.technique in ("why_ladder", "normalize")]
        q = p.ask(options, "why_ladder", f"{MOTIVATION_LABELS.get(m, m)} has not come up yet")
        if q:
            unexplored.questions.append(q)
    sections.append(unexplored)

    # 5. The lottery question, if it has not been asked.
    if not p.asked_before("lottery"):
        lottery = PrepSection(
            "The lottery question",
            "Not asked yet. It takes the shame out of ambition; follow up on what they think the job entails.",
        )
        for qid, tech, why in (
            ("lottery-want", "lottery", "whose job would they want"),
            ("lottery-not-want", "lottery", "and whose not"),
            ("lottery-appeal", "lottery", "why that one"),
            ("entail-day", "entail", "are they reading the organisation accurately?"),
        ):
            q = p.ask([p.bank(qid)], tech, why)
            if q:
                lottery.questions.append(q)
        sections.append(lottery)

    # 6. Influence or authority, for leadership goals or when either motivation came up.
    goals = p.of_kind("goal")
    leadership = [g for g in goals if _LEADERSHIP.search(g.get("text", "") + " " + _quote(g))]
    ia_items = p.of_kind("influence_authority")
    if leadership or ia_items or heard & {Motivation.INFLUENCE.value, Motivation.AUTHORITY.value}:
        ia = PrepSection("Influence or authority?", "Impact or control? They are not mutually exclusive.")
        reading = " ".join(i.get("text", "") for i in ia_items).lower()
        if "mostly about influence" in reading or "more about influence" in reading:
            order = ["ia-accountable", "ia-decide-vs-listened", "ia-no-reports"]
        elif "mostly about authority" in reading or "more about authority" in reading:
            order = ["ia-no-reports", "ia-decide-vs-listened", "ia-changed-course"]
        else:
            order = ["ia-no-reports", "ia-decide-vs-listened", "ia-accountable"]
        anchor = leadership[0] if leadership else None
        for qid in order[:2]:
            q = p.ask([p.bank(qid)], "influence_authority", "tells a wish for impact from a wish for control",
                      quote=_quote(anchor) if anchor else "", item_id=anchor.get("id") if anchor else None)
            if q:
                ia.questions.append(q)
                anchor = None  # the goal's words once are enough
        sections.append(ia)

    # 7. Experiments they named: how did it go, what surprised them?
    exps = p.of_kind("experiment")
    if exps:
        ex = PrepSection("Experiments to follow up", "Leave room for being wrong; what they learned matters more than how it went.")
        for item in exps[:MAX_EXPERIMENTS]:
            qt = _quote(item)
            action = _PREFIX.sub("", item.get("text", "")).strip() if item.get("text", "").lower().startswith("experiment you named") else ""
            action = _past_tense_ready(action or action_phrase(qt))
            options = []
            if action:
                # One question per turn: "how did it go — what surprised you?" stacks two, so the
                # single question comes first and the stacked one only if the guard prefers it.
                options += [
                    f"When you think back on {action}, what surprised you?",
                    f"What did {action} show you about what you want?",
                    f"How did {action} go?",
                ]
            options += ["You mentioned trying something last time. How did it go?", p.bank("exp-surprised")]
            q = p.ask(options, "experiment", "they named this experiment themselves", quote=qt,
                      item_id=item.get("id"), mentee_text=qt)
            if q:
                ex.questions.append(q)
        sections.append(ex)
    else:
        ex = PrepSection("Experiments", "Nothing tried yet: invite one small, low-stakes experiment of their own choosing.")
        q = p.ask([p.bank("exp-small-step"), p.bank("exp-know")], "experiment", "an experiment of their own")
        if q:
            ex.questions.append(q)
        sections.append(ex)

    return sections


def _own_questions(p: _Planner, notes: str) -> tuple[list[NoteCheck], PrepSection]:
    """The mentor's notes: planned questions go in if the checker accepts them; advice is flagged."""
    checks: list[NoteCheck] = []
    mine = PrepSection("Your own questions", "From your notes, as the guard read them.")
    for line in _note_lines(notes):
        v = p.check(line)
        is_question = line.rstrip().endswith("?")
        planned = False
        if v.ok and is_question and "leading_question" not in v.labels and "closed_question" not in v.labels:
            q = p.ask([line], "mentor", "your own question")
            if q:
                mine.questions.append(q)
                planned = True
        ok = v.ok and ("closed_question" not in v.labels and "leading_question" not in v.labels)
        reason = v.reason
        if not ok and not reason:
            reason = ", ".join(v.labels)
        why = rewrite = ""
        if not ok:  # the guard's own explanation, so the mentor learns what to ask instead
            e = importlib.import_module("coach.guard.explain").explain(line)
            why, rewrite = " ".join(e.why), e.rewrite or ""
        checks.append(NoteCheck(line, ok, list(v.labels), reason, planned, why, rewrite))
    return checks, mine


_PURPOSE_TAIL = re.compile(
    r"\s*,?\s*\b(to see (if|whether|how)|as an experiment|and see (if|whether|how)|just to see)\b.*$", re.IGNORECASE
)


def _past_tense_ready(action: str) -> str:
    """'leading the next design review to see if you like it' -> 'leading the design review': the
    mentor asks after the fact, so the purpose clause and 'next' no longer fit."""
    action = _PURPOSE_TAIL.sub("", action).strip()
    return re.sub(r"\b(the|my|your) next\b", r"\1", action, flags=re.IGNORECASE)


def _note_lines(notes: str) -> list[str]:
    out = []
    for raw in (notes or "").splitlines():
        line = raw.strip().lstrip("-*•").strip()
        if line:
            out.append(line)
    return out


def local_share(store: Any, audience: ShareLevel = ShareLevel.MENTOR) -> dict[str, Any]:
    """What `audience` would get from `coach export --for mentor`, straight from the local store.

    Sessions shared with that audience but never summarized are summarized first (and saved, as
    `coach summary` would), so a mentor does not get an empty plan for a session the mentee agreed
    to share. Each session entry also says which techniques were already used (e.g. the lottery
    question) — not what was said — so the plan does not ask the same thing twice.
    """
    from coach.mentor.summary import summarize_session

    audience = ShareLevel(audience)
    for info in store.list_sessions():
        if info.share.visible_to(audience) and info.n_turns and not store.summary_items(info.id):
            summarize_session(store, info.id)
    doc = store.export(audience)
    for entry in doc["sessions"]:
        state = store.get_session(entry["id"]).state or {}
        entry.setdefault("techniques", [t for t in state.get("done", []) if isinstance(t, str)])
    return doc
