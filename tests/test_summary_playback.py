"""The spoken playback (coach/mentor/summary/playback.py): said from the bedrock summary's items, so it credits
only what the mentee said, calls a bedrock confirmed only when they confirmed it, and agrees with the side panel.

Real sessions: a real coach hears short scripted messages, and the playback is read from what it says.
"""

from __future__ import annotations

import re

import pytest

from coach import guard
from coach.mentor.summary import is_confirmed_bedrock, review_item
from coach.mentor.summary.playback import FRAMES, playback_text
from coach.realize.offline import voice
from summary_data import heard

CONFIRMED = FRAMES["confirmed"].strip()
PROPOSED = FRAMES["proposed"].strip()
LIT_UP = FRAMES["passion"].strip()

EMAIL = ("This came this morning:\nSubject: Exciting changes to our newsroom!\nDear all,\nWe're thrilled to announce "
         "that court and council reporting will move to the new content hub. There is no change to your salary. "
         "We're so excited for this next chapter!\nKind regards,\nThe Editor")


def _quotes(text: str) -> list[str]:
    return re.findall(r'"([^"]+)"', text)


def _part(text: str, frame: str) -> str:
    """What one part of the playback says (from its frame to the next full stop outside quote marks)."""
    at = text.find(frame)
    if at < 0:
        return ""
    rest = text[at + len(frame):]
    nxt = min((rest.find(f) for f in FRAMES.values() if f in rest), default=len(rest))
    return rest[:nxt]


@pytest.mark.parametrize("messages", [
    ["I'm a solar electrician, from Poland, here eight years.",
     "My boss offers me to be supervisor. its not about money. ok they pay 400 euro more but I dont care for that",
     "I like when I switch on and the light is on and it works, that I made this."],
    ["I'm a shift boss underground, 26 years.", "They offer me a surface job. Dis nie die geld nie. Money is amper dieselfde.",
     "My span is twelve men and I bring every one of them up at end of shift."],
    ["I'm a court reporter on a weekly paper.", EMAIL, "It's not the money. It's court. Someone has to be there and write it down."],
])
def test_a_denied_motive_is_never_credited(store, messages) -> None:
    coach, sid = heard(store, *messages)
    text = coach.playback(sid)
    assert not re.search(r"\bpay\b|salary|400 euro|amper dieselfde", text, re.I), text
    assert not re.search(r"boss offers|they offer", text, re.I), text  # an offer is theirs to weigh, no motive
    assert guard.check(text).ok


def test_a_bedrock_put_to_the_mentee_is_confirmed_only_by_their_yes(store) -> None:
    said = "Being useful to people has mattered to me my whole life."
    coach, sid = heard(store, "I want to be a lead engineer one day.", said)
    asked = coach.playback(sid)
    assert CONFIRMED not in asked and PROPOSED in asked, asked
    assert "Being useful to people has mattered to me my whole life" in _part(asked, PROPOSED)
    coach.respond(sid, "yes, that's it")
    confirmed = coach.playback(sid)
    assert "Being useful to people has mattered to me my whole life" in _part(confirmed, CONFIRMED), confirmed
    assert PROPOSED not in confirmed
    items = coach.summary(sid).items  # the side panel says the same
    assert any(is_confirmed_bedrock(i) and "Being useful" in i.quotes[0].text for i in items)


@pytest.mark.parametrize("messages", [
    ["I work in a warehouse, nights.", "Security for my family. That's the thing under all of it."],
    ["skipper. 58. peterhead", "daughter wants me on the wind farm boats. crew transfer is a taxi", "i catch fish. thats it"],
])
def test_what_was_never_put_to_them_is_not_said_as_confirmed(store, messages) -> None:
    """Never asked "does that feel true to you?", never "What you confirmed runs deepest" (the policy's state may
    hold a bedrock they named as confirmed; the summary, and so the playback, offers it for them to confirm)."""
    coach, sid = heard(store, *messages)
    text = coach.playback(sid)
    assert CONFIRMED not in text, text
    assert not any(is_confirmed_bedrock(i) for i in coach.summary(sid).items)


def test_a_pasted_email_never_lit_them_up(store) -> None:
    coach, sid = heard(store, "I'm a reporter on a weekly paper and I'm not ok with this.", EMAIL,
                       "Honestly I love court. I LOVE it! Sitting there and being the public's eyes!")
    text = coach.playback(sid)
    lit = _part(text, LIT_UP)
    assert not re.search(r"subject|exciting changes|thrilled|next chapter|dear all|regards", text, re.I), text
    assert not lit or "court" in lit.lower(), text


def test_the_playback_says_only_what_the_summary_items_say(store) -> None:
    coach, sid = heard(store, "I'd like to run the platform team one day.",
                       "Mostly I want to have a say in the direction of the product instead of just building what I'm told.",
                       "I love the hackathons! I get so fired up!", "Knowing people can rely on me has mattered to me my whole life.")
    summary = coach.summary(sid)
    text = coach.playback(sid)
    assert text == playback_text(summary)
    cited = [q.text for i in summary.visible() for q in i.quotes]
    for q in _quotes(text):  # every quote is (the start of) the mentee's words behind a visible item
        assert any(" ".join(c.split()).startswith(q.rstrip("…!")) for c in cited), (q, cited)
    assert "?" not in text and guard.check(text).ok


def test_a_rejected_item_is_not_played_back_and_an_edit_is_said_in_their_words(store) -> None:
    coach, sid = heard(store, "I'd like to run the platform team one day.",
                       "Mostly I want to have a say in the direction of the product instead of just building what I'm told.",
                       "Knowing people can rely on me has mattered to me my whole life.")
    items = coach.summary(sid).items
    motive = next(i for i in items if i.kind == "motivation")
    bedrock = next(i for i in items if i.kind == "bedrock")
    before = coach.playback(sid)
    assert motive.quotes[0].text[:30] in before
    review_item(coach.store, motive.id, "reject")
    review_item(coach.store, bedrock.id, "edit", "Being someone people can count on")
    after = coach.playback(sid)
    assert motive.quotes[0].text[:30] not in after, after
    assert '"Being someone people can count on"' in _part(after, CONFIRMED), after  # their edit is their confirmation


def test_the_wrap_up_and_the_close_say_the_summary(store) -> None:
    coach, sid = heard(store, "I want to be a lead engineer one day.", "its not about money. they offer 400 euro more but thats not it")
    # (an explicit wrap-up asks for the playback; a plain goodbye, "thanks, bye", gets thanks and is let go:
    # test_leaving.py)
    wrap = coach.respond(sid, "ok that's all for today")
    assert wrap.text.startswith(voice()["playback"]["wrap"]), wrap.text
    assert "being a lead engineer" in wrap.text and not re.search(r"\bpay\b|400 euro", wrap.text)
    closing = coach.close(sid).text
    assert closing.endswith(voice()["playback"]["close"])
    assert "being a lead engineer" in closing and not re.search(r"\bpay\b|400 euro", closing)


def test_one_sentence_is_said_once(store) -> None:
    """A motivation and the bedrock it led to, quoting the same sentence: said once, where it runs deepest."""
    coach, sid = heard(store, "ok so basically im a PT at one of them big gyms where you pay them rent",
                       "my nan couldnt walk to the co-op. now she can. giving someone their life back. thats the thing under all of it")
    text = coach.playback(sid)
    assert text.count("giving someone their life back") <= 1, text
    assert "pay them rent" not in text


def test_nothing_checked_is_nothing_credited(store) -> None:
    nothing = voice()["playback"]["nothing"]
    assert playback_text(None) == nothing
    coach, sid = heard(store, "hm")
    assert coach.playback(sid) == nothing
