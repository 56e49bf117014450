"""The model client's error tree: which ModelError each failure becomes, and in which words.

`coach.realize.llm.error_kind` is the one mapping from the client's exceptions (openai, httpx2) to
ModelUnreachable / ModelTimedOut / ModelBadResponse / ModelRefused; `model_error` words them. The
first half feeds it the client's own exception objects (made here, as the client makes them); the
second half drives the real client against loopback servers (tests/llm_fakes.py) and checks the kind
that reaches the agent, and that a bug is not dressed up as a server failure.
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx2
import openai
import pytest

from coach.config import Settings
from coach.errors import (
    CoachError,
    ModelBadResponse,
    ModelError,
    ModelRefused,
    ModelTimedOut,
    ModelUnreachable,
)
from coach.realize.base import Context
from coach.realize.llm import SERVER_FAILURES, LLMRealizer, error_kind, model_error
from coach.types import Analysis, Move, Plan, Turn
from llm_fakes import LoopbackHTTP, Response, ScriptedChatModel, SilentServer, closed_port, completion_body

URL = "http://127.0.0.1:9/v1"
KEY = "sk-test-SECRET0123456789abcdefXYZ"
PLAN = Plan(move=Move.REFLECT, ask=False)


def settings(tmp_path: Path, **kw: object) -> Settings:
    base: dict[str, object] = dict(
        home=tmp_path, backend="openai", api_key=KEY, base_url=URL, model="test-model",
        timeout_s=5.0, connect_timeout_s=1.0, max_retries=0,
    )
    base.update(kw)
    return Settings(**base)


def ctx(text: str = "I want to lead.") -> Context:
    return Context(analysis=Analysis(text=text), recent=[Turn(1, "s", 0, "mentee", text, "")])


REQUEST = httpx2.Request("POST", URL + "/chat/completions")


def status_error(cls: type[openai.APIStatusError], status: int) -> openai.APIStatusError:
    return cls(f"Error code: {status}", response=httpx2.Response(status, request=REQUEST), body=None)


# The exact words the user saw before the tree existed: the subclasses keep them.
CASES = [
    (openai.APITimeoutError(request=REQUEST), ModelTimedOut,
     f"The model server at {URL} did not answer within 5s (COACH_TIMEOUT). It may be overloaded or the model "
     "too large; raise COACH_TIMEOUT or use a smaller model."),
    (httpx2.ReadTimeout("slow", request=REQUEST), ModelTimedOut, "did not answer within 5s"),
    (openai.APIConnectionError(request=REQUEST), ModelUnreachable,
     f"Cannot connect to the model server at {URL}. Start the server or fix OPENAI_BASE_URL."),
    (httpx2.ConnectError("refused", request=REQUEST), ModelUnreachable, "Cannot connect"),
    (status_error(openai.AuthenticationError, 401), ModelRefused,
     f"The model server at {URL} rejected the API key. Check OPENAI_API_KEY."),
    (status_error(openai.PermissionDeniedError, 403), ModelRefused, "rejected the API key"),
    (status_error(openai.NotFoundError, 404), ModelRefused,
     f"The model server at {URL} answered 404 for model 'test-model'. Check COACH_MODEL, and that "
     "OPENAI_BASE_URL ends in /v1."),
    (status_error(openai.RateLimitError, 429), ModelRefused, "rate-limiting requests (429), still after 0 retries"),
    (status_error(openai.BadRequestError, 400), ModelRefused, f"The model server at {URL} failed with HTTP 400."),
    (status_error(openai.InternalServerError, 500), ModelBadResponse,
     f"The model server at {URL} failed with HTTP 500."),
    (status_error(openai.APIStatusError, 502), ModelBadResponse, "failed with HTTP 502"),
    (httpx2.RemoteProtocolError("peer closed", request=REQUEST), ModelBadResponse,
     f"The connection to the model server at {URL} broke mid-reply (RemoteProtocolError)."),
    (openai.APIResponseValidationError(httpx2.Response(200, request=REQUEST), None), ModelBadResponse,
     f"The model server at {URL} returned something unreadable (APIResponseValidationError)."),
    (json.JSONDecodeError("Expecting value", "<html>", 0), ModelBadResponse,
     "returned something unreadable (JSONDecodeError)"),
    (ValueError("No generation chunks were returned"), ModelBadResponse, "returned something unreadable"),
]


@pytest.mark.parametrize(("exc", "kind", "words"), CASES, ids=[type(c[0]).__name__ for c in CASES])
def test_each_client_failure_maps_to_one_kind_with_the_same_words(
    tmp_path: Path, exc: BaseException, kind: type[ModelError], words: str
) -> None:
    assert isinstance(exc, SERVER_FAILURES)  # the realizer catches exactly what gets mapped
    assert error_kind(exc) is kind
    err = model_error(exc, settings(tmp_path))
    assert type(err) is kind and words in str(err)


def test_every_kind_is_a_model_error_and_a_coach_error() -> None:
    for kind in (ModelUnreachable, ModelTimedOut, ModelBadResponse, ModelRefused):
        assert issubclass(kind, ModelError) and issubclass(kind, CoachError)
    assert len({ModelUnreachable, ModelTimedOut, ModelBadResponse, ModelRefused}) == 4


def test_a_model_error_keeps_its_kind_and_loses_the_key(tmp_path: Path) -> None:
    err = model_error(ModelTimedOut(f"slow, key {KEY}"), settings(tmp_path))
    assert type(err) is ModelTimedOut and KEY not in str(err)


@pytest.mark.parametrize("bug", [TypeError("a bug"), KeyError("x"), AttributeError("y"), RuntimeError("z")])
def test_a_bug_is_not_caught_as_a_server_failure(tmp_path: Path, bug: Exception) -> None:
    assert not isinstance(bug, SERVER_FAILURES)
    r = LLMRealizer(settings(tmp_path), chat_model=ScriptedChatModel([bug]))
    with pytest.raises(type(bug)):
        r.realize(PLAN, ctx())


# --------------------------------------------------------------------------- the real client, loopback


def real(tmp_path: Path, base_url: str, **kw: object) -> LLMRealizer:
    return LLMRealizer(settings(tmp_path, base_url=base_url, **kw))


@pytest.mark.timeout(60)
def test_a_closed_port_is_unreachable(tmp_path: Path) -> None:
    with pytest.raises(ModelUnreachable, match="Cannot connect"):
        real(tmp_path, f"http://127.0.0.1:{closed_port()}/v1").realize(PLAN, ctx())


@pytest.mark.timeout(60)
def test_a_silent_server_times_out(tmp_path: Path) -> None:
    with SilentServer() as srv, pytest.raises(ModelTimedOut, match=r"did not answer within 0\.5s"):
        real(tmp_path, srv.base_url, timeout_s=0.5).realize(PLAN, ctx())


@pytest.mark.parametrize(("status", "kind"), [(401, ModelRefused), (404, ModelRefused), (429, ModelRefused),
                                              (400, ModelRefused), (500, ModelBadResponse)])
def test_http_errors_by_status(tmp_path: Path, status: int, kind: type[ModelError]) -> None:
    with LoopbackHTTP([Response(status, b'{"error": {"message": "no"}}')]) as srv:
        with pytest.raises(ModelError) as info:
            real(tmp_path, srv.base_url).realize(PLAN, ctx())
    assert type(info.value) is kind


@pytest.mark.parametrize(
    "response",
    [
        Response(200, b'{"unexpected": "shape"}'),
        Response(200, b'{"choices": "x"}'),
        Response(200, b'{"choices": [{"index": 0}]}'),
        Response(200, b"[1, 2]"),
        Response(200, b"{this is not json"),
        Response(200, b"<html>proxy error</html>", content_type="text/html"),
        Response(200, completion_body("")),
    ],
    # (a connection cut inside a non-streamed body reaches us as the client's APIConnectionError,
    # so it is ModelUnreachable with "Cannot connect"; test_llm_unit holds that it is a ModelError)
    ids=["wrong-shape", "choices-str", "no-message", "a-list", "invalid-json", "html", "empty"],
)
def test_a_reply_that_is_not_a_usable_completion_is_a_bad_response(tmp_path: Path, response: Response) -> None:
    with LoopbackHTTP([response]) as srv:
        with pytest.raises(ModelBadResponse) as info:
            real(tmp_path, srv.base_url).realize(PLAN, ctx())
    assert KEY not in str(info.value)


@pytest.mark.parametrize(
    "body",
    [b'data: {"choices": "x"}\n\ndata: [DONE]\n\n', b"data: {nope\n\n", b"data: [1]\n\n", b"<html>no</html>"],
    ids=["wrong-shape", "not-json", "a-list", "html"],
)
def test_a_garbage_stream_is_a_bad_response(tmp_path: Path, body: bytes) -> None:
    with LoopbackHTTP([Response(200, body, content_type="text/event-stream")]) as srv:
        with pytest.raises(ModelBadResponse):
            list(real(tmp_path, srv.base_url).stream(PLAN, ctx()))
