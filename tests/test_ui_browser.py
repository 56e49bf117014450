"""The whole story in the real app, in a real headless browser, at desktop and phone widths.

One app server for the module (started exactly like `make run`, on a free port, with a temporary
COACH_HOME); Playwright drives Debian's chromium. A mentee reflects (speaker labels on every bubble,
each reply announced in a live region, a draft that survives a reload, the side panel built from the
same items as Review), reviews (confirm, edit, reject, the decision in front of them) and shares
with their mentor in one step after a preview; the mentor, in a second browser context, sees
exactly the confirmed shared items and a plan of 5 to 7 questions built on them; the mentee rejects
one and it disappears from the mentor's view, the History chart and the export. axe-core checks
every page (0 serious or critical WCAG 2.2 AA violations), in the dark theme too. Screenshots land
in docs/screenshots/ for a person to look at (docs/UI.md shows them).
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

from coach.config import Settings
from coach.store.sql import Store

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
MESSAGES = [
    "I'd like to run the platform team one day.",
    "Having a say in the tools everyone else has to live with. That's always mattered to me.",
    "I *love* it when people stop fighting bad tooling!",  # markup typed by the mentee: shown as typed
    "I think I just like making things easier for people.",
]
DRAFT = "I'm weighing whether to stay here or join a startup next year."  # typed, reloaded, then sent
EDITED = "Having a say in the tools everyone uses"
# WCAG 2.2 A/AA and axe's best practices; the test fails on any serious or critical violation.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
}


@dataclass
class Server:
    url: str
    started: float  # time.monotonic() when the process was started
    process: subprocess.Popen[bytes]
    log: Path
    home: Path | None = None  # its COACH_HOME, when the fixture knows it


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


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One app for the whole module (starting one costs seconds): the story runs twice on it."""
    tmp = tmp_path_factory.mktemp("app")
    home = tmp / "coach-home"
    home.mkdir()
    with running_app(tmp, home) as app:
        app.home = home
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
    if width <= 600:
        name += "-phone"
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




# -- helpers for the story ---------------------------------------------------------------------------


def axe_clean(page, where: str) -> None:
    """0 serious or critical axe-core violations on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    _settle(page)
    found = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    bad = [v for v in found if v.get("impact") in ("serious", "critical")]
    detail = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(f"{n['target']} {' '.join(n.get('failureSummary', '').split())[:240]}" for n in v["nodes"][:3])
        for v in bad
    )
    assert not bad, f"axe-core on {where} ({page.viewport_size['width']} px):\n{detail}"


def phone(page) -> bool:
    return page.viewport_size["width"] <= 600


def go(page, title: str) -> None:
    """Open a page the way a person would: a link in the row, or on a phone the "Menu" button."""
    link = page.get_by_role("link", name=title, exact=True)
    if phone(page):
        open_menu(page, link)
    link.click()
    _title(page, title)


def open_menu(page, link) -> None:
    """Open the phone's "Menu" until `link` shows (a rerun redraws the page, closing the menu)."""
    _settle(page)
    for _ in range(3):
        page.get_by_role("button", name="Menu").click()
        try:
            link.wait_for(state="visible", timeout=5_000)
            return
        except Exception:  # noqa: BLE001 - the click came mid-redraw: open it again
            continue
    link.wait_for(state="visible", timeout=5_000)


def item_box(page, item_id: int):
    return page.locator(f'[class~="st-key-review-item-{item_id}"]')


def badge(text: str) -> re.Pattern[str]:
    """A review badge's words as a whole word (button icons run into labels: "Confirm" + "edit")."""
    return re.compile(rf"(?<![a-z]){text}(?![a-z])")


def click(page, locator) -> None:
    """Click once the app is idle: a click while a script run is being drawn can be lost."""
    _settle(page)
    locator.click()


def shown_items(where, expected: set[str] | None = None, timeout_ms: int = 30_000) -> set[str]:
    """The item texts in the shared-items view (bold lines), as a mentor sees them.

    `where` is a page or a locator within one (the share preview); both can `.locator()`.

    Streamlit draws a page element by element, so the count line can be there before the last
    item is: given `expected`, read again until the set matches or `timeout_ms` passes.
    """
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        shown = {t.strip() for t in where.locator('[class~="st-key-shared-items"] strong').all_inner_texts()}
        if expected is None or shown == expected or time.monotonic() > deadline:
            return shown
        time.sleep(0.2)  # a Locator has no wait_for_timeout; the sync API is idle between calls


def latest_session(home: Path):
    with Store(Settings(home=home).db_path) as store:
        info = max(store.list_sessions(), key=lambda s: s.created_at)
        return info, store.summary_items(info.id)


def chart_words(page) -> str:
    """The History chart as words (its text alternative): the newest session's line."""
    page.get_by_text("The chart in words").click()
    lines = page.locator('[data-testid="stExpanderDetails"] li')
    expect_ = _expect()
    expect_(lines.first).to_be_visible(timeout=30_000)
    return lines.all_inner_texts()[-1]


def _expect():
    from playwright.sync_api import expect

    return expect


# -- the story ---------------------------------------------------------------------------------------


def test_the_whole_story_at_desktop_and_phone_widths(server: Server) -> None:
    playwright = playwright_or_skip()
    pytest.importorskip("axe_playwright_python")
    expect = playwright.expect
    shared_before: set[str] = set()  # what earlier rounds left visible to the mentor

    with playwright.sync_playwright() as p:
        browser = launch_chromium(p)
        mentee_ctx = browser.new_context(viewport=LAPTOP)
        mentor_ctx = browser.new_context(viewport=LAPTOP)  # a second person: its own browser context
        page = mentee_ctx.new_page()
        try:
            for size in (LAPTOP, PHONE):
                page.set_viewport_size(size)
                shared_before = _one_round(page, mentor_ctx, server, shared_before, expect, size)
            _dark_theme(browser, server)
        except Exception:
            (SHOTS / "tmp").mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / "tmp" / "failure.png"), full_page=True)
            print("server log:\n" + server.log.read_text(errors="replace")[-4000:])
            raise
        finally:
            browser.close()


def _one_round(page, mentor_ctx, server: Server, shared_before: set[str], expect, size: dict) -> set[str]:
    assert server.home is not None
    first = not shared_before
    # 1. Reflect: the ground rules first, the message box already there.
    page.goto(server.url)
    _title(page, "Reflect")
    if first:
        print(f"\ntime to first render after server start: {time.monotonic() - server.started:.2f} s")
    expect(page.get_by_text("How this works")).to_be_visible(timeout=60_000)
    axe_clean(page, "Reflect, before the first message")
    _snap(page, "reflect-start")
    page.get_by_role("button", name="Start reflecting").click()
    messages = page.get_by_test_id("stChatMessage")
    expect(messages.first).to_contain_text("not to give advice", timeout=30_000)
    box = page.get_by_test_id("stChatInputTextArea")
    for n, text in enumerate(MESSAGES, start=1):
        box.fill(text)
        box.press("Enter")
        expect(messages).to_have_count(1 + 2 * n, timeout=30_000)
        expect(messages.nth(2 * n - 1)).to_contain_text(text)
        expect(box).to_be_enabled(timeout=30_000)  # disabled while the reply is written
        expect(messages.nth(2 * n)).to_contain_text(re.compile(r"\w+[.?!]"), timeout=30_000)
    # Speaker labels on the bubbles; the markup the mentee typed is shown as typed.
    expect(messages.nth(1)).to_contain_text("You")
    expect(messages.nth(2)).to_contain_text("Coach")
    expect(messages.nth(5)).to_contain_text("I *love* it")
    # The newest reply is announced to screen readers (a polite live region).
    last_reply = messages.nth(2 * len(MESSAGES)).get_by_test_id("stMarkdownContainer").last.inner_text()
    expect(page.locator("#bedrock-live")).to_contain_text(last_reply.strip()[:40], timeout=10_000)

    # 2. A draft survives a reload, and the reload comes back to the same session.
    box.fill(DRAFT)
    page.wait_for_timeout(400)
    page.reload()
    _title(page, "Reflect")
    expect(messages).to_have_count(1 + 2 * len(MESSAGES), timeout=30_000)
    expect(box).to_have_value(DRAFT, timeout=10_000)
    box.press("Enter")
    n = len(MESSAGES) + 1
    expect(messages).to_have_count(1 + 2 * n, timeout=30_000)
    expect(box).to_be_enabled(timeout=30_000)

    # 3. The side panel: the same items Review will show; confirm a bedrock there.
    if phone(page):
        panel = page.locator('[class~="st-key-phone-only"]')
        panel.get_by_text("What I've heard").click()
    else:
        panel = page.get_by_test_id("stSidebar")
    expect(panel).to_contain_text("Bedrock", timeout=30_000)
    axe_clean(page, "Reflect, in a session")
    _snap(page, "reflect")
    that = panel.get_by_role("button", name="That's me")
    before = that.count()
    assert before >= 1, "a possible bedrock to confirm in the side panel"
    click(page, that.first)
    expect(that).to_have_count(before - 1, timeout=30_000)

    # 4. Review: the confirmation made in the panel is there; confirm, edit, reject.
    page.get_by_role("button", name="End session").click()
    _title(page, "Review")
    info, items = latest_session(server.home)
    by_kind = {}
    for item in items:
        by_kind.setdefault((item.kind, item.motivation if item.kind == "motivation" else None), []).append(item)
    bedrock = next(i for i in items if i.kind == "bedrock" and i.status == "confirmed")
    assert bedrock.text.startswith("Bedrock you confirmed"), bedrock.text  # the title follows the state
    expect(item_box(page, bedrock.id)).to_contain_text("Bedrock you confirmed")
    expect(page.get_by_text(re.compile(r"^Reviewed 1 of \d+$"))).to_be_visible(timeout=30_000)
    goal = by_kind[("goal", None)][0]
    influence = by_kind[("motivation", "influence")][0]
    meaning = by_kind[("motivation", "meaning")][0]
    reading = by_kind[("influence_authority", None)][0]
    for item in (goal, meaning):
        click(page, item_box(page, item.id).get_by_role("button", name="Confirm", exact=True))
        expect(item_box(page, item.id)).to_contain_text(badge("Confirmed"), timeout=30_000)
    click(page, item_box(page, influence.id).get_by_role("button", name="Edit", exact=True))
    item_box(page, influence.id).get_by_role("textbox").fill(EDITED)
    click(page, item_box(page, influence.id).get_by_role("button", name="Save"))
    expect(item_box(page, influence.id)).to_contain_text(badge("Edited by you"), timeout=30_000)
    click(page, item_box(page, reading.id).get_by_role("button", name="Not right"))
    expect(item_box(page, reading.id)).to_have_count(0, timeout=30_000)  # it vanishes
    click(page, page.get_by_role("button", name="Save the decision"))
    expect(page.get_by_role("button", name="Save the decision")).to_have_count(0, timeout=30_000)

    # 5. Share with the mentor in one step, after a preview of exactly what they will see.
    expected = {bedrock.text, goal.text, meaning.text, EDITED, DRAFT}
    click(page, page.get_by_role("radio", name="My mentor"))
    preview = page.locator('[class~="st-key-review-share_preview"]')
    expect(preview).to_contain_text(f"{len(expected)} items visible to your mentor", timeout=30_000)
    assert shown_items(preview, expected) == expected
    axe_clean(page, "Review, with the share preview")
    _snap(page, "review")
    click(page, page.get_by_role("button", name=f"Share {len(expected)} items with your mentor"))
    expect(page.get_by_text(f"Done. {len(expected)} items visible to your mentor.")).to_be_visible(timeout=30_000)

    # 6. The mentor, in a second browser context: exactly the shared items, and a plan built on them.
    mentor = mentor_ctx.new_page()
    mentor.set_viewport_size(size)
    mentor.goto(f"{server.url}/prepare")
    _title(mentor, "Prepare")
    expect(mentor.get_by_text("What they shared with you")).to_be_visible(timeout=30_000)
    expect(mentor.locator('[class~="st-key-shared-items"]')).to_contain_text(EDITED, timeout=30_000)
    assert shown_items(mentor, expected | shared_before) == expected | shared_before
    expect(mentor.get_by_role("button", name="Plan (Markdown)")).to_be_visible(timeout=30_000)  # drawn in full
    _settle(mentor)
    plan = mentor.locator('[class~="st-key-prep-core"]')
    questions = [q for q in plan.get_by_test_id("stMarkdownContainer").all_inner_texts() if re.match(r"^\d+\.", q)]
    assert 5 <= len(questions) <= 7, questions
    caption = mentor.get_by_text(re.compile(r"^\d+ questions, \d+ of them built on what they shared")).inner_text()
    total, cited = (int(x) for x in re.findall(r"\d+", caption)[:2])
    assert total == len(questions) and cited > total / 2, caption
    assert any("stay here or join a startup" in q for q in questions), questions  # the decision, in their words
    assert any("making things easier for people" in q or "fighting bad tooling" in q for q in questions), questions
    axe_clean(mentor, "Prepare (the mentor)")
    _snap(mentor, "prepare")

    # 7. The mentee rejects an item they had shared: it leaves the mentor's view, the chart and the export.
    go(page, "History")
    assert "Meaningful work" in chart_words(page)
    go(page, "Review")
    click(page, item_box(page, meaning.id).get_by_role("button", name="Not right"))
    expect(item_box(page, meaning.id)).to_have_count(0, timeout=30_000)
    mentor.reload()
    _title(mentor, "Prepare")
    expect(mentor.locator('[class~="st-key-shared-items"]')).to_contain_text(EDITED, timeout=30_000)
    assert shown_items(mentor, (expected - {meaning.text}) | shared_before) == (expected - {meaning.text}) | shared_before
    mentor.close()
    with page.expect_download() as download:
        page.get_by_role("button", name="Summary (Markdown)").click()
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    assert meaning.text not in exported and reading.text not in exported
    assert EDITED in exported and "Bedrock you confirmed" in exported
    assert info.id not in exported and "(meaning)" not in exported  # no internal ids or codes
    go(page, "History")
    assert "Meaningful work" not in chart_words(page)

    # 8. Search opens its session at that moment; every other page is accessible too.
    search = page.get_by_placeholder("e.g. helping people, feeling stuck, money")
    search.fill("people struggling with their tools")
    search.press("Enter")
    expect(page.get_by_test_id("stMain")).to_contain_text("how close:", timeout=30_000)
    page.get_by_role("button", name="Open at this moment").first.click()
    expect(page.locator('[class~="st-key-history-hit"]')).to_be_visible(timeout=30_000)
    axe_clean(page, "History")
    _snap(page, "history")
    for title, name, sign in (("What Bedrock remembers", "memory", "You said this in the session of"),
                              ("Settings", "settings", "Forget everything"), ("Advanced", "advanced", "The coach's voice"),
                              ("Mirror", "mirror", None)):
        go(page, title)
        if sign:
            expect(page.get_by_test_id("stMain")).to_contain_text(sign, timeout=30_000)
        axe_clean(page, title)
        if not phone(page) or title == "Settings":
            _snap(page, name)
    if phone(page):  # the menu, open, as a person on a phone sees it
        open_menu(page, page.get_by_role("link", name="Review", exact=True))
        _snap(page, "menu")
        page.keyboard.press("Escape")
    return (expected - {meaning.text}) | shared_before


def _dark_theme(browser, server: Server) -> None:
    """The theme follows the system: a dark system gets the dark theme, just as accessible."""
    ctx = browser.new_context(viewport=LAPTOP, color_scheme="dark")
    page = ctx.new_page()
    page.goto(f"{server.url}/review")
    _title(page, "Review")
    background = page.evaluate(
        "() => getComputedStyle(document.querySelector('[data-testid=stApp]')).backgroundColor")
    rgb = [int(x) for x in re.findall(r"\d+", background)[:3]]
    assert sum(rgb) < 150, f"a dark system should get the dark theme, not {background}"
    axe_clean(page, "Review in the dark theme")
    _snap(page, "review-dark")
    ctx.close()
