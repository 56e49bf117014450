"""The portrait: what stays and what shifts across sessions.

Career conversations are "a theme over months and years", so one session's summary is only a
snapshot. The portrait lines the sessions up by date and shows:

- motivation weights per session (share of that session's motivation evidence), oldest first;
- bedrock statements and goals with when they were first and last heard, and whether the mentee
  confirmed them;
- what is new since last time, and what has not been mentioned lately.

It reads the summary items the mentee reviewed (rejected ones never count, edits win), and for a
session never summarized it builds a fresh summary without saving it (the portrait only reads).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from coach.language import strip_end
from coach.mentor.summary import MOTIVATION_LABELS, build_summary, is_confirmed_bedrock, similar
from coach.types import ShareLevel, SummaryItem

RECENT_SESSIONS = 2  # "lately" = the last two sessions (the last one when there are only two)


@dataclass(slots=True)
class SessionWeights:
    session_id: str
    date: str
    title: str
    weights: dict[str, float]  # motivation -> share of the session's motivation evidence (sums to 1)
    counts: dict[str, int]  # motivation -> mentee messages that showed it


@dataclass(slots=True)
class Thread:
    """A statement (bedrock or goal) heard across sessions, in the mentee's words."""

    kind: str  # bedrock | goal
    text: str  # the latest wording (their edit, if they edited it)
    quote: str  # the mentee's own words, latest session
    confirmed: bool
    first_seen: str
    last_seen: str
    sessions: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Change:
    kind: str  # motivation | bedrock | goal
    what: str
    when: str  # the date it was first (new) or last (not lately) heard


@dataclass(slots=True)
class Portrait:
    sessions: list[SessionWeights] = field(default_factory=list)
    bedrock: list[Thread] = field(default_factory=list)
    goals: list[Thread] = field(default_factory=list)
    new_since_last: list[Change] = field(default_factory=list)
    not_mentioned_lately: list[Change] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_markdown(self) -> str:
        if not self.sessions:
            return "# Your portrait\n\nNo sessions yet. It fills in as you talk, over weeks and months.\n"
        first, last = self.sessions[0].date, self.sessions[-1].date
        span = first if first == last else f"{first} to {last}"
        lines = [
            "# Your portrait",
            "",
            f"{len(self.sessions)} session{'s' if len(self.sessions) != 1 else ''}, {span}. "
            "Quotes are your own words.",
        ]
        if self.bedrock:
            lines += ["", "## Bedrock", ""]
            for t in self.bedrock:
                mark = "confirmed by you" if t.confirmed else "not yet confirmed"
                seen = t.first_seen if t.first_seen == t.last_seen else f"{t.first_seen} → {t.last_seen}"
                lines.append(f"- “{strip_end(t.text)}” — {mark}; heard {seen} ({len(t.sessions)} session{'s' if len(t.sessions) != 1 else ''})")
        if self.goals:
            lines += ["", "## Goals", ""]
            for t in self.goals:
                seen = t.first_seen if t.first_seen == t.last_seen else f"{t.first_seen} → {t.last_seen}"
                lines.append(f"- {t.text} — {seen}")
                lines.append(f"  > “{t.quote}”")
        lines += ["", "## Motivations per session", ""]
        for s in self.sessions:
            parts = [f"{MOTIVATION_LABELS.get(m, m)} {round(w * 100)}%" for m, w in s.weights.items()]
            title = f" ({s.title})" if s.title else ""
            lines.append(f"- {s.date}{title}: {' · '.join(parts) if parts else 'none heard clearly'}")
        if self.new_since_last:
            lines += ["", "## New since last time", ""]
            lines += [f"- {_change_text(c)}" for c in self.new_since_last]
        if self.not_mentioned_lately:
            lines += ["", "## Not mentioned lately", ""]
            lines += [f"- {_change_text(c)} (last heard {c.when})" for c in self.not_mentioned_lately]
        return "\n".join(lines) + "\n"


def _change_text(c: Change) -> str:
    if c.kind == "motivation":
        return MOTIVATION_LABELS.get(c.what, c.what)
    return f"“{strip_end(c.what)}”" if c.kind == "bedrock" else c.what


def _items_for(store: Any, session: Any) -> list[SummaryItem]:
    items = store.summary_items(session.id)
    if not items:  # never summarized: read it fresh, without writing anything
        items = build_summary(store.turns(session.id), session).items
    return [i for i in items if i.status != "rejected"]


def build_portrait(store: Any, *, audience: ShareLevel = ShareLevel.PRIVATE) -> Portrait:
    """The portrait over every session `audience` may see (the mentee sees all), oldest first."""
    audience = ShareLevel(audience)
    timeline = {row["session_id"]: row for row in store.motivation_timeline(audience=audience)}
    infos = sorted(store.list_sessions(), key=lambda s: s.created_at)
    per_session: list[tuple[str, str, list[SummaryItem]]] = []
    portrait = Portrait()
    for info in infos:
        if info.id not in timeline:
            continue
        session = store.get_session(info.id)
        if audience is ShareLevel.PRIVATE:
            items = _items_for(store, session)
        else:
            items = store.summary_items(info.id, audience=audience)
        date = info.created_at[:10]
        per_session.append((info.id, date, items))
        # Weights come from the analyzer's scores, but only for motivations the summary kept and the
        # mentee did not reject: "that's not me" has to count.
        kept = {str(i.motivation) for i in items if i.kind == "motivation" and i.motivation}
        raw = {m: v for m, v in timeline[info.id]["motivations"].items() if m in kept}
        total = sum(v["score"] for v in raw.values()) or 1.0
        weights = {m: round(v["score"] / total, 3) for m, v in sorted(raw.items(), key=lambda kv: -kv[1]["score"])}
        portrait.sessions.append(
            SessionWeights(info.id, date, info.title, weights, {m: int(v["count"]) for m, v in raw.items()})
        )
    portrait.bedrock = _threads(per_session, "bedrock")
    portrait.goals = _threads(per_session, "goal")
    _changes(portrait, per_session)
    return portrait


def _threads(per_session: list[tuple[str, str, list[SummaryItem]]], kind: str) -> list[Thread]:
    threads: list[Thread] = []
    for session_id, date, items in per_session:
        for item in items:
            if item.kind != kind or not item.quotes:
                continue
            quote = item.quotes[0].text
            # For bedrock the mentee's words are the point: their own edit wins over the quote.
            shown = item.text if (kind == "bedrock" and item.status == "edited") else (quote if kind == "bedrock" else item.text)
            confirmed = kind == "bedrock" and is_confirmed_bedrock(item)
            match = next((t for t in threads if similar(t.quote, quote) or similar(t.text, item.text)), None)
            if match is None:
                threads.append(Thread(kind, shown, quote, confirmed, date, date, [session_id]))
                continue
            match.confirmed = match.confirmed or confirmed
            match.last_seen = date
            match.text, match.quote = shown, quote
            if session_id not in match.sessions:
                match.sessions.append(session_id)
    # Confirmed first, then the most often heard.
    threads.sort(key=lambda t: (not t.confirmed, -len(t.sessions), t.first_seen))
    return threads


def _changes(portrait: Portrait, per_session: list[tuple[str, str, list[SummaryItem]]]) -> None:
    n = len(per_session)
    if n < 2:
        return  # nothing to compare with yet
    recent_n = min(RECENT_SESSIONS, n - 1)
    recent_ids = {sid for sid, _, _ in per_session[-recent_n:]}
    last_id, last_date = per_session[-1][0], per_session[-1][1]

    weights = {s.session_id: s.weights for s in portrait.sessions}
    earlier_m = {m for s in portrait.sessions[:-1] for m in s.weights}
    for m in weights.get(last_id, {}):
        if m not in earlier_m:
            portrait.new_since_last.append(Change("motivation", m, last_date))
    for t in portrait.bedrock + portrait.goals:
        if t.sessions == [last_id]:
            portrait.new_since_last.append(Change(t.kind, t.text, last_date))

    last_seen_m: dict[str, str] = {}
    seen_recent_m: set[str] = set()
    for s in portrait.sessions:
        for m in s.weights:
            last_seen_m[m] = s.date
            if s.session_id in recent_ids:
                seen_recent_m.add(m)
    for m, date in sorted(last_seen_m.items(), key=lambda kv: kv[1]):
        if m not in seen_recent_m:
            portrait.not_mentioned_lately.append(Change("motivation", m, date))
    for t in portrait.bedrock + portrait.goals:
        if not recent_ids & set(t.sessions):
            portrait.not_mentioned_lately.append(Change(t.kind, t.text, t.last_seen))
