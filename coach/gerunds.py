"""The -ing form of every verb lemminflect knows, as a small table shipped with Bedrock.

The offline voice turns a goal into a noun phrase ("run the platform team" -> "running the
platform team"). lemminflect does that exactly, but importing it and loading its tables costs
~0.35 s (more with spaCy installed, which its package imports), paid by the first reply of every
process that needs one gerund. This table holds the same answers for lemminflect's 6,700 verbs
(30 KB compressed, read in a few ms); lemminflect itself is loaded only for a verb it does not
list, where its out-of-vocabulary model decides as before.

    python -m coach.gerunds        rebuilds coach/data/gerunds.txt.gz from the installed lemminflect

One line per verb: "verb" when the form is the verb plus "ing", else "verb<TAB>form".
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

from coach.lexicon import data_path

FILE = "gerunds.txt.gz"


@lru_cache(maxsize=1)
def table() -> dict[str, str]:
    """verb -> its -ing form (lowercase), for every verb in lemminflect's table."""
    try:
        raw = gzip.decompress(data_path(FILE).read_bytes()).decode("utf-8")
    except (OSError, EOFError):
        return {}  # no table: lemminflect answers every verb, as before
    out: dict[str, str] = {}
    for line in raw.splitlines():
        verb, _, form = line.partition("\t")
        if verb:
            out[verb] = form or verb + "ing"
    return out


def build(path: Path) -> int:
    """Write the table from the installed lemminflect. Returns the number of verbs."""
    import lemminflect
    from lemminflect import getInflection

    source = Path(lemminflect.__file__).parent / "resources" / "infl_lu.csv.gz"
    verbs = sorted({
        line.split(",", 1)[0].lower()
        for line in gzip.decompress(source.read_bytes()).decode("utf-8").splitlines()
        if line.split(",")[1:2] == ["verb"]
    })
    lines = []
    for verb in verbs:
        forms = getInflection(verb, tag="VBG")
        form = forms[0] if forms else verb + "ing"
        lines.append(verb if form == verb + "ing" else f"{verb}\t{form}")
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0))
    return len(lines)


if __name__ == "__main__":
    target = data_path(FILE)
    print(f"{build(target)} verbs -> {target}")
