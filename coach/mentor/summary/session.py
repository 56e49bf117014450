"""From turns to a `Summary` (`build_summary`), and with a store: save it for review, review one item.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from coach.mentor.summary.builder import _Builder
from coach.mentor.summary.evidence import _state_dict
from coach.mentor.summary.model import Summary
from coach.mentor.summary.phrasing import Checker, _default_checker, _Guarded
from coach.types import Session, SummaryItem, Turn

# --------------------------------------------------------------------------------------------------
# Building the items


def build_summary(
    turns: list[Turn],
    session: Session,
    state: dict[str, Any] | None = None,
    *,
    checker: Checker | bool | None = True,
) -> Summary:
    """Propose summary items for one session from its stored turns and their analyses.

    `state` is the policy's state (defaults to `session.state`); `checker` is the guard used on every
    item's words (True: coach.guard.check; None/False: unchecked, for tests of the extraction alone).
    """
    st = _state_dict(state if state is not None else session.state)
    guarded = _Guarded(_default_checker() if checker is True else (checker or None))
    builder = _Builder(turns, session, st, guarded)
    items = builder.build()
    return Summary(session_id=session.id, created_at=_now(), items=items, session_date=session.created_at[:10])


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# --------------------------------------------------------------------------------------------------
# With a store: save for review, review, share


def summarize_session(store: Any, session_id: str, *, state: dict[str, Any] | None = None) -> Summary:
    """Build the session's summary, save it for review and return the stored items (with ids).

    Items the mentee already reviewed are kept as they are.
    """
    session = store.get_session(session_id)
    built = build_summary(store.turns(session_id), session, state)
    # The store drops a proposal that repeats a reviewed (or rejected) item, so a rebuild never
    # undoes the mentee's review.
    items = store.save_summary_items(session_id, built.items)
    return Summary(session_id=session_id, created_at=built.created_at, items=items, session_date=built.session_date)


REVIEW_ACTIONS = {"confirm": "confirmed", "edit": "edited", "reject": "rejected"}


def review_item(store: Any, item_id: int, action: str, text: str | None = None) -> SummaryItem | None:
    """Confirm, edit or reject one item. An edit keeps the quotes and the text first proposed."""
    from coach.errors import CoachError

    status = REVIEW_ACTIONS.get(action.strip().lower()) if action else None
    if status is None:
        raise CoachError(f"Unknown review action '{action}'. Use confirm, edit or reject.")
    if status == "edited":
        if text is None or not text.strip():
            raise CoachError("An edit needs the new wording: --text \"...\".")
        text = " ".join(text.split())
    else:
        text = None
    result = store.review_item(item_id, status, text)
    return result if isinstance(result, SummaryItem) else None
