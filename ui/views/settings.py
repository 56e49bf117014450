"""Settings: where your data lives, take all of it with you, or forget all of it.

For the mentee: no URLs, no environment variables. The coach's voice (a model server), the data
folder's how-to and the eval report are under Advanced (views/advanced.py).
"""

from __future__ import annotations

import json
from datetime import date

import streamlit as st

from coach.errors import CoachError
from coach.types import ShareLevel
from ui import render as R
from ui import services
from ui import state as S

st.title("Settings")


def _data_section() -> None:
    st.header("Your data")
    home = services.home()
    st.markdown(
        "Everything Bedrock keeps — your conversations, the summaries, what the coach heard — stays on "
        "this device, in one folder. Nothing is sent anywhere unless you choose a model server under "
        "Advanced."
    )
    st.caption("The folder: " + R.md_escape(str(home)))
    st.page_link("views/memory.py", label="See everything Bedrock remembers about you", icon=":material/psychology:")


def _export_section() -> None:
    st.header("Take everything with you")
    store = services.get_store()
    doc = store.export(ShareLevel.PRIVATE)
    n_sessions, n_items = len(doc["sessions"]), len(doc["items"])
    st.caption(f"{n_sessions} conversation(s) with everything you said, and {n_items} summary item(s).")
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
    st.header("Forget everything")
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


def _advanced() -> None:
    # On a team server the voice is the whole team's: only an admin opens Advanced (ui/views/advanced.py
    # checks again); the data lives on the server, not in a folder here.
    person = services.person()
    if person is not None and not person.has("admin"):
        return
    st.header("Advanced")
    st.caption("The coach's voice (a model server), the data folder, and the eval report.")
    st.page_link("views/advanced.py", label="Open Advanced", icon=":material/tune:")


# Export and forget act on the signed-in person's own data.
if services.person() is None:
    with services.page_edge():
        _data_section()
with services.page_edge():
    _export_section()
with services.page_edge():
    _forget_section()
_advanced()
