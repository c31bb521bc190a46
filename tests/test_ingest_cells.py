"""Column-wide cleaning (portal/ingest/cells.py) gives what the cell-by-cell rules give, for every kind of cell."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from portal.ingest import cells

TRICKY = [
    "S001",  # plain: kept as it is
    "",
    "a b",  # an inner space is plain
    " A001",  # outer spaces
    "A001 ",
    "A001\t",
    "A001\n",
    "\u200bS003",  # zero-width space
    "S0\u00ad03",  # soft hyphen
    "\ufeffS004",
    "Ｓ００１",  # full width
    '="0042"',
    '="',
    "=SUM(A1)",  # a formula lead is plain text here (the export neutralises it)
    "N/A",
    "n/a",
    "NULL",
    " null ",
    "-",
    "--",
    "—",
    "无",
    " 无 ",
    "未知",
    "unknown",
    "Unknown",
    "none of it",
    "A001\u3000",
    "\u00a0B002\u00a0",
    "投诉",
    "ﬁle",  # a ligature NFKC splits
    "x\x0b",  # a vertical tab: Python strips it
    "S001",  # repeats: computed once per distinct value
    "Ｓ００１",
    "(空)",  # 问卷星's no-answer markers
    "（跳过）",
]


@pytest.mark.parametrize("free_text", [False, True])
def test_column_wide_cleaning_is_the_cell_by_cell_rules(free_text):
    raw = pd.Series(TRICKY, index=range(10, 10 + len(TRICKY)))
    want, want_held = cells._clean_each(raw, free_text)
    got, held = cells.clean_cells(raw, free_text=free_text)
    assert got.tolist() == want.tolist()
    assert held.tolist() == want_held.tolist()
    assert got.index.equals(raw.index) and held.index.equals(raw.index)
    assert got.dtype == raw.dtype and held.dtype == bool


def test_survey_tools_no_answer_markers_are_blank_even_in_free_text():
    # 问卷星 writes "(空)" for a question left blank and "(跳过)" for one skipped: in a comment column they were
    # stored as the customer's comment (found by a tester); any other placeholder stays text there ("-", "无")
    raw = pd.Series(["(空)", "（空）", "(跳过)", "（跳过）", "-", "无", "很好(空调太冷)"])
    got, held = cells.clean_cells(raw, free_text=True)
    assert got.tolist() == ["", "", "", "", "-", "无", "很好(空调太冷)"]
    assert held.tolist() == [True, True, True, True, False, False, False]
    coded, _ = cells.clean_cells(raw, free_text=False)
    assert coded.tolist()[:6] == ["", "", "", "", "", ""]


def test_plain_cells_are_printable_ascii_without_outer_spaces():
    raw = pd.Series(["S001", "", "a b", " a", "a ", "a\n", "Ｓ", '="1"', "=1"])
    # by hand: outer spaces, a newline, a full-width letter and an ="..." wrapper need cleaning
    assert cells.plain_mask(raw).tolist() == [True, True, True, False, False, False, False, False, True]


def test_object_columns_and_missing_cells():
    raw = pd.Series(["N/A", None, " x "], dtype=object)
    got, held = cells.clean_cells(raw)
    assert got.iloc[0] == "" and pd.isna(got.iloc[1]) and got.iloc[2] == "x"
    assert held.tolist() == [True, False, False]


def test_numbers_column_wide_and_by_the_rules_in_one_column():
    # plain numbers and blanks read column-wide, the others by the export rules, in one column
    raw = pd.Series(["4", "", "-2.5", "1,234", "4,5", "9分", "20%", "four", " 5 ", "1e3"])
    got = cells.parse_number(raw)
    want = [4.0, None, -2.5, 1234.0, 4.5, 9.0, 20.0, None, 5.0, 1000.0]
    assert [None if pd.isna(x) else float(x) for x in got] == want
    assert got.index.equals(raw.index)
    assert cells.simple_numbers(raw).tolist() == [True, True, True] + [False] * 7


def test_shared_objects_is_astype_object_with_one_string_per_distinct_cell():
    raw = pd.Series(["S001", None, "S001", "S002"], index=[5, 6, 7, 8], dtype="str")
    got = cells.shared_objects(raw)
    want = raw.astype(object)
    assert got.dtype == object and got.index.equals(raw.index)
    assert got.iloc[0] == "S001" and pd.isna(got.iloc[1]) and got.iloc[3] == "S002"
    assert [type(x) for x in got] == [type(x) for x in want]  # NaN for a missing cell, as astype gives
    assert got.iloc[0] is got.iloc[2]  # one string for the two S001 cells
    objects = pd.Series(["a", None], dtype=object)
    assert cells.shared_objects(objects).iloc[1] is None  # an object column keeps its None


def test_day_order_found_among_candidate_cells_only():
    from portal.ingest.stamps import day_first_in

    # by hand: 13 cannot be a month, so a first part of 13 says day first; a second part of 13 month first
    assert day_first_in([pd.Series(["2026-11-03 10:00", " 13/11/2026"])]) is True  # a leading space
    assert day_first_in([pd.Series(["\t11/13/2026"]), pd.Series(["13/11/2026"])]) is False
    assert (
        day_first_in([pd.Series(["１３/１１/２０２６"])]) is True
    )  # full-width digits are digits to str.extract
    assert day_first_in([pd.Series(["2026-11-03", "", "3/1/2026"])]) is None  # nothing above 12


@pytest.mark.parametrize("dtype", [object, "str"])
@pytest.mark.parametrize(
    "lookup",
    [{"a": "A", "b": None, "": "x"}, {"a": 1, "b": 2}, {}, {"a": "A", "b": "B", "c": "C", "": "", "Ｓ": "S"}],
)
def test_map_distinct_is_series_map(dtype, lookup):
    # one look-up per distinct cell, the same values and dtype as pandas' own map of a dict
    drawn = np.random.default_rng(1).choice(np.array(["a", "b", "c", "", "Ｓ", None], dtype=object), 500)
    s = pd.Series(drawn, dtype=dtype, index=np.arange(7, 507))
    pd.testing.assert_series_equal(cells.map_distinct(s, lookup), s.map(lookup))


def test_freshdesks_no_agent_is_no_value(con):
    """Freshdesk writes "No Agent" for an unassigned ticket: with "add unknown codes" it became an agent of
    that name; it is a placeholder, the complaint has no agent."""
    from datetime import datetime

    from portal.auth import User
    from portal.ingest import pipeline, registry
    from portal.scope import Scope

    data = (
        b"source_id,received_at,channel,store_code,agent_code\nF-1,2026-03-02 09:00,hotline,S001,No Agent\n"
    )
    options = pipeline.ImportOptions(now=datetime(2026, 6, 1), timezone="UTC", add_missing=True)
    admin = User("t_admin", "Test Admin", ("admin",), Scope.everything())
    _, result = pipeline.import_bytes(con, registry.kind("complaints"), data, "fd.csv", None, options, admin)
    assert result.rows_added == 1 and result.master_added == {}
    assert con.execute("select agent_id from complaints where source_id = 'F-1'").fetchone() == (None,)
    assert con.execute("select count(*) from agents where agent_code ilike 'no agent'").fetchone() == (0,)


def _import_agents(con, agents: list[str], store: str = "S001"):
    from datetime import datetime

    from portal.auth import User
    from portal.ingest import pipeline, registry
    from portal.scope import Scope

    lines = ["source_id,received_at,channel,store_code,agent_code"]
    lines += [f"U-{i},2026-03-02 09:00,hotline,{store},{a}" for i, a in enumerate(agents)]
    options = pipeline.ImportOptions(now=datetime(2026, 6, 1), timezone="UTC", add_missing=True)
    admin = User("t_admin", "Test Admin", ("admin",), Scope.everything())
    data = ("\n".join(lines) + "\n").encode("utf-8")
    return pipeline.import_bytes(con, registry.kind("complaints"), data, "u.csv", None, options, admin)


def test_unassigned_tickets_have_no_agent(con):
    """CRMs and queues write an unassigned ticket's agent as "Unassigned", 未分配, 待分配, 未指派 (and Excel
    "(blank)"): with "add unknown codes" each became an agent of that name (probe of real exports)."""
    marks = ["Unassigned", "未分配", "待分配", "未指派", " not assigned ", "(blank)", "（空白）"]
    agents_before = con.execute("select count(*) from agents").fetchone()[0]
    _, result = _import_agents(con, marks)
    assert result.rows_added == len(marks) and result.master_added == {}
    assert con.execute("select count(*) from complaints where agent_id is not null").fetchone() == (0,)
    assert con.execute("select count(*) from agents").fetchone()[0] == agents_before
    # in another column the words keep their meaning: a status "Unassigned" is an open ticket, its text kept
    from datetime import datetime

    from portal.auth import User
    from portal.ingest import pipeline, registry
    from portal.scope import Scope

    data = (
        "source_id,received_at,channel,status,store_code\nV-1,2026-03-02 09:00,未指定,Unassigned,S001\n"
    ).encode()
    options = pipeline.ImportOptions(now=datetime(2026, 6, 1), timezone="UTC")
    admin = User("t_admin", "Test Admin", ("admin",), Scope.everything())
    pipeline.import_bytes(con, registry.kind("complaints"), data, "v.csv", None, options, admin)
    assert con.execute(
        "select status, status_raw, channel_raw from complaints where source_id = 'V-1'"
    ).fetchone() == ("open", "Unassigned", "未指定")


def test_a_code_of_zeros_is_never_added_as_a_new_agent_or_store(con):
    # an export's numeric "none" (agent 0): with "add unknown codes" it became agent "0" with a scorecard
    from datetime import datetime

    from portal.auth import User
    from portal.ingest import pipeline, registry
    from portal.ingest.core import NothingWritten
    from portal.scope import Scope

    agents_before = con.execute("select count(*) from agents").fetchone()[0]
    with pytest.raises(NothingWritten):
        _import_agents(con, ["0", "000"])
    assert con.execute("select count(*) from complaints where source_id like 'U-%'").fetchone() == (0,)
    assert con.execute("select count(*) from agents").fetchone()[0] == agents_before
    data = b"source_id,received_at,channel,store_code,agent_code\nZ-1,2026-03-02 09:00,hotline,0,0\n"
    options = pipeline.ImportOptions(now=datetime(2026, 6, 1), timezone="UTC", add_missing=True)
    admin = User("t_admin", "Test Admin", ("admin",), Scope.everything())
    kind = registry.kind("complaints")
    prepared = pipeline.prepare(con, kind, pipeline.read(con, kind, data, "z.csv"), None, options, admin)
    errors = prepared.errors
    assert sorted(errors["column"]) == ["agent_code", "store_code"] and set(errors["row"]) == {2}
    assert prepared.unknown_codes == {}  # nothing offered for adding


def test_a_formula_kept_as_text_is_never_added_as_a_new_agent_or_store(con):
    # a QA export's agent cell =HYPERLINK("x") became agent '=HYPERLINK("x")' with "add unknown codes" (probe)
    from datetime import datetime

    from portal.auth import User
    from portal.ingest import pipeline, registry
    from portal.scope import Scope

    data = (
        b'source_id,received_at,channel,store_code,agent_code\nF-1,2026-03-02 09:00,hotline,S001,"=HYPERLINK(""x"")"\n'
        b"F-2,2026-03-02 09:00,hotline,@SUM(A1),\nF-3,2026-03-02 09:00,hotline,S001,NEW7\n"
    )
    options = pipeline.ImportOptions(now=datetime(2026, 6, 1), timezone="UTC", add_missing=True)
    admin = User("t_admin", "Test Admin", ("admin",), Scope.everything())
    kind = registry.kind("complaints")
    prepared = pipeline.prepare(con, kind, pipeline.read(con, kind, data, "f.csv"), None, options, admin)
    errors = prepared.errors
    assert sorted(zip(errors["row"], errors["column"], strict=True)) == [(2, "agent_code"), (3, "store_code")]
    assert set(errors["reason"]) == {"ingest.error.formula_code"}
    assert prepared.unknown_codes == {"agent_code": ["NEW7"]}  # a real new code is still offered
