"""Settings: one function reads the environment (and an optional settings file under COACH_HOME).

Environment wins over the file. The API key is a SecretStr so it never prints by accident.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import platformdirs
from pydantic import BaseModel, Field, SecretStr, ValidationError

from coach.errors import ConfigError

SETTINGS_FILE = "settings.json"


class Settings(BaseModel):
    home: Path
    backend: Literal["offline", "openai"] = "offline"
    api_key: SecretStr | None = None
    base_url: str | None = None
    model: str = "gpt-4o-mini"
    # COACH_TIMEOUT: the longest the mentee waits for the first words of a reply, everything
    # included (connecting, the first token, keep-alives, retries, a revision). Past it the reply
    # is the offline voice's. Once words show, the rest must follow without a stall longer than
    # this, and the whole reply within FINISH_FACTOR times it (coach/realize/deadline.py).
    timeout_s: float = Field(default=5.0, gt=0, le=600)
    connect_timeout_s: float = 3.0
    max_retries: int = 2  # retried only while the budget allows (429, 5xx, refused connections)
    chroma_url: str | None = None  # client/server mode, e.g. http://127.0.0.1:8000
    # The team store (docs/TEAM.md): a PostgreSQL URL. Unset, Bedrock is personal: SQLite in `home`.
    database_url: str | None = None
    # A file holding the database password (a container secret), so that no URL in any file or
    # environment holds it: it is put into `database_url` when the settings are read.
    # COACH_DATABASE_PASSWORD_FILE.
    database_password_file: Path | None = None
    # A login older than this many seconds must sign in again, even if its token has not expired
    # (0: only the token's own `exp` counts). COACH_LOGIN_MAX_AGE.
    login_max_age_s: float = Field(default=0.0, ge=0)
    # Who may sign in to a team server: anyone the login provider vouches for (joins as a mentee),
    # or only people an admin added ("closed"). COACH_TEAM_ENROL.
    team_enrol: Literal["open", "closed"] = "open"

    @property
    def db_path(self) -> Path:
        return self.home / "bedrock.sqlite3"

    @property
    def vector_path(self) -> Path:
        return self.home / "vectors"

    def model_post_init(self, __context: object) -> None:
        # Every secret is registered the moment settings hold it, so any error text made later is
        # scrubbed of it (coach/text/secrets.py), whichever path the settings came by.
        from coach.text.secrets import remember

        if self.api_key is not None:
            remember(self.api_key.get_secret_value())
        for url in (self.base_url, self.chroma_url, self.database_url):
            if url:
                remember(urlsplit(url).password)

    def public_dict(self) -> dict[str, object]:
        """Settings safe to show or save: the key only as set / not set."""
        d = self.model_dump(mode="json", exclude={"api_key", "database_url", "database_password_file"})
        d["api_key_set"] = self.api_key is not None
        d["team"] = self.database_url is not None
        return d


def default_home() -> Path:
    return Path(platformdirs.user_data_dir("bedrock-coach", appauthor=False))


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read settings from COACH_HOME/settings.json, then the environment on top."""
    env = os.environ if environ is None else environ
    home = Path(env.get("COACH_HOME") or default_home()).expanduser()
    values: dict[str, object] = {}
    file = home / SETTINGS_FILE
    if file.exists():
        try:
            values.update(json.loads(file.read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError) as exc:
            raise ConfigError(f"Cannot read settings file {file}: {exc}. Fix or delete it.") from exc
    for key, name in (
        ("backend", "COACH_BACKEND"),
        ("api_key", "OPENAI_API_KEY"),
        ("base_url", "OPENAI_BASE_URL"),
        ("model", "COACH_MODEL"),
        ("chroma_url", "COACH_CHROMA_URL"),
        ("timeout_s", "COACH_TIMEOUT"),
        ("database_url", "COACH_DATABASE_URL"),
        ("database_password_file", "COACH_DATABASE_PASSWORD_FILE"),
        ("login_max_age_s", "COACH_LOGIN_MAX_AGE"),
        ("team_enrol", "COACH_TEAM_ENROL"),
    ):
        if env.get(name):
            values[key] = env[name]
    values.pop("api_key_set", None)
    values.pop("team", None)
    if values.get("database_url") and values.get("database_password_file"):
        values["database_url"] = _with_password(str(values["database_url"]), Path(str(values["database_password_file"])))
    values["home"] = home
    try:
        return Settings(**values)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        hint = {"backend": " COACH_BACKEND must be 'offline' or 'openai'.",
                 "team_enrol": " COACH_TEAM_ENROL must be 'open' or 'closed'."}.get(where, "")
        raise ConfigError(f"Invalid setting '{where}': {first['msg']}.{hint}") from None


def _with_password(url: str, file: Path) -> str:
    from urllib.parse import quote, urlsplit, urlunsplit

    try:
        password = file.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigError(f"Cannot read the database password file {file}: {exc.strerror or exc}.") from None
    parts = urlsplit(url)
    if not password or parts.password is not None:
        return url
    host = parts.netloc.rsplit("@", 1)[-1]
    user = quote(parts.username or "", safe="")
    return urlunsplit((parts.scheme, f"{user}:{quote(password, safe='')}@{host}", parts.path, parts.query, parts.fragment))


def save_settings(settings: Settings, *, include_key: bool = False) -> Path:
    """Write settings to COACH_HOME/settings.json (mode 600). The key only if asked."""
    settings.home.mkdir(parents=True, exist_ok=True)
    # The database URL holds a password and belongs to the deployment (its environment), not the file.
    data = settings.model_dump(mode="json", exclude={"home", "api_key", "database_url", "database_password_file"})
    if include_key and settings.api_key is not None:
        data["api_key"] = settings.api_key.get_secret_value()
    path = settings.home / SETTINGS_FILE
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    os.chmod(path, 0o600)
    return path
