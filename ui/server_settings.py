"""The model server and the data folder: sections of the Advanced page (views/advanced.py).

Which voice the coach uses (offline, or any OpenAI-compatible server), the connection test, and how
to run Bedrock on another data folder. Kept off the mentee's own Settings page: they are for
whoever runs Bedrock, and speak of URLs and environment variables.

The API key is never shown back: the field is masked and always starts empty; leaving it empty keeps
the saved key. Settings are written with `coach.config.save_settings(include_key=True)` (mode 600).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

import streamlit as st
from pydantic import SecretStr, ValidationError

from coach.config import Settings, save_settings
from coach.errors import CoachError
from ui import render as R
from ui import services
from ui import state as S

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


def backend_section(home: Path) -> None:
    st.header("The coach's voice")
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


def health_section(home: Path) -> None:
    st.header("Test the connection")
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


def data_section(home: Path) -> None:
    st.header("The data folder")
    st.code(str(home), language=None, wrap_lines=True)
    problem = folder_problem(home)
    how = "start Bedrock with another folder: `COACH_HOME=/path/to/folder make run`."
    if problem:
        st.error(f"**{R.md_escape(problem)}** Make it writable, or {how}", icon=":material/lock:")
    elif not home.exists():
        st.caption("It will be created when you start your first session. To use another folder, " + how)
    else:
        st.caption("Everything Bedrock keeps lives here, on this device. To use another folder, " + how)
