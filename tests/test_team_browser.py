"""Bedrock for a team, end to end: real PostgreSQL, a real chroma server, a real OpenID Connect
provider (oidc-provider-mock) and the real app in headless Chromium, one browser context per person.

The story (issue 16): Ana, a mentee, signs in, reflects in a session shared with her mentor and
confirms an item. Mo, her mentor, signs in in another browser, sees it and prepares questions from
it. Max, a second mentor, sees nothing of hers, and the URL he edits to ask for her is refused.
Meg, her manager, sees nothing either (it was shared with the mentor only). Ana withdraws the share:
Mo loses it on his next page load. Ana sees who looked and who was refused. An admin removes Mo:
his next page load is refused. Then a login past its maximum age is refused until the person signs
in again.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from coach.store.pg import PgStore
from coach.team.audit import Audit
from coach.team.people import Directory
from coach.types import ShareLevel
from real_services import free_port, stop, wait_http
from test_ui_browser import launch_chromium, playwright_or_skip

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.oidc, pytest.mark.chroma_server]

ROOT = Path(__file__).resolve().parent.parent
LAPTOP = {"width": 1280, "height": 900}


@dataclass
class App:
    url: str
    log: Path


@contextmanager
def team_app(tmp: Path, *, database: str, chroma: str, oidc: str, **env_extra: str) -> Iterator[App]:
    """The app as docs/TEAM.md runs it: COACH_DATABASE_URL, COACH_CHROMA_URL and an [auth] login."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    secrets_file = tmp / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        f'redirect_uri = "{url}/oauth2callback"\n'
        'cookie_secret = "a-test-cookie-secret-that-is-long-enough"\n'
        'client_id = "bedrock"\n'
        'client_secret = "bedrock-secret"\n'
        f'server_metadata_url = "{oidc}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    home = tmp / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "COACH_"))}
    env.update(COACH_HOME=str(home), COACH_DATABASE_URL=database, COACH_CHROMA_URL=chroma, **env_extra)
    log_path = tmp / "streamlit.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [str(Path(sys.executable).parent / "streamlit"), "run", "ui/app.py", "--server.headless", "true",
             "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
             "--secrets.files", str(secrets_file)],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            wait_http(f"{url}/_stcore/health", proc, log_path, "streamlit", timeout=60)
            yield App(url, log_path)
        finally:
            stop(proc)


def _settle(page) -> None:
    page.wait_for_timeout(300)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=30_000)


def sign_in(browser, app: App, sub: str):
    """A fresh browser context for one person, signed in at the provider as `sub`."""
    from playwright.sync_api import expect

    page = browser.new_context(viewport=LAPTOP).new_page()
    page.goto(app.url)
    page.get_by_role("button", name="Log in").click()
    page.get_by_placeholder("sub").fill(sub)
    page.get_by_role("button", name="Authorize").click()
    expect(page.get_by_role("heading").first).to_be_visible(timeout=30_000)
    _settle(page)
    return page


def until(condition, timeout: float = 30.0) -> None:
    """Wait for something the browser started to land in the database (a click's script run)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the change never reached the database")
        time.sleep(0.1)


def main_text(page):
    return page.get_by_test_id("stMain")


@pytest.fixture
def team(team_url: str, oidc_provider: str) -> dict[str, str]:
    op = Directory(team_url)
    iss = oidc_provider  # the provider's `iss` is the address it was reached at
    ids = {"ana": op.add(iss, "ana", name="Ana").id,
           "mo": op.add(iss, "mo", name="Mo", roles=["mentor"]).id,
           "max": op.add(iss, "max", name="Max", roles=["mentor"]).id,
           "meg": op.add(iss, "meg", name="Meg", roles=["manager"]).id,
           "zoe": op.add(iss, "zoe", name="Zoe").id}
    op.link(ids["ana"], "mentor", ids["mo"])
    op.link(ids["ana"], "manager", ids["meg"])
    op.link(ids["zoe"], "mentor", ids["max"])
    return ids


def test_two_browsers_share_see_withdraw_and_nobody_else_sees(
    tmp_path: Path, team_url: str, chroma_server: str, oidc_provider: str, team: dict[str, str]
) -> None:
    playwright = playwright_or_skip()
    expect = playwright.expect
    with team_app(tmp_path, database=team_url, chroma=chroma_server, oidc=oidc_provider) as app, \
            playwright.sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            # -- Ana reflects, shared with her mentor, and confirms what came out of it
            ana = sign_in(browser, app, "ana")
            expect(ana.get_by_role("heading", name="Reflect")).to_be_visible()
            ana.locator("label").filter(has_text=re.compile(r"\bMy mentor\b")).first.click()
            ana.get_by_role("button", name="Start reflecting").click()
            messages, box = ana.get_by_test_id("stChatMessage"), ana.get_by_test_id("stChatInputTextArea")
            expect(messages.first).to_contain_text("not to give advice", timeout=60_000)
            expect(box).to_be_enabled(timeout=60_000)
            for n, text in enumerate(["I want to lead the data platform team one day.",
                                      "Because I love untangling hard infrastructure problems for others."], 1):
                box.fill(text)
                box.press("Enter")
                expect(messages).to_have_count(1 + 2 * n, timeout=60_000)
                expect(box).to_be_enabled(timeout=60_000)
            ana.get_by_role("button", name="End session").click()
            expect(ana.get_by_role("heading", name="Review")).to_be_visible(timeout=30_000)
            expect(ana.get_by_text("What came out of it")).to_be_visible(timeout=30_000)
            confirm = ana.get_by_role("button", name="Confirm", exact=True)
            to_review = confirm.count()
            confirm.first.click()
            expect(confirm).to_have_count(to_review - 1, timeout=30_000)
            own = PgStore(team_url, team["ana"])
            (session,) = own.list_sessions()
            shared = own.summary_items(session.id, audience=ShareLevel.MENTOR)
            assert len(shared) == 1, "one confirmed item, shared with her mentor"
            item = shared[0].text

            # -- Mo, her mentor, sees it in his own browser and prepares questions from it
            mo = sign_in(browser, app, "mo")
            expect(mo.get_by_role("heading", name="Mentees")).to_be_visible()
            expect(main_text(mo)).to_contain_text(item, timeout=30_000)
            mo.get_by_text("Prepare questions from what they shared").click()
            expect(main_text(mo)).to_contain_text("Questions for your next conversation", timeout=30_000)
            expect(main_text(mo)).to_contain_text("1.", timeout=30_000)

            # -- Max, a second mentor, sees nothing of hers, even asking by URL
            mx = sign_in(browser, app, "max")
            expect(main_text(mx)).to_contain_text("Nothing is shared with you", timeout=30_000)  # Zoe shared nothing
            mx.goto(f"{app.url}/mentees?mentee={team['ana']}")
            expect(main_text(mx)).to_contain_text("You can't see that", timeout=30_000)
            assert item not in main_text(mx).inner_text()

            # -- Meg, her manager: the item was shared with the mentor only
            meg = sign_in(browser, app, "meg")
            expect(main_text(meg)).to_contain_text("Nothing is shared with you as their manager", timeout=30_000)
            assert item not in main_text(meg).inner_text()

            # -- Ana withdraws the share; Mo loses it on his next page load
            # sharing is one step on the Review page: pick who, then press the one button
            ana.get_by_text("Only me", exact=True).first.click()
            ana.get_by_role("button", name="Make this session private").click()
            until(lambda: own.get_session(session.id).share is ShareLevel.PRIVATE)  # the click has landed
            mo.reload()
            _settle(mo)
            expect(main_text(mo)).to_contain_text("Nothing is shared with you", timeout=30_000)
            assert item not in main_text(mo).inner_text()

            # -- Ana sees who looked at what she shared, and who was refused
            ana.get_by_role("link", name="Team").first.click()
            expect(ana.get_by_role("heading", name="Who looked at what you shared")).to_be_visible(timeout=30_000)
            grid = ana.get_by_test_id("stDataFrame")
            expect(grid).to_be_visible()
            lines = Audit(team_url, team["ana"]).about_me()
            who = {(ln.actor_name, ln.outcome) for ln in lines}
            assert {("Mo", "shown"), ("Max", "refused"), ("Meg", "shown")} <= who

            # -- an admin removes Mo: his next page load is refused
            Directory(team_url).remove(team["mo"])
            mo.reload()
            expect(main_text(mo)).to_contain_text("removed from this team", timeout=30_000)
            assert item not in main_text(mo).inner_text()
        except Exception:
            print("app log:\n" + app.log.read_text(errors="replace")[-4000:])
            raise
        finally:
            browser.close()


def test_a_login_past_its_maximum_age_must_sign_in_again(
    tmp_path: Path, team_url: str, chroma_server: str, oidc_provider: str, team: dict[str, str]
) -> None:
    playwright = playwright_or_skip()
    expect = playwright.expect
    max_age = 6
    with team_app(tmp_path, database=team_url, chroma=chroma_server, oidc=oidc_provider,
                  COACH_LOGIN_MAX_AGE=str(max_age)) as app, playwright.sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            zoe = sign_in(browser, app, "zoe")
            expect(zoe.get_by_role("heading", name="Reflect")).to_be_visible()
            signed = time.time()  # the token was issued (iat) before this
            time.sleep(max(0.0, signed + max_age + 1 - time.time()))
            zoe.reload()
            expect(main_text(zoe)).to_contain_text("Your sign-in has expired", timeout=30_000)
            expect(zoe.get_by_role("heading", name="Reflect")).to_have_count(0)
            lines = [r for r in Audit(team_url, team["zoe"]).mine() if r.action == "login"]
            assert lines and lines[0].outcome == "refused" and "older than" in lines[0].detail
            zoe.get_by_role("button", name="Sign in again").click()
            zoe.get_by_placeholder("sub").fill("zoe")
            zoe.get_by_role("button", name="Authorize").click()
            expect(zoe.get_by_role("heading", name="Reflect")).to_be_visible(timeout=30_000)
        except Exception:
            print("app log:\n" + app.log.read_text(errors="replace")[-4000:])
            raise
        finally:
            browser.close()
