"""The database: one DuckDB file, versioned migrations, named queries, transactions.

Nothing here imports streamlit; the app keeps one connection per process (see portal.ui) and every
session or thread works on its own ``.cursor()``.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pandas as pd

from portal import allocator, frames
from portal.config import PROJECT_ROOT, db_threads
from portal.shared_connection import HeldCursor as HeldCursor
from portal.shared_connection import SharedConnection as SharedConnection
from portal.shared_connection import snapshot as snapshot
from portal.write_errors import WriteFailed as WriteFailed
from portal.write_errors import cause as cause
from portal.write_errors import is_conflict as is_conflict
from portal.write_errors import is_duplicate_key as is_duplicate_key
from portal.write_errors import is_fatal as is_fatal
from portal.write_errors import reopen_if_fatal as reopen_if_fatal
from portal.write_errors import rollback_quietly

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
QUERIES_DIR = PROJECT_ROOT / "queries"
MODELS_DIR = PROJECT_ROOT / "models"
DEFAULT_DB_PATH = PROJECT_ROOT / "data" / "portal.duckdb"

_PARAM_RE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_ROWS_RE = re.compile(r"^--\s*result:\s*rows\b", re.MULTILINE)
_SMALL_RE = re.compile(r"^--\s*result:\s*small\b", re.MULTILINE)
_MIGRATION_RE = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")
_SIZE_RE = re.compile(r"^\d+(\.\d+)? ?[KMGTP]i?B$")

T = TypeVar("T")


class DatabaseError(RuntimeError):
    """A problem with the database that the user can act on; the message says what to do."""


def db_path() -> Path:
    """The database file: ``PORTAL_DB`` or data/portal.duckdb."""
    return Path(os.environ.get("PORTAL_DB") or DEFAULT_DB_PATH)


def _explain_open_error(path: Path, exc: Exception) -> DatabaseError:
    text = str(exc)
    pid = re.search(r"PID (\d+)", text)
    in_use = re.search(r"\block\b|lock on file|conflicting lock", text, re.IGNORECASE)  # not "block"
    if in_use and pid:
        return DatabaseError(
            f"The database {path} is in use by process {pid.group(1)}. "
            "Stop that process (or the other portal / import running on it) and try again."
        )
    if in_use:
        return DatabaseError(f"The database {path} is in use by another process. Stop it and try again.")
    if path.is_dir():
        return DatabaseError(
            f"{path} is a folder, not a database file. Set PORTAL_DB to a file's path (data/portal.duckdb by "
            "default); the file is created if it does not exist."
        )
    damaged = ("not a valid DuckDB database", "Corrupt database", "checksum", "Could not read enough bytes")
    if any(d.lower() in text.lower() for d in damaged):
        return DatabaseError(
            f"The database file {path} is damaged or is not a portal database ({text.splitlines()[0]}). "
            "Nothing was changed. Restore it from a backup, or set PORTAL_DB to another path to start anew."
        )
    return DatabaseError(
        f"Cannot open the database {path}: {text.splitlines()[0] if text else type(exc).__name__}. "
        "Check that the folder exists and is writable, or set PORTAL_DB to a writable path."
    )


# DuckDB would install and load an extension a statement or a file needs (a SQLite file at PORTAL_DB: the
# sqlite_scanner, downloaded, then the portal's tables migrated into that file). The portal needs none beyond
# those built in (icu, json, parquet): nothing is installed or loaded on any connection it opens. Turned off with
# SET, not the connection's config: DuckDB refuses a second connection to the file with another config ("Can't
# open a connection to same database file with a different configuration"), so a SQLite file, which DuckDB
# reads only through that extension, is told by its header before it is opened.
_NO_EXTENSIONS = ("set autoinstall_known_extensions = false", "set autoload_known_extensions = false")
_SQLITE_HEADER = b"SQLite format 3\x00"


def _other_format(path: Path) -> DatabaseError | None:
    try:
        with open(path, "rb") as f:
            head = f.read(len(_SQLITE_HEADER))
    except OSError:
        return None  # not there (created) or not readable: DuckDB's own error says which
    if head != _SQLITE_HEADER:
        return None
    return DatabaseError(
        f"The database file {path} is damaged or is not a portal database (it is a SQLite database). Nothing "
        "was changed. Restore it from a backup, or set PORTAL_DB to another path to start anew."
    )


def connect(path: Path | str | None = None, *, read_only: bool = False, migrate: bool = True):
    """Open the database file (creating its folder) and bring its schema up to date."""
    target = Path(path) if path is not None else db_path()
    if str(target) != ":memory:":
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(
                f"Cannot create the folder {target.parent} for the database: {exc.strerror}. "
                "Set PORTAL_DB to a path in a writable folder."
            ) from exc
        if target.exists() and not os.access(target, os.R_OK | (0 if read_only else os.W_OK)):
            raise DatabaseError(
                f"The database file {target} is not writable. Set PORTAL_DB to a writable path."
            )
        if target.is_file() and (other := _other_format(target)) is not None:
            raise other
    try:
        con = duckdb.connect(str(target), read_only=read_only)
    except duckdb.InternalException as exc:
        from portal import wal_replay  # builds on this module

        if read_only or wal_replay.FAILED not in str(exc):
            raise _explain_open_error(target, exc) from exc
        wal_replay.replay_wal(target, exc)
        try:
            con = duckdb.connect(str(target))
        except (duckdb.IOException, duckdb.Error) as again:
            raise _explain_open_error(target, again) from again
    except (duckdb.IOException, duckdb.Error) as exc:
        raise _explain_open_error(target, exc) from exc
    allocator.keep_freed_memory()  # once per process: freed memory reused, not faulted in again (issue 14)
    for statement in _NO_EXTENSIONS:
        con.execute(statement)
    con.execute("set TimeZone = 'UTC'")  # current_timestamp and every stored time are UTC
    if (threads := db_threads()) is not None:  # PORTAL_DB_THREADS (issue 14: a page's CPU on a shared server)
        con.execute(f"set threads = {int(threads)}")
    if migrate and not read_only:
        migrated = apply_migrations(con)  # first: the models read the tables the migrations make
        models_applied = apply_models(con)
        if (
            migrated or models_applied
        ):  # into the file itself, never left for a WAL replay (portal.wal_replay)
            con.execute("checkpoint")
        refresh_derived(con, everything=bool(models_applied))
    elif migrate:
        check_schema_version(con)
    return con


def refresh_derived(con, *, everything: bool = False) -> None:
    """What opening the database brings in step through the write path: the stored 5S facts out of step with their
    sources (a database migrated to them, rows written outside the portal; ``everything``: the models that compute
    them changed, a new release: every store's, ``writes.refresh_fives_facts``), and the stores, agents and teams
    added by batches since undone, which the undo removes right after its commit (``writes.sweep_master_data``: a
    process killed between the two left them in the filters and master data until a later import's commit)."""
    from portal import writes  # the write path builds on this module

    in_transaction(con, lambda cur: writes.refresh_fives_facts(cur, everything=everything))
    writes.sweep_master_data(con)


# ---------------------------------------------------------------- migrations


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path


def migrations() -> list[Migration]:
    found = []
    for p in sorted(MIGRATIONS_DIR.glob("*.sql")):
        m = _MIGRATION_RE.match(p.name)
        if m:
            found.append(Migration(int(m.group(1)), m.group(2), p))
    return found


def code_schema_version() -> int:
    return max((m.version for m in migrations()), default=0)


def _ensure_migrations_table(con) -> None:
    con.execute(
        "create table if not exists schema_migrations ("
        " version integer primary key, name varchar not null,"
        " applied_at timestamp not null default current_timestamp)"
    )


def applied_versions(con) -> set[int]:
    _ensure_migrations_table(con)
    return {r[0] for r in con.execute("select version from schema_migrations").fetchall()}


def check_schema_version(con) -> None:
    exists = con.execute(
        "select count(*) from information_schema.tables where table_name = 'schema_migrations'"
    ).fetchone()[0]
    if not exists:
        return
    newest = con.execute("select coalesce(max(version), 0) from schema_migrations").fetchone()[0]
    if newest > code_schema_version():
        raise DatabaseError(
            f"The database is at schema version {newest}, newer than this portal's code "
            f"(version {code_schema_version()}). Update the portal's code before opening it."
        )


def apply_migrations(con) -> list[int]:
    """Apply, in order and each in its own transaction, the migrations not yet recorded."""
    check_schema_version(con)
    done = applied_versions(con)
    applied = []
    for mig in migrations():
        if mig.version in done:
            continue
        con.execute("begin transaction")
        try:
            con.execute(mig.path.read_text(encoding="utf-8"))
            con.execute(
                "insert into schema_migrations (version, name) values (?, ?)", [mig.version, mig.name]
            )
            con.execute("commit")
        except Exception:
            rollback_quietly(con)
            raise
        applied.append(mig.version)
    return applied


# ---------------------------------------------------------------- models (macros and views)
#
# Migrations hold schema changes only; the logic over the tables (table macros, views) lives in models/, one
# file per macro or view, named for what it returns, applied idempotently (create or replace) in dependency
# order by a read-write connection whenever the database's models differ from the code's (a digest of their SQL
# and the schema version is stored in model_state). A model names what it builds on in a header line
# ``-- depends on: other_model, ...``.

_DEPENDS_RE = re.compile(r"^--\s*depends on:\s*(.+)$", re.MULTILINE)


@dataclass(frozen=True)
class Model:
    name: str
    path: Path
    depends_on: tuple[str, ...]


@cache
def models() -> tuple[Model, ...]:
    """Every model, in an order where each comes after what it depends on."""
    found: dict[str, Model] = {}
    for p in sorted(MODELS_DIR.glob("*.sql")):
        text = p.read_text(encoding="utf-8")
        deps = tuple(
            d.strip() for m in _DEPENDS_RE.finditer(text) for d in m.group(1).split(",") if d.strip()
        )
        found[p.stem] = Model(p.stem, p, deps)
    ordered: list[Model] = []
    state: dict[str, str] = {}

    def visit(name: str, chain: tuple[str, ...]) -> None:
        if state.get(name) == "done":
            return
        if name not in found:
            raise ValueError(f"Model {chain[-1]} depends on {name}, which is not in {MODELS_DIR}")
        if state.get(name) == "visiting":
            raise ValueError(f"Models depend on each other in a cycle: {' -> '.join((*chain, name))}")
        state[name] = "visiting"
        for dep in found[name].depends_on:
            visit(dep, (*chain, name))
        state[name] = "done"
        ordered.append(found[name])

    for name in sorted(found):
        visit(name, ())
    return tuple(ordered)


@cache
def models_digest() -> str:
    """A digest of every model's SQL, in applying order, and of the schema version they were written for."""
    h = hashlib.sha256(f"schema {code_schema_version()}\n".encode())
    for model in models():
        h.update(f"{model.name}\n".encode() + model.path.read_bytes() + b"\n")
    return h.hexdigest()


def _model_state(con) -> tuple[bool, str | None]:
    """(whether the database records its models' digest, the digest the last application stored)."""
    try:
        row = con.execute("select digest from model_state order by applied_at desc limit 1").fetchone()
    except duckdb.CatalogException:  # a database before migration 021 records nothing
        return False, None
    return True, (row[0] if row else None)


def apply_models(con, *, force: bool = False) -> list[str]:
    """(Re)create every model in one transaction, unless the database already holds these models (the digest
    stored by the last application equals the code's; ``force``: re-create anyway). Returns the models applied."""
    digest = models_digest()
    recorded, applied_digest = _model_state(con)
    if not force and applied_digest == digest:
        return []
    applied = []
    con.execute("begin transaction")
    try:
        for model in models():
            con.execute(model.path.read_text(encoding="utf-8"))
            applied.append(model.name)
        if recorded:
            con.execute("delete from model_state")
            con.execute("insert into model_state (digest) values (?)", [digest])
        con.execute("commit")
    except Exception:
        rollback_quietly(con)
        raise
    return applied


# ---------------------------------------------------------------- named queries


@dataclass(frozen=True)
class NamedQuery:
    name: str
    sql: str
    description: str
    parameters: frozenset[str]
    rows: bool = False  # a header line ``-- result: rows``: read as ``frames.Rows``, not a frame (run_query)
    small: bool = False  # ``-- result: small``: a few hundred rows at most, read by ``frames.small_frame``


@cache
def load_query(name: str) -> NamedQuery:
    """A query from queries/<name>.sql; its first comment line is its description."""
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise ValueError(f"Bad query name {name!r}")
    path = QUERIES_DIR / f"{name}.sql"
    sql = path.read_text(encoding="utf-8")
    first = next((ln for ln in sql.splitlines() if ln.startswith("--")), "-- ")
    code = "\n".join(ln.split("--", 1)[0] for ln in sql.splitlines())
    rows, small = _ROWS_RE.search(sql) is not None, _SMALL_RE.search(sql) is not None
    return NamedQuery(name, sql, first.lstrip("- ").strip(), frozenset(_PARAM_RE.findall(code)), rows, small)


def query_names() -> list[str]:
    return sorted(p.stem for p in QUERIES_DIR.glob("*.sql"))


def bind(query: NamedQuery, params: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters a query uses, taken from ``params``; a missing one is an error."""
    missing = query.parameters - params.keys()
    if missing:
        raise KeyError(f"Query {query.name} needs parameters {sorted(missing)}")
    return {k: params[k] for k in query.parameters}


# A model with a lighter twin for a parameter's common value (issue 14): complaint_facts reads durations on the
# stores' opening hours when $business_hours is true, and DuckDB binds and plans that part of it (~35-45 ms of CPU
# a statement, a third of a small query) even when it is false. A query calling complaint_facts(...) with
# $business_hours false runs complaint_facts_calendar(...) instead: the same parameters, rows and columns
# (models/complaint_facts.sql is built on it; tests/test_complaints_queries.py holds both equal).
_TWINS: tuple[tuple[str, str, str], ...] = (
    ("business_hours", "complaint_facts(", "complaint_facts_calendar("),
)


def statement_sql(query: NamedQuery, params: Mapping[str, Any]) -> str:
    """The text ``query`` runs with ``params``: its own, with a model's lighter twin where one applies."""
    twins = tuple(
        i
        for i, (param, call, _) in enumerate(_TWINS)
        if param in query.parameters and params.get(param) is False and call in query.sql
    )
    return _with_twins(query, twins) if twins else query.sql


@cache
def _with_twins(query: NamedQuery, twins: tuple[int, ...]) -> str:
    """``query``'s text with the calls of ``_TWINS[i]`` for each i replaced by their twins, made once a query
    (issue 14: the substitution over complaint_breakdowns' text cost 0.24 ms a statement)."""
    sql = query.sql
    for i in twins:
        _, call, twin = _TWINS[i]
        sql = re.sub(rf"\b{re.escape(call)}", twin, sql)
    return sql


def run_query(
    con, name: str, params: Mapping[str, Any] | None = None, scope=None
) -> pd.DataFrame | frames.Rows:
    """Run queries/<name>.sql with bound parameters (the caller's scope merged in) on a fresh cursor: its result
    as a frame, or as ``frames.Rows`` for a query of a row or two that says ``-- result: rows``.

    ``$lang`` (the reader's language: store names through the store_label macro) is 'en' unless ``params``
    says otherwise; the portal's ``ui.query`` binds the session's language."""
    query = load_query(name)
    merged: dict[str, Any] = {"lang": "en"}
    if scope is not None:
        merged.update(scope.sql_params())
    merged.update(params or {})
    bound = bind(query, merged)
    cur = con.cursor()
    try:
        return read_result(query, cur.execute(statement_sql(query, bound), bound))
    except duckdb.FatalException as exc:
        reopen_if_fatal(con, exc)
        raise
    finally:
        cur.close()


def read_result(query: NamedQuery, result) -> pd.DataFrame | frames.Rows:
    """``query``'s executed result as ``run_query`` reads it: ``frames.Rows`` (``-- result: rows``),
    ``frames.small_frame`` (``-- result: small``) or ``frames.frame``."""
    if query.rows:
        return frames.rows(result)
    return frames.small_frame(result) if query.small else frames.frame(result)


# ---------------------------------------------------------------- settings


def set_memory_limit(con, size: str) -> None:
    """DuckDB's memory limit for ``con``'s database: ``size`` as DuckDB writes one ("160MB", "18.8 GiB", what
    ``current_setting('memory_limit')`` gives back). ``SET`` takes no parameters, so anything else is refused
    here rather than written into the statement."""
    if not _SIZE_RE.fullmatch(size):
        raise ValueError(f"not a memory size: {size!r}")
    con.execute(f"set memory_limit = '{size}'")


# ---------------------------------------------------------------- transactions


def in_transaction(con, work: Callable[[Any], T], *, retries: int = 5, backoff_s: float = 0.05) -> T:
    """Run ``work(cursor)`` in one transaction; retry DuckDB write-write conflicts a bounded number of times. A
    database error that is no conflict (or one that outlasted the retries) is raised as ``WriteFailed``."""
    attempt = 0
    while True:
        cur = con.cursor()
        try:
            cur.execute("begin transaction")
            result = work(cur)
            cur.execute("commit")
            return result
        except Exception as exc:
            try:
                cur.execute("rollback")
            except duckdb.Error:
                pass
            attempt += 1
            if is_conflict(exc) and attempt <= retries:
                time.sleep(backoff_s * attempt)
                continue
            if isinstance(exc, duckdb.Error) and not isinstance(exc, WriteFailed):
                failed = WriteFailed((str(exc).splitlines() or [type(exc).__name__])[0][:300])
                if reopen_if_fatal(con, exc):
                    failed.key = "app.write_fatal"
                raise failed from exc
            raise
        finally:
            cur.close()


@contextmanager
def registered(cur, name: str, frame) -> Iterator[Any]:
    """``frame`` as the view ``name`` on ``cur`` while the block runs (a file's keys checked against the stored
    rows); unregistered after, also when the block raises."""
    cur.register(name, frame)
    try:
        yield cur
    finally:
        cur.unregister(name)


@contextmanager
def cursor(con) -> Iterator[Any]:
    cur = con.cursor()
    try:
        yield cur
    finally:
        cur.close()
