"""Mirror: a mentor pastes or uploads a conversation they held and sees how it went.

The summary (reflections : questions, open questions, advice, talk share, ladder depth, the
opening), a timeline coloured by behaviour with the labels written out, the missed moments and the
rewrites, and a Markdown export. Private by default: the conversation lives in this browser session
only, and a copy is kept on this device only when the mentor presses "Keep a copy".
"""

from __future__ import annotations

import json
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from ui import render as R
from ui import services
from ui import state as S

st.title("Mirror")
st.caption(
    "For a mentor or manager: see how a career conversation you held went — what you asked, "
    "reflected, advised and judged, and the “why”s you could have asked."
)
st.badge("Private — nothing is saved unless you choose", icon=":material/lock:", color="green")

SOURCES = {"paste": "Paste", "upload": "Upload a file"}
EXAMPLE = "Priya: What would being tech lead give you?\nSam: More say in how we build things.\nPriya: So it's less the title and more the say."
# Colour plus the label's name: colour is never the only cue.
BADGE = {
    "open_question": "blue",
    "closed_question": "gray",
    "leading_question": "orange",
    "simple_reflection": "green",
    "complex_reflection": "violet",
    "advice": "red",
    "judgment": "red",
    "information": "gray",
    "affirmation": "green",
    "other": "gray",
}
BEHAVIOUR_COLOUR = {"question": "#1c83e1", "reflection": "#21c354", "input": "#ff4b4b", "other": "#a3a8b8"}


def _read_input() -> tuple[bytes | str | None, str]:
    source = st.radio("Conversation", list(SOURCES), format_func=SOURCES.get, key=S.MIRROR_SOURCE, horizontal=True)
    if source == "paste":
        text = st.text_area(
            "Paste the conversation", key=S.MIRROR_TEXT, height=200, placeholder=EXAMPLE,
            help="One turn a line as `Name: what they said`; WebVTT, SRT and JSONL work too.",
        )
        return (text or None), "pasted conversation"
    up = st.file_uploader(
        "Transcript", type=["txt", "vtt", "srt", "jsonl", "json", "md"], key=S.MIRROR_UPLOAD,
        help="Text (`Name: line`), WebVTT or SRT from a meeting tool, or JSONL {\"speaker\", \"text\"}.",
    )
    return (up.getvalue() if up is not None else None), (up.name if up is not None else "")


def _pick_mentor(tr: Any, run: Any) -> str:
    speakers = tr.speakers
    if S.get(S.MIRROR_MENTOR) not in speakers:
        S.put(S.MIRROR_MENTOR, run.suggest_mentor(tr))  # the one who asks the most questions
    return st.selectbox("Who is the mentor?", speakers, key=S.MIRROR_MENTOR,
                        help="Pre-selected: the speaker who asks the most questions.")


def _figures(report: Any) -> None:
    rep = services.require("coach.mentor.mirror.report", "The mentor mirror")
    s = report.summary
    st.subheader("How it went")
    c1, c2, c3, c4 = st.columns(4)
    rq = s.reflection_question_ratio
    c1.metric("Reflections : questions", f"{s.reflections}:{s.questions}", help="MITI: fair 1:1, good 2:1")
    c2.metric("Open questions", "—" if s.open_question_pct is None else f"{s.open_question_pct:.0%}")
    c3.metric("Advice not asked for", s.advice)
    c4.metric("Your talk share", f"{s.talk_share:.0%}")
    rows = [{"": {True: "✓", False: "✗", None: "·"}[f.ok], "Figure": f.name, "Yours": f.value, "What good looks like": f.good}
            for f in rep.figures(s)]
    st.table(pd.DataFrame([{k: R.md_escape(v) for k, v in r.items()} for r in rows]), hide_index=True, border="horizontal")
    if rq is None and s.questions == 0:
        st.caption("No questions found in your turns.")
    if s.ladder_depth:
        st.caption(f"Deepest ladder: {s.ladder_depth} follow-ups in a row, from turn {s.ladder['start_turn']}.")
    for line, what in ((s.expectations_line, "Expectations"), (s.confidentiality_line, "Confidentiality")):
        if line:
            st.markdown(f"**{what}:** “{R.md_escape(line)}”")
    for note in s.notes:
        st.caption(R.md_escape(note))


def _badges(labels: list[str]) -> str:
    rep = services.require("coach.mentor.mirror.report", "The mentor mirror")
    return " ".join(f":{BADGE.get(lab, 'gray')}-badge[{rep.label_name(lab)}]" for lab in labels)


def _timeline(report: Any) -> None:
    st.subheader("Timeline")
    mentor_turns = [t for t in report.turns if t.role == "mentor"]
    if mentor_turns:
        data = pd.DataFrame([
            {"Turn": t.index, "Behaviour": t.behaviour or "other", "Labels": ", ".join(x.replace("_", " ") for x in t.labels),
             "Words": max(t.words, 1)}
            for t in mentor_turns
        ])
        chart = (
            alt.Chart(data)
            .mark_bar()
            .encode(
                x=alt.X("Turn:O", title="Your turns, in order", axis=alt.Axis(labels=False, ticks=False)),
                y=alt.Y("Words:Q", title="Words"),
                color=alt.Color("Behaviour:N", scale=alt.Scale(domain=list(BEHAVIOUR_COLOUR), range=list(BEHAVIOUR_COLOUR.values())),
                                legend=alt.Legend(orient="bottom", title=None)),
                tooltip=["Turn", "Behaviour", "Labels", "Words"],
            )
            .properties(height=160)
        )
        st.altair_chart(chart, width="stretch")
    with st.container(height=420, border=True):
        for t in report.turns:
            who = f"**{R.md_escape(t.speaker)}**"
            if t.role == "mentor":
                st.markdown(f"{t.index}\\. {who} {_badges(t.labels)}  \n{R.md_escape(t.text)}")
            else:
                st.markdown(f"{t.index}\\. {who}  \n:gray[{R.md_escape(t.text)}]")


def _moments(report: Any) -> None:
    s = report.summary
    st.subheader(f"Missed moments · {len(s.missed_moments)}")
    if not s.missed_moments:
        st.caption("Every time the mentee said what drives them, you stayed with it.")
    for mm in s.missed_moments:
        with st.container(border=True):
            st.caption(f"Turn {mm.turn} · {R.md_escape(mm.speaker)} · {R.motivation_label(mm.motivation)}")
            R.quote(mm.line)
            st.markdown(f"You moved on: “{R.md_escape(mm.mentor_reply)}”")
            st.markdown(f"You could have asked: **{R.md_escape(mm.why_question)}**")


def _rewrites(report: Any) -> None:
    s = report.summary
    st.subheader(f"Advice and judgment · {len(s.rewrites)}")
    if not s.rewrites:
        st.caption("None found.")
    for rw in s.rewrites:
        with st.container(border=True):
            asked = " · they had asked for it" if rw.asked else ""
            st.caption(f"Turn {rw.turn} · {', '.join(rw.labels)}{asked}")
            st.markdown(f"You said: “{R.md_escape(rw.text)}”")
            st.markdown(f"Instead: **{R.md_escape(rw.alternative)}**")


def _export(report: Any) -> None:
    rep = services.require("coach.mentor.mirror.report", "The mentor mirror")
    c1, c2, c3 = st.columns(3)
    c1.download_button("Report (Markdown)", rep.to_markdown(report), file_name="mirror.md", mime="text/markdown",
                       icon=":material/description:", key="mirror.dl_md")
    c2.download_button("Labels (JSON)", json.dumps(report.to_dict(), ensure_ascii=False, indent=1),
                       file_name="mirror.json", mime="application/json", icon=":material/data_object:", key="mirror.dl_json")
    if c3.button("Keep a copy on this device", key="mirror.save", icon=":material/save:"):
        S.put(S.MIRROR_SAVED, str(rep.save(report, services.home())))
    saved = S.get(S.MIRROR_SAVED)
    if saved:
        st.success(f"Kept a copy at {R.md_escape(saved)}. Delete that file to forget it.")


with services.page_edge():
    run = services.require("coach.mentor.mirror.run", "The mentor mirror")
    parse = services.require("coach.mentor.mirror.parse", "The mentor mirror")
    types = services.require("coach.mentor.mirror.types", "The mentor mirror")
    data, name = _read_input()
    transcript = None
    if data:
        try:
            transcript = parse.parse(data, name=name)
        except types.TranscriptError as exc:
            st.warning(R.md_escape(str(exc)), icon=":material/error:")
    if transcript is not None:
        mentor = _pick_mentor(transcript, run)
        if st.button("Mirror this conversation", key="mirror.run", type="primary", icon=":material/flip:"):
            S.put(S.MIRROR_REPORT, services.get_mirror().run(transcript, mentor, chosen_by="prompt"))
            S.drop(S.MIRROR_SAVED)
    elif not data:
        S.drop(S.MIRROR_REPORT, S.MIRROR_SAVED)
        st.caption("Paste a conversation or upload a transcript to begin.")
    report = S.get(S.MIRROR_REPORT)
    if report is not None and transcript is not None:
        _figures(report)
        _timeline(report)
        _moments(report)
        _rewrites(report)
        _export(report)
