"""``python -m portal kpi complaints``: the page's figures as JSON or text, options, exit codes, the kpi hook."""

import json
import sys
import types
from datetime import date

import pytest

from portal import cli, cli_kpi, settings
from tests import complaints_fixture as fx

PERIOD = ["--from", "2024-03-04", "--to", "2024-03-17", "--as-of", "2024-03-18T00:00"]


@pytest.fixture
def kpi(con, tmp_path, monkeypatch, capsys):
    fx.load(con)
    # the fixture's times are worked out in UTC days (tests/test_report_timezone.py covers the stores' zone)
    settings.put(con.cursor(), "report_timezone", "UTC", "test")
    monkeypatch.setenv("PORTAL_DB", str(tmp_path / "fixture.duckdb"))  # the file of the con fixture

    def run(*args):
        code = cli.main(["kpi", "complaints", *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_json_prints_the_figures(kpi):
    code, out, err = kpi(*PERIOD, "--json")
    assert code == 0, err
    data = json.loads(out)
    # numbers of tests/test_complaints_queries.py: 11 received, FRT median 15 h / p90 26.5 h, SLA 6 of 8 (c8, c9
    # answered on a date, met on it),
    # resolution median 47 h, reopen 2 of 9, recovery 5 of 7, backlog 2 under a day and 3 over a week
    s = data["summary"]
    assert s["complaint_count"] == 11
    assert (s["first_response_median_hours"], s["first_response_p90_hours"]) == (15.0, pytest.approx(26.5))
    assert s["sla_attainment_pct"] == pytest.approx(600 / 8)
    assert s["resolution_median_hours"] == pytest.approx(47.0)
    assert (s["reopen_rate_pct"], s["recovery_rate_pct"]) == (pytest.approx(200 / 9), pytest.approx(500 / 7))
    assert data["backlog_by_age"] == {"lt_1d": 2, "d1_3": 0, "d3_7": 0, "gt_7d": 3}
    assert {c["channel"]: c["complaint_count"] for c in data["channels"]}["hotline"] == 4
    # delivery resolved in the period: c10 24 h and c11 168 h (received in February) -> median 96 h
    assert {c["category_group"]: c["resolution_median_hours"] for c in data["categories"]}["delivery"] == 96.0
    assert data["previous_period"] == {
        "start": "2024-02-19",
        "end": "2024-03-03",
        "timezone": "UTC",
        "as_of": "2024-03-04T00:00:00",
    }


def test_store_region_and_list_filters(kpi):
    def count(*args):
        code, out, err = kpi(*PERIOD, "--json", *args)
        assert code == 0, err
        return json.loads(out)["summary"]["complaint_count"]

    assert count("--store", "S001") == 4  # c1 c2 c7 c9
    assert count("--store", "s001", "--store", "S003") == 6  # + c5 c6 (codes are case-insensitive)
    assert count("--region", "South") == 2  # S003: c5 c6
    assert count("--region", "南区") == 2
    assert count("--region", "R1") == 8  # S001, S002: c1 c2 c3 c4 c7 c8 c9 c13
    assert count("--channel", "hotline", "--severity", "high") == 2  # c2 c13
    assert count("--category", "delivery") == 2  # c4 c10


def test_business_hours_option(kpi):
    code, out, _ = kpi(*PERIOD, "--json", "--business-hours")
    data = json.loads(out)
    assert code == 0 and data["filters"]["business_hours"] is True
    assert data["summary"]["business_hours_count"] == 10  # all received but c10 (no store)


def test_text_output_by_default(kpi):
    code, out, _ = kpi(*PERIOD)
    assert code == 0
    assert "Complaints 2024-03-04 to 2024-03-17" in out
    assert "Response SLA attainment: 75.0%" in out  # 6 of 8 (test_json_prints_the_figures)


def test_unknown_store_or_region_is_invalid_input(kpi):
    code, out, err = kpi(*PERIOD, "--store", "S999", "--region", "Atlantis")
    assert code == 1 and out == ""
    assert "unknown store 'S999', region 'Atlantis'" in err


def test_bad_usage_exits_2(kpi):
    assert kpi("--from", "2024-03-10", "--to", "2024-03-01")[0] == 2
    with pytest.raises(SystemExit) as info:
        kpi("--channel", "fax")
    assert info.value.code == 2


def test_other_modules_add_kpi_subcommands(monkeypatch):
    """The documented hook: a module with register_kpi(kpi_sub), listed in KPI_MODULES."""
    module = types.ModuleType("kpi_hook_example")

    def register_kpi(kpi_sub):
        p = kpi_sub.add_parser("example")
        cli_kpi.add_period_arguments(p)
        p.set_defaults(func=lambda args: 0)

    module.register_kpi = register_kpi
    monkeypatch.setitem(sys.modules, "kpi_hook_example", module)
    monkeypatch.setattr(cli_kpi, "KPI_MODULES", (*cli_kpi.KPI_MODULES, "kpi_hook_example"))
    args = cli.build_parser().parse_args(["kpi", "example", "--store", "S001", "--json"])
    assert (args.kpi_command, args.store, args.json) == ("example", ["S001"], True)
    assert cli.build_parser().parse_args(["kpi", "complaints"]).kpi_command == "complaints"


def test_json_lists_the_source_categories_with_counts(kpi, con):
    # issue 9: the source's own category beside its group (the fixture's other complaints carry none)
    for raw, ids in {"Broken item": ["c1", "c2"], "Expired food": ["c8"], "Rude staff": ["c3"]}.items():
        con.execute("update complaints set category_raw = ? where source_id in ?", [raw, ids])  # noqa: S608
    con.execute("checkpoint")
    code, out, err = kpi(*PERIOD, "--json")
    assert code == 0, err
    got = [
        (c["category_raw"], c["category_group"], c["complaint_count"])
        for c in json.loads(out)["source_categories"]
    ]
    # 11 received: product_quality c1 c2 (Broken item) c8 (Expired food); service_attitude c3 (Rude staff),
    # c9 c13 (none given); delivery c4 c10, price c5 c6, other c7 (none given). By count, then the name.
    assert got == [
        ("Broken item", "product_quality", 2),
        (None, "delivery", 2),
        (None, "price", 2),
        (None, "service_attitude", 2),
        ("Expired food", "product_quality", 1),
        ("Rude staff", "service_attitude", 1),
        (None, "other", 1),
    ]
    shares = [c["cumulative_pct"] for c in json.loads(out)["source_categories"]]
    assert shares == pytest.approx([200 / 11, 400 / 11, 600 / 11, 800 / 11, 900 / 11, 1000 / 11, 100.0])


@pytest.mark.parametrize(
    ("period", "refused"),
    [
        (["--from", "2025-01-01", "--to", "9999-12-31"], "9999-12-31"),
        (["--from", "0001-01-01", "--to", "0001-02-01"], "0001-01-01, 0001-02-01"),
    ],
)
def test_a_far_off_date_is_refused_as_bad_usage(kpi, monkeypatch, period, refused):
    """A far-off --from or --to was an OverflowError traceback (the previous period began before year 1)."""
    monkeypatch.setattr("portal.filters.today_in", lambda timezone: date(2026, 12, 5))
    code, out, err = kpi(*period, "--json")
    assert (code, out) == (2, "")
    assert err == f"error: Outside the days the portal reports on (2000-01-01 to 2027-12-05): {refused}.\n"


def test_business_hours_text_says_its_durations_are_business_hours(kpi, con):
    # the text summary with --business-hours had the calendar hours' header and unit ("8.5 h"): only the JSON
    # said business_hours: true
    code, out, err = kpi(*PERIOD, "--business-hours")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[1] == (
        "  Business hours: durations count only the stores' opening hours. 1 of 11 complaints (no store, or a "
        "store without opening hours) are counted in calendar hours."
    )
    assert lines[4] == (
        "  First response time, median: 8.5 business h  (n = 6; target ≤ 24.0 business h; +7.5 business h vs "
        "previous period)"
    )
    assert lines[7] == (
        "  Resolution time, median: 24.0 business h  (n = 7; target by severity: High 48 / Normal 72 / Low 168 "
        "business h)"
    )
    code, calendar, _ = kpi(*PERIOD)
    assert "business" not in calendar.casefold() and "First response time, median: 15.0 h  (n = " in calendar

    from datetime import datetime

    from portal import complaints
    from portal import kpi as kpi_figures
    from portal.complaints.export import text_summary
    from portal.filters import Filters
    from portal.scope import Scope

    filters = Filters(start=date(2024, 3, 4), end=date(2024, 3, 17), timezone="UTC", business_hours=True)
    run = kpi_figures.runner(con, Scope.everything())
    zh = text_summary(
        complaints.figures(run, filters, complaints.targets(con), as_of=datetime(2024, 3, 18)), "zh"
    )
    assert zh.splitlines()[1] == (
        "  按营业时间计算：时长只计门店营业时间。11 条投诉中有 1 条(无门店或门店未设营业时间)按自然小时计算。"
    )
    assert zh.splitlines()[4].startswith(
        "  首次响应时长(中位数)：8.5 营业小时  (n = 6; 目标 ≤ 24.0 营业小时; +7.5 营业小时"
    )


def test_lang_zh_prints_the_dashboards_words_in_chinese(kpi):
    # `kpi complaints --lang zh` was refused ("unrecognized arguments"): the Chinese kpi texts were never printed
    code, out, err = kpi(*PERIOD, "--lang", "zh")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("投诉 ")
    assert lines[-1] == "  积压/未结投诉账龄：< 1天 2、1-3天 0、3-7天 0、> 7天 3"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_text_reads_no_hot_spots_and_prints_the_same(kpi, monkeypatch, lang):
    # the text summary reads no channel mix, category x store or source category: complaint_breakdowns runs
    # without them ('with' before); the JSON, which lists them, with them; the text as with every row
    from portal import db

    modes: list = []
    run_query = db.run_query
    forced: list = []  # a mode forced on complaint_breakdowns: the text as before

    def spy(con, name, params=None, scope=None):
        if name == "complaint_breakdowns":
            modes.append(params["hot_spots"])
            params = {**params, "hot_spots": forced[0]} if forced else params
        return run_query(con, name, params, scope)

    monkeypatch.setattr(db, "run_query", spy)
    code, text, err = kpi(*PERIOD, "--lang", lang)
    assert code == 0, err
    assert modes == ["without"]
    forced.append("with")
    assert kpi(*PERIOD, "--lang", lang)[1] == text
    modes.clear()
    forced.clear()
    code, out, err = kpi(*PERIOD, "--json", "--lang", lang)
    assert code == 0, err
    assert modes == ["with"] and json.loads(out)["channels"]
