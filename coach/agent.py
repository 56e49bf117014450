"""The coach: one turn, left to right.

    Coach.respond(session_id, text)
      1. store the mentee's words            (before anything else can fail: nothing typed is lost)
      2. analyze   -> Analysis               (coach/analyze)
      3. policy    -> Plan                   (coach/policy: an ordered table of named rules)
      4. realize   -> draft words            (coach/realize: the configured voice)
      5. guard     -> shown words            (coach/guard.py: revise once, else the offline voice)
      6. store the reply, the analysis, the guard event and the policy state; index the statement

The offline realizer is always kept as the fallback voice, so a model server that is down, slow or
returns garbage never costs the mentee a reply.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Generator, Iterator
from dataclasses import dataclass, replace
from typing import Any

from coach import guard
from coach.analyze import Analyzer
from coach.config import Settings, load_settings
from coach.errors import CoachError, ModelError, StoreError
from coach.policy import Policy, State
from coach.realize.base import Context, Realizer
from coach.realize.offline import OfflineRealizer, opening, playback
from coach.store.sql import Store
from coach.types import Analysis, Cue, Draft, GuardEvent, Move, Plan, Reply, Session, ShareLevel, Verdict

log = logging.getLogger(__name__)

# Shown only if even the offline voice were flagged (a bug): it must always pass the guard.
SAFE_LINE = "I'd like to understand that better. What feels most important in it for you?"
RECENT_TURNS = 6


def _question_sentences(text: str) -> list[str]:
    return [s.strip() for s in re.findall(r"[^.!?]*\?", text) if s.strip()]


def _norm(q: str) -> str:
    return re.sub(r"[^a-z ]", "", q.lower()).strip()


@dataclass(slots=True)
class _Voiced:
    text: str
    event: GuardEvent
    notice: str = ""


class Coach:
    def __init__(
        self,
        store: Store,
        *,
        realizer: Realizer | None = None,
        memory: Any = None,
        analyzer: Analyzer | None = None,
        settings: Settings | None = None,
    ) -> None:
        self.store = store
        self.offline = OfflineRealizer()
        self.realizer: Realizer = realizer or self.offline
        self.memory = memory
        self.settings = settings
        cache = settings.home / "cache" if settings is not None else None
        self.analyzer = analyzer or Analyzer(cache_dir=cache)
        self.policy = Policy()

    @classmethod
    def create(cls, settings: Settings | None = None, *, memory: bool = True) -> "Coach":
        """Build the coach from settings: the store, the configured voice, the vector memory."""
        settings = settings or load_settings()
        try:
            settings.home.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"Cannot create the data folder {settings.home}: {exc.strerror}. "
                "Set COACH_HOME to a folder you can write to."
            ) from None
        store = Store(settings.db_path)
        realizer: Realizer | None = None
        if settings.backend == "openai":
            from coach.realize.llm import LLMRealizer

            realizer = LLMRealizer(settings)
        mem = None
        if memory:
            from coach.memory import BackgroundMemory

            def open_memory() -> Any:
                from coach.store.vectors import VectorMemory

                return VectorMemory(settings, store=Store(settings.db_path))

            mem = BackgroundMemory(open_memory)
        return cls(store, realizer=realizer, memory=mem, settings=settings)

    # -- sessions --------------------------------------------------------------------------------
    def start(self, share: ShareLevel = ShareLevel.PRIVATE, title: str = "") -> tuple[Session, Reply]:
        t0 = time.perf_counter()
        session = self.store.create_session(ShareLevel(share), title)
        text = opening(session.share)
        verdict = guard.check(text)
        event = GuardEvent(raw=text, verdict=verdict, action="shown", shown=text)
        ms = (time.perf_counter() - t0) * 1000
        turn = self.store.add_turn(session.id, "coach", text, move=Move.OPEN.value, guard=event.to_dict(), latency_ms=ms)
        state = State()
        state.asked.append(_norm(_question_sentences(text)[-1]) if _question_sentences(text) else "")
        self.store.save_state(session.id, state.to_dict())
        return session, Reply(text, Move.OPEN, None, event, ms, coach_turn_id=turn.id)

    def state(self, session_id: str) -> State:
        return State.from_dict(self.store.get_session(session_id).state)

    def set_share(self, session_id: str, level: ShareLevel) -> None:
        self.store.set_share(session_id, ShareLevel(level))
        if self.memory is not None:
            try:
                self.memory.set_share(session_id, ShareLevel(level))
            except CoachError as exc:
                log.warning("could not update sharing in the vector memory: %s", exc)

    def confirm_bedrock(self, session_id: str, text: str, turn_id: int | None = None) -> State:
        """The mentee confirms a bedrock candidate with one click (the app's side panel)."""
        state = self.state(session_id)
        if all(c["text"] != text for c in state.bedrock_confirmed):
            state.bedrock_confirmed.append({"text": text, "turn_id": turn_id})
        if state.candidate and state.candidate.get("text") == text:
            state.candidate, state.pending = None, ""
        self.store.save_state(session_id, state.to_dict())
        return state

    # -- one turn --------------------------------------------------------------------------------
    def respond(self, session_id: str, text: str) -> Reply:
        """One turn (see the module doc): the same path as `respond_stream`, drained."""
        for item in self.respond_stream(session_id, text):
            if isinstance(item, Reply):
                return item
        raise AssertionError("respond_stream ended without a Reply")  # pragma: no cover

    def respond_stream(self, session_id: str, text: str) -> Iterator[Draft | Reply]:
        """Yield Drafts (the whole visible reply so far, each replacing the last), then the Reply.

        A model voice streams token by token through the guard (`LLMRealizer.live`): no Draft ever
        holds text the guard has not passed. The offline voice is instant: one Draft, its finished
        and guarded text (handed out word by word, its prefixes would be unchecked text).
        """
        t0 = time.perf_counter()
        session = self.store.get_session(session_id)
        mentee = self.store.add_turn(session_id, "mentee", text)  # durable before anything else
        state = State.from_dict(session.state)
        analysis = self.analyzer.analyze(text, after=state.last_move, before=state.last_said)
        recall = self._recall(state, analysis, session_id)
        plan = self.policy.next_move(state, analysis, turn_id=mentee.id, recall=recall)
        plays_back = plan.move in (Move.SUMMARIZE, Move.CLOSE) and plan.cue is not Cue.AGAIN
        ctx = Context(
            analysis=analysis,
            recent=self.store.recent_turns(session_id, RECENT_TURNS),
            state=state,
            recalled=[recall] if recall else [],
            share=session.share,
            summary=self._heard(session_id, state, (mentee.id, analysis)) if plays_back else None,
        )
        live = getattr(self.realizer, "live", None)
        if live is not None and self.realizer is not self.offline and plan.move not in _OFFLINE_ONLY:
            voiced = yield from self._voice_live(live, plan, ctx, analysis, state)
        else:
            voiced = self._voice(plan, ctx, analysis, state)
            yield Draft(voiced.text)
        yield self._finish(t0, session, mentee.id, analysis, plan, state, voiced)

    def _voice_live(
        self, live: Any, plan: Plan, ctx: Context, analysis: Analysis, state: State
    ) -> Generator[Draft, None, _Voiced]:
        """Stream the model's reply through the guard; revise once; else the offline voice.

        A draft that fails is replaced on screen once: by its revision when that has passed
        whole, or by the offline voice. Passed sentences of the first draft stay up meanwhile.
        """
        def check(t: str) -> Verdict:
            return guard.check(t, mentee_text=analysis.text)

        first = live(plan, ctx, check)
        for visible in first:
            yield Draft(visible)
        r1 = first.result
        if r1.error is not None or not (r1.shown or r1.cut):  # nothing usable came
            error = r1.error or self.realizer.no_text_error()
            text = self._offline(plan, ctx, analysis, state)
            yield Draft(text)
            event = GuardEvent(r1.draft, check(text), "fallback", shown=text, model_raw=r1.raw)
            return _Voiced(text, event, notice=_notice(error))
        verdict = r1.verdict if r1.verdict is not None else check(r1.shown)
        if r1.ok and self._repeats(r1.shown, state):
            verdict = _repeat_verdict(verdict)
        if r1.ok and verdict.ok:
            return _Voiced(r1.shown, GuardEvent(r1.draft, verdict, "shown", shown=r1.shown, model_raw=r1.raw))
        # The revision is read whole, not streamed: meanwhile the first draft's passed sentences
        # stay up, and the screen changes once, to the revision or to the offline voice, instead
        # of retyping nearly the same words and maybe taking them back again.
        second = live(plan, ctx, check, draft=r1.draft, reason=verdict.reason)
        for _ in second:
            pass
        r2 = second.result
        v2 = r2.verdict if r2.draft else None
        if r2.ok and v2 is not None and self._repeats(r2.shown, state):
            v2 = _repeat_verdict(v2)
        if r2.ok and v2 is not None and v2.ok:
            yield Draft(r2.shown)
            event = GuardEvent(r1.draft, verdict, "revised", r2.shown, v2, shown=r2.shown, model_raw=r1.raw)
            return _Voiced(r2.shown, event)
        if r2.error is not None:
            log.info("revision failed: %s", r2.error)
        text = self._offline(plan, ctx, analysis, state)
        yield Draft(text)
        event = GuardEvent(r1.draft, verdict, "fallback", r2.draft or None, v2, shown=text, model_raw=r1.raw)
        return _Voiced(text, event)

    def _recall(self, state: State, analysis: Analysis, session_id: str) -> dict[str, Any] | None:
        if self.memory is None or state.recalls > 0 or state.turn < 1 or not analysis.motivations:
            return None
        try:
            hit = self.memory.recall(analysis.text, session_id)
        except CoachError as exc:
            log.warning("recall failed: %s", exc)
            return None
        if hit is None:
            return None
        return {"text": hit.text, "date": _month(hit.date), "turn_id": hit.turn_id}

    def _voice(self, plan: Plan, ctx: Context, analysis: Analysis, state: State) -> _Voiced:
        """Realize with the configured voice; the guard decides; revise once; else offline."""
        if self.realizer is self.offline or plan.move in _OFFLINE_ONLY:
            text = self._offline(plan, ctx, analysis, state)
            v = guard.check(text, mentee_text=analysis.text)
            return _Voiced(text, GuardEvent(text, v, "shown", shown=text))
        try:
            raw = self.realizer.realize(plan, ctx)
        except ModelError as exc:
            text = self._offline(plan, ctx, analysis, state)
            return _Voiced(text, GuardEvent("", guard.check(text), "fallback", shown=text), notice=_notice(exc))
        verdict = self._judge(raw, analysis, state)
        if verdict.ok:
            return _Voiced(raw, GuardEvent(raw, verdict, "shown", shown=raw))
        try:
            revised = self.realizer.revise(plan, ctx, raw, verdict.reason)
            v2 = self._judge(revised, analysis, state)
        except ModelError as exc:
            revised, v2 = None, None
            log.info("revision failed: %s", exc)
        if revised is not None and v2 is not None and v2.ok:
            return _Voiced(revised, GuardEvent(raw, verdict, "revised", revised, v2, shown=revised))
        text = self._offline(plan, ctx, analysis, state)
        return _Voiced(text, GuardEvent(raw, verdict, "fallback", revised, v2, shown=text))

    def _judge(self, text: str, analysis: Analysis, state: State) -> Verdict:
        v = guard.check(text, mentee_text=analysis.text)
        if not text.strip():
            return Verdict(False, ["empty"], "the reply was empty", 0)
        if v.ok and self._repeats(text, state):
            return _repeat_verdict(v)
        return v

    @staticmethod
    def _repeats(text: str, state: State) -> bool:
        return any(_norm(q) in state.asked for q in _question_sentences(text))

    def _offline(self, plan: Plan, ctx: Context, analysis: Analysis, state: State) -> str:
        text = self._spoken(plan, ctx, state)
        if guard.check(text, mentee_text=analysis.text).ok and text:
            return text
        # The mentee's own words played back can trip the guard ("you should…", a manager's "too safe" said
        # back): retry with a plain reflection, without the angle that put their words in the coach's mouth.
        angle = plan.move in (Move.DEEPEN, Move.REFLECT)  # the angle cues; a move's own cue (a loss, news) stays
        text = self._spoken(replace(plan, complex=True, cue=Cue.NONE if angle else plan.cue, claim=None), ctx, state)
        if text and guard.check(text, mentee_text=analysis.text).ok:
            return text
        log.error("offline voice flagged by the guard for move %s: %r", plan.move, text)
        return SAFE_LINE

    def _spoken(self, plan: Plan, ctx: Context, state: State) -> str:
        """The offline voice's words; the lines and questions it used are recorded in the state, so
        none comes again this session (a draft the guard turns down spends its lines too)."""
        spoken = self.offline.compose(plan, ctx)
        state.used += spoken.used
        state.asked += spoken.asked
        return spoken.text

    def _finish(self, t0: float, session: Session, mentee_id: int, analysis: Analysis, plan: Plan,
                state: State, voiced: _Voiced) -> Reply:
        v = voiced.event.verdict if voiced.event.action == "shown" else guard.check(voiced.text, mentee_text=analysis.text)
        if "reflection" in v.labels or "complex_reflection" in v.labels:
            state.reflections += 1
        if "complex_reflection" in v.labels:
            state.complex_reflections += 1
        state.questions += v.questions
        state.last_asked = v.questions > 0
        for q in _question_sentences(voiced.text):
            if _norm(q) not in state.asked:
                state.asked.append(_norm(q))
        voiced.event.shown = voiced.text
        ms = (time.perf_counter() - t0) * 1000
        coach_turn = self.store.record_reply(
            session.id, mentee_id, analysis.to_dict(), voiced.text, move=plan.move.value,
            guard=voiced.event.to_dict(), latency_ms=ms, state=state.to_dict(),
        )
        self._index(mentee_id, session, analysis)
        return Reply(voiced.text, plan.move, analysis, voiced.event, ms, mentee_id, coach_turn.id,
                     voiced.notice, plan)

    def _index(self, turn_id: int, session: Session, analysis: Analysis) -> None:
        if self.memory is None:
            return
        try:
            turn = self.store.get_turn(turn_id)
            self.memory.index(turn, session, analysis)
        except CoachError as exc:
            log.warning("could not index the statement (it is safe in SQLite): %s", exc)

    def flush(self) -> None:
        """Finish background work (indexing) while the interpreter is still fully alive. The CLI calls
        this before exiting; at interpreter shutdown, libraries can no longer be imported."""
        if self.memory is not None and hasattr(self.memory, "flush"):
            self.memory.wait(30)
            self.memory.flush()

    # -- summaries ---------------------------------------------------------------------------------
    def playback(self, session_id: str) -> str:
        state = self.state(session_id)
        return playback(state, summary=self._heard(session_id, state))

    def summary(self, session_id: str) -> Any:
        return self._heard(session_id, self.store.get_session(session_id).state)

    def _heard(self, session_id: str, state: Any, latest: tuple[int, Analysis] | None = None) -> Any:
        """The session's bedrock summary as the side panel shows it (built, saved, the mentee's reviews
        kept): what `coach summary` prints and the only thing a playback may say. `latest` is the message
        being answered, whose analysis is stored only with the reply."""
        from coach.mentor.summary import build_summary

        session = self.store.get_session(session_id)
        turns = self.store.turns(session_id)
        if latest is not None:
            turns = [replace(t, analysis=latest[1].to_dict()) if t.id == latest[0] else t for t in turns]
        result = build_summary(turns, session, state)
        result.items = self.store.save_summary_items(session_id, result.items)
        return result

    def close(self, session_id: str) -> Reply:
        t0 = time.perf_counter()
        state = self.state(session_id)
        text = playback(state, closing=True, summary=self._heard(session_id, state))
        event = GuardEvent(text, guard.check(text), "shown", shown=text)
        ms = (time.perf_counter() - t0) * 1000
        turn = self.store.add_turn(session_id, "coach", text, move=Move.CLOSE.value, guard=event.to_dict(), latency_ms=ms)
        self.store.close_session(session_id)
        return Reply(text, Move.CLOSE, None, event, ms, coach_turn_id=turn.id)


# Moves whose words are fixed for safety or precision: never handed to a model.
_OFFLINE_ONLY = {Move.CRISIS, Move.CLARIFY, Move.OPEN, Move.SUMMARIZE, Move.CLOSE, Move.LOW_EFFORT, Move.PRIVACY}


def _repeat_verdict(v: Verdict) -> Verdict:
    return Verdict(False, [*v.labels, "repeated_question"],
                   "repeats a question already asked in this session", v.questions)


def _notice(exc: Exception) -> str:
    """One line: what went wrong with the model (its message says what to do), then what happened."""
    what = " ".join(str(exc).split()).rstrip(".")
    return f"{what}. This reply is in the offline voice."


def _month(iso: str) -> str:
    try:
        from datetime import datetime

        return datetime.fromisoformat(iso.replace("Z", "+00:00")).strftime("%B %Y")
    except (ValueError, AttributeError):
        return "an earlier session"
