"""Sharing a session with a mentor or manager, in one step, with a preview of exactly what they see.

`preview(store, session_id, level, with_quotes)` answers "what would my mentor see if I shared this
session now?" with the store's own rules (coach/store/items.py `audience_view`) applied to the
levels the items would take (`follow_session`), so the preview and what the mentor then reads can
never differ. `share(...)` applies it: the session's level (its items follow), and whether the
quotes behind the items go with them.

`headline(preview)` is the one sentence every screen uses: "5 items visible to your mentor".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from coach.store.items import DECIDED, audience_view, follow_session
from coach.types import ShareLevel, SummaryItem

WHO = {ShareLevel.MENTOR: "your mentor", ShareLevel.MANAGER: "your manager and mentor"}


@dataclass(slots=True)
class Preview:
    """What `audience` would see of one session, and what stays with the mentee."""

    level: ShareLevel  # the session's level this preview is for
    with_quotes: bool
    visible: list[SummaryItem] = field(default_factory=list)  # exactly as the audience would see them
    waiting: int = 0  # shared, but not confirmed or edited yet: the mentee's word is missing
    withheld: int = 0  # confirmed or edited, but kept to the mentee

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level.value,
            "with_quotes": self.with_quotes,
            "visible": [i.to_dict() for i in self.visible],
            "waiting": self.waiting,
            "withheld": self.withheld,
            "headline": headline(self),
        }


def headline(p: Preview) -> str:
    if p.level is ShareLevel.PRIVATE:
        return "Private: nothing from this session is visible to anyone else"
    n = len(p.visible)
    return f"{n} item{'s' if n != 1 else ''} visible to {WHO[p.level]}"


def preview(store: Any, session_id: str, level: ShareLevel, with_quotes: bool | None = None) -> Preview:
    """What sharing `session_id` at `level` would show (nothing is changed)."""
    level = ShareLevel(level)
    session = store.get_session(session_id)
    quotes = store.share_quotes(session_id) if with_quotes is None else bool(with_quotes)
    items = [i for i in store.summary_items(session_id) if i.status != "rejected"]
    after = [replace(i, share=follow_session(i.share, session.share, level)) for i in items]
    if level is ShareLevel.PRIVATE:
        return Preview(level, quotes)
    visible = audience_view(after, level, level, with_quotes=quotes)
    waiting = sum(1 for i in after if i.status not in DECIDED and i.share.visible_to(level))
    withheld = sum(1 for i in after if i.status in DECIDED and not i.share.visible_to(level))
    return Preview(level, quotes, visible, waiting, withheld)


def share(store: Any, session_id: str, level: ShareLevel, with_quotes: bool | None = None, *,
          set_share: Callable[[str, ShareLevel], None] | None = None) -> Preview:
    """Share the session at `level` in one step (its items follow) and say what is now visible.

    `set_share` is the Coach's, when there is one (it keeps the vector memory's level in step);
    otherwise the store's."""
    level = ShareLevel(level)
    if with_quotes is not None:
        store.set_share_quotes(session_id, bool(with_quotes))
    if store.get_session(session_id).share is not level:
        (set_share or store.set_share)(session_id, level)
    return current(store, session_id)


def current(store: Any, session_id: str) -> Preview:
    """What is visible now, read back the way the audience reads it."""
    session = store.get_session(session_id)
    quotes = store.share_quotes(session_id)
    if session.share is ShareLevel.PRIVATE:
        return Preview(session.share, quotes)
    items = [i for i in store.summary_items(session_id) if i.status != "rejected"]
    visible = store.summary_items(session_id, audience=session.share)
    waiting = sum(1 for i in items if i.status not in DECIDED and i.share.visible_to(session.share))
    withheld = sum(1 for i in items if i.status in DECIDED and not i.share.visible_to(session.share))
    return Preview(session.share, quotes, visible, waiting, withheld)


def keep_to_myself(store: Any, item_id: int, private: bool) -> SummaryItem:
    """Keep one item of a shared session to the mentee (or share it again at the session's level)."""
    item = store.get_item(item_id)
    session = store.get_session(item.session_id)
    return store.set_item_share(item_id, ShareLevel.PRIVATE if private else session.share)
