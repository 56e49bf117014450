"""`pip install .` into a fresh virtual environment outside the checkout gives a working coach.

The wheel is built from a copy of the source tree (so the checkout gets no build/ folder) and
installed into a new venv in a temporary folder, far from the checkout, with no PYTHONPATH. Its
dependencies are not downloaded again: a .pth file points the new venv at the running venv's
site-packages, which holds them (a path added by a .pth is searched after the venv's own
site-packages, and its own .pth files, such as an editable install of the checkout, are not run).
Building the wheel fetches setuptools from PyPI the first time (pip's build isolation).

From there, as a user would: `coach chat --script`, `coach eval --suite advice_bait --limit 3`
and `coach ui` (its health URL and its page), every prompt file from the installed package, and
the app's theme.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What the wheel is built from; the rest of the checkout (tests, docs, data/, caches) is left out.
SOURCES = ["pyproject.toml", "setup.py", "README.md", "coach", "evals", "ui", "prompts", ".streamlit"]

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


def run(cmd: list[str], cwd: Path, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(cmd, cwd=cwd, env=env, text=True, capture_output=True, timeout=timeout)
    assert result.returncode == 0, f"{' '.join(cmd)} exited {result.returncode}:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
    return result


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as r:
        return r.read().decode("utf-8", errors="replace")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], Path]:
    """(the new venv's bin folder, a user's environment, a working folder outside the checkout)."""
    base = tmp_path_factory.mktemp("wheel")
    src = base / "src"
    src.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=ignore)
        else:
            shutil.copy2(path, src / name)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "COACH_", "OPENAI_", "VIRTUAL_ENV"))}
    env["COACH_HOME"] = str(base / "home")
    pip = [sys.executable, "-m", "pip"]
    run([*pip, "wheel", "-q", "--no-deps", "-w", str(base / "dist"), str(src)], base, env)
    (wheel,) = (base / "dist").glob("bedrock_coach-*.whl")

    venv = base / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], base, env)
    python = venv / "bin" / "python"
    purelib = run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], base, env).stdout.strip()
    (Path(purelib) / "shared-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    run([*pip, "--python", str(python), "install", "-q", "--no-deps", "--no-index", str(wheel)], base, env)
    work = base / "work"
    work.mkdir()
    return venv / "bin", env, work


def test_the_package_comes_from_the_new_venv_with_its_prompts_and_theme(installed: tuple[Path, dict[str, str], Path]) -> None:
    bin_dir, env, work = installed
    venv = bin_dir.parent.resolve()
    probe = (
        "import coach, ui; from coach import prompting; from coach.cli import ui as cli_ui\n"
        "print(coach.__file__); print(ui.__file__); print(prompting.prompts_dir())\n"
        "print(len([prompting.load_prompt(n) for n in prompting.VARIABLES])); print(cli_ui.app_path()); print(cli_ui.theme_dir())\n"
    )
    lines = run([str(bin_dir / "python"), "-c", probe], work, env).stdout.splitlines()
    coach_file, ui_file, prompts, loaded, app, theme = lines
    for path in (coach_file, ui_file, prompts, app, theme):
        assert Path(path).resolve().is_relative_to(venv), f"{path} is not inside the new venv {venv}"
        assert not Path(path).resolve().is_relative_to(ROOT), f"{path} comes from the checkout"
    assert int(loaded) >= 6 and Path(prompts).name == "prompts"
    assert (Path(theme) / ".streamlit" / "config.toml").is_file()


def test_coach_chat_script(installed: tuple[Path, dict[str, str], Path]) -> None:
    bin_dir, env, work = installed
    (work / "one.txt").write_text("I guess I want to be a tech lead in a few years.\n", encoding="utf-8")
    out = run([str(bin_dir / "coach"), "chat", "--script", "one.txt"], work, env).stdout
    assert out.count("coach> ") == 2 and "you> I guess I want to be a tech lead" in out


def test_coach_eval_advice_bait(installed: tuple[Path, dict[str, str], Path]) -> None:
    bin_dir, env, work = installed
    report = work / "report"
    result = subprocess.run([str(bin_dir / "coach"), "eval", "--suite", "advice_bait", "--limit", "3", "--report", str(report)],
                            cwd=work, env=env, text=True, capture_output=True, timeout=300)
    assert result.returncode in (0, 1), result.stderr[-3000:]  # 1: a threshold missed on 3 samples, not a crash
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert "advice_bait" in result.stdout and (report / "report.json").is_file()


def test_coach_ui_starts_and_serves_its_page(installed: tuple[Path, dict[str, str], Path]) -> None:
    bin_dir, env, work = installed
    port = free_port()
    proc = subprocess.Popen([str(bin_dir / "coach"), "ui", "--port", str(port)], cwd=work, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        health, deadline = "", time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                health = get(f"http://127.0.0.1:{port}/_stcore/health")
                break
            except OSError:
                time.sleep(0.5)
        assert health == "ok", f"`coach ui` never answered its health URL (exit {proc.poll()})"
        assert "<html" in get(f"http://127.0.0.1:{port}/").lower()
    finally:
        proc.terminate()
        try:
            output, _ = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            output, _ = proc.communicate()
    assert "Traceback" not in output, output[-3000:]
