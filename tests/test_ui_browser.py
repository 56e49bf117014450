"""One end-to-end run of the real app in a real headless browser.

The fixture starts Streamlit exactly like `make run` (on a free port, with a temporary COACH_HOME),
waits for /_stcore/health, and Playwright drives Debian's chromium through a whole reflection:
three messages, three replies, end the session, confirm an item in Review, open History. A screenshot
of each page lands in docs/screenshots/ for a person to look at (docs/UI.md shows them).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
MESSAGES = [
    "I'd like to run the platform team one day.",
    "They decide the tools everyone else has to live with.",
    "I *love* it when people stop fighting bad tooling!",  # markup typed by the mentee: shown as typed
]


@dataclass
class Server:
    url: str
    started: float  # time.monotonic() when the process was started
    process: subprocess.Popen[bytes]
    log: Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as resp:
            return resp.read().strip() == b"ok"
    except OSError:
        return False


@contextmanager
def running_app(tmp_path: Path, coach_home: Path, **env_extra: str) -> Iterator[Server]:
    """`make run` on a free port with a temporary COACH_HOME (plus `env_extra`); SIGTERM afterwards."""
    port = _free_port()
    streamlit = Path(sys.executable).parent / "streamlit"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "COACH_"))}
    env.update(COACH_HOME=str(coach_home), **env_extra)
    log_path = tmp_path / "streamlit.log"
    log = log_path.open("wb")
    started = time.monotonic()
    proc = subprocess.Popen(
        [str(streamlit), "run", "ui/app.py", "--server.headless", "true", "--server.address", "127.0.0.1",
         "--server.port", str(port), "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while not _healthy(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("streamlit did not start:\n" + log_path.read_text())
            time.sleep(0.2)
        yield Server(url, started, proc, log_path)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture
def server(tmp_path: Path, coach_home: Path) -> Iterator[Server]:
    with running_app(tmp_path, coach_home) as app:
        yield app


def _settle(page) -> None:
    """Wait until the script run is over (Streamlit shows a status widget while it runs)."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=30_000
    )


def _snap(page, name: str) -> None:
    """A screenshot as tall as the page's content (Streamlit scrolls inside its main container)."""
    _settle(page)
    width = page.viewport_size["width"]
    ids = ["stMainBlockContainer"] + (["stSidebarContent"] if width > 600 else [])
    height = page.evaluate(
        "(ids) => Math.max(...ids.map(id => document.querySelector(`[data-testid=${id}]`))"
        ".filter(Boolean).map(el => el.scrollHeight + 160))",
        ids,
    )
    page.set_viewport_size({"width": width, "height": max(LAPTOP["height"] if width > 600 else PHONE["height"], min(int(height), 3200))})
    page.evaluate("() => { window.scrollTo(0, 0); document.querySelector('[data-testid=stMain]')?.scrollTo(0, 0); }")
    page.wait_for_timeout(400)  # let charts and fonts settle after the resize
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))
    page.set_viewport_size({"width": width, "height": LAPTOP["height"] if width > 600 else PHONE["height"]})


def _title(page, text: str):
    from playwright.sync_api import expect

    heading = page.get_by_role("heading", name=text, exact=True).first
    expect(heading).to_be_visible(timeout=30_000)
    return heading


def playwright_or_skip():
    """playwright.sync_api, or a skip when it or Debian's chromium is missing."""
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Debian chromium is not installed (make install-browser)")
    return playwright


def launch_chromium(p):
    """Debian's chromium, headless (Playwright's own browser download fails offline)."""
    return p.chromium.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    )


def test_a_whole_reflection_in_a_real_browser(server: Server) -> None:
    playwright = playwright_or_skip()
    expect = playwright.expect

    with playwright.sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            page = browser.new_page(viewport=LAPTOP)
            page.goto(server.url)
            _title(page, "Reflect")
            first_render = time.monotonic() - server.started
            print(f"\ntime to first render after server start: {first_render:.2f} s")
            expect(page.get_by_text("How this works")).to_be_visible(timeout=60_000)
            ready = time.monotonic() - server.started
            print(f"time until the Reflect page is ready to use (coach built): {ready:.2f} s")
            _snap(page, "reflect-start")

            # Ground rules and the sharing choice come before the first message.
            page.get_by_role("button", name="Start reflecting").click()
            messages = page.get_by_test_id("stChatMessage")
            expect(messages.first).to_contain_text("not to give advice", timeout=30_000)

            box = page.get_by_test_id("stChatInputTextArea")
            for n, text in enumerate(MESSAGES, start=1):
                box.fill(text)
                box.press("Enter")
                expect(messages).to_have_count(1 + 2 * n, timeout=30_000)
                expect(messages.nth(2 * n - 1)).to_contain_text(text)
                # The box is disabled while the reply is written; enabled again = the turn is done.
                expect(box).to_be_enabled(timeout=30_000)
                # inner text includes the avatar's icon name: wait for a sentence, not just a word
                expect(messages.nth(2 * n)).to_contain_text(re.compile(r"\w+[.?!]"), timeout=30_000)
            # The asterisks the mentee typed are on screen as typed, not turned into emphasis.
            expect(messages.nth(5)).to_contain_text("I *love* it")
            expect(page.get_by_test_id("stSidebar")).to_contain_text("What I've heard")
            _snap(page, "reflect")

            page.set_viewport_size(PHONE)
            page.wait_for_timeout(500)
            _snap(page, "reflect-phone")
            page.set_viewport_size(LAPTOP)

            page.get_by_role("button", name="End session").click()
            _title(page, "Review")
            expect(page.get_by_text("What came out of it")).to_be_visible(timeout=30_000)
            confirm = page.get_by_role("button", name="Confirm", exact=True)
            to_review = confirm.count()
            assert to_review >= 1, "the summary has items to confirm"
            confirm.first.click()
            expect(confirm).to_have_count(to_review - 1, timeout=30_000)
            expect(page.get_by_test_id("stMain")).to_contain_text("Confirmed")
            _snap(page, "review")

            page.get_by_role("link", name="History").first.click()
            _title(page, "History")
            expect(page.get_by_text("Motivations over time")).to_be_visible()
            expect(page.locator("[data-testid='stVegaLiteChart'], .vega-embed").first).to_be_visible(timeout=30_000)
            search = page.get_by_placeholder("e.g. helping people, feeling stuck, money")
            search.fill("people struggling with their tools")
            search.press("Enter")
            expect(page.get_by_test_id("stMain")).to_contain_text("closeness", timeout=30_000)
            _snap(page, "history")

            page.get_by_role("link", name="Prepare").first.click()
            _title(page, "Prepare")
            planned = page.get_by_label("Your planned questions")
            planned.fill("You should ask for a raise.\nWhat would you do if money were no object?\nDo you like your job?")
            page.get_by_role("button", name="Check my questions").click()
            expect(page.get_by_text("2 of 3 line(s) flagged.")).to_be_visible(timeout=30_000)
            expect(page.get_by_text("Add your own question", exact=True)).to_be_visible()
            _snap(page, "prepare")

            page.get_by_role("link", name="What Bedrock remembers").first.click()
            _title(page, "What Bedrock remembers")
            expect(page.get_by_test_id("stMain")).to_contain_text("You said this in the session of", timeout=30_000)
            expect(page.get_by_test_id("stMain")).to_contain_text(MESSAGES[0])
            _snap(page, "memory")

            for name, title, last in (("settings", "Settings", "Forget everything"), ("evals", "Evals", None)):
                page.get_by_role("link", name=title).first.click()
                _title(page, title)
                if last:
                    expect(page.get_by_text(last, exact=True).first).to_be_visible(timeout=30_000)
                _snap(page, name)
        except Exception:
            (SHOTS / "tmp").mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / "tmp" / "failure.png"))
            print("server log:\n" + server.log.read_text(errors="replace")[-4000:])
            raise
        finally:
            browser.close()
