"""Mentees (a team server): what a mentor's or manager's own mentees chose to share, and questions from it.

Every read goes through `coach.team.shared.SharedWithMe`, which decides what may be seen, writes
the audit line, and refuses anyone else's mentee, whatever this page asks for: the mentee id comes
from the URL (`?mentee=…`, so a link can be bookmarked) or the session, and neither is trusted.
Nothing read is kept between runs: a share the mentee withdraws is gone on the next page load.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from coach.errors import Refused
from ui import render as R
from ui import services
from ui import state as S

st.title("Mentees")
st.caption(
    "What your mentees chose to share with you: only the summary items they confirmed, never the "
    "conversations. Each time you open this, they can see that you did."
)


def _pick(mentees: list[Any]) -> str | None:
    """The mentee asked for: the URL's `mentee`, else the last one picked, else the first."""
    asked = st.query_params.get("mentee") or S.get(S.TEAM_MENTEE)
    ids = [m.id for m in mentees]
    names = {m.id: f"{m.name or 'Unnamed'} · you are their {m.relation}" for m in mentees}
    if not ids and not asked:
        st.info("No mentees are linked to you yet. An admin links mentees to their mentor and manager on "
                "the Team page.", icon=":material/info:")
        return None
    wanted = asked or ids[0]

    def chose() -> None:
        S.put(S.TEAM_MENTEE, S.get(S.TEAM_MENTEE_PICK))
        st.query_params["mentee"] = S.get(S.TEAM_MENTEE_PICK)

    if ids:
        st.selectbox("Mentee", ids, index=ids.index(wanted) if wanted in ids else None,
                     format_func=lambda i: names.get(i, i), key=S.TEAM_MENTEE_PICK, on_change=chose,
                     placeholder="Pick one of your mentees")
    return wanted


def _show(doc: dict[str, Any]) -> None:
    items = doc.get("items", [])
    who = doc.get("mentee", {}).get("name") or "Your mentee"
    st.subheader(f"What {R.md_escape(who)} shared with you")
    if not items:
        st.info(f"Nothing is shared with you as their {doc['audience']} right now. They choose what to share "
                "in Review.", icon=":material/visibility_off:")
        return
    kinds = R.KIND_ORDER + sorted({i["kind"] for i in items} - set(R.KIND_ORDER))
    for kind in kinds:
        group = [i for i in items if i["kind"] == kind]
        if not group:
            continue
        with st.container(border=True, key=f"team.kind.{kind}"):
            st.caption(R.md_escape(R.kind_label(kind)))
            for item in group:
                st.markdown(f"**{R.md_escape(item['text'])}**")
                for q in item.get("quotes", []):
                    R.quote(q["text"])
                when = R.short_date(item.get("session_date")) if item.get("session_date") else ""
                if when:
                    st.caption(R.md_escape(when))


def _plan(doc: dict[str, Any]) -> None:
    prep = services.optional("coach.mentor.prep")
    if prep is None:
        R.not_available("The question plan")
        return
    plan = prep.build_prep(doc)
    st.subheader("Questions for your next conversation")
    st.caption(f"From {plan.items} shared item(s) across {plan.sessions} session(s). Pick a few; you won't need "
               "them all.")
    n = 0
    for section in plan.sections:
        if not section.questions:
            continue
        with st.container(border=True):
            st.markdown(f"**{R.md_escape(section.title)}**")
            st.caption(R.md_escape(section.note))
            for q in section.questions:
                n += 1
                st.markdown(f"{n}\\. {R.md_escape(q.text)}")
                if q.quote:
                    R.quote(q.quote)


with services.page_edge():
    person = services.person()
    url = services.settings().database_url
    if person is None or not url:
        st.info("Mentees are part of a team server (docs/TEAM.md).")
        st.stop()
    from coach.team.shared import SharedWithMe

    viewer = SharedWithMe(url, person.id)
    wanted = _pick(viewer.mentees())
    if wanted:
        prepare = st.toggle("Prepare questions from what they shared", key=S.TEAM_PREPARE)
        try:
            # One read per page run, audited as what it is for; never cached between runs.
            doc = viewer.shared(wanted, purpose="prepare" if prepare else "view")
        except Refused as exc:
            st.error(f"**You can't see that.** {R.md_escape(str(exc))} This request was noted in the audit log.",
                     icon=":material/block:")
        else:
            _show(doc)
            if prepare:
                _plan(doc)
