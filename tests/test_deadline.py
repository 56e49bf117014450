"""One deadline per reply, against misbehaving model servers on loopback (real HTTP, real client).

Each server is a real socket the real ChatOpenAI client talks to: one that accepts and never
answers, one that sends only SSE keep-alive comments, one that drips a word just faster than a
read timeout, one that fails slowly with 503s (retries), and one whose first sentence is advice.
The coach answers every time (the offline voice, with a notice naming COACH_TIMEOUT) and the
mentee never waits much past COACH_TIMEOUT. The bounds are generous (the point is "about the
budget" against "three budgets" or "forever"), and each wait runs on a thread the test can abandon,
so a coach that hangs fails the test instead of hanging it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from coach.agent import Coach
from coach.config import Settings
from coach.realize.llm import LLMRealizer
from coach.store.sql import Store
from coach.types import Reply
from llm_fakes import LoopbackHTTP, PacedSSE, Request, Response, SilentServer, sse_event

BUDGET = 2.0  # COACH_TIMEOUT in these tests
SLACK = 1.5  # analysis, the offline voice, a loaded machine
MENTEE = "I'd like to run the platform team one day."


def coach_for(tmp_path: Path, base_url: str, **kw: Any) -> Coach:
    s = Settings(home=tmp_path, backend="openai", base_url=base_url, model="test-model",
                 timeout_s=kw.pop("timeout_s", BUDGET), connect_timeout_s=1.0,
                 max_retries=kw.pop("max_retries", 2), **kw)
    return Coach(Store(s.db_path), realizer=LLMRealizer(s), memory=None, settings=s)


def timed_reply(coach: Coach, text: str = MENTEE, give_up: float = 30.0) -> tuple[Reply, float]:
    """One turn on a thread; (reply, seconds). Fails if the coach is still waiting after `give_up`."""
    session, _ = coach.start()
    out: dict[str, Any] = {}

    def turn() -> None:
        t0 = time.monotonic()
        try:
            out["reply"] = coach.respond(session.id, text)
        except BaseException as exc:  # noqa: BLE001 - reported below
            out["error"] = exc
        out["seconds"] = time.monotonic() - t0

    worker = threading.Thread(target=turn, daemon=True)
    worker.start()
    worker.join(give_up)
    if worker.is_alive():
        pytest.fail(f"the mentee was still waiting after {give_up:.0f} s")
    if "error" in out:
        raise out["error"]
    return out["reply"], out["seconds"]


def assert_offline_within_budget(reply: Reply, seconds: float) -> None:
    assert reply.guard is not None and reply.guard.action == "fallback"
    assert reply.text and "COACH_TIMEOUT" in reply.notice, reply.notice
    assert seconds < BUDGET + SLACK, f"the mentee waited {seconds:.1f} s with COACH_TIMEOUT={BUDGET} s"


def test_a_server_that_accepts_and_never_answers(tmp_path: Path) -> None:
    # Before: each of the 1 + 2 retries waited its own full timeout.
    with SilentServer() as srv:
        reply, seconds = timed_reply(coach_for(tmp_path, srv.base_url, max_retries=2))
    assert_offline_within_budget(reply, seconds)


def test_a_server_that_sends_only_keep_alive_comments(tmp_path: Path) -> None:
    # Before: every comment reset the read timeout, and the coach waited forever.
    script = [(0.0, b": keep-alive\n\n")] + [(0.3, b": keep-alive\n\n")] * 400
    with PacedSSE(lambda n: script) as srv:
        reply, seconds = timed_reply(coach_for(tmp_path, srv.base_url))
        time.sleep(0.5)  # the server notices the hang-up at its next write
        (log,) = srv.logs
    assert_offline_within_budget(reply, seconds)
    assert log.client_gone_at is not None and not log.finished  # the connection was dropped


def test_a_server_that_drips_a_word_just_inside_the_read_timeout(tmp_path: Path) -> None:
    # Before: no single read timed out, so the coach waited for a word past the budget, then more.
    drip = BUDGET * 0.9
    words = ["It", " sounds", " like", " leading", " matters."]
    script = [(drip, sse_event(w)) for w in words] + [(0.0, sse_event(finish="stop"))]
    with PacedSSE(lambda n: script) as srv:
        reply, seconds = timed_reply(coach_for(tmp_path, srv.base_url))
    assert_offline_within_budget(reply, seconds)


def test_retries_stay_inside_the_budget(tmp_path: Path) -> None:
    # A server that fails slowly: before, 1 + 3 attempts and their back-offs each took their time.
    def slow_503(req: Request) -> Response:
        time.sleep(0.7)
        return Response(503, b'{"error": {"message": "overloaded"}}', headers={"retry-after": "0.5"})

    with LoopbackHTTP(slow_503) as srv:
        reply, seconds = timed_reply(coach_for(tmp_path, srv.base_url, max_retries=3))
        attempts = len(srv.posts)
    assert reply.guard is not None and reply.guard.action == "fallback" and reply.notice
    assert seconds < BUDGET + SLACK, f"the mentee waited {seconds:.1f} s"
    assert 1 <= attempts <= 3  # retried while the budget allowed, not all 4 times


def test_a_model_whose_first_sentence_is_advice_is_abandoned_at_once(tmp_path: Path) -> None:
    # The first sentence fails the guard: the stream is closed right there (the server stops
    # writing), and no second, whole reply is asked for: the offline voice answers.
    long_tail = [(0.05, sse_event(f" filler{i}")) for i in range(200)]
    first = [(0.0, sse_event("You")), (0.02, sse_event(" should")), (0.02, sse_event(" quit")),
             (0.02, sse_event(" your job.")), (0.02, sse_event(" Then"))] + long_tail
    good = [(0.0, sse_event("Running the platform team matters to you. What draws you to it?")),
            (0.0, sse_event(finish="stop"))]
    with PacedSSE(lambda n: first if n == 1 else good) as srv:
        reply, seconds = timed_reply(coach_for(tmp_path, srv.base_url))
        time.sleep(0.3)
        logs = list(srv.logs)
    assert len(logs) == 1, "a revision was requested after the first sentence failed"
    assert logs[0].client_gone_at is not None and logs[0].events_sent < 30  # not run to the end
    assert reply.guard is not None and reply.guard.action == "fallback"
    assert "should" not in reply.text and seconds < BUDGET + SLACK


def test_a_working_server_is_not_cut(tmp_path: Path) -> None:
    """The deadline bounds waiting, not talking: a steady reply is shown whole."""
    text = "Running the platform team matters to you. What draws you to leading it?"
    words = text.split(" ")
    script = [(0.05, sse_event(w if i == 0 else " " + w)) for i, w in enumerate(words)]
    script.append((0.0, sse_event(finish="stop")))
    with PacedSSE(lambda n: script) as srv:
        reply, _ = timed_reply(coach_for(tmp_path, srv.base_url))
    assert reply.guard is not None and reply.guard.action == "shown" and reply.text == text


@pytest.mark.slow
def test_coach_chat_with_a_hung_server_answers_within_the_budget(coach_home: Path) -> None:
    """The same through the real CLI process: COACH_TIMEOUT from the environment."""
    with SilentServer() as srv:
        env = dict(os.environ, COACH_HOME=str(coach_home), COACH_BACKEND="openai",
                   OPENAI_BASE_URL=srv.base_url, COACH_TIMEOUT=str(BUDGET))
        t0 = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "coach", "chat", "--script", "-"], env=env, text=True,
                              input=MENTEE + "\nMostly I want a say in the tools.\n", capture_output=True,
                              timeout=120)
        seconds = time.monotonic() - t0
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stdout.count("coach> ") == 3  # the opening and two replies, in the offline voice
    # two replies, each bounded by the budget; the process start-up on top
    assert seconds < 2 * (BUDGET + SLACK) + 10, f"{seconds:.1f} s"
