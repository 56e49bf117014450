"""`coach bench --app`: how soon the app is ready to type in, after its first paint (figures, not pass/fail).

Each run starts the app as `make run` does (Streamlit on a free loopback port, a fresh temporary
COACH_HOME, so nothing is cached), opens it in headless Chromium (Debian's, through Playwright), and
reads two moments from the page's own clock:

    first paint     the browser's first-contentful-paint
    ready to type   the Reflect page's message box is on screen and enabled

and, for context, how long the first reply then takes when a message is typed at once (the coach
may still be loading behind the box: that wait is the mentee's, after they have typed). Needs the
dev extras (playwright) and Debian's chromium (`make install-browser`).
"""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]  # the checkout: coach/bench/app.py -> coach/bench -> coach -> root
CHROMIUM = "/usr/bin/chromium"
BOX = "[data-testid=stChatInputTextArea]"
# Stamps the moment the message box is usable, by the page's clock (no polling from outside).
WATCH = """
(() => {
  const mark = () => {
    const box = document.querySelector('%s');
    if (box && !box.disabled && box.offsetParent !== null && window.__readyAt === undefined) {
      window.__readyAt = performance.now();
    }
    if (window.__readyAt === undefined) requestAnimationFrame(mark);
  };
  requestAnimationFrame(mark);
})();
""" % BOX  # noqa: UP031 - the script is JavaScript: braces everywhere, one slot


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


def _percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))]


def one_run(p: Any, tree: Path = ROOT) -> dict[str, float]:
    """One fresh app, one fresh browser page. Milliseconds."""
    with tempfile.TemporaryDirectory(prefix="bedrock-bench-app-") as home:
        port = _free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "COACH_"))}
        env.update(COACH_HOME=home, PYTHONPATH=str(tree))
        streamlit = Path(sys.executable).parent / "streamlit"
        proc = subprocess.Popen(
            [str(streamlit), "run", "ui/app.py", "--server.headless", "true", "--server.address", "127.0.0.1",
             "--server.port", str(port), "--browser.gatherUsageStats", "false"],
            cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while not _healthy(url):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("streamlit did not start")
                time.sleep(0.1)
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            try:
                page = browser.new_page()
                page.add_init_script(WATCH)
                page.goto(url)
                page.wait_for_function("() => window.__readyAt !== undefined", timeout=120_000)
                paint = page.evaluate(
                    "() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime")
                ready = page.evaluate("() => window.__readyAt")
                box = page.locator(BOX)
                t0 = time.monotonic()
                box.fill("I'd like to run the platform team one day.")
                box.press("Enter")
                page.get_by_test_id("stChatMessage").nth(2).wait_for(timeout=120_000)
                first_reply = (time.monotonic() - t0) * 1000
            finally:
                browser.close()
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
    return {"first_paint_ms": paint, "ready_ms": ready, "ready_after_paint_ms": ready - paint,
            "first_reply_ms": first_reply}


def bench_app(runs: int = 5, tree: Path = ROOT) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p:
        for _ in range(runs):
            rows.append(one_run(p, tree))
    out: dict[str, Any] = {"runs": runs, "load_avg_1m": round(os.getloadavg()[0], 2)}
    for key in rows[0]:
        vals = [r[key] for r in rows]
        out[key] = {"median": round(statistics.median(vals)), "p95": round(_percentile(vals, 0.95))}
    return out


if __name__ == "__main__":
    import json

    print(json.dumps(bench_app(int(sys.argv[1]) if len(sys.argv) > 1 else 5,  # noqa: T201 - `python -m coach.bench.app` prints its figures
                               Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT), indent=2))
