"""Playback support: does the coach's spoken playback credit only what the mentee said?

The playback is the line the coach says when it sums up or closes ("Where you're heading: …  What seems to
sit underneath: pay and what it makes possible ("…") …  What you confirmed runs deepest: "…"  You lit up when
you said: "…""). It is read here from its words alone, the way the mentee hears it, and each credit is
graded like a summary item (evals/summary_support.py: its own cue words, negation, holders, reversals;
nothing from `coach` is imported):

    goal         a direction ("Where you're heading: X"): backed by the mentee sentence that carries X
    motivation   a label with their words ("pay and what it makes possible ("…")"): the label against its quote
    bedrock      "What you confirmed runs deepest" also needs the conversation to show it confirmed: a coach
                 question that held it up (or followed it) and a yes from the mentee right after
    passion      "You lit up when you said" needs the lift in the quote, and never a pasted message
    experiment   "Something you said you might try": the plan in the quote

The corpus's `meta.summary.must_not` patterns are matched against the same one-line form as summary items
(`kind [motivation]: text «quote»`). A playback whose parts cannot be read is one unsupported credit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from typing import Any

from evals import scorers
from evals.summary_support import ItemSupport, _find_quote, _norm, check_item, haystack

__all__ = ["PlaybackCheck", "check_playback", "parse_playback", "playback_metrics"]

# How each part of the spoken line opens (the coach's contract for it: coach/mentor/summary/playback.py).
_FRAMES: dict[str, tuple[str, str]] = {  # frame -> (kind, how it is credited)
    "Where you're heading:": ("goal", "heading"),
    "A direction you're weighing:": ("goal", "weighing"),
    "What seems to sit underneath:": ("motivation", ""),
    "What you confirmed runs deepest:": ("bedrock", "confirmed"),
    "Something that may run deep, not yet confirmed:": ("bedrock", "proposed"),
    "You lit up when you said:": ("passion", ""),
    "Something you said you might try:": ("experiment", ""),
}
_FRAME_RX = re.compile("|".join(re.escape(f) for f in _FRAMES))

# A motivation the playback names, by the words it opens with (the eval's own reading of the label).
_LABEL_MOTIVATION = (
    (re.compile(r"^\W*influence\b", re.I), "influence"),
    (re.compile(r"^\W*authority\b", re.I), "authority"),
    (re.compile(r"^\W*recognition\b", re.I), "recognition"),
    (re.compile(r"^\W*growth\b", re.I), "growth"),
    (re.compile(r"^\W*autonomy\b", re.I), "autonomy"),
    (re.compile(r"^\W*meaning(?:ful)?\b", re.I), "meaning"),
    (re.compile(r"^\W*(?:pay|money|compensation|earning)\b", re.I), "compensation"),
    (re.compile(r"^\W*(?:the\s+)?next\s+(?:rung|step)\b", re.I), "next_rung"),
)

# A yes to "does that feel true to you?" (several languages the corpus is written in).
_YES = re.compile(r"^\W*(?:yes|yeah|yep|yup|ya|yah|ja|jy|haan|sí|si|sim|oui|genau|exactly|absolutely|definitely|totally|"
                  r"100|spot\s+on|true|right|correct|it\s+does|that'?s\s+(?:it|right|true|me)|thats\s+(?:it|right|true|me)|"
                  r"mm+|mhm|uh[- ]huh|i\s+think\s+so|pretty\s+much|kind\s+of|sort\s+of)\b", re.I)
_NO = re.compile(r"^\W*(?:no|nah|nope|not\s+really|not\s+quite|not\s+exactly|hmm+\s+no|huh,?\s+not)\b", re.I)

# A pasted message: an email's header or sign-off, a forwarded block. Its words are not the mentee's own.
_PASTE = re.compile(r"(?im)^\s*(?:subject|from|to|sent|date|cc|re|fwd?)\s*:|-{2,}\s*(?:original|forwarded)\s+message|"
                    r"\bdear\s+(?:all|team|colleagues|everyone|staff)\b|\b(?:kind|best|warm)\s+regards\b")


@dataclass(slots=True)
class PlaybackCheck:
    credits: list[ItemSupport] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)
    unconfirmed: list[str] = field(default_factory=list)  # "runs deepest" said as confirmed, never confirmed

    def to_dict(self) -> dict[str, Any]:
        return {"credits": [c.to_dict() for c in self.credits], "forbidden": self.forbidden,
                "unconfirmed": self.unconfirmed}


@dataclass(slots=True)
class Credit:
    """One thing the playback credits to the mentee, as a summary-item-shaped dict for the scorers."""

    kind: str
    text: str
    quotes: list[str]
    motivation: str | None = None
    how: str = ""  # heading | weighing | confirmed | proposed

    def item(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "motivation": self.motivation,
                "quotes": [{"text": q} for q in self.quotes]}

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# ============================================================================ reading the line


def _unquote(text: str) -> str:
    t = text.strip().strip(".").strip()
    t = t[1:] if t[:1] in "\"“" else t
    t = t[:-1] if t[-1:] in "\"”" else t
    return t.strip().rstrip("…").rstrip(".").strip()


def _first_sentence(seg: str) -> str:
    """The part up to its full stop (quotes may hold full stops of their own)."""
    inside = False
    for i, ch in enumerate(seg):
        if ch == '"':
            inside = not inside
        elif ch == "." and not inside and (i + 1 == len(seg) or seg[i + 1] == " "):
            return seg[:i]
    return seg


def parse_playback(text: str) -> list[Credit]:
    """The credits a playback line makes, part by part."""
    text = " ".join((text or "").split())
    found = list(_FRAME_RX.finditer(text))
    out: list[Credit] = []
    for k, m in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else len(text)
        seg = text[m.end():end].strip()
        kind, how = _FRAMES[m.group(0)]
        if kind == "goal":
            for g in _first_sentence(seg).split("; "):
                g = g.strip()
                if g:  # a phrase (backed by the sentence that carries it, below) or their words in quote marks
                    out.append(Credit("goal", _unquote(g), [_unquote(g)] if g[:1] in "\"“" else [], how=how))
        elif kind == "motivation":
            body = _first_sentence(seg) if '("' not in seg else seg[: seg.rfind('")') + 2]
            for bit in re.split(r'"\);\s+', body):
                mm = re.match(r'^(?P<label>.*?)\s*\("(?P<q>.*?)"?\)?$', bit.strip())
                if not mm:
                    out.append(Credit("motivation", bit.strip(), []))
                    continue
                label = mm.group("label").strip()
                mot = next((name for rx, name in _LABEL_MOTIVATION if rx.search(label)), None)
                out.append(Credit("motivation", label, [_unquote(mm.group("q"))], motivation=mot))
        else:
            # one or more of their sentences in quote marks: "a"; "b".
            body = seg[: seg.rfind('"') + 1] if '"' in seg else _first_sentence(seg)
            for q in re.split(r'";\s+"', body):
                q = _unquote(q)
                if not q:
                    continue
                name = {"bedrock": f"{how} bedrock", "passion": "you lit up when you said",
                        "experiment": "something you said you might try"}[kind]
                out.append(Credit(kind, f"{name}: “{q}”", [q], how=how))
    return out


# ============================================================================ grading


_GOAL_FILLER = frozenset({"being", "having", "doing", "getting", "going", "becoming"})


def _like(word: str, bag: set[str], toks: list[str]) -> bool:
    """A word of the phrase in the sentence: lemma-matched, or spelled nearly alike ("prodcut manger")."""
    if scorers.lemmas(word) & bag:
        return True
    return len(word) >= 5 and any(len(t) >= 4 and SequenceMatcher(None, word, t).ratio() >= 0.8 for t in toks)


def _goal_quotes(phrase: str, mentee: Sequence[str]) -> list[str]:
    """The mentee sentences that carry a goal the playback names: at least half its words each."""
    words = [w for w in scorers.content_words(phrase) if w not in _GOAL_FILLER] or \
        [w for w in scorers.tokens(phrase) if len(w) > 2 and w not in _GOAL_FILLER]
    if not words:
        return []
    out = []
    for turn in mentee:
        for sent in scorers.sentences(turn):
            bag, toks = scorers.lemma_bag([sent]) | set(scorers.tokens(sent)), scorers.tokens(sent)
            if sum(_like(w, bag, toks) for w in words) * 2 >= len(words):
                out.append(sent)
    return out


def _pasted(quote: str, mentee: Sequence[str]) -> bool:
    """The quote sits in a pasted message (after an email header, or is one)."""
    if _PASTE.search(quote):
        return True
    found = _find_quote(quote, mentee)
    if found is None:
        return False
    turn = _norm(mentee[found[0]])
    header = _PASTE.search(turn)
    return header is not None and header.start() < found[1]


def _confirmed_in_conversation(quote: str, turns: Sequence[dict[str, Any]]) -> bool:
    """A coach question that held the quote up (or came right after it) and a yes right after."""
    q_bag = scorers.lemma_bag([quote])
    q_norm = _norm(quote).lower()
    for i, t in enumerate(turns):
        if t.get("role") != "coach" or "?" not in (t.get("text") or ""):
            continue
        answer = next((u for u in turns[i + 1:] if u.get("role") == "mentee"), None)
        if answer is None or not _YES.search(answer.get("text") or "") or _NO.search(answer.get("text") or ""):
            continue
        before = next((u for u in reversed(turns[:i]) if u.get("role") == "mentee"), None)
        said_before = before is not None and q_norm[:40] in _norm(before.get("text") or "").lower()
        in_answer = q_norm[:40] in _norm(answer.get("text") or "").lower()
        held_up = bool(q_bag) and len(q_bag & scorers.lemma_bag([t.get("text") or ""])) * 2 >= len(q_bag)
        if said_before or in_answer or held_up:
            return True
    return False


def check_playback(playback: str, mentee: Sequence[str], turns: Sequence[dict[str, Any]] = (),
                   spec: dict[str, Any] | None = None) -> PlaybackCheck:
    """Support per credit, the spec's forbidden content, and "confirmed" held to the conversation."""
    out = PlaybackCheck()
    for c in parse_playback(playback):
        if c.kind == "goal" and not c.quotes:
            c.quotes = _goal_quotes(c.text, mentee)
        item = c.item()
        res = check_item(item, mentee)
        if res.verdict != "unsupported" and any(_pasted(q, mentee) for q in c.quotes):
            res.verdict, res.reasons = "unsupported", ["a pasted message, not the mentee's own words"]
        if c.how == "confirmed" and turns and not any(_confirmed_in_conversation(q, turns) for q in c.quotes):
            out.unconfirmed.append(c.text[:120])
            res.verdict, res.reasons = "unsupported", ["said as confirmed; the mentee never confirmed it"]
        out.credits.append(res)
        if spec:
            line = haystack(item)
            for rx in spec.get("must_not") or []:
                if re.search(rx, line, re.IGNORECASE):
                    out.forbidden.append(f"/{rx}/: {line[:160]}")
    return out


def playback_metrics(checks: Sequence[PlaybackCheck]) -> dict[str, float]:
    credits = [c for k in checks for c in k.credits]
    n = len(credits)
    return {
        "playback_credits": float(n),
        "playback_unsupported": sum(c.verdict == "unsupported" for c in credits) / n if n else 0.0,
        "playback_forbidden": float(sum(len(k.forbidden) for k in checks)),
        "playback_unconfirmed": float(sum(len(k.unconfirmed) for k in checks)),
        "sessions_with_unsupported_playback": float(sum(any(c.verdict == "unsupported" for c in k.credits) for k in checks)),
    }
