"""Secrets scrubbed at the one place errors become text.

A model server that answers 401 with "Incorrect API key provided: <the key>" puts the key in the
client's exception message; from there it would reach `coach eval` reports, `--json` output, logs
and the guard events stored with each turn. Rather than hoping every f-string remembers to scrub,
the key is registered once, when the settings are read (`coach.config.load_settings`), and
`redact(text)` removes it, wherever text is made from an error:

- `CoachError.__str__` (coach/errors.py): every domain error's message, so the CLI edge, the app's
  error box, eval reports and tracebacks print it scrubbed;
- a log-record factory (installed with the first secret): every log message, any logger;
- the CLI's JSON output (coach/cli/out.py) and the store's coach turns and guard events.

`redact` also masks what merely looks like a key (sk-..., Bearer ...), which catches other servers'
keys echoed back; registered secrets are matched exactly, whatever their shape, together with the
masked forms servers print ("sk-abc...wxyz").
"""

from __future__ import annotations

import logging
import re
import threading

MASK = "***"
MIN_SECRET = 6  # shorter "secrets" (a placeholder like "x") would mask ordinary words
_KEYLIKE = re.compile(r"\b(?:sk|pk|rk|key|az)[-_][A-Za-z0-9_\-]{8,}|\bBearer\s+[A-Za-z0-9._~+/=\-]{8,}", re.IGNORECASE)

_lock = threading.Lock()
_secrets: tuple[str, ...] = ()
_pattern: re.Pattern[str] | None = None
_factory_installed = False


def remember(secret: str | None) -> None:
    """Register a secret (an API key, a password in a URL) to scrub from every text made later."""
    global _secrets, _pattern
    if not secret or len(secret) < MIN_SECRET:
        return
    forms = {secret}
    if len(secret) >= 12:  # servers echo keys partly masked: "sk-abcd...wxyz", "****wxyz"
        forms |= {secret[:8], secret[-6:]}
    with _lock:
        if forms <= set(_secrets):
            return
        _secrets = tuple(sorted(set(_secrets) | forms, key=len, reverse=True))
        _pattern = re.compile("|".join(re.escape(s) for s in _secrets))
    _install_log_factory()


def forget_all() -> None:
    """Drop every registered secret (tests; a settings change that removes the key)."""
    global _secrets, _pattern
    with _lock:
        _secrets, _pattern = (), None


def redact(text: object, *, keylike: bool = True) -> str:
    """`text` with every registered secret (and, with `keylike`, anything key-shaped) masked."""
    s = str(text)
    pattern = _pattern
    if pattern is not None:
        s = pattern.sub(MASK, s)
    if keylike:
        s = _KEYLIKE.sub(MASK, s)
    return s


def redact_stored(text: str | None) -> str | None:
    """For data kept on disk: only registered secrets (a mentee may type something key-shaped)."""
    if text is None or _pattern is None:
        return text
    return _pattern.sub(MASK, text)


def _install_log_factory() -> None:
    """Scrub every log record when it is made: handlers, files and captured logs all get clean text."""
    global _factory_installed
    with _lock:
        if _factory_installed:
            return
        _factory_installed = True
    previous = logging.getLogRecordFactory()

    def factory(*args: object, **kwargs: object) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        if _pattern is None:
            return record
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a malformed log call must not break logging
            return record
        clean = redact(message, keylike=False)
        if clean != message:
            record.msg, record.args = clean, ()
        if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
            # the traceback text is made from str(exc): format it now, scrubbed
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info), keylike=False)
        return record

    logging.setLogRecordFactory(factory)
