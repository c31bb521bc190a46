"""Issue 14: the previous period's row holds the columns of complaint_summary that the tiles' change reads, nothing
else (queries/complaint_previous_summary.sql): DuckDB then computes no aggregate that no page reads (the backlog by
age, the date-only counts, the resolutions within target). Its values are complaint_summary's, and every key the
tiles (``complaints.tiles``: issue 9's rules, the day shares) and the overview's test of a rate's change read from
the previous row is among its columns, whatever the path (hours, whole days, no data).
"""

from __future__ import annotations

import pytest

import tests.complaints_fixture as fx
from portal import complaints, db, kpi
from portal.overview import sources_complaints
from portal.scope import Scope

GOALS = complaints.Targets()


class Reads(dict):
    """A row noting every key read from it (``get`` and ``[]``)."""

    def __init__(self, row):
        super().__init__(row)
        self.read: set[str] = set()

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)


@pytest.fixture
def fcon(con):
    fx.load(con)
    return con


def _rows(con):
    """(the previous row as the page reads it, complaint_summary's whole row of the same period, the change's
    comparison, the current row)."""
    run = kpi.runner(con, Scope.everything())
    previous = fx.CURRENT.previous()
    previous_as_of = complaints.period_end(previous)
    slim, against = complaints.previous_summary(
        run, fx.CURRENT, GOALS, as_of=fx.AS_OF, previous_as_of=previous_as_of, sla_as_of=fx.AS_OF
    )
    whole = complaints.summary(run, previous, GOALS, as_of=previous_as_of, sla_as_of=fx.AS_OF)
    current = complaints.summary(run, fx.CURRENT, GOALS, as_of=fx.AS_OF)
    return slim, whole, against, current


def _scenarios(whole: dict) -> list[tuple[dict, dict]]:
    """(current, previous) rows of every column, taking the tiles' paths: both in hours with every figure counted,
    both in whole days, a previous period without data of each kind."""
    counted = {k: (40 if k.endswith(("_count", "_n")) else 12.5) for k in whole}
    counted |= {"first_response_days_n": 0, "resolution_days_n": 0, "cancelled_count": 0}
    in_days = counted | {"first_response_days_n": 50, "resolution_days_n": 50}
    nothing = {k: (0 if k.endswith(("_count", "_n")) else None) for k in whole}
    unknown = nothing | {"complaint_count": 10, "unanswered_count": 5, "resolution_unknown_count": 3}
    unknown |= {"reopen_unknown_count": 2, "status_unknown_count": 4}
    resolved = counted | {"recovery_n": 0, "reopen_base_count": 0, "reopen_unknown_count": 3}
    return [
        (counted, counted),
        (in_days, in_days),
        (counted, in_days),
        (in_days, counted),
        (counted, nothing),
    ] + [
        (counted, unknown),
        (counted, resolved),
    ]


def test_the_previous_row_is_complaint_summarys_columns_that_the_change_reads(fcon):
    slim, whole, against, _ = _rows(fcon)
    assert slim["complaint_count"] > 0  # the fixture's previous period holds complaints
    assert slim == {k: whole[k] for k in slim}  # complaint_summary's values
    read: set[str] = set()
    for current, previous in _scenarios(whole):
        before = Reads(previous)
        for fig in complaints.tiles(current, before, GOALS, fx.CURRENT, against):
            sources_complaints._tested(fig, current, before)  # the overview: a rate's change tested
        read |= before.read
    assert read <= slim.keys()  # nothing a tile's change reads is missing (a missing key reads as no data)
    # and nothing else is computed: before, the backlog by age and the date-only counts came along
    assert set(slim) == read
    assert {
        "backlog_gt_7d_count",
        "received_date_only_count",
        "resolution_within_target_count",
    } & slim.keys() == set()


def test_the_tiles_are_the_same_against_the_whole_row(fcon):
    slim, whole, against, current = _rows(fcon)
    assert complaints.tiles(current, slim, GOALS, fx.CURRENT, against) == complaints.tiles(
        current, whole, GOALS, fx.CURRENT, against
    )
    assert any(fig.compared for fig in complaints.tiles(current, slim, GOALS, fx.CURRENT, against))


def test_the_previous_rows_statement_is_complaint_summarys_but_its_select_list():
    # the two files carry the same facts and first-day steps (not a shared macro: the calendar twin is swapped in
    # a query's own text, db.statement_sql); a change to one alone would give the previous period other figures
    def steps(name: str) -> str:
        sql = db.load_query(name).sql
        return sql[sql.index("\nwith\n") : sql.index("\n-- the tiles' figures")]

    assert steps(complaints.PREVIOUS_SUMMARY_QUERY) == steps(complaints.SUMMARY_QUERY)
    assert "from complaint_facts(" in steps(complaints.SUMMARY_QUERY)
