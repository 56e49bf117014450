"""The model client: `build_chat_model` for any OpenAI-compatible server, and its failures as the
`ModelError` tree, decided in one place (`error_kind`, `model_error`), worded without the API key.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx2
import openai
from langchain_openai import ChatOpenAI
from pydantic import SecretStr

from coach.config import Settings
from coach.errors import ConfigError, ModelBadResponse, ModelError, ModelRefused, ModelTimedOut, ModelUnreachable
from coach.realize.deadline import DeadlineTransport
from coach.text.secrets import redact

# Local servers (llama.cpp, Ollama, vLLM) ignore the key, but the client refuses to start without one.
PLACEHOLDER_KEY = "not-needed"

MAX_TOKENS = 80  # three short sentences (~60 tokens); also bounds a model that loops


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
