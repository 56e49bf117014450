"""Domain errors. The core raises these; the CLI and UI translate them at the edge.

    CoachError
    ├── ConfigError          bad settings (unknown backend, missing key) — says how to fix it
    ├── StoreError           the SQLite file is locked, corrupt or unwritable — names the file
    │   └── NotFound         a session / item id that does not exist
    ├── ModelError           the model server is down, slow or returned garbage
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
    pass


class PromptError(CoachError):
    pass


class ShareFileError(CoachError):
    pass


class Refused(CoachError):
    """A team server refused: someone asked for what is not theirs to see, or is no longer allowed
    to ask (removed by an admin, login expired). The refusal is written to the audit log."""
