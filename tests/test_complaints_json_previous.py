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
from portal.scope import Scope
from tests import complaints_fixture as fx

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
