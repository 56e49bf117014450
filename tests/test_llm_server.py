"""LLM mode against a real OpenAI-compatible server: llama.cpp's, running SmolLM2-135M on loopback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from coach import guard
from coach.cli import cli
from coach.config import Settings
from coach.errors import ModelError
from coach.guard.combine import writing
from coach.llm_health import check_server
from coach.realize.base import Context
from coach.realize.llm import LLMRealizer, split_sentences
from coach.types import Analysis, Kind, Motivation, Move, Plan, Turn, Verdict
from llm_fakes import closed_port
from llm_server import MODEL_ALIAS, LlamaServer

pytestmark = pytest.mark.llm

KEY = "sk-live-NEVERPRINTME0123456789"


def llm_settings(home: Path, base_url: str, **kw: object) -> Settings:
    values: dict[str, object] = dict(
        home=home, backend="openai", base_url=base_url, model=MODEL_ALIAS, api_key=KEY,
        timeout_s=30.0, connect_timeout_s=2.0, max_retries=1,
    )
    values.update(kw)
    return Settings(**values)


def context(text: str) -> Context:
    analysis = Analysis(text=text, kinds=[Kind.GOAL], goal="tech lead")
    return Context(analysis=analysis, recent=[Turn(1, "s", 0, "mentee", text, "")])


PLAN = Plan(move=Move.DEEPEN, motivation=Motivation.GROWTH, ask=True)


def assert_clean(text: str) -> None:
    assert text.strip()
    assert not text.lower().startswith(("coach:", "assistant:"))
    assert len(split_sentences(text)) <= 3
    assert text.count("?") <= 1


def test_realize_returns_cleaned_text(llama: LlamaServer, tmp_path: Path) -> None:
    """SmolLM2 samples (temperature 0.6) and often writes nothing a coach could say, which the
    clean-up drops whole (ModelError -> the agent falls back). Within three tries it must produce a
    usable reply, and every reply it does return must be clean."""
    r = LLMRealizer(llm_settings(tmp_path, llama.base_url))
    texts: list[str] = []
    for _ in range(3):
        try:
            texts.append(r.realize(PLAN, context("I want to become a tech lead because I like hard problems.")))
        except ModelError as exc:
            assert "no usable reply" in str(exc) or "complete sentence" in str(exc), exc
            continue
        break
    assert texts, f"three tries, no usable reply; the last raw text was: {r.last_raw!r}"
    for text in texts:
        assert_clean(text)
    assert 1 <= r.stats.calls <= 3 and r.stats.seconds > 0


def test_streaming_through_the_realizer_and_the_guard(llama: LlamaServer, tmp_path: Path) -> None:
    r = LLMRealizer(llm_settings(tmp_path, llama.base_url))
    # Time to the first piece is `coach bench --llm`'s figure, not asserted here.
    pieces = list(r.stream(PLAN, context("I love mentoring the new people on my team.")))
    assert pieces
    assert_clean("".join(pieces))


def test_live_reply_every_screen_state_passed_the_guard(llama: LlamaServer, tmp_path: Path) -> None:
    """Everything that was ever on screen, not only the end state, passed the guard — against the real model,
    whatever it writes. (That words show before their sentence ends is a property of the pipeline, tested with a
    scripted token stream in test_llm_unit.py: whether SmolLM2 writes a sentence plain enough to preview — not
    quoted, not a "Your turn:" label — depends on its sampling, so it is not asserted here.) A sentence still
    being written is read by the guard's rules, the finished text by all of it (coach/guard/combine.py)."""
    r = LLMRealizer(llm_settings(tmp_path, llama.base_url))
    for text in ["I want more money.", "I'd like to lead a team.", "Just tell me what to do to get promoted.",
                 "I love mentoring the new people on my team.", "My manager never listens to my ideas.",
                 "I keep thinking about moving into product management."]:
        def check(t: str, text: str = text) -> Verdict:
            return guard.check(t, mentee_text=text)

        live = r.live(PLAN, context(text), check)
        snapshots = list(live)
        assert live.result.finished
        for shown in snapshots:
            if shown.rstrip()[-1:] in ".?!…":
                assert check(shown).ok, (text, shown)
            else:  # mid-sentence: its unfinished sentence is checked by the rules, as the live reply does
                with writing():
                    assert check(shown).ok, (text, shown)
        if snapshots:
            assert snapshots[-1] == live.result.shown


def test_doctor_passes_against_the_server(llama: LlamaServer, tmp_path: Path) -> None:
    report = check_server(llm_settings(tmp_path, llama.base_url))
    assert report.ok, report.to_dict()
    assert MODEL_ALIAS in report.models
    assert report.get("model").status == "ok"  # type: ignore[union-attr]
    assert report.get("completion").status == "ok"  # type: ignore[union-attr]
    assert report.reply and report.total_ms is not None and report.first_token_ms is not None


def test_doctor_cli_passes_and_never_prints_the_key(
    llama: LlamaServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("COACH_BACKEND", "openai")
    monkeypatch.setenv("OPENAI_BASE_URL", llama.base_url)
    monkeypatch.setenv("COACH_MODEL", MODEL_ALIAS)
    result = CliRunner().invoke(cli, ["doctor"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "All checks passed" in result.output
    assert KEY not in result.output

    result = CliRunner().invoke(cli, ["doctor", "--json"], catch_exceptions=False)
    assert result.exit_code == 0 and '"ok": true' in result.output and KEY not in result.output


def test_doctor_fails_clearly_against_a_closed_port(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    url = f"http://127.0.0.1:{closed_port()}/v1"
    result = CliRunner().invoke(cli, ["doctor", "--base-url", url, "--model", MODEL_ALIAS])
    assert result.exit_code == 1
    assert "FAIL  reachable" in result.output
    assert "Cannot connect to the model server" in result.output
    assert "fix: Start the server" in result.output
    assert KEY not in result.output
