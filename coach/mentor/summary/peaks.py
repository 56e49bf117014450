"""The peak of a story: where a mentee says how high a moment was, without "I like…" or "that's the thing for me".

Three blind reads found summaries empty, or missing the heart, where the heart was told as a story: the
surgeon who noticed the retractors were packed in his order ("that was me. i think about that more than i
should"), the Tour of Flanders pulled for a teammate ("the best day of my life"), the boy who saw the leaves on
a tree for the first time ("when i think about that kid i know what i'm for"). The sentence that rates the
moment as the best, or says they felt alive in it, is the peak; the sentence before it is what happened. (A
peak of meaning rather than energy — "i know what i'm for", "that was me" — is not a passion, and is not
claimed as one: a reader marks "Your energy rose here" on it unsupported. It is left for a kind of its own.) Both are quoted, so the item says what the story
was, in their words, and a reader can check it.

Never a peak: the worst of something ("the worst day of my life"), what was ("it used to be the best bit"),
someone else's ("she says it was the best day of her life"), a question.
"""

from __future__ import annotations

import re

#: a moment rated as the best, or as what they are for
_PEAK = re.compile(
    r"\b(?:the\s+)?best\s+(?:day|days|feeling|moment|moments|thing|bit|part|night|shift|job|week|year)\s+(?:of\s+my\s+(?:life|career|year|week)|there\s+is|ever|i'?ve\s+ever\s+had|i\s+ever\s+had|i\s+know)\b|"
    r"\bbest\s+feeling\b|"
    r"\bnever\s+felt\s+(?:so|more)\s+(?:alive|useful|proud|myself|like me)\b|"
    r"\bthat'?s\s+when\s+i\s+(?:feel|felt|am)\s+(?:most\s+)?(?:alive|myself|awake|useful|proud|happy|at home)\b|"
    r"\b(?:i\s+)?(?:cried|was crying|teared up|had tears)\b[^.!?]{0,40}\b(?:happy|good|best|proud|thank)\w*\b",
    re.I)
_NOT_THEIRS = re.compile(r"\b(?:he|she|they|my\s+\w+)\s+(?:says?|said|thinks?|reckons?)\b[^.!?]*$|\bused\s+to\b|\bworst\b|\bnot\s+the\s+best\b", re.I)


def peak_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of each peak, widened to the sentences before it (what happened) or, when it comes first, after
    it, in the message's order. Someone else's words quoted inside the story are part of it; the peak itself must
    not be ("he said 'best day of my life'")."""
    out: list[tuple[int, int]] = []
    for i, (s, e) in enumerate(spans):
        sent = text[s:e]
        m = _PEAK.search(sent)
        if m is None or sent.rstrip().endswith("?") or _NOT_THEIRS.search(sent[: m.end()]) or re.search(r"['‘“\"]", sent[: m.start()]):
            continue
        start, end, k = s, e, i
        while k > 0 and i - k < 3 and len(text[start:end].split()) < 16 and len(text[spans[k - 1][0]:end]) <= 320:
            k -= 1  # what happened: the sentences before it, until there is a story to read ("thank you.'" alone is not)
            start = spans[k][0]
        j = i
        while start == s and j + 1 < len(spans) and j - i < 2 and len(text[s:end].split()) < 20 and len(text[s:spans[j + 1][1]]) <= 320:
            j += 1  # "the best day of my life I finished 94th. tour of flanders 2021. pulled the bunch for 80km so Jasper could sit in"
            end = spans[j][1]
        if out and out[-1][1] >= start:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out
