"""The detector's labelled data: the project's own lines (data/guard/lines/) and the forum sentences.

Read by the training script and the evals, never at run time (the repository's `data/` folder is not
part of the installed package). The format is described in data/guard/README.md.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

#: Detector labels, in the order the weights file stores them.
LABELS: tuple[str, ...] = (
    "advice",
    "judgment",
    "leading_question",
    "closed_question",
    "open_question",
    "simple_reflection",
    "complex_reflection",
    "affirmation",
    "information",
    "other",
)
CODES: dict[str, str] = {
    "adv": "advice",
    "jud": "judgment",
    "lq": "leading_question",
    "cq": "closed_question",
    "oq": "open_question",
    "sr": "simple_reflection",
    "cr": "complex_reflection",
    "aff": "affirmation",
    "inf": "information",
    "oth": "other",
}
SPLITS = ("train", "calibration", "heldout")


def data_dir() -> Path:
    """data/guard/ of the source checkout this package was imported from."""
    return Path(__file__).resolve().parents[2] / "data" / "guard"


@dataclass(frozen=True, slots=True)
class Line:
    """One labelled line written for the project."""

    text: str
    labels: frozenset[str]
    source: str
    split: str
    mentee: str = ""
    contextual: bool = False  # the labels hold only given `mentee` (a playback of the mentee's words)


@dataclass(frozen=True, slots=True)
class ForumSentence:
    """One forum sentence: advice or not (the only label the forum data has)."""

    text: str
    advice: bool
    split: str  # the source's own train / dev / test
    source: str  # needadvice | askparents
    post: str  # the submission id: sentences of one post stay on one side of a split


class CorpusError(ValueError):
    """A data file that does not follow the format in data/guard/README.md."""


def splits(root: Path | None = None) -> dict[str, str]:
    path = (root or data_dir()) / "splits.toml"
    table = tomllib.loads(path.read_text(encoding="utf-8"))["splits"]
    bad = {k: v for k, v in table.items() if v not in SPLITS}
    if bad:
        raise CorpusError(f"{path}: unknown split for {bad}; use one of {SPLITS}")
    return table


def parse_lines(text: str, source: str, split: str) -> list[Line]:
    """Parse one lines/*.txt file (see data/guard/README.md)."""
    out: list[Line] = []
    mentee = ""
    for n, raw in enumerate(text.splitlines(), start=1):
        row = raw.strip()
        if not row or row.startswith("#"):
            continue
        if row.startswith(">"):
            mentee = row[1:].strip()
            continue
        codes, sep, body = row.partition("|")
        if not sep or not body.strip():
            raise CorpusError(f"{source}:{n}: expected 'labels | text', got {raw!r}")
        contextual = codes.strip().startswith("@")
        names = codes.strip().lstrip("@").split()
        unknown = [c for c in names if c not in CODES]
        if unknown or not names:
            raise CorpusError(f"{source}:{n}: unknown label code(s) {unknown or names}; known: {sorted(CODES)}")
        out.append(Line(body.strip(), frozenset(CODES[c] for c in names), source, split, mentee, contextual))
    return out


def load_lines(split: str | None = None, root: Path | None = None) -> list[Line]:
    """The project's labelled lines, from every source or those of one split."""
    root = root or data_dir()
    table = splits(root)
    files = {p.stem: p for p in sorted((root / "lines").glob("*.txt"))}
    missing = sorted(set(table) - set(files))
    unassigned = sorted(set(files) - set(table))
    if missing or unassigned:
        raise CorpusError(f"splits.toml and lines/ disagree: no file for {missing}, no split for {unassigned}")
    out: list[Line] = []
    for name, path in files.items():
        if split is None or table[name] == split:
            out += parse_lines(path.read_text(encoding="utf-8"), name, table[name])
    return out


# --------------------------------------------------------------------------- forum sentences

# spaCy split contractions and punctuation off ("do n't", "it 's", "end ."); live chat text is not
# written like that, so both sides are put in one form before the model sees them.
_CONTRACTION = re.compile(r"\s+(n't|'s|'re|'ve|'ll|'d|'m)\b", re.IGNORECASE)
_SPLIT_WORDS = re.compile(r"\b(gon|wan|got) (na|ta)\b", re.IGNORECASE)
_BEFORE_PUNCT = re.compile(r"\s+([.,!?;:%)\]}](?!\w))")
_AFTER_OPEN = re.compile(r"([(\[{])\s+")
_ZWSP = re.compile(r"&\s*#\s*x200B;", re.IGNORECASE)
_QUOTE_TRANS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def normalize_forum(text: str) -> str:
    """spaCy-tokenized forum text in the form people type it: "do n't" -> "don't", "end ." -> "end."."""
    t = _ZWSP.sub("", text).translate(_QUOTE_TRANS)
    t = _CONTRACTION.sub(r"\1", t)
    t = _SPLIT_WORDS.sub(r"\1\2", t)
    t = _BEFORE_PUNCT.sub(r"\1", t)
    t = _AFTER_OPEN.sub(r"\1", t)
    t = re.sub(r'"\s+([^"]*?)\s+"', r'"\1"', t)
    return re.sub(r"\s+", " ", t).strip()


def load_forum(root: Path | None = None) -> list[ForumSentence]:
    path = (root or data_dir()) / "forum" / "advice_sentences.jsonl"
    out: list[ForumSentence] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        text = normalize_forum(row["text"])
        if len(text) < 2:
            continue
        out.append(ForumSentence(text, bool(row["advice"]), row["split"], row["source"], row["post_id"].split("-")[0]))
    return out


# --------------------------------------------------------------------------- the project's own lines

# What the offline voice's {placeholders} hold: the mentee's words, pronouns swapped (as its tests fill them).
_FILLERS = ("leading the platform team", "the head of design", "more say in the work", "the hackathon", "quitting",
            "moving to London", "the money", "asking for a raise")
_FILLS_PER_LINE = 3


def house_lines(*, fill: bool = True) -> list[str]:
    """Every line the offline coach can say (coach/data/voice.toml, placeholders filled) and the
    question bank's questions: the project's own voice, which by design neither advises nor judges.
    The detector learns them as negatives for advice, judgment and leading questions only (their
    other labels are not written down). `fill=False` leaves the placeholders in (the fixed lines are
    then the ones without any)."""
    from coach.guard.text import _sentences

    def strings(node: object) -> list[str]:
        if isinstance(node, str):
            return [node]
        if isinstance(node, list):
            return [x for item in node for x in strings(item)]
        if isinstance(node, dict):
            return [x for item in node.values() for x in strings(item)]
        return []

    def filled(text: str, k: int) -> str:
        word = _FILLERS[k % len(_FILLERS)]
        return re.sub(r"\{(\w+)\}", lambda m: word[:1].upper() + word[1:] if m.group(1)[0].isupper() else word, text)

    from importlib import resources

    data = resources.files("coach") / "data"
    voice = tomllib.loads((data / "voice.toml").read_text(encoding="utf-8"))
    bank = tomllib.loads((data / "question_bank.toml").read_text(encoding="utf-8"))
    if fill:
        texts = [filled(t, k * _FILLS_PER_LINE + j) for k, t in enumerate(strings(voice)) for j in range(_FILLS_PER_LINE)]
    else:  # as written: the lines without placeholders are what the voice says word for word
        texts = strings(voice)
    texts += [q["text"] for q in bank.get("question", [])]
    out: list[str] = []
    for t in texts:
        out += [s for s in _sentences(" ".join(t.split())) if len(s) > 3]
    return sorted(set(out))
