"""The store view's tables as a reader downloads them (portal/overview/store.py, through export.to_csv_bytes as
ui.table writes them).

Fixture (tests/fixtures.py: R1 North S001 S002, R2 South S003), week of 2026-11-02 (UTC), S001: complaints C1
C2 C3, first answered after 2 h, 5 h and 30 h (24-hour commitment: 2 of 3 met, 66.666...%), none resolved.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from portal import db, export, kpi
from portal.overview import store as store_view
from portal.overview.sources import window_for
from portal.scope import Scope
from tests import fixtures

WEEK = date(2026, 11, 2)
WINDOW = window_for(datetime(2026, 11, 10), week=WEEK, timezone="UTC")
COMPLAINTS = [("C1", 1, 1, 2), ("C2", 1, 1, 5), ("C3", 1, 1, 30)]  # source id, store, region, hours to answer


@pytest.fixture
def con(tmp_path):
    con = fixtures.build_fixture_db(tmp_path / "store_view.duckdb")
    received = datetime(2026, 11, 3, 10)
    con.executemany(
        "insert into complaints (source, source_id, received_at, first_response_at, channel, status, store_id, "
        "region_id) values ('fx', ?, ?, ?, 'hotline', 'responded', ?, ?)",
        [
            (sid, received, received + timedelta(hours=h), store, region)
            for sid, store, region, h in COMPLAINTS
        ],
    )
    yield con
    con.close()


def _view(con, scope: Scope, code: str = "S001"):
    row = store_view.find_store(db.run_query(con, "filter_stores", {}, scope), code)
    return store_view.store_view(
        kpi.runner(con, scope),
        WINDOW,
        con,
        row,
        date(2026, 11, 10),
        areas=("complaints",),
        whole_chain=scope.all_stores,
    )


def _csv(frame) -> list[str]:
    return export.to_csv_bytes(frame, "en").decode("utf-8-sig").splitlines()


def test_the_trend_csv_holds_the_figures_as_shown(con):
    """The trend's CSV held Complaints 3.0 and SLA attainment 66.66666666666666 while the page showed 3 and 66.7
    (figure-audit probe): each figure is rounded as its column shows it (trend_formats), a count whole."""
    view = _view(con, Scope.everything())
    trend = store_view.trend_table(view, "en")
    lines = _csv(trend.reset_index())
    header = lines[0].split(",")
    last = dict(zip(header, lines[-1].split(","), strict=False))
    assert last["Week"] == "2026-11-02"
    assert (last["Complaints"], last["Response SLA attainment"], last["Response SLA attainment: n"]) == (
        "3",
        "66.7",
        "3",
    )
    assert lines[1].split(",")[:2] == ["2026-08-17", "0"]  # a week without complaints: 0, not 0.0
    assert store_view.trend_formats(view, "en")["Response SLA attainment"] == "%.1f%%"  # shown: 66.7%
