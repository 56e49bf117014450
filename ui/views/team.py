"""Team (a team server): who you are here, who sees what you share and who looked, and, for an
admin, the team itself: people, roles, who mentors and manages whom, the whole audit log.

The page calls `coach.team` as the person signed in: an admin's changes are checked again by the
database (row-level security) and written to the audit log; nobody else can make them, whatever
this page shows.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from coach.errors import CoachError
from ui import render as R
from ui import services
from ui import state as S

st.title("Team")

ACTIONS = {
    "view": "looked at what you shared",
    "prepare": "prepared questions from what you shared",
    "login": "sign-in",
    "admin:add": "added a person",
    "admin:roles": "changed roles",
    "admin:link": "linked a mentor or manager",
    "admin:unlink": "removed a link",
    "admin:remove": "removed a person",
    "admin:restore": "let a person back in",
}
OUTCOMES = {"shown": "shown", "refused": "refused", "done": "done"}


def _what(target: str, titles: dict[str, str]) -> str:
    if target.startswith("sessions:"):
        ids = [i for i in target.removeprefix("sessions:").split(",") if i]
        return "; ".join(titles.get(i, f"session {i}") for i in ids)
    return target


def _audit_table(lines: list[Any], titles: dict[str, str], *, who_column: str = "Who") -> None:
    if not lines:
        st.caption("Nothing yet.")
        return
    rows = [{"When (UTC)": ln.at[:16].replace("T", " "), who_column: ln.actor_name or "—",
             "What": ACTIONS.get(ln.action, ln.action), "Which": _what(ln.target, titles),
             "Result": OUTCOMES.get(ln.outcome, ln.outcome), "Detail": ln.detail} for ln in lines]
    # a dataframe shows text as text (names and details come from other people)
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def _you(url: str, me: Any) -> None:
    from coach.team.people import Directory

    st.subheader("You")
    st.markdown(f"**{R.md_escape(me.label)}** · {R.md_escape(', '.join(me.roles))}")
    links = Directory(url, me.id).my_links()
    mine = [f"Your {lk.relation}: **{R.md_escape(p.label)}**" for lk, p in links if lk.mentee_id == me.id]
    theirs = [f"You are the {lk.relation} of **{R.md_escape(p.label)}**" for lk, p in links if lk.viewer_id == me.id]
    if me.has("mentee"):
        mine = mine or ["No mentor or manager is linked to you yet: nothing you share reaches anyone."]
    for line in mine + theirs:
        st.markdown(f"- {line}")
    if st.button("Log out", key="team.logout_page", icon=":material/logout:"):
        st.logout()


def _who_looked(url: str, me: Any) -> None:
    from coach.team.audit import Audit

    st.subheader("Who looked at what you shared")
    st.caption("Every time your mentor or manager opens what you shared, or someone is refused, it is noted here.")
    titles = {}
    try:
        for info in services.get_store().list_sessions():
            titles[info.id] = f"{R.short_date(info.created_at)} {info.title}".strip()
    except CoachError:
        pass
    _audit_table(Audit(url, me.id).about_me(), titles)


def _admin(url: str, me: Any) -> None:
    from coach.team.audit import Audit
    from coach.team.people import ROLES, Directory

    d = Directory(url, me.id)
    st.subheader("People")
    flash = S.get(S.TEAM_FLASH)
    if flash:
        st.success(R.md_escape(flash), icon=":material/check_circle:")
        S.drop(S.TEAM_FLASH)
    team = d.team()
    by_id = team.by_id()
    link_of = {(lk.mentee_id, lk.relation): by_id.get(lk.viewer_id) for lk in team.links}
    st.dataframe(pd.DataFrame([{
        "Name": p.label, "Roles": ", ".join(p.roles), "Mentor": getattr(link_of.get((p.id, "mentor")), "label", ""),
        "Manager": getattr(link_of.get((p.id, "manager")), "label", ""), "Active": p.active, "Id": p.id,
    } for p in team.people]), hide_index=True, width="stretch")
    active = [p for p in team.people if p.active]
    label = {p.id: f"{p.label} ({p.id[:6]})" for p in team.people}

    def done(message: str) -> None:
        S.put(S.TEAM_FLASH, message)
        st.rerun()

    with st.form("team.link_form"):
        st.markdown("**Link a mentee to their mentor and manager**")
        mentee = st.selectbox("Mentee", [p.id for p in active], format_func=label.get, key="team.link_mentee")
        mentors = [p.id for p in active if p.has("mentor")]
        managers = [p.id for p in active if p.has("manager")]
        mentor = st.selectbox("Mentor", mentors, index=None, format_func=label.get, key="team.link_mentor",
                              placeholder="(keep as it is)")
        manager = st.selectbox("Manager", managers, index=None, format_func=label.get, key="team.link_manager",
                               placeholder="(keep as it is)")
        if st.form_submit_button("Link", icon=":material/link:") and mentee:
            for relation, viewer in (("mentor", mentor), ("manager", manager)):
                if viewer:
                    d.link(mentee, relation, viewer)
            done("Linked.")

    with st.form("team.roles_form"):
        st.markdown("**Roles**")
        who = st.selectbox("Person", [p.id for p in active], format_func=label.get, key="team.roles_person")
        roles = st.multiselect("Roles", list(ROLES), default=["mentee"], key="team.roles_value")
        if st.form_submit_button("Set roles") and who:
            d.set_roles(who, roles)
            done("Roles saved.")

    with st.form("team.add_form"):
        st.markdown("**Add someone before their first sign-in**")
        issuer = st.text_input("Issuer (the login provider's URL, `iss`)", key="team.add_issuer")
        subject = st.text_input("Subject (their id at the provider, `sub`)", key="team.add_subject")
        name = st.text_input("Name", key="team.add_name")
        email = st.text_input("Email", key="team.add_email")
        roles = st.multiselect("Roles", list(ROLES), default=["mentee"], key="team.add_roles")
        if st.form_submit_button("Add", icon=":material/person_add:"):
            try:
                p = d.add(issuer, subject, name=name, email=email, roles=roles)
            except ValueError as exc:
                st.error(R.md_escape(str(exc)))
            else:
                done(f"Added {p.label}.")

    with st.form("team.remove_form"):
        st.markdown("**Remove someone** — at once: their next click is refused; their own data stays theirs.")
        gone = st.selectbox("Person", [p.id for p in active if p.id != me.id], index=None, format_func=label.get,
                            key="team.remove_person")
        sure = st.checkbox("Yes, remove them", key="team.remove_sure")
        if st.form_submit_button("Remove", icon=":material/person_remove:") and gone and sure:
            p = d.remove(gone)
            done(f"Removed {p.label}.")

    st.subheader("Audit log")
    _audit_table(Audit(url, me.id).everything(), {}, who_column="Who")


with services.page_edge():
    me = services.person()
    url = services.settings().database_url
    if me is None or not url:
        st.info("This page is for a team server (docs/TEAM.md). This Bedrock is yours alone.")
        st.stop()
    _you(url, me)
    if me.has("mentee"):
        _who_looked(url, me)
    if me.has("admin"):
        _admin(url, me)
