"""Shared fixtures, in one place.

- `coach_home` (autouse): every test gets its own COACH_HOME; nothing touches the user's home, and no
  backend setting leaks in from the environment.
- `settings`, `db`, `store`: the settings for that home, its SQLite path, and one open `Store` on it.
  Tests that need rows build them on top (`summary_data.add_session`, a local fixture that adds turns).
- `llama`: the one real OpenAI-compatible server (llama.cpp + SmolLM2) of the whole run. Session-scoped
  and started lazily: only a test that asks for it pays the start-up, and every module shares it.

Markers (registered in pyproject.toml): `llm` needs that server, `browser` needs chromium and
playwright, `chroma_server` starts `chroma run`, `slow` runs whole corpora or fresh processes
(`-m "not slow"` for a quick loop). Timings are never asserted here: they live in `coach bench`.

Real services, one fixture each, started once per test run and stopped with SIGTERM at its end
(tests/real_services.py has the how):

    pg_server       a throwaway PostgreSQL cluster (initdb + pg_ctl in a temp folder, as the
                    `postgres` user when the tests run as root); `team_url` gives each test its
                    own database, already at the current schema
    chroma_server   `chroma run` on a free loopback port
    oidc_provider   `oidc-provider-mock`, an OpenID Connect provider for the login tests

A missing PostgreSQL is a failure, not a skip: `make test` installs it (Debian's `postgresql`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import real_services as services
from coach.config import Settings, load_settings
from coach.store.sql import Store
from llm_server import LlamaServer, start_llama_server


@pytest.fixture(autouse=True)
def coach_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "coach-home"
    home.mkdir()
    monkeypatch.setenv("COACH_HOME", str(home))
    for var in ("COACH_BACKEND", "OPENAI_API_KEY", "OPENAI_BASE_URL", "COACH_MODEL", "COACH_CHROMA_URL",
                "COACH_DATABASE_URL", "COACH_LOGIN_MAX_AGE", "COACH_TEAM_ENROL"):
        monkeypatch.delenv(var, raising=False)
    return home


@pytest.fixture(scope="session")
def pg_server() -> Iterator[services.Postgres]:
    with services.postgres() as pg:
        yield pg


@pytest.fixture
def team_url(pg_server: services.Postgres) -> Iterator[str]:
    """A fresh team database for this test (a copy of one migrated once), dropped afterwards."""
    with pg_server.database() as url:
        yield url


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with services.chroma(tmp_path_factory.mktemp("chroma-server")) as url:
        yield url


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with services.oidc(tmp_path_factory.mktemp("oidc")) as url:
        yield url


@pytest.fixture
def settings(coach_home: Path) -> Settings:
    return load_settings({"COACH_HOME": str(coach_home)})


@pytest.fixture
def db(settings: Settings) -> Path:
    return settings.db_path


@pytest.fixture
def store(db: Path) -> Iterator[Store]:
    with Store(db) as s:
        yield s


@pytest.fixture(scope="session")
def llama(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    server = start_llama_server(tmp_path_factory.mktemp("llama"))
    try:
        yield server
    finally:
        server.stop()
