"""``portal brief`` against the Overview page: the day a snooze runs to, the weeks it may be asked for.

Fixture: tests/overview_fixture.py (2026-W47 the last complete week), reporting zone Asia/Shanghai; now is
Thursday 2026-11-26 20:00 UTC, already Friday 2026-11-27 04:00 in Shanghai.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from portal import cli, db, kpi, settings, users, writes
from portal.overview import figures as overview
from portal.overview import records
from portal.overview.sources import window_for
from portal.scope import Scope
from tests import fixtures
from tests import overview_fixture as fx

NOW = datetime(2026, 11, 26, 20, 0)
ZONE = "Asia/Shanghai"


@pytest.fixture
def db_path(tmp_path, monkeypatch):
    path = tmp_path / "portal.duckdb"
    con = fixtures.build_fixture_db(path)
    fx.load(con)
    settings.put(con.cursor(), "report_timezone", ZONE, "test")
    con.close()
    monkeypatch.setenv("PORTAL_DB", str(path))
    monkeypatch.setattr(users, "utc_now", lambda: NOW)
    return path


def test_a_snooze_runs_to_the_reporting_zones_day_as_on_the_overview_page(db_path, capsys):
    con = db.connect(db_path)
    window = window_for(NOW, timezone=ZONE)
    figs = overview.figures(kpi.runner(con, Scope.everything()), window, con)
    snoozed = next(a for a in figs.alerts if a.condition_key == "complaints:below_target:sla_attainment:S001")
    key = records.scope_key(Scope.everything())
    # snoozed until Friday 11-27: over on Friday in Shanghai, though the UTC date is still Thursday 11-26
    writes.acknowledge_alert(
        con, scope_key=key, condition_key=snoozed.condition_key, fingerprint=snoozed.fingerprint,
        action="snooze", snooze_until=date(2026, 11, 27), note="until Friday", username="mgr", now=NOW,
    )  # fmt: skip
    page_open, _ = overview.split(figs.alerts, records.latest_acks(con, key), window.today)
    con.close()
    assert snoozed in page_open
    assert cli.main(["brief", "--json", "--dry-run"]) == 0
    texts = [s["text"] for s in json.loads(capsys.readouterr().out)["sentences"]]
    assert (
        "Response SLA attainment at S001 Store One was 50.0% in 2026-W47 (n = 40), missing its target 90.0% "
        "(significant; since 2026-W47)." in texts
    )
