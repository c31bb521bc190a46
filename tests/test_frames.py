"""portal.frames: a result converted by way of Arrow is the frame DuckDB's ``.df()`` gives, column for column."""

from __future__ import annotations

from datetime import UTC, date, datetime

import duckdb
import pandas as pd
import pytest

from bench import registry
from portal import db, demo, frames
from tests import fixtures

# one statement per kind of column, with and without nulls, empty, all null
COLUMNS = {
    "integers": "select * from (values (1::tinyint, 2::smallint, 3::integer, 4::bigint, 5::utinyint, "
    "6::usmallint, 7::uinteger, 8::ubigint)) t(a, b, c, d, e, f, g, h)",
    "integers with a null": "select * from (values (1::integer, 2::bigint, 3::smallint), (null, null, null)) "
    "t(a, b, c)",
    "integers all null": "select null::integer as a, null::bigint as b from range(3)",
    "booleans": "select * from (values (true), (false)) t(b)",
    "booleans with a null": "select * from (values (true), (null)) t(b)",
    "booleans all null": "select null::boolean as b from range(2)",
    "integers mostly with a null": "select * from (values (1::integer, null::integer, 3::integer, 4::bigint), "
    "(null, 2, null, 5)) t(a, b, c, d)",
    "booleans mostly with a null": "select * from (values (true, null::boolean, false), (null, true, true)) "
    "t(a, b, c)",
    "text all null beside text": "select 'a' as s, null::varchar as t, null::varchar as u from range(2)",
    "floats": "select * from (values (1.5::double, 2.5::float), (null, null), ('nan'::double, 'inf'::float)) "
    "t(d, f)",
    "text": "select * from (values ('a'), ('b')) t(s)",
    "text with a null": "select * from (values ('a'), (null), ('门店')) t(s)",
    "text all null": "select null::varchar as s from range(3)",
    "dates": "select * from (values (date '2026-01-05'), (null), (date '1999-12-31')) t(d)",
    "timestamps": "select * from (values (timestamp '2026-01-05 10:11:12.123456'), (null)) t(ts)",
    "counts as decimals": "select sum(x::bigint) as hugeint_sum, sum(x::integer)::decimal(38, 0) as dec0 "
    "from range(5) t(x)",
    "counts as decimals with a null": "select * from (values (1::decimal(18, 0)), (null)) t(d)",
    "empty": "select 1::integer as i, 'a' as s, true as b, 1.5::double as d, date '2026-01-01' as dt, "
    "timestamp '2026-01-01' as ts, 2::decimal(38, 0) as n where false",
    # left to .df(): types it converts in its own way
    "decimal with a fraction": "select * from (values (1.25::decimal(10, 2)), (null)) t(d)",
    "time zones": "select timestamptz '2026-01-05 10:00:00+08' as t",
    "lists and structs": "select [1, 2] as l, {'a': 1} as s, interval 3 day as i",
    "repeated names": "select 1 as a, 2 as a",
    "repeated names in another case": 'select 1 as "Store_ID", 2 as store_id',
}


@pytest.mark.parametrize("name", list(COLUMNS))
def test_a_column_converted_by_way_of_arrow_is_what_df_gives(name):
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    sql = COLUMNS[name]
    expected = con.execute(sql).df()
    got = frames.frame(con.execute(sql))
    pd.testing.assert_frame_equal(got, expected)


@pytest.mark.parametrize("name", list(COLUMNS))
def test_a_small_result_fetched_as_numpy_is_what_df_gives(name):
    # issue 14 (session 40): a query of a few hundred rows at most ("-- result: small") is fetched with fetchnumpy,
    # without Arrow's fixed cost per table; its frame is .df()'s, column for column, labels included
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    sql = COLUMNS[name]
    expected = con.execute(sql).df()
    got = frames.small_frame(con.execute(sql))
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert got.columns.dtype == expected.columns.dtype and type(got.index) is type(expected.index)
    for column in expected.columns:  # a null is the same kind of missing value (None, NaN, NA, NaT)
        assert [type(v) for v in got[column]] == [type(v) for v in expected[column]], column


def test_the_5s_pages_first_views_are_read_as_small_results(tmp_path, monkeypatch):
    # the ranking and the heat map, read on every first paint of the 5S page, are a row per store (x section)
    assert db.load_query("fives_store_ranking").small and db.load_query("fives_store_section_heatmap").small
    assert db.load_query("satisfaction_by_store").small  # the Satisfaction page's ranking, a row per store
    # the pages' other results of a row per store, month, inspector, item or team (session 51)
    for name in (
        "fives_trend",
        "fives_inspector_consistency",
        "fives_action_loop",
        "satisfaction_trend",
        "servqual_item_gaps",
        "servqual_drivers",
        "qa_open_disputes",
    ):
        assert db.load_query(name).small, name
    assert not db.load_query("complaint_list").small and not db.load_query("qa_review_list").small
    assert not db.load_query("fives_headline").small
    seen = []
    real = frames.small_frame
    monkeypatch.setattr(frames, "small_frame", lambda result: seen.append(1) or real(result))
    con = fixtures.fresh_db(tmp_path / "s.duckdb")
    try:
        from portal.filters import default_filters
        from portal.fives import figures
        from portal.scope import Scope

        run = figures.runner(con, Scope.everything())
        figures.heatmap(run, default_filters())
        assert len(seen) == 1
        figures.consistency(run, default_filters())
        assert len(seen) == 2
        figures.actions(
            run, default_filters(), figures.load_settings(con)
        )  # a row per action: by way of Arrow
        assert len(seen) == 2
    finally:
        con.close()


def test_a_result_of_many_columns_with_nulls_is_made_a_frame_at_once(monkeypatch):
    """complaint_breakdowns' shape: most integer columns hold a null in some row, a few text columns none at all;
    they come out of the one conversion of the whole result, not set on the frame a column at a time (issue 14:
    4-5 ms a result). Only the integer column of a type whose other columns hold a null is set afterwards."""
    con = duckdb.connect()
    sql = (
        "select 'summary' as dimension, 1::bigint as n, null::bigint as backlog, null::bigint as breaches, "
        "null::integer as store_id, null::varchar as channel, null::varchar as store_code union all "
        "select 'week', 2, 3, null, null, null, null union all select 'store', 4, null, 5, 9, null, null"
    )
    expected = con.execute(sql).df()
    set_columns: list[str] = []
    real = pd.DataFrame.__setitem__

    def noted(self, key, value):
        set_columns.append(key)
        return real(self, key, value)

    monkeypatch.setattr(pd.DataFrame, "__setitem__", noted)
    got = frames.frame(con.execute(sql))
    monkeypatch.setattr(pd.DataFrame, "__setitem__", real)
    pd.testing.assert_frame_equal(got, expected)
    assert set_columns == ["n"]


def test_only_the_types_it_converts_go_by_way_of_arrow():
    con = duckdb.connect()
    assert frames.convertible(con.execute(COLUMNS["integers with a null"]).description)
    assert frames.convertible(con.execute(COLUMNS["empty"]).description)
    for name in (
        "decimal with a fraction",
        "time zones",
        "lists and structs",
        "repeated names",
        "repeated names in another case",
    ):
        assert not frames.convertible(con.execute(COLUMNS[name]).description), name


def _plain_rows(df: pd.DataFrame):
    """``.df()``'s rows as ``fetchall`` gives them: NULL as None, a DATE column's timestamps as dates."""
    for row in df.astype(object).itertuples(index=False):
        yield tuple(
            None if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v)
            else v.date() if isinstance(v, pd.Timestamp)
            else v.item() if hasattr(v, "item")
            else v
            for v in row
        )  # fmt: skip


def test_every_named_query_of_the_page_cases_gives_the_frame_df_gives(tmp_path, monkeypatch):
    """Every page case of the bench, on a small demo: each named query's frame equals ``.df()``'s."""
    con = fixtures.fresh_db(tmp_path / "f.duckdb")
    # the demo runs up to now: the cases' filters are the last 90 days before today
    demo.generate(
        con,
        scale=0.005,
        seed=11,
        as_of=datetime.now(UTC).replace(tzinfo=None, minute=0, second=0, microsecond=0),
    )
    rows: dict[str, int] = {}
    real = db.run_query

    def both(con_, name, params=None, scope=None):
        got = real(con_, name, params, scope)
        query = db.load_query(name)
        bound = db.bind(
            query, {"lang": "en"} | (scope.sql_params() if scope is not None else {}) | dict(params or {})
        )
        cur = con_.cursor()
        try:
            expected = cur.execute(db.statement_sql(query, bound), bound).df()
        finally:
            cur.close()
        if query.rows:  # a row or two read as Python values (frames.Rows): those .df() holds, NULL as None
            assert isinstance(got, frames.Rows) and list(got.columns) == list(expected.columns), name
            assert got.values == tuple(_plain_rows(expected)), name
        else:
            pd.testing.assert_frame_equal(got, expected, obj=name)
        rows[name] = max(rows.get(name, 0), len(got))
        return got

    monkeypatch.setattr(db, "run_query", both)
    registry.load_cases()
    for case in registry.CASES.values():
        if case.kind == "page":
            case.duckdb_fn(con)
    con.close()
    # the queries of every area went through the comparison, on rows (not only on empty frames)
    for name in (
        "complaint_previous_summary",
        "complaint_breakdowns",
        "fives_headline",
        "satisfaction_summary",
        "complaint_list",
        "qa_review_list",
        "servqual_dimension_gaps",
        "servqual_item_gaps",
        "satisfaction_trend",
        "fives_store_ranking",
        "fives_trend",
        "scorecard_agent_periods",
    ):
        assert rows.get(name, 0) > 0, (name, rows.get(name))


@pytest.mark.parametrize(
    "convert, says",
    [(frames.frame, "column 'd'"), (frames.small_frame, r"DATE \(-?infinity\)")],  # small_frame: .df()'s own
    ids=["frame", "small_frame"],
)
@pytest.mark.parametrize("value", ["infinity", "-infinity"])
def test_an_infinite_date_is_refused_with_duckdbs_error_as_df_refuses_it(value, convert, says):
    # callers catch duckdb.Error (the command line turns it into a message); pyarrow's ArrowInvalid would escape
    con = duckdb.connect()
    try:
        sql = f"select '{value}'::date as d, 1 as n"
        with pytest.raises(duckdb.ConversionException):
            con.execute(sql).df()
        with pytest.raises(duckdb.ConversionException, match=says):
            convert(con.execute(sql))
    finally:
        con.close()


def test_a_headline_of_two_rows_is_read_as_rows_not_a_frame():
    # issue 14: the 5S headline and the satisfaction summary (two rows each) were converted to frames and picked by
    # set_index / .loc, ~1.7 ms of CPU beside ~4.5 ms for the 5S headline's statement; a query that says
    # "-- result: rows" in its header is read with fetchall (frames.Rows), every other one as a frame
    assert db.load_query("fives_headline").rows and db.load_query("satisfaction_summary").rows
    assert (
        db.load_query("complaint_summary").rows and db.load_query("complaint_previous_summary").rows
    )  # one row
    assert not db.load_query("fives_trend").rows and not db.load_query("complaint_breakdowns").rows
    con = duckdb.connect()
    try:
        got = frames.rows(
            con.execute(
                "select * from (values ('current', 1::bigint, null::double, date '2024-01-02'),"
                " ('previous', 2::bigint, 1.5::double, null::date)) as t (period, n, x, d)"
            )
        )
    finally:
        con.close()
    assert got.columns == ("period", "n", "x", "d") and len(got) == 2
    assert got["d"] == [date(2024, 1, 2), None]
    assert got.by("period") == {
        "current": {"period": "current", "n": 1, "x": None, "d": date(2024, 1, 2)},
        "previous": {"period": "previous", "n": 2, "x": 1.5, "d": None},
    }


def test_rows_answer_membership_iteration_and_a_missing_column_as_a_frame_does():
    # review: `"a" in rows` and `list(rows)` fell back to __getitem__(0) and raised "tuple.index(x): x not in
    # tuple", and a missing column's error did not name it
    got = frames.Rows(("period", "n"), (("current", 1), ("previous", 2)))
    assert "n" in got and "x" not in got and list(got) == ["period", "n"]
    with pytest.raises(KeyError, match="'x'"):
        got["x"]
    with pytest.raises(KeyError, match="'x'"):
        got.by("x")


def test_a_pick_of_one_run_of_rows_is_the_boolean_pick():
    """Issue 14: ``frames.picked`` slices when the rows picked are one run; rows, labels and types as ``frame[mask]``."""
    import numpy as np

    frame = pd.DataFrame(
        {"level": ["all", "store", "store", "region"], "n": [1, 2, 3, 4]}, index=[5, 6, 7, 9]
    )
    for mask in ([False, True, True, False], [True, False, True, False], [False] * 4, [True] * 4):
        pd.testing.assert_frame_equal(frames.picked(frame, np.array(mask)), frame[np.array(mask)])


def test_a_pick_by_a_boolean_series_is_by_position_both_ways():
    """The review of 08f3a50: ``picked`` read a mask's rows by position (``np.flatnonzero``) for a slice, but by
    label (``frame[mask]``, a Series aligned to the frame's index) for any other pick; a boolean Series whose
    index is not the frame's picked other rows in the two paths. The mask is a plain array of booleans, by
    position, whatever it comes as."""
    import numpy as np

    frame = pd.DataFrame({"n": [10, 20, 30, 40]}, index=[0, 1, 2, 3])
    # positions 1 and 2 (one run), positions 0 and 3 (not one): the Series' own labels in another order
    for picks in ([False, True, True, False], [True, False, False, True]):
        mask = pd.Series(picks, index=[1, 2, 3, 0])
        got = frames.picked(frame, mask)
        assert got["n"].tolist() == frame["n"][np.array(picks)].tolist(), picks
        pd.testing.assert_frame_equal(got, frame[np.array(picks)])


def test_with_columns_is_assign_for_arrays_scalars_series_and_callables():
    """The review of 4501377: ``with_columns`` says it is ``frame.assign`` in one step, but a callable value went
    into the concat and was stored as a column of function objects; ``assign`` calls it on the frame (the
    columns added before it included). Arrays, scalars, a Series (aligned by label) and callables all give what
    ``assign`` gives."""
    import numpy as np

    frame = pd.DataFrame({"a": [1, 2, 3]}, index=[4, 5, 6])
    columns = {
        "b": np.array([0.5, 1.5, 2.5]),
        "c": "x",
        "d": pd.Series([30, 10, 20], index=[6, 4, 5]),
        "e": lambda f: f["a"] * 10,
        "f": lambda f: f["b"] + f["e"],
    }
    got = frames.with_columns(frame, columns)
    pd.testing.assert_frame_equal(got, frame.assign(**columns))
    assert got["e"].tolist() == [10, 20, 30] and got["f"].tolist() == [10.5, 21.5, 32.5]
    assert got["d"].tolist() == [10, 20, 30]
    # without a callable it is the one concat, and still what assign gives
    plain = {k: v for k, v in columns.items() if not callable(v)}
    pd.testing.assert_frame_equal(frames.with_columns(frame, plain), frame.assign(**plain))
    assert list(frame.columns) == ["a"]


def test_with_columns_of_arrays_alone_is_assign_and_owns_its_copies():
    """Session 53: numpy and pandas arrays alone are laid into the frame as blocks (``_frame_of``), not through the
    constructor's checks per column; still what ``assign`` gives, dtypes included, on the frame's own index, and
    copies as the constructor makes them (a later change to an array given is not in the frame)."""
    import numpy as np

    frame = pd.DataFrame({"a": [1, 2, 3]}, index=[4, 5, 6])
    flags, counts = np.array([True, False, True]), np.array([7, 8, 9], dtype="int64")
    columns = {
        "flag": flags,
        "n": counts,
        "m": np.array([1, 2, 3], dtype="int64"),
        "x": np.array([0.5, np.nan, 1.5]),
        "day": np.array(["2026-01-01", "NaT", "2026-02-01"], dtype="datetime64[us]"),
        "s": pd.array(["a", None, "c"], dtype="str"),
        "k": pd.array([1, None, 3], dtype="Int32"),
        "low": (pd.Series([1, 5, 9]) < 4).array,  # numpy values in a pandas array (NumpyExtensionArray)
    }
    expected = frame.assign(**columns)
    got = frames.with_columns(frame, columns)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    flags[0], counts[0] = False, 0
    columns["s"][0] = "z"
    assert got["flag"].tolist() == [True, False, True] and got["n"].tolist() == [7, 8, 9]
    assert got["s"].iloc[0] == "a"
    # text in an object array, or another length: the constructor's own way (its inference, its error)
    texts = frames.with_columns(frame, {"t": np.array(["p", "q", "r"], dtype=object)})
    pd.testing.assert_frame_equal(texts, frame.assign(t=np.array(["p", "q", "r"], dtype=object)))
    with pytest.raises(ValueError):
        frames.with_columns(frame, {"short": np.array([1, 2])})


def test_frames_of_one_query_have_their_own_column_labels():
    """The column labels of a small result are made once per set of names and shared by the frames of that set
    (session 53); each frame still names its labels on its own."""
    con = duckdb.connect()
    sql = "select 1 as a, 'x' as b"
    one, two = frames.small_frame(con.execute(sql)), frames.small_frame(con.execute(sql))
    one.columns.name = "mine"
    assert two.columns.name is None and list(two.columns) == ["a", "b"]
    one.columns = ["c", "d"]
    three = frames.small_frame(con.execute(sql))
    assert list(two.columns) == ["a", "b"] and list(three.columns) == ["a", "b"]
