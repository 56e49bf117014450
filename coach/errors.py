"""Domain errors. The core raises these; the CLI and UI translate them at the edge.

    CoachError
    ├── ConfigError          bad settings (unknown backend, missing key) — says how to fix it
    ├── StoreError           the SQLite file is locked, corrupt or unwritable — names the file
    │   └── NotFound         a session / item id that does not exist
    ├── ModelError           the model server failed; the agent answers in the offline voice
    │   ├── ModelUnreachable   no connection: the server is down or the address is wrong
    │   ├── ModelTimedOut      no answer within COACH_TIMEOUT (the one deadline per reply)
    │   ├── ModelBadResponse   it answered, but not with a usable reply (5xx, not a chat
    │   │                      completion, empty, cut off, a broken connection mid-reply)
    │   └── ModelRefused       it said no: key rejected, no such model, rate-limited, another 4xx
    ├── PromptError          a prompt file is missing or its variables do not match
    ├── ShareFileError       a share file is malformed or from an unknown version
    └── Refused              a team server said no: not yours to see, removed, login expired
"""


class CoachError(Exception):
    """Base of every error Bedrock raises on purpose.

    Its text is where an error becomes words for a person, a log or a report, so secrets are
    scrubbed here, once (coach/text/secrets.py): a server that echoes the API key back in a 401
    cannot put it in any message made from this error.
    """

    def __str__(self) -> str:
        from coach.text.secrets import redact

        return redact(super().__str__())


class ConfigError(CoachError):
    pass


class StoreError(CoachError):
    pass


class NotFound(StoreError):
    pass


class ModelError(CoachError):
    """The model server failed. Its text says what to do; the agent falls back to the offline voice.

    Which subclass is decided in one place, `coach.realize.llm.model_error` (from the client's
    exceptions); the realizer raises the others itself (an empty or cut-off reply, the deadline).
    Catch `ModelError` to handle any of them.
    """


class ModelUnreachable(ModelError):
    """No connection to the model server: it is not running, or OPENAI_BASE_URL is wrong."""


class ModelTimedOut(ModelError):
    """The model server did not answer (or show words) within COACH_TIMEOUT."""


class ModelBadResponse(ModelError):
    """The server answered, but not with a usable reply: a 5xx, a body that is not a chat
    completion, an empty or cut-off reply, only noise once cleaned, or a connection that broke
    mid-reply."""


class ModelRefused(ModelError):
    """The server said no: the key was rejected (401/403), the model is not there (404), the
    requests are rate-limited past the retries (429), or another 4xx."""


class PromptError(CoachError):
    pass


class ShareFileError(CoachError):
    pass


class Refused(CoachError):
    """A team server refused: someone asked for what is not theirs to see, or is no longer allowed
    to ask (removed by an admin, login expired). The refusal is written to the audit log."""
