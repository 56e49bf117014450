"""The login gate of a team server, and which pages each person gets.

Team mode needs both a team store (COACH_DATABASE_URL) and an OpenID Connect login (an [auth]
section in .streamlit/secrets.toml, Streamlit's `st.login`). Without the database URL the app is
the personal Bedrock: no login, nothing here runs. With it but no login configured, the app
refuses to start rather than serve a shared database to anyone who opens the page.

Every script run checks the login again (coach/team/login.py): an expired login or a person an
admin removed is refused, with an audit line, before any page runs.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from coach.config import load_settings
from coach.errors import CoachError, ConfigError, Refused
from ui import state as S


def auth_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file at all (Streamlit raises its own error type)
        return False


def _login_screen() -> None:
    st.title("Bedrock")
    st.write("A reflection coach for career conversations. Sign in with your organisation's account "
             "to reflect, or to see what your mentees chose to share with you.")
    if st.button("Log in", type="primary", icon=":material/login:", key="team.login"):
        st.login()


def _refused_screen(message: str) -> None:
    st.title("Bedrock")
    st.error(message, icon=":material/block:")
    if "expired" in message:
        if st.button("Sign in again", type="primary", key="team.relogin"):
            st.login()
    elif st.button("Log out", key="team.logout"):
        st.logout()


def gate() -> Any | None:
    """The signed-in Person on a team server (None for a personal Bedrock). Stops the run with a
    login screen, or a refusal, when there is no acceptable login."""
    try:
        settings = load_settings()
    except ConfigError:
        S.drop(S.TEAM_PERSON)
        return None  # a personal Bedrock with a broken settings file: its pages say what is wrong
    if not settings.database_url:
        S.drop(S.TEAM_PERSON)
        return None
    if not auth_configured():
        st.title("Bedrock")
        st.error("This server has a team database (COACH_DATABASE_URL) but no login: add an [auth] section "
                 "to .streamlit/secrets.toml (docs/TEAM.md). Nobody is let in without one.",
                 icon=":material/lock:")
        st.stop()
    if not st.user.is_logged_in:
        S.drop(S.TEAM_PERSON)
        _login_screen()
        st.stop()
    from coach.team import login
    from coach.team.people import Directory

    try:
        person = login.sign_in(Directory(settings.database_url), st.user.to_dict(),
                               max_age=settings.login_max_age_s or None, enrol=settings.team_enrol == "open")
    except Refused as exc:
        S.drop(S.TEAM_PERSON)
        _refused_screen(str(exc))
        st.stop()
    except CoachError as exc:
        from ui import services

        S.drop(S.TEAM_PERSON)
        services.show_error(exc)
        st.stop()
    previous = S.get(S.TEAM_PERSON)
    if previous is not None and previous.id != person.id:  # another login in this browser session
        for key in list(st.session_state.keys()):
            if key != S.TEAM_PERSON:
                del st.session_state[key]
    S.put(S.TEAM_PERSON, person)
    return person


PAGES = {
    "reflect": ("views/reflect.py", "Reflect", ":material/forum:"),
    "review": ("views/review.py", "Review", ":material/fact_check:"),
    "history": ("views/history.py", "History", ":material/timeline:"),
    "memory": ("views/memory.py", "What Bedrock remembers", ":material/psychology:"),
    "mentees": ("views/mentees.py", "Mentees", ":material/groups:"),
    "prepare": ("views/prepare.py", "Prepare", ":material/event_note:"),
    "mirror": ("views/mirror.py", "Mirror", ":material/flip:"),
    "team": ("views/team.py", "Team", ":material/badge:"),
    "settings": ("views/settings.py", "Settings", ":material/settings:"),
    "advanced": ("views/advanced.py", "Advanced", ":material/tune:"),
}


def page_names(person: Any) -> list[str]:
    """The pages this person gets on a team server, in order; the first is the default."""
    names: list[str] = []
    if person.has("mentee"):
        names += ["reflect", "review", "history", "memory"]
    if person.has("mentor") or person.has("manager"):
        names += ["mentees", "prepare", "mirror"]
    names += ["team", "settings"]
    if person.has("admin"):
        names.append("advanced")  # the team's voice, and the eval report
    return names


def pages(person: Any) -> list[Any]:
    return [st.Page(PAGES[n][0], title=PAGES[n][1], icon=PAGES[n][2], default=i == 0)
            for i, n in enumerate(page_names(person))]
