"""Small, offline language helpers for playing the mentee's words back.

- `swap_pronouns` turns the mentee's first person into the coach's second person ("I want my
  team" -> "you want your team") and back ("your job" -> "my job").
- `trim_hedges` drops fillers ("I think", "honestly", "kind of") so a reflection is crisp without
  changing what was said.
- `gerund` turns a verb phrase into a noun phrase ("run the platform team" -> "running the
  platform team"), via lemminflect whose data ships in the wheel.
- `sentences` splits with pysbd (rule-based, offline).
"""

from __future__ import annotations

import re
from functools import lru_cache

from coach import lexicon

_SWAP = {
    "i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself",
    "am": "are", "i'm": "you're", "im": "you're", "i've": "you've", "i'd": "you'd", "i'll": "you'll",
    "we": "you", "us": "you", "our": "your", "ours": "yours", "ourselves": "yourselves",
    "we're": "you're", "we've": "you've", "we'd": "you'd", "we'll": "you'll",
    "your": "my", "yours": "mine", "yourself": "myself",
    "you're": "I'm", "you've": "I've", "you'll": "I'll", "you'd": "I'd",
}
_GENERIC_YOU = frozenset({"you're", "you've", "you'll", "you'd", "your"})
# After "I" the past of "be" is "was"; after "you" it is "were".
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?|[^A-Za-z]+")
_SUBJECT_BEFORE_VERB = {"i", "we"}


_I_FORMS = frozenset({"i", "i'm", "i've", "i'd", "i'll", "im", "ive", "id"})


def _match_case(src: str, dst: str) -> str:
    if src.isupper() and len(src) > 1 and src.lower() != "i":
        return dst.upper()
    if src[0].isupper() and src.lower() not in _I_FORMS:  # "I'm" is capital for being "I", not for starting a sentence
        return dst[0].upper() + dst[1:]
    return dst


# someone else's words quoted after a verb of saying ("the kid who says 'I'm just thick at maths'"): their "I"
_SAID_QUOTE = re.compile(r"""\b(?:says|said|say|goes|went|asks|asked|tells me|told me|like|posting|posts|posted|writes|wrote|writing|tweets|tweeted|texted|texts|emailed|calls? (?:it|me|this)|called (?:it|me|this)|it's|it is|as),?\s+(?P<q>"[^"]{2,80}"|“[^”]{2,80}”|'(?:[^']|'(?=[a-z]))+'(?![a-z]))""", re.I)


def swap_pronouns(text: str) -> str:
    """Mirror first and second person. "you" itself stays "you" unless it clearly means the coach
    as an object ("help you" stays ambiguous, so we leave it); callers avoid clauses aimed at the coach.
    Someone else's words quoted after "says" keep their own pronouns."""
    held = list(_SAID_QUOTE.finditer(text))
    if held:
        parts, at = [], 0
        for m in held:
            parts += [_swap(text[at:m.start("q")]), m.group("q")]
            at = m.end("q")
        return "".join(parts) + _swap(text[at:])
    return _swap(text)


def _swap(text: str) -> str:
    if not text:
        return text
    from coach.spelling import tidy

    tokens = _WORD.findall(tidy(text).replace("’", "'"))
    out: list[str] = []
    prev_word = prev2 = ""
    for tok in tokens:
        low = tok.lower()
        if not tok[0].isalpha():
            out.append(tok)
            continue
        if low == "am" and prev_word != "i":
            rep = tok  # "2am", "6 am": a time, not "I am"
        elif tok == "US" and not text.isupper():
            rep = tok  # "US 2 between havre and chinook": a road or a country, not "us" (it was "YOU 2")
        elif low == "was" and (prev_word in _SUBJECT_BEFORE_VERB or prev2 in _SUBJECT_BEFORE_VERB and prev_word.endswith("ly")):
            rep = "were"
        elif low == "wasn't" and (prev_word in _SUBJECT_BEFORE_VERB or prev2 in _SUBJECT_BEFORE_VERB and prev_word.endswith("ly")):
            rep = "weren't"
        elif low in _GENERIC_YOU and prev_word in ("when", "if", "whenever", "once", "until", "unless", "where", "because", "cos", "what", "who", "how"):
            rep = tok  # "not being alone when you're scared": the generic "you", not the coach
        elif low in _SWAP:
            rep = _SWAP[low]
        else:
            rep = tok
        out.append(_match_case(tok, rep) if rep is not tok else tok)
        prev2, prev_word = prev_word, low
    result = "".join(out)
    # "you" at the start of a sentence after swapping "I" keeps its capital only at sentence start.
    result = re.sub(r"(?<=[a-z,;] )You\b", "you", result)
    return re.sub(r"(?<=[.!?] )you\b", "You", result)


# "as good as I think", "better than I thought": here "I think" carries the meaning, it is no hedge
_COMPARED = re.compile(r"\b((?:as|than)\s+(?:\w+\s+){0,2}?)(i)\s+(think|thought|guess|suppose|expected)\b", re.IGNORECASE)
_REPEATED = re.compile(r"\b(\w+)(?:,\s*|\s+)\1\b", re.IGNORECASE)  # "really, really good" -> "really good"


def trim_hedges(text: str) -> str:
    out = _REPEATED.sub(r"\1", text)
    out = _COMPARED.sub(lambda m: f"{m.group(1)}{m.group(2)}\x00{m.group(3)}", out)
    for pat in lexicon.group("text", "hedges"):
        out = pat.sub("", out)
    out = re.sub(r"\s{2,}", " ", out).strip(" ,;-").replace("\x00", " ")
    return out


def strip_end(text: str) -> str:
    return text.strip().rstrip(".!?…;:, ").strip()


def lower_first(text: str) -> str:
    if not text:
        return text
    words = text.split(" ", 2)
    first = words[0]
    if first in {"I", "I'm", "I've", "I'd", "I'll"} or (len(first) > 1 and first.isupper()):
        return text
    if first.rstrip(".") in ("Mr", "Mrs", "Ms", "Miss", "Dr", "St") and len(words) > 1 and words[1][:1].isupper():
        return text  # "Mr Brightside", "Dr Patel": a name keeps its title
    return text[0].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _lemminflect_load() -> None:
    from lemminflect import getInflection

    getInflection("blorf", tag="VBG")  # loads the table, its overrides and the OOV model


def preload() -> None:
    """Load the data the helpers otherwise load on first use: the gerund table (coach/gerunds.py,
    a few ms; lemminflect itself, ~0.35 s, is loaded only for a verb the table lacks) and the
    pysbd segmenter. Without this the first turn that needs a gerund (a lottery or an
    advice-request reply naming the goal) paid for them.

    Through the warm-up hook (coach/warmup.py): at once by default, in the background while an
    interactive chat waits for the first message, or not at all for a scripted run that never
    needs a gerund. Errors are left for the first real use to raise, as before."""
    from coach import warmup

    warmup.register("language", _load)


def _load() -> None:
    from coach.gerunds import table

    table()
    _segmenter()


_AUX_VBG = {"be": "being", "have": "having", "do": "doing", "get": "getting", "go": "going"}  # auxiliaries the table lists apart


@lru_cache(maxsize=2048)
def _vbg(verb: str) -> str:
    from coach.gerunds import table

    known = table().get(verb.lower()) or _AUX_VBG.get(verb.lower())
    if known is not None:
        return known
    if verb.lower().endswith("ing") and len(verb) >= 5:
        return verb  # already a gerund ("being the boss"): never "beinging"
    # A verb lemminflect's table does not list: its out-of-vocabulary model decides. Loading it
    # from two threads at once is not safe, so one lock for it (coach/warmup.py).
    from coach import warmup

    warmup.register("lemminflect", _lemminflect_load)
    warmup.wait("lemminflect")
    from lemminflect import getInflection

    forms = getInflection(verb.lower(), tag="VBG")
    return forms[0] if forms else verb + "ing"


_DETERMINER = frozenset(
    "a an the more less some my your our their his her its this that these those enough much many no any every "
    "another other better bigger real proper".split())
_NOUN_PHRASE = re.compile(r"^\w+ (?:that|which|where|who) (?:\w+s|is|has|does|lets)\b", re.IGNORECASE)


def is_verb_phrase(phrase: str) -> bool:
    """'run the platform team' is; 'a role where I lead', 'more money', 'work that fits around school' are not."""
    first = phrase.strip().split(" ", 1)[0].lower() if phrase.strip() else ""
    return bool(first) and first not in _DETERMINER and not _NOUN_PHRASE.match(phrase.strip())


_PLACE_WORDS = frozenset({"home", "back", "here", "there", "abroad", "away", "overseas", "nearby", "upstairs", "downstairs"})


def gerund(verb_phrase: str) -> str:
    """'run the platform team' -> 'running the platform team'; 'be a lead' -> 'being a lead'. A noun
    phrase ('a role where I lead', 'work that fits around school') is returned as it is."""
    lead = _ADVERB_LEAD.match(verb_phrase.strip())
    if lead and lead.end() < len(verb_phrase.strip()):  # "always ask for more" -> "always asking for more"
        return lead.group(0) + gerund(verb_phrase.strip()[lead.end():])
    parts = verb_phrase.strip().split(" ", 1)
    if parts and parts[0].lower() in _PLACE_WORDS:
        return "being " + verb_phrase.strip()  # "(they want me) home" -> "being home", never "homing"
    if not parts or not parts[0] or not is_verb_phrase(verb_phrase):
        return verb_phrase
    from coach.gerunds import table

    if parts[0].lower() not in table() and parts[0].lower() not in _AUX_VBG and not parts[0].lower().endswith("ing"):
        return verb_phrase  # "money", "fairness": not verbs, never "moneying"
    head = _vbg(parts[0])
    rest = parts[1] if len(parts) > 1 else ""
    # "get to industry and be just as invisible" -> "getting to industry and being just as invisible"
    rest = re.sub(r"\b(and|or)\s+(be|have|get|feel|go|make|do|lose|end up|stay|keep|start|stop|earn|enjoy|relax|rest|travel|see|spend|learn|take|try|live|settle|retire)\b(?!\s+(?:is|are|was)\b)",
                  lambda m: m.group(1) + " " + _vbg(m.group(2).split()[0]) + m.group(2)[len(m.group(2).split()[0]):], rest)
    return head + (" " + rest if rest else "")


_ADVERB_LEAD = re.compile(r"^(?:(?:always|just|really|never|also|still|often|sometimes|actually|finally|eventually|"
                          r"simply|mostly|only|truly|even|ever|maybe|probably|rather)\s+)+", re.IGNORECASE)


_TIME_TAIL = re.compile(
    r"\s*(,\s*)?\b(one day|some ?day|eventually|in the (near |long )?(future|run)|(with)?in (the next )?(\d+|a|one|two|three|four|five|six|ten|a few|a couple of)( or \w+)? (years?|months?)|(with)?in the next (year|month|decade|few years|couple of years)( or \w+)?|by next year|next year|soon|at some point|down the (road|line)|long[- ]term)\b.*$",
    re.IGNORECASE,
)


def drop_time(text: str) -> str:
    return _TIME_TAIL.sub("", text).strip()


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def sentences(text: str) -> list[str]:
    """The sentences of `text` (a new list each call: callers may change it)."""
    text = text.strip()
    if not text:
        return []
    if len(text) < 80 and not re.search(r"[.!?].+\S", text):
        return [text]
    return list(_segment(text))


@lru_cache(maxsize=256)
def _segment(text: str) -> tuple[str, ...]:
    # pysbd takes ~1 ms a message, and one turn splits the same message several times (the
    # analyzer, then the offline voice's source sentence, simile and reflection steps).
    try:
        parts = _segmenter().segment(text)
    except Exception:  # noqa: BLE001 - pysbd can trip on odd unicode; a crude split loses nothing important
        parts = re.split(r"(?<=[.!?])\s+", text)
    # pysbd keeps "…of another man. I want my name on the door." together (it reads "man." as an
    # abbreviation): a full stop after a lower-case word, then a capital, ends a sentence unless the word
    # is a real abbreviation
    out: list[str] = []
    for p in parts:
        out += _split_missed(p)
    return tuple(p.strip() for p in out if p.strip())


# (and a lower-case writer's next sentence: "that's the bit I'd miss. being the one who's there.", "thats all it is. anyway
# tide waits for nobody", "then Gunnar trust
# me. that is the whole thing for me" — pysbd keeps it whole before some lower-case words and not others)
_MISSED_END = re.compile(r"\b([a-z]{2,}|I|[a-z]+'[a-z]+)([.!?])\s+(?=[A-Z]|(?:being|i|im|i'm|ive|i've|its|it's|thats|that's|theres|there's|never|my|that|this|not|no|he|she|they|we|it|but|so|and|then|because|which|when|if|you|nobody|everyone|anyway|anyhow|honestly|also|still|now|well|ok|okay|yeah|look|cheers|thanks)\b)")
_ABBREVIATIONS = frozenset("mr mrs ms dr st vs etc approx dept inc ltd co jr sr no fig prof".split())


def _split_missed(text: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for m in _MISSED_END.finditer(text):
        if m.group(1).lower() in _ABBREVIATIONS:
            continue
        if not text[m.end():m.end() + 1].isupper() and re.fullmatch(r"\W*(?:ok|okay|yeah|yes|no|so|right|well|hmm|um|lol|haha|sure|fine|and)",
                                                                   text[start:m.start(2)], re.I):
            continue  # "ok. not about promotion either": a lone "ok" before a lower-case sentence leads into it
        pieces.append(text[start:m.end(2)])
        start = m.end()
    pieces.append(text[start:])
    return [p for p in pieces if p.strip()]


def words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z']+", text.lower())


def quote(text: str, limit: int = 90) -> str:
    """A short verbatim excerpt, cut at a word boundary, for "you said '…'"."""
    t = " ".join(text.split())
    if len(t) <= limit:
        return strip_end(t)
    cut = t[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    # never end on a word that leads into what was cut ("…are you safe, is an…", "…the voice of the…")
    bare = _DANGLING.sub("", cut).rstrip(",;: ")
    if len(bare) >= limit // 2:
        cut = bare
    return cut + "…"


_DANGLING = re.compile(r"(?:[\s,;:]+(?:a|an|the|and|or|but|of|to|in|on|at|for|with|from|by|is|are|was|were|be|that|which|who|"
                       r"my|your|his|her|their|our|its|so|as|if|than|then|not|no|very|more|most|i|i'm|i'd|you|it))+$", re.I)


# A sentence that only qualifies the one before it — "Reactor or no reactor.", "doesnt matter if its a dog or a
# person or whatever", "More than the contract, more than the title.", "Home or field." — never the thing to say back
# or to hold up as a bedrock on its own (three of batch 12's blind-read replies were one of these).
QUALIFIER = re.compile(
    r"^\W*(?:(?:and|but|so)\s+)?(?:(?:it\s+)?(?:doesn'?t|doesnt|does not|don'?t|dont) matter (?:if|whether|what|which|who|where|how)\b[^.!?]*|"
    r"(?:\w+\s+){0,2}\w+ or no \w+(?:\s+\w+)?|(?:\w+\s+){0,2}\w+ or not(?: \w+){0,3}|(?:more|rather) than (?:the |my |a |any )?[\w-]+(?:\s*,\s*(?:more|rather) than (?:the |my |a |any )?[\w-]+)*|"
    r"(?:home|field|office|here|there|inside|outside) or (?:home|field|office|here|there|inside|outside)|any (?:\w+ )?or not(?: \w+)?|"
    r"(?:in )?any (?:job|role|work|field|industry|country|airline|company)(?: or not)?|wherever|whatever (?:the )?(?:job|role))"
    r"(?:\s*,?\s*(?:or whatever|really|though|tho|honestly|either way))?\W*$", re.I)
