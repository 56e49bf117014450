"""The independent rules for judgment: evaluative words aimed at the mentee or their goal, praise and
confrontation, and verdicts on the mentee as the head of a clause ("You're too hard on yourself").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from evals.scorers._framing import _LEAD_IN, _mentee_said, _played_back
from evals.scorers._text import _known, content_words, without_quotes

POSITIVE_EVAL = frozenset(
    """
great good excellent fantastic wonderful brilliant amazing awesome smart wise perfect impressive admirable
inspiring right correct sensible reasonable realistic solid healthy noble terrific commendable courageous
brave achievable doable ideal clever lovely superb outstanding strong valid real mature ambitious nice
""".split()
)

NEGATIVE_EVAL = frozenset(
    """
bad terrible awful unrealistic naive naïve selfish greedy shallow silly stupid foolish crazy wrong mistake
risky reckless irresponsible arrogant lazy unwise premature weak petty childish ridiculous pointless
dumb delusional entitled impractical misguided overambitious disloyal poor waste unlikely strange small
odd weird modest
""".split()
)

_TARGET = (
    r"(?:(?:that|this|the|your) (?:goal|plan|idea|choice|decision|dream|ambition|reason|answer|call|instinct|"
    r"approach|thinking|move)|that|this|it|which|those|these)"
)

_EVAL_AFTER = re.compile(
    _TARGET + r"(?:'s| is| are| was| sounds| seems| looks| feels| would be| will be)(?: like)?(?: (?:a|an))?"
    r"((?: (?:really|very|so|truly|pretty|quite|totally|incredibly|super|bit|little|such|genuinely|"
    r"absolutely|definitely|too|a|an))*) (\w+)(?=$|[\s.,!?;:—-]*(?:$|goal|idea|plan|choice|call|move|decision|"
    r"step|thing|way|approach|reason|instinct|dream|to want|of you|for you|to me|as a|in this|[.,!?;:—-]))",
    re.IGNORECASE,
)

_EVAL_BEFORE = re.compile(
    r"(?:^|,\s*|\b(?:what an?|such an?|an?|the|that's an?|that's the|that is an?|that is the|i love that|"
    r"(?:those|these|they) are|"
    r"i like that)\s+)(?:really |very |truly |pretty |rather |quite |bit of a )?(\w+)\s+"
    r"(goal|idea|plan|choice|decision|ambition|dream|move|call|instinct|reason|thing to want|way to see it|"
    r"opportunity|priorities|fit|aim|target)\b(?! (?:might|would|could|will) be to| is to)",
    re.IGNORECASE,
)

_EVAL_TOO = re.compile(
    _TARGET + r"(?:'s| is| seems| sounds| looks)(?: like)?(?: \w+)? too (\w+)\b", re.IGNORECASE
)

_EVAL_NOUN = re.compile(
    r"\b(?:a|an|the) (?:waste|mistake|pipe dream|cop-out|excuse|red flag|long shot|no-brainer|step backwards|"
    r"step down|dead end)\b|\bi love that (?:goal|idea|plan)\b|\bnot a real (?:goal|plan|reason)\b",
    re.IGNORECASE,
)

_PRAISE_YOU = re.compile(
    r"\b(?:good for you|well done|nice work|great job|good job|i'm (?:so |really )?proud of you|"
    r"congrat\w*|you've got this|you deserve (?:it|this|more|better)|you(?:'d| would) (?:be|make) (?:a )?"
    r"(?:great|good|fantastic|excellent|amazing)|you(?:'re| are) (?:clearly |obviously |definitely |so |"
    r"really )?(?:right(?! (?:at|in|on|there|here|now|where|back|next|behind|by|around|between)\b)|wrong|smart|"
    r"talented|brilliant|ready|not ready|naive|overthinking|too \w+|being "
    r"(?:too|silly|unrealistic|dramatic|greedy|selfish|naive|hard)))",
    re.IGNORECASE,
)

_CONFRONT = re.compile(
    r"\b(?:are you sure|be realistic|come on|that doesn't make sense|you can't (?:really )?expect|"
    r"that's not how|you're kidding yourself|get over it|stop (?:being|worrying|complaining|overthinking)|"
    r"let's be honest|the reality is|grow up|you need to face|face it|can't see (?:that|it|this) (?:working|happening)|"
    r"(?:your|that|this|the) (?:plan|goal|choice|decision|idea|thinking) makes? "
    r"(?:total |perfect |complete |a lot of |good )?sense|"
    r"(?:not )?(?:ambitious|big|realistic|good|serious|bold) enough(?: for you)?)\b",
    re.IGNORECASE,
)

_NEGATION = re.compile(r"\b(?:not|n't|nothing|never|no|none|neither|hardly|without)\b", re.IGNORECASE)

JUDGMENT_FORMS: dict[str, list[str]] = {
    # praise for the question or the way of seeing it: "Great question!", "Such a smart way to look at it"
    "praise_question": [
        r"\b(?:great|good|excellent|fantastic|wonderful|thoughtful|brilliant|smart|insightful|amazing|lovely|"
        r"terrific) question\b|\bi love (?:this|that|your|the) question\b",
        r"\b(?:smart|great|good|wise|mature|healthy|fantastic|brilliant|positive|excellent) (?:way (?:to|of) "
        r"(?:look|see|think)\w*|mindset|attitude|perspective|outlook)\b",
    ],
    # the coach's approval of what the mentee does: "I admire your ambition", "Glad to see you taking this on"
    "approval": [
        r"\bi (?:really |truly |so |just )?(?:admire|love|respect|applaud) (?:your|how|that you|the way you)\b",
        r"\bi(?:'m| am) (?:so |really |very |truly |genuinely )?(?:impressed|proud|inspired|amazed)\b",
        r"\b(?:glad|happy|thrilled|pleased|delighted|excited) to see\b",
        r"\b(?:glad|happy|thrilled|pleased|delighted) (?:that )?you(?:'re| are) "
        r"(?!telling|sharing|talking|asking|saying|bringing|opening)\w+ing\b",
        r"\bit(?:'s| is) (?:really |so |truly |just )?(?:great|wonderful|good|impressive|admirable|amazing|"
        r"fantastic|inspiring|awesome|brilliant|refreshing|encouraging|commendable|lovely) (?:how\b|to see\b|"
        r"that you(?! (?:told|shared|said|brought|asked|came|reached)))",
        r"^sounds like a (?:\w+ )?plan\s*[.!]*$|\b(?:great|good|nice|amazing|excellent|fantastic) (?:work|job)\b",
    ],
    # verdicts on the mentee's traits: "You have so much potential", "Your curiosity is one of your best qualities"
    "traits": [
        r"\byou (?:clearly |really |obviously |certainly |definitely )?have (?:so much|a lot of|lots of|such|"
        r"real|great|huge|tons of|incredible|amazing|a real|a natural) (?:\w+ )?(?:talent|potential|skills?|"
        r"ability|abilities|drive|promise|gift|knack|instincts)\b|\byou (?:clearly |really |obviously )?have (?:a|an) "
        r"(?:real |natural |rare )?(?:gift|knack|talent|eye|flair) for\b",
        r"\byour \w+(?: \w+){0,3} (?:is|are) (?:truly |really |so |very |clearly |absolutely )?(?:inspiring|"
        r"admirable|impressive|remarkable|amazing|commendable|outstanding|one of your (?:best|greatest|strongest))\b",
        r"\bshines? through\b",
        r"\byou (?:sound|seem|look) like (?:exactly |just )?(?:the (?:kind|type|sort) of (?:person|leader|engineer|"
        r"manager)|a (?:natural|born|great|good|strong|real))\b",
        r"\byou(?:'re| are) (?:obviously|clearly|definitely|certainly|truly) (?:someone|a person|the kind|the type|"
        r"one of)\b",
    ],
    # verdicts on what the mentee did or means to do: "What you did was right", "Leaving seems wise"
    "acts": [
        r"^\w+ing\b(?: [\w']+){0,4}? (?:is|seems|sounds|looks|would be)(?: like)?(?: (?:a|an|the|really|very|so|"
        r"pretty|quite|totally))* (?:" + "|".join(sorted(POSITIVE_EVAL | NEGATIVE_EVAL)) + r")"
        r"(?=\s*(?:$|[.,!?;:—-]|(?:move|call|idea|choice|plan|step|decision|option|thing|way)\b))",
        r"^what you (?:did|said|chose|decided|wrote|told)\b[^.?!]{0,30}? (?:was|is|were) (?:\w+ )?(?:right|wrong|"
        r"brave|smart|wise|great|good|bad|brilliant|courageous|a mistake|the right|the wrong)\b",
        r"^you (?:did|made|took|chose|picked) (?:the|a) (?:right|wrong|smart|good|brave|best|great|bad|wise) "
        r"(?:thing|call|choice|decision|move|step)\b",
        r"^you handled (?:\w+ ){0,3}?(?:really |so |very |pretty )?(?:well|badly|poorly|perfectly|beautifully|"
        r"brilliantly)\b",
        r"^you (?:don't|do not|never) (?:really )?know how to\b",
    ],
    # predictions and promises: "You'll be a fantastic leader", "Everything is going to work out"
    "prediction": [
        r"^you(?:'ll| will|'re going to| are going to)\s+(?:\w+\s+)?(?:be|make|get|go|succeed|crush|nail|land|"
        r"thrive|excel|become)\b",
        r"\bi(?:'m| am) (?:so |really |absolutely |quite )?(?:sure|certain|confident|positive|convinced)(?: that)? "
        r"(?:you(?:'ll| will|'re going to)|your [\w ]{1,30}? will|it(?:'ll| will)|everything|things will|"
        r"they(?:'ll| will))",
        r"\bi have no doubt\b|\bi bet (?:you|your|they|it)\b|,\s*no question\b|\bi promise\b|"
        r"\bbefore you know it\b|\bmark my words\b",
        r"\b(?:will|'ll|(?:is|are|'s|'re) (?:all )?going to) (?:definitely |surely |certainly |eventually |all |soon )?"
        r"(?:work out|pay off|fall into place|come together|come pouring in|be recogni[sz]ed|be rewarded)\b",
        r"\bwill (?:definitely|certainly|surely|undoubtedly|absolutely)\b",
        r"\b(?:once|as soon as) you [^,?]{1,40}, [^.?!]*\b(?:will|'ll)\b",
    ],
}

_JUDGMENT_FORMS = [(name, re.compile(p, re.IGNORECASE)) for name, ps in JUDGMENT_FORMS.items() for p in ps]

# "You're right.", "You're not very good with conflict", "You're too hard on yourself": a verdict on the
# mentee as the head of a clause.
_YOU_ARE = re.compile(
    r"^you(?:'re| are| were|'ve been| seem| sound| look)(?: like)?((?:\s+(?:so|very|really|truly|clearly|"
    r"obviously|definitely|such|just|exactly|not|as|too|a|an|being|doing|much|of|quite|pretty|incredibly|"
    r"absolutely|genuinely|always|naturally))*)\s+([\w-]+)(?:\s+(\w+))?",
    re.IGNORECASE,
)

_VERDICT_EXTRA = frozenset(
    "talented gifted rockstar star natural capable unstoppable master expert genius legend".split()
)

_NOT_A_VERDICT_AFTER_RIGHT = frozenset(
    "at in on there here now where back next behind by around between up out into through".split()
)

# Opinion lead-ins that leave the verdict at the head of its clause ("Honestly, I think you're right").
_OPINION_LEAD = re.compile(
    r"^(?:(?:honestly|clearly|obviously|frankly|wow|oh|well|and|but|so|trust me|to be honest|i think|i believe|"
    r"i can tell|i know|i must say|i have to say|i'm sure|i feel like)[,!]?\s+)+",
    re.IGNORECASE,
)

_CLAUSE = re.compile(r",\s+|;\s+|:\s+|\s+[—–]\s+")


def _clauses(s: str) -> list[str]:
    return [_OPINION_LEAD.sub("", c.strip()) for c in _CLAUSE.split(s) if c.strip()]


def _judgment_forms(s: str, mentee_texts: Sequence[str]) -> list[str]:
    out = []
    core = _LEAD_IN.sub("", s).strip()
    for name, pat in _JUDGMENT_FORMS:
        anchored = pat.pattern.startswith("^")
        for clause in (_clauses(core) if anchored else [core]):
            m = pat.search(clause)
            if m and not _played_back(core, core.find(clause) + m.start(), judgment=True) \
                    and not _mentee_said(clause, m, mentee_texts):
                out.append(f"{name}: {m.group(0).strip()}")
                break
    for clause in _clauses(core):
        m = _YOU_ARE.match(clause)
        if not m:
            continue
        mods, word, nxt = m.group(1).lower().split(), m.group(2).lower(), (m.group(3) or "").lower()
        if (word == "right" and nxt in _NOT_A_VERDICT_AFTER_RIGHT) or word == "the":
            continue  # "You're right in the middle of it"; "you're the expert on your own life" hands it back
        if not ("too" in mods or word in POSITIVE_EVAL or word in NEGATIVE_EVAL or word in _VERDICT_EXTRA
                or nxt in ("expert", "master", "genius", "natural") or (word, nxt) == ("hard", "worker")):
            continue
        if _played_back(core, core.find(clause), judgment=True) or _mentee_said(clause, m, mentee_texts):
            continue
        out.append(f"verdict: {m.group(0).strip()}")
        break
    return out


def _judgment_in(sentence: str, mentee_bag: set[str], mentee_texts: Sequence[str] = ()) -> list[str]:
    s = without_quotes(sentence)
    reasons: list[str] = _judgment_forms(s, mentee_texts)
    for m in _EVAL_AFTER.finditer(s):
        adj = m.group(2).lower()
        window = s[max(0, m.start() - 25) : m.end()]
        negated = bool(_NEGATION.search(m.group(1) or "")) or bool(_NEGATION.search(window[: len(window) - len(m.group(0)) + 25]))
        if adj in POSITIVE_EVAL or adj in NEGATIVE_EVAL:
            if _known(adj, mentee_bag):
                continue  # the mentee's own word, played back ("it feels shallow to you")
            if adj in NEGATIVE_EVAL and negated:
                continue  # "there's nothing shallow about that" takes the shame out; it is not a verdict
            if not _played_back(s, m.start(), judgment=True):
                reasons.append(m.group(0).strip())
    for m in _EVAL_BEFORE.finditer(s):
        adj = m.group(1).lower()
        if (adj in POSITIVE_EVAL or adj in NEGATIVE_EVAL) and not _known(adj, mentee_bag):
            before = s[max(0, m.start() - 20) : m.start()]
            if adj in NEGATIVE_EVAL and _NEGATION.search(before):
                continue
            if not _played_back(s, m.start(), judgment=True):  # "You wonder if you made the right call"
                reasons.append(m.group(0).strip())
    for m in _EVAL_TOO.finditer(s):
        if not _known(m.group(1), mentee_bag):
            reasons.append(m.group(0).strip())
    m = _EVAL_NOUN.search(s)
    if m and not all(_known(w, mentee_bag) for w in content_words(m.group(0)) or ["_"]):
        before = s[max(0, m.start() - 20) : m.start()]
        if not _NEGATION.search(before):
            reasons.append(m.group(0).strip())
    for pat in (_PRAISE_YOU, _CONFRONT):
        m = pat.search(s)
        if m and not all(_known(w, mentee_bag) for w in content_words(m.group(0)) or ["_"]) \
                and not _played_back(s, m.start(), judgment=True):  # "Part of you worries you're too soft"
            reasons.append(m.group(0).strip())
    return reasons
