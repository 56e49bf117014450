"""The question bank: the seed's techniques as open questions; mentors' additions checked first."""

from __future__ import annotations

import pytest

from coach import guard
from coach.mentor import bank
from coach.types import Motivation


def test_at_least_forty_questions_covering_every_technique():
    qs = bank.builtin_questions()
    assert len(qs) >= 40
    assert {q.technique for q in qs} == set(bank.TECHNIQUES)
    assert len({q.id for q in qs}) == len(qs)
    tagged = {m for q in qs for m in q.motivations}
    assert tagged == {m.value for m in Motivation}


@pytest.mark.parametrize("question", bank.builtin_questions(), ids=lambda q: q.id)
def test_every_builtin_question_is_one_open_question_without_advice(question):
    v = guard.check(question.text)
    assert v.ok, v.reason
    assert "open_question" in v.labels
    assert v.questions == 1


def test_search_by_technique_motivation_and_text():
    lottery = bank.search(technique="lottery")
    assert lottery and all(q.technique == "lottery" for q in lottery)
    assert any("won the lottery" in q.text for q in lottery)
    autonomy = bank.search(motivation="autonomy")
    assert autonomy and all("autonomy" in q.motivations for q in autonomy)
    both = bank.search(technique="influence_authority", motivation="authority", text="decide")
    assert [q.id for q in both] == ["ia-decide-vs-listened"]
    assert bank.search(text="zebra") == []
    assert bank.search(technique="why-ladder") == bank.search(technique="why_ladder")


def test_unknown_filters_are_refused_clearly():
    with pytest.raises(bank.QuestionRefused, match="Unknown technique 'vibes'"):
        bank.search(technique="vibes")
    with pytest.raises(bank.QuestionRefused, match="Unknown motivation"):
        bank.search(motivation="fame")


def test_a_mentor_adds_a_question_and_finds_it(store):
    q = bank.add_question(store, "What would a great year look like for you?", "why_ladder", "growth")
    assert q.author == "mentor" and q.motivations == ["growth"]
    found = bank.search(motivation="growth", text="great year", store=store)
    assert [f.text for f in found] == ["What would a great year look like for you?"]
    assert [f.text for f in bank.all_questions(store)][-1] == "What would a great year look like for you?"


@pytest.mark.parametrize(
    "text, why",
    [
        ("You should ask your manager for a raise.", "advice"),
        ("Have you considered applying for the lead role?", "advice"),
        ("Do you want to be a manager?", "closed"),
        ("Don't you think leading would suit you?", "lead"),
        ("That's an unrealistic goal. What else do you want?", "judg"),
        ("What draws you to it? And why now?", "multiple"),
    ],
)
def test_advice_leading_or_closed_questions_are_refused_with_the_guards_reason(store, text, why):
    with pytest.raises(bank.QuestionRefused) as err:
        bank.add_question(store, text, "why_ladder")
    assert why in str(err.value).lower()
    assert store.bank_questions() == []


def test_statements_duplicates_and_empty_are_refused(store):
    with pytest.raises(bank.QuestionRefused, match="open question"):
        bank.add_question(store, "It sounds like the title matters less than the work.", "why_ladder")
    with pytest.raises(bank.QuestionRefused, match="already in the bank"):
        bank.add_question(store, "What draws you to that?", "why_ladder")
    with pytest.raises(bank.QuestionRefused, match="empty"):
        bank.add_question(store, "   ", "trust")
    with pytest.raises(bank.QuestionRefused, match="Unknown technique"):
        bank.add_question(store, "What would you like to learn next?", "magic")
