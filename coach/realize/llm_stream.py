"""Sentence-level streaming: post-processing of model text, and the guard in the stream.

Why sentences: the guard judges words, and a word can change the meaning of the ones before it
("You should ..." is advice, "You should not feel ashamed ..." is not). Releasing token by token
would put unchecked words on the mentee's screen. So tokens are buffered until a sentence is
complete, the sentence is checked, and only then released. The mentee sees the reply arrive
sentence by sentence; with a small model a sentence takes about 0.1-0.3 s, so the wait the guard
adds is one sentence, not one reply.

Two layers, both plain generators:

    clean_stream(tokens, ask=...)      what tiny models get wrong, fixed per sentence: role labels
                                       ("Coach:"), copied prompt labels ("Your move:"), echoed
                                       tags, quotes, markdown bullets, a second question, more
                                       than three sentences, a model that starts playing the
                                       mentee, sentences copied from the prompt (EchoFilter).
                                       `clean_reply(text)` is the same for a whole string, so
                                       streamed and non-streamed replies match.
    guarded_stream(chunks, check)      releases a sentence only after `check(sentence)` is ok; on
                                       the first flagged sentence it stops (and closes the model's
                                       stream, so the server stops generating). After iteration,
                                       `.result` says what was shown, what the model sent, whether
                                       and why it was cut.

Usage by the agent (or the UI):

    gs = guarded_stream(realizer.stream(plan, ctx), guard.check, mentee_text=text)
    # or: guarded_stream(chunks, lambda t: guard.check(t, mentee_text=text))
    for piece in gs:
        placeholder.write(piece)
    if not gs.result.ok:       # flagged sentence, failed whole-reply check, or ModelError
        ...revise or fall back; gs.result.shown is already on screen and may be replaced

A `ModelError` raised by the upstream iterator is caught into `result.error` (the stream simply
ends) so one loop serves both cases; any other exception propagates.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from coach.errors import ModelError
from coach.types import Verdict

MAX_SENTENCES = 3

# A sentence ends at terminal punctuation (plus closing quotes/brackets) followed by whitespace,
# or at a line break: small models often put each sentence on its own line.
_BOUNDARY = re.compile(r"([.!?…]+[\"'”’)\]]*)\s+|\s*\n\s*")
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")
# A role label at the start: "Coach:", "**Assistant:**", "C:".
_ROLE_PREFIX = re.compile(
    r"^\s*(?:\*\*|__)?\s*(?:coach|assistant|ai|bedrock|mentor|listener|c)\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*",
    re.IGNORECASE,
)
# The model starting the mentee's turn (or a new turn of its own): everything from here is noise.
_TURN_LABEL = re.compile(
    r"(?:^|\s)(?:\*\*)?(?:mentee|user|human|coach|assistant)(?:\*\*)?\s*:", re.IGNORECASE
)
# Prompt-section labels a small model copies from the prompt: "Your move:", "Reply:".
_LABEL = re.compile(
    r"^\s*(?:(?:your|the|coach'?s)\s+)?(?:move|answer|reply|response|return|output|reflect(?:ion)?|question|ask)\s*:\s*",
    re.IGNORECASE,
)
_TAG = re.compile(r"</?\s*[A-Za-z_][\w\-]*[^<>]*>")
_BULLET = re.compile(r"^\s*(?:[-*•#>]+|\d+[.)])\s+")
_DOUBLE = "\"“”"
_QUOTES = _DOUBLE


class Checker(Protocol):
    """A guard check: `coach.guard.check`, or any callable taking the text alone."""

    def __call__(self, text: str, /) -> Verdict: ...


class SentenceBuffer:
    """Accumulates text pieces and hands out complete sentences."""

    def __init__(self) -> None:
        self._buf = ""

    def feed(self, piece: str) -> list[str]:
        self._buf += piece
        out: list[str] = []
        while True:
            m = _BOUNDARY.search(self._buf)
            if m is None:
                break
            end = m.end(1) if m.group(1) else m.start()
            sentence = self._buf[:end].strip()
            self._buf = self._buf[m.end() :]
            if sentence:
                out.append(sentence)
        return out

    def flush(self) -> str:
        rest, self._buf = self._buf.strip(), ""
        return rest

    @property
    def pending(self) -> str:
        return self._buf


def split_sentences(text: str) -> list[str]:
    buf = SentenceBuffer()
    out = buf.feed(text)
    rest = buf.flush()
    return out + ([rest] if rest else [])


def _strip_quotes(s: str) -> str:
    """Drop quotes wrapping a sentence or left dangling by the split ("Hello. How are you?")."""
    s = s.strip()
    # Count double quotes only: single quotes are mostly apostrophes ("What's").
    if s and s[0] in _QUOTES and sum(s.count(q) for q in _DOUBLE) % 2 == 1:
        s = s[1:]
    if s and s[-1] in _QUOTES and sum(s.count(q) for q in _DOUBLE) % 2 == 1:
        s = s[:-1]
    if len(s) > 1 and s[0] in "\"“" and s[-1] in "\"”":
        s = s[1:-1]
    return s.strip()


# Talk about the conversation instead of in it: the model narrating its instructions or role.
_META = re.compile(
    r"\b(?:the mentee|mentee'?s?|the coach|coach'?s|ai assistant|language model|as an ai|"
    r"my instructions|these rules|the prompt|your move)\b"
    # the revise prompt talking back: "Your draft reply was: ...", "Your message was rejected because ..."
    r"|\b(?:draft (?:reply|response)|your draft|(?:was|were) rejected because|next round|your turn)\b"
    r"|\byour (?:message|response|reply|answer) (?:was|is|should|will)\b"
    # the move instructions read out: "Reflect what they said in one sentence, then ask gently: ..."
    r"|\b(?:reflect|play back) (?:what|back) (?:they|the)\b|\bin one sentence\b|\b(?:then )?ask gently\b"
    # assistant-speak a coach never uses
    r"|\bhow (?:can|may) i (?:help|assist)\b|\bassist you\b|\bi'?m here to help\b"
    r"|\bguidance and support\b|\bevery step of the way\b"
    # the prompt's analysis block read out ("You noticed: goals named: tech")
    r"|\b(?:this is your reply|goals? named|you noticed:|motivations? (?:heard|named):)",
    re.IGNORECASE,
)
# The model narrating a career of its own ("me and my team", "my role has changed", "my mission"):
# the coach has none, so this is the model playing the mentee or free-associating.
_SELF_STORY = re.compile(
    r"\b(?:me and my|my (?:team|role|goal|mission|job|career|manager|director|answer|response|company|kids|mum|dad))\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|me|my|we|we're|we've|our|us)\b", re.IGNORECASE)
# A coach says "I" only to listen, ask, wonder or be upfront about not advising. Any other "I" from a
# small model is it talking about itself ("I'm a tech lead", "I've been in your shoes too", "I'm glad
# to help", "I was wondering if you'd like to meet up") and the sentence is dropped.
_I_CLAUSE = re.compile(r"(?:^|[^\w'])(?:I|I'm|I’m|I've|I’ve|I'd|I’d|I'll|I’ll|me)(?![\w'])")
_SELF_TALK_OK = re.compile(
    r"\b(?:what )?i(?:'m|’m| am)? (?:hear(?:ing)?|notic(?:e|ing)|wonder(?:ing)?|curious|see that|might be wrong|"
    r"could be wrong|sorry|concerned|still here|here to listen|here when|listen|ask)\b"
    r"|\bi(?:'m|’m| am) going to be (?:upfront|honest)\b|\bi deliberately\b"
    r"|\bi (?:don't|do not|won't|will not) (?:give|offer|advise|tell|judge|decide|know|want to guess)\b"
    r"|\bi(?:'m|’m| am) (?:still )?(?:not going to|staying out of|holding back)\b"
    r"|\bi(?:'d|’d| would) (?:rather|like to (?:understand|hear|come|step|ask|know))\b"
    r"|\bi(?:'m|’m| am) (?:really )?glad you (?:told|said|shared|brought)\b|\bglad to think\b"
    r"|\b(?:if|may|can|could|did|should) i (?:ask|asked|miss|missed|heard|hear|understand|understood|put|say)\b|\blet me\b|\bi(?:'ll|’ll| will) (?:stay|keep|listen|ask)\b"
    r"|\bi keep\b|\bi stay\b|\b(?:tell|help|remind) me\b|\bthrough (?:it |this |that )?with me\b",
    re.IGNORECASE,
)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def _trigrams(words: list[str]) -> set[tuple[str, str, str]]:
    return set(zip(words, words[1:], words[2:]))


@lru_cache(maxsize=64)
def _prompt_grams(instructions: str) -> frozenset[tuple[str, str, str]]:
    """The prompt's trigrams: the same few prompt texts on every turn, so built once each."""
    return frozenset(_trigrams(_words(instructions)))


class EchoFilter:
    """Flags sentences a small model copied instead of writing: the prompt's own instructions,
    the mentee's words repeated verbatim (the model speaking as the mentee), or a sentence the
    coach already said in the recent turns.

    Questions are exempt from the instruction check: the prompt's example questions ("What draws
    you to that?") are meant to be reused.
    """

    def __init__(
        self,
        instructions: str,
        mentee_text: str = "",
        *,
        said_before: Iterable[str] = (),
        mentee_before: Iterable[str] = (),
        overlap: float = 0.6,
    ) -> None:
        self._grams = _prompt_grams(instructions)
        self._mentee = " ".join(_words(mentee_text))
        # Everything the mentee said lately: a sentence in the first person built from it is the
        # model speaking as the mentee ("My kids start college in three years ..."), unswapped.
        self._mentee_all = " ".join(_words(" ".join([*mentee_before, mentee_text])))
        self._mentee_grams = _trigrams(_words(" \n ".join([*mentee_before, mentee_text])))
        # The coach's own earlier sentences: a looping model repeats them turn after turn.
        self._before = {" ".join(_words(s)) for text in said_before for s in split_sentences(text)}
        self._overlap = overlap

    def __call__(self, sentence: str) -> bool:
        if _META.search(sentence):
            return True
        words = _words(sentence)
        if " ".join(words) in self._before:
            return True
        if len(words) >= 4 and self._mentee_all and " ".join(words) in self._mentee_all:
            return True
        if _SELF_STORY.search(sentence):
            return True
        if _I_CLAUSE.search(sentence) and not _SELF_TALK_OK.search(sentence):
            return True
        if len(words) >= 4 and _FIRST_PERSON.search(sentence) and self._mentee_grams:
            grams = _trigrams(words)
            if grams and len(grams & self._mentee_grams) / len(grams) >= 0.5:
                return True
        if len(words) >= 6 and not sentence.rstrip().endswith("?"):
            grams = _trigrams(words)
            if grams and len(grams & self._grams) / len(grams) >= self._overlap:
                return True
        return False


@dataclass
class _Cleaner:
    """The per-sentence rules, with the little state they need across sentences."""

    ask: bool = True
    max_sentences: int = MAX_SENTENCES
    drop: Callable[[str], bool] | None = None
    emitted: list[str] = field(default_factory=list)
    done: bool = False

    def take(self, raw: str) -> str | None:
        """The cleaned sentence to emit, or None. Sets `done` when the reply is complete."""
        if self.done:
            return None
        s = _TAG.sub("", raw)
        if not self.emitted:
            while (m := _ROLE_PREFIX.match(s)) is not None and m.end() > 0:
                s = s[m.end() :]
        s = _LABEL.sub("", s)
        label = _TURN_LABEL.search(s)
        if label is not None:
            # The model began another turn; keep what came before it and stop.
            s = s[: label.start()]
            self.done = True
        s = _BULLET.sub("", s)
        s = s.replace("**", "").replace("__", "")
        s = _strip_quotes(" ".join(s.split()))
        if not s or not any(ch.isalpha() for ch in s):
            return None
        if self.drop is not None and self.drop(s):
            return None  # an echo of the prompt or of the mentee: skip it, keep reading
        if s.lower() in (e.lower() for e in self.emitted):
            self.done = True  # a looping model: the repeat and whatever follows are noise
            return None
        q = s.find("?")
        if q != -1:
            if not self.ask:
                return None  # reflection-only turn: drop questions, keep statements
            s = s[: q + 1]
            self.done = True  # one question, and it ends the turn
        self.emitted.append(s)
        if len(self.emitted) >= self.max_sentences:
            self.done = True
        return s


def clean_stream(
    tokens: Iterable[str],
    *,
    ask: bool = True,
    max_sentences: int = MAX_SENTENCES,
    drop_unfinished: Callable[[], bool] = lambda: False,
    drop: Callable[[str], bool] | None = None,
) -> Iterator[str]:
    """Yield cleaned sentences, each followed by one space, as soon as each is complete.

    The trailing space lets a downstream SentenceBuffer (the guard's) see the boundary at once.
    `drop_unfinished()` is asked at the end: True when the model was cut off by its token limit,
    so a final fragment without terminal punctuation is dropped rather than shown.
    `drop(sentence)` True skips a sentence (see EchoFilter).
    Stops reading `tokens` (and closes it) as soon as the reply is complete.
    """
    cleaner = _Cleaner(ask=ask, max_sentences=max_sentences, drop=drop)
    buf = SentenceBuffer()
    it = iter(tokens)
    try:
        for token in it:
            for sentence in buf.feed(token):
                out = cleaner.take(sentence)
                if out:
                    yield out + " "
                if cleaner.done:
                    return
        rest = buf.flush()
        if rest and not (drop_unfinished() and not _TERMINAL.search(rest)):
            out = cleaner.take(rest)
            if out:
                yield out + " "
    finally:
        close = getattr(it, "close", None)
        if close is not None:
            close()


def clean_reply(
    text: str,
    *,
    ask: bool = True,
    max_sentences: int = MAX_SENTENCES,
    truncated: bool = False,
    drop: Callable[[str], bool] | None = None,
) -> str:
    """What a tiny model wrote, made fit for the guard: the same rules as `clean_stream`."""
    return "".join(
        clean_stream(
            [text], ask=ask, max_sentences=max_sentences,
            drop_unfinished=lambda: truncated, drop=drop,
        )
    ).strip()


@dataclass
class StreamResult:
    """What happened in one guarded stream (filled in while iterating)."""

    shown: str = ""  # released to the mentee, exactly as yielded (joined)
    raw: str = ""  # everything the upstream iterator produced
    sentences: int = 0  # sentences released
    cut: bool = False  # stopped before the upstream ended, or failed the whole-reply check
    verdict: Verdict | None = None  # the failing verdict, or the final whole-reply verdict
    flagged: str = ""  # the sentence that was held back
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


class GuardedStream(Iterator[str]):
    """An iterator over guard-approved sentences; `.result` tells how it went."""

    def __init__(
        self, chunks: Iterable[str], check: Checker | Callable[..., Verdict], *, mentee_text: str = ""
    ) -> None:
        self.result = StreamResult()
        self._chunks = iter(chunks)
        # With mentee_text, `check` is called like coach.guard.check (the guard uses the mentee's
        # words to tell a reflection from advice); without, with the text alone, so a caller can
        # pass `lambda t: guard.check(t, mentee_text=...)`.
        self._check: Callable[[str], Verdict] = (
            (lambda text: check(text, mentee_text=mentee_text)) if mentee_text else check
        )
        self._gen = self._run()

    def __iter__(self) -> GuardedStream:
        return self

    def __next__(self) -> str:
        return next(self._gen)

    def close(self) -> None:
        self._gen.close()
        self._close_upstream()

    def _close_upstream(self) -> None:
        close = getattr(self._chunks, "close", None)
        if close is not None:
            close()

    def _release(self, sentence: str) -> str | None:
        """The piece to yield for an approved sentence, or None after a cut."""
        verdict = self._check(sentence)
        if not verdict.ok:
            self.result.cut = True
            self.result.verdict = verdict
            self.result.flagged = sentence
            return None
        piece = (" " if self.result.shown else "") + sentence
        self.result.shown += piece
        self.result.sentences += 1
        return piece

    def _run(self) -> Iterator[str]:
        buf = SentenceBuffer()
        try:
            try:
                for chunk in self._chunks:
                    self.result.raw += chunk
                    for sentence in buf.feed(chunk):
                        piece = self._release(sentence)
                        if piece is None:
                            return
                        yield piece
            except ModelError as exc:
                self.result.error = exc
                return
            rest = buf.flush()
            if rest:
                piece = self._release(rest)
                if piece is None:
                    return
                yield piece
            # Sentences pass one by one; some faults only show in the whole reply (two questions
            # in two sentences). The text is already on screen, so the caller must replace it.
            if self.result.sentences > 1:
                verdict = self._check(self.result.shown)
                self.result.verdict = verdict
                if not verdict.ok:
                    self.result.cut = True
        finally:
            self.result.finished = True
            self._close_upstream()


def guarded_stream(
    chunks: Iterable[str], check: Checker | Callable[..., Verdict], *, mentee_text: str = ""
) -> GuardedStream:
    """Release `chunks` sentence by sentence, each only after `check` passes. See module doc."""
    return GuardedStream(chunks, check, mentee_text=mentee_text)
