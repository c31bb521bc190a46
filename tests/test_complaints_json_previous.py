"""``kpi complaints --json``: the previous period's row (previous_summary) carries every key of the period's
(summary), as it did before the pages took a slim previous row (queries/complaint_previous_summary.sql, 918690b);
and a value of it whose figure has no data in that period is null, as the summary's are (never a 0 beside a
tile that says "no data").
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime

from portal import cli, complaints, db, kpi
from portal.auth import User
from portal.complaints import charts
from portal.i18n import t
from portal.ingest import pipeline, registry
from portal.scope import Scope
from tests import complaints_fixture as fx

KIND = registry.kind("complaints")
ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())
PERIOD = ["--from", "2024-03-04", "--to", "2024-03-17", "--as-of", "2024-03-18T00:00"]


def _json(capsys, *args: str) -> dict:
    assert cli.main(["kpi", "complaints", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_jsons_previous_summary_has_every_key_of_its_summary(portal_db, capsys):
    con = db.connect(portal_db)
    fx.load(con)
    con.close()
    out = _json(capsys, *PERIOD)
    summary, previous = out["summary"], out["previous_summary"]
    # before: 34 keys, 13 missing; 48 since sla_undecided_count (answers on a date their dates cannot judge)
    assert len(summary) == 48 and set(previous) == set(summary)
    # the previous period 2024-02-19 .. 03-03 in the reporting zone (Asia/Shanghai, the stores' zone: UTC+8), so
    # 02-18 16:00 .. 03-03 16:00 UTC, the backlog as of its end (tests/complaints_fixture.py): received c11 (02-28)
    # and c12 (03-01); open then c11 (resolved 03-06), aged 88 h (3-7 days), c12 (resolved 03-05), 64 h (1-3
    # days), and c14 (received 01-10), 1,288 h (> 7 days); no date-only stamp
    assert previous["complaint_count"] == 2 and previous["backlog_count"] == 3
    assert (previous["backlog_lt_1d_count"], previous["backlog_1_3d_count"]) == (0, 1)
    assert (previous["backlog_3_7d_count"], previous["backlog_gt_7d_count"]) == (1, 1)
    assert previous["received_date_only_count"] == 0
    # and every value is complaint_summary's for that period
    before = replace(fx.CURRENT.previous(), timezone="Asia/Shanghai")
    con = db.connect(portal_db, read_only=True)
    try:
        whole = complaints.summary(
            kpi.runner(con, Scope.everything()),
            before,
            complaints.targets(con),
            as_of=complaints.period_end(before),
            sla_as_of=datetime(2024, 3, 18),
        )
    finally:
        con.close()
    assert previous == whole


def _unread_then_open(portal_db) -> None:
    """The week of 2026-03-02: three complaints whose status nobody mapped, no first-response, resolution or reopen
    column (so nothing is known to be open: the backlog tile says "no data", the row's backlog_count is 0). The
    week of 03-09: one complaint, open (known)."""
    con = db.connect(portal_db)
    for text in (
        "source_id,received_at,channel,store_code,status\n"
        "Q-1,2026-03-02 09:00,hotline,S001,In Queue\n"
        "Q-2,2026-03-03 09:00,hotline,S001,Pending Review\n"
        "Q-3,2026-03-04 09:00,hotline,S001,Escalated Externally\n",
        "source_id,received_at,channel,store_code,status\nN-1,2026-03-10 09:00,hotline,S001,open\n",
    ):
        options = pipeline.ImportOptions(now=datetime(2026, 6, 1), timezone="UTC")
        pipeline.import_bytes(con, KIND, text.encode(), "export.csv", None, options, ADMIN)
    con.close()


def test_a_previous_value_without_data_is_null_as_in_that_periods_own_json(portal_db, capsys):
    _unread_then_open(portal_db)  # both weeks' figures judged at 03-16 00:00 UTC
    week = _json(capsys, "--from", "2026-03-09", "--to", "2026-03-15", "--as-of", "2026-03-16T00:00")
    before = _json(capsys, "--from", "2026-03-02", "--to", "2026-03-08", "--as-of", "2026-03-16T00:00")
    backlog = next(tile for tile in before["tiles"] if tile["key"] == "backlog")
    assert backlog["no_data_reason"] and backlog["value"] is None  # that week's own tile: no data
    assert before["summary"]["backlog_count"] is None and before["summary"]["complaint_count"] == 3
    # the week of 03-09's previous period is that week: its values as its own JSON gives them (before: 0)
    previous = week["previous_summary"]
    assert previous["backlog_count"] is None and previous["status_unknown_count"] == 3
    assert previous == before["summary"]
    assert week["summary"]["backlog_count"] == 1  # a known open complaint: counted, not null


def test_the_backlog_by_age_without_data_says_no_data_not_zeros(portal_db, capsys):
    """The backlog's age buckets rest on the backlog's data: where its tile says "no data" (the week of 03-02:
    statuses nobody read), the buckets are null in the JSON (summary, the next week's previous_summary, by age,
    by age and severity), the text and the chart say "no data" and why, never four 0s or "No open complaints";
    a backlog that is known (the week of 03-09) keeps its true 0s. Before: 0 in every bucket."""
    _unread_then_open(portal_db)
    buckets = [f"backlog_{b}_count" for b in ("lt_1d", "1_3d", "3_7d", "gt_7d")]
    before = _json(capsys, "--from", "2026-03-02", "--to", "2026-03-08", "--as-of", "2026-03-16T00:00")
    week = _json(capsys, "--from", "2026-03-09", "--to", "2026-03-15", "--as-of", "2026-03-16T00:00")
    assert [before["summary"][c] for c in buckets] == [None] * 4
    assert [week["previous_summary"][c] for c in buckets] == [None] * 4
    assert before["backlog_by_age"] == dict.fromkeys(("lt_1d", "d1_3", "d3_7", "gt_7d"))
    assert len(before["backlog_by_age_and_severity"]) == 12
    assert {r["backlog_count"] for r in before["backlog_by_age_and_severity"]} == {None}
    # the week of 03-09: N-1 received 03-10 09:00 UTC, open as of the week's end (03-15 16:00 UTC, midnight in
    # Asia/Shanghai), aged 5 days 7 hours: 3-7 days; the other buckets hold a known 0
    assert [week["summary"][c] for c in buckets] == [0, 0, 1, 0]
    assert week["backlog_by_age"] == {"lt_1d": 0, "d1_3": 0, "d3_7": 1, "gt_7d": 0}
    reason = "the statuses of these complaints could not be read"
    for lang, label in (("en", "Backlog by age: no data: "), ("zh", "积压/未结投诉账龄：无数据：")):
        assert cli.main(["kpi", "complaints", "--from", "2026-03-02", "--to", "2026-03-08", "--as-of",
                         "2026-03-16T00:00", "--lang", lang]) == 0  # fmt: skip
        line = next(
            x for x in capsys.readouterr().out.splitlines() if "积压/未结投诉账龄" in x or "by age" in x
        )
        assert line.strip().startswith(label), line
        assert reason in line if lang == "en" else "这些投诉的状态无法识别" in line
    # the page's chart: no bars, the tile's reason in their place
    con = db.connect(portal_db, read_only=True)
    try:
        run = kpi.runner(con, Scope.everything())
        period = replace(fx.CURRENT, start=date(2026, 3, 2), end=date(2026, 3, 8), timezone="UTC")
        figs = complaints.figures(run, period, complaints.targets(con), as_of=datetime(2026, 3, 9))
    finally:
        con.close()
    why = figs.tile("backlog").reason
    assert why is not None
    chart = charts.backlog(figs.backlog, "2026-03-09 00:00", "en", why)
    assert not chart.data and [a.text for a in chart.layout.annotations] == [f"no data: {t(why, 'en')}"]
