"""The LLM realizer: puts the policy's chosen move into words with a chat model.

The model's job is kept small on purpose (a 135M model with 2048 tokens of context must manage
it): the policy has already chosen the move, the analysis says what was heard, and the prompt
asks for at most three sentences. Everything the mentee wrote goes into the prompt as delimited
data (<mentee_message>, <turn>, <earlier>) with angle brackets neutralized, never as
instructions. What comes back is cleaned (`clean.clean_reply`) before the guard sees it.

Any OpenAI-compatible server works (OpenAI, Azure OpenAI's v1 endpoint, Ollama, vLLM,
llama.cpp's server) through `langchain_openai.ChatOpenAI`; tests inject any `BaseChatModel`.
Failures (refused, timed out, rate-limited past the retries, 5xx, empty or truncated replies)
become a `ModelError` subclass (`error_kind` says which) with a message that never contains the
API key, so the agent can fall back to the offline voice and show the message.

Every reply runs under one deadline (coach/realize/deadline.py): COACH_TIMEOUT to the first words
on screen, connecting, retries and a revision included. Retries are made here, not by the client,
so they happen only while the budget allows; a revision is attempted only if at least as much time
is left as the first draft took, and otherwise abandoned at once for the offline voice.

One part a module:

    realizer.py    LLMRealizer: realize / revise / stream / live, retries under the deadline
    client.py      build_chat_model, and the client's failures as the ModelError tree (error_kind)
    prompt.py      the prompt's parts: the mentee's words as data, history, what was heard, the shape
    live.py        LiveReply: the reply streamed with the guard in the stream
    clean.py       clean_stream / clean_reply: the clean-up small models need
    echo.py        EchoFilter: sentences copied from the prompt, narrated, or not grounded
    sentences.py   where a streamed sentence ends; the stream's word lists
"""

from __future__ import annotations

from coach.realize.llm.clean import clean_reply, clean_stream
from coach.realize.llm.client import (
    MAX_TOKENS,
    PLACEHOLDER_KEY,
    SERVER_FAILURES,
    build_chat_model,
    display_url,
    error_kind,
    is_official,
    model_error,
    scrub,
)
from coach.realize.llm.echo import EchoFilter
from coach.realize.llm.live import LiveReply, LiveResult
from coach.realize.llm.prompt import neutralize
from coach.realize.llm.realizer import CallStats, LLMRealizer
from coach.realize.llm.sentences import SentenceBuffer, split_sentences

__all__ = [
    "LLMRealizer", "CallStats", "build_chat_model", "MAX_TOKENS", "PLACEHOLDER_KEY",
    "SERVER_FAILURES", "error_kind", "model_error", "scrub", "display_url", "is_official", "neutralize",
    "LiveReply", "LiveResult", "clean_stream", "clean_reply", "EchoFilter", "SentenceBuffer", "split_sentences",
]
