"""`LLMRealizer`: the Realizer protocol on a chat model, every reply under one deadline, retried only
while the budget allows (see the package docstring).
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import openai
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage

from coach.config import Settings
from coach.errors import ModelBadResponse, ModelError, ModelTimedOut
from coach.prompting import load_prompt, move_instructions, read_prompt_text
from coach.realize.base import Context
from coach.realize.deadline import Deadline
from coach.realize.llm.clean import clean_reply, clean_stream
from coach.realize.llm.client import SERVER_FAILURES, build_chat_model, display_url, model_error
from coach.realize.llm.echo import EchoFilter
from coach.realize.llm.live import LiveReply
from coach.realize.llm.prompt import (
    SHAPE_ASK,
    SHAPE_COMPLEX,
    SHAPE_NO_ASK,
    _format_analysis,
    _format_history,
    _format_recalled,
    _motivation_line,
    _shape,
    _split_current,
    neutralize,
)
from coach.realize.offline import opening_lines
from coach.types import Move, Plan, Verdict

RETRY_STATUS = (408, 409, 429, 500, 502, 503, 504)

RETRY_BASE_S = 0.5  # the first back-off (doubling, with jitter), unless the server says how long

MIN_ATTEMPT_S = 0.3  # a retry needs at least this much budget left after its back-off


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
