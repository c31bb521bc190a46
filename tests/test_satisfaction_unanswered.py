"""A satisfaction figure whose question no response of the period answered says so (SPEC §3: "no data" and why),
not "nothing to count", as the complaint tiles give their reasons.

Probe (sparse data): one response, overall 4, from a file without a recommend column; `kpi satisfaction`, the
Satisfaction page, the Overview and the store view said "NPS: no data: nothing to count in this period and
selection (n = 0)" next to "Responses: 1". Surveys are imported through the pipeline; stores of tests/fixtures.py.
"""

from __future__ import annotations

from datetime import date, datetime

from portal import cli, kpi, settings
from portal import satisfaction as sat
from portal.auth import User
from portal.filters import Filters
from portal.ingest import pipeline, reading, surveys
from portal.satisfaction.figures import NO_OVERALL, NO_RECOMMEND
from portal.scope import Scope

EVERYTHING = Scope.everything()
ADMIN = User("t_admin", "Test Admin", ("admin",), EVERYTHING)
WEEK = Filters(start=date(2026, 3, 2), end=date(2026, 3, 8))
WITHOUT_RECOMMEND = (
    "response_id,store_code,responded_on,overall_satisfaction\nR-1,S001,2026-03-02,4\nR-2,S001,2026-03-03,5\n"
)


def do_import(con, text: str) -> None:
    kind = surveys.configure(con, {})
    options = pipeline.ImportOptions(now=datetime(2026, 6, 1))
    prepared = pipeline.prepare(con, kind, reading.read_upload(text.encode(), "s.csv"), None, options, ADMIN)
    pipeline.commit(con, prepared, ADMIN)


def week_tiles(con) -> sat.SatisfactionTiles:
    return sat.tiles(kpi.runner(con, EVERYTHING), WEEK, sat.load_settings(con), date(2026, 6, 1))


def servqual_csv(answered: int, overall: str = "4") -> str:
    """One response with E1..E22 / P1..P22 columns, items 1..``answered`` answered (E 6, P 5), the rest blank."""
    head = ",".join([f"E{i}" for i in range(1, 23)] + [f"P{i}" for i in range(1, 23)])
    blank = [""] * (22 - answered)
    cells = ",".join(["6"] * answered + blank + ["5"] * answered + blank)
    return f"response_id,store_code,responded_on,overall_satisfaction,{head}\nQ-1,S001,2026-03-04,{overall},{cells}\n"


def test_responses_without_a_recommend_answer_say_so_under_nps(con):
    do_import(con, WITHOUT_RECOMMEND)
    tiles = week_tiles(con)
    assert (tiles.responses.value, tiles.index.value, tiles.csat.value) == (2, 87.5, 100.0)
    # before: kpi.NONE_IN_PERIOD, "nothing to count in this period and selection (n = 0)"
    assert (tiles.nps.status, tiles.nps.reason, tiles.nps.n) == ("no_data", NO_RECOMMEND, 0)
    assert tiles.index.reason is None and tiles.csat.reason is None
    nps_text = sat.tile_texts(tiles, "en")[2]
    assert nps_text.captions[-1] == (
        "no data: no response of this period answered the likelihood-to-recommend question (the survey file has "
        "no such column, or it is empty)",
        None,
    )
    assert sat.tile_texts(tiles, "zh")[2].captions[-1][0] == (
        "无数据：本周期的答卷都没有回答推荐意愿(问卷文件没有该列，或该列为空)"
    )


def test_responses_without_an_overall_answer_say_so_under_the_index_and_csat(con):
    do_import(con, servqual_csv(22, overall=""))
    tiles = week_tiles(con)
    assert tiles.responses.value == 1
    for fig in (tiles.index, tiles.csat):
        assert (fig.status, fig.reason) == ("no_data", NO_OVERALL), fig.key
    index_text = sat.tile_texts(tiles, "en")[0]
    # the reason once; the "left out" count beside it would say the same again
    assert [c for c, _ in index_text.captions if "overall" in c] == [
        "no data: no response of this period answered the overall satisfaction question (the survey file has no "
        "such column, or it is empty)"
    ]


def test_servqual_without_answers_says_why(con, tmp_path, monkeypatch, capsys):
    do_import(con, WITHOUT_RECOMMEND)
    # responses, none with SERVQUAL answers: before "No SERVQUAL answers for these filters. Widen the date range…"
    assert sat.empty_state("servqual", ("admin",), "en", 2) == (
        "None of the 2 responses for these filters has SERVQUAL answers (the survey files have no expectation and "
        "perception columns, or they are empty). To add them, upload a survey file with expectation and perception "
        "columns (E1..E22 / P1..P22) on the Upload page."
    )
    assert sat.empty_state("servqual", ("admin",), "zh", 2).startswith(
        "当前筛选条件下的2份答卷都没有SERVQUAL答题数据(问卷文件没有期望和感知列，或这些列为空)。"
    )
    settings.put(con.cursor(), "report_timezone", "UTC", "test")
    monkeypatch.setenv("PORTAL_DB", str(tmp_path / "fixture.duckdb"))  # the con fixture's file
    period = ["kpi", "satisfaction", "--from", "2026-03-02", "--to", "2026-03-08"]
    assert cli.main(period) == 0
    out = capsys.readouterr().out
    assert (
        "NPS: no data: no response of this period answered the likelihood-to-recommend question (the survey file "
        "has no such column, or it is empty)"
    ) in out
    assert "SERVQUAL: no data: no response of this period has SERVQUAL answers" in out
    # one more response answering the first 17 items only: empathy (items 18-22) has no answer
    do_import(con, servqual_csv(17))
    assert cli.main(period) == 0
    out = capsys.readouterr().out
    assert "  Empathy          no data: no response of this period answered this dimension's items" in out
    assert "  Tangibles        E 6.00  P 5.00  gap -1.00  n = 1" in out
    assert cli.main([*period, "--json"]) == 0
    assert (
        '"no_data_reason": "no response of this period answered this dimension\'s items"'
        in capsys.readouterr().out
    )


def test_a_week_without_responses_says_nothing_to_count_and_the_next_shows_no_change_against_it(
    con, tmp_path, monkeypatch, capsys
):
    """A helper's audit (session 55): `kpi satisfaction` printed "Responses: 0" for a week without responses, and a
    store's week of one response read "+1" against a week that, shown alone, reads "no data"."""
    # two responses in the week of 2 March, none in the week before, one two weeks earlier: the data covers the
    # week before (it is not the comparison's "no data of the previous period" that leaves the change out)
    do_import(con, WITHOUT_RECOMMEND + "R-0,S001,2026-02-10,3\n")
    before = sat.tiles(
        kpi.runner(con, EVERYTHING), WEEK.previous(), sat.load_settings(con), date(2026, 6, 1)
    ).responses
    assert (before.status, before.reason, before.n) == ("no_data", kpi.NONE_IN_PERIOD, 0)
    responses = week_tiles(con).responses
    assert (responses.value, responses.n, responses.previous_n) == (2, 2, 0)
    assert responses.previous_value is None and responses.change is None
    assert responses.comparison.covered_from == date(2026, 2, 10)
    assert responses.change_note("en") == (
        "No change is shown for Responses: the previous period (2026-02-23 to 2026-03-01) has no data for it."
    )
    settings.put(con.cursor(), "report_timezone", "UTC", "test")
    monkeypatch.setenv("PORTAL_DB", str(tmp_path / "fixture.duckdb"))  # the con fixture's file
    assert cli.main(["kpi", "satisfaction", "--from", "2026-02-23", "--to", "2026-03-01"]) == 0
    out = capsys.readouterr().out
    assert "Responses: no data: nothing to count in this period and selection" in out
    assert "Responses: 0" not in out
    assert (
        cli.main(["kpi", "satisfaction", "--from", "2026-03-02", "--to", "2026-03-08", "--lang", "zh"]) == 0
    )
    assert "答卷数：2" in capsys.readouterr().out
