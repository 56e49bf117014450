"""The mentee's decisions about a session, as every screen reads them.

One source of truth: the summary items in the store (coach/store/sql.py, rules in
coach/store/items.py). The live side panel, Review, History's chart, the portrait, the exports and
the mentor's view all read these, so a confirmation, an edit, a rejection or a share made in one
place shows in all of them.

- `live_items(store, session_id)`: the summary of a session in progress, built from the stored
  turns with `coach.mentor.summary.build_summary` (the same reading as the summary at the end) and saved,
  so the side panel shows exactly what Review will, and what the mentee removes or corrects there
  is a review decision like any other.
- `progress(items)`: "reviewed 3 of 7"; `confirm_all(store, session_id)`.
- The decision in front of the mentee (`decision`, `set_decision`, `suggest_decision`): an item of
  kind "decision" in the mentee's own words, which they may share with their mentor; the mentor's
  plan asks about it.
- `auto_title(...)`: a session's title from its goal or the mentee's first words.
- `motivation_timeline(store)`: the History chart's data, with the motivations the mentee
  rejected (or the summary did not keep) left out, as in the portrait.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from coach.store.items import DECIDED
from coach.types import Evidence, ShareLevel, SummaryItem, Turn

DECISION = "decision"  # the kind of the item that holds the decision in front of the mentee
MAX_TITLE = 60

# A sentence that names a choice the mentee is facing, in their words. Only a suggestion: the
# mentee words (or leaves out) the decision themselves.
_DECIDING = re.compile(
    r"\b(whether (?:to|or not|i should)|weighing|deciding|decide (?:between|whether|if)|torn between|"
    r"choose between|choice between|can't decide|cannot decide|not sure (?:if|whether) (?:i should|to)|"
    r"should i (?:stay|leave|go|take|move|quit|apply|accept)|thinking (?:about|of) (?:leaving|quitting|moving|"
    r"switching|staying|going|taking|applying|accepting))\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


@dataclass(slots=True, frozen=True)
class Progress:
    reviewed: int
    total: int

    @property
    def done(self) -> bool:
        return self.total > 0 and self.reviewed == self.total

    def __str__(self) -> str:
        return f"reviewed {self.reviewed} of {self.total}"


def shown(items: list[SummaryItem]) -> list[SummaryItem]:
    """The items a screen shows: what the mentee rejected vanishes everywhere."""
    return [i for i in items if i.status != "rejected"]


def progress(items: list[SummaryItem]) -> Progress:
    """How many of the coach's proposals the mentee has decided on (the decision they wrote
    themselves is not a proposal)."""
    proposals = [i for i in items if i.kind != DECISION]
    return Progress(sum(1 for i in proposals if i.status != "proposed"), len(proposals))


def confirm_all(store: Any, session_id: str) -> int:
    """Confirm every item still waiting for review. Returns how many."""
    n = 0
    for item in store.summary_items(session_id):
        if item.status == "proposed" and item.id is not None:
            store.review_item(item.id, "confirmed")
            n += 1
    return n


def live_items(store: Any, session_id: str) -> list[SummaryItem]:
    """The session's summary items now, built from what was said so far and saved (the same
    reading as the summary at "End session"; reviewed items are kept, proposals keep their ids)."""
    from coach.mentor.summary import build_summary

    session = store.get_session(session_id)
    built = build_summary(store.turns(session_id), session, session.state)
    return store.save_summary_items(session_id, built.items)


def deepest(store: Any, session_id: str, depth: int) -> int:
    """How far down the "why" ladder this session has gone, never less than before: the policy's
    depth restarts when the mentee moves to another thread, and a bar that goes backwards reads as
    losing ground."""
    key = f"deepest:{session_id}"
    before = int(store.get_meta(key, "0") or 0)
    best = max(before, int(depth or 0))
    if best != before:
        store.set_meta(key, str(best))
    return best


def set_aside(store: Any, item: SummaryItem) -> None:
    """The mentee removes an item ("that's not right"): it is rejected, so it vanishes from every
    view and export and is not proposed again; a bedrock the coach was holding up for confirmation
    is dropped from the conversation's state too, so the coach stops asking about it."""
    from coach.errors import NotFound

    if item.id is None:
        return
    store.review_item(item.id, "rejected")
    if item.kind != "bedrock":
        return
    turns = {q.turn_id for q in item.quotes if q.turn_id is not None}

    def drop(state: dict[str, Any]) -> bool:
        rows = state.get("bedrock_candidates") or []
        kept = [r for r in rows if not (isinstance(r, dict) and r.get("turn_id") in turns)]
        state["bedrock_candidates"] = kept
        cand = state.get("candidate")
        if isinstance(cand, dict) and cand.get("turn_id") in turns:
            state["candidate"], state["pending"] = None, ""
            return True
        return len(kept) != len(rows)

    try:
        store.update_state(item.session_id, drop)
    except NotFound:
        pass  # the coach was not holding it up: nothing more to drop


# -- the decision in front of the mentee --------------------------------------------------------------


def decision(items: list[SummaryItem]) -> SummaryItem | None:
    return next((i for i in items if i.kind == DECISION and i.status != "rejected"), None)


def suggest_decision(turns: list[Turn]) -> Evidence | None:
    """The last sentence in which the mentee named a choice they face, if any (a suggestion)."""
    found = None
    for t in turns:
        if t.role != "mentee":
            continue
        for m in _SENTENCE.finditer(t.text):
            sentence = m.group(0).strip()
            if _DECIDING.search(sentence):
                start = t.text.index(sentence, m.start())
                found = Evidence(sentence, start, start + len(sentence), t.id)
    return found


def set_decision(store: Any, session_id: str, text: str, quote: Evidence | None = None) -> SummaryItem | None:
    """Record (or reword, or with an empty text remove) the decision in front of the mentee."""
    text = " ".join((text or "").split())
    current = decision(store.summary_items(session_id))
    if not text:
        if current is not None and current.id is not None:
            store.delete_item(current.id)
        return None
    if current is not None and current.id is not None:
        if current.text == text:
            return current
        return store.reword_item(current.id, text)  # their own words: the old wording is not kept
    quotes = [quote] if quote is not None and quote.text and _same_words(quote.text, text) else []
    return store.add_item(session_id, SummaryItem(session_id=session_id, kind=DECISION, text=text, quotes=quotes))


def _same_words(a: str, b: str) -> bool:
    words = re.compile(r"[a-z0-9']+")
    wa, wb = set(words.findall(a.lower())), set(words.findall(b.lower()))
    return bool(wa) and len(wa & wb) / len(wa) >= 0.6


# -- titles and the chart ------------------------------------------------------------------------------


def auto_title(turns: list[Turn], items: list[SummaryItem]) -> str:
    """A short title for a session: its decision or first goal in the mentee's words, else the
    start of the first thing they said."""
    mine = decision(items)
    if mine is not None:
        return _cap(mine.text)
    goal = next((i for i in items if i.kind == "goal" and i.status != "rejected"), None)
    if goal is not None:
        text = re.sub(r"^(a )?goal( you named)?\s*:\s*", "", goal.text, flags=re.IGNORECASE)
        return _cap(text)
    first = next((t.text for t in turns if t.role == "mentee" and t.text.strip()), "")
    return _cap(" ".join(first.split()[:8]) + ("…" if len(first.split()) > 8 else ""))


def _cap(text: str) -> str:
    text = " ".join(text.split()).strip(" .“”\"")
    if len(text) > MAX_TITLE:
        text = text[: MAX_TITLE - 1].rsplit(" ", 1)[0] + "…"
    return text[:1].upper() + text[1:]


def kept_motivations(store: Any, session_id: str) -> set[str]:
    """Motivations the session's summary keeps and the mentee has not rejected (a session never
    summarised is read fresh, without saving anything)."""
    items = store.summary_items(session_id)
    if not items:
        from coach.mentor.summary import build_summary

        items = build_summary(store.turns(session_id), store.get_session(session_id)).items
    return {str(i.motivation) for i in items if i.kind == "motivation" and i.motivation and i.status != "rejected"}


def motivation_timeline(store: Any, *, audience: ShareLevel = ShareLevel.PRIVATE) -> list[dict[str, Any]]:
    """`Store.motivation_timeline` with only the motivations the summary kept and the mentee did
    not reject: "that's not me" takes a motivation off the chart, as it does in the portrait.
    For a mentor or manager, only what they were shown: motivations of items shared with them."""
    rows = store.motivation_timeline(audience=audience)
    for row in rows:
        if ShareLevel(audience) is ShareLevel.PRIVATE:
            keep = kept_motivations(store, row["session_id"])
        else:
            keep = {str(i.motivation) for i in store.summary_items(row["session_id"], audience=audience)
                    if i.kind == "motivation" and i.motivation and i.status in DECIDED}
        row["motivations"] = {m: v for m, v in row["motivations"].items() if m in keep}
    return rows
