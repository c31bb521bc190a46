"""``python -m portal kpi scorecards``: JSON figures, team and agent filters, exit codes."""

import importlib
import json
from datetime import date, datetime

import pytest

from portal import cli, db
from portal.i18n import t
from portal.scope import Scope
from portal.scorecards import figures
from portal.scorecards.periods import Period
from tests import fixtures, scorecards_fixture

AS_OF = importlib.import_module("portal.complaints.as_of")  # the module (portal.complaints has an _as_of)


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
    assert a1["composite"] == pytest.approx(86.1111, abs=1e-3) and a1["left_out"] == ["qa_score"]
    # the SLA (10 of 10) scored on its value, its Wilson interval beside it (tests/scorecards_fixture.py)
    sla = a1["metrics"]["sla_attainment"]
    assert (sla["value"], sla["score"]) == (100.0, 100.0) and "scored_value" not in sla
    assert sla["interval_95"] == pytest.approx([72.2467, 100.0], abs=1e-3)
    assert a1["metrics"]["qa_score"]["n"] == 2
    assert a2["status"] == "insufficient_data" and a2["composite"] is None and a2["rank"] is None


def test_agent_filter_keeps_rank_in_team_and_text(sc_db, capsys):
    assert cli.main(["kpi", "scorecards", "--period", "2026-10", "--agent", "a003"]) == 0
    out = capsys.readouterr().out
    assert "A003" in out and "100.0" in out and "A001" not in out


def test_bad_period_and_unknown_codes(sc_db, capsys):
    assert cli.main(["kpi", "scorecards", "--period", "2026-13"]) == 2
    assert "2026-W40" in capsys.readouterr().err
    assert cli.main(["kpi", "scorecards", "--period", "2026-10", "--team", "T9"]) == 1
    assert "unknown team 'T9'" in capsys.readouterr().err


def test_the_sla_is_judged_at_the_full_hour_as_on_the_dashboards(sc_db, capsys, monkeypatch):
    # portal/complaints/as_of.py: the dashboards judge the 24-hour windows at now rounded down to the full hour
    monkeypatch.setattr(AS_OF, "utc_now", lambda: datetime(2026, 11, 15, 10, 37, 12))
    assert cli.main(["kpi", "scorecards", "--period", "2026-10", "--team", "T1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["sla_as_of_utc"] == "2026-11-15T10:00:00"


def test_the_period_under_way_is_that_of_the_reporting_zones_day(sc_db):
    # judged at 2026-10-31 17:00 UTC, already 11-01 01:00 in Shanghai: October is over there (it was taken as
    # under way: the day was the UTC date, still October 31)
    con = db.connect(sc_db)
    try:
        october = figures.figures(
            con,
            Scope.everything(),
            Period(date(2026, 10, 1), "month"),
            timezone="Asia/Shanghai",
            sla_as_of=datetime(2026, 10, 31, 17, 0),
        )
    finally:
        con.close()
    assert october.cards and {c.in_progress for c in october.cards} == {False}


def test_a_period_not_begun_is_refused_and_the_one_in_progress_says_so(sc_db, capsys, monkeypatch):
    # probe: --period 2027-01 (and 2026-W53) printed a whole set of "insufficient data" cards, exit 0; the month
    # under way had no in-progress flag in text or JSON (SPEC §3: the period in progress is drawn as such)
    monkeypatch.setattr(AS_OF, "utc_now", lambda: datetime(2026, 12, 4, 9, 30))  # the fixture zone is UTC
    assert cli.main(["kpi", "scorecards", "--period", "2027-01"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == (
        "error: 2027-01 has not begun (it starts on 2027-01-01): there are no scorecards of it yet. "
        "The period in progress is 2026-12.\n"
    )
    assert cli.main(["kpi", "scorecards", "--period", "2026-W53", "--json"]) == 1
    assert capsys.readouterr().err == (
        "error: 2026-W53 has not begun (it starts on 2026-12-28): there are no scorecards of it yet. "
        "The period in progress is 2026-W49.\n"
    )
    assert t("scorecards.not_begun", "zh", period="2027-01", start="2027-01-01", current="2026-12") == (
        "2027-01 尚未开始(始于 2027-01-01)，还没有它的绩效记分卡。当前进行中的期间为 2026-12。"
    )
    assert cli.main(["kpi", "scorecards", "--period", "2026-12", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["in_progress"] is True
    assert cli.main(["kpi", "scorecards", "--period", "2026-12"]) == 0
    assert capsys.readouterr().out.startswith("Agent scorecards 2026-12 (in progress) (UTC)")
    assert cli.main(["kpi", "scorecards", "--period", "2026-10", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["in_progress"] is False


def test_lang_zh_prints_the_team_view_in_chinese(sc_db, capsys):
    # `kpi scorecards --lang zh` was refused ("unrecognized arguments")
    assert cli.main(["kpi", "scorecards", "--period", "2026-10", "--agent", "a003", "--lang", "zh"]) == 0
    assert capsys.readouterr().out.startswith("客服绩效记分卡 2026-10 ")
