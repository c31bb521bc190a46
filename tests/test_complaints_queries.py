"""Complaint figures from queries/complaint_*.sql against numbers worked out by hand.

The fixture (tests/complaints_fixture.py) lists every complaint with its stamps; each expected number below
says which complaints it counts. Durations in hours. Business hours and the calendar-hours twin of
complaint_facts: tests/test_complaints_business_hours.py.
"""

import re
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest

from portal import complaints, db, kpi
from portal.filters import Filters
from portal.scope import Scope
from tests import complaints_fixture as fx

QUERIES = Path(__file__).resolve().parent.parent / "queries"
GOALS = complaints.Targets()
EVERYTHING = Scope.everything()


@pytest.fixture
def fcon(con):
    fx.load(con)
    return con


def summary(con, filters=fx.CURRENT, scope=EVERYTHING, as_of=fx.AS_OF):
    return complaints.summary(kpi.runner(con, scope), filters, GOALS, as_of=as_of)


def breakdowns(con, filters=fx.CURRENT, scope=EVERYTHING, as_of=fx.AS_OF):
    return complaints.breakdowns(kpi.runner(con, scope), filters, GOALS, as_of=as_of)


# The parameters of the table macro complaint_facts (models/complaint_facts.sql, the live one), in order
FACTS_PARAMS = (
    "scope_all_stores",
    "scope_store_ids",
    "scope_region_ids",
    "start_at",
    "end_at",
    "region_ids",
    "store_ids",
    "channels",
    "categories",
    "severities",
    "business_hours",
    "as_of",
    "sla_as_of",
    "sla_hours",
    "target_high_hours",
    "target_normal_hours",
    "target_low_hours",
    "report_tz",  # default 'UTC' (issue 9: the day a date-only stamp is)
    "received_from",  # default none (issue 10: the complaint list's pushed-down range)
)
OPTIONAL_FACTS_PARAMS = ("received_from",)  # the figures leave it at its default
FIGURE_FACTS_PARAMS = tuple(p for p in FACTS_PARAMS if p not in OPTIONAL_FACTS_PARAMS)


def test_complaint_queries_count_from_the_one_facts_macro(con):
    macro = con.execute(
        "select parameters from duckdb_functions() where function_name = 'complaint_facts'"
    ).fetchone()
    assert macro is not None and tuple(macro[0]) == FACTS_PARAMS
    for name in (complaints.SUMMARY_QUERY, complaints.PREVIOUS_SUMMARY_QUERY, complaints.BREAKDOWNS_QUERY):
        sql = db.load_query(name).sql
        code = "\n".join(ln.split("--", 1)[0] for ln in sql.splitlines())
        assert "from complaint_facts(" in code, name
        # every macro parameter passed by name from the same-named bound parameter (none left to position)
        passed = re.findall(r"(\w+) := \$(\w+)", code)
        assert [a for a, b in passed] == [b for a, b in passed] == list(FIGURE_FACTS_PARAMS), name
        assert "from complaints " not in code and "from complaints\n" not in code, name
        assert (
            "in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, f.store_id, f.region_id)"
            in code
        ), name
    assert "in_agent_scope($scope_all_agents" in db.load_query(complaints.BREAKDOWNS_QUERY).sql
    # the per-complaint steps live in the macro only: no query file carries a copy of them
    for path in sorted(QUERIES.glob("*.sql")):
        text = path.read_text(encoding="utf-8")
        assert "as_of_business_clock" not in text and "\nstore_schedule as" not in text, (
            f"{path.name} repeats the complaint facts: select from complaint_facts(...) instead"
        )


def test_complaint_facts_parameters_hide_no_column(con):
    # A macro parameter hides a same-named column in the macro's body. None may be named like a column of a
    # table the body reads or like a column the body defines (`as name`), or a reference to it would read
    # the argument instead. Both macros: complaint_facts and its calendar-hours twin it is built on.
    body = "\n".join(
        (db.MODELS_DIR / f"{name}.sql").read_text(encoding="utf-8")
        for name in ("complaint_facts", "complaint_facts_calendar")
    )
    body = "\n".join(ln.split("--", 1)[0] for ln in body.splitlines())
    tables = set(re.findall(r"\b(?:from|join) (\w+) as ", body))
    columns = {
        r[0]
        for r in con.execute(
            "select column_name from information_schema.columns where list_contains($tables, table_name)",
            {"tables": sorted(tables)},
        ).fetchall()
    }
    defined = set(re.findall(r"\bas (\w+)", body))
    assert {"complaints", "stores", "store_hours"} <= tables
    assert "as_of_clock" in defined and "received_at" in columns  # the sets are read
    assert set(FACTS_PARAMS).isdisjoint(columns | defined)


def test_complaint_facts_macro_applies_scope_and_filters(fcon):
    # Stores S001, S002 in scope, channel hotline, the current period as of 03-18 00:00: the complaints a
    # figure can touch are c1 c2 c9 (S001) and c13 (S002) received in the period, and c14 (S001, received
    # 01-10, still open: backlog only). Left out: c3 c4 c8 (S002, not hotline), c7 c11 (S001, not hotline),
    # c5 c6 c12 (S003), c10 (no store).
    params = complaints.query_params(fx.CURRENT, GOALS, fx.AS_OF, fx.AS_OF)
    params.update(Scope(store_ids=(1, 2)).sql_params(), channels=["hotline"])
    rows = fcon.execute(
        """
        select c.source_id, f.is_received_in_period, f.is_resolution_in_period, f.is_backlog,
            f.first_response_hours, f.resolution_hours, f.is_sla_elapsed, f.is_answered_within_sla
        from complaint_facts(
            scope_all_stores := $scope_all_stores, scope_store_ids := $scope_store_ids, scope_region_ids := $scope_region_ids,
            start_at := $start_at, end_at := $end_at, region_ids := $region_ids, store_ids := $store_ids,
            channels := $channels, categories := $categories, severities := $severities,
            business_hours := $business_hours, as_of := $as_of, sla_as_of := $sla_as_of,
            sla_hours := $sla_hours, target_high_hours := $target_high_hours, target_normal_hours := $target_normal_hours,
            target_low_hours := $target_low_hours, report_tz := $report_tz
        ) as f
        join complaints as c on c.complaint_id = f.complaint_id
        order by f.received_at
        """,
        {name: params[name] for name in FIGURE_FACTS_PARAMS},
    ).fetchall()
    assert rows == [
        # c14 01-10 00:00, answered 02:00 (2 h), open at 03-18: backlog, its 24 h long elapsed and met
        ("c14", False, False, True, 2.0, None, True, True),
        # c1 03-04 10:00 -> answered 12:00 (2 h) -> resolved 03-05 10:00 (24 h)
        ("c1", True, True, False, 2.0, 24.0, True, True),
        # c2 03-05 08:00 -> 18:00 (10 h) -> resolved 03-07 08:00 (48 h)
        ("c2", True, True, False, 10.0, 48.0, True, True),
        # c9 03-11 00:00 -> answered on 03-11 (date only: no FRT) -> 03-12 12:00 (36 h); the SLA judged on its
        # date: answered by 03-12 00:00 at the latest, at most 24 h: elapsed and met
        ("c9", True, True, False, None, 36.0, True, True),
        # c13 03-16 00:00 -> 23:00 (23 h) -> resolved 03-17 23:00 (47 h)
        ("c13", True, True, False, 23.0, 47.0, True, True),
    ]


def test_volume_and_first_response(fcon):
    s = summary(fcon)
    # received 03-04..03-17: c1 c2 c3 c4 c5 c6 c7 c8 c9 c10 c13 (c11, c12 in February/March 1st, c14 January)
    assert s["complaint_count"] == 11
    assert s["cancelled_count"] == 1  # c7
    assert s["unanswered_count"] == 2  # c4, c5 (c7 is cancelled)
    assert s["received_date_only_count"] == 1  # c8
    # FRT with hour-precise stamps: c1 2, c2 10, c3 30, c6 2, c10 20, c13 23 -> sorted 2 2 10 20 23 30
    # (c8 received date-only, c9 first response date-only, c7 cancelled: left out)
    assert s["first_response_n"] == 6
    assert s["first_response_date_only_count"] == 2  # c8, c9
    assert s["first_response_median_hours"] == pytest.approx(15.0)  # (10 + 20) / 2
    assert s["first_response_p90_hours"] == pytest.approx(26.5)  # pos 0.9*5 = 4.5: 23 + 0.5*(30-23)


def test_response_sla_edge_cases(fcon):
    s = summary(fcon)
    # eligible: c1 c2 c3 c4 c5 c6 c8 c9 c10 c13 (c7 cancelled).
    # 24 h elapsed by 03-18 00:00: c1 c2 c3 c4 c8 c9 c10 c13; c5 (12 h, unanswered) and c6 (18 h, answered in 2 h)
    # are inside their 24 h: in neither part. Met: c1 2 h, c2 10 h, c10 20 h, c13 23 h, and on their dates c8
    # (received on 03-08, answered 03-08 05:00: at most 5 h) and c9 (03-11 00:00, answered on 03-11: at most
    # 24 h). Breaches: c3 answered after 30 h, c4 still unanswered after 24 h. None left out on its dates.
    assert s["sla_elapsed_count"] == 8
    assert s["sla_met_count"] == 6
    assert s["sla_attainment_pct"] == pytest.approx(600 / 8)
    assert s["sla_undecided_count"] == 0


def test_unanswered_breach_waits_for_its_24_hours(fcon):
    # the period runs to 03-18 (nothing received that day). As of 03-18 11:59, c5 (received 03-17 12:00,
    # unanswered) is at 23:59 h: still neither part, while c6 (03-17 06:00, answered in 2 h) has elapsed;
    # as of 03-18 12:00 c5's 24 h are over: a breach.
    period = Filters(start=date(2024, 3, 4), end=date(2024, 3, 18))
    before = summary(fcon, filters=period, as_of=datetime(2024, 3, 18, 11, 59))
    # (the 8 and 6 of test_response_sla_edge_cases, c8 and c9 met on their dates)
    assert (before["sla_elapsed_count"], before["sla_met_count"]) == (9, 7)  # + c6 (met)
    at_noon = summary(fcon, filters=period, as_of=datetime(2024, 3, 18, 12, 0))
    assert (at_noon["sla_elapsed_count"], at_noon["sla_met_count"]) == (10, 7)  # + c5 (breach)


def test_resolution_reopen_recovery(fcon):
    s = summary(fcon)
    # resolution stamp in the period: c1 c2 c3 c8 c9 c10 c11 c13 (resolved or closed) and c12 (reopened since)
    assert s["resolved_count"] == 8
    # hour-precise: c1 24, c2 48, c3 72, c9 36, c10 24, c11 168 (02-28 -> 03-06 over 02-29), c13 47
    # (c8 received date-only); sorted 24 24 36 47 48 72 168: median 47;
    # p90 at position 0.9 * 6 = 5.4 -> 72 + 0.4 * (168 - 72) = 110.4
    assert s["resolution_n"] == 7
    assert s["resolution_date_only_count"] == 1
    assert s["resolution_median_hours"] == pytest.approx(47.0)
    assert s["resolution_p90_hours"] == pytest.approx(110.4)
    # within severity target: all but c11 (normal, 168 > 72); c2 high 48 <= 48 and c13 high 47 <= 48 -> 6/7
    assert s["resolution_within_target_count"] == 6
    # reopen: 9 with a resolution stamp in the period, reopened c3 (count 1) and c12 (status reopened)
    assert (s["reopened_count"], s["reopen_base_count"]) == (2, 9)
    assert s["reopen_rate_pct"] == pytest.approx(200 / 9)
    # recovery among the 8 resolved: csat c1 5, c2 3, c3 4, c9 4, c10 2, c11 5, c13 4 (c8 none) -> 5 of 7 >= 4
    assert (s["recovered_count"], s["recovery_n"]) == (5, 7)
    assert s["recovery_rate_pct"] == pytest.approx(500 / 7)


def test_backlog_by_age(fcon):
    s = summary(fcon)
    # open at 03-18 00:00: c4 (180 h), c5 (12 h), c6 (18 h), c12 (reopened, 17 days), c14 (68 days);
    # c7 cancelled and c13 resolved 03-17 23:00 are not.
    assert s["backlog_count"] == 5
    assert (
        s["backlog_lt_1d_count"],
        s["backlog_1_3d_count"],
        s["backlog_3_7d_count"],
        s["backlog_gt_7d_count"],
    ) == (2, 0, 0, 3)
    backlog = complaints.backlog_by_age(breakdowns(fcon))
    cells = {(r.age_bucket, r.severity): r.backlog_count for r in backlog.itertuples() if r.backlog_count}
    # c5, c6 normal < 1 d; c4 low, c12 normal, c14 normal > 7 d
    assert cells == {("lt_1d", "normal"): 2, ("gt_7d", "low"): 1, ("gt_7d", "normal"): 2}
    assert len(backlog) == 12


def test_previous_period(fcon):
    s = summary(fcon, filters=fx.CURRENT.previous(), as_of=fx.PREVIOUS_AS_OF)
    assert fx.CURRENT.previous() == Filters(start=date(2024, 2, 19), end=date(2024, 3, 3))
    # received 02-19..03-03: c11, c12; FRT 1 h and 3 h, both within 24 h
    assert s["complaint_count"] == 2
    assert s["first_response_median_hours"] == pytest.approx(2.0)
    assert (s["sla_met_count"], s["sla_elapsed_count"]) == (2, 2)
    # nothing resolved before 03-04; open at 03-04 00:00: c11 (5 days), c12 (3 days = 72 h), c14 (> 7 days)
    assert s["resolution_n"] == 0 and s["resolution_median_hours"] is None
    assert (s["backlog_count"], s["backlog_3_7d_count"], s["backlog_gt_7d_count"]) == (3, 2, 1)


def test_weekly_rows(fcon):
    bd = breakdowns(fcon)
    received = bd[bd["dimension"] == "received_week"].set_index("week_start")
    week1, week2 = pd.Timestamp("2024-03-04"), pd.Timestamp("2024-03-11")
    # week 1: c1 c2 c3 c4 c8; week 2: c5 c6 c7 c9 c10 c13
    assert received.loc[week1, "complaint_count"] == 5 and received.loc[week2, "complaint_count"] == 6
    # FRT week 1: c1 2, c2 10, c3 30 -> 10; week 2: c6 2, c10 20, c13 23 -> 20
    assert received.loc[week1, "first_response_median_hours"] == pytest.approx(10.0)
    assert received.loc[week2, "first_response_median_hours"] == pytest.approx(20.0)
    # SLA week 1: elapsed c1 c2 c3 c4 c8, met c1 c2 c8 (on its date); week 2: elapsed c9 c10 c13, all met (c9 on
    # its date)
    assert (received.loc[week1, "sla_met_count"], received.loc[week1, "sla_elapsed_count"]) == (3, 5)
    assert (received.loc[week2, "sla_met_count"], received.loc[week2, "sla_elapsed_count"]) == (3, 3)
    resolved = bd[bd["dimension"] == "resolved_week"].set_index("week_start")
    # week 1 resolutions: c1 24, c2 48, c3 72, c11 168 (+ c8 date-only, c12 reopened): median (48+72)/2 = 60
    assert resolved.loc[week1, "resolution_median_hours"] == pytest.approx(60.0)
    assert (resolved.loc[week1, "reopened_count"], resolved.loc[week1, "reopen_base_count"]) == (2, 6)
    assert (resolved.loc[week1, "recovered_count"], resolved.loc[week1, "recovery_n"]) == (3, 4)
    # week 2: c9 36, c10 24, c13 47 -> 36; csat 4, 2, 4 -> 2 of 3
    assert resolved.loc[week2, "resolution_median_hours"] == pytest.approx(36.0)
    assert (resolved.loc[week2, "recovered_count"], resolved.loc[week2, "recovery_n"]) == (2, 3)


def test_channels_and_categories(fcon):
    bd = breakdowns(fcon)
    channels = complaints.channel_mix(bd).set_index("channel")
    assert channels["complaint_count"].to_dict() == {
        "hotline": 4,
        "email": 2,
        "online": 2,
        "app": 1,
        "in_store": 1,
        "social_media": 1,  # c1 c2 c9 c13 ...
    }
    assert list(channels.index[:3]) == ["hotline", "email", "online"]  # by count, then name
    assert channels.loc["hotline", "share_pct"] == pytest.approx(400 / 11)
    # hotline FRT: c1 2, c2 10, c13 23 (c9 date-only) -> 10; resolution c1 24, c2 48, c9 36, c13 47 -> 41.5
    assert channels.loc["hotline", "first_response_median_hours"] == pytest.approx(10.0)
    assert channels.loc["hotline", "resolution_median_hours"] == pytest.approx(41.5)
    pareto = complaints.category_pareto(bd)
    # product_quality c1 c2 c8 = 3, service_attitude c3 c9 c13 = 3, delivery c4 c10 = 2, price c5 c6 = 2, other c7
    assert pareto["category_group"].tolist() == [
        "product_quality",
        "service_attitude",
        "delivery",
        "price",
        "other",
    ]
    assert pareto["complaint_count"].tolist() == [3, 3, 2, 2, 1]
    assert pareto["cumulative_pct"].tolist() == pytest.approx(
        [300 / 11, 600 / 11, 800 / 11, 1000 / 11, 100.0]
    )


def test_category_by_store_and_store_table(fcon):
    bd = breakdowns(fcon)
    heat = complaints.category_by_store(bd)
    cells = {
        (r.category_group, None if pd.isna(r.store_code) else r.store_code): r.complaint_count
        for r in heat.itertuples()
    }
    assert cells == {
        ("product_quality", "S001"): 2,
        ("other", "S001"): 1,
        ("service_attitude", "S001"): 1,  # c1 c2, c7, c9
        ("service_attitude", "S002"): 2,
        ("delivery", "S002"): 1,
        ("product_quality", "S002"): 1,  # c3 c13, c4, c8
        ("price", "S003"): 2,
        ("delivery", None): 1,  # c5 c6, c10
    }
    stores = complaints.store_table(bd)
    s001 = stores[stores["store_code"] == "S001"].iloc[0]
    # S001: received c1 c2 c7 c9; backlog c14; resolutions c1 24, c2 48, c9 36, c11 168 -> median 42
    assert (s001["complaint_count"], s001["backlog_count"], s001["resolution_n"]) == (4, 1, 4)
    assert s001["resolution_median_hours"] == pytest.approx(42.0)
    no_store = stores[stores["store_code"].isna()].iloc[0]
    assert no_store["complaint_count"] == 1  # c10, online without a store


def test_agent_table_and_agent_scope(fcon):
    agents = complaints.agent_table(breakdowns(fcon)).set_index("agent_code")
    # A001: received c1 c2 c8 c13; backlog c14; SLA elapsed c1 c2 c8 c13, all met (c8 on its date)
    assert agents.loc["A001", "complaint_count"] == 4
    assert agents.loc["A001", "backlog_count"] == 1
    assert agents.loc["A001", "sla_attainment_pct"] == pytest.approx(100.0)
    # A002: c3 (breach), c4 (breach), c9 (answered on its day of receipt: met on its date): 1 of 3
    assert agents.loc["A002", "sla_attainment_pct"] == pytest.approx(100 / 3)
    team_lead = Scope(store_ids=(1, 2), team_id=1)
    scoped = complaints.agent_table(breakdowns(fcon, scope=team_lead))
    assert set(scoped["agent_code"]) == {"A001", "A002"}  # team T1 only; A004 (c7, c11 at S001) is T2


def test_store_scope_and_filters(fcon):
    # a manager of S001 only: c1 c2 c7 c9 received; c10 (no store) is visible chain-wide only
    assert summary(fcon, scope=Scope(store_ids=(1,), all_agents=True))["complaint_count"] == 4
    assert summary(fcon, scope=Scope.nothing())["complaint_count"] == 0
    assert (
        summary(fcon, filters=Filters(fx.CURRENT.start, fx.CURRENT.end, channels=("hotline",)))[
            "complaint_count"
        ]
        == 4
    )  # c1 c2 c9 c13
    high = summary(fcon, filters=Filters(fx.CURRENT.start, fx.CURRENT.end, severities=("high",)))
    assert (high["complaint_count"], high["resolution_median_hours"]) == (
        2,
        pytest.approx(47.5),
    )  # c2 48, c13 47
    south = summary(fcon, filters=Filters(fx.CURRENT.start, fx.CURRENT.end, region_ids=(2,)))
    assert (south["complaint_count"], south["backlog_count"]) == (2, 3)  # c5 c6; backlog c5 c6 c12
    s2 = summary(
        fcon, filters=Filters(fx.CURRENT.start, fx.CURRENT.end, store_ids=(2,), categories=("delivery",))
    )
    assert s2["complaint_count"] == 1  # c4


def test_queries_bind_every_parameter(fcon):
    params = complaints.query_params(fx.CURRENT, GOALS, fx.AS_OF, fx.AS_OF)
    for name in ("complaint_summary", "complaint_previous_summary", "complaint_breakdowns"):
        assert (
            db.load_query(name).parameters - params.keys()
            == {
                "lang",  # store names: bound by the runner ('en' unless the caller says)
                "weeks_only",  # complaint_breakdowns: bound by complaints.breakdowns
                "hot_spots",  # complaint_breakdowns: bound by complaints.breakdowns
                "scope_all_stores",
                "scope_store_ids",
                "scope_region_ids",
                "scope_all_agents",
                "scope_team_id",
                "scope_agent_id",
            }
            & db.load_query(name).parameters
        )


def test_as_of_after_the_period_is_its_end(fcon):
    # an explicit as of later than the period's end (e.g. kpi complaints --as-of) is taken as the end for the
    # backlog (still c4 c5 c6 c12 c14), while SLA windows are judged at that later moment: c5 (03-17 12:00,
    # unanswered) and c6 (03-17 06:00, answered in 2 h), inside their 24 h at 03-18 00:00, have now run out:
    # elapsed 8 + 2 = 10, met 6 + 1 (c6) = 7, c5 a breach
    later = summary(fcon, as_of=datetime(2024, 5, 1))
    assert (later["backlog_count"], later["sla_elapsed_count"], later["sla_met_count"]) == (5, 10, 7)


# ---------------------------------------------------------------- the summary row of the breakdowns (issue 14)
SUMMARY_CASES = [
    (fx.CURRENT, EVERYTHING, fx.AS_OF),
    (fx.CURRENT.previous(), EVERYTHING, fx.PREVIOUS_AS_OF),
    (fx.CURRENT, Scope(store_ids=(1,), all_agents=True), fx.AS_OF),
    (fx.CURRENT, Scope.nothing(), fx.AS_OF),
    (Filters(fx.CURRENT.start, fx.CURRENT.end, severities=("high",)), EVERYTHING, fx.AS_OF),
    (Filters(fx.CURRENT.start, fx.CURRENT.end, region_ids=(2,), channels=("hotline",)), EVERYTHING, fx.AS_OF),
    (Filters(fx.CURRENT.start, fx.CURRENT.end, business_hours=True), EVERYTHING, fx.AS_OF),
    (Filters(date(2023, 1, 2), date(2023, 1, 8)), EVERYTHING, datetime(2023, 1, 9)),  # nothing in it
]


@pytest.mark.parametrize("filters, scope, as_of", SUMMARY_CASES)
def test_the_breakdowns_summary_row_is_the_summary(fcon, filters, scope, as_of):
    """The Complaints page and the overview take a period's tiles from its breakdowns' 'summary' row (one pass
    over the period's rows): the same keys and values as complaint_summary, for any filter, scope and mode."""
    expected = summary(fcon, filters=filters, scope=scope, as_of=as_of)
    bd = breakdowns(fcon, filters=filters, scope=scope, as_of=as_of)
    assert (bd["dimension"] == "summary").sum() == 1
    got = complaints.summary_of(bd)
    assert list(got) == list(expected)
    assert got == expected
    if scope is EVERYTHING and filters is fx.CURRENT:
        assert got["complaint_count"] > 0  # a case where the row holds figures, not only nulls and zeros
    # the weekly rows alone (the overview's trend over its whole window): the same weekly rows, the same trend
    weeks = complaints.breakdowns(kpi.runner(fcon, scope), filters, GOALS, as_of=as_of, weeks_only=True)
    assert set(weeks["dimension"]) <= {"received_week", "resolved_week"}
    same = bd[bd["dimension"].isin(["received_week", "resolved_week"])].reset_index(drop=True)
    empty = [c for c in weeks.columns if weeks[c].isna().all()]  # the key columns ('channel', ...): all null
    assert same[empty].isna().all().all()
    pd.testing.assert_frame_equal(weeks.drop(columns=empty), same.drop(columns=empty), check_dtype=False)
    pd.testing.assert_frame_equal(
        complaints.weekly_trend(weeks, filters, as_of), complaints.weekly_trend(bd, filters, as_of)
    )
    if scope is EVERYTHING and filters is fx.CURRENT:
        assert len(weeks) > 0 and len(bd) > len(weeks) + 1


def test_sla_breaches_by_category_and_store(fcon):
    """The overview brief's breaches (complaints.sla_breaches, from the 'category_store' rows): received in the
    period, 24 h elapsed and not answered within them; they add up to the summary's elapsed minus met."""
    s = summary(fcon)
    got = complaints.sla_breaches(breakdowns(fcon))
    assert int(got["breach_count"].sum()) == s["sla_elapsed_count"] - s["sla_met_count"] > 0
    assert (got["breach_count"] > 0).all()
    assert list(got["breach_count"]) == sorted(got["breach_count"], reverse=True)
    assert list(got.columns) == ["category_group", "store_code", "breach_count"]
    # a period with no complaint: no breach row
    assert complaints.sla_breaches(
        breakdowns(fcon, filters=SUMMARY_CASES[-1][0], as_of=SUMMARY_CASES[-1][2])
    ).empty
