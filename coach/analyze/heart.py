"""Which sentence of a message carries its point: a learned weight for each sentence.

A listener who hears "allo. bon. I'm an aerialist with a circus company in montréal. shoulder surgery last
year, back in training since january. tout va bien. mostly." says back the surgery and the "mostly", not
the job. Hand rules chose the sentence until now (the last one said in the first person, unless a rule
knew better); they picked the sentence blind readers named 55% of the time. This model is a logistic
regression over the sentence's embedding (the MiniLM vector the analyzer computes anyway for motivations, so
it costs a dot product) and a few plain features of its form and place, fitted by
`python -m coach.analyze.heart_train` on readers' labels (data/heart/: which sentence a good listener would
say back); out of fold it picks the readers' sentence 66% of the time, and the whole chooser with it 64%.

`weights(sentences, vectors) -> list[float]`: one log-odds per sentence, higher = more the point. The
file is coach/data/heart.npz; without it every sentence weighs 0 and the hand rules decide alone.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

MODEL_FILE = Path(__file__).resolve().parent.parent / "data" / "heart.npz"

_FEEL = re.compile(r"\b(?:feel\w*|felt|scared|afraid|fear\w*|worr\w*|anxious|nervous|angry|mad|pissed|furious|sad|cry\w*|cried|tears?|"
                   r"hurt\w*|proud|happy|happiest|love\w*|hate\w*|miss\w*|lonely|alone|tired|exhausted|burn\w*|stress\w*|ashamed|shame|"
                   r"guilt\w*|embarrass\w*|frustrat\w*|annoy\w*|excited|thrill\w*|joy|grief|griev\w*|died|dead|lost|dread\w*|panic\w*|"
                   r"terrified|overwhelm\w*|drain\w*|stuck|trapped|bored|empty|heart\w*|gut|pains?)\b", re.I)
_VALUE = re.compile(r"\b(?:matter\w*|important|care|always|never|whole life|everything|thing is|the point|because|cos|cuz|bc|want\w*|"
                    r"need\w*|wish|dream\w*|trust\w*|free\w*|family|kids?|respect\w*|recogni\w*|money|pay|salary|secur\w*|safe\w*|"
                    r"meaning\w*|purpose)\b", re.I)
_NEG = re.compile(r"\b(?:not|no|never|n't|nt|dont|cant|isnt|wasnt|wont|nothing)\b", re.I)
_TURN = re.compile(r"\b(?:but|though|although|yet|however|except|actually|honestly|mostly|really)\b", re.I)
_I = re.compile(r"\b(?:i|i'm|im|i've|ive|i'd|id|me|my|myself|mine)\b", re.I)
_YOU = re.compile(r"\b(?:you|your|u|ur)\b", re.I)
_FILLER = re.compile(r"^\W*(?:ok|okay|so|yeah|yes|no|lol|haha|hmm|um|well|idk|anyway|thanks|hi|hello|hey)\b", re.I)
_I_FIRST = re.compile(r"^\W*(?:i|i'm|im)\b", re.I)
# when and how long ("since 2015", "I'm on lates this week"): context, seldom the point
_WHEN = re.compile(r"\b(?:since|years?|yrs?|months?|weeks?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|"
                   r"march|april|may|june|july|august|september|october|november|december|this week|last week|tomorrow|yesterday|"
                   r"today|tonight|shifts?|lates|nights|\d+)\b", re.I)
# weight said plainly, without a feeling word ("my knees are gone", "I can't", "the only place I'm any use")
_WEIGHT = re.compile(r"\b(?:sick|gutted|knackered|breaking|broken|crushed|gone|wrecked|numb|shaking|scary|awful|terrible|horrible|hard|"
                     r"heavy|killing|can'?t|cannot|only|any use|myself|alive|home)\b", re.I)

_OWN = 20  # features of the sentence alone
_RELATIVE = [3, 5, 8, 9, 10, 11, 18, 19]  # length, I, negation, turn, feeling, value, when, weight: against the message's mean
_MOST = [10, 11, 19]  # feeling, value, weight: the most of the message
N_FORM = _OWN + len(_RELATIVE) + len(_MOST)  # plain features before the embedding


def form(sentences: list[str]) -> np.ndarray:
    """The plain features of each sentence: its place, length, who it is about, feeling, value and turn words."""
    n = len(sentences)
    rows = []
    for j, s in enumerate(sentences):
        words = s.split()
        rows.append([j == 0, j == n - 1, j / (n - 1) if n > 1 else 0.0, np.log1p(len(words)), len(words) < 4,
                     len(_I.findall(s)), len(_YOU.findall(s)), s.rstrip().endswith("?"), len(_NEG.findall(s)),
                     len(_TURN.findall(s)), len(_FEEL.findall(s)), len(_VALUE.findall(s)), bool(re.search(r"\d", s)),
                     "!" in s, bool(_FILLER.match(s)), sum(1 for w in words if w.isupper() and len(w) > 2),
                     bool(_I_FIRST.match(s)), n, len(_WHEN.findall(s)), len(_WEIGHT.findall(s))])
    own = np.asarray(rows, dtype=np.float32).reshape(n, _OWN)
    rel = own[:, _RELATIVE] - own[:, _RELATIVE].mean(axis=0) if n else own[:, _RELATIVE]
    most = (own[:, _MOST] == own[:, _MOST].max(axis=0)).astype(np.float32) if n else own[:, _MOST]
    return np.hstack([own, rel, most])


@lru_cache(maxsize=1)
def _model() -> tuple[np.ndarray, float] | None:
    try:
        with np.load(MODEL_FILE) as z:
            return z["coef"].astype(np.float32), float(z["intercept"])
    except (OSError, KeyError, ValueError):
        log.warning("heart model %s unreadable: the hand rules choose the sentence alone", MODEL_FILE)
        return None


def weights(sentences: list[str], vectors: np.ndarray) -> list[float]:
    """One log-odds per sentence that it carries the message's point (0.0 for all without the model)."""
    model = _model()
    if model is None or not sentences or len(vectors) != len(sentences):
        return [0.0] * len(sentences)
    coef, b = model
    x = np.hstack([form(sentences), np.asarray(vectors, dtype=np.float32)])
    if x.shape[1] != coef.shape[0]:
        return [0.0] * len(sentences)
    return [round(float(v), 3) for v in x @ coef + b]
