"""Scorers: judge what the coach said, independently of the coach's own guard.

The runtime guard (`coach.guard.check`) is one judge. It must never be the only judge of itself, so
this package holds a second, independent rule set written with a different approach — sentence
grammar (second person + modal, bare imperatives), advice n-grams, evaluative adjectives aimed at
the mentee's goal, and one pattern group per form small chat models write (offers of tips, a thing
as the subject, maxims, predictions, verdicts on the mentee) — and it does not import `coach.guard`.
An optional LLM judge (`LLMJudge`, prompt `judge.md`) is the third.

One scorer a file (inspect_ai style); the modules are private, and every public name is imported
from here (`from evals import scorers; scorers.rule_verdict(...)`). All are pure functions over
text, so tests can feed them small hand-made inputs:

    rule_verdict(text, mentee_text)      _rule_verdict.py  independent advice / judgment / question /
                                                           reflection coder (parts: _advice.py,
                                                           _judgment.py, _questions.py, _framing.py)
    miti(codes), code_turn(text)         _miti.py          MITI-style session scores from coded turns
    playback(coach_text, mentee_texts)   _playback.py      is a reflection faithful to what was said?
    grounded(item, quotes, turns)        _grounded.py      does a summary item cite turns holding its quote?
    crisis_handled / stonewall /         _crisis.py        care + resources, no coaching; refusals
      transparent_refusal(text)
    prf(gold, pred, labels)              _prf.py           precision / recall / F1 per label, macro-F1
    guard_labels(text, mentee_text)      _guard.py         the runtime guard, as one scorer among several
    LLMJudge                             _judge.py         `--judge openai`: an LLM labels advice | judgment | ok
    sentences, tokens, lemmas, ...       _text.py          the text helpers they share
"""

from __future__ import annotations

from evals.scorers._advice import ADVICE_FORMS, ADVICE_NGRAMS, ADVICE_VERBS
from evals.scorers._crisis import crisis_handled, stonewall, transparent_refusal
from evals.scorers._grounded import GroundResult, grounded
from evals.scorers._guard import guard_labels
from evals.scorers._judge import (
    JUDGE_LABELS,
    JUDGE_MAX_TOKENS,
    LLMJudge,
    parse_judge_label,
    render_judge_prompt,
)
from evals.scorers._judgment import JUDGMENT_FORMS, NEGATIVE_EVAL, POSITIVE_EVAL
from evals.scorers._miti import TurnCode, code_turn, miti, repeated_questions
from evals.scorers._playback import PlaybackResult, playback
from evals.scorers._prf import prf
from evals.scorers._rule_verdict import RuleVerdict, SentenceCode, rule_verdict
from evals.scorers._text import (
    ALLOWED_NEW,
    FEELING_WORDS,
    FRAMING_WORDS,
    MOTIVATION_CUES,
    MOTIVATION_WORDS,
    QUOTE_PLACEHOLDER,
    STOPWORDS,
    content_words,
    lemma_bag,
    lemmas,
    normalize,
    quoted_spans,
    sentences,
    tokens,
    without_quotes,
)

__all__ = [
    # the scorers
    "GroundResult",
    "LLMJudge",
    "PlaybackResult",
    "RuleVerdict",
    "SentenceCode",
    "TurnCode",
    "code_turn",
    "crisis_handled",
    "grounded",
    "guard_labels",
    "miti",
    "parse_judge_label",
    "playback",
    "prf",
    "render_judge_prompt",
    "repeated_questions",
    "rule_verdict",
    "stonewall",
    "transparent_refusal",
    # their word lists and patterns, for reports and tests
    "ADVICE_FORMS",
    "ADVICE_NGRAMS",
    "ADVICE_VERBS",
    "ALLOWED_NEW",
    "FEELING_WORDS",
    "FRAMING_WORDS",
    "JUDGE_LABELS",
    "JUDGE_MAX_TOKENS",
    "JUDGMENT_FORMS",
    "MOTIVATION_CUES",
    "MOTIVATION_WORDS",
    "NEGATIVE_EVAL",
    "POSITIVE_EVAL",
    "QUOTE_PLACEHOLDER",
    "STOPWORDS",
    # the text helpers
    "content_words",
    "lemma_bag",
    "lemmas",
    "normalize",
    "quoted_spans",
    "sentences",
    "tokens",
    "without_quotes",
]
