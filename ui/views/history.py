"""History: motivations across sessions over time, semantic search of past statements, old transcripts.

A theme over months and years, not one conversation: this page lets the mentee see it.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from ui import render as R
from ui import services
from ui import state as S

st.title("History")
st.caption("What keeps coming back across your sessions — in your own words.")


def _chart(store: Any) -> None:
    st.subheader("Motivations over time")
    rows = []
    timeline = store.motivation_timeline()
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
        alt.Chart(data)
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
    st.caption(
        f"{len(timeline)} session(s). Each bar adds up how strongly each motivation showed in what you said."
    )


def _search(store: Any) -> None:
    st.subheader("Search what you've said")
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
    for hit in hits:
        with st.container(border=True):
            R.quote(hit.text)
            st.caption(f"{R.short_date(hit.date)} · closeness {hit.score:.2f}")


def _transcript(store: Any) -> None:
    st.subheader("Past sessions")
    sessions = sorted(store.list_sessions(), key=lambda s: s.created_at, reverse=True)
    if not sessions:
        st.info("No sessions yet. Start one in **Reflect**.")
        return
    by_id = {s.id: s for s in sessions}
    picked = st.selectbox(
        "Open a session (read-only)",
        [s.id for s in sessions],
        index=None,
        placeholder="Choose a session",
        format_func=lambda i: R.session_label(by_id[i]),
        key=S.HISTORY_OPEN,
    )
    if picked is None:
        return
    turns = store.turns(picked)
    R.privacy_badge(by_id[picked].share)
    with st.container(border=True, height=520):
        for turn in turns:
            role = "user" if turn.role == "mentee" else "assistant"
            with st.chat_message(role, avatar=R.USER_AVATAR if role == "user" else R.COACH_AVATAR):
                R.say(turn.text)


with services.page_edge():
    store = services.get_store()
    _chart(store)
    _search(store)
    _transcript(store)
