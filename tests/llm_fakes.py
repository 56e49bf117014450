"""Test doubles for the model seam: a scripted chat model and tiny loopback servers.

`ScriptedChatModel` takes a list (or a callable) of replies, records every message list it was
SENT in `.history`, and raises when the script runs out, unlike langchain's FakeListChatModel,
which cycles and lets a two-turn test pass with one reply.

`LoopbackHTTP` is a threaded HTTP server on 127.0.0.1 whose responses are scripted per request
and which counts and records the requests, for testing the real ChatOpenAI client against
retries, garbage and broken streams. `silent_port()` accepts connections and never answers;
`closed_port()` is a port nothing listens on.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

Reply = str | BaseException
Script = Sequence[Reply] | Callable[[list[BaseMessage]], Reply]


class ScriptRanOut(AssertionError):
    pass


class ScriptedChatModel(BaseChatModel):
    """A chat model that replies from a script and records what it was sent."""

    script: Any
    history: list[list[BaseMessage]] = []  # noqa: RUF012 - a pydantic field: each instance gets a copy
    position: int = 0
    finish_reason: str = "stop"

    def __init__(self, script: Script, **kw: Any) -> None:
        super().__init__(script=script, history=[], **kw)

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def _next(self, messages: list[BaseMessage]) -> str:
        self.history.append(list(messages))
        if callable(self.script):
            reply = self.script(messages)
        else:
            if self.position >= len(self.script):
                raise ScriptRanOut(
                    f"ScriptedChatModel ran out of replies after {len(self.script)} call(s)"
                )
            reply = self.script[self.position]
            self.position += 1
        if isinstance(reply, BaseException):
            raise reply
        return reply

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        text = self._next(messages)
        msg = AIMessage(content=text, response_metadata={"finish_reason": self.finish_reason})
        return ChatResult(generations=[ChatGeneration(message=msg)])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        text = self._next(messages)
        words = text.split(" ")
        for i, word in enumerate(words):
            token = word if i == 0 else " " + word
            yield ChatGenerationChunk(message=AIMessageChunk(content=token))
        yield ChatGenerationChunk(
            message=AIMessageChunk(content=""), generation_info={"finish_reason": self.finish_reason}
        )

    @property
    def sent_text(self) -> list[str]:
        """Each call's messages joined, for assertions on what reached the model."""
        return ["\n".join(str(m.content) for m in call) for call in self.history]


# --------------------------------------------------------------------------- loopback servers


def completion_body(content: str, finish: str = "stop", model: str = "test") -> bytes:
    return json.dumps(
        {
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "created": 0,
            "model": model,
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish}
            ],
        }
    ).encode()


def sse_chunks(tokens: list[str], *, finish: str | None = "stop", done: bool = True) -> bytes:
    """An OpenAI-style SSE stream; finish=None, done=False imitate a stream cut off mid-reply."""
    out = []
    for tok in tokens:
        out.append({"id": "c", "object": "chat.completion.chunk", "created": 0, "model": "test",
                    "choices": [{"index": 0, "delta": {"content": tok}, "finish_reason": None}]})
    if finish:
        out.append({"id": "c", "object": "chat.completion.chunk", "created": 0, "model": "test",
                    "choices": [{"index": 0, "delta": {}, "finish_reason": finish}]})
    body = "".join(f"data: {json.dumps(c)}\n\n" for c in out)
    if done:
        body += "data: [DONE]\n\n"
    return body.encode()


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json"
    # Declare a longer body than sent, then close: a connection that dies mid-reply.
    cut_short: bool = False


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    at: float

    def json(self) -> Any:
        return json.loads(self.body or b"{}")


class LoopbackHTTP:
    """A scripted HTTP server on 127.0.0.1. Use as a context manager."""

    def __init__(self, responses: Sequence[Response] | Callable[[Request], Response]) -> None:
        self.responses = responses
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                req = Request(self.command, self.path, dict(self.headers), body, time.monotonic())
                with outer._lock:
                    outer.requests.append(req)
                    n = len(outer.requests)
                resp = outer._pick(req, n)
                self.send_response(resp.status)
                self.send_header("content-type", resp.content_type)
                declared = len(resp.body) + (100 if resp.cut_short else 0)
                self.send_header("content-length", str(declared))
                for k, v in resp.headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(resp.body)
                self.wfile.flush()
                if resp.cut_short:
                    self.close_connection = True

            do_GET = _handle
            do_POST = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def _pick(self, req: Request, n: int) -> Response:
        if callable(self.responses):
            return self.responses(req)
        if n > len(self.responses):
            return Response(500, b'{"error": "script ran out"}')
        return self.responses[n - 1]

    @property
    def posts(self) -> list[Request]:
        return [r for r in self.requests if r.method == "POST"]

    def __enter__(self) -> LoopbackHTTP:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def closed_port() -> int:
    """A loopback port with nothing listening (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SilentServer:
    """Accepts TCP connections on loopback and never answers: a hung model server."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self._conns: list[socket.socket] = []
        self._stop = threading.Event()
        self.sock.settimeout(0.1)
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self._conns.append(conn)  # hold it open, read nothing, answer nothing

    def __enter__(self) -> SilentServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        for c in self._conns:
            c.close()
        self.sock.close()


# --------------------------------------------------------------------------- misbehaving streams


def sse_event(content: str | None = None, finish: str | None = None) -> bytes:
    """One OpenAI-style stream chunk as an SSE event."""
    delta = {} if content is None else {"content": content}
    chunk = {"id": "c", "object": "chat.completion.chunk", "created": 0, "model": "test",
             "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    return f"data: {json.dumps(chunk)}\n\n".encode()


@dataclass
class StreamLog:
    """What happened to one request on a `PacedSSE` server."""

    at: float
    events_sent: int = 0
    finished: bool = False  # the whole script was written
    client_gone_at: float | None = None  # the client closed the connection (monotonic time)


class PacedSSE:
    """A loopback chat server that streams scripted SSE events at its own pace, and notices when
    the client hangs up. `script(n)` gives request n (1-based) a list of (delay_s, bytes): sleep,
    then write. It models servers that keep a connection alive without answering (keep-alive
    comments), drip a word every few seconds, or write a long reply a client should abandon."""

    def __init__(self, script: Callable[[int], list[tuple[float, bytes]]], status: int = 200) -> None:
        self.script = script
        self.logs: list[StreamLog] = []
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                self.rfile.read(length)
                log = StreamLog(at=time.monotonic())
                with outer._lock:
                    outer.logs.append(log)
                    n = len(outer.logs)
                self.send_response(status)
                self.send_header("content-type", "text/event-stream")
                self.send_header("transfer-encoding", "chunked")
                self.end_headers()
                try:
                    for delay, data in outer.script(n):
                        time.sleep(delay)
                        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                        self.wfile.flush()
                        log.events_sent += 1
                    self.wfile.write(b"0\r\n\r\n")
                    self.wfile.flush()
                    log.finished = True
                except OSError:
                    log.client_gone_at = time.monotonic()
                    self.close_connection = True

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02},
                                        daemon=True)

    def __enter__(self) -> PacedSSE:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
