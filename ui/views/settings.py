"""Settings: which voice the coach uses, the connection test, the data folder, export and forget.

The API key is never shown back: the field is masked and always starts empty; leaving it empty keeps
the saved key. Settings are written with `coach.config.save_settings(include_key=True)` (mode 600).
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import streamlit as st
from pydantic import SecretStr, ValidationError

from coach.config import Settings, save_settings
from coach.errors import CoachError
from coach.types import ShareLevel
from ui import render as R
from ui import services
from ui import state as S

st.title("Settings")

BACKENDS = {
    "offline": "Offline — built in, private, instant (recommended)",
    "openai": "A model server — any OpenAI-compatible URL (OpenAI, Ollama, vLLM, llama.cpp)",
}
ENV_OVERRIDES = {
    "COACH_BACKEND": "the voice",
    "OPENAI_BASE_URL": "the server URL",
    "COACH_MODEL": "the model",
    "OPENAI_API_KEY": "the key",
}


def url_problem(url: str) -> str | None:
    """Why `url` can't be a server address, in plain words; None when it looks fine."""
    url = url.strip()
    if not url:
        return "Enter the server's address, for example http://127.0.0.1:8080/v1."
    if any(ch.isspace() for ch in url):
        return "The address can't contain spaces."
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https"):
        return "The address must start with http:// or https:// (for example http://127.0.0.1:8080/v1)."
    if not parsed.hostname:
        return "The address needs a host name after http://, for example http://127.0.0.1:8080/v1."
    try:
        parsed.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        return "The port in the address isn't a number between 1 and 65535."
    return None


def _init_fields(saved: Settings) -> None:
    if S.SET_BACKEND not in st.session_state:
        S.put(S.SET_BACKEND, saved.backend)
        S.put(S.SET_URL, saved.base_url or "")
        S.put(S.SET_MODEL, saved.model)


def _backend_section(home: Path) -> None:
    st.subheader("The coach's voice")
    try:
        saved = services.file_settings(home)
    except CoachError as exc:
        services.show_error(exc)
        st.caption("Saving below replaces the broken settings file.")
        saved = Settings(home=home)
    _init_fields(saved)
    overridden = [what for var, what in ENV_OVERRIDES.items() if os.environ.get(var)]
    if overridden:
        st.info(
            "Set in the environment, which wins over what you save here: " + ", ".join(overridden) + ".",
            icon=":material/info:",
        )
    backend = st.radio("Voice", list(BACKENDS), format_func=BACKENDS.get, key=S.SET_BACKEND)
    if backend == "openai":
        st.caption(
            "The model only words the move the coach chose, and every reply is still checked for "
            "advice and judgment. If the server is down, the coach carries on in its offline voice."
        )
    st.text_input(
        "Server URL",
        key=S.SET_URL,
        placeholder="http://127.0.0.1:8080/v1",
        disabled=backend != "openai",
    )
    st.text_input("Model", key=S.SET_MODEL, disabled=backend != "openai")
    has_key = saved.api_key is not None
    st.text_input(
        "API key",
        key=S.SET_KEY,
        type="password",
        placeholder="A key is saved — leave empty to keep it" if has_key else "Not needed for most local servers",
        disabled=backend != "openai",
        help="Stored only in your data folder (a file only you can read). Never shown again.",
    )
    if has_key:
        st.checkbox("Remove the saved key", key=S.SET_FORGET_KEY, disabled=backend != "openai")
    flash = S.get(S.SET_FLASH)
    if flash:
        st.success(flash, icon=":material/check_circle:")
        S.drop(S.SET_FLASH)
    if st.button("Save settings", type="primary", key="settings.save"):
        _save(home, saved)


def _form_settings(home: Path, saved: Settings) -> Settings | None:
    """Settings from the fields as typed (not yet saved), or None after showing what is wrong."""
    backend = S.get(S.SET_BACKEND)
    url = (S.get(S.SET_URL) or "").strip()
    model = (S.get(S.SET_MODEL) or "").strip()
    typed_key = (S.get(S.SET_KEY) or "").strip()
    if backend == "openai":
        problem = url_problem(url)
        if problem:
            st.error(f"**That server URL won't work.** {problem}", icon=":material/link_off:")
            return None
        if not model:
            st.error("**Which model?** Enter the model's name as the server knows it.", icon=":material/error:")
            return None
    key: SecretStr | None = saved.api_key
    if typed_key:
        key = SecretStr(typed_key)
    elif S.get(S.SET_FORGET_KEY):
        key = None
    try:
        return Settings(
            home=home,
            backend=backend,
            base_url=url or None,
            model=model or saved.model,
            api_key=key,
            timeout_s=saved.timeout_s,
            connect_timeout_s=saved.connect_timeout_s,
            max_retries=saved.max_retries,
            chroma_url=saved.chroma_url,
        )
    except ValidationError as exc:
        st.error(f"**That didn't work.** {R.md_escape(exc.errors()[0]['msg'])}", icon=":material/error:")
        return None


def _save(home: Path, saved: Settings) -> None:
    new = _form_settings(home, saved)
    if new is None:
        return
    try:
        save_settings(new, include_key=True)
    except OSError as exc:
        st.error(
            f"**Couldn't save the settings.** The data folder {R.md_escape(str(home))} isn't writable "
            f"({R.md_escape(exc.strerror or str(exc))}). Choose a writable folder (see below).",
            icon=":material/error:",
        )
        return
    services.forget_cached_coaches()  # the next page builds a coach with the new voice
    S.drop(S.SET_KEY, S.SET_FORGET_KEY, S.HEALTH_RESULT)
    S.put(S.SET_FLASH, "Saved. The coach uses these settings from your next message.")
    st.rerun()


STATUS_ICON = {"ok": "✓ ok", "warn": "! check", "fail": "✗ failed", "skip": "· skipped"}
CHECK_NAME = {
    "settings": "Settings",
    "reachable": "Server answers",
    "model": "Model is there",
    "completion": "A test reply",
    "latency": "Speed",
}


def _health_section(home: Path) -> None:
    st.subheader("Test the connection")
    health = services.optional("coach.llm_health")
    if health is None:
        R.not_available("The connection test")
        return
    if S.get(S.SET_BACKEND) != "openai":
        st.caption("The offline coach needs no connection. Choose a model server above to test one.")
        return
    st.caption("Tests the server with the values above, before you save them.")
    if st.button("Test connection", key="settings.test", icon=":material/network_check:"):
        saved = _saved_or_default(home)
        candidate = _form_settings(home, saved)
        if candidate is not None:
            with st.spinner("Asking the server…"):
                S.put(S.HEALTH_RESULT, health.check_server(candidate))
    report = S.get(S.HEALTH_RESULT)
    if report is None:
        return
    if report.ok:
        st.success("The server works with these settings.", icon=":material/check_circle:")
    else:
        st.error(
            "**The server isn't usable yet.** The coach keeps working in its offline voice meanwhile.",
            icon=":material/error:",
        )
    import pandas as pd

    rows = [
        {
            "Check": CHECK_NAME.get(c.name, c.name.capitalize()),
            "Result": STATUS_ICON.get(c.status, c.status),
            "What we found": c.detail,
            "What to do": c.fix,
        }
        for c in report.checks
    ]
    # st.table wraps the explanations; its cells are markdown, so everything is escaped.
    st.table(
        pd.DataFrame([{k: R.md_escape(v or "") for k, v in r.items()} for r in rows]),
        hide_index=True,
        border="horizontal",
    )


def _saved_or_default(home: Path) -> Settings:
    try:
        return services.file_settings(home)
    except CoachError:
        return Settings(home=home)


def folder_problem(home: Path) -> str | None:
    """Why Bedrock can't write to `home`, in plain words; None when it can (or can create it)."""
    if home.exists():
        if not home.is_dir():
            return f"{home} is a file, not a folder."
        if not os.access(home, os.W_OK):
            return "This folder is read-only, so Bedrock can't save anything new in it."
        return None
    parent = home.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        return f"It can't be created: {parent} is a file, not a folder."
    if not os.access(parent, os.W_OK):
        return f"It can't be created: {parent} is read-only."
    return None


def _data_section(home: Path) -> None:
    st.subheader("Your data folder")
    st.code(str(home), language=None, wrap_lines=True)
    problem = folder_problem(home)
    how = "start Bedrock with another folder: `COACH_HOME=/path/to/folder make run`."
    if problem:
        st.error(f"**{R.md_escape(problem)}** Make it writable, or {how}", icon=":material/lock:")
    elif not home.exists():
        st.caption("It will be created when you start your first session. To use another folder, " + how)
    else:
        st.caption("Everything Bedrock keeps lives here, on this device. To use another folder, " + how)


def _export_section() -> None:
    st.subheader("Export")
    store = services.get_store()
    doc = store.export(ShareLevel.PRIVATE)
    n_sessions, n_items = len(doc["sessions"]), len(doc["items"])
    st.caption(f"Everything: {n_sessions} session(s) with their conversations, and {n_items} summary item(s).")
    row = st.container(horizontal=True)
    stamp = date.today().isoformat()
    row.download_button(
        "Download everything (JSON)",
        json.dumps(doc, indent=2, ensure_ascii=False),
        file_name=f"bedrock-export-{stamp}.json",
        mime="application/json",
        icon=":material/download:",
        key="settings.dl_json",
    )
    share_mod = services.optional("coach.store.share")
    if share_mod is not None:
        row.download_button(
            "Download everything (Markdown)",
            share_mod.render_markdown(doc),
            file_name=f"bedrock-export-{stamp}.md",
            mime="text/markdown",
            icon=":material/description:",
            key="settings.dl_md",
        )


def _forget_section() -> None:
    st.subheader("Forget everything")
    with st.expander("Erase every session, summary and search index from this device"):
        st.warning(
            "This can't be undone. Export first if you might want any of it later.", icon=":material/warning:"
        )
        typed = st.text_input('Type "forget" to confirm', key=S.FORGET_CONFIRM)
        confirmed = (typed or "").strip().lower() == "forget"
        st.button(
            "Forget everything", type="primary", disabled=not confirmed, key="settings.forget", on_click=_forget_all
        )
        done = S.get(S.FORGET_DONE)
        if isinstance(done, BaseException):
            services.show_error(done)
        elif done is not None:
            st.success(f"Done. {done} session(s) forgotten.", icon=":material/check_circle:")
        S.drop(S.FORGET_DONE)


def _forget_all() -> None:
    """A button callback: it runs before the page, so it may clear the confirmation box."""
    from coach.forget import forget_everything

    try:
        # One operation over SQLite and the vector memory, files scrubbed (coach/forget.py).
        n = forget_everything(services.get_store(), services.get_memory()).sessions
    except (CoachError, OSError) as exc:
        S.put(S.FORGET_DONE, exc)
        return
    for key in (S.SESSION_ID, S.REVIEW_SESSION, S.CLOSING_TEXT):
        S.drop(key)
    S.put(S.FORGET_CONFIRM, "")
    S.put(S.FORGET_DONE, n)


home = services.home()
# On a team server the voice is the whole team's: only an admin changes it; the data lives on the
# server, not in a folder here. Export and forget act on the signed-in person's own data.
person = services.person()
if person is None or person.has("admin"):
    with services.page_edge():
        _backend_section(home)
    with services.page_edge():
        _health_section(home)
if person is None:
    with services.page_edge():
        _data_section(home)
with services.page_edge():
    _export_section()
with services.page_edge():
    _forget_section()
