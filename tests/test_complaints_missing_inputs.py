"""Issue 9 point 6 on the complaint figures: a figure whose inputs the data lacks (an export without first-response
times, reopen information or a readable status) says "no data" and why, never 0; split from
tests/test_complaints_partial_data.py (date-only stamps, point 5), whose ``figures`` it uses.

Complaints are written through the import; every expected number is worked out by hand in the comments. All stores
of tests/fixtures.py; S001 is store 1.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from portal import cli, complaints, kpi, settings
from portal.auth import User
from portal.complaints import partial
from portal.filters import Filters
from portal.i18n import t
from portal.ingest import pipeline, registry
from portal.scope import Scope
from tests.test_complaints_partial_data import figures

KIND = registry.kind("complaints")
ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())


def do_import(con, text: str):
    data = (text.strip() + "\n").encode()
    options = pipeline.ImportOptions(now=datetime(2026, 6, 1), timezone="UTC")
    return pipeline.import_bytes(con, KIND, data, "export.csv", None, options, ADMIN)


def test_an_export_without_first_response_reopen_or_readable_status_has_no_such_figures(con):
    # Three complaints received 03-02 .. 03-04 (UTC), each with a status nobody mapped ("In Queue", "Pending
    # Review", "Escalated Externally") and no first-response, resolution, close or reopen column.
    do_import(
        con,
        """
source_id,received_at,channel,store_code,status
Q-1,2026-03-02 09:00,hotline,S001,In Queue
Q-2,2026-03-03 09:00,hotline,S001,Pending Review
Q-3,2026-03-04 09:00,hotline,S001,Escalated Externally
""",
    )
    flags = con.execute(
        "select status, status_known, reopen_known from complaints order by source_id"
    ).fetchall()
    # the stamps infer 'open', but nothing in the file says so: status and reopens unknown
    assert flags == [("open", False, False)] * 3
    figs = figures(con, Filters(start=date(2026, 3, 2), end=date(2026, 3, 8)), as_of=datetime(2026, 3, 9))
    assert figs.summary["complaint_count"] == 3  # they count for volume
    for key in ("first_response_median", "first_response_p90", "sla_attainment"):
        fig = figs.tile(key)
        # before issue 9: SLA 0.0 % (3 elapsed, 0 met) and "misses target"
        assert (fig.status, fig.no_data_reason, fig.value) == ("no_data", partial.NO_FIRST_RESPONSE, None), (
            key
        )
        assert kpi.status_colour(fig) is None and kpi.format_value(fig) == "no data"
    backlog = figs.tile("backlog")
    # before issue 9: all three counted as open backlog
    assert (backlog.status, backlog.no_data_reason) == ("no_data", partial.NO_STATUS)
    assert figs.summary["backlog_count"] == 0 and figs.summary["status_unknown_count"] == 3
    # nothing was resolved in the period: the reopen rate has no complaint to rest on (low confidence "—"),
    # the reopen rule below needs resolved complaints
    texts = {fig.key: text for fig, text in zip(figs.tiles, complaints.tile_texts(figs, "zh"), strict=True)}
    assert texts["backlog"].captions == (
        (t("kpi.caption.no_data", "zh", reason=t(partial.NO_STATUS, "zh")), None),
    )


def test_complaints_not_answered_yet_are_breaches_not_missing_data(con, tmp_path, monkeypatch, capsys):
    # Figure audit (repro_sla_nodata.sh): every complaint of the week still unanswered after 24 h read "no data:
    # ... the export has none" on the SLA tile although the file records first responses. This file has the
    # column: A-0 answered in 1 h (week of 02-23), P-1 never answered (week of 03-02), C-1 answered in 2 h and
    # C-2, C-3 never answered (week of 03-09). Another file without the column: N-1 (week of 03-16).
    do_import(
        con,
        """
source_id,received_at,channel,store_code,first_response_at,status
A-0,2026-02-24 09:00,hotline,S001,2026-02-24 10:00,responded
P-1,2026-03-03 09:00,hotline,S001,,open
C-2,2026-03-10 09:00,hotline,S001,,open
C-3,2026-03-10 12:00,hotline,S001,,open
""",
    )
    do_import(
        con, "source_id,received_at,channel,store_code,status\nN-1,2026-03-17 09:00,hotline,S001,open\n"
    )
    as_of = datetime(2026, 4, 1)
    week = Filters(start=date(2026, 3, 9), end=date(2026, 3, 15))
    figs = figures(con, week, as_of=as_of)
    # SLA: 0 answered within 24 h of C-2, C-3 (both 24 h long elapsed) = 0.0 %, n = 2 (before: no data)
    sla = figs.tile("sla_attainment")
    assert (sla.value, sla.n, sla.no_data_reason) == (pytest.approx(0.0), 2, None)
    assert kpi.format_value(sla) == "0.0%"
    # response times: nobody answered yet (n = 0 answered), not "the export has none"
    for key in ("first_response_median", "first_response_p90"):
        fig = figs.tile(key)
        assert (fig.value, fig.n, fig.status, fig.no_data_reason) == (
            None,
            0,
            "no_data",
            partial.NOT_ANSWERED,
        )
    texts = {fig.key: text for fig, text in zip(figs.tiles, complaints.tile_texts(figs, "zh"), strict=True)}
    assert texts["first_response_median"].captions == (
        ("无数据：尚未响应：导出文件记录首次响应时间，但本周期的投诉都还没有首次响应(已响应 n = 0)", None),
    )
    assert texts["sla_attainment"].captions[0] == ("n = 2 · 24小时响应", None)
    # a previous week in that state gives the change: P-1 unanswered, 0 of 1 = 0 %; C-1 answered in 2 h makes
    # this week 1 of 3 = 33.3 %, +33.3 points (before: no previous value, so no change)
    do_import(
        con,
        "source_id,received_at,channel,store_code,first_response_at,status\n"
        "C-1,2026-03-11 09:00,hotline,S001,2026-03-11 11:00,responded\n",
    )
    sla = figures(con, week, as_of=as_of).tile("sla_attainment")
    assert (sla.value, sla.n, sla.previous_value, sla.previous_n) == (
        pytest.approx(100 / 3),
        3,
        pytest.approx(0.0),
        1,
    )
    assert sla.change == pytest.approx(100 / 3)
    # a week whose complaints come only from the file without the column still has no data, and says why
    alone = figures(con, Filters(start=date(2026, 3, 16), end=date(2026, 3, 22)), as_of=as_of)
    for key in ("first_response_median", "first_response_p90", "sla_attainment"):
        assert alone.tile(key).no_data_reason == partial.NO_FIRST_RESPONSE, key
    # the command line, the week of 03-02: P-1 alone, 0 of 1 (the settings' target of 90 %)
    settings.put(con.cursor(), "report_timezone", "UTC", "test")
    monkeypatch.setenv("PORTAL_DB", str(tmp_path / "fixture.duckdb"))  # the con fixture's file
    period = ["--from", "2026-03-02", "--to", "2026-03-08", "--as-of", "2026-04-01T00:00"]
    assert cli.main(["kpi", "complaints", *period, "--json"]) == 0
    tiles = {tile["key"]: tile for tile in json.loads(capsys.readouterr().out)["tiles"]}
    assert (tiles["sla_attainment"]["value"], tiles["sla_attainment"]["no_data_reason"]) == (0.0, None)
    assert tiles["first_response_median"]["no_data_reason"] == (
        "not answered yet: the file records first responses, but no complaint of this period has one yet "
        "(n = 0 answered)"
    )
    assert cli.main(["kpi", "complaints", *period]) == 0
    text = capsys.readouterr().out
    assert "  Response SLA attainment: 0.0%  (n = 1; target ≥ 90.0%)" in text.splitlines()


def test_a_status_does_not_tell_reopens_before_the_complaint_was_first_seen(con):
    # S-1 was reopened and resolved again: the export says "resolved", as it does for S-2 (never reopened).
    # With the status taken as reopen information the rate was 0 of 2 = 0.0 %, "meets target" (audit).
    # S-3 says "reopened": first seen so, it does not tell how often it was reopened before, and counting it
    # alone read 1 of 1 = 100 % (review of 111490c). All three are unknown.
    do_import(
        con,
        """
source_id,received_at,channel,store_code,status,resolved_at
S-1,2026-03-02 09:00,hotline,S001,resolved,2026-03-05 09:00
S-2,2026-03-03 09:00,hotline,S001,resolved,2026-03-04 09:00
S-3,2026-03-03 10:00,hotline,S001,reopened,2026-03-04 10:00
""",
    )
    flags = con.execute(
        "select status, status_known, reopen_known from complaints order by source_id"
    ).fetchall()
    assert flags == [("resolved", True, False), ("resolved", True, False), ("reopened", True, False)]
    figs = figures(con, Filters(start=date(2026, 3, 2), end=date(2026, 3, 8)), as_of=datetime(2026, 3, 9))
    reopen = figs.tile("reopen_rate")
    assert (reopen.value, reopen.n, reopen.status) == (None, 0, "no_data")
    assert reopen.no_data_reason == partial.NO_REOPEN
    assert figs.summary["reopen_unknown_count"] == 3  # all three were resolved in the period


def test_one_snapshot_with_a_reopened_complaint_has_no_reopen_rate(con):
    # review of 111490c: one export, 9 complaints "resolved" and 1 "reopened", no reopen-count column, read
    # 100.0 %, n = 1, "misses target" (before 111490c: "no data"). None of them was seen before its resolution.
    rows = [f"R-{i},2026-03-02 09:{i:02d},hotline,S001,2026-03-03 09:00,resolved" for i in range(9)]
    rows.append("R-9,2026-03-02 10:00,hotline,S001,2026-03-03 10:00,reopened")
    do_import(con, "source_id,received_at,channel,store_code,resolved_at,status\n" + "\n".join(rows))
    known = con.execute("select count(*) filter (where reopen_known) from complaints").fetchone()
    assert known == (0,)
    figs = figures(con, Filters(start=date(2026, 3, 2), end=date(2026, 3, 8)), as_of=datetime(2026, 3, 9))
    reopen = figs.tile("reopen_rate")
    assert (reopen.value, reopen.n, reopen.status, reopen.no_data_reason) == (
        None,
        0,
        "no_data",
        partial.NO_REOPEN,
    )
    assert kpi.status_colour(reopen) is None and kpi.format_value(reopen) == "no data"
    assert t(reopen.no_data_reason, "en") == (
        "the data does not say whether complaints were reopened (no reopen count, and no readable status seen "
        "before the complaints were resolved)"
    )


def test_a_reopened_status_counts_only_for_a_complaint_first_seen_before_its_resolution(con):
    # E-1 first seen open, E-2 first seen resolved; both say "reopened" the next day: only E-1's counts (E-2's
    # reopen, like any before, is not told), then both are resolved again.
    header = "source_id,received_at,channel,store_code,resolved_at,status\n"
    days = (
        "E-1,2026-03-02 09:00,hotline,S001,,open\nE-2,2026-03-02 10:00,hotline,S001,2026-03-03 10:00,resolved\n",
        "E-1,2026-03-02 09:00,hotline,S001,2026-03-03 09:00,reopened\n"
        "E-2,2026-03-02 10:00,hotline,S001,2026-03-03 10:00,reopened\n",
        "E-1,2026-03-02 09:00,hotline,S001,2026-03-04 09:00,resolved\n"
        "E-2,2026-03-02 10:00,hotline,S001,2026-03-04 10:00,resolved\n",
    )
    for day in days:
        do_import(con, header + day)
    flags = con.execute(
        "select source_id, status, reopen_count, reopen_known from complaints order by source_id"
    ).fetchall()
    assert flags == [("E-1", "resolved", 1, True), ("E-2", "resolved", 1, False)]
    figs = figures(con, Filters(start=date(2026, 3, 2), end=date(2026, 3, 8)), as_of=datetime(2026, 3, 9))
    reopen = figs.tile("reopen_rate")
    assert (reopen.value, reopen.n, reopen.no_data_reason) == (pytest.approx(100.0), 1, None)
    assert figs.summary["reopen_unknown_count"] == 1
    # the tile says so: E-2 (reopened after the portal first saw it resolved) is one more, not in n
    texts = {f.key: text for f, text in zip(figs.tiles, complaints.tile_texts(figs, "en"), strict=True)}
    assert texts["reopen_rate"].captions[-1] == (
        "1 more resolved that the portal first saw resolved, with no reopen count: whether they were reopened is "
        "not known, not in n",
        None,
    )
    zh = {f.key: text for f, text in zip(figs.tiles, complaints.tile_texts(figs, "zh"), strict=True)}
    assert zh["reopen_rate"].captions[-1][0].startswith("另有 1 件已解决投诉")


def test_daily_status_exports_tell_reopens_of_complaints_seen_before_their_resolution(con):
    # probe repro 9 (g17_d1..d4): status-only daily exports. D-1 is first seen open, then resolved, then
    # reopened, then resolved again; D-2 first seen open, then resolved; D-3 first seen resolved (before that
    # nobody saw it: unknown, as above). Before: "no data: … (no reopen count and no readable status)".
    header = "source_id,received_at,channel,store_code,resolved_at,status\n"
    days = (
        "D-1,2026-03-02 09:00,hotline,S001,,open\nD-2,2026-03-02 10:00,hotline,S001,,responded\n",
        "D-1,2026-03-02 09:00,hotline,S001,2026-03-03 09:00,resolved\n"
        "D-2,2026-03-02 10:00,hotline,S001,2026-03-03 10:00,resolved\n"
        "D-3,2026-03-02 11:00,hotline,S001,2026-03-03 11:00,resolved\n",
        "D-1,2026-03-02 09:00,hotline,S001,2026-03-03 09:00,reopened\n",
        "D-1,2026-03-02 09:00,hotline,S001,2026-03-05 09:00,resolved\n",
    )
    for day in days:
        do_import(con, header + day)
    flags = con.execute(
        "select source_id, status, reopen_count, reopen_known from complaints order by source_id"
    ).fetchall()
    assert flags == [
        ("D-1", "resolved", 1, True),
        ("D-2", "resolved", 0, True),
        ("D-3", "resolved", 0, False),
    ]
    figs = figures(con, Filters(start=date(2026, 3, 2), end=date(2026, 3, 8)), as_of=datetime(2026, 3, 9))
    reopen = figs.tile("reopen_rate")
    # SPEC: reopened at least once / resolved in the period, over the complaints whose reopens are known:
    # D-1 of D-1, D-2 = 50 %; D-3 is said as unknown
    assert (reopen.value, reopen.n, reopen.no_data_reason) == (pytest.approx(50.0), 2, None)
    assert figs.summary["reopen_unknown_count"] == 1


def test_resolved_complaints_without_reopen_information(con):
    # resolved (the file has resolution times, no status and no reopen count): statuses known from
    # the stamps, reopens not. R-3 open (no resolution stamp in a file that has the column): backlog 1.
    do_import(
        con,
        """
source_id,received_at,channel,store_code,first_response_at,resolved_at
R-1,2026-03-02 09:00,hotline,S001,2026-03-02 10:00,2026-03-03 09:00
R-2,2026-03-03 09:00,hotline,S001,2026-03-03 09:30,2026-03-04 09:00
R-3,2026-03-04 09:00,hotline,S001,2026-03-04 12:00,
""",
    )
    figs = figures(con, Filters(start=date(2026, 3, 2), end=date(2026, 3, 8)), as_of=datetime(2026, 3, 9))
    reopen = figs.tile("reopen_rate")
    # before issue 9: 0 of 2 = 0.0 %, "meets target" (5 %)
    assert (reopen.status, reopen.no_data_reason, reopen.value) == ("no_data", partial.NO_REOPEN, None)
    assert figs.summary["reopen_unknown_count"] == 2 and figs.summary["reopen_base_count"] == 0
    assert figs.tile("backlog").value == 1 and figs.tile("backlog").no_data_reason is None
    # first responses 1 h, 0.5 h, 3 h: median 1 h, hours as ever
    assert figs.tile("first_response_median").value == pytest.approx(1.0)
    # a later file with a reopen count tells: R-1 reopened once, R-2 never -> 1 of 2 = 50 %
    do_import(
        con,
        """
source_id,received_at,channel,store_code,first_response_at,resolved_at,reopen_count
R-1,2026-03-02 09:00,hotline,S001,2026-03-02 10:00,2026-03-03 09:00,1
R-2,2026-03-03 09:00,hotline,S001,2026-03-03 09:30,2026-03-04 09:00,0
""",
    )
    again = figures(con, Filters(start=date(2026, 3, 2), end=date(2026, 3, 8)), as_of=datetime(2026, 3, 9))
    assert again.tile("reopen_rate").value == pytest.approx(50.0)
    assert again.tile("reopen_rate").no_data_reason is None


def test_kpi_json_gives_null_with_a_reason(con, tmp_path, monkeypatch, capsys):
    do_import(
        con,
        """
source_id,received_at,channel,store_code,resolved_at
J-1,2026-03-02 09:00,hotline,S001,2026-03-03 09:00
J-2,2026-03-03 09:00,hotline,S001,
""",
    )
    settings.put(con.cursor(), "report_timezone", "UTC", "test")
    monkeypatch.setenv("PORTAL_DB", str(tmp_path / "fixture.duckdb"))  # the con fixture's file
    period = ["--from", "2026-03-02", "--to", "2026-03-08", "--as-of", "2026-03-09T00:00", "--json"]
    code = cli.main(["kpi", "complaints", *period])
    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    tiles = {tile["key"]: tile for tile in data["tiles"]}
    # J-1 received 03-02 09:00, its 24 h long elapsed, never answered: before issue 9 "0.0 %" here
    assert tiles["sla_attainment"]["value"] is None
    assert tiles["sla_attainment"]["status"] == "no_data"
    assert tiles["sla_attainment"]["no_data_reason"] == t(partial.NO_FIRST_RESPONSE, "en")
    assert tiles["reopen_rate"]["value"] is None and tiles["reopen_rate"]["no_data_reason"] == t(
        partial.NO_REOPEN, "en"
    )
    assert data["summary"]["sla_attainment_pct"] is None  # never a 0 beside the reason
    assert (
        tiles["volume"]["value"] == 2 and tiles["backlog"]["value"] == 1
    )  # J-2 open, its status from stamps
    # the text form says "no data" and why
    code = cli.main(["kpi", "complaints", *period[:-1]])
    text, _ = capsys.readouterr()
    assert "no data: no complaint of this period has a first response time" in text
