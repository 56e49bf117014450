"""Text helpers every scorer shares: a regex sentence splitter, tokens, quoted spans, stopwords, the
words a reflection may add, motivation cues, and lemmas (lemminflect). Independent of the coach's own
text handling (pysbd, spaCy), so a scorer never agrees with the coach by sharing its mistakes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

# Quoted spans are the mentee's own words played back verbatim; rules about the coach's voice skip them.
_QUOTED = re.compile(r"\"[^\"]{1,300}\"|“[^”]{1,300}”|(?<![a-z])'[^']{3,200}'(?![a-z])", re.IGNORECASE)

_SENT_END = re.compile(r"(?<=[.!?…])[\"”')\]]*\s+(?=[\"“'(\[]?[A-Z0-9])|\n+")

_DASHES = re.compile(r"\s+[—–-]\s+")


def normalize(text: str) -> str:
    return (
        text.replace("’", "'").replace("‘", "'").replace("`", "'").replace("\u00a0", " ").strip()
    )


def sentences(text: str) -> list[str]:
    """Split into sentences (a regex splitter: independent of the coach's pysbd use)."""
    text = normalize(text)
    out = []
    for part in _SENT_END.split(text):
        part = part.strip()
        if part:
            out.append(part)
    return out


def tokens(text: str) -> list[str]:
    return _WORD.findall(normalize(text).lower())


def quoted_spans(text: str) -> list[str]:
    return [m.group(0)[1:-1] for m in _QUOTED.finditer(normalize(text))]


#: What a quoted span becomes when a sentence is coded: a word no rule reads as a verb or a fact
#: ("QUOTE" was read as the imperative "quote" when a line opened with the mentee's words).
QUOTE_PLACEHOLDER = "QUOTED"


def without_quotes(text: str) -> str:
    return _QUOTED.sub(f" {QUOTE_PLACEHOLDER} ", normalize(text))


STOPWORDS = frozenset(
    """
a about above after again against all also am an and any are aren't as at be because been before being
below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down
during each even ever every few for from further get gets got had hadn't has hasn't have haven't having he
he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is
isn't it it's its itself just let's like me more most much must mustn't my myself no nor not now of off on
once only or other ought our ours ourselves out over own quite rather really same say says said she she'd
she'll she's should shouldn't so some such than that that's the their theirs them themselves then there
there's these they they'd they'll they're they've this those through to too under until up upon us very
was wasn't we we'd we'll we're we've were weren't what what's when when's where where's which while who
who's whom why why's will with won't would wouldn't yet you you'd you'll you're you've your yours yourself
yourselves whose yeah yes ok okay oh well maybe perhaps probably guess honestly actually basically kind sort
lot lots thing things something someone somebody anything everything nothing way ways bit little one
ones back still already though although however else many much ever never always sometimes often
going gonna wanna want wants wanted im ive id dont cant wont isnt thats theres whats everyone everybody
anyone anybody nobody noone somewhere anywhere everywhere definitely certainly totally pretty
""".split()
)

#: Words a reflection may add without putting words in the mentee's mouth: the seed's motivation names
#: and their plain synonyms, common feeling words, and the framing every reflective listener uses.
MOTIVATION_WORDS = frozenset(
    """
influence impact shape shaping say voice direction difference decide decision decisions control
authority charge lead leading leader power responsibility title status recognition recognised recognized
acknowledged acknowledgement appreciation appreciated valued value seen noticed respect respected prestige
credit visible growth grow growing learn learning mastery master stretch challenge challenged better
expert skill skills craft autonomy freedom free independence independent own ownership choose choice
trusted trust meaning meaningful matter matters purpose worthwhile useful help helping difference mission
believe compensation money pay paid salary earn earning security safe safety secure family provide
stability next rung ladder step level promotion path default climbing
""".split()
)

FEELING_WORDS = frozenset(
    """
feel feels feeling felt frustrated frustrating frustration angry anger annoyed furious upset hurt stung
sad disappointed tired exhausted drained burned bored boring restless stuck lost anxious worried scared
afraid nervous stressed overwhelmed proud excited energised energized alive happy glad relieved calm
content satisfied fulfilled empty flat invisible guilty ashamed embarrassed torn unsure uncertain
curious hopeful lonely alone unappreciated undervalued pulled drawn lights light excitement energy
passion passionate love loves enjoy enjoys
""".split()
)

FRAMING_WORDS = frozenset(
    """
sounds sound seems seem hear hearing heard notice noticing noticed picture imagine imagining part
underneath beneath deeper deep runs run true truer core need needs important care cares mean means
less rather whole really day days work job role people others right now moment time kind sense
tell told talk talking talked describe put words where whose idea ideas pulls pull draws draw appeal
appeals gives give would make makes matter best side thread clear clearer comes come came wish hope
someone somewhere here heard picture pictures picturing thinking think thought speak spoke mentioned
mention said say saying words word describe described name naming wonder wondering know knowing
around change changed changing tone judge bigger smaller hand shift shifted different difference
question questions answer answers sit sits land lands fit fits ring rings close accurate fair heart
""".split()
)

ALLOWED_NEW = MOTIVATION_WORDS | FEELING_WORDS | FRAMING_WORDS

#: Words that, in the mentee's mouth, point at one motivation: a quote backs a motivation item when it
#: carries one of its cues. Written for the evals, apart from the analyzer's own exemplars.
MOTIVATION_CUES: dict[str, frozenset[str]] = {
    k: frozenset(v.split())
    for k, v in {
        "influence": "influence impact shape say voice direction decide decision decisions idea ideas listen "
                     "listened asks ask opinion persuade convince adopt adopted architecture roadmap strategy "
                     "change culture consulted input",
        "authority": "charge boss control decide decides decision final call authority manage manager managing "
                     "team report reporting reports run running lead leading command power hire approve",
        "recognition": "recognition recognised recognized credit seen notice noticed appreciated appreciate "
                       "valued thanked thank title status prestige known famous respect respected proud name "
                       "slide visible award cite cited taken seriously",
        "growth": "learn learning grow growing growth master mastery better expert hard hardest challenge "
                  "challenged stretch bored boring restless puzzle new skill skills improve study craft sharp",
        "autonomy": "freedom free own decide choose choice trusted trust independent independence alone "
                    "micromanage micromanagement calendar hours remote flexible way contracting freelance "
                    "myself studio company",
        "meaning": "matter matters meaning meaningful help helping helped people difference mission purpose "
                   "believe good world sick patients charity worthwhile useful care everyone fair",
        "compensation": "money pay paid salary earn earning raise rent bonus rich afford family kids safe "
                        "security secure savings mortgage house equity rate rates financial worth",
        "next_rung": "next step ladder rung level promotion promoted senior staff principal lead guess suppose "
                     "default track climb climbing title up",
    }.items()
}


@lru_cache(maxsize=20000)
def lemmas(word: str) -> frozenset[str]:
    """The word, its crude stem and its lemmas (lemminflect ships its data in the wheel)."""
    word = word.lower().strip("'")
    forms = {word, _stem(word)}
    try:
        from lemminflect import getAllLemmas, getAllLemmasOOV
    except ImportError:  # pragma: no cover - lemminflect is a core dependency
        return frozenset(forms)
    found = getAllLemmas(word)
    if not found:
        found = {**getAllLemmasOOV(word, upos="VERB"), **getAllLemmasOOV(word, upos="NOUN")}
    for lem in found.values():
        forms.update(x.lower() for x in lem)
    forms.update(_stem(f) for f in list(forms))
    return frozenset(forms)


def _stem(word: str) -> str:
    for suffix in ("ational", "ation", "ness", "ment", "ingly", "edly", "ing", "ies", "ied", "ers",
                   "er", "ed", "ly", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                word += "y"
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]  # running -> runn -> run
    return word


def content_words(text: str) -> list[str]:
    out = []
    for t in tokens(text):
        if t.endswith("'s"):
            t = t[:-2]
        if t not in STOPWORDS and not t.isdigit() and len(t) > 1:
            out.append(t)
    return out


def lemma_bag(texts: Iterable[str]) -> set[str]:
    bag: set[str] = set()
    for t in texts:
        for w in content_words(t):
            bag |= lemmas(w)
    return bag


def _known(word: str, bag: set[str]) -> bool:
    return bool(lemmas(word) & bag)
