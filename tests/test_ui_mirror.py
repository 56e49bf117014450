"""The Mirror page with Streamlit's AppTest and the real mirror (offline): paste a conversation,
pick the mentor, see the summary, the labelled timeline, missed moments and rewrites; nothing is
kept until "Keep a copy"."""

from __future__ import annotations

import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `ui` is not an installed package: the app lives in the repository
    sys.path.insert(0, str(ROOT))

from ui import state as S  # noqa: E402 - needs the path set above

APP = ROOT / "ui" / "app.py"

TALK = """\
Greg: Where do you see yourself in three years?
Leila: Maybe team lead. Honestly the money matters most, we're buying a house before the baby comes.
Greg: You should go for the team lead spot. Talk to Dana this week.
Leila: I like <b>training</b> the new starters, **that** part I love.
Greg: Everybody gets bored. Push through it.
"""


def open_mirror() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    at.switch_page("views/mirror.py").run()
    assert [t.value for t in at.title] == ["Mirror"]
    return at


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_page_is_private_and_waits_for_a_conversation():
    at = open_mirror()
    assert not at.exception
    assert any("nothing is saved unless you choose" in m.value for m in at.markdown)
    assert any("Paste a conversation" in c.value for c in at.caption)
    assert not at.button  # no mirror button before there is a conversation


def test_paste_pick_mentor_and_see_the_mirror(coach_home: Path):
    at = open_mirror()
    at.text_area(key=S.MIRROR_TEXT).set_value(TALK).run()
    assert not at.exception
    assert at.selectbox(key=S.MIRROR_MENTOR).value == "Greg"  # asks the most questions
    at.button(key="mirror.run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Reflections : questions"] == "0:1"
    assert metrics["Advice not asked for"] == "2"
    heads = [h.value for h in at.subheader]
    assert heads[:2] == ["How it went", "Timeline"]
    assert any(h.startswith("Missed moments · ") and not h.endswith("· 0") for h in heads)
    assert "Advice and judgment · 2" in heads
    md = markdown(at)
    # the timeline writes every label out, beside its colour
    assert ":red-badge[advice]" in md and ":blue-badge[open question]" in md and ":red-badge[judgment]" in md
    # the mentee's words are shown as typed, never as markup
    assert "\\<b\\>training\\<\\/b\\>" in md and "\\*\\*that\\*\\*" in md
    assert "Instead: **" in md
    assert not (coach_home / "mirror").exists()  # private by default: nothing kept


def test_keep_a_copy_saves_only_on_request(coach_home: Path):
    at = open_mirror()
    at.text_area(key=S.MIRROR_TEXT).set_value(TALK).run()
    at.button(key="mirror.run").click().run()
    assert not (coach_home / "mirror").exists()
    at.button(key="mirror.save").click().run()
    assert not at.exception
    saved = list((coach_home / "mirror").glob("*.json"))
    assert len(saved) == 1
    assert any("Kept a copy" in s.value for s in at.success)


def test_choosing_the_other_speaker_relabels(coach_home: Path):
    at = open_mirror()
    at.text_area(key=S.MIRROR_TEXT).set_value(TALK).run()
    at.selectbox(key=S.MIRROR_MENTOR).set_value("Leila").run()
    at.button(key="mirror.run").click().run()
    assert not at.exception
    md = markdown(at)
    assert "**Leila** :" in md  # Leila's turns now carry badges
    assert "**Greg**  \n:gray[" in md  # Greg's are shown plain, as the mentee's


def test_a_malformed_paste_gets_a_calm_message():
    at = open_mirror()
    at.text_area(key=S.MIRROR_TEXT).set_value("just some text with no speaker names").run()
    assert not at.exception
    assert any("no speaker names found" in w.value for w in at.warning)
    assert not at.metric
