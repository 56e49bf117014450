"""What Bedrock remembers: everything kept about the mentee, where it came from and who can see it.

A thin caller of `coach.kept` (the same list as `coach memory`). Each thing kept can be reworded or
forgotten on the spot; forgetting carries the same guarantee as forgetting a session: the words
leave the database, the search index and their files (coach/forget.py).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from coach import kept as K
from ui import render as R
from ui import services
from ui import state as S

st.title("What Bedrock remembers")
st.caption(
    "Everything Bedrock keeps about you, on this device: what you said, what the coach heard, and "
    "the summary items. Where each came from and who can see it. Reword or forget any of them."
)

TITLES = {
    "statement": "Things you said",
    "item": "Summary items",
    "bedrock": "Bedrock the coach heard",
    "motivation": "Motivations the coach heard",
}


def _row(store: Any, k: K.Kept) -> None:
    with st.container(border=True, key=f"memory.row.{k.key}"):
        label = k.text if k.kind != "motivation" else R.motivation_label(k.text.replace(" ", "_"))
        st.markdown(f"**{R.md_escape(label)}**")
        for q in k.quotes[:3]:
            R.quote(q)
        who = ", ".join(k.visible_to)
        st.caption(R.md_escape(f"{k.source} Seen by: {who}." + (f" · {k.detail}" if k.detail else "")))
        if S.get(S.MEMORY_EDITING) == k.key:
            new = st.text_area("New wording", value=k.text, key=f"memory.text.{k.key}", height=80)
            row = st.container(horizontal=True)
            if row.button("Save", key=f"memory.save.{k.key}", type="primary"):
                K.edit(store, services.get_memory(), k.key, new or "")
                S.drop(S.MEMORY_EDITING)
                S.put(S.MEMORY_FLASH, "Reworded. The old wording is gone from every file.")
                st.rerun()
            if row.button("Cancel", key=f"memory.cancel.{k.key}"):
                S.drop(S.MEMORY_EDITING)
                st.rerun()
            return
        row = st.container(horizontal=True)
        if k.editable and row.button("Reword", key=f"memory.edit.{k.key}", icon=":material/edit:"):
            S.put(S.MEMORY_EDITING, k.key)
            st.rerun()
        if S.get(S.MEMORY_CONFIRM) == k.key:
            row.caption("Forget it for good?")
            if row.button("Yes, forget it", key=f"memory.yes.{k.key}", type="primary", icon=":material/delete:"):
                K.forget(store, services.get_memory(), k.key)
                S.drop(S.MEMORY_CONFIRM)
                S.put(S.MEMORY_FLASH, "Forgotten: gone from the database, the search index and their files.")
                st.rerun()
            if row.button("Keep it", key=f"memory.no.{k.key}"):
                S.drop(S.MEMORY_CONFIRM)
                st.rerun()
        elif row.button("Forget", key=f"memory.forget.{k.key}", icon=":material/delete:"):
            S.put(S.MEMORY_CONFIRM, k.key)
            st.rerun()


with services.page_edge():
    store = services.get_store()
    flash = S.get(S.MEMORY_FLASH)
    if flash:
        st.success(flash, icon=":material/check_circle:")
        S.drop(S.MEMORY_FLASH)
    everything = K.kept(store)
    if not everything:
        st.info("Bedrock keeps nothing about you yet. What you say in **Reflect** shows up here.")
    kinds = [k for k in K.KINDS if any(x.kind == k for x in everything)]
    if kinds:
        kind = st.segmented_control(
            "Show", kinds, default=kinds[0], key=S.MEMORY_KIND,
            format_func=lambda k: f"{TITLES[k]} · {sum(1 for x in everything if x.kind == k)}",
        ) or kinds[0]
        for k in (x for x in everything if x.kind == kind):
            _row(store, k)
