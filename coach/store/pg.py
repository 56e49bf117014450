"""The team store: one PostgreSQL database for everyone, seen by each person as their own store.

`PgStore(url, person_id)` has the whole `Store` API (coach/store/sql.py holds the logic, written
once for both dialects; this module is only the plumbing), so the coach, the summary, forgetting
and "What Bedrock remembers" work unchanged on a team server. Choices, and why:

- Every transaction runs as a role that owns nothing (`bedrock_app`, or `bedrock_viewer` for a
  mentor's or manager's reads; coach/store/migrations.py), with the person in `app.user_id`, both
  set with `set_config(…, true)`: local to that transaction, so a pooled connection can never
  carry one person's identity into the next checkout. Row-level security then scopes every query
  to that person's rows, whatever the query says; a policy, not a WHERE clause someone could forget.
- The same first statement checks the person is still active (`bedrock_active`): an admin's
  removal takes effect on that person's very next read or write, not at their next login.
- A pool (psycopg_pool) shared per database URL by every person's store in the process; its reset
  runs `RESET ALL` on each returned connection as a second line of defence.
- Schema upgrades run once per process, under an advisory lock (two app servers starting at once
  do not both migrate), and only when the database is behind: the role the app signs in with
  needs DDL rights only for an upgrade (docs/TEAM.md: `coach admin migrate` with the owner's URL).
- Forgetting: rows are deleted in one transaction with a tombstone, like SQLite. Postgres keeps
  dead rows' bytes in its data files until VACUUM reuses the space, and in the WAL and backups
  until they are recycled; Bedrock cannot scrub a server's disk (docs/GUARANTEES.md says so).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
import psycopg.errors
from psycopg_pool import ConnectionPool, PoolTimeout

from coach.errors import Refused, StoreError
from coach.store.migrations import APP_ROLE, MIGRATIONS, SCHEMA_VERSION
from coach.store.sql import Store

MIGRATION_LOCK = 0x6265_6472_6F63_6B
  # pg_advisory_xact_lock key: "bedrock"
POOL_MAX = 10
PERSON_ID = re.compile(r"[A-Za-z0-9_.:-]{1,128}")
POOL_TIMEOUT_S = 10.0

class Row(dict):  # type: ignore[type-arg]
    """A row readable by column name and by position, like sqlite3.Row (the shared SQL uses both)."""

    __slots__ = ("_values",)

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, int):
            return self._values[key]
        return dict.__getitem__(self, key)


def _row_factory(cursor: Any) -> Callable[[Sequence[Any]], Row]:
    names = [d.name for d in cursor.description or ()]

    def make(values: Sequence[Any]) -> Row:
        row = Row(zip(names, values))
        row._values = values
        return row

    return make


_SQL: dict[str, str] = {}


def _translate(sql: str) -> str:
    """The shared SQL's `?` placeholders as psycopg's `%s` (a literal % doubled)."""
    out = _SQL.get(sql)
    if out is None:
        out = _SQL[sql] = sql.replace("%", "%%").replace("?", "%s")
    return out


class Conn:
    """What the shared Store code calls `conn`: `execute(sql, params)` with `?` placeholders."""

    __slots__ = ("raw",)

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        self.raw = raw

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> psycopg.Cursor[Any]:
        if params:
            return self.raw.execute(_translate(sql), params)
        return self.raw.execute(sql)


def public_url(url: str) -> str:
    """The URL without its password (for messages and logs)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[-1]
    user = parts.username or ""
    return urlunsplit((parts.scheme, f"{user}:***@{netloc}" if user else netloc, parts.path, parts.query, ""))


def describe(url: str) -> str:
    parts = urlsplit(url)
    where = parts.hostname or "localhost"
    if parts.port:
        where += f":{parts.port}"
    return f"the team database {where}{parts.path or ''}"


_pools: dict[str, ConnectionPool[Any]] = {}
_schema_ok: set[str] = set()
_pools_lock = threading.Lock()


def _reset(conn: psycopg.Connection[Any]) -> None:
    # Everything Bedrock sets is transaction-local already; this catches anything that is not.
    conn.execute("RESET ALL")


def get_pool(url: str, *, max_size: int = POOL_MAX) -> ConnectionPool[Any]:
    """The process's pool for this database (made on first use, checked and upgraded once)."""
    with _pools_lock:
        pool = _pools.get(url)
        if pool is None:
            try:
                pool = ConnectionPool(
                    url, min_size=1, max_size=max_size, timeout=POOL_TIMEOUT_S, open=False,
                    kwargs={"autocommit": True, "row_factory": _row_factory}, reset=_reset, name="bedrock",
                )
                pool.open(wait=True, timeout=POOL_TIMEOUT_S)
            except (psycopg.Error, PoolTimeout) as exc:
                raise StoreError(_unreachable(url, exc)) from None
            _pools[url] = pool
    if url not in _schema_ok:
        ensure_schema(pool, url)
        _schema_ok.add(url)
    return pool


def close_pool(url: str) -> None:
    """Close this database's pool (a test dropping its database; a template about to be copied)."""
    with _pools_lock:
        pool = _pools.pop(url, None)
        _schema_ok.discard(url)
    if pool is not None:
        pool.close()


def close_pools() -> None:
    with _pools_lock:
        for pool in _pools.values():
            pool.close()
        _pools.clear()
        _schema_ok.clear()


def _unreachable(url: str, exc: BaseException) -> str:
    return (f"Cannot reach {describe(url)} ({str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__}). "
            "Check COACH_DATABASE_URL and that PostgreSQL is running; unset it to use this device's own store.")


def schema_version(conn: psycopg.Connection[Any]) -> int:
    exists = conn.execute("SELECT to_regclass('bedrock_schema') IS NOT NULL").fetchone()[0]
    if not exists:
        return 0
    row = conn.execute("SELECT version FROM bedrock_schema").fetchone()
    return int(row[0]) if row else 0


def ensure_schema(pool: ConnectionPool[Any], url: str = "") -> int:
    """Upgrade the database to SCHEMA_VERSION (no-op when it is there). Returns the version before."""
    where = describe(url) if url else "the team database"
    try:
        with pool.connection() as conn:
            before = schema_version(conn)
            if before > SCHEMA_VERSION:
                raise StoreError(
                    f"{where} was written by a newer Bedrock (schema {before}, this one knows "
                    f"{SCHEMA_VERSION}). Upgrade Bedrock on this server.")
            if before == SCHEMA_VERSION:
                return before
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
                conn.execute("CREATE TABLE IF NOT EXISTS bedrock_schema (version INTEGER NOT NULL)")
                version = schema_version(conn)  # another server may have upgraded meanwhile
                for i in range(version, SCHEMA_VERSION):
                    for statement in MIGRATIONS[i].statements("postgres"):
                        conn.execute(statement)
                conn.execute("DELETE FROM bedrock_schema")
                conn.execute("INSERT INTO bedrock_schema (version) VALUES (%s)", (SCHEMA_VERSION,))
            return before
    except psycopg.errors.InsufficientPrivilege as exc:
        raise StoreError(
            f"{where} needs an upgrade to schema {SCHEMA_VERSION}, and the role in COACH_DATABASE_URL may "
            f"not change the schema ({str(exc).strip()}). Run `coach admin migrate` with the owner's URL."
        ) from None
    except (psycopg.OperationalError, PoolTimeout) as exc:
        raise StoreError(_unreachable(url, exc)) from None


class Transaction:
    """One transaction as a person, in a role (see the module docstring)."""

    def __init__(self, pool: ConnectionPool[Any], person: str | None, role: str | None, where: str, *,
                 check_active: bool = True) -> None:
        if person is not None and (not isinstance(person, str) or not PERSON_ID.fullmatch(person)):
            raise Refused("Not signed in as anyone this server knows.")
        self.pool, self.person, self.role, self.where = pool, person, role, where
        self.check_active = check_active

    @contextmanager
    def __call__(self, action: str) -> Iterator[Conn]:
        try:
            with self.pool.connection() as raw, raw.transaction():
                if self.person is None:  # the operator (`coach admin` with the owner's URL): no RLS
                    pass
                elif self.check_active:
                    raw.execute(
                        "SELECT set_config('role', %s, true), set_config('app.user_id', %s, true), bedrock_active(%s)",
                        (self.role, self.person, self.person),
                    )
                else:  # a login being refused: its audit line is written as that (removed) person
                    raw.execute("SELECT set_config('role', %s, true), set_config('app.user_id', %s, true)",
                                (self.role, self.person))
                yield Conn(raw)
        except psycopg.errors.InsufficientPrivilege as exc:
            if "not active" in str(exc):
                raise Refused("This account was removed from the team by an admin.") from None
            raise Refused(f"The team database refused to {action} that: {_first_line(exc)}.") from None
        except PoolTimeout:
            raise StoreError(f"{self.where} is too busy right now (no free connection in "
                             f"{POOL_TIMEOUT_S:.0f} s). Try again in a moment.") from None
        except psycopg.OperationalError as exc:
            raise StoreError(f"Lost {self.where} while trying to {action} ({_first_line(exc)}). "
                             "Nothing you typed before this was lost; try again.") from None
        except psycopg.Error as exc:
            raise StoreError(f"Database error on {self.where} while trying to {action}: {_first_line(exc)}.") from exc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class PgStore(Store):
    """One person's view of the team database: the Store API, every row scoped to `person_id`."""

    _ROW_ORDER = "s.seq"
    _FOR_UPDATE = " FOR UPDATE"

    def __init__(self, url: str, person_id: str, *, pool: ConnectionPool[Any] | None = None) -> None:
        self.url = url
        self.person_id = person_id
        self.pool = pool or get_pool(url)
        self._where = describe(url)
        self.path = None  # type: ignore[assignment]  # no file: messages use `where`
        self._tx = Transaction(self.pool, person_id, APP_ROLE, self._where)
        self._local = threading.local()
        self._lock = threading.RLock()  # unused by the plumbing; kept for code that expects it

    @property
    def where(self) -> str:
        return self._where

    def close(self) -> None:
        """The pool is shared by every person's store in the process: nothing to close here."""

    @staticmethod
    def _is_conflict(exc: BaseException | None) -> bool:
        return isinstance(exc, psycopg.errors.UniqueViolation)

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        yield  # Transaction translates the driver's errors

    @contextmanager
    def _write(self, action: str) -> Iterator[Any]:
        current = getattr(self._local, "conn", None)
        if current is not None:  # a read inside a write: the same transaction
            yield current
            return
        with self._tx(action) as conn:
            self._local.conn = conn
            try:
                yield conn
            finally:
                self._local.conn = None

    _read = _write

    def _migrate(self) -> None:
        ensure_schema(self.pool, self.url)

    @property
    def schema_version(self) -> int:
        with self.pool.connection() as conn:
            return schema_version(conn)

    def scrub(self) -> None:
        """Nothing a client can do: see the module docstring (and docs/GUARANTEES.md)."""
