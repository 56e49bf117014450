"""The app's seam to the `coach` package: settings, the one Coach per configuration, optional features.

Pages call these and render; no coaching logic lives in the UI. Three rules:

- The Coach (store, vector memory, realizer) is built once per (COACH_HOME, backend settings) with
  `st.cache_resource`, so every browser tab shares it and a settings change builds a fresh one.
  The build starts on a background thread as soon as a page asks for it (`warm_coach()`), so the
  Reflect page can show its message box at once and the coach loads behind it (`get_coach()`
  then waits only for what is left).
- Features other areas are still writing (portrait, prep, bank, llm_health, evals.report) are imported
  lazily with `optional()`; a page shows a calm "not available yet" note while one is missing.
- `page_edge()` is where domain errors become friendly messages: no stack trace reaches the screen.

On a team server (COACH_DATABASE_URL and an [auth] login, ui/team.py) the same calls return the
signed-in person's own coach and store (coach/team/coach.py); nothing else in the pages changes.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import streamlit as st

from coach.config import Settings, load_settings
from coach.errors import CoachError

log = logging.getLogger("bedrock.ui")

ROOT = Path(__file__).resolve().parent.parent  # the repository: evals reports live under it


class FeatureMissing(Exception):
    """A module another area is still writing is not there yet (a note, not an error)."""

    def __init__(self, feature: str, module: str) -> None:
        super().__init__(f"{feature} is not available yet ({module} is missing).")
        self.feature = feature
        self.module = module


def optional(module: str) -> ModuleType | None:
    """Import `module`, or None when that module itself does not exist (yet).

    A module that exists but fails to import for another reason is a real bug: that error propagates
    to `page_edge`, which logs it and shows a friendly message.
    """
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name is not None and (module == exc.name or module.startswith(exc.name + ".")):
            return None
        raise


def require(module: str, feature: str) -> ModuleType:
    mod = optional(module)
    if mod is None:
        raise FeatureMissing(feature, module)
    return mod


def settings() -> Settings:
    """The current settings (the file under COACH_HOME, then the environment). Cheap: read per run."""
    return load_settings()


def home() -> Path:
    """The data folder, without parsing the settings file in it (which may be the broken thing)."""
    import os

    from coach.config import default_home

    return Path(os.environ.get("COACH_HOME") or default_home()).expanduser()


def file_settings(home: Path) -> Settings:
    """Only what is saved in COACH_HOME/settings.json, without the environment on top.

    The Settings page edits and saves these, so an OPENAI_API_KEY from the environment is never
    written into the file by accident.
    """
    return load_settings({"COACH_HOME": str(home)})


def _key_digest(s: Settings) -> str:
    # The cache key must change when the key changes, but the key itself never becomes a cache key.
    if s.api_key is None:
        return ""
    return hashlib.sha256(s.api_key.get_secret_value().encode()).hexdigest()[:16]


_building: dict[tuple[str, ...], Future[Any]] = {}
_building_lock = threading.Lock()


def person() -> Any | None:
    """The person signed in to a team server (set by ui/team.py's gate), or None: a personal Bedrock."""
    from ui import state as S

    return S.get(S.TEAM_PERSON)


def _person_id() -> str:
    p = person()
    return p.id if p is not None else ""


def _key(s: Settings, person_id: str = "") -> tuple[str, ...]:
    return (str(s.home), s.backend, s.base_url or "", s.model, s.chroma_url or "", _key_digest(s),
            s.database_url or "", person_id)


def _start_build(s: Settings, person_id: str = "") -> Future[Any]:
    """The Coach for these settings, being built on a thread (started once; again after a failure)."""
    key = _key(s, person_id)
    with _building_lock:
        future = _building.get(key)
        if future is not None and not (future.done() and future.exception() is not None):
            return future
        future = _building[key] = Future()

    def build() -> None:
        try:
            if s.database_url and person_id:  # a team server: this person's own coach
                from coach.team.coach import coach_for

                future.set_result(coach_for(s, person_id))
                return
            agent = require("coach.agent", "The coach")
            future.set_result(agent.Coach.create(settings=s))
        except BaseException as exc:  # noqa: BLE001 - handed to whoever waits for the coach
            future.set_exception(exc)

    threading.Thread(target=build, name="bedrock-build-coach", daemon=True).start()
    return future


@st.cache_resource(show_spinner="Getting the coach ready…")
def _build_coach(
    home: str,
    backend: str,
    base_url: str | None,
    model: str,
    chroma_url: str | None,
    key_digest: str,
    _settings: Settings,
    person_id: str = "",
) -> Any:
    return _start_build(_settings, person_id).result()


def warm_coach() -> None:
    """Start building the coach now, without waiting for it (the page goes on being drawn)."""
    try:
        _start_build(settings(), _person_id())
    except CoachError:
        pass  # bad settings: the page that needs the coach shows why


def coach_ready() -> bool:
    future = _building.get(_key(settings(), _person_id()))
    return future is not None and future.done() and future.exception() is None


def get_coach() -> Any:
    """The shared Coach for the current settings. Raises CoachError (friendly) or FeatureMissing."""
    s = settings()
    return _build_coach(
        str(s.home), s.backend, s.base_url, s.model, s.chroma_url, _key_digest(s), _settings=s,
        person_id=_person_id(),
    )


def forget_cached_coaches() -> None:
    """Drop every built Coach (after settings change or "forget everything")."""
    _build_coach.clear()
    with _building_lock:
        _building.clear()


@st.cache_resource(show_spinner=False)
def _build_store(db_path: str) -> Any:
    from coach.store.sql import Store

    return Store(Path(db_path))


def _own_store() -> Any:
    s = settings()
    pid = _person_id()
    if s.database_url and pid:  # cheap: the pool is shared; the store only names the person
        from coach.store.pg import PgStore

        return PgStore(s.database_url, pid)
    return _build_store(str(s.db_path))


def peek_store() -> Any:
    """The store without waiting for the coach (a page's first screen needs only this)."""
    return _own_store()


def get_store() -> Any:
    """The store: the Coach's own when the coach exists, else one opened just for reading pages."""
    try:
        coach = get_coach()
    except FeatureMissing:
        return _own_store()
    return coach.store


def get_memory() -> Any | None:
    """The vector memory (semantic search), or None when it is not available."""
    try:
        coach = get_coach()
    except FeatureMissing:
        return None
    return getattr(coach, "memory", None)


@st.cache_resource(show_spinner="Getting the mirror ready…")
def get_mirror() -> Any:
    """The mentor mirror (labeller + analyzer), built once and shared: it holds no one's data."""
    run = require("coach.mentor.mirror.run", "The mentor mirror")
    return run.Mirror()


# -- the page edge --------------------------------------------------------------------------------

_TITLES: list[tuple[str, str, str]] = [
    # (error class name, headline, what to do) — most specific first.
    ("NotFound", "That session or item no longer exists.", "Pick another one from the list."),
    ("Refused", "You can't see that.", "This was noted in the audit log. Pick one of your own mentees, or sign in again."),
    (
        "StoreError",
        "Bedrock can't use its data folder right now.",
        "Nothing you typed before this was lost. Fix the folder as described, or choose another "
        "data folder (see Settings), then reload the page.",
    ),
    ("ConfigError", "Bedrock's settings need a look.", "Open Settings to fix them."),
    (
        "ModelError",
        "The model server didn't answer.",
        "Check it is running, or switch to the offline coach in Settings.",
    ),
    ("ShareFileError", "That share file can't be read.", "Ask for a fresh export and upload it again."),
    ("PromptError", "A prompt file is missing or broken.", "Reinstall Bedrock or switch to the offline coach."),
]


def explain(exc: BaseException) -> tuple[str, str, str]:
    """(headline, detail, what to do) for an error, in words a person can act on."""
    names = {cls.__name__ for cls in type(exc).__mro__}
    for name, headline, todo in _TITLES:
        if name in names:
            return headline, str(exc), todo
    if isinstance(exc, CoachError):
        return "Something didn't work.", str(exc), "Try again; if it keeps happening, restart Bedrock."
    if isinstance(exc, PermissionError | OSError):
        return (
            "Bedrock couldn't read or write a file.",
            f"{getattr(exc, 'strerror', None) or exc} ({getattr(exc, 'filename', '') or 'unknown file'})",
            "Check the data folder is writable, or choose another one (see Settings).",
        )
    return (
        "Something went wrong on our side.",
        "",
        "Try again. The details are in the terminal that runs Bedrock.",
    )


def show_error(exc: BaseException) -> None:
    from ui.render import md_escape

    headline, detail, todo = explain(exc)
    body = f"**{headline}**"
    if detail:
        body += f"  \n{md_escape(detail)}"
    body += f"  \n{todo}"
    st.error(body, icon=":material/error:")


@contextmanager
def page_edge() -> Iterator[None]:
    """Wrap a page body: CoachError and OS errors become a friendly message, never a stack trace.

    Streamlit's own control flow (st.rerun, st.switch_page, st.stop) derives from BaseException and
    passes through untouched.
    """
    from ui.render import not_available

    try:
        yield
    except FeatureMissing as exc:
        not_available(exc.feature)
    except (CoachError, OSError) as exc:
        log.warning("page error: %s", exc)
        show_error(exc)
    except Exception as exc:  # the last line of defence: log the trace, show a calm message
        log.exception("unexpected error in the UI")
        show_error(exc)


# -- sharing and the mentor's view --------------------------------------------------------------------
# The single-user mentor view sits behind these two functions, so a team deployment (issue 16) can
# scope what a signed-in mentor reads without touching the pages.


def share_session(session_id: str, level: Any, with_quotes: bool | None = None) -> Any:
    """Share a session with a mentor or manager in one step (coach/sharing.py); returns what they now
    see. Through the Coach when it is built, so the vector memory's level follows too."""
    from coach import sharing

    store = get_store()
    try:
        coach = get_coach()
    except FeatureMissing:
        return sharing.share(store, session_id, level, with_quotes)
    return sharing.share(coach.store, session_id, level, with_quotes, set_share=coach.set_share)


def mentor_view(audience: Any) -> dict[str, Any]:
    """What a mentor (or manager) on this device may read: the share document of everything the
    mentee shared with them (coach/mentor/prep.py `local_share`, the store's own rules)."""
    from coach.types import ShareLevel

    store = get_store()
    prep = optional("coach.mentor.prep")
    return prep.local_share(store, ShareLevel(audience)) if prep is not None else store.export(ShareLevel(audience))
