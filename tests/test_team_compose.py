"""The team deployment files, checked without Docker (it does not run here): compose.yaml parses and
wires the three services the way docs/TEAM.md says, with settings the app really reads, and no
secret in any committed file.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from coach.config import load_settings

ROOT = Path(__file__).resolve().parent.parent


def _compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


def test_compose_wires_postgres_chroma_and_the_app(tmp_path: Path) -> None:
    c = _compose()
    assert set(c["services"]) == {"db", "chroma", "app"}
    db, chroma, app = (c["services"][k] for k in ("db", "chroma", "app"))
    assert chroma["image"].startswith("chromadb/chroma:") and chroma["volumes"] == ["chroma-data:/data"]
    assert db["image"].startswith("postgres:") and "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert db["environment"]["POSTGRES_PASSWORD_FILE"] == "/run/secrets/db_password"
    assert app["depends_on"]["db"]["condition"] == "service_healthy" and "chroma" in app["depends_on"]
    env = app["environment"]
    db_url = urlsplit(env["COACH_DATABASE_URL"])
    assert db_url.scheme == "postgresql" and db_url.hostname == "db" and db_url.password is None
    assert urlsplit(env["COACH_CHROMA_URL"]).hostname == "chroma"
    # every setting it passes is one the app reads, with a valid value
    assert env["COACH_DATABASE_PASSWORD_FILE"] == "/run/secrets/db_password"
    password = tmp_path / "db_password"
    password.write_text("s3cret/with:odd@chars\n", encoding="utf-8")
    s = load_settings({"COACH_HOME": "/data", **{k: str(v) for k, v in env.items()},
                       "COACH_DATABASE_PASSWORD_FILE": str(password)})
    assert (s.chroma_url, s.backend, s.team_enrol, s.login_max_age_s) == (
        env["COACH_CHROMA_URL"], "offline", "open", 43200.0)
    assert urlsplit(s.database_url).hostname == "db" and unquote(urlsplit(s.database_url).password) == \
        "s3cret/with:odd@chars"
    assert "s3cret" not in str(s.public_dict())
    command = " ".join(app["command"])
    assert "--secrets.files /run/secrets/streamlit" in command and "ui/app.py" in command
    assert set(app["secrets"]) == {"db_password", "streamlit"} == set(c["secrets"])
    for name in ("db_password", "streamlit"):
        assert c["secrets"][name]["file"].startswith("./secrets/")
    mounted = {v.split(":")[0] for svc in c["services"].values() for v in svc.get("volumes", [])}
    assert mounted == set(c["volumes"])
    assert app["ports"] == ["127.0.0.1:8501:8501"]  # behind the organisation's TLS proxy


def test_the_image_and_the_login_example_are_complete() -> None:
    docker = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    for line in ("COPY coach coach", "COPY ui ui", "python -m coach.store.quantize", "USER bedrock"):
        assert line in docker
    example = tomllib.loads((ROOT / "docs" / "team-secrets.example.toml").read_text(encoding="utf-8"))
    auth = example["auth"]
    assert set(auth) >= {"redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url"}
    assert auth["redirect_uri"].endswith("/oauth2callback")
    assert auth["server_metadata_url"].endswith("/.well-known/openid-configuration")


def test_no_secret_is_committed_and_the_guide_names_every_file() -> None:
    guide = (ROOT / "docs" / "TEAM.md").read_text(encoding="utf-8")
    for needed in ("secrets/db_password", "secrets/streamlit.toml", "compose.yaml", "coach admin migrate",
                   "pg_dump", "pg_restore", "COACH_DATABASE_URL", "COACH_CHROMA_URL", "COACH_LOGIN_MAX_AGE"):
        assert needed in guide, needed
    for path in (ROOT / "compose.yaml", ROOT / "Dockerfile", ROOT / "docs" / "team-secrets.example.toml"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"postgresql://[^/\s:@]+:[^@\s]+@", text), path  # no password in a URL
        assert "CHANGE-ME" in text or path.name != "team-secrets.example.toml"
