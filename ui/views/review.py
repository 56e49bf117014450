"""Review: the bedrock summary of a session, item by item, and the portrait across sessions.

Each item carries the mentee's own words behind it. The mentee confirms, edits or rejects it and
chooses who may see it; the store enforces what a mentor or manager can read.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from coach.types import ShareLevel
from ui import render as R
from ui import services
from ui import state as S

st.title("Review")
st.caption(
    "Nothing enters your summary without your own words behind it. Confirm what is true, edit what "
    "is nearly right, reject what isn't — and choose who may see each item."
)


def _pick_session(store: Any) -> str | None:
    sessions = sorted(store.list_sessions(), key=lambda s: s.created_at, reverse=True)
    if not sessions:
        st.info("No sessions yet. Start one in **Reflect**; its summary appears here when you end it.")
        st.page_link("views/reflect.py", label="Go to Reflect", icon=":material/forum:")
        return None
    ids = [s.id for s in sessions]
    wanted = S.get(S.REVIEW_SESSION)
    if wanted in ids:  # arriving from "End session": open that one
        S.put(S.REVIEW_PICK, wanted)
        S.drop(S.REVIEW_SESSION)
    if S.get(S.REVIEW_PICK) not in ids:
        closed = [s.id for s in sessions if s.closed and s.n_turns > 1]
        S.put(S.REVIEW_PICK, closed[0] if closed else ids[0])
    by_id = {s.id: s for s in sessions}
    return st.selectbox(
        "Session", ids, format_func=lambda i: R.session_label(by_id[i]), key=S.REVIEW_PICK
    )


def _closing(session_id: str) -> None:
    closing = S.get(S.CLOSING_TEXT)
    if closing and closing.get("session_id") == session_id and closing.get("text"):
        with st.chat_message("assistant", avatar=R.COACH_AVATAR):
            R.say(closing["text"])


def _session_share(store: Any, session_id: str) -> ShareLevel:
    session = store.get_session(session_id)
    level = st.segmented_control(
        "Who may see items from this session",
        list(ShareLevel),
        default=session.share,
        format_func=lambda lv: R.SHARE_SHORT[lv],
        key=f"review.session_share.{session_id}",
    )
    if level is not None and ShareLevel(level) is not session.share:
        _set_session_share(store, session_id, ShareLevel(level))
        st.rerun()
    R.privacy_badge(session.share)
    return session.share


def _set_session_share(store: Any, session_id: str, level: ShareLevel) -> None:
    try:
        coach = services.get_coach()
    except services.FeatureMissing:
        store.set_share(session_id, level)
    else:
        coach.set_share(session_id, level)  # keeps the vector memory's share in step


def _item(store: Any, item: Any, session_share: ShareLevel) -> None:
    editing = S.get(S.EDITING_ITEM) == item.id
    with st.container(border=True, key=f"review.item.{item.id}"):
        head = R.kind_label(item.kind)
        if item.motivation and item.kind in ("motivation", "bedrock"):
            head += f" · {R.motivation_label(item.motivation)}"
        icon, color = R.STATUS_BADGE.get(item.status, (None, "gray"))
        line = st.container(horizontal=True, vertical_alignment="center", gap="small")
        line.caption(R.md_escape(head))
        line.badge(R.STATUS_LABEL.get(item.status, item.status), icon=icon, color=color)
        if editing:
            new = st.text_area(
                "Your wording", value=item.text, key=f"review.edit_text.{item.id}", height=80
            )
            row = st.container(horizontal=True)
            if row.button("Save", key=f"review.save.{item.id}", type="primary"):
                new = (new or "").strip()
                if not new:
                    st.warning("An item needs some words. Reject it instead if it isn't right.")
                else:
                    if new == item.text:
                        store.review_item(item.id, "confirmed")
                    else:
                        store.review_item(item.id, "edited", text=new)
                    S.drop(S.EDITING_ITEM)
                    st.rerun()
            if row.button("Cancel", key=f"review.cancel.{item.id}"):
                S.drop(S.EDITING_ITEM)
                st.rerun()
        else:
            text = R.md_escape(item.text)
            st.markdown(f"~~{text}~~" if item.status == "rejected" else f"**{text}**")
        for q in item.quotes:
            R.quote(q.text)
        if item.status == "edited" and item.original_text and item.original_text != item.text:
            st.caption("First proposed: " + R.md_escape(item.original_text))
        if editing:
            return
        row = st.container(horizontal=True, vertical_alignment="center")
        if item.status != "confirmed" and row.button(
            "Confirm", key=f"review.confirm.{item.id}", icon=":material/check:"
        ):
            store.review_item(item.id, "confirmed")
            st.rerun()
        if row.button("Edit", key=f"review.editbtn.{item.id}", icon=":material/edit:"):
            S.put(S.EDITING_ITEM, item.id)
            st.rerun()
        if item.status != "rejected" and row.button(
            "Not right", key=f"review.reject.{item.id}", icon=":material/close:"
        ):
            store.review_item(item.id, "rejected")
            st.rerun()
        if session_share is not ShareLevel.PRIVATE and item.status != "rejected":
            options = [lv for lv in ShareLevel if lv.rank <= session_share.rank]
            level = row.segmented_control(
                "Share",
                options,
                default=item.share if item.share in options else ShareLevel.PRIVATE,
                format_func=lambda lv: R.SHARE_SHORT[lv],
                key=f"review.item_share.{item.id}",
                label_visibility="collapsed",
            )
            if level is not None and ShareLevel(level) is not item.share:
                store.set_item_share(item.id, ShareLevel(level))
                st.rerun()
            if item.status == "proposed" and item.share is not ShareLevel.PRIVATE:
                # The store shares only what the mentee confirmed or edited (coach/store/sql.py).
                st.caption("Shared once you confirm or edit it.")


def _items(store: Any, session_id: str, session_share: ShareLevel) -> list[Any]:
    items = store.summary_items(session_id)
    if not items:
        n_mentee = sum(1 for t in store.turns(session_id) if t.role == "mentee")
        if n_mentee == 0:
            st.info("This session has no messages from you yet, so there is nothing to summarise.")
            return []
        st.info("This session has no summary yet.")
        if st.button("Build the summary", type="primary", key="review.build"):
            with st.spinner("Reading the session back…"):
                services.get_coach().summary(session_id)
            st.rerun()
        return []
    st.subheader("What came out of it")
    kinds = R.KIND_ORDER + sorted({i.kind for i in items} - set(R.KIND_ORDER))
    for kind in kinds:
        for item in (i for i in items if i.kind == kind):
            _item(store, item, session_share)
    return items


def _exports(store: Any, session_id: str, session_share: ShareLevel) -> None:
    share_mod = services.optional("coach.store.share")
    doc = store.export(ShareLevel.PRIVATE, session_ids=[session_id])
    # A summary export: the items and their quotes, not the transcript.
    doc["sessions"] = [{k: v for k, v in s.items() if k != "turns"} for s in doc["sessions"]]
    stamp = date.today().isoformat()
    st.subheader("Take it with you")
    row = st.container(horizontal=True)
    if share_mod is not None:
        row.download_button(
            "Summary (Markdown)",
            share_mod.render_markdown(doc),
            file_name=f"bedrock-summary-{stamp}.md",
            mime="text/markdown",
            icon=":material/description:",
            key="review.dl_md",
        )
    row.download_button(
        "Summary (JSON)",
        json.dumps(doc, indent=2, ensure_ascii=False),
        file_name=f"bedrock-summary-{stamp}.json",
        mime="application/json",
        icon=":material/data_object:",
        key="review.dl_json",
    )
    if session_share is not ShareLevel.PRIVATE:
        shared = store.export(session_share, session_ids=[session_id])
        row.download_button(
            f"What your {'manager' if session_share is ShareLevel.MANAGER else 'mentor'} will see",
            json.dumps(shared, indent=2, ensure_ascii=False),
            file_name=f"bedrock-share-{session_share.value}-{stamp}.json",
            mime="application/json",
            icon=":material/share:",
            key="review.dl_share",
            help="A share file with only the items you shared, and no conversation. "
            "They open it in Prepare.",
        )


def _portrait(store: Any) -> None:
    st.subheader("Across your sessions")
    portrait_mod = services.optional("coach.portrait")
    if portrait_mod is None:
        R.not_available("The portrait across sessions")
        return
    portrait = portrait_mod.build_portrait(store)
    if len(portrait.sessions) < 2:
        st.caption("Your portrait grows over weeks and months: it shows what stays and what shifts once you have two sessions or more.")
    if portrait.bedrock:
        with st.container(border=True):
            st.caption("Bedrock — what seems to run deepest")
            for t in portrait.bedrock:
                R.quote(t.quote or t.text)
                seen = R.short_date(t.first_seen)
                if t.last_seen != t.first_seen:
                    seen += f" → {R.short_date(t.last_seen)}"
                mark = "✓ confirmed by you" if t.confirmed else "not yet confirmed"
                st.caption(f"{mark} · heard {seen} · {len(t.sessions)} session(s)")
    if portrait.goals:
        with st.container(border=True):
            st.caption("Goals you named")
            for t in portrait.goals:
                st.markdown(f"**{R.md_escape(t.text)}**")
                if t.quote:
                    R.quote(t.quote)
    rows = [
        {"Session": f"{R.short_date(s.date)}", "order": n, "Motivation": R.motivation_label(m), "Share": w}
        for n, s in enumerate(portrait.sessions)
        for m, w in s.weights.items()
    ]
    if rows and len(portrait.sessions) > 1:
        chart = (
            alt.Chart(pd.DataFrame(rows))
            .mark_bar()
            .encode(
                y=alt.Y("Session:N", sort=alt.SortField("order"), title=None),
                x=alt.X("Share:Q", stack="normalize", axis=alt.Axis(format="%"), title=None),
                color=alt.Color("Motivation:N", legend=alt.Legend(orient="bottom", columns=2, title=None)),
                tooltip=["Session", "Motivation", alt.Tooltip("Share:Q", format=".0%")],
            )
            .properties(height=max(90, 34 * len(portrait.sessions)))
        )
        st.altair_chart(chart, width="stretch")
    if portrait.new_since_last:
        st.markdown("**New since last time**")
        R.bullet_list(_change(c) for c in portrait.new_since_last)
    if portrait.not_mentioned_lately:
        st.markdown("**Not mentioned lately**")
        R.bullet_list(f"{_change(c)} (last heard {R.short_date(c.when)})" for c in portrait.not_mentioned_lately)
    st.download_button(
        "Portrait (Markdown)",
        portrait.to_markdown(),
        file_name=f"bedrock-portrait-{date.today().isoformat()}.md",
        mime="text/markdown",
        icon=":material/description:",
        key="review.dl_portrait",
    )


def _change(c: Any) -> str:
    if c.kind == "motivation":
        return R.motivation_label(c.what)
    return f"“{c.what}”" if c.kind == "bedrock" else str(c.what)


with services.page_edge():
    store = services.get_store()
    session_id = _pick_session(store)
    if session_id is not None:
        _closing(session_id)
        share = _session_share(store, session_id)
        if _items(store, session_id, share):
            _exports(store, session_id, share)
        _portrait(store)
