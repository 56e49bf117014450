"""One deadline per reply: the mentee never waits longer than COACH_TIMEOUT for words.

A per-request HTTP timeout is not a deadline. httpx applies it between bytes, so a server that
accepts and never answers costs the timeout once per retry (91 s with a 30 s timeout and two
retries); one that sends only SSE keep-alive comments never trips it; one that drips a word every
20 s holds the mentee for minutes. So each reply gets one `Deadline`, shared by everything done for
it (connecting, the first token, retries, a revision):

- until words are on screen, the budget is COACH_TIMEOUT from the moment the mentee sent;
- once words show, the rest must follow without a silence longer than COACH_TIMEOUT, and the whole
  reply must be done within FINISH_FACTOR x COACH_TIMEOUT (a model that stalls mid-reply is cut).

It is enforced where the bytes are, by `DeadlineTransport`, an httpx transport around the real one:
every request's connect/read/write timeouts are capped at what is left; every chunk of the body is
checked against the clock (keep-alive comments included); and a watchdog thread shuts the socket
down the moment the deadline passes, so a read blocked on a silent server returns at once instead
of at its own timeout. The reply in progress is found through a context variable that the realizer
sets around each read (`Deadline.active()`).
"""

from __future__ import annotations

import contextvars
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx2

FINISH_FACTOR = 3.0
_current: contextvars.ContextVar[Deadline | None] = contextvars.ContextVar("bedrock_deadline", default=None)


class Deadline:
    """The time budget of one reply. Thread-safe; cheap to create (the watchdog starts lazily)."""

    def __init__(self, budget_s: float, *, finish_factor: float = FINISH_FACTOR) -> None:
        self.budget = float(budget_s)
        self.start = time.monotonic()
        self.first_by = self.start + self.budget
        self.finish_by = self.start + self.budget * finish_factor
        self.shown_at: float | None = None
        self.last_progress = self.start
        self.fired = False  # the watchdog cut a connection
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._wake = threading.Event()
        self._closed = False
        self._watchdog: threading.Thread | None = None

    # -- the clock ------------------------------------------------------------------------------
    def due(self) -> float:
        """When the binding deadline falls (monotonic seconds)."""
        if self.shown_at is None:
            return self.first_by
        return min(self.finish_by, self.last_progress + self.budget)

    def remaining(self) -> float:
        return self.due() - time.monotonic()

    def expired(self) -> bool:
        return self.remaining() <= 0

    def elapsed(self) -> float:
        return time.monotonic() - self.start

    def mark_shown(self) -> None:
        """Words are on screen: from now on, silences and the whole reply are what is bounded."""
        if self.shown_at is None:
            self.shown_at = self.last_progress = time.monotonic()
            self._wake.set()  # the watchdog re-reads the deadline

    def progress(self) -> None:
        """A token arrived (keep-alive comments do not count)."""
        self.last_progress = time.monotonic()
        if self.shown_at is not None:
            self._wake.set()

    # -- the reads in progress ------------------------------------------------------------------
    @contextmanager
    def active(self) -> Iterator[Deadline]:
        """Make this the deadline of the HTTP requests and reads made inside the block."""
        token = _current.set(self)
        try:
            yield self
        finally:
            _current.reset(token)

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            if self._closed:
                return
            self._sockets.add(sock)
            if self._watchdog is None:
                self._watchdog = threading.Thread(target=self._watch, name="bedrock-deadline", daemon=True)
                self._watchdog.start()
        self._wake.set()

    def unwatch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.discard(sock)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._sockets.clear()
        self._wake.set()

    def _watch(self) -> None:
        while True:
            with self._lock:
                if self._closed:
                    return
            left = self.remaining()
            if left <= 0:
                self._cut()
                return
            self._wake.wait(left)
            self._wake.clear()

    def _cut(self) -> None:
        """Past the deadline: shut every watched socket, so a blocked read returns now."""
        with self._lock:
            socks, self._sockets = list(self._sockets), set()
            self.fired = bool(socks)
        for s in socks:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed


def current() -> Deadline | None:
    return _current.get()


class _Body(httpx2.SyncByteStream):
    """A response body read under the deadline: each chunk (keep-alives too) is checked."""

    def __init__(self, inner: Any, deadline: Deadline, sock: socket.socket | None, request: httpx2.Request) -> None:
        self._inner, self._deadline, self._sock, self._request = inner, deadline, sock, request

    def __iter__(self) -> Iterator[bytes]:
        try:
            for chunk in self._inner:
                if self._deadline.expired():
                    raise httpx2.ReadTimeout("COACH_TIMEOUT reached", request=self._request)
                yield chunk
        except httpx2.TransportError:
            if self._deadline.expired():  # the watchdog shut the socket: say why
                raise httpx2.ReadTimeout("COACH_TIMEOUT reached", request=self._request) from None
            raise

    def close(self) -> None:
        if self._sock is not None:
            self._deadline.unwatch(self._sock)
        close = getattr(self._inner, "close", None)
        if close is not None:
            close()


class DeadlineTransport(httpx2.BaseTransport):
    """Wraps the real transport; a no-op for requests made without an active Deadline."""

    def __init__(self, inner: httpx2.BaseTransport | None = None) -> None:
        self._inner = inner or httpx2.HTTPTransport()

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        deadline = current()
        if deadline is None:
            return self._inner.handle_request(request)
        left = deadline.remaining()
        if left <= 0:
            raise httpx2.ConnectTimeout("COACH_TIMEOUT reached before the request", request=request)
        given = request.extensions.get("timeout") or {}
        request.extensions["timeout"] = {
            k: left if given.get(k) is None else min(float(given[k]), left)
            for k in ("connect", "read", "write", "pool")
        }
        response = self._inner.handle_request(request)
        stream = response.extensions.get("network_stream")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if isinstance(sock, socket.socket):
            deadline.watch(sock)
        else:
            sock = None
        return httpx2.Response(
            status_code=response.status_code,
            headers=response.headers,
            stream=_Body(response.stream, deadline, sock, request),
            extensions=response.extensions,
        )

    def close(self) -> None:
        self._inner.close()
