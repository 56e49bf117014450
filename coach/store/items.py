"""What the mentee decided about each summary item, as rules every reader shares.

The summary proposes items; the mentee confirms, edits, rejects and shares them. Everything that
shows an item (the live side panel, Review, History, the portrait, every export, the mentor's
view) reads it through the store, and the store applies the rules below, so no screen can
disagree with another about what the mentee decided:

- **Titles follow the state.** The summary words an unconfirmed bedrock "Possible bedrock, not yet
  confirmed: “…”". Once the mentee confirms it, it reads "Bedrock you confirmed: “…”" everywhere,
  to the mentor too (`titled`). A bedrock the mentee confirmed in the conversation itself ("That's
  me" in the side panel, or a yes when the coach held it up) is stored as confirmed
  (`status_on_save`).
- **One item, whatever its wording.** A proposal citing the same words as an item the mentee
  already reviewed is the same item (`same_evidence`): confirming "Possible bedrock: X" and then
  having the summary rebuilt as "Bedrock you confirmed: X" never shows it twice, and a rejected
  item is not proposed again in other words.
- **What an audience sees** (`audience_view`): only items the mentee confirmed or edited, shared
  with that audience, in a session shared at least that widely; never the coach's first wording of
  an edited item; the quotes only if the mentee chose to share them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from coach.types import Evidence, ShareLevel, SummaryItem

# The summary's own wordings (coach/mentor/summary/builder.py; a test keeps them in step).
POSSIBLE_PREFIX = "Possible bedrock, not yet confirmed"
CONFIRMED_PREFIX = "Bedrock you confirmed"
CONFIRMED_ALONE = "Bedrock you confirmed (in your words below)"

DECIDED = ("confirmed", "edited")  # the mentee's word: what a mentor or manager may ever see
# Kinds whose wording follows the conversation's state, so the same words may come back worded
# differently: they are matched by the quotes they cite.
BY_EVIDENCE = ("bedrock", "motivation")


def titled(kind: str, text: str, status: str) -> str:
    """The item's wording as its review state says it."""
    if kind == "bedrock" and status == "confirmed" and text.startswith(POSSIBLE_PREFIX):
        rest = text[len(POSSIBLE_PREFIX):]
        return CONFIRMED_ALONE if not rest.strip() else CONFIRMED_PREFIX + rest
    return text


def status_on_save(kind: str, text: str, status: str) -> str:
    """A bedrock the mentee confirmed in the conversation is confirmed, not a proposal."""
    if kind == "bedrock" and status == "proposed" and text.startswith(CONFIRMED_PREFIX):
        return "confirmed"
    return status


def _spans(quotes: Iterable[Evidence | dict]) -> list[tuple[int | None, int, int, str]]:
    out = []
    for q in quotes:
        if isinstance(q, dict):
            out.append((q.get("turn_id"), int(q.get("start") or 0), int(q.get("end") or 0), str(q.get("text", ""))))
        else:
            out.append((q.turn_id, q.start, q.end, q.text))
    return out


def same_evidence(kind_a: str, motivation_a: str | None, quotes_a: Iterable[Evidence | dict],
                  kind_b: str, motivation_b: str | None, quotes_b: Iterable[Evidence | dict]) -> bool:
    """Two items of the same kind (and motivation, except for bedrock) citing overlapping words."""
    if kind_a != kind_b or (kind_a != "bedrock" and (motivation_a or None) != (motivation_b or None)):
        return False
    for ta, sa, ea, xa in _spans(quotes_a):
        for tb, sb, eb, xb in _spans(quotes_b):
            if ta is None or ta != tb:
                continue
            if (sa < eb and sb < ea) or (ea == sa == 0 and xa == xb):
                return True
    return False


def audience_view(items: list[SummaryItem], session_share: ShareLevel, audience: ShareLevel, *,
                  with_quotes: bool = True) -> list[SummaryItem]:
    """The items `audience` may see, as they see them (copies: the caller's items are untouched).

    The mentee (PRIVATE) sees everything. A mentor or manager sees an item only once the mentee
    confirmed or edited it (an item still "proposed" is the coach's guess, not their word), and
    both the item's share and its session's share are visible to them (the session is the
    ceiling: its quotes are the session's turns).
    """
    audience = ShareLevel(audience)
    if audience is ShareLevel.PRIVATE:
        return list(items)
    if not ShareLevel(session_share).visible_to(audience):
        return []
    out = []
    for item in items:
        if item.status not in DECIDED or not item.share.visible_to(audience):
            continue
        out.append(replace(item, original_text="", quotes=list(item.quotes) if with_quotes else []))
    return out


def effective_share(item: SummaryItem, session_share: ShareLevel) -> ShareLevel:
    """Who can actually see the item: the narrower of its own level and its session's."""
    level, ceiling = ShareLevel(item.share), ShareLevel(session_share)
    return level if level.rank <= ceiling.rank else ceiling


def follow_session(item_share: ShareLevel, old: ShareLevel, new: ShareLevel) -> ShareLevel:
    """An item's level after its session changes from `old` to `new`: items follow their session
    (sharing is one step, and the session and its items never disagree), except one the mentee
    kept to themselves in a shared session, which stays private until they share it."""
    item_share, old, new = ShareLevel(item_share), ShareLevel(old), ShareLevel(new)
    if item_share is ShareLevel.PRIVATE and old is not ShareLevel.PRIVATE:
        return ShareLevel.PRIVATE
    return new
