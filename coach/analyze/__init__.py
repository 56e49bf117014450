"""analyze: what the mentee said, without an LLM.

`Analyzer.analyze(text) -> Analysis`: the seed's eight motivations (multi-label, each with the
evidence span and a confidence), the kinds of statement (goal, feeling, advice request, low effort,
crisis, injection, …), a bedrock score, energy cues and the mentee's own phrases (goal, roles, topic).

Embeddings (the offline MiniLM) carry the meaning; curated rules in coach/data/analyze.toml carry the
cases where a miss is costly (crisis, injection, advice requests) and give evidence spans.
"""

from __future__ import annotations

import gc
import html
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from coach import language, lexicon
from coach.analyze import heart, negation, phrases
from coach.analyze.claims import theme_of as claims_theme
from coach.analyze.clean import clean
from coach.analyze.hearing import hear, pasted_part, whole_paste
from coach.analyze.langid import read_language
from coach.analyze.leaving import leaving

from coach.analyze.runon import punctuate
from coach.analyze.parse import warm as warm_parser
from coach.spelling import plain, tidy
from coach.analyze.motivations import MARGIN, THRESHOLD, ExemplarModel
from coach.store.embed import Embedder, get_embedder
from coach.types import Act, Analysis, Evidence, Hearing, Kind, Motivation, MotivationHit

__all__ = ["Analyzer", "clean"]

# a goodbye that asks for the playback: "that's all for today", "let's wrap up" (the summary, then they go)
# "I'm not saying I can't do it anymore. I can.": distress said only to be disowned is no distress to check on
# (batch 16, read blind: the crisis lines given to exactly those words were rated harmful)
_DISOWNED = re.compile(r"\b(?:not|never|didn\W?t|did not|don\W?t|do not|wasn\W?t)\s+(?:really\s+)?(?:saying|say|said|mean|meant)\s+(?:that\s+)?(?:i\s+)?$")
_WRAP_UP = re.compile(r"\b(?:that\W?s|that is) (?:all|it|enough) for (?:today|now|tonight)\b|\blet\W?s (?:stop|end|wrap (?:it |this )?up)\b|"
                      r"\bwrap (?:it|this) up\b|\bsumm?ari[sz]e\b|\bwhat did you hear\b|\bplay (?:it|that) back\b")

MAX_SENTENCES = 8
_FRAME_START = re.compile(
    r"^(?:(?:i think|i guess|i suppose|honestly|really|and|but|so|yeah|yes|well|i mean)[, ]+)*"
    r"i(?:'ve| have)? (?:really |just |simply |truly |always |do )?(?:love|loved|enjoy|need|care about|value|believe in|like|feel (?:most )?(?:alive|myself|useful))\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def _sentiment_text(text: str) -> str:
    """The text vader reads: career phrases it misreads as negative ("hard problems") masked out (analyze.toml [sentiment])."""
    for p in lexicon.patterns().get("sentiment", {}).get("neutral", []):
        text = p.sub(" ", text)
    return text


def locate(raw: str, fragment: str) -> Evidence | None:
    """An Evidence span for `fragment` as it stands in `raw` (exact substring), or None."""
    if not fragment:
        return None
    i = raw.find(fragment)
    if i < 0:
        # whitespace may have been folded by cleaning: match with flexible spaces
        pat = r"\s+".join(re.escape(w) for w in fragment.split())
        m = re.search(pat, raw)
        if not m:
            return None
        return Evidence(m.group(0), m.start(), m.end())
    return Evidence(fragment, i, i + len(fragment))


_heap_settled = False


def _settle_heap() -> None:
    """Once per process, after the coach's start-up loading: collect, then freeze what is alive.

    With the LLM stack imported (langchain, openai, pydantic) a full garbage collection walks
    ~170k long-lived objects and takes ~100 ms on this class of machine; CPython starts one
    whenever enough new objects have survived, i.e. at an unpredictable turn. Frozen objects are
    left out of every later collection (they live as long as the process anyway), so a mid-turn
    collection only walks what was made since. Nothing about what is computed changes."""
    global _heap_settled
    if _heap_settled:
        return
    _heap_settled = True
    gc.collect()
    gc.freeze()


def _latin(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(1 for ch in letters if "a" <= ch.lower() <= "z") >= 0.9 * len(letters)


def _heard_hits(hits, h: Hearing, text: str) -> list[MotivationHit]:
    """Motivations the hearing does not contradict. "It's not about the money" credits no money; "my wife
    thinks I should retrain" credits her want to nobody; "less about the money, more about respect" credits
    respect, not money; a request or a plea is not a motivation."""
    out: list[MotivationHit] = []
    denied = {c.theme for c in h.claims if c.polarity < 0 and c.holder == "self" and c.theme}
    kept = {c.theme for c in h.claims if c.polarity > 0 and c.holder == "self" and c.theme and c.modality != "hypothetical"}
    losers = {claims_theme(c.beats) for c in h.claims if c.beats} - {c.theme for c in h.claims if c.beats}
    others = [c for c in h.claims if c.holder != "self"]
    requests = h.act in (Act.REQUEST_ADVICE, Act.REQUEST_STEPS, Act.REQUEST_OPINION)
    for hit in hits:
        mot, ev = hit.motivation.value, hit.evidence.text
        if mot in denied and mot not in kept:
            continue
        if mot in losers and mot not in kept:
            continue
        if others and any(c.text and (c.text in ev or ev in c.text) for c in others) and not re.search(r"\b(?:i|me|my)\b", _outside(ev, others), re.I):
            continue  # the whole sentence is someone else's view
        if requests and ev.rstrip().endswith("?"):
            continue
        if mot == "compensation" and _LESS_PAY.search(ev) and not _FEAR_WORD.search(ev):
            continue  # "the trainee pay is less than the dry cleaner": a cost they would bear, not what pulls them
        out.append(hit)
    return out


_ASSUMED_WANT = re.compile(r"(?<!\bi )(?<!\bi really )(?<!\bi kind of )\b(?:assume|assumes|assumed|assuming|presume|presumes|expect|expects|expected|think|thinks|thought|"
                           r"reckon|reckons|figure|figures)\s+(?:that\s+)?i\s+(?:\w+\s+)?(?:want|wanna|would like|'d like|need)\b", re.I)
UNSURE_WANT = re.compile(r"\b(?:(?:don'?t|dont|do not|didn'?t)\s+(?:even\s+|really\s+|actually\s+)?know|(?:i'?m|im|i am)\s+(?:not|never)\s+(?:even\s+|really\s+)?sure|"
                          r"no idea|unsure|wondering)\s+(?:if|whether)\s+i\s+(?:\w+\s+)?(?:want|wanna|would like|'d like)\b", re.I)
_LESS_PAY = re.compile(r"\b(?:pay|salary|money|wages?|rate|income|stipend)\s+(?:is|was|would be|will be|'s|’s|'d be)\s+(?:\w+\s+)?(?:less|lower|worse|"
                       r"half|a fraction)\b|\b(?:take|taking|took|accept|accepting)\s+(?:a\s+)?"
                       r"(?:pay cut|cut in pay|lower salary|less money|a drop in pay|a hit)\b", re.I)
_FEAR_WORD = re.compile(r"\b(?:scared|afraid|worried|worry|terrified|can'?t afford|cannot afford|anxious|nervous|earn more|more money|"
                        r"paid more|better pay|pay rise|raise)\b", re.I)


def _outside(sentence: str, claims_: list) -> str:
    """What of the sentence no claim covers ("" when one claim covers it all)."""
    for c in claims_:
        if c.text and sentence.strip() in c.text:
            return ""
        sentence = sentence.replace(c.text, " ")
    return sentence


class Analyzer:
    def __init__(self, embedder: Embedder | None = None, cache_dir: Path | None = None) -> None:
        warm_parser()  # the parser loads in the background while the rest starts up
        self._model = ExemplarModel(embedder or get_embedder(), cache_dir)
        try:
            _vader()  # its lexicon, loaded now rather than in the first turn
        except Exception:  # noqa: BLE001 - a warm-up only: the first analyze raises as before
            pass
        # The Coach builds its analyzer last, after the voices: the start-up heap is complete.
        _settle_heap()

    def analyze(self, raw: str, *, after: str = "", before: str = "") -> Analysis:
        """`after`: the coach's last move, so "no, that's not it" is heard as a correction of it; `before`: the mentee's
        last message, so the text a "Got this on LinkedIn:" announced is heard as someone else's."""
        c = clean(raw)
        a = Analysis(text=c.text, notes=list(c.notes))
        if c.empty or c.binary:
            # "?" or "..." alone is a shrug, not an empty message
            shrug = bool(re.fullmatch(r"\s*[?.…]+\s*", raw))
            a.kinds.append(Kind.LOW_EFFORT if shrug else Kind.EMPTY)
            a.hearing.act = Act.LOW_EFFORT if shrug else Act.STATEMENT
            return a
        text = c.text
        lang = read_language(text) if not c.code else None
        if lang is not None and lang.mixed and lang.english:
            c.non_english = False  # "Quiero ser manager porque I like helping people grow": the English is heard
            a.notes.append(f"mixed languages ({lang.language} and English): only the English part is reflected")
        elif lang is not None and lang.language not in ("en", "und") and not c.non_english and len(text.split()) >= 3:
            c.non_english = True
            a.notes.append("not English")
        elif lang is not None and lang.language == "en" and c.non_english and _latin(text):
            c.non_english = False  # "Stairs mostly. Curved ones.": no English function word, but English
            a.notes = [n for n in a.notes if n != "not English"]
        low = text.lower()
        g = lambda key: lexicon.group("kinds", key)  # noqa: E731
        cleared = lexicon.any_match(g("crisis_cleared"), low)
        unsaid = low
        for pat in g("crisis_cleared") if cleared else []:
            unsaid = pat.sub(" ", unsaid)  # "I'm not suicidal" says they are safe; its "suicid" is no disclosure
        if lexicon.any_match(g("crisis"), unsaid):
            a.kinds.append(Kind.CRISIS)
        elif any(not _DISOWNED.search(low[max(0, m.start() - 30): m.start()]) for p in g("crisis_check") for m in p.finditer(low)):
            a.kinds.append(Kind.CRISIS_CHECK)
        if Kind.CRISIS not in a.kinds and cleared:
            a.kinds.append(Kind.CRISIS_CLEARED)
        # injection is read on the raw text too: cleaning strips the <system> tags it hides in
        if lexicon.any_match(g("injection"), text) or lexicon.any_match(g("injection"), html.unescape(raw[:4000])):
            a.kinds.append(Kind.INJECTION)
        if c.non_english and Kind.INJECTION not in a.kinds:
            a.kinds.append(Kind.NOT_ENGLISH)
            a.hearing = Hearing(language=lang.language if lang is not None and lang.language != "und" else "und")
            if leaving(text) and not _WRAP_UP.search(low):
                a.kinds.append(Kind.GOODBYE)
            elif lexicon.any_match(g("closing"), low):
                a.kinds.append(Kind.CLOSING)  # "bueno, me voy, gracias": a goodbye in any language
            return a
        said = punctuate(text) if not c.code else text
        if said != text:  # "the kitchen is fine the money is fine its just i dont cook anymore": four things said
            text = a.text = said
            low = text.lower()
            a.notes.append("run-on read as sentences")
        pasted = whole_paste(text, before) or pasted_part(raw)
        if pasted and pasted.lower() in low:
            low = low.replace(pasted.lower(), " ")  # the boss's "I need you to…" in a pasted email asks nothing of the coach
        asking = re.sub(r"^\W*what do you mean,?\s+[^?]{0,60}\?\s*", "", low)  # "what do you mean what do i do? i ride.": their words echoed back, then answered
        # "i'm not asking you to decide for me": a request taken back is not a request
        asking = re.sub(r"\b(?:i'?m|im|i am)\s+not\s+(?:asking|wanting|expecting)\s+(?:you|u)\s+to\s+[^.!?]{0,40}", " ", asking)
        if lexicon.any_match(g("advice_request"), asking) or lexicon.any_match(g("advice_request"), plain(asking)):  # "what do u think i should do"
            a.kinds.append(Kind.ADVICE_REQUEST)
        if lexicon.any_match(g("low_effort"), low.strip()):
            a.kinds.append(Kind.LOW_EFFORT)
        if lexicon.any_match(g("affirm"), low):
            a.kinds.append(Kind.AFFIRM)
        elif lexicon.any_match(g("deny"), low):
            a.kinds.append(Kind.DENY)
        for key, kind in (
            ("shame", Kind.SHAME), ("leaving", Kind.LEAVING), ("experiment", Kind.EXPERIMENT),
            ("feeling", Kind.FEELING), ("goal", Kind.GOAL),
        ):
            if lexicon.any_match(g(key), low):
                a.kinds.append(kind)
        if text.rstrip().endswith("?") and Kind.ADVICE_REQUEST not in a.kinds:
            a.kinds.append(Kind.QUESTION)
        self._energy(text, a)
        a.goal = phrases.goal_phrase(text) or phrases.goal_phrase(tidy(text))  # "i wanna start my own shop"
        if a.goal and re.match(r"^\W*(?:to\s+)?(?:be|being)\s+(?:clear|straight|honest|upfront|frank|blunt)\b", a.goal, re.I):
            a.goal = ""  # "i want to be straight about that": how they are saying it, not where they are heading
        if a.goal and UNSURE_WANT.search(text):
            a.goal = ""  # "I don't even know if I want to be a manager": a want in doubt, not a direction (never "that pulls at you")
        if a.goal and _ASSUMED_WANT.search(text):
            a.goal = ""  # "why does everyone assume I want to be promoted": their want is what others assume, not one said
        a.roles = phrases.roles(text)
        if leaving(text) and not _WRAP_UP.search(low):
            a.kinds.append(Kind.GOODBYE)  # "thanks mate. gonna go visit mum": thanks and a way out
        elif lexicon.any_match(g("closing"), low):
            a.kinds.append(Kind.CLOSING)
        if lexicon.any_match(g("privacy"), low):
            a.kinds.append(Kind.PRIVACY)
        if not a.goal and len(text.split()) <= 5 and not text.rstrip().endswith("?"):
            # "Staff eng." in answer to where it's heading: a goal, as a noun
            role = lexicon.first_match(g("goal_role"), text.strip())
            if role:  # the whole role as said ("Staff engineer"), not the noun the role regex found in it ("engineer")
                said = role.group("role")
                a.roles = [said] + [r for r in a.roles if r.lower() not in said.lower()]
            if (role or a.roles) and Kind.GOAL not in a.kinds:
                a.kinds.append(Kind.GOAL)
        a.hearing = hear(text, a.kinds, after=after, markup=c.markup, code=c.code, original_length=c.original_length,
                         lines=len([x for x in raw[:4000].splitlines() if x.strip()]), pasted=pasted)
        if c.code and Kind.CRISIS not in a.kinds:
            return a  # code is not a statement about the mentee: no motivations read into it
        if a.hearing.act in (Act.INJECTION, Act.SMALL_TALK, Act.COMPLAINT, Act.QUESTION_COACH):
            return a  # an injection, a greeting or a word about the coach says nothing about what drives them
        heard = a.hearing.english if a.hearing.mixed else text
        if a.hearing.mixed:
            a.text = heard  # what the coach may play back: only the part it understood, never forced through English
            a.goal = phrases.goal_phrase(heard)
            a.roles = phrases.roles(heard)
        sents = language.sentences(heard)[:MAX_SENTENCES]
        scopes = [negation.split(s) for s in sents]
        # a sentence that turns a wish down is read for motivations on what it keeps, not on what it refuses
        kept = [negation.kept_text(sc) if sc.negated else "" for sc in scopes]
        extra = [k for k in kept if k]
        scored_all = self._model.score(sents + extra)
        scored, kept_scores = scored_all[: len(sents)], dict(zip(extra, scored_all[len(sents) :]))
        vectors = [s.vector for s in scored if s.vector is not None]
        if len(scored) > 1 and len(vectors) == len(scored):
            a.hearing.heart = dict(zip(sents, heart.weights(sents, np.vstack(vectors)), strict=True))
        hits: dict[str, MotivationHit] = {}
        best_bedrock = 0.0
        for s, scope, kept_text in zip(scored, scopes, kept, strict=True):
            if s.crisis and Kind.CRISIS not in a.kinds and Kind.CRISIS_CHECK not in a.kinds and Kind.CRISIS_CLEARED not in a.kinds:
                a.kinds.append(Kind.CRISIS)
                a.notes.append("crisis: close to a crisis statement")
            bed = self._bedrock(s.sentence, s.bedrock)
            if bed > best_bedrock:
                # "I love teaching, just not the marking": the bedrock is the side they keep
                best_bedrock, a.bedrock_text = bed, re.split(r",?\s+(?:but|just)\s+not\b", s.sentence, maxsplit=1, flags=re.I)[0]
            for mot, conf, span in self._labels(s, scope, kept_text, kept_scores):
                if mot.value in hits and hits[mot.value].confidence >= conf:
                    continue
                ev = locate(raw, span) or locate(raw, language.quote(span, 200).rstrip("…"))
                if ev is None:
                    continue
                hits[mot.value] = MotivationHit(mot, conf, ev)
        a.motivations = sorted(_heard_hits(hits.values(), a.hearing, heard), key=lambda h: -h.confidence)
        a.bedrock_score = round(best_bedrock, 3)
        if a.motivations:
            a.kinds.append(Kind.MOTIVATION)
        if a.bedrock_score >= 0.6:
            a.kinds.append(Kind.BEDROCK)
        a.topic = a.goal or (a.motivations[0].evidence.text if a.motivations else "")
        return a

    def _labels(self, s, scope: negation.Scoped, kept_text: str, kept_scores: dict) -> list[tuple[Motivation, float, str]]:
        """Motivations of one sentence with the span that carries each; a refused wish is not read as wanted."""
        if not scope.negated:
            return [(mot, conf, s.sentence) for mot, conf in self._model.labels_for(s)]
        out = [(mot, conf, kept_text) for mot, conf in self._model.labels_for(kept_scores[kept_text])] if kept_text else []
        # "I don't want to be micromanaged": turning down the opposite of a motivation is that motivation
        for mot, clause in negation.keeps(scope).items():
            conf = s.scores.get(mot, 0.0)
            if conf >= THRESHOLD and conf > s.scores.get("none", 0.0) - MARGIN and all(m.value != mot for m, _, _ in out):
                out.append((Motivation(mot), round(min(1.0, conf), 3), clause))
        return out

    @staticmethod
    def _bedrock(sentence: str, embed_score: float) -> float:
        """Bedrock is simple, about core needs/beliefs/interests, not tied to a job or industry."""
        low = sentence.lower()
        score = embed_score
        if _FRAME_START.search(low) or lexicon.any_match([p for p in lexicon.group("text", "bedrock_frames") if "love|enjoy" not in p.pattern], low):
            score += 0.15
        else:
            score -= 0.45  # bedrock is said in the first person: a need, a belief, a love
        job = sum(1 for p in lexicon.group("text", "job_words") if p.search(low))
        score -= 0.3 * min(job, 2)  # bedrock is "not tied to a job"
        n = len(language.words(sentence))
        if n > 12:
            score -= 0.15  # bedrock statements "are often very simple"
        if n > 20:
            score -= 0.15
        if n < 3:
            score -= 0.3
        if re.search(r"\b(?:but|just)\s+not\b|,?\s+but\s+(?:i\s+)?(?:hate|can'?t stand)\b", low):
            score -= 0.3  # "I like the people but not the pay": a split to reflect, not one thing under everything
        return max(0.0, min(1.0, score))

    @staticmethod
    def _energy(text: str, a: Analysis) -> None:
        cues: list[str] = []
        excl = text.count("!")
        if excl:
            cues.append("exclamation" + ("s" if excl > 1 else ""))
        caps = [w for w in re.findall(r"\b[A-Z]{3,}\b", text) if w not in {"CEO", "CTO", "VP", "API", "USA", "HR"}]
        if caps:
            cues.append("capitals: " + caps[0])
        for m in (p.search(text) for p in lexicon.group("energy", "intensifiers")):
            if m:
                cues.append("intensity: " + m.group(0).lower())
                break
        if re.search(r"[\U0001F300-\U0001FAFF\u2600-\u27BF]", text):
            cues.append("emoji")
        compound = _vader().polarity_scores(_sentiment_text(text))["compound"]
        a.sentiment = round(compound, 3)
        energy = 0.25 * min(excl, 2) + (0.25 if caps else 0) + (0.3 if any(c.startswith("intensity") for c in cues) else 0)
        energy += 0.25 * max(0.0, compound) + (0.1 if "emoji" in cues else 0)
        a.energy = round(min(1.0, energy), 3)
        a.energy_cues = cues
