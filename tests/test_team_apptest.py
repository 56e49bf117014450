"""The app on a team server, driven by Streamlit's AppTest with a signed-in user's claims.

The login itself (a real OpenID Connect provider, a real browser) is in test_team_browser.py; here
the claims are handed to the app as `st.user` so each case is quick: who gets which pages, a mentee
id tampered with in the session state or the URL, SQL injection typed into the admin's forms, a
removed person and an expired login, and a database without a login configured.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from coach.store.pg import PgStore
from coach.team.audit import Audit
from coach.team.people import Directory
from coach.types import Evidence, ShareLevel, SummaryItem
from ui import state as S

pytestmark = pytest.mark.postgres

APP = Path(__file__).resolve().parent.parent / "ui" / "app.py"
ISS = "https://idp.test"
AUTH = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "x" * 32, "client_id": "bedrock",
        "client_secret": "s", "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}


@pytest.fixture
def team(team_url: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("COACH_DATABASE_URL", team_url)
    op = Directory(team_url)
    ids = {"url": team_url,
           "ana": op.add(ISS, "ana", name="Ana").id,
           "mo": op.add(ISS, "mo", name="Mo", roles=["mentor"]).id,
           "max": op.add(ISS, "max", name="Max", roles=["mentor"]).id,
           "zoe": op.add(ISS, "zoe", name="Zoe").id,
           "root": op.add(ISS, "root", name="Root", roles=["mentee", "admin"]).id}
    op.link(ids["ana"], "mentor", ids["mo"])
    op.link(ids["zoe"], "mentor", ids["max"])
    for who, text in (("ana", "Teach a course"), ("zoe", "ZOE-ONLY goal")):
        s = PgStore(team_url, ids[who])
        sess = s.create_session(ShareLevel.MENTOR)
        t = s.add_turn(sess.id, "mentee", f"{text} is what I want")
        (item,) = s.save_summary_items(sess.id, [SummaryItem(session_id=sess.id, kind="goal", text=text,
                                                             quotes=[Evidence(text, 0, len(text), t.id)],
                                                             share=ShareLevel.MENTOR)])
        s.review_item(item.id, "confirmed")
    return ids


def _app(sub: str | None, **claims: object) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.secrets["auth"] = AUTH
    if sub is None:
        at.user = {"is_logged_in": False}
    else:
        now = time.time()
        at.user = {"is_logged_in": True, "iss": ISS, "sub": sub, "exp": now + 3600, "iat": now, **claims}
    return at


def _text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [e.value for e in at.error] + [i.value for i in at.info]
    parts += [t.value for t in at.title] + [c.value for c in at.caption]
    return "\n".join(str(p) for p in parts)


def test_without_a_login_only_the_login_screen_shows(team: dict[str, str]) -> None:
    at = _app(None).run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Log in"]
    assert "Reflect" not in _text(at) and "Teach" not in _text(at)


def test_a_database_without_a_login_configured_lets_nobody_in(team: dict[str, str]) -> None:
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.user = {"is_logged_in": True, "iss": ISS, "sub": "mo"}  # no [auth]: even claims do not get in
    at.run()
    assert "no login" in _text(at) and "Teach" not in _text(at)


def test_a_mentor_sees_their_mentees_items_and_tampering_is_refused_and_logged(team: dict[str, str]) -> None:
    at = _app("mo").run()
    assert not at.exception
    assert at.title[0].value == "Mentees"
    assert "Teach a course" in _text(at) and "ZOE-ONLY" not in _text(at)
    # the session state names another mentor's mentee
    at.session_state[S.TEAM_MENTEE] = team["zoe"]
    at.run()
    assert "You can't see that" in _text(at) and "ZOE-ONLY" not in _text(at)
    # ... and so does the URL
    at.session_state[S.TEAM_MENTEE] = team["ana"]
    at.query_params["mentee"] = team["zoe"]
    at.run()
    assert "You can't see that" in _text(at) and "ZOE-ONLY" not in _text(at)
    lines = Audit(team["url"], team["mo"]).mine()
    assert [(ln.action, ln.outcome, ln.owner_id) for ln in lines[:2]] == [
        ("view", "refused", team["zoe"]), ("view", "refused", team["zoe"])]


def test_pages_follow_the_roles(team: dict[str, str]) -> None:
    from ui.team import page_names

    people = Directory(team["url"]).team().by_id()
    assert page_names(people[team["ana"]]) == ["reflect", "review", "history", "memory", "team", "settings"]
    assert page_names(people[team["mo"]]) == ["mentees", "prepare", "mirror", "team", "settings"]
    assert page_names(people[team["root"]])[-1] == "advanced"
    at = _app("ana").run()
    assert at.title[0].value == "Reflect" and not at.exception


@pytest.mark.parametrize("evil", ["'; DROP TABLE people; --", "x' OR '1'='1", "Robert'); DELETE FROM links; --"])
def test_sql_injection_typed_into_the_admins_form_is_kept_as_text(team: dict[str, str], evil: str) -> None:
    at = _app("root").run()
    at.switch_page("views/team.py").run()
    assert not at.exception
    at.text_input(key="team.add_issuer").set_value(evil)
    at.text_input(key="team.add_subject").set_value(evil)
    at.text_input(key="team.add_name").set_value(evil)
    at.text_input(key="team.add_email").set_value(evil)
    at.button[[b.label for b in at.button].index("Add")].click().run()
    assert not at.exception
    team_now = Directory(team["url"]).team()
    added = [p for p in team_now.people if p.subject == evil]
    assert len(added) == 1 and added[0].name == evil and added[0].roles == ("mentee",)
    assert len(team_now.people) == 6 and len(team_now.links) == 2  # nothing dropped, nothing deleted


def test_a_removed_person_and_an_expired_login_get_a_clear_refusal(team: dict[str, str]) -> None:
    at = _app("ana", exp=time.time() - 5).run()
    assert "expired" in _text(at) and "Sign in again" in [b.label for b in at.button]
    Directory(team["url"]).remove(team["mo"])
    at = _app("mo").run()
    assert "removed" in _text(at) and "Teach" not in _text(at)


def test_sql_injection_typed_to_the_coach_is_kept_as_the_mentees_words(team: dict[str, str]) -> None:
    evil = "'); DELETE FROM turns; UPDATE sessions SET share = 'manager' WHERE ('1'='1"
    at = _app("ana").run()
    at.chat_input(key=S.CHAT_INPUT).set_value(evil).run()
    assert not at.exception
    store = PgStore(team["url"], team["ana"])
    sessions = store.list_sessions()
    newest = sessions[0]
    assert evil in [t.text for t in store.turns(newest.id) if t.role == "mentee"]
    assert newest.share is ShareLevel.PRIVATE and newest.n_turns >= 3  # opening, the words, a reply
    assert all(s.share is ShareLevel.MENTOR for s in sessions[1:])  # the earlier session is as it was
    zoe = PgStore(team["url"], team["zoe"]).list_sessions()
    assert len(zoe) == 1 and zoe[0].n_turns == 1  # nobody else's rows were touched
