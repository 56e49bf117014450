"""Every `st.session_state` key the app uses, named once.

Pages import these names instead of spelling keys inline, so a rename is one edit and two pages can
never disagree about what a key holds. Widget keys (the ones tests address, e.g.
`at.chat_input(key=CHAT_INPUT)`) live here too.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

# -- Reflect -------------------------------------------------------------------------------------
SESSION_ID = "reflect.session_id"  # str | None: the session being reflected on right now
NOTICE = "reflect.notice"  # str: the last Reply.notice (e.g. model unreachable, offline voice)
SHARE_CHOICE = "reflect.share_choice"  # widget: sharing level picked before the first message
CHAT_INPUT = "reflect.input"  # widget: the chat box
SHOW_EARLIER = "reflect.show_earlier"  # widget: show every earlier message of a long session
FIRST_MESSAGE = "reflect.first_message"  # str: typed on the first screen, answered once the session starts
PANEL_EDITING = "reflect.panel_editing"  # str | None: "<where>.<item id>" being corrected in the side panel

# -- Review --------------------------------------------------------------------------------------
REVIEW_SESSION = "review.session_id"  # str | None: the session Review opens on
CLOSING_TEXT = "review.closing"  # dict(session_id, text): the coach's playback at "End session"
EDITING_ITEM = "review.editing"  # int | None: the summary item being edited
REVIEW_PICK = "review.pick"  # widget: session selectbox
SHOW_REJECTED = "review.show_rejected"  # widget: show the items set aside as not right
SHARE_LEVEL = "review.share_level"  # widget prefix: the level picked in the share box (per session)
SHARE_QUOTES = "review.share_quotes"  # widget prefix: share the quotes too (per session)
SHARE_DONE = "review.share_done"  # str: what the last share made visible, shown once

# -- Prepare -------------------------------------------------------------------------------------
PREP_SOURCE = "prep.source"  # widget: "this device" | "a share file"
PREP_AUDIENCE = "prep.audience"  # widget: mentor | manager
PREP_UPLOAD = "prep.upload"  # widget: the uploaded share file
PREP_LINES = "prep.lines"  # widget: planned questions, one per line
PREP_CHECKED = "prep.checked"  # list[dict]: the checker's last table
PREP_MORE = "prep.more"  # widget: show more questions than the plan's 5 to 7
BANK_TEXT = "prep.bank_text"  # widget
BANK_TECHNIQUE = "prep.bank_technique"  # widget

# -- History -------------------------------------------------------------------------------------
HISTORY_QUERY = "history.query"  # widget: semantic search box
HISTORY_OPEN = "history.open"  # widget: the past session opened read-only
HISTORY_TURN = "history.turn"  # int | None: the turn a search hit opened the session at

# -- What Bedrock remembers ----------------------------------------------------------------------
MEMORY_KIND = "memory.kind"  # widget: which kind of kept thing is listed
MEMORY_EDITING = "memory.editing"  # str | None: the key being reworded
MEMORY_CONFIRM = "memory.confirm"  # str | None: the key waiting for "Yes, forget it"
MEMORY_FLASH = "memory.flash"  # str: the outcome of the last forget/reword, shown once

# -- Settings ------------------------------------------------------------------------------------
SET_BACKEND = "settings.backend"  # widget
SET_URL = "settings.url"  # widget
SET_MODEL = "settings.model"  # widget
SET_KEY = "settings.key"  # widget: masked, never pre-filled
SET_FORGET_KEY = "settings.forget_key"  # widget: remove the saved key
SET_FLASH = "settings.flash"  # str: "saved" message shown once after a save
FORGET_CONFIRM = "settings.forget_confirm"  # widget: type "forget" to confirm
FORGET_DONE = "settings.forget_done"  # int | error: the outcome of "forget everything", shown once
HEALTH_RESULT = "settings.health"  # the last connection test result

# -- Mirror --------------------------------------------------------------------------------------
MIRROR_SOURCE = "mirror.source"  # widget: "paste" | "upload"
MIRROR_TEXT = "mirror.text"  # widget: the pasted conversation
MIRROR_UPLOAD = "mirror.upload"  # widget: the uploaded transcript
MIRROR_MENTOR = "mirror.mentor"  # widget: which speaker is the mentor
MIRROR_REPORT = "mirror.report"  # MirrorReport | None: the last mirror, in this browser session only
MIRROR_SAVED = "mirror.saved"  # str: where "Keep a copy" wrote the report, shown once

# -- Team server (ui/team.py, views/mentees.py, views/team.py) -----------------------------------
TEAM_PERSON = "team.person"  # Person | None: who is signed in (set by the gate on every run)
TEAM_MENTEE = "team.mentee"  # str | None: the mentee whose shared items the Mentees page reads
TEAM_MENTEE_PICK = "team.mentee_pick"  # widget: the mentee selectbox
TEAM_PREPARE = "team.prepare"  # widget: toggle, build a question plan from what they shared
TEAM_FLASH = "team.flash"  # str: the outcome of the last admin action, shown once

# -- Advanced: Evals ---------------------------------------------------------------------------------------
EVAL_DIR = "evals.dir"  # widget: which report folder to show


def get(key: str, default: Any = None) -> Any:
    return st.session_state.get(key, default)


def put(key: str, value: Any) -> None:
    st.session_state[key] = value


def drop(*keys: str) -> None:
    for key in keys:
        st.session_state.pop(key, None)
