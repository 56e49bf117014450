"""Summary support: does each bedrock-summary item stand on the quotes it cites?

Independent of the coach (nothing from `coach` is imported): its own cue words per motivation and kind,
its own negation, comparison, holder, hypothetical and reversal handling, over the text of the mentee's
turns as `coach chat --script FILE --json` prints them.

Each item is read the way a careful reader would: its quotes alone, with the next sentence of that
mentee turn in view (a quote cut before "Now it's just a job" says the opposite of the turn).

    supported    a quote carries the item (its cue words or its content) and nothing undoes it
    partly       a quote shares content but not what the item claims (a motivation with none of its cue
                 words, a goal with no wish in it, a hypothetical read as a motive)
    unsupported  no quote in the mentee's words, or every quote is denied, ranked second ("more than",
                 "less about"), someone else's want, a plea or an injection, or reversed by the next sentence

`check_summary` adds what the corpus's `meta.summary` requires (omissions) and forbids. Items are matched
as one line each: `kind [motivation]: text «quote» «quote»`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from evals import scorers

__all__ = ["ItemSupport", "SummaryCheck", "check_item", "check_summary", "haystack", "summary_metrics"]

# ============================================================================ cue words

_CUES_TEXT = {
    "influence": "influence impact shape shaping say voice direction decide decides decided decision decisions idea ideas "
                 "listen listened ask asked asks opinion persuade convince adopt adopted adoption architecture roadmap "
                 "strategy consult consulted input seat table room priorities merit steer choose choosing pick",
    "authority": "charge boss control decide decides final call authority manage manager managing management team "
                 "report reports run running lead leading leader command power hire approve",
    "recognition": "recognition recognised recognized credit seen notice noticed appreciated appreciate valued "
                   "thanked thank thanks title status prestige known famous fame respect respected proud pride name "
                   "slide visible invisible award cited acknowledged acknowledge",
    "growth": "learn learning learned grow growing growth master mastery better expert hard hardest challenge "
              "challenged stretch bored boring bores restless puzzle skill skills improve study craft sharp",
    "autonomy": "freedom free own decide choose choice trusted trust independent independence alone micromanage "
                "micromanagement calendar hours remote flexible way freelance myself shop business",
    "meaning": "matter matters mattered meaning meaningful help helping helped helps difference mission purpose "
               "believe world patients worthwhile useful care cares fair fairness humane safe kids children "
               "students residents customers users protect harm save planet climate",
    "compensation": "money pay paid salary earn earning raise rent bonus rich afford family kids safe security secure "
                    "savings mortgage equity financial worth income backwards provide paycheck paycheque wage wages "
                    "benefits pension stability stable cut",
    "next_rung": "next step ladder rung level promotion promoted senior staff principal lead default track climb "
                 "climbing expected cohort obvious",
}
MOTIVATION_CUES = {k: frozenset(v.split()) for k, v in _CUES_TEXT.items()}

# Words an item's text uses for a motivation when no `motivation` field says which.
_ITEM_NAMES = {
    "influence": r"influence|having a say|shap|direction|decid|impact",
    "authority": r"authority|in charge|control|manag|lead(ing)? (people|a team)",
    "recognition": r"recogni|credit|seen|status|prestige|appreciat|acknowledg",
    "growth": r"growth|grow|learn|master|challeng|hard(est)? problems|craft",
    "autonomy": r"autonom|freedom|independen|own way|your own",
    "meaning": r"meaning|purpose|help|matter|difference|mission",
    "compensation": r"compensation|money|pay|salary|security|financ|provid",
    "next_rung": r"next (step|rung)|ladder|promotion|expected",
}

_KIND_CUES = {
    "goal": re.compile(r"\b(?:i|i'd|i'm|i've|im|id)\b[^.!?]{0,40}\b(?:want|wanna|like|love|hope|plan|aim|goal|apply|applying|"
                       r"become|be\s+a|someday|one\s+day|thinking\s+(?:of|about|bout)|going\s+to|gonna|dream|would\s+like|"
                       r"'d\s+like|wnat|wish)\b|\b(?:quiero|mujhe)\b|\bi\s+want\b", re.IGNORECASE),
    "bedrock": re.compile(r"\b(?:always|whole\s+life|my\s+life|since\s+i\s+was|since\s+(?:childhood|forever)|core|who\s+i\s+am|"
                          r"matters?|mattered|important|in\s+or\s+out|outside(?:\s+of)?\s+work|wherever|any\s+job|whatever\s+job|"
                          r"that'?s\s+(?:it|me|the\s+thing|my\s+thing|what)|thats\s+(?:it|me|the\s+thing|my\s+thing)|"
                          r"the\s+real\s+thing|the\s+whole\s+thing|all\s+along|first\s+place|everywhere|yes|yeah|ya|exactly|"
                          r"believed|believe|genau|sí|haan|sim|eso)\b", re.IGNORECASE),
    # ("best thing": "I think this is the best thing I did in my life, honestly more than my own dancing", a passion item
    # this scorer called unsupported and a blind reader rated supported and had named as missing without it: 14th session)
    "passion": re.compile(r"!|\b(?:love|loved|excited|fired\s+up|alive|best\s+(?:day|part|feeling|year|month|two|thing)|light(?:s|ed)?\s+up|"
                          r"favou?rite|fun|enjoy|live\s+for|proud|cried|amazing|energy)\b|🔥|😭|💛", re.IGNORECASE),
    "experiment": re.compile(r"\b(?:try|tried|trial|test|experiment|shadow|ask\s+to|could\s+ask|might|maybe\s+i\s+could|i\s+could|"
                             r"for\s+a\s+week|for\s+(?:three|two|a\s+few)\s+months|see\s+if|see\s+whether|weekends?)\b", re.IGNORECASE),
    "open_question": re.compile(r"\?|\b(?:whether|not\s+sure|don'?t\s+know|idk|wonder|torn|unsure|maybe|or)\b", re.IGNORECASE),
}
_KIND_CUES["influence_authority"] = re.compile(
    r"\b(?:" + "|".join(sorted(MOTIVATION_CUES["influence"] | MOTIVATION_CUES["authority"])) + r")\b", re.IGNORECASE)

# ============================================================================ what undoes a quote

_NEGATED_BEFORE = re.compile(
    r"(?:\bnot|n't|\bnever|\bno\s+longer|\bless\s+about|\bthan(?:\s+about)?|\binstead\s+of|\bwithout|\bnothing\s+to\s+do\s+with)"
    r"(?:\s+[\w'-]+){0,5}\s*$", re.IGNORECASE)
_NEGATED_AFTER = re.compile(r"^\s*(?:[\w'-]+\s+){0,2}(?:doesn'?t|does\s+not|don'?t|isn'?t|wasn'?t|never)\s+(?:really\s+)?"
                            r"(?:matter|count|drive|motivat|interest)", re.IGNORECASE)
_OTHER_HOLDER = re.compile(
    r"\b(?:my|our)\s+(?:[\w-]+\s+){0,2}?(?:wife|husband|partner|manager|boss|mum|mom|mother|dad|father|parents|family|"
    r"friends?|sister|brother|son|boy|daughter|kids|director|supervisor|advisor|adviser|co-?founder|colleagues?|"
    r"head\s+teacher|head|charge\s+nurse|cousin|jefe|chef|ex|investors|mentor|teacher|papa|mummy|marido|chairman)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:wants?|thinks?|says?|said|keeps?\s+(?:saying|telling|asking|pushing)|expects?|insists?|"
    r"would\s+like|(?:is|are)\s+pushing|believes?|suggests?|(?:ha(?:ve|s)\s+)?told|tells|reckons?|calls?|acha|will|chahte)\b"
    r"|\b(?:everyone|people|they)\s+(?:says?|thinks?|keeps?\s+(?:saying|telling))\b",
    re.IGNORECASE,
)
_FIRST_PERSON_WANT = re.compile(r"\bi\s+(?:also\s+|really\s+|do\s+|actually\s+)?(?:want|'d\s+like|would\s+like|love|care)\b", re.IGNORECASE)
_HYPOTHETICAL = re.compile(r"\bif\s+i\s+(?:won|had|could|were|was|didn'?t\s+have)\b|\bimagine\b|\bin\s+another\s+life\b", re.IGNORECASE)
_PLEA = re.compile(r"\bjust\s+tell\s+me\b|\bi'?m\s+begging\b|\bplease\b|\bwhat\s+should\s+i\s+do\b|\bpick\s+one\b|"
                   r"\bshould\s+i\s+(?:take|quit|stay|go)\b", re.IGNORECASE)
_INJECTION = re.compile(r"\bignore\s+(?:all\s+|your\s+|the\s+)?(?:previous|prior|above)\b|\bsystem\s+prompt\b|<\s*/?\s*system|"
                        r"\byou\s+are\s+now\b|\bact\s+as\b|\bpretend\s+(?:you|to)\b|\badvice\s+mode\b|\boverride\b", re.IGNORECASE)
_REVERSAL_NEXT = re.compile(r"^(?:but\s+)?(?:now|these\s+days|nowadays)\b|\bnot\s+any\s?more\b|\banymore\b|\bno\s+longer\b|"
                            r"\bjust\s+a\s+job\b|\bthat'?s\s+(?:all\s+)?(?:over|gone|changed)\b|\bnot\s+now\b", re.IGNORECASE)
_REVERSAL_IN = re.compile(r"\bused\s+to\b|\bonce\s+(?:loved|wanted|cared)\b", re.IGNORECASE)


def _norm(text: str) -> str:
    return scorers.normalize(text or "")


def _find_quote(quote: str, mentee: Sequence[str]) -> tuple[int, int] | None:
    """(turn index, end offset) of the quote in the mentee's messages, tolerant of whitespace and quote marks."""
    q = _norm(quote)
    if not q.strip():
        return None
    for i, t in enumerate(mentee):
        t = _norm(t)
        at = t.find(q)
        if at >= 0:
            return i, at + len(q)
    squash = re.sub(r"\s+", " ", q).lower()
    for i, t in enumerate(mentee):
        tt = re.sub(r"\s+", " ", _norm(t)).lower()
        at = tt.find(squash)
        if at >= 0:
            return i, at + len(squash)
    return None


def _next_sentence(text: str, end: int) -> str:
    rest = _norm(text)[end:].strip(" .!?,;:—–-\n")
    parts = scorers.sentences(rest)
    return parts[0] if parts else ""


def _cue_hits(quote: str, cues: frozenset[str]) -> list[tuple[str, int]]:
    """(word, offset) of every cue word in the quote (lemma-matched)."""
    out = []
    for m in re.finditer(r"[a-z0-9]+(?:'[a-z]+)?", _norm(quote).lower()):
        w = m.group(0)
        if scorers.lemmas(w) & cues or w in cues:
            out.append((w, m.start()))
    return out


def _clause_of(text: str, at: int) -> tuple[str, str]:
    """The text before and after offset `at`, within its clause."""
    before = re.split(r"[.;!?]|,\s*(?:but|and)\b|\bbut\b", text[:at])[-1]
    after = re.split(r"[.;!?,]|\bbut\b", text[at:])[0]
    return before, after


def _negated(text: str, at: int, word: str) -> bool:
    before, after = _clause_of(_norm(text).lower(), at)
    return bool(_NEGATED_BEFORE.search(before) or _NEGATED_AFTER.match(after))


def _other_holder(text: str, at: int) -> bool:
    t = _norm(text)
    sent_start = max(t.rfind(".", 0, at), t.rfind("!", 0, at), t.rfind("?", 0, at)) + 1
    sent = t[sent_start:]
    sent = re.split(r"(?<=[.!?])\s", sent)[0]
    return bool(_OTHER_HOLDER.search(sent)) and not _FIRST_PERSON_WANT.search(sent)


_QUOTED_IN_ITEM = re.compile(r"[“\"][^”\"]*[”\"]")
# ("her" and "they" are left out: "help her grow" and "they want me to feel safe" are the mentee's.)
_OTHER_POSSESSOR = re.compile(r"\b(?:someone'?s|somebody'?s|their|his|people'?s|others'|other\s+people'?s|everyone'?s)\s+"
                              r"(?:[\w'-]+\s+){0,1}$", re.IGNORECASE)


# "Being someone's voice": the possessed noun is said of the mentee (what they are to someone), not owned by another
_PREDICATE_POSSESSOR = re.compile(r"\b(?:being|be|am|become|becoming|i'?m)\s+(?:\w+\s+)?(?:someone'?s|somebody'?s|their|his|people'?s|"
                                  r"everyone'?s)\s+(?:[\w'-]+\s+){0,1}$", re.IGNORECASE)


def _someone_elses(text: str, at: int) -> bool:
    """A cue that belongs to someone else: another person's want, or their pay ("until someone's pay is wrong")."""
    before, _ = _clause_of(_norm(text), at)
    return _other_holder(text, at) or bool(_OTHER_POSSESSOR.search(before) and not _PREDICATE_POSSESSOR.search(before))


def _item_motivation(item: dict[str, Any]) -> str | None:
    mot = item.get("motivation")
    if mot in MOTIVATION_CUES:
        return mot
    text = item.get("text", "") or ""
    for name, rx in _ITEM_NAMES.items():
        if re.search(rx, text, re.IGNORECASE):
            return name
    return None


def haystack(item: dict[str, Any]) -> str:
    """One line per item, the form `meta.summary` regexes are matched against."""
    kind = item.get("kind", "") or ""
    mot = item.get("motivation")
    head = f"{kind} [{mot}]" if mot else kind
    quotes = "".join(f" «{(q.get('text') if isinstance(q, dict) else q) or ''}»" for q in item.get("quotes") or [])
    return f"{head}: {item.get('text', '') or ''}{quotes}"


# ============================================================================ one item


@dataclass(slots=True)
class ItemSupport:
    kind: str
    text: str
    quotes: list[str]
    verdict: str  # supported | partly | unsupported
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_RANK = {"unsupported": 0, "partly": 1, "supported": 2}


def _quote_verdict(item: dict[str, Any], quote: str, mentee: Sequence[str]) -> tuple[str, str]:
    found = _find_quote(quote, mentee)
    if found is None:
        return "unsupported", f"quote not in the mentee's words: {quote[:60]!r}"
    turn_i, end = found
    turn = _norm(mentee[turn_i])
    q = _norm(quote)
    q_at = turn.find(q) if turn.find(q) >= 0 else max(0, end - len(q))
    nxt = _next_sentence(turn, end)
    kind = (item.get("kind") or "").lower()
    text = item.get("text", "") or ""

    if _INJECTION.search(q):
        return "unsupported", "an injection, not the mentee's view"
    if _PLEA.search(q) and kind != "open_question":
        return "unsupported", "a plea for advice, not a motive"
    if _REVERSAL_IN.search(q) or (nxt and _REVERSAL_NEXT.search(nxt)):
        return "unsupported", f"reversed: {(nxt or q)[:60]!r}"

    mot = _item_motivation(item) if kind in ("motivation", "bedrock", "passion", "influence_authority") else None
    cues = MOTIVATION_CUES.get(mot or "", frozenset())
    if not scorers.content_words(q):
        return "unsupported", f"the quote says nothing on its own: {q[:40]!r}"
    # the item's own claim, without the mentee's words it may embed ("Your energy rose here: “...”")
    claim = _QUOTED_IN_ITEM.sub(" ", text)
    embeds = bool(_QUOTED_IN_ITEM.search(text))
    item_bag = scorers.lemma_bag([claim])
    content = set(scorers.content_words(q))
    words_at = [(m.group(0), m.start()) for m in re.finditer(r"[a-z0-9]+(?:'[a-z]+)?", q.lower())]
    hits = _cue_hits(q, cues) if cues else []
    overlap = [(w, at) for w, at in words_at if w in content and scorers.lemmas(w) & item_bag]
    carriers = hits + overlap
    if carriers:
        live = [(w, at) for w, at in carriers if not _negated(turn, q_at + at, w)]
        if not live:
            return "unsupported", f"denied or ranked second: {carriers[0][0]!r}"
        mine = [(w, at) for w, at in live if not _someone_elses(turn, q_at + at)]
        if not mine:
            return "unsupported", "someone else's want or thing"
        hits = [x for x in hits if x in mine]
        overlap = [x for x in overlap if x in mine]
    if kind == "goal":
        if _HYPOTHETICAL.search(q):
            return "unsupported", "a hypothetical, not a goal"
        wish = bool(_KIND_CUES["goal"].search(q) or re.search(r"\bapplying\b|\bthinking\b", q, re.IGNORECASE))
        if not overlap:
            return ("partly" if wish else "unsupported"), "the goal's words are not in the quote"
        return ("supported", "") if wish else ("partly", "no wish in the quote")
    if kind in ("motivation", "influence_authority"):
        if _HYPOTHETICAL.search(q):
            return "partly", "a hypothetical"
        if hits:
            return "supported", ""
        if overlap:
            return "partly", f"no {mot or 'motivation'} cue in the quote"
        return "unsupported", f"nothing in the quote backs {mot or 'it'}"
    if kind in ("passion", "experiment"):
        # the claim is the energy or the plan itself: its cue must be in the quote
        if _KIND_CUES[kind].search(q):
            return "supported", ""
        return "unsupported", f"no {kind} in the quote"
    if kind in _KIND_CUES:  # bedrock, open_question
        cue = _KIND_CUES[kind].search(q) or (nxt and kind == "bedrock" and _KIND_CUES[kind].search(nxt))
        content_ok = bool(hits or overlap or embeds)
        if content_ok and cue:
            return "supported", ""
        if content_ok or cue:
            return "partly", f"weak {kind} evidence"
        return "unsupported", "nothing in the quote backs it"
    return ("supported", "") if overlap or hits else ("unsupported", "nothing in the quote backs it")


def check_item(item: dict[str, Any], mentee: Sequence[str]) -> ItemSupport:
    quotes = [(q.get("text") if isinstance(q, dict) else q) or "" for q in item.get("quotes") or []]
    res = ItemSupport(kind=item.get("kind", "") or "", text=item.get("text", "") or "", quotes=quotes, verdict="unsupported")
    if not quotes:
        res.reasons.append("no quote")
        return res
    best = "unsupported"
    for q in quotes:
        verdict, why = _quote_verdict(item, q, mentee)
        if why:
            res.reasons.append(why)
        if _RANK[verdict] > _RANK[best]:
            best = verdict
    res.verdict = best
    if best == "supported":
        res.reasons = []
    return res


# ============================================================================ one summary


#: Which item kinds satisfy each `meta.summary` requirement.
REQUIRED_KINDS = {
    "goals": ("goal",),
    "motivations": ("motivation", "bedrock", "passion", "influence_authority"),
    "bedrock": ("bedrock",),
}


@dataclass(slots=True)
class SummaryCheck:
    items: list[ItemSupport] = field(default_factory=list)
    omissions: list[str] = field(default_factory=list)  # "goals: /staff/" nobody item matched
    forbidden: list[str] = field(default_factory=list)  # "must_not /.../: the item line"

    def to_dict(self) -> dict[str, Any]:
        return {"items": [i.to_dict() for i in self.items], "omissions": self.omissions, "forbidden": self.forbidden}


def _items_of(summary: dict[str, Any] | None) -> list[dict[str, Any]]:
    if not summary:
        return []
    items = summary.get("items", summary) if isinstance(summary, dict) else summary
    return [i for i in items or [] if isinstance(i, dict) and (i.get("status") or "proposed") != "rejected"]


def check_summary(summary: dict[str, Any] | None, mentee: Sequence[str], spec: dict[str, Any] | None = None) -> SummaryCheck:
    """Support per item, then the spec's required and forbidden content."""
    items = _items_of(summary)
    out = SummaryCheck(items=[check_item(i, mentee) for i in items])
    if spec:
        lines = [(i.get("kind", ""), haystack(i)) for i in items]
        for key, kinds in REQUIRED_KINDS.items():
            for rx in spec.get(key) or []:
                if not any(k in kinds and re.search(rx, line, re.IGNORECASE) for k, line in lines):
                    out.omissions.append(f"{key}: /{rx}/")
        for rx in spec.get("must_not") or []:
            for _, line in lines:
                if re.search(rx, line, re.IGNORECASE):
                    out.forbidden.append(f"/{rx}/: {line[:160]}")
    return out


def summary_metrics(checks: Sequence[SummaryCheck]) -> dict[str, float]:
    items = [i for c in checks for i in c.items]
    n = len(items)
    return {
        "summary_items": float(n),
        "summary_supported": sum(i.verdict == "supported" for i in items) / n if n else 0.0,
        "summary_partly": sum(i.verdict == "partly" for i in items) / n if n else 0.0,
        "summary_unsupported": sum(i.verdict == "unsupported" for i in items) / n if n else 0.0,
        "summary_omissions": float(sum(len(c.omissions) for c in checks)),
        "summary_forbidden": float(sum(len(c.forbidden) for c in checks)),
        "sessions_with_omissions": float(sum(bool(c.omissions) for c in checks)),
    }
