"""Reflect: the conversation with the coach.

Before the first message: the ground rules and who may see what (private / mentor / manager), and
already the message box: the coach (embedder, guard, the vector memory) loads on a thread behind
this first screen (ui/services.py `warm_coach`), so the mentee can start typing at once; sending
the first message, or "Start reflecting", starts the session. Then the chat, with replies streamed
from `Coach.respond_stream`, and a side panel showing live what the coach has heard. "End session"
plays back what was heard, builds the summary and opens Review.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import streamlit as st

from coach.errors import CoachError
from coach.types import Draft, ShareLevel
from ui import render as R
from ui import services
from ui import state as S

COACH_AVATAR = R.COACH_AVATAR
RECENT = 40  # messages rendered in full; earlier ones sit behind a toggle so long sessions stay quick

st.title("Reflect")


# -- before the first message ---------------------------------------------------------------------


def _begin(share: ShareLevel, first: str | None = None) -> None:
    """Start the session (waiting for the coach if it is still loading); `first` is answered next."""
    coach = services.get_coach()
    session, _ = coach.start(share=ShareLevel(share))
    S.put(S.SESSION_ID, session.id)
    S.drop(S.NOTICE)
    if first:
        S.put(S.FIRST_MESSAGE, first)
    st.rerun()


def _start() -> None:
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
    if st.button("Start reflecting", type="primary", key="reflect.start", icon=":material/arrow_forward:"):
        _begin(ShareLevel(share))
    _resume_offer()
    # Ready to type before the coach is: the first message starts the session with the choice above.
    prompt = st.chat_input("Or just start writing what's on your mind…", key=S.CHAT_INPUT, max_chars=20_000,
                           submit_mode="disable")
    if prompt is not None and prompt.strip():
        with st.spinner("Getting the coach ready…"):
            _begin(ShareLevel(share), prompt)


def _resume_offer() -> None:
    open_sessions = [
        s for s in services.peek_store().list_sessions() if not s.closed and s.n_turns > 1
    ]
    if not open_sessions:
        return
    last = max(open_sessions, key=lambda s: s.last_at or s.created_at)
    st.caption(f"You have an unfinished session from {R.nice_date(last.created_at)}.")
    if st.button("Pick up where you left off", key="reflect.resume", icon=":material/history:"):
        S.put(S.SESSION_ID, last.id)
        S.drop(S.NOTICE)
        st.rerun()


# -- the conversation -----------------------------------------------------------------------------


def _bubble(role: str, text: str) -> None:
    if role == "mentee":
        with st.chat_message("user", avatar=R.USER_AVATAR):
            R.say(text)
    else:
        with st.chat_message("assistant", avatar=COACH_AVATAR):
            R.say(text)


def _stream_into_bubble(first: Any, rest: Iterator[Any]) -> Any:
    """Write the coach's reply into a chat bubble as it is produced; return the final Reply.

    Each Draft is the whole text to show now and replaces the last (the guard may take back an
    unfinished sentence, or a revision replace a draft), so the bubble is rewritten, not appended to.
    """
    reply = None
    with st.chat_message("assistant", avatar=COACH_AVATAR):
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
    S.put(S.CLOSING_TEXT, {"session_id": session_id, "text": getattr(closing, "text", "")})
    S.put(S.REVIEW_SESSION, session_id)
    S.drop(S.SESSION_ID, S.NOTICE)
    st.switch_page("views/review.py")


def _chat(coach: Any, session_id: str) -> None:
    session = coach.store.get_session(session_id)
    top = st.container(horizontal=True, vertical_alignment="center")
    R.privacy_badge(session.share, explain=False, where=top)
    if top.button("End session", key="reflect.end", icon=":material/stop_circle:"):
        _end_session(coach, session_id)

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
            _bubble(t.role, t.text)
    for t in turns[earlier:]:
        _bubble(t.role, t.text)

    if prompt is not None and prompt.strip():
        _bubble("mentee", prompt)
        if failed is not None:
            services.show_error(failed)
            st.caption("Your message, so you can copy it:")
            st.code(prompt, language=None, wrap_lines=True)
        else:
            reply = _stream_into_bubble(first, stream)
            S.put(S.NOTICE, getattr(reply, "notice", "") or "")
    notice = S.get(S.NOTICE)
    if notice:
        st.info(R.md_escape(notice), icon=":material/info:")


# -- the side panel -------------------------------------------------------------------------------


def _panel(coach: Any, session_id: str) -> None:
    state = coach.state(session_id)
    session = coach.store.get_session(session_id)
    sb = st.sidebar
    sb.markdown("### What I've heard")
    sb.caption(R.SHARE_LABEL[session.share])
    level = sb.selectbox(
        "Who may see what comes out of it",
        list(ShareLevel),
        index=list(ShareLevel).index(session.share),
        format_func=lambda lv: R.SHARE_PLAIN[lv],
        key=f"reflect.share.{session_id}",
    )
    if ShareLevel(level) is not session.share:
        coach.set_share(session_id, ShareLevel(level))
        st.rerun()

    depth = int(getattr(state, "depth", 0) or 0)
    thread = getattr(state, "thread", "") or ""
    sb.markdown("**How deep we've gone**")
    sb.progress(min(depth, 5) / 5, text=f"{depth} level{'s' if depth != 1 else ''} down" + (f" · {thread[:40]}" if thread else ""))

    confirmed, candidates = _bedrock(state)
    sb.markdown("**Bedrock**")
    if not candidates and not confirmed:
        sb.caption("Nothing yet: the simple, lasting things underneath show up as we go.")
    for c in confirmed:
        sb.markdown(f":material/check_circle: {R.md_escape(c['text'])}")
    for n, c in enumerate(candidates):
        sb.markdown(f"“{R.md_escape(c['text'])}”")
        if sb.button(
            "That's me", key=f"reflect.bedrock.{session_id}.{n}", icon=":material/check:",
            help="Confirm this as bedrock: something simple and lasting underneath your goals",
        ):
            coach.confirm_bedrock(session_id, c["text"], c.get("turn_id"))
            st.rerun()

    motivations = getattr(state, "motivations", {}) or {}
    sb.markdown("**Motivations**")
    if not motivations:
        sb.caption("None heard clearly yet.")
    ranked = sorted(motivations.items(), key=lambda kv: -len(kv[1] or []))
    for name, quotes in ranked:
        quotes = quotes or []
        with sb.expander(f"{R.motivation_label(name)} · {len(quotes)}"):
            for q in quotes[-3:]:
                R.quote(q.get("text", "") if isinstance(q, dict) else str(q))

    energy = getattr(state, "energy_topics", []) or []
    if energy:
        sb.markdown("**Where your energy rose**")
        for e in energy[-4:]:
            text = e.get("text") or e.get("topic") or "" if isinstance(e, dict) else str(e)
            if text:
                sb.markdown(f"⚡ {R.md_escape(text)}")


def _bedrock(state: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(confirmed, still to confirm): bedrock statements in the mentee's words, each once."""

    def unique(rows: Any) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for r in rows or []:
            row = r if isinstance(r, dict) else {"text": str(r)}
            if row.get("text") and all(o["text"] != row["text"] for o in out):
                out.append(row)
        return out

    confirmed = unique(getattr(state, "bedrock_confirmed", []))
    done = {c["text"] for c in confirmed}
    return confirmed, [c for c in unique(getattr(state, "bedrock_candidates", [])) if c["text"] not in done]


with services.page_edge():
    session_id = S.get(S.SESSION_ID)
    if session_id is None:
        services.warm_coach()  # loads behind the first screen; nothing here waits for it
        _start()
    else:
        coach = services.get_coach()
        _chat(coach, session_id)
        _panel(coach, session_id)
