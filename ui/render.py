"""Small rendering helpers shared by the pages: safe text, labels, the privacy indicator.

Mentee text is never HTML and never markdown: `md_escape` (coach/text/sanitize.py `md_literal`, the
one sanitizer every sink uses) drops control and bidi-override characters and backslash-escapes
every character markdown (and Streamlit's extensions: :color[...], :material/...:, $math$) would
interpret, so `<b>hi</b>`, `**hi**`, `![](https://tracker/p.png)` or `[x](https://anywhere)`
typed by a mentee or found in an uploaded file shows exactly as written, loads nothing and links
nowhere. `unsafe_allow_html` is never used with anything a person typed. Labels and captions built
from data (a share file's kind, motivation or date) go through it too.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import streamlit as st

from coach.text.sanitize import clean_line, md_literal
from coach.types import ShareLevel

__all__ = ["clean_line", "md_escape"]  # and the helpers below

def md_escape(text: str) -> str:
    """Text shown literally by st.markdown / st.chat_message / st.write_stream / st.caption."""
    return md_literal(text)


def say(text: str) -> None:
    st.markdown(md_escape(text))


def quote(text: str) -> None:
    """One quote of the mentee's own words, shown as a quote (safely)."""
    one_line = " ".join(str(text).split())
    st.markdown(f"> “{md_escape(one_line)}”")


USER_AVATAR = ":material/person:"
COACH_AVATAR = ":material/landscape:"  # bedrock; an icon, not an emoji (not every system has emoji fonts)
SPEAKER = {"mentee": "You", "coach": "Coach"}


def bubble(role: str, text: str) -> None:
    """One chat bubble, with its speaker named in words (an icon alone says nothing to a screen
    reader, or to anyone unsure which icon is whom)."""
    mentee = role == "mentee"
    with st.chat_message("user" if mentee else "assistant", avatar=USER_AVATAR if mentee else COACH_AVATAR):
        st.caption(SPEAKER["mentee" if mentee else "coach"])
        say(text)

# -- sharing ----------------------------------------------------------------------------------------

SHARE_ICON = {
    ShareLevel.PRIVATE: ":material/lock:",
    ShareLevel.MENTOR: ":material/group:",
    ShareLevel.MANAGER: ":material/groups:",
}
SHARE_TEXT = {
    ShareLevel.PRIVATE: "Private — only you see this",
    ShareLevel.MENTOR: "Shared with your mentor",
    ShareLevel.MANAGER: "Shared with your manager and mentor",
}
SHARE_LABEL = {lv: f"{SHARE_ICON[lv]} {SHARE_TEXT[lv]}" for lv in ShareLevel}  # markdown (icons)
SHARE_PLAIN = {  # plain text: selectbox options render no markdown
    ShareLevel.PRIVATE: "Only me",
    ShareLevel.MENTOR: "My mentor",
    ShareLevel.MANAGER: "My manager (and mentor)",
}
SHARE_SHORT = {lv: f"{SHARE_ICON[lv]} {SHARE_PLAIN[lv]}" for lv in ShareLevel}  # markdown (icons)
SHARE_HELP = {
    ShareLevel.PRIVATE: "Nothing leaves this device. You can still share what came out of it later, in Review.",
    ShareLevel.MENTOR: (
        "Your mentor may see the summary items you confirm, with the sentences of yours behind them "
        "(you can leave those out) — never the whole conversation. Review shows you exactly what they see."
    ),
    ShareLevel.MANAGER: (
        "Your manager and mentor may see the summary items you confirm, with the sentences of yours "
        "behind them (you can leave those out) — never the whole conversation. A manager can't keep "
        "everything confidential."
    ),
}


def privacy_badge(level: ShareLevel | str, *, explain: bool = True, where: Any = None) -> None:
    """The privacy indicator: always visible where the mentee's words are."""
    level = ShareLevel(level)
    where = where if where is not None else st
    color = "green" if level is ShareLevel.PRIVATE else "blue"
    where.badge(SHARE_TEXT[level], icon=SHARE_ICON[level], color=color)
    if explain and level is not ShareLevel.PRIVATE:
        where.caption(SHARE_HELP[level])


# -- names for the taxonomy ---------------------------------------------------------------------

MOTIVATION_LABEL = {
    "influence": "Influence",
    "authority": "Authority",
    "recognition": "Recognition",
    "growth": "Growth & mastery",
    "autonomy": "Autonomy",
    "meaning": "Meaningful work",
    "compensation": "Compensation & security",
    "next_rung": "The next rung",
}

KIND_LABEL = {
    "decision": "The decision at hand",
    "goal": "Goal",
    "motivation": "Motivation",
    "bedrock": "Bedrock",
    "passion": "Passion",
    "influence_authority": "Influence or authority",
    "open_question": "Still open",
    "experiment": "Experiment",
}
KIND_ORDER = list(KIND_LABEL)

STATUS_LABEL = {
    "proposed": "To review",
    "confirmed": "Confirmed",
    "edited": "Edited by you",
    "rejected": "Not right",
}
STATUS_BADGE = {  # (icon, color) for st.badge
    "proposed": (":material/pending:", "gray"),
    "confirmed": (":material/check:", "green"),
    "edited": (":material/edit:", "green"),
    "rejected": (":material/close:", "red"),
}


def motivation_label(name: str | None) -> str:
    if not name:
        return ""
    return MOTIVATION_LABEL.get(str(name), str(name).replace("_", " ").capitalize())


def kind_label(kind: str) -> str:
    return KIND_LABEL.get(kind, kind.replace("_", " ").capitalize())


def nice_date(iso: str | None) -> str:
    """'2025-03-04T10:22:00+00:00' -> 'Tue 4 Mar 2025, 10:22' (as stored, UTC)."""
    if not iso:
        return ""
    try:
        dt = datetime.fromisoformat(str(iso).replace("Z", "+00:00"))
    except ValueError:
        return str(iso)[:16]
    return f"{dt:%a} {dt.day} {dt:%b %Y, %H:%M}"


def short_date(iso: str | None) -> str:
    """'2025-03-04...' -> '4 Mar 2025'."""
    if not iso:
        return ""
    try:
        dt = datetime.fromisoformat(str(iso)[:10])
    except ValueError:
        return str(iso)[:10]
    return f"{dt.day} {dt:%b %Y}"


SHARED_WITH = {  # a session picker's word for its sharing (plain text)
    ShareLevel.PRIVATE: "only you",
    ShareLevel.MENTOR: "shared with your mentor",
    ShareLevel.MANAGER: "shared with your manager",
}


def session_label(info: object) -> str:
    """One line for a session picker: its title (plain text in a selectbox), when and sharing."""
    created = nice_date(getattr(info, "created_at", ""))
    share = SHARED_WITH.get(ShareLevel(getattr(info, "share", "private")), "")
    state = "" if getattr(info, "closed", False) else " · not finished"
    title = clean_line(getattr(info, "title", "") or "")
    title = f"{title[:48]} · " if title else ""
    return f"{title}{created} · {share}{state}"


def session_labels(infos: Iterable[Any]) -> dict[str, str]:
    """Labels for a session picker, each one different: a selectbox tells its options apart by
    their label, and two sessions with the same title in the same minute would be one to it."""
    out: dict[str, str] = {}
    seen: dict[str, int] = {}
    for info in infos:
        label = session_label(info)
        seen[label] = seen.get(label, 0) + 1
        out[info.id] = label if seen[label] == 1 else f"{label} ({seen[label]})"
    return out


def not_available(feature: str, detail: str = "") -> None:
    msg = f"**{feature} isn't available yet.** It's still being built; this page lights up once it is."
    if detail:
        msg += f"  \n{md_escape(detail)}"
    st.info(msg, icon=":material/construction:")


def item_text(item: Any) -> str:
    """An item's wording, whether a SummaryItem or a share file's dict."""
    return str(item.get("text", "") if isinstance(item, dict) else getattr(item, "text", ""))


def _field(item: Any, key: str) -> Any:
    return item.get(key) if isinstance(item, dict) else getattr(item, key, None)


def shared_items(items: list[Any], *, empty: str = "", key: str = "shared-items") -> None:
    """Items as a mentor or manager sees them (the Prepare page, and Review's preview of it):
    grouped by kind, each in bold with the quotes that were shared with it."""
    if not items:
        if empty:
            st.info(empty)
        return
    kinds = KIND_ORDER + sorted({str(_field(i, "kind")) for i in items} - set(KIND_ORDER))
    with st.container(key=key):
        _shared_groups(items, kinds)


def _shared_groups(items: list[Any], kinds: list[str]) -> None:
    for kind in kinds:
        group = [i for i in items if _field(i, "kind") == kind]
        if not group:
            continue
        with st.container(border=True):
            st.caption(md_escape(kind_label(kind)))  # the kind may come from a file
            for item in group:
                st.markdown(f"**{md_escape(item_text(item))}**")
                for q in _field(item, "quotes") or []:
                    quote(q["text"] if isinstance(q, dict) else q.text)
                date = _field(item, "session_date")
                if date:
                    st.caption(md_escape(short_date(date)))


def bullet_list(lines: Iterable[str]) -> None:
    st.markdown("\n".join(f"- {md_escape(line)}" for line in lines))
