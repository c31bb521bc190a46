"""``kpi complaints --json``: the previous period's row (previous_summary) carries every key of the period's
(summary), as it did before the pages took a slim previous row (queries/complaint_previous_summary.sql, 918690b);
and a value of it whose figure has no data in that period is null, as the summary's are (never a 0 beside a
tile that says "no data").
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime

from portal import cli, complaints, db, kpi
from portal.auth import User
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
    assert len(summary) == 47 and set(previous) == set(summary)  # before: 34 keys, 13 missing
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


def test_a_previous_value_without_data_is_null_as_in_that_periods_own_json(portal_db, capsys):
    # The week of 2026-03-02: three complaints whose status nobody mapped, no first-response, resolution or reopen
    # column (so nothing is known to be open: the backlog tile says "no data", the row's backlog_count is 0). The
    # week of 03-09: one complaint, open (known). Both weeks' figures judged at 03-16 00:00 UTC.
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
