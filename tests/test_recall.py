"""Memory over months: in a later session the coach can play back an earlier statement, in the
mentee's own words and with its date — and only from what that session's sharing level may see."""

from __future__ import annotations

from coach.agent import Coach
from coach.types import Move, ShareLevel


def _coach() -> Coach:
    coach = Coach.create()
    assert coach.memory is not None and coach.memory.wait(60) is not None
    return coach


def test_an_earlier_statement_is_played_back_with_its_date():
    coach = _coach()
    first, _ = coach.start(ShareLevel.PRIVATE)
    coach.respond(first.id, "I love helping new engineers learn how our systems fit together.")
    coach.flush()

    later, _ = coach.start(ShareLevel.PRIVATE)
    coach.respond(later.id, "I've been thinking about what I want from work this year.")
    reply = coach.respond(later.id, "I really love helping new engineers learn how the systems fit together.")
    assert reply.move is Move.RECALL, reply.plan
    assert "you said" in reply.text and "I love helping new engineers learn how our systems fit together" in reply.text
    month = first.created_at[:7]
    import datetime as dt

    assert dt.date.fromisoformat(month + "-01").strftime("%B") in reply.text
    # sparingly: at most once a session
    again = coach.respond(later.id, "Helping new engineers learn is honestly my favourite part.")
    assert again.move is not Move.RECALL


def test_private_words_are_not_recalled_into_a_shared_session():
    coach = _coach()
    private, _ = coach.start(ShareLevel.PRIVATE)
    coach.respond(private.id, "I love helping new engineers learn how our systems fit together.")
    coach.flush()
    shared, _ = coach.start(ShareLevel.MENTOR)
    coach.respond(shared.id, "I've been thinking about what I want from work this year.")
    reply = coach.respond(shared.id, "I really love helping new engineers learn how the systems fit together.")
    assert reply.move is not Move.RECALL
    assert "our systems" not in reply.text
