"""Prepare: a mentor or manager gets ready for the next career conversation.

They see only what the mentee shared with them (from this device's store through
`services.mentor_view`, or a share file the mentee sent), get a plan of 5 to 7 questions built on it
in the mentee's words (coach/mentor/prep.py; more on request), check their own planned lines for advice,
judgment, closed or leading questions and loaded words (coach/linecheck.py), and browse and extend
the question bank.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from coach.types import ShareLevel
from ui import render as R
from ui import services
from ui import state as S

st.title("Prepare")
st.caption(
    "For a mentor or manager before the next conversation. You see only what the mentee chose to "
    "share with you — never the whole conversation."
)

SOURCES = {"local": "Shared on this device", "file": "A share file the mentee sent"}
AUDIENCES = [ShareLevel.MENTOR, ShareLevel.MANAGER]

VERDICTS: list[tuple[str, str, str]] = [
    # (guard label, verdict shown, why — when the guard gives no reason)
    ("advice", "✗ Advice", "It tells them what to do; ask what they see instead."),
    ("judgment", "✗ Judgment", "It judges their goal or choice; stay curious instead."),
    ("leak", "✗ Off-script", "It talks about the coach's instructions."),
    ("multiple_questions", "✗ Several questions", "Ask one question at a time."),
    ("leading_question", "✗ Leading question", "It suggests the answer; open it up."),
    ("closed_question", "✗ Closed question", "It invites yes/no; a what or how question opens it up."),
    ("open_question", "✓ Open question", "An open question."),
    ("complex_reflection", "✓ Reflection (adds meaning)", "Plays back what they said and the meaning beneath."),
    ("reflection", "✓ Reflection", "Plays back what they said."),
    ("care", "✓ Care", "Acknowledges how they feel."),
    ("confirmation", "✓ Checks understanding", "Asks whether the playback was right."),
    ("question", "✓ Question", "A question."),
]


def verdict_row(guard: Any, line: str) -> dict[str, str]:
    """One row of the checker's table: the line, the line checker's main verdict, and its reason.

    The line checker is the guard plus the words that load a question ("why would you even…")."""
    from coach import linecheck

    verdict = linecheck.check(line, checker=guard.check)
    labels = list(verdict.labels or [])
    primary = guard.classify_label(verdict) if hasattr(guard, "classify_label") else None
    ordered = sorted(VERDICTS, key=lambda v: v[0] != primary)  # the guard's primary label first
    for label, shown, why in ordered:
        if label in labels:
            return {"Your line": line, "Verdict": shown, "Why": verdict.reason or why}
    return {"Your line": line, "Verdict": "· Statement", "Why": verdict.reason or "No question or reflection in it."}


# -- what was shared ------------------------------------------------------------------------------


def _load_shared(store: Any, audience: ShareLevel) -> dict[str, Any] | None:
    # On a team server, what mentees shared is read on the Mentees page (checked and audited there);
    # this device's own store holds only the mentor's own sessions.
    sources = SOURCES if services.person() is None else {"file": SOURCES["file"]}
    if services.person() is not None:
        st.page_link("views/mentees.py", label="What your mentees shared with you: Mentees", icon=":material/groups:")
    source = st.radio(
        "Where from", list(sources), format_func=sources.get, key=S.PREP_SOURCE, horizontal=True
    )
    if source == "local":
        # What the mentee shared with this audience, by the store's rules (and, for a team, only
        # this mentor's own mentees: the function is the seam).
        return services.mentor_view(audience)
    upload = st.file_uploader("Share file (.json)", type=["json"], key=S.PREP_UPLOAD)
    if upload is None:
        st.caption("The mentee makes one in Review (“What your mentor will see”) or with `coach export --for mentor`.")
        return None
    share = services.require("coach.store.share", "Reading share files")
    # Bounded and type-checked like `coach prep --from` (size, depth, every field's type).
    return share.parse_share(upload.getvalue(), source=R.clean_line(upload.name)[:120] or "the file")


def _visible_items(doc: dict[str, Any], audience: ShareLevel) -> list[dict[str, Any]]:
    """What this audience may read, even from a file exported for someone else."""
    out = []
    for item in doc.get("items", []):
        try:
            level = ShareLevel(item.get("share") or doc.get("audience") or "private")
        except ValueError:
            continue
        if item.get("status") == "rejected" or not level.visible_to(audience):
            continue
        out.append(item)
    return out


def _show_shared(items: list[dict[str, Any]], audience: ShareLevel) -> None:
    st.header("What they shared with you")
    if items:
        n = len(items)
        st.caption(f"{n} item{'s' if n != 1 else ''} the mentee confirmed and shared with you — never the whole conversation.")
    R.shared_items(items, empty=f"Nothing has been shared with a {audience.value} yet. The mentee chooses what to "
                                "share in Review.")


# -- the plan ---------------------------------------------------------------------------------


def _questions(questions: list[Any], start: int) -> int:
    n = start
    for q in questions:
        n += 1
        st.markdown(f"{n}\\. {R.md_escape(q.text)}")
        if q.why:
            st.caption(R.md_escape(q.why))
    return n


def _plan(doc: dict[str, Any] | None, items: list[dict[str, Any]], audience: ShareLevel) -> None:
    st.header("A plan for your next conversation")
    prep = services.optional("coach.mentor.prep")
    if prep is None:
        R.not_available("The question plan")
        return
    if doc is None:
        st.caption("Load what they shared (above) to get a plan.")
        return
    # Only what this audience may read goes into the plan, and never a transcript.
    shared = dict(doc, audience=audience.value, items=items)
    shared["sessions"] = [{k: v for k, v in s.items() if k != "turns"} for s in doc.get("sessions", [])]
    plan = prep.build_prep(shared)
    core = plan.core
    cited = sum(1 for q in core if q.cites)
    st.caption(
        f"{len(core)} questions, {cited} of them built on what they shared, in their words. Start with the "
        "first; you won't need them all."
    )
    with st.container(border=True, key="prep.core"):
        n = _questions(core, 0)
    if st.toggle("More questions", key=S.PREP_MORE, help="The seed's techniques, for when the conversation goes further"):
        for section in plan.more:
            with st.container(border=True):
                st.markdown(f"**{R.md_escape(section.title)}**")
                st.caption(R.md_escape(section.note))
                n = _questions(section.questions, n)
    with st.expander("Reminder card"):
        R.bullet_list(plan.reminders)
    st.download_button(
        "Plan (Markdown)",
        plan.to_markdown(),
        file_name="bedrock-plan.md",
        mime="text/markdown",
        icon=":material/description:",
        key="prep.dl_plan",
    )


# -- the checker ----------------------------------------------------------------------------------


def _checker() -> None:
    st.header("Check your own questions")
    st.caption(
        "One line each. Each is read for advice, judgment, closed or leading questions, and loaded words "
        "(\u201ceven\u201d, \u201creally\u201d, \u201cjust\u201d) — the things that quietly turn a career "
        "conversation into a lecture."
    )
    guard = services.optional("coach.guard")
    text = st.text_area(
        "Your planned questions",
        key=S.PREP_LINES,
        height=140,
        placeholder="What would you do if money were no object?\nYou should ask for a raise.",
    )
    if st.button("Check my questions", key="prep.check", icon=":material/rule:", disabled=guard is None):
        lines = [ln.strip() for ln in (text or "").splitlines() if ln.strip()]
        S.put(S.PREP_CHECKED, [verdict_row(guard, ln) for ln in lines] if guard else [])
    if guard is None:
        R.not_available("The question checker")
        return
    rows = S.get(S.PREP_CHECKED)
    if rows:
        # st.table wraps long reasons (a dataframe would cut them off); cells are markdown, so escaped.
        st.table(
            pd.DataFrame([{k: R.md_escape(v) for k, v in r.items()} for r in rows]),
            hide_index=True,
            border="horizontal",
        )
        flagged = sum(1 for r in rows if r["Verdict"].startswith("✗"))
        if flagged:
            st.caption(f"{flagged} of {len(rows)} line(s) flagged.")
        else:
            st.caption("Nothing flagged.")
    elif rows == []:
        st.caption("Type at least one line to check.")


# -- the bank ------------------------------------------------------------------------------------


def _technique(t: str) -> str:
    return t.replace("_", " ").capitalize()


def _question_list(questions: list[Any], *, with_technique: bool) -> None:
    lines = []
    for q in questions:
        extra = [_technique(q.technique)] if with_technique else []
        extra += [R.motivation_label(m) for m in q.motivations]
        if q.author != "bedrock":
            extra.append(f"added by {q.author}")
        tail = f" — :gray[{R.md_escape(', '.join(extra))}]" if extra else ""
        lines.append(f"- {R.md_escape(q.text)}{tail}")
    if lines:
        st.markdown("\n".join(lines))


def _bank(store: Any) -> None:
    st.header("Question bank")
    bank = services.optional("coach.mentor.bank")
    if bank is None:
        R.not_available("The question bank")
        return
    techniques = list(bank.TECHNIQUES)
    notes = getattr(bank, "TECHNIQUE_NOTES", {})
    fcol1, fcol2 = st.columns(2)
    technique = fcol1.selectbox(
        "Technique", techniques, index=None, placeholder="Any technique", key="prep.bank_filter_t",
        format_func=_technique,
    )
    words = fcol2.text_input("Words", key="prep.bank_filter_w", placeholder="e.g. lottery, money")
    if technique and notes.get(technique):
        st.caption(notes[technique])
    questions = bank.search(technique=technique, text=words or None, store=store)
    if technique or words:
        st.caption(f"{len(questions)} question(s)")
        _question_list(questions, with_technique=not technique)
    else:
        for t in techniques:
            group = [q for q in questions if q.technique == t]
            if group:
                with st.expander(f"{_technique(t)} · {len(group)}"):
                    if notes.get(t):
                        st.caption(notes[t])
                    _question_list(group, with_technique=False)
    with st.form("prep.bank_add", clear_on_submit=False, border=True):
        st.markdown("**Add your own question**")
        text = st.text_input("Question", key=S.BANK_TEXT, placeholder="What would a great year look like for you?")
        tech = st.selectbox("Technique", techniques, key=S.BANK_TECHNIQUE, format_func=_technique)
        if st.form_submit_button("Add to the bank", icon=":material/add:"):
            try:
                bank.add_question(store, text or "", tech)
            except bank.QuestionRefused as exc:
                st.warning(R.md_escape(str(exc)), icon=":material/block:")
            else:
                st.success("Added. It passed the same check the coach's own lines go through.")


with services.page_edge():
    store = services.get_store()
    audience = st.segmented_control(
        "I'm their", AUDIENCES, default=ShareLevel.MENTOR, key=S.PREP_AUDIENCE,
        format_func=lambda lv: lv.value.capitalize(),
    ) or ShareLevel.MENTOR
    audience = ShareLevel(audience)
    doc = _load_shared(store, audience)
    items = _visible_items(doc, audience) if doc else []
    if doc is not None:
        _show_shared(items, audience)
    _plan(doc, items, audience)
with services.page_edge():
    _checker()
with services.page_edge():
    _bank(services.get_store())
