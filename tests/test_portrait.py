"""The portrait: bedrock and motivations across sessions, and what changed."""

from __future__ import annotations

import json

from coach.mentor.portrait import build_portrait
from coach.mentor.summary import review_item, summarize_session
from coach.types import ShareLevel
from summary_data import FIRST_SESSION, PRIVATE_SESSION, PRIVATE_WORDS, add_session


def test_empty_store(store):
    p = build_portrait(store)
    assert p.sessions == [] and "No sessions yet" in p.to_markdown()


def test_weights_per_session_ordered_by_date(store):
    a = add_session(store, FIRST_SESSION, share=ShareLevel.MENTOR)
    b = add_session(store, PRIVATE_SESSION)
    p = build_portrait(store)
    assert [s.session_id for s in p.sessions] == [a.id, b.id]
    for s in p.sessions:
        assert abs(sum(s.weights.values()) - 1.0) < 0.01
        assert list(s.weights.values()) == sorted(s.weights.values(), reverse=True)
    assert set(p.sessions[1].weights) == {"compensation"}
    assert p.sessions[0].weights["influence"] > 0


def test_bedrock_first_and_last_seen_and_changes(store):
    add_session(store, FIRST_SESSION)
    add_session(store, PRIVATE_SESSION)
    # A third session says the bedrock of the first again.
    third = add_session(store, FIRST_SESSION[4:8])
    p = build_portrait(store)
    helping = next(t for t in p.bedrock if "making things easier" in t.text)
    assert helping.confirmed
    assert len(helping.sessions) == 2 and helping.sessions[-1] == third.id
    assert helping.first_seen <= helping.last_seen
    family = next(t for t in p.bedrock if "family is safe" in t.text)
    assert family.confirmed and family.sessions == [p.sessions[1].session_id]
    # Meaning came back in the last session; compensation was only in the middle one, still recent;
    # growth, authority and influence were heard only in the first: not lately.
    lately = {c.what for c in p.not_mentioned_lately if c.kind == "motivation"}
    assert {"growth", "authority", "influence"} <= lately
    assert "compensation" not in lately
    md = p.to_markdown()
    assert "## Not mentioned lately" in md and "## Motivations per session" in md
    json.dumps(p.to_dict())


def test_new_since_last_time(store):
    add_session(store, FIRST_SESSION)
    add_session(store, PRIVATE_SESSION)
    p = build_portrait(store)
    new = {(c.kind, c.what) for c in p.new_since_last}
    assert ("motivation", "compensation") in new
    assert any(kind == "bedrock" and "family is safe" in what for kind, what in new)
    assert "## New since last time" in p.to_markdown()


def test_rejected_items_do_not_count_and_edits_win(store):
    s = add_session(store, FIRST_SESSION)
    items = summarize_session(store, s.id).items
    growth = next(i for i in items if i.kind == "motivation" and i.motivation == "growth")
    review_item(store, growth.id, "reject")
    bedrock = next(i for i in items if i.kind == "bedrock")
    review_item(store, bedrock.id, "edit", "Making life easier for the people around me")
    p = build_portrait(store)
    assert "growth" not in p.sessions[0].weights
    assert any(t.text == "Making life easier for the people around me" and t.confirmed for t in p.bedrock)


def test_mentor_portrait_sees_only_shared_sessions(store):
    add_session(store, FIRST_SESSION, share=ShareLevel.MENTOR)
    s2 = add_session(store, PRIVATE_SESSION)
    summarize_session(store, s2.id)
    p = build_portrait(store, audience=ShareLevel.MENTOR)
    assert [s.session_id for s in p.sessions if s.session_id == s2.id] == []
    assert not any(w in json.dumps(p.to_dict()) for w in PRIVATE_WORDS)
