"""Issue 14: ``PORTAL_DB_THREADS`` sets DuckDB's threads of every connection the portal opens (``db.connect``):
on a server whose cores many sessions share, a page's statements on one thread cost less CPU than split over
every core. Unset, empty or not a number: DuckDB's own (one per core)."""

from __future__ import annotations

import duckdb
import pytest

from portal import config, db


def _threads(path, read_only: bool = False) -> int:
    con = db.connect(path, read_only=read_only)
    try:
        return int(con.execute("select current_setting('threads')").fetchone()[0])
    finally:
        con.close()


def _duckdbs_own() -> int:
    con = duckdb.connect()
    try:
        return int(con.execute("select current_setting('threads')").fetchone()[0])
    finally:
        con.close()


@pytest.mark.parametrize("text, want", [("1", 1), (" 3 ", 3), ("0", 1), ("500", 64)])
def test_the_setting_reaches_duckdb(tmp_path, monkeypatch, text, want):
    monkeypatch.setenv("PORTAL_DB_THREADS", text)
    assert config.db_threads() == want
    assert _threads(tmp_path / "t.duckdb") == want
    assert _threads(tmp_path / "t.duckdb", read_only=True) == want  # a read-only connection too


@pytest.mark.parametrize("text", [None, "", "two", "1.5"])
def test_without_a_number_duckdb_keeps_its_own(tmp_path, monkeypatch, text):
    if text is None:
        monkeypatch.delenv("PORTAL_DB_THREADS", raising=False)
    else:
        monkeypatch.setenv("PORTAL_DB_THREADS", text)
    assert config.db_threads() is None
    assert _threads(tmp_path / "t.duckdb") == _duckdbs_own()
