"""Real services for the tests, started as processes on free loopback ports (tests/conftest.py).

PostgreSQL refuses to run as root, and CI runs as root: the cluster's folder is handed to the
`postgres` user (made by Debian's package) and initdb/pg_ctl run as that user via `runuser`.
Run as anyone else, they run as that user. The cluster is throwaway (fsync off): it holds test
data only, and `coach bench --team-load` starts its own cluster with the server's defaults.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, proc: subprocess.Popen[bytes], log: Path, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not come up:\n{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.1)


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


# -- PostgreSQL ---------------------------------------------------------------------------------


def pg_bin() -> Path:
    """The newest PostgreSQL server binaries (Debian puts them under /usr/lib/postgresql/N/bin)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("pg_ctl")
    if on_path:
        return Path(on_path).parent
    pytest.fail("The PostgreSQL server (initdb, pg_ctl) is not installed: `make install-postgres` "
                "(Debian's `postgresql` package) installs it for the team tests.")


@dataclass
class Postgres:
    host: str
    port: int
    user: str
    template: str
    folder: Path

    def url(self, db: str) -> str:
        return f"postgresql://{self.user}@{self.host}:{self.port}/{db}"

    @contextmanager
    def database(self) -> Iterator[str]:
        import psycopg

        from coach.store.pg import close_pool

        name = f"t_{secrets.token_hex(6)}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as c:
            c.execute(f"CREATE DATABASE {name} TEMPLATE {self.template}")
        url = self.url(name)
        try:
            yield url
        finally:
            close_pool(url)
            with psycopg.connect(self.url("postgres"), autocommit=True) as c:
                c.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@contextmanager
def postgres(*, fast: bool = True) -> Iterator[Postgres]:
    """A throwaway cluster with one database migrated to the current schema (the template)."""
    import psycopg

    from coach.store.pg import close_pool, ensure_schema, get_pool

    bindir = pg_bin()
    folder = Path(tempfile.mkdtemp(prefix="bedrock-pg-"))
    if os.geteuid() == 0:
        try:
            pw = pwd.getpwnam("postgres")
        except KeyError:
            pytest.fail("Running as root, the tests start PostgreSQL as the `postgres` user, which does not "
                        "exist: install Debian's `postgresql` package (`make install-postgres`).")
        os.chown(folder, pw.pw_uid, pw.pw_gid)
    data, log = folder / "data", folder / "log"
    port = free_port()
    user = "bedrock_test"
    subprocess.run(_as_postgres([str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", user,
                                 "-E", "UTF8", "--no-sync"]), check=True, capture_output=True)
    opts = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=200"
    if fast:  # test data only: no need to survive a power cut
        opts += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    started = subprocess.run(_as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60",
                                           "start", "-o", opts]), capture_output=True, text=True, check=False)
    if started.returncode != 0:
        raise RuntimeError(f"pg_ctl start failed: {started.stderr}\n{log.read_text(errors='replace')[-2000:]}")
    pg = Postgres("127.0.0.1", port, user, "bedrock_template", folder)
    try:
        with psycopg.connect(pg.url("postgres"), autocommit=True) as c:
            c.execute(f"CREATE DATABASE {pg.template}")
        url = pg.url(pg.template)
        ensure_schema(get_pool(url), url)
        close_pool(url)  # a template must have no connections when it is copied
        yield pg
    finally:
        subprocess.run(_as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
                       capture_output=True, check=False)
        shutil.rmtree(folder, ignore_errors=True)


# -- chroma -------------------------------------------------------------------------------------


@contextmanager
def chroma(folder: Path) -> Iterator[str]:
    port = free_port()
    log_path = folder / "server.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([str(BIN / "chroma"), "run", "--path", str(folder), "--host", "127.0.0.1",
                                 "--port", str(port)], cwd=folder, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_http(f"{url}/api/v2/heartbeat", proc, log_path, "chroma run")
            yield url
        finally:
            stop(proc)


# -- an OpenID Connect provider -----------------------------------------------------------------


@contextmanager
def oidc(folder: Path) -> Iterator[str]:
    port = free_port()
    log_path = folder / "oidc.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([str(BIN / "oidc-provider-mock"), "--host", "127.0.0.1", "--port", str(port)],
                                cwd=folder, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_http(f"{url}/.well-known/openid-configuration", proc, log_path, "oidc-provider-mock")
            yield url
        finally:
            stop(proc)
