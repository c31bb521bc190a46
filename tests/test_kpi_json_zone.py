"""``kpi 5s --json`` and ``kpi satisfaction --json`` say the time zone and the day they counted in, as ``kpi
complaints --json`` does (README, Days and weeks)."""

from __future__ import annotations

import importlib
import json
from datetime import date

import pytest

from portal import cli, settings
from tests import fives_fixture, fixtures

# the modules (portal.satisfaction re-exports a function named figures)
fives_figures = importlib.import_module("portal.fives.figures")
satisfaction_figures = importlib.import_module("portal.satisfaction.figures")
TODAY = date(2026, 2, 4)  # the reporting zone's day the figures are taken on


@pytest.fixture
def db_path(tmp_path, monkeypatch):
    path = tmp_path / "portal.duckdb"
    con = fixtures.build_fixture_db(path)
    fives_fixture.load(con)
    settings.put(con.cursor(), "report_timezone", "America/New_York", "test")
    con.close()
    monkeypatch.setenv("PORTAL_DB", str(path))
    asked = []

    def today_in(zone: str) -> date:
        asked.append(zone)
        return TODAY

    monkeypatch.setattr(fives_figures, "today_in", today_in)
    monkeypatch.setattr(satisfaction_figures, "today_in", today_in)
    return asked


@pytest.mark.parametrize("area", ["5s", "satisfaction"])
def test_the_json_period_names_the_zone_and_the_day(db_path, capsys, area):
    assert cli.main(["kpi", area, "--from", "2026-01-01", "--to", "2026-01-31", "--json"]) == 0
    period = json.loads(capsys.readouterr().out)["period"]
    assert period == {
        "from": "2026-01-01",
        "to": "2026-01-31",
        "previous_from": "2025-12-01",
        "previous_to": "2025-12-31",
        "timezone": "America/New_York",
        "today": "2026-02-04",
    }
    assert set(db_path) == {"America/New_York"}


def test_the_5s_overdue_actions_are_counted_on_that_day(db_path, capsys):
    # actions 1 and 2 (S001) were due 2026-02-03: overdue on 02-04; action 3 (S002) since 01-24
    assert cli.main(["kpi", "5s", "--from", "2026-01-01", "--to", "2026-01-31", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["headline"]["overdue_actions"]["value"] == 3
