"""The mentor's question bank: the seed's techniques as open questions, searchable and extendable.

The built-in questions live in `coach/data/question_bank.toml` (data, so reviewers extend it without
touching Python). Mentors add their own through `add_question`, which stores them with
`Store.add_bank_question` — but only after `coach.guard.check` has read them: a line that gives advice,
judges, leads or is closed is refused with the guard's own reason, because a bank that teaches bad
questions would undo the point of the tool.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Protocol

from coach.errors import CoachError
from coach.types import Motivation

TECHNIQUES: tuple[str, ...] = (
    "trust",
    "expectations",
    "lottery",
    "entail",
    "why_ladder",
    "influence_authority",
    "passion",
    "sweet_spot",
    "assumption",
    "experiment",
    "normalize",
)

# One line per technique, in the seed's spirit, for help texts and the prep plan's headings.
TECHNIQUE_NOTES: dict[str, str] = {
    "trust": "Build mutual trust first; it takes time and patience.",
    "expectations": "Be explicit up front about roles, logistics and confidentiality.",
    "lottery": "Everyone else wins the lottery and resigns: whose job would they want, whose not, and why?",
    "entail": "Ask what they think that job entails, to see whether they read the organisation accurately.",
    "why_ladder": "Keep asking 'why', subtly, until the answer hits bedrock.",
    "influence_authority": "Tease apart the wish for influence (impact) from the wish for authority (control).",
    "passion": "Notice energy and tone; passions come from values and purpose.",
    "sweet_spot": "Interests x strengths x what the company needs, inside or outside the company.",
    "assumption": "Expose the assumptions underneath a goal.",
    "experiment": "Leave room for experiments and for being wrong; reflect on what they showed.",
    "normalize": "Take the shame out of money, ambition and leaving.",
}


class QuestionRefused(CoachError):
    """A mentor's question the guard reads as advice, judgment, leading or closed."""


class _BankStore(Protocol):
    def add_bank_question(self, text: str, technique: str, motivation: str | None, author: str = ...) -> Any: ...

    def bank_questions(self) -> list[Any]: ...


@dataclass(slots=True)
class BankQuestion:
    id: str
    text: str
    technique: str
    motivations: list[str] = field(default_factory=list)
    author: str = "bedrock"  # "bedrock" for the built-in bank, else who added it

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def matches(self, *, technique: str | None = None, motivation: str | None = None, text: str | None = None) -> bool:
        if technique and self.technique != technique:
            return False
        # An untagged question suits any motivation, but a motivation filter is a request for
        # questions aimed at that motivation, so only tagged ones count.
        if motivation and motivation not in self.motivations:
            return False
        if text:
            hay = f"{self.text} {self.technique} {' '.join(self.motivations)}".lower()
            if not all(word in hay for word in text.lower().split()):
                return False
        return True


def _check_technique(technique: str) -> str:
    t = technique.strip().lower().replace("-", "_")
    if t not in TECHNIQUES:
        raise QuestionRefused(f"Unknown technique '{technique}'. Choose one of: {', '.join(TECHNIQUES)}.")
    return t


def _check_motivation(motivation: str | None) -> str | None:
    if motivation is None or not motivation.strip():
        return None
    m = motivation.strip().lower().replace("-", "_")
    values = [x.value for x in Motivation]
    if m not in values:
        raise QuestionRefused(f"Unknown motivation '{motivation}'. Choose one of: {', '.join(values)}.")
    return m


@lru_cache(maxsize=1)
def builtin_questions() -> tuple[BankQuestion, ...]:
    """The questions shipped in coach/data/question_bank.toml (read once)."""
    raw = tomllib.loads(
        (resources.files("coach") / "data" / "question_bank.toml").read_text(encoding="utf-8")
    )
    out = []
    for q in raw.get("question", []):
        out.append(
            BankQuestion(
                id=q["id"],
                text=q["text"],
                technique=_check_technique(q["technique"]),
                motivations=[m for m in (_check_motivation(x) for x in q.get("motivations", [])) if m],
            )
        )
    return tuple(out)


def _row_to_question(row: Any) -> BankQuestion:
    """Store rows may be dicts or small objects; accept both so the store can evolve."""
    get = row.get if isinstance(row, dict) else (lambda k, d=None: getattr(row, k, d))
    motivation = get("motivation")
    motivations = get("motivations")
    if motivations is None:
        motivations = [motivation] if motivation else []
    return BankQuestion(
        id=f"mentor-{get('id')}",
        text=str(get("text", "")),
        technique=str(get("technique", "")),
        motivations=list(motivations),
        author=str(get("author", "mentor") or "mentor"),
    )


def all_questions(store: _BankStore | None = None) -> list[BankQuestion]:
    """The built-in bank plus, when a store is given, the questions mentors added."""
    out = list(builtin_questions())
    if store is not None:
        out.extend(_row_to_question(r) for r in store.bank_questions())
    return out


def search(
    *,
    technique: str | None = None,
    motivation: str | None = None,
    text: str | None = None,
    store: _BankStore | None = None,
) -> list[BankQuestion]:
    """Questions matching every filter given (technique, motivation tag, words in the text)."""
    t = _check_technique(technique) if technique else None
    m = _check_motivation(motivation)
    return [q for q in all_questions(store) if q.matches(technique=t, motivation=m, text=text)]


def add_question(
    store: _BankStore,
    text: str,
    technique: str,
    motivation: str | None = None,
    *,
    author: str = "mentor",
) -> BankQuestion:
    """Check a mentor's question with the guard, then store it. Raises QuestionRefused with the reason."""
    from coach import guard  # imported late: the guard loads its patterns on first use

    clean = " ".join(text.split())
    if not clean:
        raise QuestionRefused("The question is empty.")
    t = _check_technique(technique)
    m = _check_motivation(motivation)
    verdict = guard.check(clean)
    if not verdict.ok:
        raise QuestionRefused(f"Not added: {verdict.reason or ', '.join(verdict.labels)}")
    if "question" not in verdict.labels and "open_question" not in verdict.labels:
        raise QuestionRefused(
            "Not added: the bank holds open questions, and this does not read as one. "
            "Phrase it as a single open question (what, how, when, where, who)."
        )
    if clean.lower() in {q.text.lower() for q in all_questions(store)}:
        raise QuestionRefused("That question is already in the bank.")
    row = store.add_bank_question(clean, t, m, author=author)
    if row is not None and not isinstance(row, int):
        return _row_to_question(row)
    return BankQuestion(id=f"mentor-{row}", text=clean, technique=t, motivations=[m] if m else [], author=author)
