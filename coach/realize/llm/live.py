"""Streaming a model's reply with the guard in the stream (`LiveReply`); the clean-up is clean.py.

The rule: every text the mentee ever sees has passed the guard. A word can change the meaning of
the ones before it ("You should ..." is advice, "You should not feel ashamed ..." is not; "Taking
the startup job ... is the way to go" becomes advice at its last words), so:

- the sentence being written shows word by word, but only while its cleaned prefix passes the
  echo filter and the guard (its rules: the learned detector reads a sentence once it is whole, see
  coach.guard.combine.writing); a prefix that fails is held back until the sentence is complete;
- a complete sentence is checked whole: passed, it stays; flagged, its shown prefix is taken
  back and the reply stops there (the caller revises or falls back);
- each check sees the whole text as it would stand on screen, not the sentence alone.

Two layers, both plain generators over the model's tokens:

    clean_stream(tokens, ask=...)      what tiny models get wrong, fixed per sentence: role labels
                                       ("Coach:"), copied prompt labels ("Your move:"), echoed
                                       tags, quotes, markdown bullets, a second question, more
                                       than three sentences, a model that starts playing the
                                       mentee, sentences copied from the prompt (EchoFilter).
                                       `clean_reply(text)` is the same for a whole string.
    LiveReply(tokens, check, ...)      the same clean-up plus the guard, token by token: yields
                                       the visible text (a snapshot) each time it changes, and
                                       fills `.result` (shown, drafted, raw, cut, why).

Usage by the agent:

    live = LiveReply(tokens, lambda t: guard.check(t, mentee_text=text), ask=plan.ask, drop=echo)
    for visible in live:
        placeholder.markdown(visible)
    if not live.result.ok:     # flagged sentence, failed whole-reply check, or ModelError
        ...revise or fall back, replacing what is on screen
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from coach.errors import ModelError
from coach.guard.combine import writing
from coach.realize.llm.clean import HOLD_WORDS, MAX_SENTENCES, _Cleaner
from coach.realize.llm.sentences import _TERMINAL, SentenceBuffer
from coach.types import Verdict


@dataclass
class LiveResult:
    """What happened in one live reply (filled in while iterating)."""

    shown: str = ""  # complete sentences the guard passed: what stays on screen
    draft: str = ""  # every cleaned sentence, the flagged one included: what the guard judged
    raw: str = ""  # everything the model sent
    sentences: int = 0  # sentences passed
    cut: bool = False  # a sentence was flagged: the reply stopped there
    verdict: Verdict | None = None  # the guard on `shown` (ok), or on `shown` + `flagged` (cut)
    flagged: str = ""  # the sentence that was held back
    dropped: list[str] = field(default_factory=list)  # passed the guard, but about nothing heard
    error: ModelError | None = None  # the model failed mid-stream
    finished: bool = False  # iteration reached its end (normally or by a cut)

    @property
    def ok(self) -> bool:
        return self.finished and not self.cut and self.error is None and bool(self.shown)

    @property
    def reason(self) -> str:
        if self.error is not None:
            return str(self.error)
        if self.verdict is not None and not self.verdict.ok:
            return self.verdict.reason
        if self.finished and not self.shown:
            return "the model produced no usable text"
        return ""


class LiveReply(Iterator[str]):
    """Token-level release of a model's reply, where every text put on screen passed the guard.

    Iterating yields the whole visible text each time it changes (a snapshot, not a delta: it can
    also shrink). The unfinished sentence shows word by word once its cleaned prefix passes the
    echo filter and the guard; a prefix that fails is held, not shown, until the sentence is
    complete. A complete sentence is checked whole: passed, it stays; flagged, its visible prefix
    is taken back and the reply stops (the model's stream is closed, so the server stops
    generating); dropped by the clean-up (an echo of the prompt), its prefix is taken back and
    reading goes on. `.result` says what was shown, drafted and sent, and why a reply was cut.

    So the mentee never sees a word the guard has not passed, and sees most words as the model
    writes them: a sentence is hidden only while its last words could still turn it into advice,
    which ends when it does.

    Each check sees the whole text as it would stand on screen (the passed sentences plus the
    new words), so faults that span sentences are caught as well.

    A `ModelError` from `tokens` ends the iteration and lands in `result.error` (any visible
    prefix is taken back); any other exception propagates.
    """

    def __init__(
        self,
        tokens: Iterable[str],
        check: Callable[[str], Verdict],
        *,
        ask: bool = True,
        max_sentences: int = MAX_SENTENCES,
        drop: Callable[[str], bool] | None = None,
        drop_unfinished: Callable[[], bool] = lambda: False,
        hold_words: int = HOLD_WORDS,
        partial: bool = True,
        relevant: Callable[[str], bool] | None = None,
        hold: Callable[[str], bool] | None = None,
        on_shown: Callable[[], None] | None = None,
    ) -> None:
        self.result = LiveResult()
        # Told once, when the first words are on screen (or, for a revision read whole, when it
        # passed): the reply's deadline then bounds silences instead (coach/realize/deadline.py).
        self._on_shown = on_shown
        # After the guard passed a sentence: keep it only if it is about what the mentee said
        # (EchoFilter.grounded). Advice never gets this far, so it is flagged, not dropped.
        self._relevant = relevant
        self._hold_prefix = hold if hold is not None else drop  # an unfinished sentence waits if True
        self._show_partial = partial  # False: only whole sentences (nobody watches this stream)
        self._tokens = iter(tokens)
        self._check = check
        self._cleaner = _Cleaner(ask=ask, max_sentences=max_sentences, drop=drop)
        self._drop = drop
        self._drop_unfinished = drop_unfinished
        self._hold = hold_words
        self._partial = ""  # the shown prefix of the sentence being written
        self._visible = ""  # the latest snapshot yielded
        self._words = 0  # complete words in the unfinished sentence when last looked at
        self._gen = self._run()

    def __iter__(self) -> LiveReply:
        return self

    def __next__(self) -> str:
        return next(self._gen)

    def close(self) -> None:
        self._gen.close()
        self._close_upstream()

    def _close_upstream(self) -> None:
        close = getattr(self._tokens, "close", None)
        if close is not None:
            close()

    def _snapshot(self) -> str:
        return f"{self.result.shown} {self._partial}".strip()

    def _settle(self, sentence: str) -> bool:
        """A sentence is complete: keep it whole or take back its prefix. False: the reply ends."""
        self._partial, self._words = "", 0
        s = self._cleaner.take(sentence)
        if s is None:
            return not self._cleaner.done
        r = self.result
        r.draft = f"{r.draft} {s}".strip()
        verdict = self._check(f"{r.shown} {s}".strip())  # the whole text as it would stand
        if not verdict.ok:
            r.verdict, r.cut, r.flagged = verdict, True, s
            return False
        if self._relevant is not None and not self._relevant(s):
            r.dropped.append(s)
            return not self._cleaner.done
        r.verdict = verdict
        r.shown = f"{r.shown} {s}".strip()
        r.sentences += 1
        return not self._cleaner.done

    def _grow(self, pending: str) -> None:
        """Show more of the unfinished sentence if its cleaned prefix passes everything."""
        words = pending.count(" ") + pending.count("\n")
        if words == self._words:
            return  # no new complete word since the last look: nothing new could be shown
        self._words = words
        prefix = self._cleaner.preview(pending, self._hold)
        if prefix is None or prefix == self._partial or not prefix.startswith(self._partial):
            return
        if self._hold_prefix is not None and self._hold_prefix(prefix):
            return
        if self._relevant is not None and not self._relevant(prefix):
            return  # nothing the mentee said yet: it may never show
        with writing():  # the unfinished sentence is read by the guard's rules; the whole one by all of it
            if not self._check(f"{self.result.shown} {prefix}".strip()).ok:
                return
        self._partial = prefix

    def _read(self) -> Iterator[str]:
        r = self.result
        buf = SentenceBuffer()
        try:
            for token in self._tokens:
                r.raw += token
                go = all(self._settle(s) for s in buf.feed(token))
                if go and self._show_partial:
                    self._grow(buf.pending)
                snap = self._snapshot()
                if snap != self._visible:
                    self._visible = snap
                    if snap and self._on_shown is not None:
                        self._on_shown()
                    yield snap
                if not go:
                    return
        except ModelError as exc:
            r.error = exc
            return
        rest = buf.flush()
        if rest and not (self._drop_unfinished() and not _TERMINAL.search(rest)):
            self._settle(rest)

    def _run(self) -> Iterator[str]:
        try:
            yield from self._read()
        finally:
            self.result.finished = True
            self._close_upstream()
        self._partial = ""
        snap = self._snapshot()
        if snap != self._visible:
            self._visible = snap
            yield snap
