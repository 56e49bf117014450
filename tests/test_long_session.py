"""A long session does not make each turn slower (issue 17, item 10).

The picker's memory of what was said and asked grows with the session (thousands of entries after 2,000
messages). Choosing a line or a question must not re-read all of it each time: the work per question is
counted here, not timed (timings are `coach bench`'s; this machine's clock would make a flaky test).
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from coach.realize import lines


def _picker(n: int) -> lines.Picker:
    asked = [f"what is it about thing number {k} that matters to you" for k in range(n)]
    used = [f"text:said line number {k}" for k in range(n)]
    return lines.Picker(SimpleNamespace(used=used, asked=asked, turn=n))


@pytest.mark.parametrize("n", [10, 5000])
def test_asking_a_question_reads_a_constant_amount_of_the_history(monkeypatch: pytest.MonkeyPatch, n: int) -> None:
    pick = _picker(n)  # building the picker reads the history once
    calls = 0
    real = lines.stem

    def counting(q: str) -> str:
        nonlocal calls
        calls += 1
        return real(q)

    monkeypatch.setattr(lines, "stem", counting)
    for _ in range(5):
        pick.first_question("deepen", "clarify")
        pick.line("reflect", "plain", clause="you like building things")
    # each question tried costs one stem (the candidate's), however long the session has been
    assert calls <= 5 * (len(lines.voice()["questions"]["deepen"]) + len(lines.voice()["questions"]["clarify"]) + 2)
    assert calls < 200


def test_what_was_asked_this_turn_is_not_asked_again() -> None:
    pick = _picker(50)
    first = pick.first_question("deepen")
    again = [pick.first_question("deepen") for _ in range(3)]
    assert first and first not in again
