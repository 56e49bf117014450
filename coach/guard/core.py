"""The guard's verdict on a line: every rule family over every sentence, combined into one Verdict."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from coach.guard import combine
from coach.guard.judgment import _verdict_on_request
from coach.guard.lists import _list_finding, _played_back_bullets
from coach.guard.questions import _find_questions, _Question
from coach.guard.reflections import _reflection_of
from coach.guard.rules import _rules
from coach.guard.sentence import _decide, _evidence
from coach.guard.text import _Finding, _mask_quotes, _normalize, _sentences, _snippet
from coach.lexicon import candidates
from coach.types import Verdict

# Label vocabulary, in the order labels are reported.
LABELS: tuple[str, ...] = (
    "leak",
    "advice",
    "judgment",
    "multiple_questions",
    "leading_question",
    "closed_question",
    "question",
    "open_question",
    "confirmation",
    "reflection",
    "complex_reflection",
    "care",
)
# Any of these makes a line not ok.
BLOCKING: frozenset[str] = frozenset(
    {"advice", "judgment", "multiple_questions", "closed_question", "leading_question", "leak"}
)
# Primary label for the DESIGN contract: problems first (worst first), then the good moves.
_PRIMARY_ORDER: tuple[str, ...] = (
    "leak",
    "advice",
    "judgment",
    "leading_question",
    "multiple_questions",
    "closed_question",
    "care",
    "open_question",
    "complex_reflection",
    "reflection",
    "question",
)
# Guard input is a coach line; anything longer is not a turn, and capping keeps the cost bounded.
MAX_CHARS = 4000


def check(text: str, *, mentee_text: str = "") -> Verdict:
    """Classify one coach or mentor line.

    `mentee_text` (the message being answered) lets the guard tell a playback of the mentee's own
    "should" from advice, and spot reflections that reuse the mentee's words.

    The verdict depends only on the two strings (the rules are fixed per process), and one turn
    checks the same line several times (the draft as judged, again when the turn is recorded, the
    offline voice's candidates), so recent verdicts are remembered. Each call returns a fresh
    Verdict: callers may change its labels list without touching the remembered one.
    """
    if not isinstance(text, str):
        _rules()
        raise TypeError(f"check() needs a str, got {type(text).__name__}")
    if not isinstance(mentee_text, str):
        return _check(text, mentee_text)  # whatever it raises for an odd mentee_text, uncached
    # Only the first MAX_CHARS of each are read, so the key is cut there too (bounds the memory).
    ok, labels, reason, questions = _check_cached(
        text[:MAX_CHARS], mentee_text[:MAX_CHARS], combine.unfinished(), combine.enabled()
    )
    return Verdict(ok=ok, labels=list(labels), reason=reason, questions=questions)


@lru_cache(maxsize=256)
def _check_cached(text: str, mentee_text: str, unfinished: bool, detector_on: bool) -> tuple[bool, tuple[str, ...], str, int]:
    # how the text is read is part of the key: mid-sentence (combine.writing), with or without the detector
    v = _check(text, mentee_text)
    return v.ok, tuple(v.labels), v.reason, v.questions


@lru_cache(maxsize=64)
def _mentee_lower(mentee_text: str) -> str:
    # one string per message, not one per check: the sentence caches key on it
    return _normalize(mentee_text).lower()


def _check(text: str, mentee_text: str) -> Verdict:
    return _analyse(text, mentee_text)[0]


def findings(text: str, *, mentee_text: str = "") -> list[_Finding]:
    """What `check` found, one finding per problem with its trigger, span and source (rules or
    detector): for explanations (coach.guard.explain)."""
    return _analyse(text[:MAX_CHARS], mentee_text[:MAX_CHARS])[1]


def _analyse(text: str, mentee_text: str) -> tuple[Verdict, list[_Finding]]:
    r = _rules()
    norm = _normalize(text[:MAX_CHARS])
    if not norm:
        return Verdict(ok=True, labels=[], reason="empty line: nothing to check", questions=0), []
    mentee_lower = _mentee_lower(mentee_text[:MAX_CHARS]) if mentee_text else ""

    findings: list[_Finding] = []
    labels: set[str] = set()

    for p in candidates(r.leak, norm):
        m = p.search(norm)
        if m:
            findings.append(_Finding("leak", _snippet(norm, m.start()), "reveals the coach's instructions"))
            break

    care = any(p.search(norm) for p in candidates(r.care_resources, norm))
    if care:
        labels.add("care")

    # Mask before splitting, so a "?" inside quoted words neither ends a sentence nor counts.
    masked_full = _mask_quotes(norm)
    masked_sentences = _sentences(masked_full)
    raw_sentences = masked_sentences
    played_back = "\n" in masked_full and _played_back_bullets(masked_full, mentee_lower)
    evidence = _evidence(masked_sentences, care, mentee_lower, played_back)
    advice_flags: list[bool] = []
    leading_flags: list[bool | None] = []
    judged_flags: list[bool] = []
    learned: list[_Finding] = []  # flags only the detector raised: after the rules', which explain better
    for ev in evidence:
        adv, judged, lead = _decide(ev)
        for f in (*adv, *judged):
            (learned if f.source == "detector" else findings).append(f)
        advice_flags.append(bool(adv))
        judged_flags.append(bool(judged))
        leading_flags.append(lead)

    verdict = _verdict_on_request(masked_sentences, mentee_lower) if not care else None
    if verdict and not any(f.label == "judgment" for f in findings):
        findings.append(verdict)

    if not care and not any(f.label == "advice" for f in findings):
        listed = _list_finding(masked_full, mentee_lower)
        if listed:
            findings.append(listed)

    findings.extend(f for f in learned if not any(g.label == f.label for g in findings))

    questions = _find_questions(masked_sentences, advice_flags, leading_flags)
    n_questions = sum(1 + q.extra for q in questions)
    if questions:
        labels.add("question")
    for q in questions:
        if q.kind == "open":
            labels.add("open_question")
        elif q.kind == "confirmation":
            labels.add("confirmation")
            if _reflection_of(q.text, mentee_lower):
                labels.add("reflection")
        elif q.kind == "closed":
            findings.append(_Finding("closed_question", _snippet(q.text), "is a yes/no question where an open one fits"))
        elif q.kind == "leading":
            findings.append(_Finding("leading_question", _snippet(q.text), "steers the mentee toward an answer", span=_leading_span(q.text)))
    if n_questions > 1:
        shown = " / ".join(_snippet(q.text) for q in questions[:3])
        findings.append(_Finding("multiple_questions", shown, f"asks {n_questions} questions in one turn (one at most)"))

    question_texts = {q.text for q in questions}
    for raw, masked, adv, judged in zip(raw_sentences, masked_sentences, advice_flags, judged_flags, strict=True):
        if adv or judged or masked in question_texts:
            continue  # a verdict or a suggestion is not a playback, whatever else it repeats
        kind = _reflection_of(raw, mentee_lower)
        if kind:
            labels.add("reflection")
            if kind == "complex_reflection":
                labels.add("complex_reflection")

    # questions whose only content is a complex playback ("So it's less X and more Y?")
    for q in questions:
        if q.kind == "confirmation" and _reflection_of(q.text, mentee_lower) == "complex_reflection":
            labels.add("complex_reflection")

    labels.update(f.label for f in findings)
    ordered = [label for label in LABELS if label in labels]
    ok = not (labels & BLOCKING)
    return Verdict(ok=ok, labels=ordered, reason=_reason(findings, ordered, questions), questions=n_questions), findings


def sentence_evidence(text: str, *, mentee_text: str = "") -> list[dict[str, tuple[bool, float, bool, bool]]]:
    """Per sentence, for each label rules and detector decide together: (rule hit, detector p,
    detector shielded, detector held to its wary threshold). For calibration (coach.guard.train) and
    the evals; `check` is the verdict."""
    norm = _normalize(text[:MAX_CHARS])
    if not norm:
        return []
    mentee_lower = _mentee_lower(mentee_text[:MAX_CHARS]) if mentee_text else ""
    care = any(p.search(norm) for p in candidates(_rules().care_resources, norm))
    masked_full = _mask_quotes(norm)
    played_back = "\n" in masked_full and _played_back_bullets(masked_full, mentee_lower)
    out = []
    for ev in _evidence(_sentences(masked_full), care, mentee_lower, played_back):
        p = ev.probs
        row = {
            "advice": (bool(ev.advice), p.get("advice", 0.0), ev.shield_advice, ev.wary_advice),
            "judgment": (bool(ev.judgment), p.get("judgment", 0.0), ev.shield_judgment, ev.wary_judgment),
        }
        if ev.question:
            row["leading_question"] = (ev.rule_leading, max(p.get("leading_question", 0.0), p.get("advice", 0.0)), ev.shield_leading, False)
        out.append(row)
    return out


def _leading_span(question: str) -> str:
    for p in _rules().leading:
        m = p.search(question)
        if m:
            return m.group(0).strip(" ,—–-?")
    return ""


def _reason(findings: list[_Finding], labels: list[str], questions: list[_Question]) -> str:
    if findings:
        seen: set[tuple[str, str]] = set()
        parts = []
        for f in findings:
            key = (f.label, f.trigger)
            if key in seen:
                continue
            seen.add(key)
            parts.append(f'{f.label.replace("_", " ")}: "{f.trigger}" {f.why}')
        return "; ".join(parts)
    good = []
    if "care" in labels:
        good.append("care: points to crisis resources; its imperatives are allowed")
    if "complex_reflection" in labels:
        good.append("complex reflection: plays back the meaning under the mentee's words")
    elif "reflection" in labels:
        good.append("reflection: plays back what the mentee said")
    for q in questions:
        if q.kind == "open":
            good.append(f'open question: "{_snippet(q.text)}"')
        elif q.kind == "confirmation":
            good.append(f'confirmation: "{_snippet(q.text)}" checks a playback with the mentee')
    return "; ".join(good) if good else "no advice, judgment, question or reflection found"


def check_many(texts: Iterable[str], *, mentee_texts: Iterable[str] | None = None) -> list[Verdict]:
    """`check` over many lines, in order (optionally paired with the mentee messages they answer)."""
    items = list(texts)
    mentees = list(mentee_texts) if mentee_texts is not None else [""] * len(items)
    if len(mentees) != len(items):
        raise ValueError("mentee_texts must have one entry per text")
    return [check(t, mentee_text=m) for t, m in zip(items, mentees, strict=True)]


def classify_label(verdict: Verdict) -> str:
    """The single primary label of a verdict: the worst problem, else the main good move.

    Order: leak, advice, judgment, leading_question, multiple_questions, closed_question, care,
    open_question, complex_reflection, reflection, question (a confirmation check); "none" if empty.
    """
    for label in _PRIMARY_ORDER:
        if label in verdict.labels:
            return label
    return "none"


def question_type(verdict: Verdict) -> str:
    """The dataset's question type: none | open | closed | leading | multiple.

    A confirmation check counts as "open" (allowed); a suggestion dressed as a question as "leading".
    """
    labels = set(verdict.labels)
    if "multiple_questions" in labels:
        return "multiple"
    if "leading_question" in labels:
        return "leading"
    if "closed_question" in labels:
        return "closed"
    if labels & {"open_question", "confirmation"}:
        return "open"
    return "none"
