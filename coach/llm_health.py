"""Is the configured model server usable? The core of `coach doctor` and the UI's "test connection".

`check_server(settings)` runs, in order: the settings make sense, the server is reachable
(`GET /v1/models`), the model is on it, a short streamed test completion returns text, and how
long it took. Each step is a `Check` with a status (ok / warn / fail / skip), a plain-words
detail and, when something is wrong, what to do about it. The key is never part of any text here:
everything passes through `scrub`.

The doctor talks to the server with the `openai` client directly (no retries, short timeouts) so
it answers quickly and says exactly which step failed; the coach itself goes through
langchain-openai with the configured retries. Failures are the client's own exception types
(`SERVER_FAILURES`, worded by `coach.realize.llm.model_error`): the test completion is validated
by the client, and the model list, whose shape servers vary in, is read as plain JSON and checked
here, so a garbage answer is never a TypeError or AttributeError caught broadly.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

import openai

from coach.config import Settings
from coach.realize.llm import (
    PLACEHOLDER_KEY,
    SERVER_FAILURES,
    display_url,
    is_official,
    model_error,
    scrub,
)

Status = Literal["ok", "warn", "fail", "skip"]

SLOW_MS = 5000.0  # a short reply slower than this makes a conversation drag
DOCTOR_TIMEOUT_S = 15.0

SERVER_HINT = (
    "Start the server (llama.cpp: `python -m llama_cpp.server --model FILE.gguf`, Ollama: "
    "`ollama serve`, vLLM: `vllm serve MODEL`) or fix OPENAI_BASE_URL. See docs/LLM.md."
)


@dataclass(slots=True)
class Check:
    name: str  # settings | reachable | model | completion | latency
    status: Status
    detail: str
    fix: str = ""
    ms: float | None = None


@dataclass(slots=True)
class HealthReport:
    """The doctor's findings. `ok` is False when any check failed (warnings are fine)."""

    base_url: str
    model: str
    backend: str
    checks: list[Check] = field(default_factory=list)
    models: list[str] = field(default_factory=list)
    reply: str = ""
    first_token_ms: float | None = None
    total_ms: float | None = None

    @property
    def ok(self) -> bool:
        return all(c.status != "fail" for c in self.checks)

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if c.status == "fail"]

    def get(self, name: str) -> Check | None:
        return next((c for c in self.checks if c.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["ok"] = self.ok
        return d


def _client(settings: Settings, timeout_s: float) -> openai.OpenAI:
    key = settings.api_key.get_secret_value() if settings.api_key is not None else PLACEHOLDER_KEY
    return openai.OpenAI(
        api_key=key,
        base_url=settings.base_url or None,
        timeout=openai.Timeout(timeout_s, connect=settings.connect_timeout_s),
        max_retries=0,  # the doctor reports the first failure as it is
        # a streamed chunk of the wrong shape fails as APIResponseValidationError, not mid-loop
        _strict_response_validation=True,
    )


def _listed_models(body: Any) -> list[str] | None:
    """The model ids in a /models answer, or None when it is not a list of models.

    Read from the JSON, not the client's typed page: servers differ in what they put in an entry
    (llama-cpp-python's have no `created`), and only `id` matters here."""
    data = body.get("data") if isinstance(body, dict) else None
    if not isinstance(data, list):
        return None
    return sorted(m["id"] for m in data if isinstance(m, dict) and isinstance(m.get("id"), str))


def _detail(exc: BaseException, settings: Settings) -> str:
    """What went wrong, in one sentence (the fix goes on its own line)."""
    msg = str(model_error(exc, settings))
    head, sep, _ = msg.partition(". ")
    return head + "." if sep else msg


def _fix_for(exc: BaseException) -> str:
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return "Set OPENAI_API_KEY to a valid key for this server (local servers accept any key)."
    if isinstance(exc, openai.APITimeoutError):
        return "The server is up but slow or stuck: check its log, use a smaller model, or raise COACH_TIMEOUT."
    if isinstance(exc, openai.APIConnectionError):
        return SERVER_HINT
    if isinstance(exc, openai.NotFoundError):
        return "Check OPENAI_BASE_URL (it usually ends in /v1) and COACH_MODEL."
    if isinstance(exc, openai.RateLimitError):
        return "Wait a moment, or check the account's quota and rate limits."
    return "Check the server's log; the coach falls back to its offline voice meanwhile."


def _settings_check(settings: Settings) -> Check:
    if not settings.base_url and settings.api_key is None:
        return Check(
            "settings", "fail", "No model server is configured.",
            fix="Set OPENAI_API_KEY (OpenAI) or OPENAI_BASE_URL (Ollama, vLLM, llama.cpp), "
                "and COACH_BACKEND=openai. See docs/LLM.md.",
        )
    notes = []
    fix = ""
    if settings.backend != "openai":
        notes.append("COACH_BACKEND is 'offline', so the coach will not use this server yet")
        fix = "Set COACH_BACKEND=openai to use it."
    path = urlsplit(settings.base_url or "").path.rstrip("/")
    if settings.base_url and not path.endswith("/v1"):
        notes.append("OPENAI_BASE_URL usually ends in /v1 (e.g. http://localhost:11434/v1)")
    where = display_url(settings)
    if notes:
        return Check("settings", "warn", f"Server {where}, model '{settings.model}'. " + "; ".join(notes) + ".", fix=fix)
    return Check("settings", "ok", f"Server {where}, model '{settings.model}'.")


def check_server(settings: Settings, *, timeout_s: float | None = None) -> HealthReport:
    """Run every check against the configured server and return what was found."""
    timeout = min(settings.timeout_s, DOCTOR_TIMEOUT_S) if timeout_s is None else timeout_s
    report = HealthReport(base_url=display_url(settings), model=settings.model, backend=settings.backend)
    first = _settings_check(settings)
    report.checks.append(first)
    if first.status == "fail":
        return report
    client = _client(settings, timeout)

    # 1. reachable: /v1/models answers
    t0 = time.perf_counter()
    listed = True
    try:
        body = client.models.with_raw_response.list().http_response.json()
        ms = (time.perf_counter() - t0) * 1000
        models = _listed_models(body)
        if models is None:
            report.checks.append(Check(
                "reachable", "fail",
                f"The model server at {report.base_url} returned something unreadable (not a list of models).",
                fix=scrub(_fix_for(ValueError()), settings),
            ))
            for name in ("model", "completion", "latency"):
                report.checks.append(Check(name, "skip", "Not checked: the server's answer was unreadable."))
            return report
        report.models = models
        report.checks.append(Check("reachable", "ok", f"{report.base_url} answered in {ms:.0f} ms.", ms=ms))
    except openai.NotFoundError:
        listed = False  # a server without /models can still chat; let the completion decide
        report.checks.append(Check(
            "reachable", "warn", f"{report.base_url} is up but has no /models endpoint.",
            fix="Check OPENAI_BASE_URL: OpenAI-compatible servers usually serve /v1/models.",
        ))
    except SERVER_FAILURES as exc:
        report.checks.append(Check(
            "reachable", "fail", _detail(exc, settings), fix=scrub(_fix_for(exc), settings),
        ))
        for name in ("model", "completion", "latency"):
            report.checks.append(Check(name, "skip", "Not checked: the server is not reachable."))
        return report

    # 2. model present (decided after the completion: Azure, for one, lists base models, not
    #    deployment names, so "not listed" is only fatal if the completion fails too)
    aliases = {settings.model, f"{settings.model}:latest"}
    present = bool(aliases & set(report.models)) if listed else None

    # 3. a short streamed completion: proves the model answers and measures first token / total
    completion = _test_completion(client, settings, report)
    report.checks.append(_model_check(settings, report, present, completion.status))
    report.checks.append(completion)

    # 4. latency
    if report.total_ms is None:
        report.checks.append(Check("latency", "skip", "Not measured: the test completion failed."))
    elif report.total_ms > settings.timeout_s * 1000:
        report.checks.append(Check(
            "latency", "fail", f"A short reply took {report.total_ms / 1000:.1f} s, more than COACH_TIMEOUT "
            f"({settings.timeout_s:g} s): every turn would fall back to the offline voice.",
            fix="Use a smaller or closer model, or raise COACH_TIMEOUT.", ms=report.total_ms,
        ))
    elif report.total_ms > SLOW_MS:
        report.checks.append(Check(
            "latency", "warn", f"A short reply took {report.total_ms / 1000:.1f} s; conversations will feel slow.",
            fix="Consider a smaller model or a server with more compute.", ms=report.total_ms,
        ))
    else:
        report.checks.append(Check(
            "latency", "ok",
            f"First token after {report.first_token_ms or 0:.0f} ms, a short reply in {report.total_ms:.0f} ms.",
            ms=report.total_ms,
        ))
    return report


def _model_check(settings: Settings, report: HealthReport, present: bool | None, completion: Status) -> Check:
    if present:
        return Check("model", "ok", f"'{settings.model}' is on the server.")
    shown = ", ".join(report.models[:8]) + (" …" if len(report.models) > 8 else "")
    if present is None:
        return Check("model", "warn" if completion == "ok" else "fail",
                     "The server does not list its models.",
                     fix="" if completion == "ok" else "Check COACH_MODEL.")
    if completion == "ok":
        return Check("model", "warn", f"'{settings.model}' is not listed ({shown or 'none'}), but it answered.")
    return Check(
        "model", "fail", f"'{settings.model}' is not on the server. Available: {shown or 'none'}.",
        fix=f"Set COACH_MODEL to one of: {shown}." if shown else "Load a model on the server.",
    )


def _test_completion(client: openai.OpenAI, settings: Settings, report: HealthReport) -> Check:
    limit = {"max_completion_tokens": 16} if is_official(settings) else {"max_tokens": 16}
    t0 = time.perf_counter()
    parts: list[str] = []
    finish = None
    try:
        stream = client.chat.completions.create(
            model=settings.model,
            messages=[
                {"role": "system", "content": "Reply with one short friendly sentence."},
                {"role": "user", "content": "Say hello."},
            ],
            stream=True,
            **limit,  # type: ignore[arg-type]
        )
        with stream:
            for chunk in stream:
                if not chunk.choices:
                    continue
                choice = chunk.choices[0]
                if choice.delta and choice.delta.content:
                    if report.first_token_ms is None:
                        report.first_token_ms = (time.perf_counter() - t0) * 1000
                    parts.append(choice.delta.content)
                if choice.finish_reason:
                    finish = choice.finish_reason
    except SERVER_FAILURES as exc:
        return Check("completion", "fail", _detail(exc, settings), fix=scrub(_fix_for(exc), settings))
    report.total_ms = (time.perf_counter() - t0) * 1000
    report.reply = scrub(" ".join("".join(parts).split()), settings)
    if not report.reply:
        report.total_ms = None
        return Check(
            "completion", "fail", "The model returned an empty reply.",
            fix="Check that the model is a chat/instruct model and the server applies its chat template.",
        )
    if finish is None:
        report.total_ms = None
        return Check(
            "completion", "fail", "The reply stream ended without finishing (cut off).",
            fix="Check the server's log; a proxy in between may be closing streams.",
        )
    shown = report.reply if len(report.reply) <= 60 else report.reply[:57] + "..."
    return Check("completion", "ok", f'The model replied: "{shown}"', ms=report.total_ms)
