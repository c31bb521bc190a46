"""The server's one DuckDB connection, shared by every session's thread (``db.SharedConnection``).

Found by the role x page browser test: with five sessions walking their pages at once, the inspector's 5S form
raised ``'NoneType' object has no attribute 'name'``: ``tpl.load_all(con)`` executed on the shared connection
itself, which holds one pending result, and another session's statement took its place."""

from __future__ import annotations

import concurrent.futures

import duckdb
import pytest

from portal import db
from portal.fives_intake import template as tpl
from tests import fives_fixture, fixtures


def test_a_connection_holds_one_pending_result_a_shared_one_a_result_per_execute():
    raw = duckdb.connect()
    first = raw.execute("select 1")
    raw.execute("select 2")
    assert first.fetchone() == (2,)  # the raw connection: the second statement took the first's result
    shared = db.SharedConnection(duckdb.connect())
    first = shared.execute("select 1")
    second = shared.execute("select ?", [2])
    assert first.fetchone() == (1,) and second.fetchone() == (2,)


def test_reading_a_result_off_the_shared_connection_or_a_transaction_on_it_is_refused():
    shared = db.SharedConnection(duckdb.connect())
    for name in ("fetchone", "fetchall", "fetchdf", "begin", "commit", "register"):
        with pytest.raises(AttributeError, match="cursor"):
            getattr(shared, name)
    cur = shared.cursor()
    cur.execute("begin transaction")
    cur.execute("create table t (x int)")
    cur.execute("commit")
    assert shared.execute("select count(*) from t").fetchone() == (0,)


def test_sessions_loading_5s_templates_at_once_each_get_them(tmp_path):
    con = fixtures.build_fixture_db(tmp_path / "p.duckdb")
    fives_fixture.load_templates(con)
    shared = db.SharedConnection(con)
    want = sorted(tpl.load_all(shared))
    assert want, "the fixture has 5S templates"

    def load(_):
        return sorted(tpl.load_all(shared)), tpl.default_template(tpl.load_all(shared)) is not None

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(load, range(60)))
    assert all(keys == want and found for keys, found in got)
    con.close()
