"""The LLM realizer: puts the policy's chosen move into words with a chat model.

The model's job is kept small on purpose (a 135M model with 2048 tokens of context must manage
it): the policy has already chosen the move, the analysis says what was heard, and the prompt
asks for at most three sentences. Everything the mentee wrote goes into the prompt as delimited
data (<mentee_message>, <turn>, <earlier>) with angle brackets neutralized, never as
instructions. What comes back is cleaned (`llm_stream.clean_reply`) before the guard sees it.

Any OpenAI-compatible server works (OpenAI, Azure OpenAI's v1 endpoint, Ollama, vLLM,
llama.cpp's server) through `langchain_openai.ChatOpenAI`; tests inject any `BaseChatModel`.
Failures (refused, timed out, rate-limited past the retries, 5xx, empty or truncated replies)
become a `ModelError` subclass (`error_kind` says which) with a message that never contains the
API key, so the agent can fall back to the offline voice and show the message.

Every reply runs under one deadline (coach/realize/deadline.py): COACH_TIMEOUT to the first words
on screen, connecting, retries and a revision included. Retries are made here, not by the client,
so they happen only while the budget allows; a revision is attempted only if at least as much time
is left as the first draft took, and otherwise abandoned at once for the offline voice.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx2
import openai
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage
from langchain_openai import ChatOpenAI
from pydantic import SecretStr

from coach.config import Settings
from coach.errors import (
    ConfigError,
    ModelBadResponse,
    ModelError,
    ModelRefused,
    ModelTimedOut,
    ModelUnreachable,
)
from coach.prompting import load_prompt, move_instructions, read_prompt_text
from coach.realize.base import Context
from coach.realize.deadline import Deadline, DeadlineTransport
from coach.realize.llm_stream import EchoFilter, LiveReply, clean_reply, clean_stream
from coach.realize.offline import opening_lines
from coach.text.secrets import redact
from coach.types import Analysis, Motivation, Move, Plan, Turn, Verdict

# Local servers (llama.cpp, Ollama, vLLM) ignore the key, but the client refuses to start without one.
PLACEHOLDER_KEY = "not-needed"
MAX_TOKENS = 80  # three short sentences (~60 tokens); also bounds a model that loops
HISTORY_TURNS = 4
TURN_CHARS = 300  # per turn in the history: 2048 tokens of context go fast
MESSAGE_CHARS = 800

MOTIVATION_WORDS: dict[Motivation, str] = {
    Motivation.INFLUENCE: "influence: having an impact on what others do",
    Motivation.AUTHORITY: "authority: having a say over people and decisions",
    Motivation.RECOGNITION: "recognition: being seen and appreciated",
    Motivation.GROWTH: "growth: learning and mastering hard things",
    Motivation.AUTONOMY: "autonomy: deciding how and what to work on",
    Motivation.MEANING: "meaning: doing something that matters",
    Motivation.COMPENSATION: "money, and the safety or freedom behind it",
    Motivation.NEXT_RUNG: "taking the next step on the ladder",
}

RETRY_STATUS = (408, 409, 429, 500, 502, 503, 504)
RETRY_BASE_S = 0.5  # the first back-off (doubling, with jitter), unless the server says how long
MIN_ATTEMPT_S = 0.3  # a retry needs at least this much budget left after its back-off


# --------------------------------------------------------------------------- secrets and errors


def scrub(text: str, settings: Settings | None = None) -> str:
    """Remove the configured API key (and anything key-shaped) from text meant for humans or logs.

    The key is registered when the settings are made (coach/text/secrets.py); passing `settings`
    here also covers settings built some other way."""
    from coach.text.secrets import remember

    if settings is not None and settings.api_key is not None:
        remember(settings.api_key.get_secret_value())
    return redact(text)


def display_url(settings: Settings) -> str:
    """The server address to name in messages: the base URL without any user:password part."""
    url = settings.base_url or "https://api.openai.com/v1"
    parts = urlsplit(url)
    if parts.username or parts.password:
        host = parts.hostname or ""
        if parts.port:
            host += f":{parts.port}"
        parts = parts._replace(netloc=host)
    return urlunsplit(parts._replace(query=""))


def error_kind(exc: BaseException) -> type[ModelError]:
    """Which ModelError a failure of the model client is: the one mapping (`model_error` adds words).

        client exception (openai, httpx2)                        ModelError subclass
        openai.APITimeoutError, httpx2.TimeoutException          ModelTimedOut
        openai.APIConnectionError, httpx2.ConnectError           ModelUnreachable
        openai.AuthenticationError, PermissionDeniedError        ModelRefused       (401, 403)
        openai.NotFoundError, RateLimitError                     ModelRefused       (404; 429 after the retries)
        any other openai.APIStatusError                          ModelRefused if 4xx, else ModelBadResponse
        httpx2.HTTPError after the request was sent              ModelBadResponse   (the reply broke off)
        openai.APIResponseValidationError, ValueError            ModelBadResponse   (not a chat completion:
                                                                   wrong shape, not JSON, no events)
        a ModelError                                             its own kind

    Only the types in SERVER_FAILURES reach here; anything else is a bug and is not caught.
    """
    if isinstance(exc, ModelError):
        return type(exc)
    if isinstance(exc, openai.APITimeoutError | httpx2.TimeoutException):
        return ModelTimedOut
    if isinstance(exc, openai.APIConnectionError | httpx2.ConnectError):
        return ModelUnreachable
    if isinstance(exc, openai.APIStatusError):
        return ModelRefused if 400 <= exc.status_code < 500 else ModelBadResponse
    return ModelBadResponse


def model_error(exc: BaseException, settings: Settings) -> ModelError:
    """The client failure as the ModelError `error_kind` names, in words that say what to do.

    The words name the server (never the key: everything is scrubbed) and the setting to fix.
    """
    where = display_url(settings)
    kind = error_kind(exc)
    if isinstance(exc, ModelError):
        return kind(scrub(str(exc), settings))
    if isinstance(exc, openai.APITimeoutError | httpx2.TimeoutException):
        msg = (
            f"The model server at {where} did not answer within {settings.timeout_s:g}s (COACH_TIMEOUT). "
            "It may be overloaded or the model too large; raise COACH_TIMEOUT or use a smaller model."
        )
    elif isinstance(exc, openai.APIConnectionError | httpx2.ConnectError):
        msg = (
            f"Cannot connect to the model server at {where}. "
            "Start the server or fix OPENAI_BASE_URL."
        )
    elif isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        msg = f"The model server at {where} rejected the API key. Check OPENAI_API_KEY."
    elif isinstance(exc, openai.NotFoundError):
        msg = (
            f"The model server at {where} answered 404 for model '{settings.model}'. "
            "Check COACH_MODEL, and that OPENAI_BASE_URL ends in /v1."
        )
    elif isinstance(exc, openai.RateLimitError):
        msg = (
            f"The model server at {where} is rate-limiting requests (429), still after "
            f"{settings.max_retries} retries. Wait a moment or check your quota."
        )
    elif isinstance(exc, openai.APIStatusError):
        msg = f"The model server at {where} failed with HTTP {exc.status_code}."
    elif isinstance(exc, httpx2.HTTPError):
        msg = f"The connection to the model server at {where} broke mid-reply ({type(exc).__name__})."
    else:  # a body that is not a chat completion (APIResponseValidationError, ValueError)
        msg = f"The model server at {where} returned something unreadable ({type(exc).__name__})."
    return kind(scrub(msg, settings))


# Exceptions that mean "the server failed", as opposed to a bug in this module; caught only around
# the model call itself. The client validates every response (`build_chat_model`), so a 200 whose
# body is not a chat completion raises openai.APIResponseValidationError there, not a TypeError or
# KeyError from deep inside langchain's parsing. What is left is ValueError: a body that is not
# JSON (json.JSONDecodeError) and langchain's "No generation chunks were returned" for a stream
# without a single event.
SERVER_FAILURES: tuple[type[BaseException], ...] = (
    openai.OpenAIError,
    httpx2.HTTPError,
    ValueError,
)


# --------------------------------------------------------------------------- building blocks


def is_official(settings: Settings) -> bool:
    """OpenAI itself or Azure OpenAI, which name the token limit `max_completion_tokens`."""
    host = urlsplit(settings.base_url or "https://api.openai.com/v1").hostname or ""
    return host == "api.openai.com" or host.endswith(".azure.com")


def build_chat_model(
    settings: Settings, *, max_tokens: int = MAX_TOKENS, temperature: float = 0.6, own_retries: bool = False
) -> ChatOpenAI:
    """The ChatOpenAI client for these settings (any OpenAI-compatible server).

    Requests go through `DeadlineTransport`, so a reply made under a `Deadline` cannot outlast it.
    `own_retries`: the caller retries within its deadline (the realizer), so the client does not.
    The openai client underneath validates each response against the chat-completion schema
    (`_strict_response_validation`), so a body of the wrong shape fails as one typed error
    (openai.APIResponseValidationError) at the call, not as a TypeError inside langchain's parsing.
    """
    if settings.api_key is None and not settings.base_url:
        raise ConfigError(
            "LLM mode needs OPENAI_API_KEY (for OpenAI) or OPENAI_BASE_URL (for a local server: "
            "Ollama, vLLM, llama.cpp). Set one, or use COACH_BACKEND=offline."
        )
    key = settings.api_key or SecretStr(PLACEHOLDER_KEY)
    # langchain-openai sends the limit as `max_completion_tokens` (OpenAI's current name), which
    # llama.cpp's server and older Ollama ignore: a small model then rambles to the end of its
    # context. Other servers get the classic `max_tokens` instead; OpenAI and Azure keep the new one.
    limit: dict[str, Any] = (
        {"max_tokens": max_tokens}
        if is_official(settings)
        else {"extra_body": {"max_tokens": max_tokens}}
    )
    # connect fails fast (server down); the total bounds a slow model. httpx applies the
    # total as the read timeout, i.e. between bytes, so stream() also enforces a deadline.
    timeout = openai.Timeout(settings.timeout_s, connect=settings.connect_timeout_s)
    retries = 0 if own_retries else settings.max_retries
    client = openai.OpenAI(
        api_key=key.get_secret_value(),
        base_url=settings.base_url or None,
        timeout=timeout,
        max_retries=retries,
        http_client=httpx2.Client(transport=DeadlineTransport()),
        _strict_response_validation=True,
    )
    return ChatOpenAI(
        model=settings.model,
        base_url=settings.base_url,
        api_key=key,
        timeout=timeout,
        max_retries=retries,
        client=client.chat.completions,
        root_client=client,
        temperature=temperature,
        stream_usage=False,  # not every compatible server accepts stream_options
        **limit,
    )


def neutralize(text: str, limit: int = MESSAGE_CHARS) -> str:
    """Make mentee text safe to place between our tags: no tags of its own, bounded length.

    Angle brackets become look-alikes, so "</mentee_message> ignore the rules" cannot close the
    delimiter; whitespace is collapsed so the text cannot fake a new prompt section either.
    """
    text = text.replace("<", "‹").replace(">", "›")
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit].rstrip() + " …"
    return text


def _format_history(turns: list[Turn]) -> str:
    lines = []
    for t in turns[-HISTORY_TURNS:]:
        who = "mentee" if t.role == "mentee" else "coach"
        lines.append(f'<turn from="{who}">{neutralize(t.text, TURN_CHARS)}</turn>')
    return "\n".join(lines) if lines else "(this is the start of the conversation)"


def _format_analysis(ctx: Context) -> str:
    a = ctx.analysis
    bits: list[str] = []
    if a.goal:
        bits.append(f"goal named: {neutralize(a.goal, 120)}")
    if a.topic:
        bits.append(f"topic: {neutralize(a.topic, 120)}")
    if a.roles:
        bits.append("roles named: " + ", ".join(neutralize(r, 60) for r in a.roles[:3]))
    kinds = [k.value.replace("_", " ") for k in a.kinds if k.value not in ("injection",)]
    if kinds:
        bits.append("sounds like: " + ", ".join(kinds[:4]))
    if a.energy >= 0.5:
        bits.append("their energy is high")
    bits += _format_hearing(a)
    return "; ".join(bits) if bits else "nothing specific yet"


_ACT_NOTES = {
    "request_advice": "this is a request for advice, not a statement to reflect",
    "request_steps": "this is a request for steps or a plan, not a statement to reflect",
    "request_opinion": "this is a request for your verdict or opinion, not a statement to reflect",
    "question_coach": "this is a question about you, the coach",
    "complaint": "this is a complaint about you, the coach",
    "correction": "they are correcting your last reply: you had it wrong",
    "small_talk": "this is small talk",
    "boundary": "they do not want to go into it: respect that",
    "disclosure": "they are telling you something that matters to them personally",
}


def _format_hearing(a: Analysis) -> list[str]:
    """The same hearing the offline voice reads (coach/analyze/hearing.py), as notes for the model:
    whose want, what is denied, what is feared, what kind of message it is. Their words stay data."""
    h = a.hearing
    bits: list[str] = []
    note = _ACT_NOTES.get(h.act.value)
    if note:
        bits.append(note)
    for c in h.claims[:4]:
        obj = neutralize(c.object, 100)
        if not obj:
            continue
        if c.holder != "self":
            bits.append(f"{neutralize(c.holder, 40)} wants or thinks: {obj} (their view, not the mentee's)")
        elif c.polarity < 0:
            bits.append(f"they said it is NOT about: {obj}")
        elif c.modality == "fear":
            bits.append(f"they fear: {obj} (fear of losing something, not ambition)")
        elif c.beats:
            bits.append(f"they prefer {obj} over {neutralize(c.beats, 80)}")
        elif c.modality == "hypothetical":
            bits.append(f"a hypothetical, not a plan: {obj}")
        elif c.modality == "value":
            bits.append(f"what it is about for them: {obj}")
    if h.feelings:
        bits.append("feelings shown: " + ", ".join(f"{f.name} ({neutralize(f.text, 30)})" for f in h.feelings[:3]))
    if h.event:
        bits.append({"loss": "a loss: meet it with care before anything about work",
                     "good_news": "good news: meet it with warmth",
                     "bad_news": "a setback: meet it with care"}[h.event])
    if h.mixed:
        bits.append(f"written partly in another language ({h.language}); reflect only the English part")
    if h.long:
        bits.append("a long pasted text: acknowledge it and ask which part matters most")
    return bits


def _format_recalled(ctx: Context, plan: Plan) -> str:
    items = list(ctx.recalled)
    if not items and plan.recall is not None:
        items = [{"text": plan.recall.text, "date": plan.recall_date}]
    if not items:
        return ""
    first = items[0]
    date = neutralize(str(first.get("date", "")), 40) or "an earlier session"
    return f"Earlier ({date}) they said: <earlier>{neutralize(str(first.get('text', '')), 300)}</earlier>\n"


def _motivation_line(motivation: Motivation | None) -> str:
    if motivation is None:
        return ""
    return f"What seems to matter to them: {MOTIVATION_WORDS[motivation]}.\n"


SHAPE_ASK = "End with exactly one open question."
SHAPE_NO_ASK = "Do not ask any question."
SHAPE_COMPLEX = "Name the meaning underneath their words, not just the words."


def _shape(plan: Plan) -> str:
    parts = [SHAPE_ASK if plan.ask else SHAPE_NO_ASK]
    if plan.complex:
        parts.append(SHAPE_COMPLEX)
    return " ".join(parts)


def _split_current(ctx: Context) -> tuple[list[Turn], str]:
    """History without the message being answered, and that message.

    The agent stores the mentee's turn before realizing, so `recent` usually ends with it.
    """
    turns = list(ctx.recent)
    current = ctx.analysis.text
    if turns and turns[-1].role == "mentee":
        last = turns.pop()
        current = current or last.text
    return turns, current


def _text_of(message: BaseMessage) -> str:
    content: Any = message.content
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content blocks
        return "".join(
            b if isinstance(b, str) else str(b.get("text", "")) for b in content if b
        )
    raise ModelBadResponse("The model returned a message without text.")


def _looks_like_text(text: str) -> bool:
    letters = sum(ch.isalpha() for ch in text)
    return len(text.split()) >= 2 and letters >= 0.5 * len(text.replace(" ", ""))


@dataclass(slots=True)
class CallStats:
    """Time spent inside model calls, for `bench_llm`.

    While a reply streams, the coach cleans and checks each new word as the server writes the
    next one: that work runs alongside the model, so the latency the coach adds on top of the
    model is the turn time minus `span_seconds`; `span_seconds - seconds` is the coach's own
    work inside the stream (it only delays the reply if it falls behind the server).
    """

    calls: int = 0
    seconds: float = 0.0  # waiting for the server: the request, then each next chunk
    span_seconds: float = 0.0  # request sent -> stream ended, including work done between chunks
    first_token_at: float | None = None  # perf_counter() of the first text token since reset


# --------------------------------------------------------------------------- the realizer


class LLMRealizer:
    """Realizer protocol on a langchain chat model. Raises ModelError; the agent falls back."""

    name = "llm"

    def __init__(self, settings: Settings, chat_model: BaseChatModel | None = None) -> None:
        self.settings = settings
        self.model: BaseChatModel = (
            chat_model if chat_model is not None else build_chat_model(settings, own_retries=True)
        )
        self._own_retries = chat_model is None  # an injected model retries (or not) by itself
        self._reply = threading.local()  # the Deadline of the reply this thread is making
        # Loading checks the prompt files' variables now, not mid-conversation.
        self._realize = load_prompt("realize")
        self._revise = load_prompt("revise")
        self._moves = move_instructions()
        self.stats = CallStats()
        self.last_raw = ""  # the model's text before cleaning, from the latest call (for bench_llm)

    # -- prompts

    def realize_messages(self, plan: Plan, ctx: Context) -> list[BaseMessage]:
        history, current = _split_current(ctx)
        motivation = plan.motivation
        return self._realize.format_messages(
            history=_format_history(history),
            analysis=_format_analysis(ctx),
            recalled=_format_recalled(ctx, plan),
            mentee_message=neutralize(current),
            instruction=self._moves[plan.move.value],
            motivation=_motivation_line(motivation),
            shape=_shape(plan),
        )

    def revise_messages(
        self, plan: Plan, ctx: Context, draft: str, reason: str
    ) -> list[BaseMessage]:
        _, current = _split_current(ctx)
        return self._revise.format_messages(
            mentee_message=neutralize(current),
            draft=neutralize(draft, 600),
            reason=" ".join(reason.split()) or "it broke the coaching rules",
            instruction=self._moves[plan.move.value],
            shape=_shape(plan),
        )

    # -- model calls

    @contextmanager
    def _timed(self) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.stats.calls += 1
            self.stats.seconds += time.perf_counter() - start

    def _echo_filter(self, plan: Plan, ctx: Context) -> EchoFilter:
        """Everything in the prompt that is ours, not the mentee's: copying it is leaking it."""
        # The lottery instruction *is* the question to ask, so copying it is the point.
        instruction = "" if plan.move is Move.LOTTERY else self._moves[plan.move.value]
        ours = [
            read_prompt_text("system"),
            read_prompt_text("realize"),
            read_prompt_text("revise"),
            instruction,
            SHAPE_ASK,
            SHAPE_NO_ASK,
            SHAPE_COMPLEX,
            _motivation_line(plan.motivation),
            # the ground rules the session opened with: a model repeating them mid-conversation
            # ("I'm here to listen and ask questions, not to give advice ...") is filling space
            *opening_lines(),
        ]
        history, current = _split_current(ctx)
        said = [t.text for t in history if t.role == "coach"]
        heard = [t.text for t in history if t.role == "mentee"][-4:]
        return EchoFilter("\n".join(ours), current, said_before=said, mentee_before=heard)

    def _deadline(self, *, revision: bool = False) -> Deadline:
        """The current reply's deadline: a new one for a first draft, the same for its revision."""
        current = getattr(self._reply, "deadline", None)
        if revision and current is not None:
            return current
        if current is not None:
            current.close()
        self._reply.deadline = Deadline(self.settings.timeout_s)
        return self._reply.deadline

    def _timeout_error(self) -> ModelError:
        return ModelTimedOut(
            f"The model server at {display_url(self.settings)} did not answer within "
            f"{self.settings.timeout_s:g}s (COACH_TIMEOUT). Raise COACH_TIMEOUT or use a smaller or closer model."
        )

    def _retry_wait(self, exc: BaseException, attempt: int) -> float | None:
        """Seconds to wait before retrying after `exc`, or None when it is not worth a retry."""
        if not self._own_retries or attempt >= self.settings.max_retries:
            return None
        if isinstance(exc, openai.APIStatusError):
            if exc.status_code not in RETRY_STATUS:
                return None
            headers = exc.response.headers if exc.response is not None else {}
            for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
                value = headers.get(name)
                if value is None:
                    continue
                try:
                    return float(value) * scale
                except ValueError:
                    continue
        elif not (isinstance(exc, openai.APIConnectionError) and not isinstance(exc, openai.APITimeoutError)):
            return None  # garbage, a timeout (the budget is spent), a 4xx: retrying cannot help
        return RETRY_BASE_S * 2**attempt * random.uniform(0.75, 1.0)

    def _attempt(self, deadline: Deadline, call: Callable[[], Any]) -> Any:
        """`call()` (one request, up to its first data), retried while the deadline allows."""
        attempt = 0
        while True:
            try:
                with deadline.active():
                    return call()
            except SERVER_FAILURES as exc:
                if deadline.expired():
                    raise self._timeout_error() from None
                wait = self._retry_wait(exc, attempt)
                if wait is None or deadline.remaining() < wait + MIN_ATTEMPT_S:
                    raise model_error(exc, self.settings) from None
                time.sleep(wait)
                attempt += 1

    def _complete(self, messages: list[BaseMessage], *, ask: bool, drop: EchoFilter | None = None) -> str:
        # Nothing shows until the whole reply is there: all of it must come within COACH_TIMEOUT.
        deadline = Deadline(self.settings.timeout_s, finish_factor=1.0)
        try:
            with self._timed():
                message = self._attempt(deadline, lambda: self.model.invoke(messages))
        finally:
            deadline.close()
        text = _text_of(message)
        self.last_raw = text
        finish = (getattr(message, "response_metadata", None) or {}).get("finish_reason")
        cleaned = clean_reply(text, ask=ask, truncated=finish == "length", drop=drop)
        if not cleaned or not _looks_like_text(cleaned):
            if not text.strip():
                what = "an empty reply"
            elif finish == "length":
                what = "no complete sentence before its token limit"
            else:
                what = "no usable reply (only labels, copied prompt text or noise)"
            raise ModelBadResponse(
                f"The model at {display_url(self.settings)} returned {what}."
            )
        return cleaned

    def _tokens(
        self, messages: list[BaseMessage], finish: dict[str, str], deadline: Deadline | None = None
    ) -> Iterator[str]:
        """Raw content tokens; ModelError on transport failure, deadline, or a cut-off stream.

        Every read happens under `deadline` (see coach/realize/deadline.py); the request is retried
        only before any data arrived, and only while the budget allows.
        """
        if deadline is None:
            deadline = Deadline(self.settings.timeout_s)
        self.last_raw = ""
        holder: dict[str, Any] = {}

        def first_chunk() -> Any:
            stream = holder["stream"] = self.model.stream(messages)
            try:
                return next(stream)
            except BaseException:
                stream.close()
                raise

        self.stats.calls += 1
        start = time.perf_counter()
        stream: Any = None
        try:
            t0 = time.perf_counter()
            try:
                chunk: Any = self._attempt(deadline, first_chunk)
            except StopIteration:
                chunk = None
            finally:
                self.stats.seconds += time.perf_counter() - t0
            stream = holder.get("stream")
            while chunk is not None:
                reason = (getattr(chunk, "response_metadata", None) or {}).get("finish_reason")
                if reason:
                    finish["reason"] = reason
                text = _text_of(chunk)
                if text:
                    deadline.progress()
                    if self.stats.first_token_at is None:
                        self.stats.first_token_at = time.perf_counter()
                    self.last_raw += text
                    yield text
                if deadline.expired():
                    raise self._timeout_error()
                # Only the wait for the next chunk counts as model time: between chunks the
                # consumer (cleaning, the guard, the UI) is running, and that is coach time.
                t0 = time.perf_counter()
                try:
                    with deadline.active():
                        chunk = next(stream)
                except StopIteration:
                    chunk = None
                except SERVER_FAILURES as exc:
                    if deadline.expired():
                        raise self._timeout_error() from None
                    raise model_error(exc, self.settings) from None
                finally:
                    self.stats.seconds += time.perf_counter() - t0
            if "reason" not in finish:
                # A stream that ends without a finish_reason was cut off (server died, proxy
                # timeout): what we have may be half a sentence.
                raise ModelBadResponse(
                    f"The reply from {display_url(self.settings)} was cut off mid-stream."
                )
        finally:
            if stream is not None:
                stream.close()  # closes the connection: the server stops generating
            self.stats.span_seconds += time.perf_counter() - start

    # -- Realizer protocol

    def realize(self, plan: Plan, ctx: Context) -> str:
        return self._complete(
            self.realize_messages(plan, ctx), ask=plan.ask, drop=self._echo_filter(plan, ctx)
        )

    def revise(self, plan: Plan, ctx: Context, draft: str, reason: str) -> str:
        return self._complete(
            self.revise_messages(plan, ctx, draft, reason),
            ask=plan.ask,
            drop=self._echo_filter(plan, ctx),
        )

    def stream(self, plan: Plan, ctx: Context) -> Iterator[str]:
        """Cleaned sentences as they complete (each ends with a space), without the guard.

        Raises ModelError (before or during iteration) like `realize`; an empty stream raises too.
        What the agent shows comes from `live`, which adds the guard token by token.
        """
        finish: dict[str, str] = {}
        produced = False
        for piece in clean_stream(
            self._tokens(self.realize_messages(plan, ctx), finish, self._deadline()),
            ask=plan.ask,
            drop_unfinished=lambda: finish.get("reason") == "length",
            drop=self._echo_filter(plan, ctx),
        ):
            produced = True
            yield piece
        if not produced:
            raise ModelBadResponse(
                f"The model at {display_url(self.settings)} returned an empty reply."
            )

    def live(
        self,
        plan: Plan,
        ctx: Context,
        check: Callable[[str], Verdict],
        *,
        draft: str | None = None,
        reason: str = "",
    ) -> LiveReply:
        """The reply streamed token by token through the clean-up and `check` (see LiveReply).

        With `draft` (and the guard's `reason`), the revision of that draft instead. Nothing is
        sent until the first `next()`; a ModelError (server down, slow, garbage, cut off) ends
        the iteration and lands in `.result.error`, so the agent can fall back with a notice.
        """
        messages = (
            self.realize_messages(plan, ctx)
            if draft is None
            else self.revise_messages(plan, ctx, draft, reason)
        )
        finish: dict[str, str] = {}
        echo = self._echo_filter(plan, ctx)
        deadline = self._deadline(revision=draft is not None)
        tokens: Iterator[str] = self._tokens(messages, finish, deadline)
        first = getattr(self._reply, "first", None)
        if draft is not None and first is not None and first.result.cut and not first.result.sentences:
            # Its very first sentence failed the guard: the model is abandoned for this reply at
            # once (the offline voice answers), not asked to write a whole second reply.
            tokens = self._abandon("its first sentence failed the guard", ModelBadResponse)
        elif draft is not None and deadline.remaining() < deadline.elapsed():
            # The revision would take about as long as the draft did, and that much is not left.
            tokens = self._abandon(
                f"no time left within COACH_TIMEOUT ({self.settings.timeout_s:g}s) for a revision",
                ModelTimedOut,
            )
        reply = LiveReply(
            tokens,
            check,
            on_shown=deadline.mark_shown,
            ask=plan.ask,
            drop=echo,
            relevant=echo.grounded,
            hold=echo.holds,
            drop_unfinished=lambda: finish.get("reason") == "length",
            partial=draft is None,  # the agent shows a revision only once it has passed whole
        )
        if draft is None:
            self._reply.first = reply
        return reply

    def _abandon(self, why: str, kind: type[ModelError]) -> Iterator[str]:
        """Tokens that never come: no request is sent, the revision fails with `why` at once."""
        raise kind(f"The model at {display_url(self.settings)} was not asked again: {why}.")
        yield ""  # pragma: no cover - makes this a generator: the error comes at the first next()

    def no_text_error(self) -> ModelError:
        """The notice for a reply that left nothing usable once cleaned."""
        return ModelBadResponse(
            f"The model at {display_url(self.settings)} wrote nothing usable as a reply "
            "(only labels, copied instructions, or sentences about nothing you said)."
        )
