"""The streamed reply in the real app, voiced by a real model: every state a person saw passed the guard.

Streamlit runs like `make run` but with COACH_BACKEND=openai against llama.cpp's server (SmolLM2-135M
on loopback). Headless chromium sends mentee messages; while each reply is written, a
MutationObserver in the page records every text the coach's bubble showed, and the test polls it.
Every one of those texts must pass `coach.guard.check` (computed here, in the test process), at least
one must be mid-sentence (the reply really streamed word by word), and the bubble's final text must
be the coach turn stored in SQLite.

SmolLM2 is weak: for some messages it writes nothing usable and the coach answers in its offline
voice instead. That is tolerated per message; more messages are sent until a reply has streamed.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach import guard
from coach.config import Settings
from coach.guard.combine import writing
from coach.store.sql import Store
from llm_server import MODEL_ALIAS, LlamaServer
from test_ui_browser import LAPTOP, Server, launch_chromium, playwright_or_skip, running_app

pytestmark = [pytest.mark.browser, pytest.mark.llm]

MESSAGES = [
    "I'd like to run the platform team one day.",
    "Just tell me what I should do to get promoted.",
    "They decide the tools everyone else has to live with.",
    "I love it when people stop fighting bad tooling.",
    "Honestly, I also want more money.",
]
AT_LEAST = 2  # messages always sent; more until a reply was seen mid-sentence (at most all five)
EXTRA_IF_QUICK = 20.0  # a third message (more chances of a take-back on screen) if this time is left
CURSOR = "▌"

# Every text the reply bubble (the assistant bubble right after the mentee's message `want`) shows,
# recorded on each DOM change; `take()` hands over what was recorded since the last call.
OBSERVER = """
() => {
  window.__seen = [];
  window.__want = null;
  const bubbleText = () => {
    if (window.__want === null) return null;
    const msgs = [...document.querySelectorAll('[data-testid=stChatMessage]')];
    // The words of a bubble, without its speaker label ("You" / "Coach", a caption above them).
    const text = el => {
      const c = el.querySelector('[data-testid=stChatMessageContent]') || el;
      const words = c.querySelectorAll('[data-testid=stMarkdownContainer]');
      return words.length ? words[words.length - 1].innerText : c.innerText;
    };
    for (let i = msgs.length - 2; i >= 0; i--) {
      if (text(msgs[i]).trim() === window.__want) return i + 1 < msgs.length ? text(msgs[i + 1]) : null;
    }
    return null;
  };
  window.__last = null;
  window.__record = () => {
    const t = bubbleText();
    if (t !== null && t !== window.__last) {
      window.__seen.push(t);
      window.__last = t;
    }
  };
  new MutationObserver(window.__record).observe(document.body, {subtree: true, childList: true, characterData: true});
}
"""
# What was recorded since the last call, and whether the turn is over: the reply's bubble is there
# and the chat box is enabled again (it is disabled while the script writes the reply).
TAKE = """
(n) => {
  window.__record();
  const seen = window.__seen;
  window.__seen = [];
  const box = document.querySelector('[data-testid=stChatInputTextArea]');
  const count = document.querySelectorAll('[data-testid=stChatMessage]').length;
  return {seen, done: count >= n && box !== null && !box.disabled};
}
"""


def _clean(shown: str) -> str:
    """The bubble's text as the coach wrote it: no streaming cursor, whitespace as one space."""
    text = shown.strip()
    if text.endswith(CURSOR):
        text = text[: -len(CURSOR)]
    return " ".join(text.split())


def _mid_sentence(text: str) -> bool:
    return bool(text) and text.rstrip("\"')]”’")[-1:] not in ".?!…"


@pytest.fixture
def llm_app(tmp_path: Path, coach_home: Path, llama: LlamaServer) -> Iterator[Server]:
    """`make run` on a free port, a temporary COACH_HOME, the model behind llama.cpp's server."""
    # COACH_TIMEOUT is raised: this test is about what streams onto the screen, and a 135M model on
    # a busy 2-core machine can take longer than the 5 s default to its first words (it would then
    # answer in the offline voice, which never streams).
    with running_app(tmp_path, coach_home, COACH_BACKEND="openai", OPENAI_BASE_URL=llama.base_url,
                     COACH_MODEL=MODEL_ALIAS, COACH_TIMEOUT="60") as app:
        yield app


@pytest.mark.timeout(300)
def test_streamed_replies_in_the_browser_always_passed_the_guard(
    llm_app: Server, coach_home: Path, llama: LlamaServer
) -> None:
    playwright = playwright_or_skip()
    expect = playwright.expect

    seen: list[tuple[str, list[str], str]] = []  # (message, every cleaned state shown, final text)
    with playwright.sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            page = browser.new_page(viewport=LAPTOP)
            page.goto(llm_app.url)
            expect(page.get_by_text("How this works")).to_be_visible(timeout=60_000)
            page.get_by_role("button", name="Start reflecting").click()
            messages = page.get_by_test_id("stChatMessage")
            expect(messages.first).to_contain_text("not to give advice", timeout=30_000)
            page.evaluate(OBSERVER)

            box = page.get_by_test_id("stChatInputTextArea")
            t0 = time.monotonic()
            for n, message in enumerate(MESSAGES, start=1):
                streamed = any(_mid_sentence(s) for _, states, _ in seen for s in states)
                quick = n == AT_LEAST + 1 and time.monotonic() - t0 < EXTRA_IF_QUICK
                if n > AT_LEAST and streamed and not quick:
                    break
                page.evaluate("(m) => { window.__want = m; window.__seen = []; window.__last = null; }", message)
                box.fill(message)
                box.press("Enter")
                states: list[str] = []
                # A reply may take 3 x COACH_TIMEOUT (60 s) at most (coach/realize/deadline.py).
                deadline = time.monotonic() + 200
                while True:
                    got = page.evaluate(TAKE, 1 + 2 * n)
                    states += got["seen"]
                    if got["done"]:  # one last look after the final render, then the next message
                        page.wait_for_timeout(150)
                        states += page.evaluate(TAKE, 1 + 2 * n)["seen"]
                        break
                    assert time.monotonic() < deadline, f"no end to the reply to {message!r}"
                    page.wait_for_timeout(40)
                expect(messages).to_have_count(1 + 2 * n, timeout=10_000)
                final = _clean(messages.nth(2 * n).get_by_test_id("stMarkdownContainer").last.inner_text())
                shown = [c for c in (_clean(s) for s in states) if c]
                shown = [c for i, c in enumerate(shown) if i == 0 or c != shown[i - 1]]
                seen.append((message, shown, final))
                print(f"\n[{time.monotonic() - t0:5.1f}s] {message!r}: {len(shown)} states")
                for i, s in enumerate(shown):
                    back = i > 0 and not s.startswith(shown[i - 1])
                    print(f"  {'<<' if back else '  '} {s!r}")
        except Exception:
            print("server log:\n" + llm_app.log.read_text(errors="replace")[-4000:])
            raise
        finally:
            browser.close()

    # (a) Every text the person could read passed the guard, not only the final one — judged as the app judges
    # it (coach/realize/llm/live.py): every complete sentence by the whole guard; a sentence still being written
    # by the guard's rules, since the detector's score on half a sentence ("…is needed for you and will create")
    # is no verdict on what the sentence will say.
    for message, states, _ in seen:
        assert states, f"the reply to {message!r} never showed"
        for state in states:
            done = state if not _mid_sentence(state) else state[: max(state.rfind(". "), state.rfind("? "), state.rfind("! ")) + 1]
            if done.strip():
                verdict = guard.check(done.strip(), mentee_text=message)
                assert verdict.ok, f"on screen while answering {message!r}: {done!r} -> {verdict.reason}"
            if _mid_sentence(state):
                with writing():
                    verdict = guard.check(state, mentee_text=message)
                assert verdict.ok, f"on screen while answering {message!r}: {state!r} -> {verdict.reason}"

    # (b) Token by token: at least one reply showed words before its sentence was complete.
    assert any(_mid_sentence(s) for _, states, _ in seen for s in states), (
        f"no reply was ever seen mid-sentence: {[states for _, states, _ in seen]}")

    # (c) The bubble ends on exactly what was stored (the store is the truth on the next rerun).
    with Store(Settings(home=coach_home).db_path) as store:
        (session,) = store.list_sessions()
        coach_turns = [t.text for t in store.turns(session.id) if t.role == "coach"]
    assert len(coach_turns) == 1 + len(seen)  # the opening, then one reply per message
    for (message, states, final), stored in zip(seen, coach_turns[1:], strict=True):
        assert final == " ".join(stored.split()), message
        assert states[-1] == final, f"the last state seen for {message!r} is not the final text"
