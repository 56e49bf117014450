"""Who sees what on a team server, enforced where the data is read, and the attacks tried on it.

A mentee (Ana) with a mentor (Mo) and a manager (Meg); a second mentor (Max) with his own mentee
(Zoe). Each test reads through the same code the app uses (`SharedWithMe`, `Directory`, `Audit`,
`login.sign_in`), then checks the audit log. Attacks: another mentor's mentee asked for by id, a
mentee id that is not a person, SQL injection in every text field, a share withdrawn between two
reads, a person removed by an admin, an expired login, a non-admin acting as admin, a viewer
query for columns it must never read.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

import psycopg
import pytest

from coach.errors import NotFound, Refused
from coach.store.migrations import VIEWER_ROLE
from coach.store.pg import PgStore, Transaction, get_pool
from coach.team import login
from coach.team.audit import Audit
from coach.team.people import Directory
from coach.team.shared import SharedWithMe
from coach.types import Evidence, ShareLevel, SummaryItem

pytestmark = pytest.mark.postgres

ISS = "https://idp.test"
INJECTIONS = [
    "'; DROP TABLE sessions; --",
    "x' OR '1'='1",
    "\"); DELETE FROM summary_items; --",
    "1; UPDATE people SET roles = '{admin}' --",
    "Robert'); SELECT set_config('app.user_id', 'someone-else', false); --",
    "%s %(x)s ? $1 \\x00-free",
]


@dataclass
class Team:
    url: str
    ana: str
    mo: str
    meg: str
    max: str
    zoe: str


@pytest.fixture
def team(team_url: str) -> Team:
    op = Directory(team_url)
    ids = {
        "ana": op.add(ISS, "ana", name="Ana").id,
        "mo": op.add(ISS, "mo", name="Mo", roles=["mentor"]).id,
        "meg": op.add(ISS, "meg", name="Meg", roles=["manager"]).id,
        "max": op.add(ISS, "max", name="Max", roles=["mentor"]).id,
        "zoe": op.add(ISS, "zoe", name="Zoe").id,
    }
    op.link(ids["ana"], "mentor", ids["mo"])
    op.link(ids["ana"], "manager", ids["meg"])
    op.link(ids["zoe"], "mentor", ids["max"])
    return Team(team_url, **ids)


def _item(sid: str, kind: str, text: str, turn_id: int, share: ShareLevel) -> SummaryItem:
    return SummaryItem(session_id=sid, kind=kind, text=text, quotes=[Evidence(text[:12], 0, 12, turn_id)], share=share)


def _ana_shares(team: Team) -> dict[str, object]:
    """Ana: a private session, a mentor session, a manager session, items at every status."""
    s = PgStore(team.url, team.ana)
    priv = s.create_session(ShareLevel.PRIVATE, "private talk")
    ment = s.create_session(ShareLevel.MENTOR, "mentor talk")
    mana = s.create_session(ShareLevel.MANAGER, "manager talk")
    tp = s.add_turn(priv.id, "mentee", "PRIVATE-WORDS I may leave")
    tm = s.add_turn(ment.id, "mentee", "MENTOR-TRANSCRIPT I want to teach")
    tg = s.add_turn(mana.id, "mentee", "MANAGER-TRANSCRIPT I want a bigger scope")
    s.save_state(ment.id, {"done": ["lottery", "normalize:x"], "motivations": {"growth": [{"text": "STATE-QUOTE"}]}})
    (p,) = s.save_summary_items(priv.id, [_item(priv.id, "goal", "Private goal", tp.id, ShareLevel.MANAGER)])
    s.review_item(p.id, "confirmed")
    m = s.save_summary_items(ment.id, [
        _item(ment.id, "goal", "Teach a course", tm.id, ShareLevel.MENTOR),
        _item(ment.id, "bedrock", "Coach-wording", tm.id, ShareLevel.MANAGER),
        _item(ment.id, "passion", "Proposed-guess", tm.id, ShareLevel.MANAGER),
        _item(ment.id, "experiment", "Rejected-one", tm.id, ShareLevel.MENTOR),
        _item(ment.id, "open_question", "Kept-private", tm.id, ShareLevel.PRIVATE),
    ])
    s.review_item(m[0].id, "confirmed")
    s.review_item(m[1].id, "edited", "Helping others grow")
    s.review_item(m[3].id, "rejected")
    s.review_item(m[4].id, "confirmed")
    g = s.save_summary_items(mana.id, [
        _item(mana.id, "goal", "Lead the platform", tg.id, ShareLevel.MANAGER),
        _item(mana.id, "motivation", "Mentor-only in a manager session", tg.id, ShareLevel.MENTOR),
    ])
    s.review_item(g[0].id, "confirmed")
    s.review_item(g[1].id, "confirmed")
    return {"store": s, "priv": priv, "ment": ment, "mana": mana}


SECRETS = ("PRIVATE-WORDS", "TRANSCRIPT", "STATE-QUOTE", "Private goal", "Coach-wording", "Proposed-guess",
           "Rejected-one", "Kept-private", "normalize:")


def test_a_mentor_sees_exactly_what_their_mentee_shared_at_mentor_level_or_above(team: Team) -> None:
    f = _ana_shares(team)
    doc = SharedWithMe(team.url, team.mo).shared(team.ana)
    assert doc["audience"] == "mentor" and doc["mentee"]["name"] == "Ana"
    assert [i["text"] for i in doc["items"]] == [
        "Teach a course", "Helping others grow", "Lead the platform", "Mentor-only in a manager session"]
    assert [s["id"] for s in doc["sessions"]] == [f["ment"].id, f["mana"].id]  # the private one: not even its id
    assert doc["sessions"][0]["techniques"] == ["lottery"]  # names of techniques used, never words
    dumped = json.dumps(doc)
    assert f["priv"].id not in dumped and not [s for s in SECRETS if s in dumped]
    # the mentee's own export for a mentor says the same (one rule, two readers)
    own = f["store"].export(ShareLevel.MENTOR)
    assert [i["text"] for i in own["items"]] == [i["text"] for i in doc["items"]]


def test_a_manager_sees_only_what_was_shared_with_managers(team: Team) -> None:
    _ana_shares(team)
    doc = SharedWithMe(team.url, team.meg).shared(team.ana)
    assert doc["audience"] == "manager"
    # "Helping others grow" is shared with managers, but its session only with a mentor: the
    # session is the ceiling. "Mentor-only" sits in a manager session, shared with a mentor only.
    assert [i["text"] for i in doc["items"]] == ["Lead the platform"]
    assert not [s for s in (*SECRETS, "Teach a course", "Mentor-only", "Helping") if s in json.dumps(doc)]


def test_another_mentors_mentee_is_refused_with_an_audit_line(team: Team) -> None:
    _ana_shares(team)
    max_view = SharedWithMe(team.url, team.max)
    assert [m.id for m in max_view.mentees()] == [team.zoe]
    for asked in (team.ana, "not-a-person", INJECTIONS[1], ""):
        with pytest.raises(Refused, match="not your mentee"):
            max_view.shared(asked)
    lines = Audit(team.url, team.max).mine()
    assert [(ln.action, ln.outcome) for ln in lines] == [("view", "refused")] * 4
    about_ana = Audit(team.url, team.ana).about_me()
    assert [(ln.actor_name, ln.outcome) for ln in about_ana if ln.action == "view"] == [("Max", "refused")]


def test_a_viewer_role_cannot_read_state_turns_or_first_wordings_even_with_its_own_sql(team: Team) -> None:
    f = _ana_shares(team)
    tx = Transaction(get_pool(team.url), team.mo, VIEWER_ROLE, "test")
    for sql in ("SELECT state FROM sessions", "SELECT * FROM sessions", "SELECT text FROM turns",
                "SELECT original_text FROM summary_items", "SELECT issuer, email FROM people",
                "UPDATE summary_items SET share = 'manager'", "DELETE FROM audit"):
        with tx("read") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(sql)
    with tx("read") as conn:  # what the policies let through, asked for with no WHERE at all
        ids = {r[0] for r in conn.execute("SELECT id FROM sessions").fetchall()}
        texts = {r[0] for r in conn.execute("SELECT text FROM summary_items").fetchall()}
    assert ids == {f["ment"].id, f["mana"].id}
    assert texts == {"Teach a course", "Helping others grow", "Lead the platform", "Mentor-only in a manager session"}


def test_withdrawing_a_share_takes_effect_on_the_next_read(team: Team) -> None:
    f = _ana_shares(team)
    mo = SharedWithMe(team.url, team.mo)
    assert len(mo.shared(team.ana)["items"]) == 4
    f["store"].set_share(f["ment"].id, ShareLevel.PRIVATE)  # withdrawn while Mo's page is open
    assert [i["text"] for i in mo.shared(team.ana)["items"]] == ["Lead the platform", "Mentor-only in a manager session"]
    item = f["store"].summary_items(f["mana"].id)[0]
    f["store"].set_item_share(item.id, ShareLevel.PRIVATE)  # one item withdrawn
    assert [i["text"] for i in mo.shared(team.ana, purpose="prepare")["items"]] == ["Mentor-only in a manager session"]
    f["store"].forget_session(f["mana"].id)  # forgotten: gone too
    assert mo.shared(team.ana)["items"] == []
    lines = [ln for ln in Audit(team.url, team.ana).about_me() if ln.actor_name == "Mo"]
    assert [(ln.action, ln.outcome) for ln in lines] == [("view", "shown"), ("prepare", "shown"), ("view", "shown"),
                                                          ("view", "shown")]
    assert lines[0].target == "nothing shared" and f["ment"].id in lines[-1].target


def test_a_person_removed_by_an_admin_is_refused_at_once(team: Team) -> None:
    _ana_shares(team)
    mo = SharedWithMe(team.url, team.mo)
    assert mo.shared(team.ana)["items"]
    Directory(team.url).remove(team.mo)
    with pytest.raises(Refused):
        mo.shared(team.ana)
    with pytest.raises(Refused):
        mo.mentees()
    # A removed mentee's shares are no longer readable either, and the removal is in the log.
    Directory(team.url).remove(team.zoe)
    with pytest.raises(Refused, match="not your mentee"):
        SharedWithMe(team.url, team.max).shared(team.zoe)
    about_zoe = [(r["action"], r["outcome"]) for r in _all_audit(team.url) if r["owner_id"] == team.zoe]
    assert about_zoe[:2] == [("view", "refused"), ("admin:remove", "done")]


def test_an_expired_or_removed_login_is_refused_with_an_audit_line(team: Team) -> None:
    d = Directory(team.url)
    now = time.time()
    good = {"iss": ISS, "sub": "ana", "name": "Ana B.", "exp": now + 600, "iat": now - 10}
    assert login.sign_in(d, good, now=now).id == team.ana
    assert Directory(team.url, team.ana).get(team.ana).name == "Ana B."  # the login refreshed the name
    with pytest.raises(Refused, match="expired"):
        login.sign_in(d, dict(good, exp=now - 1), now=now)
    with pytest.raises(Refused, match="expired"):
        login.sign_in(d, good, now=now, max_age=5)  # older than COACH_LOGIN_MAX_AGE
    with pytest.raises(Refused, match="did not say who you are"):
        login.sign_in(d, {"sub": "ana"}, now=now)
    d.remove(team.ana)
    with pytest.raises(Refused, match="removed"):
        login.sign_in(d, good, now=now)
    lines = Audit(team.url, team.meg).everything()  # Meg is no admin: she sees nothing of this
    assert lines == []
    ops = [dict(r) for r in _all_audit(team.url) if r["action"] == "login"]
    assert [(r["actor_id"], r["outcome"]) for r in ops] == [(team.ana, "refused")] * 3
    assert "removed" in ops[0]["detail"] and "expired" in ops[2]["detail"]


def test_someone_new_joins_as_a_mentee_unless_enrolment_is_closed(team: Team) -> None:
    d = Directory(team.url)
    with pytest.raises(Refused, match="only the people an admin added"):
        login.sign_in(d, {"iss": ISS, "sub": "newcomer"}, enrol=False)
    p = login.sign_in(d, {"iss": ISS, "sub": "newcomer", "email": "n@example.com"})
    assert p.roles == ("mentee",) and p.active
    # the same subject from another issuer is another person
    other = login.sign_in(d, {"iss": "https://other-idp.test", "sub": "newcomer"})
    assert other.id != p.id


def test_only_an_admin_manages_the_team_and_every_change_is_in_the_log(team: Team) -> None:
    as_ana = Directory(team.url, team.ana)
    for attempt in (lambda: as_ana.link(team.ana, "mentor", team.max), lambda: as_ana.set_roles(team.ana, ["admin"]),
                    lambda: as_ana.remove(team.mo), lambda: as_ana.add(ISS, "friend", roles=["mentor"])):
        with pytest.raises(Refused, match="Only an admin"):
            attempt()
    assert Directory(team.url).get(team.ana).roles == ("mentee",)
    assert [(ln.action, ln.outcome) for ln in Audit(team.url, team.ana).mine()] == [
        ("admin:add", "refused"), ("admin:remove", "refused"), ("admin:roles", "refused"), ("admin:link", "refused")]
    Directory(team.url).set_roles(team.meg, ["manager", "admin"])
    meg = Directory(team.url, team.meg)
    meg.link(team.ana, "mentor", team.max)  # replaces Mo
    assert [m.id for m in SharedWithMe(team.url, team.mo).mentees()] == []
    assert {m.id for m in SharedWithMe(team.url, team.max).mentees()} == {team.ana, team.zoe}
    with pytest.raises(ValueError, match="not a mentor"):
        meg.link(team.zoe, "mentor", team.ana)
    meg.set_roles(team.max, ["mentee"])  # no longer a mentor: keeps no mentees
    assert SharedWithMe(team.url, team.max).mentees() == []
    lines = [(ln.actor_name, ln.action) for ln in Audit(team.url, team.meg).mine()]
    assert lines == [("Meg", "admin:roles"), ("Meg", "admin:link")]


@pytest.mark.parametrize("evil", INJECTIONS)
def test_sql_injection_in_every_text_field_is_kept_as_text(team: Team, evil: str) -> None:
    s = PgStore(team.url, team.ana)
    sess = s.create_session(ShareLevel.MENTOR, title=evil)
    t = s.add_turn(sess.id, "mentee", evil)
    s.record_reply(sess.id, t.id, {"text": evil}, evil, move=evil, guard={"raw": evil}, latency_ms=1.0,
                   state={"thread": evil})
    (item,) = s.save_summary_items(sess.id, [_item(sess.id, "goal", evil, t.id, ShareLevel.MENTOR)])
    s.review_item(item.id, "edited", evil + " (mine)")
    t2 = s.add_turn(sess.id, "mentee", "a plain statement to be reworded in a moment")
    s.edit_turn(t2.id, evil + " again")
    s.set_meta(evil, evil)
    s.add_bank_question(evil, evil, evil, author=evil)
    op = Directory(team.url)
    odd = op.add(evil, evil, name=evil, email=evil)
    login.sign_in(op, {"iss": evil, "sub": evil, "name": evil, "email": evil})
    with pytest.raises(NotFound):
        s.get_session(evil)
    with pytest.raises(Refused):
        SharedWithMe(team.url, team.mo).shared(evil)
    # everything is stored as typed, nothing ran, nobody gained anything
    assert s.get_session(sess.id).title == evil and s.get_meta(evil) == evil
    assert [x.text for x in s.turns(sess.id)] == [evil, evil, evil + " again"]
    assert op.get(odd.id).name == evil and op.get(odd.id).roles == ("mentee",)
    doc = SharedWithMe(team.url, team.mo).shared(team.ana)
    assert [i["text"] for i in doc["items"]] == [evil + " (mine)"]
    assert SharedWithMe(team.url, team.max).mentees()[0].id == team.zoe
    assert Directory(team.url).get(team.ana).roles == ("mentee",)
    assert {p.id for p in op.team().people} >= {team.ana, team.mo, team.meg, team.max, team.zoe, odd.id}
    assert len(PgStore(team.url, team.zoe).list_sessions()) == 0


def _all_audit(url: str) -> list[dict[str, object]]:
    with Transaction(get_pool(url), None, None, "test")("read") as conn:
        return [dict(r) for r in conn.execute("SELECT * FROM audit ORDER BY id DESC").fetchall()]
