"""Review: what came out of a session, item by item; sharing it in one step; the portrait.

Each item carries the mentee's own words behind it. The mentee confirms, edits or rejects it
("reviewed 3 of 7", "Confirm all"); what they reject vanishes here and everywhere else (the side
panel, History, the portrait, every export, the mentor's view). Sharing is one step: pick who, choose
whether the quotes go too, see exactly what they will see ("5 items visible to your mentor",
coach/sharing.py, the store's own rules), press one button. The store enforces what a mentor or
manager can read.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from coach import sharing
from coach.mentor import review
from coach.types import ShareLevel
from ui import render as R
from ui import services
from ui import state as S

st.title("Review")
st.caption(
    "Nothing enters your summary without your own words behind it. Confirm what is true, edit what "
    "is nearly right, reject what isn't — then choose who may see it."
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
    labels = R.session_labels(sessions)
    return st.selectbox(
        "Session", ids, format_func=labels.get, key=S.REVIEW_PICK
    )


def _title(store: Any, session_id: str) -> None:
    session = store.get_session(session_id)
    key = f"review.title.{session_id}"

    def save() -> None:
        store.set_title(session_id, " ".join((st.session_state.get(key) or "").split())[:120])

    st.text_input("Title", value=session.title, key=key, on_change=save, max_chars=120,
                  placeholder="Give this conversation a name")


def _closing(session_id: str) -> None:
    closing = S.get(S.CLOSING_TEXT)
    if closing and closing.get("session_id") == session_id and closing.get("text"):
        R.bubble("coach", closing["text"])


# -- the items --------------------------------------------------------------------------------------


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
            st.markdown(f"**{R.md_escape(item.text)}**")
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
        if row.button("Not right", key=f"review.reject.{item.id}", icon=":material/close:",
                      help="It leaves the summary, the charts, the exports and anything shared"):
            review.set_aside(store, item)
            st.rerun()
        if session_share is not ShareLevel.PRIVATE:
            _item_share(store, item, session_share)


def _item_share(store: Any, item: Any, session_share: ShareLevel) -> None:
    who = sharing.WHO[session_share]
    if item.status not in ("confirmed", "edited"):
        st.caption(f"Visible to {who} once you confirm or edit it.")
        return
    visible = item.share.visible_to(session_share)
    on = st.toggle(f"Visible to {who}", value=visible, key=f"review.item_share.{item.id}")
    if on != visible:
        sharing.keep_to_myself(store, item.id, private=not on)
        st.rerun()


def _items(store: Any, session_id: str, session_share: ShareLevel) -> list[Any]:
    every = store.summary_items(session_id)
    if not every:
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
    st.header("What came out of it")
    progress = review.progress(every)
    head = st.container(horizontal=True, vertical_alignment="center")
    head.markdown(f"**{str(progress).capitalize()}**")
    waiting = progress.total - progress.reviewed
    if waiting and head.button(f"Confirm all {waiting}", key="review.confirm_all", icon=":material/done_all:",
                               help="Confirm every item you haven't reviewed yet"):
        review.confirm_all(store, session_id)
        st.rerun()
    items = [i for i in review.shown(every) if i.kind != review.DECISION]
    kinds = R.KIND_ORDER + sorted({i.kind for i in items} - set(R.KIND_ORDER))
    for kind in kinds:
        for item in (i for i in items if i.kind == kind):
            _item(store, item, session_share)
    rejected = [i for i in every if i.status == "rejected"]
    if rejected and st.toggle(f"Show the {len(rejected)} you marked not right", key=f"{S.SHOW_REJECTED}.{session_id}"):
        st.caption("They are in no summary, chart, export or shared view. Bedrock keeps them only so it "
                   "doesn't propose them again.")
        for item in rejected:
            with st.container(border=True):
                st.markdown(f"~~{R.md_escape(item.text)}~~")
                if st.button("That's right after all", key=f"review.unreject.{item.id}", icon=":material/undo:"):
                    store.review_item(item.id, "confirmed")
                    st.rerun()
    return every


def _decision(store: Any, session_id: str, items: list[Any]) -> None:
    st.subheader("The decision in front of you")
    current = review.decision(items)
    suggestion = None if current is not None else review.suggest_decision(store.turns(session_id))
    key = f"review.decision.{session_id}"
    text = st.text_input(
        "In one sentence, if there is one (optional)",
        value=current.text if current is not None else (suggestion.text if suggestion else ""),
        key=key,
        placeholder="e.g. whether to stay in my team or move to the platform team",
        help="Yours to word. If you share this session, your mentor's plan asks about it.",
    )
    if current is None and suggestion is not None:
        st.caption("Taken from what you said. Save it to keep it, or change it first.")
    saved = current.text if current is not None else ""
    if (text or "").strip() != saved and st.button("Save the decision", key="review.decision_save",
                                                   icon=":material/save:"):
        review.set_decision(store, session_id, text or "", suggestion)
        st.rerun()


# -- sharing, in one step ------------------------------------------------------------------------------


def _share(store: Any, session_id: str) -> None:
    st.header("Share with your mentor or manager")
    session = store.get_session(session_id)
    done = S.get(S.SHARE_DONE)
    if done:
        st.success(done, icon=":material/check_circle:")
        S.drop(S.SHARE_DONE)
    now = sharing.current(store, session_id)
    st.caption("Now: " + sharing.headline(now) + ".")
    level = st.segmented_control(
        "Who may see what came out of this session",
        list(ShareLevel),
        default=session.share,
        format_func=lambda lv: R.SHARE_SHORT[lv],
        key=f"{S.SHARE_LEVEL}.{session_id}",
    )
    level = ShareLevel(level) if level is not None else session.share
    quotes = st.toggle(
        "Include the quotes — the sentences of yours behind each item",
        value=store.share_quotes(session_id),
        key=f"{S.SHARE_QUOTES}.{session_id}",
        disabled=level is ShareLevel.PRIVATE,
        help="Without them, they see only the items, in the words you confirmed or edited.",
    )
    preview = sharing.preview(store, session_id, level, quotes)
    if level is not ShareLevel.PRIVATE:
        who = sharing.WHO[level]
        with st.container(border=True, key="review.share_preview"):
            st.markdown(f"**{sharing.headline(preview)}**")
            notes = []
            if preview.waiting:
                notes.append(f"{preview.waiting} more once you confirm or edit them")
            if preview.withheld:
                notes.append(f"{preview.withheld} you keep to yourself")
            notes.append("never the whole conversation" + ("" if quotes else ", nor your exact words"))
            st.caption("; ".join(notes).capitalize() + ".")
            R.shared_items([i.to_dict() for i in preview.visible],
                           empty=f"Nothing yet: {who} sees an item once you confirm or edit it.")
    changed = level is not session.share or (level is not ShareLevel.PRIVATE and quotes != store.share_quotes(session_id))
    if not changed:
        if level is not ShareLevel.PRIVATE:
            st.caption(f"This is what {sharing.WHO[level]} sees now.")
        return
    if level is ShareLevel.PRIVATE:
        label, icon = "Make this session private", ":material/lock:"
    else:
        n = len(preview.visible)
        label = f"Share {n} item{'s' if n != 1 else ''} with {sharing.WHO[level]}"
        icon = ":material/share:"
    if st.button(label, key="review.share_now", type="primary", icon=icon):
        after = services.share_session(session_id, level, quotes if level is not ShareLevel.PRIVATE else None)
        S.put(S.SHARE_DONE, "Done. " + sharing.headline(after) + ".")
        st.rerun()


def _exports(store: Any, session_id: str) -> None:
    session = store.get_session(session_id)
    share_mod = services.optional("coach.store.share")
    doc = store.export(ShareLevel.PRIVATE, session_ids=[session_id])
    # A summary export: the items and their quotes, not the transcript.
    doc["sessions"] = [{k: v for k, v in s.items() if k != "turns"} for s in doc["sessions"]]
    stamp = date.today().isoformat()
    st.header("Take it with you")
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
    if session.share is not ShareLevel.PRIVATE:
        shared = store.export(session.share, session_ids=[session_id])
        row.download_button(
            f"What your {'manager' if session.share is ShareLevel.MANAGER else 'mentor'} will see",
            json.dumps(shared, indent=2, ensure_ascii=False),
            file_name=f"bedrock-share-{session.share.value}-{stamp}.json",
            mime="application/json",
            icon=":material/share:",
            key="review.dl_share",
            help="A share file with only what you shared, and no conversation. They open it in Prepare.",
        )


# -- the portrait ----------------------------------------------------------------------------------


def _portrait(store: Any) -> None:
    st.header("Across your sessions")
    portrait_mod = services.optional("coach.mentor.portrait")
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
                R.quote(t.quote if not t.text or t.text == t.quote else t.text)
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
        _title(store, session_id)
        _closing(session_id)
        share = store.get_session(session_id).share
        items = _items(store, session_id, share)
        if items:
            _decision(store, session_id, items)
            _share(store, session_id)
            _exports(store, session_id)
        _portrait(store)
