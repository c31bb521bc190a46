"""``python -m portal kpi scorecards``: JSON figures, team and agent filters, exit codes."""

import json

import pytest

from portal import cli
from tests import fixtures, scorecards_fixture


@pytest.fixture
def sc_db(tmp_path, monkeypatch):
    path = tmp_path / "portal.duckdb"
    con = fixtures.build_fixture_db(path)
    scorecards_fixture.load(con)
    con.execute("insert into settings (key, value) values ('report_timezone', '\"UTC\"')")
    con.close()
    monkeypatch.setenv("PORTAL_DB", str(path))
    return path


def test_json_for_a_team(sc_db, capsys):
    assert cli.main(["kpi", "scorecards", "--period", "2026-10", "--team", "T1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["period"] == "2026-10" and data["timezone"] == "UTC"
    assert [a["agent_code"] for a in data["agents"]] == ["A001", "A002"]
    a1, a2 = data["agents"]
    assert a1["composite"] == pytest.approx(53.7323, abs=1e-3) and a1["left_out"] == ["qa_score"]
    assert a1["metrics"]["sla_attainment"]["interval_95"][0] == pytest.approx(72.2467, abs=1e-3)
    assert a1["metrics"]["qa_score"]["n"] == 2
    assert a2["status"] == "insufficient_data" and a2["composite"] is None and a2["rank"] is None


def test_agent_filter_keeps_rank_in_team_and_text(sc_db, capsys):
    assert cli.main(["kpi", "scorecards", "--period", "2026-10", "--agent", "a003"]) == 0
    out = capsys.readouterr().out
    assert "A003" in out and "80.6" in out and "A001" not in out


def test_bad_period_and_unknown_codes(sc_db, capsys):
    assert cli.main(["kpi", "scorecards", "--period", "2026-13"]) == 2
    assert "2026-W40" in capsys.readouterr().err
    assert cli.main(["kpi", "scorecards", "--period", "2026-10", "--team", "T9"]) == 1
    assert "unknown team 'T9'" in capsys.readouterr().err
