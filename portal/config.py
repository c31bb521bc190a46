"""Run-time configuration, all from the environment (documented in the README)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def env_number(name: str, default: float, low: float, high: float | None = None) -> float:
    """The number an environment setting gives, kept within ``low``..``high``; its default when unset or not a
    number (``PORTAL_COOKIE_DAYS=abc`` raised on every sign-in, ``PORTAL_BCRYPT_ROUNDS=abc`` in create-admin)."""
    try:
        value = float(os.environ.get(name, "").strip() or default)
    except ValueError:
        value = default
    if value != value:  # NaN
        value = default
    return max(low, value if high is None else min(high, value))


def date_floor() -> date:
    """The earliest date the portal takes (``PORTAL_MIN_DATE``, default 2000-01-01): in a file, 1900 is a typo or
    an empty Excel date, not a complaint; in a report period, the first day it may start on."""
    try:
        return date.fromisoformat(os.environ.get("PORTAL_MIN_DATE", "2000-01-01"))
    except ValueError:
        return date(2000, 1, 1)


def upload_limit_mb() -> int:
    """Largest accepted upload in MB: ``PORTAL_UPLOAD_LIMIT_MB`` (default 200)."""
    try:
        return max(1, int(os.environ.get("PORTAL_UPLOAD_LIMIT_MB", "200")))
    except ValueError:
        return 200


def server_duckdb_mb() -> int | None:
    """DuckDB's memory limit for the web server in MB (``PORTAL_DUCKDB_MEMORY_MB``), or None for DuckDB's own
    (80 % of the machine's memory). Past it DuckDB spills to a temporary file where it can (an upload read in
    chunks keeps its rows in DuckDB until the commit) and refuses a query where it cannot."""
    text = os.environ.get("PORTAL_DUCKDB_MEMORY_MB", "").strip()
    if not text:
        return None
    try:
        return max(64, int(text))
    except ValueError:
        return None


def db_threads() -> int | None:
    """DuckDB's threads for every connection the portal opens (``PORTAL_DB_THREADS``, 1 to 64), or None for
    DuckDB's own (one per core). Issue 14: on a server whose cores are shared by many sessions' pages, a page
    statement run on one thread costs less CPU than one split over every core (see the README)."""
    text = os.environ.get("PORTAL_DB_THREADS", "").strip()
    if not text:
        return None
    try:
        return min(64, max(1, int(text)))
    except ValueError:
        return None
