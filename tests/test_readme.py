"""Every command README.md shows in a fenced shell block runs as shown.

The README is parsed, not copied: a command added, renamed or reworded there is run here too. Each
`coach …` line (the `.venv/bin/` prefix dropped, the `# comment` cut) becomes one test, run as a
real process (`python -m coach`) against its own copy of a prepared COACH_HOME on the offline
backend, with its words filled in from that home: `ID` is a stored session, `ITEM` one of its summary
items, `msgs.txt`, `lines.jsonl`, `share.json` and `talk.vtt` are files made for it, and `a|b`
alternatives are each run. Interactive commands get their input on stdin (the in-session commands
the README names, then `/quit`; `y` where a command asks to be sure). The only ones skipped need a
model server, and say so; `make …` lines build virtual environments and are the CI's own job.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"

MESSAGES = [
    "I guess I want to be a tech lead in a few years.",
    "Because tech leads get to decide how things are built.",
    "I just love making things easier for the people I work with.",
    "Yes, that's exactly it.",
]
VTT = (
    "WEBVTT\n\n"
    "00:00:01.000 --> 00:00:04.000\n<v Priya>What would you like to get out of today?\n\n"
    "00:00:05.000 --> 00:00:09.000\n<v Sam>I want to lead the platform team one day.\n\n"
    "00:00:10.000 --> 00:00:13.000\n<v Priya>You should ask your manager for it.\n\n"
)
# The in-session commands README.md names ("In a session: /summary ... /share LEVEL ... /quit").
SESSION_INPUT = "I'd like to run the platform team one day.\n/summary\n/share mentor\n/quit\n"
NEEDS_SERVER = {
    "doctor": "checks a configured model server (tests/test_llm_server.py runs it against llama.cpp's)",
}
# Exit codes a command may end with, beyond 0, when README.md says so.
DOCUMENTED_EXIT = {
    "eval": {1},  # "non-zero exit when a threshold fails": the run itself must still finish and report
    "check": {1},  # `coach check TEXT` exits 1 for a flagged line (its --help), as the README's example is
}


def fenced_shell_lines(markdown: str) -> list[str]:
    """The lines of every ```sh / ```bash / ```shell / ```console block, comments cut."""
    lines: list[str] = []
    for block in re.findall(r"^```(?:sh|bash|shell|console)\n(.*?)^```", markdown, re.M | re.S):
        for raw in block.splitlines():
            command = re.sub(r"(^|\s)#.*$", "", raw).strip()
            if command:
                lines.append(command)
    return lines


def expand(command: str) -> list[list[str]]:
    """One argv per alternative: `ID | --all` and `confirm|edit|reject` name several commands."""
    words = shlex.split(command)
    if words and words[0].endswith("/coach"):
        words[0] = "coach"
    argvs: list[list[str]] = [[]]
    i = 0
    while i < len(words):
        word = words[i]
        if word == "|" and argvs[0]:  # `a | b`: the last word has another form
            alternative = words[i + 1]
            argvs = [*argvs, *[[*a[:-1], alternative] for a in argvs]]
            i += 2
            continue
        options = word.split("|") if "|" in word and not word.startswith("-") else [word]
        argvs = [[*a, o] for a in argvs for o in options]
        i += 1
    return argvs


def readme_commands() -> list[list[str]]:
    out: list[list[str]] = []
    for line in fenced_shell_lines(README.read_text(encoding="utf-8")):
        for argv in expand(line):
            if argv and argv[0] == "coach" and argv not in out:
                out.append(argv)
    return out


COMMANDS = readme_commands()


def test_readme_shows_the_commands_it_should() -> None:
    """The parse finds the README's terminal section (guards against a parser that finds nothing)."""
    names = {argv[1] for argv in COMMANDS if len(argv) > 1}
    assert {"chat", "sessions", "check", "summary", "review", "export", "prep", "forget", "eval", "bench"} <= names
    lines = fenced_shell_lines(README.read_text(encoding="utf-8"))
    assert all(line.startswith((".venv/bin/coach", "coach", "make ")) for line in lines), lines


@dataclass
class Home:
    """A COACH_HOME with one finished session, its summary items, and the files the README names."""

    path: Path
    session_id: str
    item_id: int


def coach(args: list[str], home: Path, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("COACH_BACKEND", "OPENAI_API_KEY", "OPENAI_BASE_URL", "COACH_MODEL", "COACH_CHROMA_URL")}
    env.update(COACH_HOME=str(home), COACH_BACKEND="offline", PYTHONPATH=str(ROOT), COLUMNS="100",
               PYTHONFAULTHANDLER="1")  # a crash in native code prints where it was
    return subprocess.run([sys.executable, "-m", "coach", *args], env=env, cwd=cwd, input=stdin, text=True,
                          capture_output=True, timeout=900)


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Home:
    root = tmp_path_factory.mktemp("readme")
    home, files = root / "home", root / "files"
    home.mkdir()
    files.mkdir()
    (files / "msgs.txt").write_text("\n".join(MESSAGES) + "\n", encoding="utf-8")
    made = coach(["chat", "--script", "msgs.txt", "--json", "--share", "mentor"], home, files)
    assert made.returncode == 0, made.stderr
    session_id = json.loads(made.stdout)["session_id"]
    summary = coach(["summary", session_id, "--json"], home, files)
    assert summary.returncode == 0, summary.stderr
    items = json.loads(summary.stdout)["items"]
    assert items, "the prepared session has no summary items to review"
    return Home(home, session_id, int(items[0]["id"]))


def fill(argv: list[str], home: Home, cwd: Path) -> tuple[list[str], str]:
    """The README's placeholders made real; returns (argv, stdin)."""
    (cwd / "msgs.txt").write_text("\n".join(MESSAGES) + "\n", encoding="utf-8")
    (cwd / "lines.jsonl").write_text(
        json.dumps({"text": "You should ask for a raise."}) + "\n" + json.dumps({"text": "What draws you to it?"}) + "\n",
        encoding="utf-8",
    )
    (cwd / "talk.vtt").write_text(VTT, encoding="utf-8")
    out: list[str] = []
    for word in argv:
        if word == "ID":
            word = home.session_id
        elif word == "ITEM":
            word = str(home.item_id)
        out.append(word)
    if argv[1:3] == ["review", "ID"] and "edit" in argv and "--text" not in argv:
        pytest.fail("README shows `coach review ... edit` without the --text it needs")
    if "share.json" in out:  # the file `coach export --for mentor` writes, as a mentee would hand it over
        exported = coach(["export", "--for", "mentor", "--format", "json"], home.path, cwd)
        assert exported.returncode == 0, exported.stderr
        (share,) = cwd.glob("bedrock-share-mentor-*.json")
        out[out.index("share.json")] = share.name
    stdin = ""
    if out[1] == "chat" and "--script" not in out:
        stdin = SESSION_INPUT if "--share" in out or "--resume" in out else "private\n" + SESSION_INPUT
    elif out[1] == "forget":
        stdin = "y\n"
    return out, stdin


@pytest.mark.slow
@pytest.mark.parametrize("argv", COMMANDS, ids=[" ".join(a[1:]) for a in COMMANDS])
def test_readme_command_runs(argv: list[str], prepared: Home, tmp_path: Path) -> None:
    if argv[1] in NEEDS_SERVER:
        pytest.skip(f"`{' '.join(argv)}` {NEEDS_SERVER[argv[1]]}")
    home = Home(tmp_path / "home", prepared.session_id, prepared.item_id)
    shutil.copytree(prepared.path, home.path)
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    args, stdin = fill(argv, home, cwd)
    result = coach(args[1:], home.path, cwd, stdin)
    allowed = {0} | DOCUMENTED_EXIT.get(args[1], set())
    assert result.returncode in allowed, f"`{' '.join(args)}` exited {result.returncode}:\n{result.stderr[-3000:]}"
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.stdout.strip() or list(cwd.glob("bedrock-share-*")), f"`{' '.join(args)}` printed nothing"
