"""The runtime guard (`coach.guard.check`) as one scorer among several, imported only when called."""

from __future__ import annotations


def guard_labels(text: str, mentee_text: str = "") -> set[str]:
    """The runtime guard's labels for a line. Imported lazily: the rules above never depend on it."""
    from coach.guard import check

    return set(check(text, mentee_text=mentee_text).labels)
