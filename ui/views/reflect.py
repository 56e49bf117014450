"""Reflect: the conversation with the coach.

Before the first message: "Pick up where you left off" first when a session is unfinished, then the
ground rules and who may see what (private / mentor / manager), and already the message box: the
coach (embedder, guard, the vector memory) loads on a thread behind this first screen
(ui/services.py `warm_coach`), so the mentee can start typing at once; sending the first message,
or "Start reflecting", starts the session. Then the chat, with replies streamed from
`Coach.respond_stream` and announced to screen readers, and the side panel: what the coach has
heard so far, read from the session's summary items (coach/mentor/review.py `live_items`, the same reading
as Review), where the mentee confirms, corrects or removes an entry. "End session" plays back what
was heard, titles the session, builds the summary and opens Review.

A reload keeps the place: the session's id is in the page's address (`?s=`), and the draft in the
message box is kept by the browser (ui/chrome.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import streamlit as st

from coach.errors import CoachError, NotFound
from coach.mentor import review
from coach.types import Draft, ShareLevel
from ui import chrome, services
from ui import render as R
from ui import state as S

COACH_AVATAR = R.COACH_AVATAR
RECENT = 40  # messages rendered in full; earlier ones sit behind a toggle so long sessions stay quick
QUERY = "s"  # the session in the address, so a reload comes back to it

st.title("Reflect")


def _open(session_id: str) -> None:
    S.put(S.SESSION_ID, session_id)
    st.query_params[QUERY] = session_id


# -- before the first message ---------------------------------------------------------------------


def _begin(share: ShareLevel, first: str | None = None) -> None:
    """Start the session (waiting for the coach if it is still loading); `first` is answered next."""
    coach = services.get_coach()
    session, _ = coach.start(share=ShareLevel(share))
    _open(session.id)
    S.drop(S.NOTICE)
    if first:
        S.put(S.FIRST_MESSAGE, first)
    st.rerun()


def _unfinished() -> Any | None:
    open_sessions = [s for s in services.peek_store().list_sessions() if not s.closed and s.n_turns > 1]
    return max(open_sessions, key=lambda s: s.last_at or s.created_at) if open_sessions else None


def _start() -> None:
    last = _unfinished()
    if last is not None:  # continuity first: the unfinished session before a new one
        with st.container(border=True, key="reflect.resume_box"):
            st.markdown("**Pick up where you left off**")
            title = f"“{R.md_escape(last.title)}” · " if last.title else ""
            st.caption(f"{title}started {R.nice_date(last.created_at)} · {last.n_turns} messages")
            if st.button("Pick up where you left off", key="reflect.resume", type="primary",
                         icon=":material/history:"):
                _open(last.id)
                S.drop(S.NOTICE)
                st.rerun()
        st.subheader("Or start a new session")
    else:
        st.markdown(
            "A quiet place to think about where your career is going — and what sits underneath it."
        )
    with st.container(border=True):
        st.markdown("**How this works**")
        R.bullet_list(
            [
                "I listen, play back what I hear, and ask one question at a time. I won't give advice "
                "or judge your goals: the answers that last are the ones you find yourself.",
                "What you type is saved on this device, in your data folder, and nowhere else.",
                "Money, ambition, wanting to leave: all of it is fair to talk about here.",
                "End the session whenever you like. I'll play back what I heard, and you decide what "
                "is right and who may see it.",
            ]
        )
    share = st.radio(
        "Who may see what comes out of this session?",
        list(ShareLevel),
        format_func=lambda lv: R.SHARE_SHORT[lv],
        captions=[R.SHARE_HELP[lv] for lv in ShareLevel],
        key=S.SHARE_CHOICE,
    )
    start_type = "secondary" if last is not None else "primary"
    if st.button("Start reflecting", type=start_type, key="reflect.start", icon=":material/arrow_forward:"):
        _begin(ShareLevel(share))
    # Ready to type before the coach is: the first message starts the session with the choice above.
    prompt = st.chat_input("Or just start writing what's on your mind…", key=S.CHAT_INPUT, max_chars=20_000,
                           submit_mode="disable")
    if prompt is not None and prompt.strip():
        with st.spinner("Getting the coach ready…"):
            _begin(ShareLevel(share), prompt)


# -- the conversation -----------------------------------------------------------------------------


def _stream_into_bubble(first: Any, rest: Iterator[Any]) -> Any:
    """Write the coach's reply into a chat bubble as it is produced; return the final Reply.

    Each Draft is the whole text to show now and replaces the last (the guard may take back an
    unfinished sentence, or a revision replace a draft), so the bubble is rewritten, not appended to.
    """
    reply = None
    with st.chat_message("assistant", avatar=COACH_AVATAR):
        st.caption(R.SPEAKER["coach"])
        box = st.empty()
        for item in itertools.chain([first], rest):
            if isinstance(item, Draft):
                box.markdown(R.md_escape(item.text) + " ▌" if item.text else "▌")
            else:
                reply = item
        if reply is not None:
            box.markdown(R.md_escape(reply.text))  # exactly what the guard let through
    return reply


def _end_session(coach: Any, session_id: str) -> None:
    with st.spinner("Playing back what I heard…"):
        closing = coach.close(session_id)
        coach.summary(session_id)
        session = coach.store.get_session(session_id)
        if not session.title:
            title = review.auto_title(coach.store.turns(session_id), coach.store.summary_items(session_id))
            if title:
                coach.store.set_title(session_id, title)
    S.put(S.CLOSING_TEXT, {"session_id": session_id, "text": getattr(closing, "text", "")})
    S.put(S.REVIEW_SESSION, session_id)
    S.drop(S.SESSION_ID, S.NOTICE)
    st.query_params.clear()
    st.switch_page("views/review.py")


def _chat(coach: Any, session_id: str) -> Any:
    """The conversation; returns the place (under the top bar) where a phone shows the side panel."""
    session = coach.store.get_session(session_id)
    top = st.container(horizontal=True, vertical_alignment="center")
    R.privacy_badge(session.share, explain=False, where=top)
    if top.button("End session", key="reflect.end", icon=":material/stop_circle:"):
        _end_session(coach, session_id)
    phone_panel = st.container(key="phone-only")  # filled after the reply, so it includes this turn

    # "disable": no second message while a reply is being written, so no turn is ever cut short.
    prompt = st.chat_input(
        "Write what's on your mind…", key=S.CHAT_INPUT, max_chars=20_000, submit_mode="disable"
    )
    if prompt is None:
        prompt = S.get(S.FIRST_MESSAGE)  # typed on the first screen, before the session existed
        S.drop(S.FIRST_MESSAGE)
    turns = coach.store.turns(session_id)  # the store is the truth; read before this message
    stream = first = failed = None
    if prompt is not None and prompt.strip():
        try:
            # Before any st.* call (where a rerun could cut the script short): the agent stores the
            # mentee's words first thing, so what they typed is on disk before anything is drawn.
            stream = coach.respond_stream(session_id, prompt)
            first = next(stream)
        except CoachError as exc:
            failed = exc

    earlier = max(0, len(turns) - RECENT)
    if earlier and st.toggle(f"Show the {earlier} earlier messages", key=S.SHOW_EARLIER):
        for t in turns[:earlier]:
            R.bubble(t.role, t.text)
    for t in turns[earlier:]:
        R.bubble(t.role, t.text)

    if prompt is not None and prompt.strip():
        R.bubble("mentee", prompt)
        if failed is not None:
            services.show_error(failed)
            st.caption("Your message, so you can copy it:")
            st.code(prompt, language=None, wrap_lines=True)
        else:
            reply = _stream_into_bubble(first, stream)
            S.put(S.NOTICE, getattr(reply, "notice", "") or "")
            if reply is not None:
                chrome.announce(str(getattr(reply, "coach_turn_id", "") or len(turns)), R.SPEAKER["coach"], reply.text)
    notice = S.get(S.NOTICE)
    if notice:
        st.info(R.md_escape(notice), icon=":material/info:")
    return phone_panel


# -- the side panel -------------------------------------------------------------------------------


def _panel(coach: Any, session_id: str, phone: Any) -> None:
    """What the coach has heard: the session's summary items as they stand (the same reading as
    Review), in the sidebar on a wide screen and folded on the page on a phone."""
    store = coach.store
    items = [i for i in review.shown(review.live_items(store, session_id)) if i.kind != review.DECISION]
    depth = review.deepest(store, session_id, getattr(coach.state(session_id), "depth", 0))
    with st.sidebar:
        _panel_body(coach, session_id, items, depth, "side")
    with phone:
        with st.expander(f"What I've heard · {len(items)}", icon=":material/hearing:"):
            _panel_body(coach, session_id, items, depth, "phone")


def _panel_body(coach: Any, session_id: str, items: list[Any], depth: int, where: str) -> None:
    session = coach.store.get_session(session_id)
    if where == "side":
        st.header("What I've heard")
    st.caption(R.SHARE_LABEL[session.share])
    level = st.selectbox(
        "Who may see what comes out of it",
        list(ShareLevel),
        index=list(ShareLevel).index(session.share),
        format_func=lambda lv: R.SHARE_PLAIN[lv],
        key=f"reflect.share.{where}.{session_id}",
    )
    if ShareLevel(level) is not session.share:
        services.share_session(session_id, ShareLevel(level))  # one step: its items follow
        st.rerun()

    st.markdown("**How deep we've gone**")
    st.progress(min(depth, 5) / 5, text=f"{depth} level{'s' if depth != 1 else ''} down, at the deepest")

    groups = [
        ("goal", "Goals", "None named yet."),
        ("bedrock", "Bedrock", "Nothing yet: the simple, lasting things underneath show up as we go."),
        ("motivation", "What seems to drive you", "None heard clearly yet."),
        ("passion", "Where your energy rose", ""),
    ]
    for kind, title, empty in groups:
        group = [i for i in items if i.kind == kind]
        if not group and not empty:
            continue
        st.markdown(f"**{title}**")
        if not group:
            st.caption(empty)
        for item in group:
            _entry(coach, session_id, item, where)


def _entry(coach: Any, session_id: str, item: Any, where: str) -> None:
    """One thing the coach heard, with what the mentee can do about it: confirm it (bedrock),
    correct it in their own words, or remove it (a rejection, like "Not right" in Review)."""
    store = coach.store
    key = f"reflect.{where}.{item.id}"
    editing = S.get(S.PANEL_EDITING) == f"{where}.{item.id}"
    done = item.status in ("confirmed", "edited")
    if item.kind == "bedrock" and not done and item.quotes:
        R.quote(item.quotes[0].text)  # possible bedrock: their words are the point
    else:
        mark = ":material/check_circle: " if done else ""
        st.markdown(f"{mark}{R.md_escape(item.text)}")
        for q in item.quotes[:2]:
            R.quote(q.text)
    if editing:
        new = st.text_input("In your words", value=item.text, key=f"{key}.text")
        row = st.container(horizontal=True)
        if row.button("Save", key=f"{key}.save", type="primary"):
            new = " ".join((new or "").split())
            if new and new != item.text:
                store.review_item(item.id, "edited", new)
            S.drop(S.PANEL_EDITING)
            st.rerun()
        if row.button("Cancel", key=f"{key}.cancel"):
            S.drop(S.PANEL_EDITING)
            st.rerun()
        return
    row = st.container(horizontal=True, gap="small")
    if item.kind == "bedrock" and not done and row.button(
        "That's me", key=f"{key}.confirm", icon=":material/check:",
        help="Confirm this as bedrock: something simple and lasting underneath your goals",
    ):
        store.review_item(item.id, "confirmed")
        if item.quotes:  # the coach stops holding it up for confirmation
            coach.confirm_bedrock(session_id, item.quotes[0].text, item.quotes[0].turn_id)
        st.rerun()
    if row.button("Correct", key=f"{key}.edit", icon=":material/edit:", help="Say it in your own words"):
        S.put(S.PANEL_EDITING, f"{where}.{item.id}")
        st.rerun()
    if row.button("Remove", key=f"{key}.reject", icon=":material/close:",
                  help="That's not right: it leaves the summary, the charts and anything shared"):
        review.set_aside(store, item)
        st.rerun()


with services.page_edge():
    session_id = S.get(S.SESSION_ID)
    if session_id is None and st.query_params.get(QUERY):
        # A reload: come back to the session in the address if it is still open.
        try:
            found = services.peek_store().get_session(st.query_params[QUERY])
        except NotFound:
            found = None
        if found is not None and not found.closed:
            S.put(S.SESSION_ID, found.id)
            session_id = found.id
        else:
            st.query_params.clear()
    if session_id is None:
        services.warm_coach()  # loads behind the first screen; nothing here waits for it
        _start()
    else:
        coach = services.get_coach()
        if st.query_params.get(QUERY) != session_id:
            st.query_params[QUERY] = session_id
        phone = _chat(coach, session_id)
        _panel(coach, session_id, phone)
