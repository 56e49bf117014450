"""Secrets scrubbed where errors become text: a model server on loopback that echoes the API key.

The key is shaped like no known key (no "sk-" prefix), so only the registered-secret path can
catch it. Real `coach` processes run against the server; their stdout, stderr, the eval report
files and every byte of the data folder must not hold the key.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coach.errors import ModelError
from coach.text import secrets
from llm_fakes import LoopbackHTTP, Request, Response, completion_body, sse_chunks

KEY = "Xq7Lm2Np9Rt4Vw8Zs1Bc6Df3"  # not key-shaped on purpose


def echo_401(req: Request) -> Response:
    body = {"error": {"message": f"Incorrect API key provided: {KEY}. Find your key at example.com.",
                      "type": "invalid_request_error", "code": "invalid_api_key"}}
    return Response(401, json.dumps(body).encode())


def run(*args: str, home: Path, base_url: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, COACH_HOME=str(home), COACH_BACKEND="openai", OPENAI_BASE_URL=base_url,
               OPENAI_API_KEY=KEY, COACH_TIMEOUT="5")
    return subprocess.run([sys.executable, "-m", "coach", *args], env=env, input=input, text=True,
                          capture_output=True, timeout=300)


def no_key_in(home: Path) -> list[str]:
    return [str(p) for p in home.rglob("*") if p.is_file() and KEY.encode() in p.read_bytes()]


@pytest.mark.slow
def test_chat_and_doctor_json_never_show_the_echoed_key(coach_home: Path) -> None:
    with LoopbackHTTP(echo_401) as srv:
        chat = run("chat", "--script", "-", "--json", home=coach_home, base_url=srv.base_url,
                   input="I want to lead the platform team\n")
        doctor = run("doctor", "--json", home=coach_home, base_url=srv.base_url)
        assert srv.posts or srv.requests  # the server was really asked
    assert chat.returncode == 0, chat.stderr
    for proc in (chat, doctor):
        assert KEY not in proc.stdout and KEY not in proc.stderr
        assert "Traceback" not in proc.stderr
    assert "rejected the API key" in json.loads(chat.stdout)["turns"][2]["notice"]
    assert no_key_in(coach_home) == []


@pytest.mark.slow
def test_eval_report_never_holds_the_echoed_key(coach_home: Path, tmp_path: Path) -> None:
    report = tmp_path / "report"
    with LoopbackHTTP(echo_401) as srv:
        proc = run("eval", "--suite", "advice_bait", "--limit", "1", "--judge", "openai", "--json",
                   "--report", str(report), home=coach_home, base_url=srv.base_url)
    assert proc.returncode == 1  # the judge failed: the run says so
    assert KEY not in proc.stdout and KEY not in proc.stderr
    files = list(report.iterdir())
    assert {p.name for p in files} >= {"report.json", "report.md"}
    for p in files:
        assert KEY.encode() not in p.read_bytes(), p.name
    suite = json.loads((report / "report.json").read_text())["suites"]["advice_bait"]
    assert suite["status"] == "error" and "judge" in suite["error"]


@pytest.mark.slow
def test_a_reply_that_echoes_the_key_is_stored_and_shown_scrubbed(coach_home: Path) -> None:
    text = f"Leading matters to you, {KEY}. What draws you to leading?"
    words = text.split(" ")
    stream = sse_chunks([w if i == 0 else " " + w for i, w in enumerate(words)])

    def reply(req: Request) -> Response:
        if req.json().get("stream"):
            return Response(200, stream, content_type="text/event-stream")
        return Response(200, completion_body(text))

    with LoopbackHTTP(reply) as srv:
        proc = run("chat", "--script", "-", "--json", home=coach_home, base_url=srv.base_url,
                   input="I want to lead the platform team\n")
    assert proc.returncode == 0, proc.stderr
    assert KEY not in proc.stdout and KEY not in proc.stderr
    assert no_key_in(coach_home) == []


def test_error_text_and_log_records_are_scrubbed(caplog: pytest.LogCaptureFixture) -> None:
    secrets.remember(KEY)
    try:
        err = ModelError(f"The server said: Incorrect API key provided: {KEY}")
        assert KEY not in str(err) and KEY not in f"{err}" and "***" in str(err)
        with caplog.at_level(logging.WARNING):
            logging.getLogger("coach.test").warning("failed with %s", KEY)
            try:
                raise RuntimeError(f"boom {KEY}")
            except RuntimeError:
                logging.getLogger("coach.test").exception("it broke")
        assert KEY not in caplog.text
        assert KEY[:8] not in str(ModelError(f"masked {KEY[:8]}...{KEY[-6:]}"))
    finally:
        secrets.forget_all()
