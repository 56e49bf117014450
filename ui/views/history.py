"""History: motivations across sessions over time, search of what the mentee said, old transcripts.

A theme over months and years, not one conversation: this page lets the mentee see it. The chart
shows what the summaries kept and the mentee did not reject (coach/mentor/review.py
`motivation_timeline`), with the same numbers as a list beside it for anyone who does not read
charts. A search hit opens its session at that moment.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from coach.mentor import review
from ui import chrome, services
from ui import render as R
from ui import state as S

st.title("History")
st.caption("What keeps coming back across your sessions — in your own words.")


def how_close(score: float) -> str:
    """A search hit's similarity in words a person uses."""
    if score >= 0.55:
        return "very close"
    if score >= 0.35:
        return "close"
    if score >= 0.2:
        return "somewhat close"
    return "loosely related"


def _chart(store: Any) -> None:
    st.header("What drives you, over time")
    rows = []
    timeline = review.motivation_timeline(store)
    titles = {s.id: s.title for s in store.list_sessions()}
    for n, sess in enumerate(timeline, start=1):
        label = f"#{n} · {R.short_date(sess['created_at'])}"
        for name, m in sess["motivations"].items():
            rows.append(
                {
                    "Session": label,
                    "order": n,
                    "Motivation": R.motivation_label(name),
                    "Weight": m["score"],
                    "Mentions": m["count"],
                }
            )
    if not rows:
        st.info("Nothing to chart yet: the chart fills in as you talk about what drives you in Reflect.")
        return
    data = pd.DataFrame(rows)
    chart = (
        alt.Chart(data, title=alt.TitleParams("How strongly each motivation came up, per session", fontSize=13))
        # A fixed bar width: one session should not paint a slab across the page.
        .mark_bar(cornerRadiusTopLeft=3, cornerRadiusTopRight=3, size=max(8, min(56, 480 // len(timeline))))
        .encode(
            x=alt.X("Session:N", sort=alt.SortField("order"), title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("Weight:Q", title="How strongly it came up"),
            color=alt.Color("Motivation:N", legend=alt.Legend(orient="bottom", columns=2, title=None)),
            tooltip=["Session", "Motivation", "Mentions", alt.Tooltip("Weight:Q", format=".2f")],
        )
        .properties(height=320)
    )
    st.altair_chart(chart, width="stretch")
    # The chart in words (WCAG 1.1.1: a chart is an image to a screen reader).
    with st.expander("The chart in words", expanded=False):
        lines = []
        for sess in timeline:
            names = [R.motivation_label(m) for m in sess["motivations"]]
            title = titles.get(sess["session_id"]) or ""
            when = R.short_date(sess["created_at"]) + (f" ({title})" if title else "")
            lines.append(f"{when}: " + (", ".join(names) if names else "nothing heard clearly"))
        R.bullet_list(lines)
    st.caption(
        f"{len(timeline)} session(s). Each bar adds up how strongly each motivation showed in what you said; "
        "what you marked as not right is left out."
    )


def _search(store: Any) -> None:
    st.header("Search what you've said")
    query = st.text_input(
        "Search by meaning, not just words",
        key=S.HISTORY_QUERY,
        placeholder="e.g. helping people, feeling stuck, money",
    )
    if not query or not query.strip():
        return
    memory = services.get_memory()
    if memory is None:
        R.not_available("Search by meaning")
        return
    hits = memory.search(query.strip(), n=8)
    if not hits:
        st.info("Nothing close to that yet.")
        return
    for n, hit in enumerate(hits):
        with st.container(border=True):
            R.quote(hit.text)
            line = st.container(horizontal=True, vertical_alignment="center")
            line.caption(f"{R.short_date(hit.date)} · how close: {how_close(hit.score)}")
            if line.button("Open at this moment", key=f"history.hit.{n}", icon=":material/open_in_new:"):
                S.put(S.HISTORY_OPEN, hit.session_id)
                S.put(S.HISTORY_TURN, hit.turn_id)
                st.rerun()


def _transcript(store: Any) -> None:
    st.header("Past sessions")
    sessions = sorted(store.list_sessions(), key=lambda s: s.created_at, reverse=True)
    if not sessions:
        st.info("No sessions yet. Start one in **Reflect**.")
        return
    by_id = {s.id: s for s in sessions}
    labels = R.session_labels(sessions)
    if S.get(S.HISTORY_OPEN) not in by_id:
        S.drop(S.HISTORY_OPEN)
    picked = st.selectbox(
        "Open a session (read-only)",
        [s.id for s in sessions],
        index=None,
        placeholder="Choose a session",
        format_func=labels.get,
        key=S.HISTORY_OPEN,
    )
    if picked is None:
        return
    turns = store.turns(picked)
    hit = S.get(S.HISTORY_TURN)
    R.privacy_badge(by_id[picked].share)
    # No inner scroll box: a region that scrolls on its own is out of reach of a keyboard (WCAG
    # 2.1.1); the page scrolls, and a search hit is scrolled into view.
    with st.container(border=True):
        for turn in turns:
            if turn.id == hit:
                with st.container(border=True, key="history-hit"):
                    st.caption("What your search found")
                    R.bubble(turn.role, turn.text)
                chrome.scroll_here()
            else:
                R.bubble(turn.role, turn.text)


with services.page_edge():
    store = services.get_store()
    _chart(store)
    _search(store)
    _transcript(store)
