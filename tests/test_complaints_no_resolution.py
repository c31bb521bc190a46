"""The figures of the complaints resolved in a period (resolution time, reopen rate, recovery rate) say the
reason that holds when none was resolved (SPEC §3: "no data" and why), as the first-response tiles do.

Probe (sparse data): three complaints of 2026-11-29, all open, from an export with a status column but no
resolved one; `kpi complaints` gave "no data: nothing to count in this period and selection (n = 0)" for resolution
time, reopen and recovery rate beside "Complaints: 3 (n = 3)", and so did the scorecard tables.
All stores and agents of tests/fixtures.py; complaints are imported through the pipeline (its flags).
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from portal import cli, complaints, kpi, settings
from portal.auth import User
from portal.complaints import partial
from portal.filters import Filters
from portal.i18n import t
from portal.ingest import pipeline, registry
from portal.scope import Scope
from portal.scorecards import display, figures, periods

EVERYTHING = Scope.everything()
ADMIN = User("t_admin", "Test Admin", ("admin",), EVERYTHING)
KIND = registry.kind("complaints")
GOALS = complaints.Targets(low_confidence_n=1)
WEEK = Filters(start=date(2026, 3, 2), end=date(2026, 3, 8))
RESOLVED = ("resolution_median", "resolution_p90", "reopen_rate", "recovery_rate")
# the export of the probe: a status column (all open), no first-response, resolved, closed or satisfaction column
OPEN = """
source_id,received_at,channel,store_code,agent_code,status,reopen_count
O-1,2026-03-02 10:00,hotline,S001,A001,open,0
O-2,2026-03-03 11:00,online,S001,A001,open,0
O-3,2026-03-04 12:00,hotline,S001,A001,open,0
"""


def do_import(con, text: str) -> None:
    options = pipeline.ImportOptions(now=datetime(2026, 6, 1), timezone="UTC")
    _, result = pipeline.import_bytes(
        con, KIND, (text.strip() + "\n").encode(), "x.csv", None, options, ADMIN
    )
    assert result.rows_added == text.strip().count("\n")


def week_figures(con):
    run = kpi.runner(con, EVERYTHING)
    return complaints.figures(run, WEEK, GOALS, as_of=datetime(2026, 3, 9))


def test_open_complaints_say_none_was_resolved_not_nothing_to_count(con):
    do_import(con, OPEN)
    figs = week_figures(con)
    assert figs.tile("volume").value == 3 and figs.tile("backlog").value == 3
    for key in RESOLVED:
        fig = figs.tile(key)
        # before: kpi.NONE_IN_PERIOD, "nothing to count in this period and selection (n = 0)"
        assert (fig.status, fig.reason, fig.value) == ("no_data", partial.NOT_RESOLVED, None), key
    texts = dict(zip((f.key for f in figs.tiles), complaints.tile_texts(figs, "en"), strict=True))
    assert texts["resolution_median"].captions[0][0] == (
        "no data: no complaint was resolved in this period (n = 0 resolved)"
    )
    zh = dict(zip((f.key for f in figs.tiles), complaints.tile_texts(figs, "zh"), strict=True))
    assert zh["reopen_rate"].captions[0][0] == "无数据：本周期没有已解决的投诉(已解决 n = 0)"


def test_kpi_complaints_text_names_the_reason(con, tmp_path, monkeypatch, capsys):
    do_import(con, OPEN)
    settings.put(con.cursor(), "report_timezone", "UTC", "test")
    monkeypatch.setenv("PORTAL_DB", str(tmp_path / "fixture.duckdb"))  # the con fixture's file
    period = ["--from", "2026-03-02", "--to", "2026-03-08", "--as-of", "2026-03-09T00:00"]
    code = cli.main(["kpi", "complaints", *period])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert (
        "  Resolution time, median: no data: no complaint was resolved in this period (n = 0 resolved)" in out
    )
    assert "  Reopen rate: no data: no complaint was resolved in this period (n = 0 resolved)" in out
    assert "  Recovery rate: no data: no complaint was resolved in this period (n = 0 resolved)" in out
    assert "nothing to count" not in out


@pytest.mark.parametrize(
    "text",
    [
        # no status, resolved or close column: whether they were resolved is not told
        "source_id,received_at,channel,store_code\nU-1,2026-03-02 10:00,hotline,S001\nU-2,2026-03-03 10:00,hotline,S001",
        # resolved by their status, but the export has no resolution or close time
        "source_id,received_at,channel,store_code,status\nU-1,2026-03-02 10:00,hotline,S001,resolved\n"
        "U-2,2026-03-03 10:00,hotline,S001,open",
    ],
)
def test_an_export_without_resolution_times_says_the_data_holds_none(con, text):
    do_import(con, text)
    figs = week_figures(con)
    assert figs.summary["resolution_unknown_count"] >= 1
    for key in RESOLVED:
        assert figs.tile(key).reason == partial.NO_RESOLUTION, key
    assert kpi.caption(figs.tile("resolution_median"), "en") == (
        "no data: the data holds no resolution times for this period's complaints (the export has no status, "
        "resolution or close time, or the column is empty)"
    )
    assert t(partial.NO_RESOLUTION, "zh") == (
        "数据中没有本周期投诉的解决时间(导出文件没有状态、解决时间或关闭时间列，或该列为空)"
    )


def test_resolved_complaints_without_a_satisfaction_answer_say_so_under_the_recovery_rate(con):
    do_import(
        con,
        "source_id,received_at,channel,store_code,resolved_at,reopen_count\n"
        "R-1,2026-03-02 10:00,hotline,S001,2026-03-02 20:00,0\nR-2,2026-03-03 10:00,hotline,S001,2026-03-04 06:00,1",
    )
    figs = week_figures(con)
    # resolved after 10 h and 20 h: median 15 h; 1 of 2 reopened
    assert figs.tile("resolution_median").value == pytest.approx(15.0)
    assert figs.tile("reopen_rate").value == pytest.approx(50.0)
    recovery = figs.tile("recovery_rate")
    assert (recovery.reason, recovery.value) == (partial.NO_RECOVERY, None)
    assert t(recovery.reason, "en") == (
        "no complaint resolved in this period has a post-resolution satisfaction answer (the export has none, or "
        "the column is empty)"
    )


def test_nothing_received_or_open_still_says_nothing_to_count(con):
    figs = week_figures(con)
    assert {figs.tile(k).reason for k in RESOLVED} == {kpi.NONE_IN_PERIOD}


def test_the_scorecard_says_why_the_resolved_complaints_metrics_have_no_data(con):
    do_import(con, OPEN)  # A001: three open complaints
    do_import(  # A002: one resolved by its status, no resolution time
        con,
        "source_id,received_at,channel,store_code,agent_code,status\nX-1,2026-03-02 10:00,hotline,S001,A002,closed",
    )
    sset = figures.figures(
        con, EVERYTHING, periods.parse("2026-03"), timezone="UTC", sla_as_of=datetime(2026, 4, 1)
    )
    one, two = sset.card(1), sset.card(2)
    for key in ("resolution_median", "reopen_rate", "post_resolution_csat"):
        # before: kpi.NONE_IN_PERIOD for both
        assert one.metric(key).figure.reason == partial.NOT_RESOLVED, key
        assert two.metric(key).figure.reason == partial.NO_RESOLUTION, key
    values = display.card_table(one, "en").set_index("Metric")["Value"]
    assert (
        values["Median resolution time"]
        == "no data: no complaint was resolved in this period (n = 0 resolved)"
    )
    zh = display.card_table(two, "zh").set_index("指标")["数值"]
    assert (
        zh["重开率"]
        == "无数据：数据中没有本周期投诉的解决时间(导出文件没有状态、解决时间或关闭时间列，或该列为空)"
    )


def test_a_period_without_a_complaint_received_says_nothing_to_count_beside_its_backlog(con):
    # a helper's probe (session 54): a day without complaints in a store with open ones showed "Complaints 0,
    # n = 0, low confidence" beside its backlog; the Overview's week says "no data: nothing to count"
    do_import(con, OPEN)
    run = kpi.runner(con, EVERYTHING)
    later = Filters(start=date(2026, 3, 9), end=date(2026, 3, 9))
    figs = complaints.figures(run, later, GOALS, as_of=datetime(2026, 3, 10))
    volume = figs.tile("volume")
    assert (volume.n, volume.reason, volume.status) == (0, kpi.NONE_IN_PERIOD, "no_data")
    assert figs.tile("backlog").value == 3  # the three still open: counted as before
    texts = dict(zip((f.key for f in figs.tiles), complaints.tile_texts(figs, "en"), strict=True))
    assert texts["volume"].captions[0][0] == "no data: nothing to count in this period and selection (n = 0)"
