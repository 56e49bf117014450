"""Reflections built from the mentee's own clause: hedges trimmed, pronouns swapped, goals turned into
noun phrases, the feeling or the motivation underneath named when the words show it.

These are the offline voice's general-purpose reflections; coach/realize/heard.py has the ones that
depend on what kind of thing was said (someone else's view, a denial, a fear, a comparison…).
"""

from __future__ import annotations

import re

from coach import language as L
from coach import lexicon
from coach.realize.compress import core
from coach.realize.cues import FIRST_PERSON as _FIRST_PERSON
from coach.realize.lines import Picker, voice
from coach.realize.pointed import pointed_reflection
from coach.realize.shapes import _LEAD_IN, _ONLY_THAT, _love_hate, is_irony, shaped, unsure_with
from coach.realize.source import (
    _ALREADY_NAMED,
    _BECAUSE,
    _BRUSH_OFF,
    _BUT,
    _DRAINED,
    _FEEL,
    _FELT_BAD,
    _FELT_GOOD,
    _FELT_POINTER,
    _HATE,
    _HEDGED,
    _INTRO,
    _KEPT_POINTER,
    _LACK,
    _LOVE,
    _MODAL,
    _NAMED_BAD,
    _NEED,
    _NEGATIVE,
    _NOT_A_FEELING,
    _NOT_LACK,
    _OBLIGATION,
    _ROLE_GOAL,
    _SECOND_PERSON,
    _SIMILE,
    _UNSEEN,
    _UNSURE,
    _WHETHER,
    LAYERED_AT,
    SORRY_ENGLISH,
    _clause,
    _content,
    _interjection_off,
    _object,
    _source_sentence,
    _with_simile,
    english_enough,
)
from coach.realize.wellformed import garbled
from coach.types import Analysis, Kind, Motivation, Move, Plan

_FINITE_VERB = re.compile(r"\b(?:is|was|are|were|'s|’s|has|had|have|do|does|did|will|would|can|could|said|says|broke|told|made|left)\b|n't\b", re.I)
_SETBACK = re.compile(r"^\W*(?:but\s+)?(?:i\s+)?(?:failed|didn'?t get|didn'?t pass|did not pass|got rejected|was rejected|got turned down|"
                      r"was turned down|never got|couldn'?t get)\b", re.I)
_ELLIPTIC_TO = re.compile(r"^\W*i\s+(?:really\s+|just\s+)?(?:don'?t|do not|didn'?t|won'?t|wouldn'?t|do|really)?\s*(?:want|need|have|like|plan|mean)\s+to\W*$", re.I)
_TO_VP = re.compile(r"\b(?:asked|told|want|wants|wanted|expects?|expected|invited|encouraged|pushing|pushed)\s+(?:me\s+)?to\s+(?P<vp>[a-z][^.!?,;]{3,60})", re.I)
# what follows a goal in the same sentence: its reason, or the catch ("…but my dad was a teacher and it broke him")
_GOAL_TAIL = re.compile(r"\b(?P<how>because(?: of)?|cos|coz|cause|bc|but)\s+(?P<x>(?!i don'?t know|idk|not sure|i'?m not sure)[^.!?]{6,90})", re.I)


def simple_reflection(a: Analysis, pick: Picker) -> str | None:
    """A reflection of the mentee's own clause; if it would read as advice in the coach's mouth (a
    fragment like "Give talks at NeurIPS."), their words are quoted instead."""
    from coach import guard

    refused = pick.refused
    r = _simple_reflection(a, pick)
    if r is None and pick.refused > refused:
        return whole_sentence(a, pick)  # every cut of their words came out garbled: one sentence of theirs, whole
    if r and not guard.check(r, mentee_text=a.text).ok:
        # one frame can read as an order where another doesn't ("So research — that's something you love" starts
        # like "Research that…"): the next frame once, before falling back to their words in quotes
        again = _simple_reflection(a, pick)
        if again and again != r and guard.check(again, mentee_text=a.text).ok:
            return again
        return quote_reflection(a, pick)
    return r


def quote_reflection(a: Analysis, pick: Picker) -> str | None:
    source = _source_sentence(a)
    if _SIMILE.match(source.strip()) and len(a.text) <= 100:
        source = a.text  # quotes stay verbatim: the whole message rather than a fragment leaning on the one before
    if not source or len(source.split()) < 2:
        return None
    whole = whole_sentence(a, pick)
    if whole or garbled(source):
        # one whole sentence of theirs, said back, reads as heard; "You used the words…" reads as a form being
        # filled (two blind reads named it); a cut fragment ("in my family") is no better in quotes
        return whole
    if re.search(r"\byou\s+(?:should|need to|have to|must|ought to|'d better|had better)\b", source, re.I):
        return None  # their generic "you need to…" inside the coach's quote marks still reads as an instruction
    return pick.line("reflect", "quote", quote=L.quote(source, 100))




def whole_sentence(a: Analysis, pick: Picker) -> str | None:
    """One whole English sentence of theirs, said back in the second person: what a reflection falls back on when
    the clause cut from it would read as garbled ("Bespoke trainee pay is less than the dry cleaner", never
    "And is less than the dry cleaner"). Their own sentences first; none that is a question, an order, another
    language or too long to say back."""
    from coach import guard

    best: tuple[int, str, bool] | None = None
    sentences = L.sentences(a.text)
    for k, sent in enumerate(sentences):
        s = L.strip_end(L.trim_hedges(re.sub(r"^\W*(?:and|but|so|or)\s+", "", _interjection_off(sent.strip()), flags=re.I)))
        n = len(s.split())
        if _FELT_POINTER.match(s) or _KEPT_POINTER.match(s) or L.QUALIFIER.match(s) or re.match(r"^\W*(?:that|this|it)(?:'s|’s| is) (?:the thing|it|the one)\b", s, re.I):
            continue  # "it pains me" points at the sentence before it; "reactor or no reactor" qualifies it
        pointed_at = k + 1 < len(sentences) and bool(_FELT_POINTER.match(_interjection_off(sentences[k + 1].strip())))
        if not 4 <= n <= (24 if pointed_at else 16) or sent.rstrip().endswith("?") or not english_enough(s) or garbled(s) or _SECOND_PERSON.search(s) \
                or SORRY_ENGLISH.fullmatch(sent.strip()):
            continue
        swapped = L.lower_first(L.swap_pronouns(s))
        if _OBLIGATION.search(swapped) or not guard.check(L.upper_first(swapped) + ".", mentee_text=a.text).ok:
            continue
        ours = bool(_FIRST_PERSON.search(s))
        rank = (2 if ours else 1) * 100 - abs(n - 9) - (150 if _INTRO.match(sent) else 0) + (60 if pointed_at else 0)  # who they are comes last
        if best is None or rank > best[0]:
            best = (rank, swapped, ours)
    if best is None:
        return None
    return pick.line("reflect", "plain" if best[2] else _third(best[1]), clause=best[1])


# "dunno. 34 year on the tools", "22 years in": a working life said as a number, with nothing else in the message
_YEARS_ON = re.compile(r"^\W*(?:(?:dunno|idk|i dunno|don'?t know|well|ok|yeah)\W+)?(?P<n>\d{1,2})\s+(?:years?|yrs?)\s+(?P<x>(?:on|in|at|with|as|doing|behind|under)\b[^.!?,]{0,40}?)\W*$", re.I)


def years_on(text: str, pick: Picker) -> str | None:
    """ "34 year on the tools" -> "34 years on the tools — most of a working life." (a long stretch, named as one)."""
    m = _YEARS_ON.match(text.strip())
    if not m or int(m.group("n")) < 10:
        return None
    key = "working_life" if int(m.group("n")) >= 20 else "long_stretch"
    return pick.line("reflect", key, n=m.group("n"), x=L.swap_pronouns(m.group("x").strip()))


def _simple_reflection(a: Analysis, pick: Picker) -> str | None:
    from coach.realize.heard import used_to, wondering

    options = years_on(a.text, pick) or shaped(a, pick) or used_to(a.text, pick) or wondering(a.text, pick)
    if options:
        return options
    if a.goal and not _SECOND_PERSON.search(a.goal) and not _WHETHER.search(a.text):
        g = L.gerund(L.swap_pronouns(a.goal))
        tail = _GOAL_TAIL.search(a.text)
        goal = _GOAL_TAIL.split(a.goal, maxsplit=1)[0].strip(" ,") if tail else a.goal
        sents = L.sentences(a.text)
        k = next((i for i, x in enumerate(sents) if a.goal.lower()[:20] in x.lower()), -1)
        setback = _SETBACK.match(sents[k + 1].strip()) if not tail and 0 <= k < len(sents) - 1 else None
        if setback and len(sents[k + 1].split()) <= 12 and len(g.split()) <= 8:
            # "I want to be a firefighter since I was 6. Failed the fitness test twice.": the want, and what stands in it
            said = L.strip_end(sents[k + 1].strip())
            said = said if re.match(r"^\W*(?:but\s+)?i\b", said, re.I) else "I " + L.lower_first(re.sub(r"^\W*but\s+", "", said, flags=re.I))
            r = pick.line("reflect", "goal_but", gerund=g, rest=L.lower_first(L.swap_pronouns(said)))
            if r:
                return r
        if tail and goal and len(goal.split()) <= 8 and goal.lower() in a.text.lower()[: tail.start() + 1]:
            # "I want to be a nurse because of how the nurses were with my mum at the end": the reason with it
            g = L.gerund(L.swap_pronouns(goal))
            of = "of " if tail.group("how").lower().endswith(" of") else ""
            said = of + L.strip_end(L.swap_pronouns(tail.group("x")))
            because = tail.group("how").lower().startswith(("because", "cos", "coz", "cause", "bc"))
            told = because or _FINITE_VERB.search(said)  # (never "your English not good so you not speak in meeting")
            r = pick.line("reflect", "goal_because" if because else "goal_but", gerund=g, reason=said, rest=said) \
                if told and 3 <= len(said.split()) <= 16 else None
            if r:
                return r
        if len(g.split()) <= 14:
            key = "goal_np" if not L.is_verb_phrase(a.goal) else "goal_role" if _ROLE_GOAL.search(a.goal) else "goal"
            r = pick.line("reflect", key, gerund=g)
            if r:
                return r
    source = _with_simile(a, _source_sentence(a))
    lead_in = _LEAD_IN.match(source)
    if lead_in:  # "Two things at once, sorry: my visa is tied…": the things, not the announcement
        source = lead_in.group("x")
    sents = L.sentences(a.text)
    but = _ONLY_THAT.match(source)
    if but and source in sents and sents.index(source) > 0:
        # "I ship more than anyone. It's just that I don't talk about it in standups.": the second half
        # qualifies the first; both, held together
        prev = L.strip_end(L.trim_hedges(sents[sents.index(source) - 1]))
        rest = L.strip_end(but.group("x"))
        if _FIRST_PERSON.search(prev) and 3 <= len(prev.split()) <= 12 and 3 <= len(rest.split()) <= 12:
            r = pick.line("reflect", "two_sided", left=L.lower_first(L.swap_pronouns(prev)), right=L.lower_first(L.swap_pronouns(rest)))
            if r:
                return r
    if _BRUSH_OFF.match(_clause(source) or "") and source in sents and sents.index(source) + 1 < len(sents):
        rest = _clause(sents[sents.index(source) + 1]) or L.strip_end(L.trim_hedges(sents[sents.index(source) + 1]))
        if rest and len(rest.split()) <= 3 and not _FIRST_PERSON.search(rest):
            source = "I'm " + L.lower_first(rest)  # "I'm fine. Just fed up." -> "I'm fed up"
    clause = _clause(source)
    if not clause or _SECOND_PERSON.search(clause):
        return None
    if _ELLIPTIC_TO.match(clause):
        # "they asked me to apply for head of year. … I don't want to.": to do what, from the sentence before
        vp = next((m.group("vp") for x in reversed(L.sentences(a.text)[:-1]) for m in [_TO_VP.search(x)] if m), "")
        if vp and len(vp.split()) <= 8:
            clause = f"{clause} {L.strip_end(vp)}"
    # "I don't think I want to be a PI": the no, said plainly (the hedge would read as a want played back)
    clause = re.sub(r"\b(I)\s+don'?t\s+think\s+i\s+(want|need|like|enjoy)\b", r"\1 don't \2", clause, flags=re.I)
    if len(clause.split()) <= 4 and _VALUE_FRAGMENT.match(clause) and not _FIRST_PERSON.search(clause) and not _FINITE.search(clause) and not re.match(
            r"^\W*(?:nothing|no|not|none|never|nobody|no one)\b", clause, re.I) and not re.search(
            r"\b(?:\w+n't|helps?|matters?|works?|hurts?|feels?|seems?)\b", clause, re.I):  # never "It doesn't help: that's the heart of it"
        r = pick.line("reflect", "fragment", clause=L.lower_first(L.swap_pronouns(clause)))
        if r:
            return r
    if _UNSURE.search(clause) and len(clause.split()) <= 5:
        r = pick.line("reflect", "unsure")
        if r:
            return r
    w = _WHETHER.search(source)
    if w:
        # "whether to go deep on data" / "whether I enjoy the analysis" (-> "whether you enjoy…", never "whether to enjoy…")
        key = "whether" if w.group("who").lower() == "to" or w.group("should") else "whether_i"
        r = pick.line("reflect", key, clause=L.strip_end(L.swap_pronouns(w.group("x"))))
        if r:
            return r
    heading = bool(getattr(pick.state, "goals", None) or getattr(pick.state, "thread", ""))
    m = _BECAUSE.match(L.trim_hedges(source))
    if m and heading:  # "part of the pull is that…" needs something it is part of
        return pick.line("reflect", "because", clause=L.lower_first(L.strip_end(L.swap_pronouns(m.group("x")))))
    for pat, key in ((_LOVE, "love"), (_HATE, "hate"), (_NEED, "need")):
        m = pat.match(clause)
        if m:
            if key == "love" and re.match(r"^i (?:really |just |do )?like\b", clause, re.I):
                key = "like"  # "I like my job" is not "you really enjoy your job"
            obj = _object(m.group("x"))
            if key == "need" and re.match(r"^to\s+[a-z]+", obj, re.I):
                # "I need to be the one catching": never "You need to be the one catching." (an order in the coach's mouth)
                obj = L.gerund(obj.split()[1]) + obj[len("to " + obj.split()[1]):]
                key = "need_gerund"
            return pick.line("reflect", key, object=obj)
    m = _FEEL.match(clause)
    if m and (m.group("adj") or "").lower() not in _NOT_A_FEELING:
        return pick.line("reflect", "feel", object=L.swap_pronouns(m.group("x") or m.group("adj")))
    m = _BECAUSE.match(clause)
    if m and heading:
        return pick.line("reflect", "because", clause=L.lower_first(L.swap_pronouns(m.group("x"))))
    if m:
        clause = m.group("x")  # "Because I'm thinking about leaving" with nothing before it: the clause itself
    inf = re.match(r"^\W*to\s+(?P<v>[a-z]+)\b(?P<rest>.*)$", clause, re.I)
    if inf and L.is_verb_phrase(inf.group("v")) and len(clause.split()) <= 14:
        # "To create, and that people know it is me who create it." answers a question: what they want, as an activity
        rest = re.sub(r"^(,?\s+and)\s+that\s+", r"\1 ", inf.group("rest"))
        r = pick.line("reflect", "gerund_fragment", exact=L.swap_pronouns(L.gerund(inf.group("v")) + rest))
        if r:
            return r
    if re.match(r"^(?!(?:no|some|any|every)?thing\b|morning\b|evening\b)[a-z]+ing\b", clause, re.I) and "," not in clause and not re.search(
            r"\b(is|are|was|were|'s|matters?|makes|made|feels|felt|keeps|gives|means|seems|has|have|had|does|did|"
            r"would|could|will|can|should|might|must|'d|'ll|sounds|looks|seems)\b", clause, re.I):
        r = pick.line("reflect", "gerund_fragment", exact=L.lower_first(L.swap_pronouns(clause)))  # "Having an impact", said whole
        if r:
            return r
    swapped = L.lower_first(L.swap_pronouns(core(clause)))
    if _OBLIGATION.search(swapped):
        return None  # "you need to …" in the coach's mouth reads as advice: name the meaning instead
    sides = _BUT.split(clause, maxsplit=1)
    if len(sides) == 2 and all(3 <= len(x.split()) <= 12 for x in sides) and not _OBLIGATION.search(swapped):
        # a double-sided reflection: both things they said, held together (a complex reflection)
        left, right = (L.strip_end(L.swap_pronouns(x.strip(" ,"))) for x in sides)
        r = pick.line("reflect", "two_sided", left=L.lower_first(left), right=L.lower_first(right))
        if r:
            return r
    if _HEDGED.match(source.strip()) or _MODAL.search(swapped) and not swapped.lower().startswith("you"):
        # "Maybe UX research would fit me better" is a wondering, not a verdict: keep it theirs
        cond = re.match(r"^(?:maybe\s+|perhaps\s+)?(?:only\s+|just\s+)?if\s+(?P<c>.{6,})$", swapped, re.I)
        r = pick.line("reflect", "wonder_if", clause=cond.group("c")) if cond else pick.line("reflect", "wonder", clause=swapped)
        if r:
            return r
    from coach import guard
    from coach.spelling import tidy

    # ("…here id be back in the seat": "id" is "I'd", theirs)
    ours = _FIRST_PERSON.search(tidy(clause)) or re.search(r"\b(?:we|us|our|ourselves)\b", clause, re.I)  # "…tell us what to do": theirs too
    alone = guard.check(L.upper_first(swapped) + ".") if not ours else None
    if alone is not None and not alone.ok and ("advice" in alone.labels or not guard.check(L.upper_first(swapped) + ".", mentee_text=a.text).ok):
        # (their own verdict on the world, "if it breaks, people don't get paid", is theirs to have said back)
        return quote_reflection(a, pick)  # "give talks at NeurIPS" would read as an instruction in any frame
    if _verbless(swapped):  # "my name on the board": a phrase, not a clause, so never "It sounds like your name on the board."
        r = pick.line("reflect", "noun_phrase", clause=swapped)
        if r:
            return r
    if _FINITE_FIRST.match(swapped) and (len(swapped.split()) <= 3 or _subjectless(swapped)):
        return None  # "is job", "was a mess": their subject was cut away, and no frame can guess it
    key = "plain" if ours else _third(swapped)
    return pick.line("reflect", key, clause=swapped)


_FINITE_FIRST = re.compile(r"^\W*(?:is|are|was|were|has|had|does|did|isn't|wasn't|can|could|will|would)\b", re.I)


def _third(clause: str) -> str:
    """The frames for words with no "I" in them: a whole clause may follow "The way you tell it, …";
    a phrase ("boats up for decommissioning", "being the person someone can say the thing to") only "So …"."""
    return "third_fragment" if _subjectless(clause) else "third_person"


def _subjectless(clause: str) -> bool:
    """A clause with nothing the parser takes for its subject ("is job", "little girl, 7lb 2oz", "sorry, back from
    teaching"): "So {clause}." around it reads as garbled. Gerund subjects ("doing it right means…") and
    there-clauses count; without a parser, never."""
    from coach.analyze.parse import parse

    if len(clause.split()) < 2:
        return False
    doc = parse(clause)
    if doc is None:
        return False
    first = next((t for t in doc if not t.is_punct), None)
    if first is not None and first.tag_ == "VBG" and first.dep_ not in ("csubj", "csubjpass", "nsubj"):
        return True  # "being the person someone can say the thing to": a gerund phrase, whatever the parser hangs it on
    roots = {t for t in doc if t.dep_ == "ROOT"}
    roots |= {t for t in doc if t.dep_ == "conj" and t.head in roots}
    return not any(t.dep_ in ("nsubj", "nsubjpass", "expl", "csubj", "csubjpass") and t.head in roots for t in doc)


def _verbless(phrase: str) -> bool:
    """A short phrase with no verb in it (spaCy's tags; without a parser, never)."""
    from coach.analyze.parse import parse

    if len(phrase.split()) > 10 or "," in phrase:
        return False  # "sorry, back from teaching, bit sweaty": a list of bits is not one phrase to hold up
    doc = parse(phrase)
    return doc is not None and len(doc) > 1 and doc[0].pos_ in ("DET", "PRON", "ADJ", "NOUN", "PROPN", "NUM") and not any(
        t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB") or t.tag_ == "MD" or t.lower_ in ("sounds", "looks", "feels", "seems")
        for t in doc)


def _bedrock_phrase(obj: str) -> str:
    """A bedrock is named as a need, a love or an activity ('helping people understand things'); a
    situation ('new people come to you when they're stuck') is not offered as bedrock."""
    if not obj:
        return ""
    obj = re.sub(r"^the idea of\s+", "", obj, flags=re.I)  # "the idea of building a team culture"
    m = re.match(r"^you (?:really |deeply |just )?care (?:about|that)\s+(?P<x>.+)$", obj, re.I)
    if m:
        obj = "caring about " + m.group("x")  # "you care about people growing"
    if obj.lower().startswith("to ") and len(obj.split()) > 1:
        obj = L.gerund(obj[3:])  # "to learn new technology" -> "learning new technology"
    first = obj.split()[0].lower()
    return obj if first.endswith("ing") and first not in {"nothing", "something", "anything", "everything"} else ""


def complex_reflection(a: Analysis, plan: Plan, pick: Picker) -> str | None:
    # only a motivation the policy judged clear enough is named back (plan.motivation)
    mot = plan.motivation
    if mot is Motivation.NEXT_RUNG and plan.ask:
        mot = None  # "the next rung is the default" followed by "what draws you to that?" contradicts itself
    if mot is not None:
        r = pick.line("complex", mot.value)
        if r:
            return r
    if a.has(Kind.FEELING) and abs(a.sentiment) > 0.3:
        r = pick.line("complex", "feeling_negative" if a.sentiment < 0 else "feeling_positive")
        if r:
            return r
    return None


_PRONOUN_OBJECT = re.compile(r"^(that|it|this|those|these)$", re.I)
_THATS_WHAT = lexicon.regex("offline", "thats_what")


def bedrock_object(text: str, prefer: str = "") -> str:
    """'I think I just like making things easier for people' -> 'making things easier for people'.

    `prefer` is the sentence the analyzer found most bedrock-like; it is tried first. "X. That's what
    I enjoy." and "I like that." point back to the sentence before, which is used instead."""
    sents = L.sentences(text) or [text]
    order = ([prefer] if prefer else []) + list(reversed(sents))
    for sent in order:
        c = _clause(sent)
        if not c:
            continue
        if _THATS_WHAT.match(c) or re.fullmatch(r"i (?:really |just )?(?:love|like|enjoy) (?:that|it)", c, re.I):
            i = sents.index(sent) if sent in sents else -1
            if i > 0:
                prev = _clause(sents[i - 1])
                if prev and not _SECOND_PERSON.search(prev):
                    return L.lower_first(L.swap_pronouns(prev))
            continue
        for pat in (_LOVE, _NEED):
            m = pat.match(c)
            if m:
                x = _object(m.group("x"))
                if pat is _NEED:
                    x = "needing " + x
                if _PRONOUN_OBJECT.match(x):
                    break
                return x
        else:
            if _SECOND_PERSON.search(c) or _OBLIGATION.search(L.swap_pronouns(c)) or len(c.split()) < 2:
                continue
            if re.search(r"\b(don'?t|not|no) know\b", c, re.I):
                continue
            return _english_pieces(_what_was_needed(L.lower_first(L.swap_pronouns(_dislocated(c)))))
    return ""


_MATTERED_TAIL = re.compile(r"^(?P<x>.{6,}?),\s+(?:and\s+)?(?:this|that|it)(?:\s+(?:has|have)|'s|\s+is)\s+(?:always\s+|really\s+)?"
                            r"(?:mattered|been (?:important|everything|the thing)|what (?:matters|mattered))\b.*$", re.I)


def _dislocated(clause: str) -> str:
    """ "Doing a thing properly, with care, this has mattered to me my whole life" -> "Doing a thing properly, with
    care": what has mattered, without the frame that points back at it (the confirmation says that part)."""
    m = _MATTERED_TAIL.match(clause)
    return m.group("x") if m else clause


def _english_pieces(phrase: str) -> str:
    """A comma-set aside in another language ("doing a thing properly, con cura, with care") is left out of the
    English frame; what it says is said in English beside it, and the whole sentence stays in the summary."""
    from coach.analyze.langid import foreign_word

    pieces = re.split(r"\s*,\s*", phrase)
    words = [re.findall(r"[^\W\d_]+", x) for x in pieces]
    kept = [x for i, (x, w) in enumerate(zip(pieces, words)) if i == 0 or not (w and len(w) <= 3 and any(foreign_word(v) for v in w))]
    return ", ".join(kept) if kept and len(kept) < len(pieces) else phrase


def _what_was_needed(phrase: str) -> str:
    """ "you've always needed the building to be for someone" -> "the building being for someone": what they need,
    as a thing that can sit underneath ("for you, it's …"), never "it's you've always needed…"."""
    m = re.match(r"^(?:i think\s+)?you(?:'ve|’ve| have)?\s+(?:always\s+|just\s+|really\s+)*(?:needed|wanted|loved|cared about)\s+(?P<x>.+)$", phrase, re.I)
    if not m:
        return phrase
    x = m.group("x")
    to = re.match(r"^to\s+(?P<v>[a-z]+)(?P<rest>.*)$", x, re.I)
    if to:
        return L.gerund(to.group("v")) + to.group("rest")
    np = re.match(r"^(?P<np>(?:the|my|your|a|an|their|our|people|someone|things?)\b[^,.;]{0,40}?)\s+to\s+be\b(?P<rest>.*)$", x, re.I)
    if np:
        return f"{np.group('np')} being{np.group('rest')}"
    return x


_NOT = re.compile(r"\bnot\s+(?:the\s+)?(?P<x>[a-z][a-z ]{1,30}?)(?:[,.!?;]|\s+ever\b|$)", re.I)
_EXPERIMENT = lexicon.regex("offline", "experiment")
_SHOULD_I = re.compile(r"\b(?:should i|whether (?:or not )?i should|if i should|(?:think|reckon|say) i should)\s+(?P<x>[^?.!]{3,80})", re.I)


# what a short answer must look like to be held up as "where it starts for you": an activity or a value,
# never "EVERY one", "4 years" or "strangers instead of cousins"
_VALUE_FRAGMENT = re.compile(r"^\W*(?:[a-z]+ing\b|(?:fairness|freedom|security|safety|respect|trust|honesty|recognition|craft|learning|growth|"
                             r"autonomy|independence|stability|belonging|family|purpose|meaning|justice|curiosity|impact|ownership|"
                             r"creativity|quality|kindness|loyalty|integrity|dignity|balance|peace|challenge|mastery|people|connection|"
                             r"community|truth|the (?:people|work|craft|team|kids|patients|students|customers))\b)", re.I)
_DOUBT = re.compile(r"\bnot (?:sure|certain|convinced)\b|\bdon'?t (?:know|think) (?:if|whether|i'?m|im)\b|\bi doubt\b|\bunsure\b", re.I)
_ROLE = re.compile(r"\b(?:i'?m|i am|im|i work as|i'?ve been)\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}?[\w-]+(?=\s*(?:[.,;!]|$))", re.I)
# who they are by job without the article ("i am montessori teacher in saigon, class 3-6"), with where they do it: a job
# title is not a motivation named
_ROLE_BARE = re.compile(r"\b(?:i'?m|i am|im|i work as)\s+(?:[\w-]+\s+){0,2}?[\w-]+(?:er|or|ist|ian|ant|ent|man|woman|guide|nurse|chef|cook|head|lead|clerk|agent|aide|medic|tech)s?"
                        r"(?:\s+(?:in|at|for|from|near)\s+[\w-]+){0,2}(?=\s*(?:[.,;!]|$))", re.I)


def named_in_words(mot: Motivation, text: str) -> bool:
    """Whether their words name this motivation: never inside a doubt about themselves ("I'm not sure I'm the
    teaching type"), never a job title alone ("I'm a secondary teacher"; "I became a teacher for the kids" does)."""
    if _DOUBT.search(text):
        return False
    if mot is Motivation.COMPENSATION and (_MONEY_DOWN.search(text) or not _MONEY_WANTED.search(text)):
        return False  # "more than the money it's the training"; "offered me a job, 30% more money" is news, not a want
    return lexicon.any_match(lexicon.group("motivation_keywords", mot.value), _ROLE_BARE.sub("", _ROLE.sub("", text)))


_MONEY_DOWN = re.compile(r"\b(?:more than|not|n't|never|less about|rather than|instead of)\s+(?:\w+\s+){0,3}(?:the\s+)?(?:money|pay|salary|bonus|cash)\b|"
                         r"\bif (?:the\s+)?money (?:didn'?t|did not|wasn'?t|doesn'?t)\b", re.I)
_MONEY_WANTED = re.compile(r"\b(?:want|wanna|need|needs|needed|afford|mortgage|bills?|rent|debt|loans?|kids|family|earn(?:ing)?|underpaid|"
                           r"paid (?:fairly|enough|properly|what|more|less)|worth|pay (?:rise|raise|the)|more money (?:would|means|matters)|"
                           r"money (?:matters|is (?:important|tight|the (?:point|reason)))|can'?t live on|struggl\w+)\b", re.I)


def layered(plan: Plan, a: Analysis, pick: Picker) -> str | None:
    """The mentee's clause with the motivation underneath it named (a complex reflection). A lack
    ("My name wasn't even on the slide") gets the need it leaves unmet named, not a wish in its place."""
    from coach.policy.rules.turn import THEIRS_SAID

    if a.motivations and THEIRS_SAID.match(a.motivations[0].evidence.text or ""):
        return None  # "My wife says teach.": her word; a meaning layered on it would be a guess put in their mouth
    lack = unmet(plan, a, pick)
    if lack:
        return lack
    if not is_desire(a):
        return None  # "I am developer 4 years" is a fact: a motivation layered on it is a guess in their mouth
    mot = plan.motivation or (a.top_motivation if a.motivations and a.motivations[0].confidence >= LAYERED_AT else None)
    if mot is None or mot is Motivation.NEXT_RUNG or a.goal:
        return None  # a goal's "why" is not heard yet; "the next rung" is a default, not something that matters
    if not named_in_words(mot, a.text):
        return None  # the meaning is named only when their words name it too, never on the classifier's guess
    clause = _clause(_source_sentence(a))
    if not clause or _SECOND_PERSON.search(clause) or not 4 <= len(clause.split()) <= 14 or a.sentiment < -0.2:
        return None  # no layering on fragments, long rambles, or pain (stay with what was said)
    if _NEGATIVE.search(clause) or _BUT.search(clause) or _ALREADY_NAMED.search(clause):
        return None  # "It pays well but it feels empty" is not about security; "Belonging matters" is named already
    swapped = L.lower_first(L.swap_pronouns(core(clause)))
    meaning = voice()["meaning"][mot.value]
    if _OBLIGATION.search(swapped) or _content(meaning) & _content(clause):
        return None  # they already said it in those words: naming it again adds nothing
    return pick.line("layered", "lines", clause=swapped, meaning=meaning)

def felt(a: Analysis, pick: Picker) -> str | None:
    """Their clause with the feeling in it named, when they showed it but didn't name it: "All I did was
    chase people for updates" -> "…; there's real frustration in that" (a complex reflection)."""
    lh = _love_hate(a, pick)  # "love the patients, hate the rota": both, not the frustration alone
    if lh:
        return lh
    if a.goal:
        return None
    source = _with_simile(a, _source_sentence(a))
    clause = _clause(source)
    if not clause or _SECOND_PERSON.search(clause) or not 3 <= len(clause.split()) <= 16:
        return None
    swapped = L.lower_first(L.swap_pronouns(core(clause)))
    if _OBLIGATION.search(swapped) or re.match(r"^i (?:really |just )?(?:want|'d like|would like|wish)\b", clause, re.I):
        return None  # a wish gets its own reflection, not a feeling
    good, bad = _FELT_GOOD.search(source), _FELT_BAD.search(source)  # the feeling must be in the sentence played back
    if good and not bad:
        return pick.line("layered", "felt_good", clause=swapped)
    if bad and not good and not _NAMED_BAD.search(a.text):  # "It's frustrating when…" is named already
        key = ("felt_unseen" if _UNSEEN.search(source) else "felt_drained" if _DRAINED.search(source)
               else "felt_alone" if re.search(r"\b(nobody|no one) helped|\blost when\b", source, re.I) else "felt_bad")
        return pick.line("layered", key, clause=swapped)
    return None

def unmet(plan: Plan, a: Analysis, pick: Picker) -> str | None:
    mot = plan.motivation or (a.top_motivation if a.motivations and a.motivations[0].confidence >= LAYERED_AT else None)
    if mot is None or mot is Motivation.NEXT_RUNG or a.goal or a.sentiment < -0.2 or a.sentiment >= 0.3:
        return None
    clause = _clause(_source_sentence(a))
    if not clause or _SECOND_PERSON.search(clause) or not 4 <= len(clause.split()) <= 14:
        return None
    if not _LACK.search(clause) or _NOT_LACK.search(clause) or _BUT.search(clause):
        return None  # "I don't need people reporting to me" is a choice, not a lack; "Nobody had to check my work" is pride
    if re.search(r"^\W*if\b|\bwouldn'?t\b", clause, re.I) or mot is Motivation.COMPENSATION and not named_in_words(mot, a.text):
        return None  # "If money didn't matter I wouldn't be thinking about it": a hypothetical, not a lack
    swapped = L.lower_first(L.swap_pronouns(core(clause)))
    if _OBLIGATION.search(swapped):
        return None
    return pick.line("layered", "unmet", clause=swapped, meaning=voice()["meaning"][mot.value])

def reflection(plan: Plan, a: Analysis, pick: Picker) -> str | None:
    heard_shape = shaped(a, pick)  # "I'd take less money to…", "I don't know. …": the shape of what was said first
    if heard_shape:
        return heard_shape
    shown = felt(a, pick)
    if shown:
        return shown
    if (plan.complex and plan.depth % 2 == 1) or (plan.motivation is None and plan.move is Move.DEEPEN):
        r = layered(plan, a, pick)
        if r:
            from coach import guard

            if guard.check(r, mentee_text=a.text).ok:
                return r
    # what they said matters to them, named as what matters (a complex reflection in their words); else their
    # words restated. A motivation named on its own would fit anyone (the moves add it after words).
    r = unsure_with(a, pick) or pointed_reflection(a, pick) or matters(a, pick) or simple_reflection(a, pick)
    if r is None and a.text.strip() and not a.has(Kind.AFFIRM):
        r = quote_reflection(a, pick)
    return r


def matters(a: Analysis, pick: Picker) -> str | None:
    """ "I want them to ask me before they change the floor layout" -> "So for you it's about them asking you
    before they change the floor layout." Only for a value the mentee stated (coach/mentor/values.py)."""
    from coach.mentor.values import values

    if a.goal or a.has(Kind.QUESTION) or is_irony(a.text):
        return None  # a goal gets its own reflection; its "why" is not heard yet; "living the dream" is no value
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^.!?]+[.!?]*", a.text) if m.group(0).strip()]
    found = values(a.text, spans, a, after_question=True)
    if not found:
        return None
    phrase = L.strip_end(found[-1].phrase)
    if not (1 <= len(phrase.split()) <= 14) or _FINITE.search(phrase) or _SECOND_PERSON.match(phrase):
        return None
    if re.match(r"^\W*(?:nobody|no one|noone|nothing|never|none|they never|no-one)\b", phrase, re.I):
        return None  # "nobody ever asks what I want" is what's missing, never "what matters to you is nobody…"
    if re.match(r"^\W*(?:her|him|them|you|me|us|my \w+|your \w+)\W*(?:like crazy|so much|a lot|loads|terribly|badly|heaps)?\W*$", phrase, re.I):
        return None  # "I miss her like crazy" is a person missed, never "what matters to you is her like crazy"
    if re.search(r"\b(?:not sure|unsure|don'?t know|no idea|idk|dunno)\b", phrase, re.I):
        return None  # "I'm not sure what I want" is no value: never "for you it's about being not sure what you want"
    if _HYPERBOLE.match(phrase):
        return None  # "I want to throw my phone in the river" is how fed up they are, never what matters to them
    if _TENURE.search(phrase) or _whole_clause(phrase):
        return None  # "Community midwife 22 years" is a fact; "teaching full time means the wheel becomes a hobby" a claim
    if re.search(r"\b(?:that|this|it)(?:\s+(?:so|very)\s+much|\s+(?:a\s+lot|the\s+most|most))?\W*$", phrase, re.I) \
            or re.match(r"^\W*(?:this|that)\s+(?:moment|feeling|part|bit)\b", phrase, re.I):
        return None  # "living for that", "this moment you like very much": a pointer (pointed.py says the moment), not a value
    if re.search(r"\b(?:like|love|need|want|enjoy)s?\s+(?:this|that|it)\W*$", phrase, re.I) or re.match(r"^\W*[A-Z][a-z]+\s+[a-z]", phrase) and not re.match(r"^\W*I\b", phrase):
        return None  # "Since childhood you like this": a pointer, not a value; never "what matters to you is Since…"
    return pick.line("reflect", "matters", phrase=phrase)


_HYPERBOLE = re.compile(r"^\W*(?:to\s+)?(?:throw|throwing|smash|smashing|scream|screaming|punch|punching|hit|hitting|hide|hiding|cry|crying|"
                        r"burn|burning|strangle|strangling|kill|killing|lob|lobbing|chuck|chucking|bin|binning|set fire|setting fire|"
                        r"run away|running away|disappear|disappearing|curl up|curling up|crawl|crawling)\b", re.I)
_TENURE = re.compile(r"\b\d+\s*(?:years?|yrs?|months?|weeks?|days?)\b", re.I)


def _whole_clause(phrase: str) -> bool:
    """A phrase that is a whole clause of its own (its subject first, then a finite verb): it cannot be what
    "for you it's about …" names. "having a say in the tools everyone else has to live with" is no clause
    (its finite verb belongs to the relative clause), "teaching full time means the wheel becomes a hobby" is."""
    from coach.analyze.parse import parse

    doc = parse(phrase)
    if doc is None:
        return False
    for t in doc:
        if t.dep_ == "ROOT" and t.tag_ in ("VBZ", "VBD", "VBP", "MD"):
            return any(c.dep_ in ("nsubj", "csubj", "nsubjpass", "expl") and c.left_edge.i == 0 for c in t.children)
    return False


def is_desire(a: Analysis) -> bool:
    """A goal, a wish, a love: the 'why' questions fit. A situation or a fact gets other questions."""
    if a.has(Kind.GOAL) or a.goal:
        return True
    source = _source_sentence(a)
    clause = _clause(source) or ""
    if _HEDGED.match(source.strip()) or _MODAL.search(clause):
        return True
    if _LOVE.match(clause) or _NEED.match(clause) or re.match(r"^i (?:really |just )?(?:want|wish|hope|'d like|would like|care)", clause, re.I):
        return True
    if _NEGATIVE.search(clause) or re.search(r"\b(?:was|were|did|had|got|used to|last (?:week|month|year|quarter))\b", clause, re.I):
        return False  # a loss, a lack or a past event: ask about it, not "what would that give you?"
    if (_ROLE.search(clause) or re.match(r"^\W*i\s+(?:work|worked|am working|'m working)\s+(?:in|at|for|as|on)\b", clause, re.I)) and len(clause.split()) <= 8:
        return False  # "I'm a secondary teacher": who they are, not something they want
    return bool(a.motivations) and a.sentiment >= 0 and not a.has(Kind.FEELING) and bool(_FIRST_PERSON.search(clause))


_FINITE = re.compile(r"\b(?:is|are|was|were|isn't|aren't|wasn't|'s|'re|do|does|doesn't|don't|did|didn't|can|can't|will|"
                     r"won't|would|should|could|has|have|had)\b", re.I)


def meaning_line(a: Analysis, plan: Plan, pick: Picker, said: str) -> str | None:
    """A complex reflection to follow their words: what matters in what they said, named only with
    evidence in it — a value they stated (coach/mentor/values.py), a feeling word, or a motivation they
    named in so many words. None when there is no such evidence: no guess is put in their mouth."""
    from coach.mentor.values import values

    text = a.text
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^.!?]+[.!?]*", text) if m.group(0).strip()]
    found = values(text, spans, a, after_question=True)
    if found and not _content_overlap(L.strip_end(found[-1].phrase), said):
        line = matters(a, pick)
        if line:
            return line
    mot = plan.motivation
    # (an option tried on is no motive named: "If I don't make it, I think I'd leave law altogether. Teach maybe." never
    # gets "It seems what matters is that it makes someone's life a little better")
    if mot is not None and mot is not Motivation.NEXT_RUNG and named_in_words(mot, text) and not _TRIED_ON.search(text):
        meaning = voice()["meaning"][mot.value]
        if not _content(meaning) & _content(said):
            return pick.line("complex", mot.value)
    return link(a, pick, said) or sense(a, pick, said)


_TRIED_ON = re.compile(r"\b(?:maybe|perhaps|might|i guess|or something|or whatever|who knows)\b|\bif\s+i\s+(?:don'?t|do|did|didn'?t|can'?t|could)\b", re.I)
_IDENTITY = re.compile(r"\bi(?:'m| am)\s+(?:someone|a person|the (?:one|kind of person|person|type))\s+who\b|\bthat'?s (?:just )?who i am\b", re.I)
_AGAIN = re.compile(r"\b(?:every (?:time|single time|week|day|month|quarter)|again and again|over and over|always|keeps?|kept|"
                    r"(?:third|fourth|fifth|nth) time|yet again)\b", re.I)


_SORE = re.compile(r"\b(?:not|never|no|nobody|no\s+one|n't|nt|again|hate|sick|tired|fed\s+up|ignor\w*|pass\w*\s+over|overlook\w*|late|"
                   r"shout\w*|yell\w*|blam\w*|cancel\w*|forg[eo]t\w*|broke\w*|fail\w*|lost|los(?:e|ing)|worse|wrong|bad|awful|cried|cry|"
                   r"stress\w*|angry|annoy\w*|frustrat\w*|exhaust\w*|overtime|unpaid|cut\w*|dump\w*|stuck|same)\b", re.I)


def sense(a: Analysis, pick: Picker, said: str) -> str | None:
    """What the words carry beyond their content, named only where the words show it: who they are ("I'm
    someone who…"), something that keeps happening ("every time", "always"), a weight or a lift in how it
    is said (the sentiment lexicon's reading of their own words)."""
    text = a.text
    if _IDENTITY.search(text):
        return pick.line("reflect", "identity")
    if a.sentiment < -0.1 and any(_AGAIN.search(x) and _SORE.search(x) for x in L.sentences(text)):
        # (what keeps happening is the sore thing itself: "i do her statement every month since 2013" is a routine held
        # dear, never "It's not a one-off" after "i went to the staff toilet and cried")
        return pick.line("reflect", "again")
    felt_bad = any(f.valence < 0 for f in a.hearing.feelings) or a.hearing.event in ("bad_news", "loss")
    if (a.sentiment <= -0.4 and felt_bad or a.sentiment <= -0.75) and not _NAMED_BAD.search(said) and not re.search(
            r"\b(?:stupid|silly|dumb|daft|weird)\s*,?\s+but\b", text, re.I):
        # a weight named only where their words show one (a feeling, bad news, or a strongly negative telling):
        # "my English not perfect sorry" or "the money is mad" is no weight on them
        return pick.line("reflect", "weight")
    if a.sentiment >= 0.5 and not a.goal and any(f.valence > 0 for f in a.hearing.feelings):
        return pick.line("complex", "feeling_positive")  # a feeling they showed, never a lexicon's guess ("the app was free")
    return None


def link(a: Analysis, pick: Picker, said: str) -> str | None:
    """This message touches a value they stated earlier in the session (two shared content words: one, "night",
    tied "one real attacker in the night" to the "whole night watching alerts" he dislikes): the thread
    between the two, named — a collecting reflection whose evidence is both of their sentences."""
    earlier = [v for v in getattr(pick.state, "values", None) or [] if v.get("phrase")]
    now = _content(a.text)
    for v in reversed(earlier[:-1] if earlier and earlier[-1].get("phrase") in a.text else earlier):
        phrase = L.strip_end(str(v["phrase"]))
        if _content(phrase) <= now:
            continue  # read from this very message (pruned, so not found in it verbatim): not "earlier"
        if len(now & _content(phrase)) >= 2 and not _content_overlap(phrase, said) and len(phrase.split()) <= 12 and not _FINITE.search(phrase):
            return pick.line("reflect", "link", phrase=phrase)
    return None


def _content_overlap(phrase: str, said: str) -> bool:
    """Most of the phrase is already in what was said back: naming it again adds nothing."""
    p = _content(phrase)
    return bool(p) and len(p & _content(said)) >= max(1, len(p) // 2 + 1)
