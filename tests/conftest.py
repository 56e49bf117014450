"""Shared fixtures: every test gets its own COACH_HOME; nothing touches the user's home.

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

import pytest
import real_services as services


@pytest.fixture(autouse=True)
def coach_home(tmp_path, monkeypatch):
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
