"""The demo data set: deterministic, the right sizes, internally consistent, telling the stories it promises."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from portal import db, demo
from portal.filters import today_in
from tests import fixtures

AS_OF = datetime(2026, 3, 15, 6, 30)  # naive UTC; 14:30 in Shanghai
SCALE = 0.05  # 12,500 complaints: enough for every status and story to show
TABLES = (
    "regions",
    "stores",
    "store_region_history",
    "store_hours",
    "teams",
    "agents",
    "complaints",
    "complaint_status_history",
    "survey_responses",
    "servqual_answers",
    "servqual_importance",
    "qa_reviews",
    "fives_inspections",
    "fives_item_scores",
    "corrective_actions",
)


def checksums(con) -> dict[str, tuple]:
    """Row count and a hash sum per column of every generated table (insert-time columns left out)."""
    out = {}
    for table in TABLES:
        cols = [
            r[0]
            for r in con.execute(
                "select column_name from information_schema.columns where table_name = ? order by ordinal_position",
                [table],
            ).fetchall()
            if r[0] not in ("created_at", "updated_at")
        ]
        sums = ", ".join(f"sum(hash({c}))" for c in cols)
        out[table] = con.execute(f"select count(*), {sums} from {table}").fetchone()  # noqa: S608 - catalog names
    return out


def one(con, sql, params=None):
    return con.execute(sql, params or []).fetchone()[0]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    con = fixtures.fresh_db(tmp_path_factory.mktemp("demo") / "demo.duckdb")
    counts = demo.generate(con, scale=SCALE, seed=7, as_of=AS_OF)
    yield con, counts
    con.close()


# ---------------------------------------------------------------- determinism and re-generation


def test_same_seed_gives_the_same_data_also_when_generated_again(tmp_path):
    first = fixtures.fresh_db(tmp_path / "first.duckdb")
    demo.generate(first, scale=0.02, seed=7, as_of=AS_OF)
    again = fixtures.fresh_db(tmp_path / "again.duckdb")
    demo.generate(again, scale=0.01, seed=3, as_of=AS_OF)
    # a demo-style user tied to region 1, team 1 and agent 1 (rows DuckDB will not let us delete), and a setting
    again.execute(
        "insert into users (username, display_name, password_hash, roles, scope_region_id, scope_team_id, agent_id)"
        " values ('u1', 'U One', 'x', ['manager'], 1, 1, 1)"
    )
    again.execute("insert into settings (key, value) values ('satisfaction_target', '80')")
    demo.generate(again, scale=0.02, seed=7, as_of=AS_OF)
    assert checksums(again) == checksums(first)
    assert one(again, "select count(*) from users") == 1
    assert one(again, "select value from settings where key = 'satisfaction_target'") == "80"
    assert one(again, "select count(*) from instrument_items where instrument_id = 1") == 22
    assert one(again, "select count(*) from fives_items where template_id = 1") == 25

    demo.generate(again, scale=0.02, seed=8, as_of=AS_OF)
    other_seed = checksums(again)
    assert other_seed["complaints"] != checksums(first)["complaints"]
    assert other_seed["stores"] == checksums(first)["stores"]  # master data does not depend on the seed
    first.close()
    again.close()


def test_foreign_master_data_is_replaced(tmp_path):
    # the test fixture's master data: S003 sits in region 2 and A001..A004 in other teams/stores than the demo's
    con = fixtures.build_fixture_db(tmp_path / "fixture.duckdb")
    con.execute(
        "insert into complaints (source, source_id, received_at, channel, store_id, region_id, agent_id, status)"
        " values ('x', '1', '2026-01-01 10:00', 'hotline', 3, 2, 4, 'open')"
    )
    demo.generate(con, scale=0.005, seed=1, as_of=AS_OF)
    assert one(con, "select count(*) from stores") == 60
    assert one(con, "select region_id from stores where store_code = 'S003'") == 1
    assert one(con, "select count(*) from complaints where source = 'x'") == 0
    con.close()


def test_users_tied_to_master_rows_that_must_go_stop_the_generation(tmp_path):
    con = fixtures.build_fixture_db(tmp_path / "fixture.duckdb")
    con.execute(
        "insert into users (username, display_name, password_hash, roles, agent_id) values ('a4', 'A', 'x', ['agent'], 4)"
    )
    with pytest.raises(db.DatabaseError, match="a4"):
        demo.generate(con, scale=0.005, seed=1, as_of=AS_OF)
    assert one(con, "select name from stores where store_code = 'S001'") == "Store One"  # nothing replaced
    con.close()


# ---------------------------------------------------------------- sizes


def test_row_counts(demo_db):
    con, counts = demo_db
    assert counts == {t: one(con, f"select count(*) from {t}") for t in counts}  # noqa: S608 - constant names
    assert (
        counts["regions"] == 6
        and counts["stores"] == 60
        and counts["teams"] == 10
        and counts["agents"] == 150
    )
    assert counts["store_hours"] == 60 * 7
    assert counts["store_region_history"] == 61  # one row per store, two for the store that moved
    assert counts["store_assignments"] == 1  # the store that moved: its region now
    assert counts["complaints"] == 12_500  # 250,000 x 0.05
    assert counts["survey_responses"] == 6_000  # 120,000 x 0.05
    assert counts["qa_reviews"] == 1_000  # 20,000 x 0.05
    assert counts["fives_inspections"] == 60 * 24  # every store, every month of two years
    assert counts["fives_item_scores"] == 60 * 24 * 25
    servqual = one(con, "select count(distinct response_id) from servqual_answers")
    assert (
        0.276 * 6_000 < servqual < 0.324 * 6_000
    )  # 30% +- 4 sd of a binomial: 4 * sqrt(6000 * .3 * .7) = 142
    assert 22 * 0.97 * servqual < counts["servqual_answers"] <= 22 * servqual  # ~1.5% blank answers
    assert 2.5 * 12_500 < counts["complaint_status_history"] < 5 * 12_500
    assert counts["corrective_actions"] > 0


def test_the_data_ends_at_as_of(demo_db):
    con, _ = demo_db
    newest = one(con, "select max(received_at) from complaints")
    assert AS_OF - timedelta(hours=12) < newest <= AS_OF
    oldest = one(con, "select min(received_at) from complaints")
    assert oldest >= datetime(2024, 3, 16) - timedelta(hours=8)  # 730 local days: 2024-03-16 .. 2026-03-15
    for column in ("first_response_at", "resolved_at", "closed_at"):
        assert one(con, f"select max({column}) from complaints") <= AS_OF  # noqa: S608 - constant names
    assert one(con, "select max(changed_at) from complaint_status_history") <= AS_OF
    assert (
        date(2026, 3, 12) <= one(con, "select max(responded_on) from survey_responses") <= date(2026, 3, 15)
    )
    assert one(con, "select max(reviewed_on) from qa_reviews") <= date(2026, 3, 15)
    assert one(con, "select max(inspected_on) from fives_inspections") <= date(2026, 3, 15)
    assert one(con, "select max(created_at) from corrective_actions") <= AS_OF
    assert one(con, "select max(signed_at) from scorecard_sign_offs") <= AS_OF


# the time a row was written (now, not a time of the story) and a due date (which may lie ahead)
NOT_STORY_TIMES = {"created_at", "updated_at", "applied_at", "due_on"}


def test_nothing_is_dated_after_as_of(demo_db):
    """Every timestamp and date of every table, not only the ones above: QA disputes of a review of the last days
    were raised two days and decided four days after it (on 2026-03-15: raised 03-17, decided 03-19)."""
    con, _ = demo_db
    columns = con.execute(
        "select c.table_name, c.column_name, c.data_type from information_schema.columns as c "
        "join information_schema.tables as t using (table_schema, table_name) "
        "where t.table_type = 'BASE TABLE' and (c.data_type like 'TIMESTAMP%' or c.data_type = 'DATE')"
    ).fetchall()
    later = {}
    for table, column, data_type in columns:
        if column in NOT_STORY_TIMES or table in ("users", "audit_log"):  # the demo users: written now
            continue
        bound = AS_OF.date() if data_type == "DATE" else AS_OF
        sql = f'select count(*) from "{table}" where "{column}" > ?'  # noqa: S608 - catalog names
        n = one(con, sql, [bound])
        if n:
            later[f"{table}.{column}"] = n
    assert later == {}
    assert one(con, "select count(*) from qa_disputes where decided_at is not null") > 0
    assert one(con, "select count(*) from qa_disputes where decided_at < raised_at") == 0


def test_sign_offs_are_never_dated_after_the_demos_today(tmp_path):
    # Generated on 3 December with reviews on its first days: the last complete month is November, signed "on the
    # 3rd of the next month" was 4 December, in the future; a team lead's real sign-off then never showed (the
    # card shows the newest).
    con = fixtures.fresh_db(tmp_path / "early.duckdb")
    as_of = datetime(2026, 12, 3, 14, 0)
    demo.generate(con, scale=0.02, seed=1, as_of=as_of)
    assert one(con, "select max(reviewed_on) from qa_reviews") >= date(2026, 12, 1)
    assert one(con, "select count(*) from scorecard_sign_offs") > 0
    assert one(con, "select max(signed_at) from scorecard_sign_offs") <= as_of
    con.close()


def test_default_generation_ends_today(tmp_path):
    """Today in the reporting zone (Asia/Shanghai), the machine's date a day behind it in the UTC evening."""
    con = fixtures.fresh_db(tmp_path / "today.duckdb")
    demo.generate(con, scale=0.01, seed=2)
    now = datetime.now(UTC).replace(tzinfo=None)
    today = today_in(demo.base.ZONE)
    newest = one(con, "select max(received_at) from complaints")
    assert now - timedelta(days=2) < newest <= now
    assert today - timedelta(days=7) <= one(con, "select max(responded_on) from survey_responses") <= today
    last = one(con, "select max(inspected_on) from fives_inspections")
    assert (last.year, last.month) == (today.year, today.month) and last <= today
    meta = json.loads(one(con, "select value from settings where key = 'demo_data'"))
    assert meta["scale"] == 0.01 and meta["seed"] == 2
    assert abs(datetime.fromisoformat(meta["generated_at"]) - now) < timedelta(minutes=5)
    con.close()


# ---------------------------------------------------------------- complaint invariants


def test_complaint_times_are_in_order(demo_db):
    con, _ = demo_db
    assert one(con, "select count(*) from complaints where first_response_at < received_at") == 0
    assert one(con, "select count(*) from complaints where resolved_at < received_at") == 0
    assert one(con, "select count(*) from complaints where resolved_at < first_response_at") == 0
    assert one(con, "select count(*) from complaints where closed_at < resolved_at") == 0
    assert (
        one(con, "select count(*) from complaints where closed_at is not null and resolved_at is null") == 0
    )


def test_status_matches_the_times(demo_db):
    con, _ = demo_db
    rows = con.execute(
        "select status, count(*), count(first_response_at), count(resolved_at), count(closed_at),"
        " sum(reopen_count), count(post_resolution_csat) from complaints group by status"
    ).fetchall()
    by = {r[0]: r[1:] for r in rows}
    assert {"open", "responded", "resolved", "closed", "cancelled"} <= set(by) <= set(demo.STATUSES)
    n, frt, res, closed, reopens, csat = by["cancelled"]
    assert res == closed == reopens == csat == 0  # cancelled: never counted as resolved
    n, frt, res, closed, _, _ = by["open"]
    assert frt == res == closed == 0
    n, frt, res, closed, _, _ = by["responded"]
    assert frt == n and res == closed == 0
    n, _, res, closed, _, _ = by["closed"]
    assert res == closed == n
    n, _, res, closed, _, _ = by["resolved"]
    assert res == n and closed == 0
    if "reopened" in by:  # reopened right now: unresolved again
        n, _, res, closed, reopens, _ = by["reopened"]
        assert res == closed == 0 and reopens >= n
    # some resolved complaints lack a first response time, as real exports do
    assert 0 < one(
        con, "select count(*) from complaints where resolved_at is not null and first_response_at is null"
    )


def test_status_history_follows_each_complaint(demo_db):
    con, _ = demo_db
    assert one(con, "select count(*) from complaint_status_history where status = 'open'") == 12_500
    mismatched = one(
        con,
        "select count(*) from complaints c join complaint_status_history h on h.complaint_id = c.complaint_id"
        " and h.status = 'open' where h.changed_at <> c.received_at",
    )
    assert mismatched == 0
    reopen_events = one(con, "select count(*) from complaint_status_history where status = 'reopened'")
    assert reopen_events == one(con, "select sum(reopen_count) from complaints") > 0
    last_is_status = one(
        con,
        "select count(*) from complaints c join (select complaint_id, arg_max(status, changed_at) as last_status"
        " from complaint_status_history group by all) h using (complaint_id) where h.last_status <> c.status",
    )
    assert last_is_status == 0


def test_region_is_the_stores_region_at_the_time(demo_db):
    con, _ = demo_db
    wrong = one(
        con,
        "select count(*) from complaints c join store_region_history h on h.store_id = c.store_id"
        " and (c.received_at + interval 8 hour)::date >= h.valid_from"
        " and (h.valid_to is null or (c.received_at + interval 8 hour)::date < h.valid_to)"
        " where c.region_id <> h.region_id",
    )
    assert wrong == 0
    assert one(con, "select count(*) from complaints where store_id is null and region_id is not null") == 0
    assert one(con, "select count(*) from complaints where store_id is null") > 0
    assert (
        one(
            con,
            "select count(*) from complaints where store_id is null and channel in ('hotline', 'in_store')",
        )
        == 0
    )
    moved = con.execute(
        "select c.region_id, count(*) from complaints c join stores s using (store_id)"
        " where s.store_code = ? group by all order by 1",
        [demo.MOVED_STORE],
    ).fetchall()
    assert [r[0] for r in moved] == [1, 4]  # North now, Central before the move
    assert one(con, "select count(*) from store_region_history where valid_to is null") == 60
    # the move is recorded as a stores upload records it: the store keeps the region it was created with, its
    # current one is a store_assignments row, read through stores_now (a reader of stores.region_id is caught)
    assert con.execute(
        "select s.store_code, s.region_id, a.region_id, n.region_id from stores s join store_assignments a "
        "using (store_id) join stores_now n using (store_id)"
    ).fetchall() == [(demo.MOVED_STORE, 4, 1, 1)]


def test_agents_handle_complaints_only_while_employed(demo_db):
    con, _ = demo_db
    outside = one(
        con,
        "select count(*) from complaints c join agents a using (agent_id)"
        " where c.received_at::date < a.hired_on - 1",
    )
    assert outside == 0
    assert one(con, "select count(*) from agents where not is_active") == len(demo.LEFT_AGENTS)


def test_source_ids_are_unique_and_from_the_demo(demo_db):
    con, _ = demo_db
    assert one(con, "select count(distinct source_id) from complaints where source = 'demo'") == 12_500


def test_sequences_are_past_the_generated_ids(demo_db):
    con, _ = demo_db
    con.execute("begin transaction")
    new_id = one(
        con,
        "insert into complaints (source, source_id, received_at, channel, status)"
        " values ('t', 't1', '2026-01-01', 'hotline', 'open') returning complaint_id",
    )
    new_store = one(con, "insert into stores (store_code, name) values ('ZZZ', 'Z') returning store_id")
    con.execute("rollback")
    assert new_id > 12_500 and new_store > 60


# ---------------------------------------------------------------- the stories


def median_frt_hours(con, join: str = "", where: str = "true", params=None) -> float:
    """Median first response time in hours of the complaints matching a fixed filter written in the test."""
    frt = "median(epoch(first_response_at - received_at) / 3600)"
    return one(con, f"select {frt} from complaints {join} where {where}", params)  # noqa: S608 - test constants


def test_slow_and_fast_stores_and_agents_and_the_improvement_show(demo_db):
    con, _ = demo_db
    chain = median_frt_hours(con)
    stores = "join stores using (store_id)"
    for code in demo.SLOW_STORES:
        assert median_frt_hours(con, stores, "store_code = ?", [code]) > 1.5 * chain
    for code in demo.FAST_STORES:
        assert median_frt_hours(con, stores, "store_code = ?", [code]) < 0.8 * chain
    for code in demo.SLOW_AGENTS:
        assert median_frt_hours(con, "join agents using (agent_id)", "agent_code = ?", [code]) > 1.5 * chain
    change = AS_OF - timedelta(
        days=demo.IMPROVEMENT_DAYS_AGO - 30
    )  # fully in effect 30 days after the change
    before = median_frt_hours(con, where="received_at < ?", params=[change - timedelta(days=60)])
    after = median_frt_hours(con, where="received_at >= ?", params=[change])
    assert after < 0.8 * before


def test_channels_and_categories_have_a_pareto_like_spread(demo_db):
    con, _ = demo_db
    shares = [
        r[0]
        for r in con.execute(
            "select count(*) / sum(count(*)) over () as share from complaints group by category_group order by share desc"
        ).fetchall()
    ]
    assert len(shares) == 7 and shares[0] > 0.25 and sum(shares[:3]) > 0.6 and shares[-1] < 0.08
    channels = {r[0] for r in con.execute("select distinct channel from complaints").fetchall()}
    assert channels == set(demo.CHANNELS)
    assert one(con, "select count(distinct category_raw) from complaints") > 7  # the source's own names


def test_backlog_is_open(demo_db):
    con, _ = demo_db
    backlog = one(con, "select count(*) from complaints where resolved_at is null and status <> 'cancelled'")
    assert 0 < backlog < 0.05 * 12_500


# ---------------------------------------------------------------- surveys


def test_survey_answers_are_in_range_and_recommend_follows_overall(demo_db):
    con, _ = demo_db
    assert (
        one(con, "select count(*) from survey_responses where overall_satisfaction not between 1 and 5") == 0
    )
    assert one(con, "select count(*) from survey_responses where recommend_score not between 0 and 10") == 0
    assert one(con, "select corr(overall_satisfaction, recommend_score) from survey_responses") > 0.6
    assert 0.1 < one(con, "select count(comment) / count(*) from survey_responses") < 0.3
    chinese = one(
        con, "select count(*) from survey_responses where regexp_matches(comment, '[\u4e00-\u9fff]')"
    )
    english = one(con, "select count(*) from survey_responses where regexp_matches(comment, '^[A-Za-z]')")
    assert chinese > 0 and english > 0
    # the instrument is set exactly on the responses that carry a SERVQUAL block
    assert (
        one(
            con,
            "select count(*) from survey_responses r where (r.instrument_id is not null)"
            " <> exists (select 1 from servqual_answers a where a.response_id = r.response_id)",
        )
        == 0
    )


def test_servqual_expectations_exceed_perceptions_and_reliability_gap_is_largest(demo_db):
    con, _ = demo_db
    assert one(con, "select count(*) from servqual_answers where expectation not between 1 and 7") == 0
    assert one(con, "select count(*) from servqual_answers where perception not between 1 and 7") == 0
    assert one(con, "select avg(expectation) - avg(perception) from servqual_answers") > 0
    gaps = dict(
        con.execute(
            "select i.dimension_code, avg(a.perception - a.expectation) from servqual_answers a"
            " join instrument_items i on i.instrument_id = 1 and i.item_no = a.item_no group by all"
        ).fetchall()
    )
    assert set(gaps) == set(demo.SERVQUAL_DIMENSIONS)
    assert all(g < 0 for g in gaps.values())
    assert min(gaps, key=gaps.get) == "reliability"


def test_importance_points_sum_to_100(demo_db):
    con, _ = demo_db
    sums = con.execute(
        "select count(*), min(total), max(total), min(dims), max(dims) from"
        " (select response_id, sum(points) as total, count(*) as dims from servqual_importance group by all)"
    ).fetchone()
    assert sums[0] > 0 and sums[1:] == (100, 100, 5, 5)
    orphans = one(
        con,
        "select count(*) from servqual_importance i where not exists"
        " (select 1 from servqual_answers a where a.response_id = i.response_id)",
    )
    assert orphans == 0


def test_post_resolution_surveys_follow_a_resolved_complaint(demo_db):
    con, _ = demo_db
    linked = con.execute(
        "select count(*), count(*) filter (where c.resolved_at is null),"
        " count(*) filter (where r.responded_on < (c.resolved_at + interval 6 hour)::date),"
        " count(*) filter (where r.store_id <> c.store_id),"
        " count(*) filter (where r.overall_satisfaction <> c.post_resolution_csat)"
        " from survey_responses r join complaints c using (complaint_id)"
    ).fetchone()
    assert linked[0] > 0 and linked[1:] == (0, 0, 0, 0)


def test_qa_scores_depend_on_the_agent(demo_db):
    con, _ = demo_db
    assert one(con, "select count(*) from qa_reviews where score not between 0 and 100") == 0
    chain = one(con, "select avg(score) from qa_reviews")
    slow = one(
        con,
        "select avg(score) from qa_reviews join agents using (agent_id) where list_contains(?, agent_code)",
        [list(demo.SLOW_AGENTS)],
    )
    assert slow < chain - 5
    wrong_agent = one(
        con,
        "select count(*) from qa_reviews q join complaints c using (complaint_id) where q.agent_id <> c.agent_id",
    )
    assert wrong_agent == 0


# ---------------------------------------------------------------- 5S


def test_every_store_has_one_inspection_per_month(demo_db):
    con, _ = demo_db
    per_month = con.execute(
        "select count(distinct store_id), count(distinct date_trunc('month', inspected_on)), count(*)"
        " from fives_inspections"
    ).fetchone()
    assert per_month == (60, 24, 1440)  # 60 stores x 24 months, one each
    assert (
        one(
            con,
            "select count(*) from (select store_id, date_trunc('month', inspected_on) from fives_inspections"
            " group by all having count(*) <> 1)",
        )
        == 0
    )
    assert one(con, "select min(inspected_on) from fives_inspections") >= date(
        2024, 4, 1
    )  # April 2024 .. March 2026
    assert one(con, "select count(*) from fives_inspections where template_id <> 1") == 0


def test_item_scores_are_within_the_template(demo_db):
    con, _ = demo_db
    out_of_range = one(
        con,
        "select count(*) from fives_item_scores s join fives_items i on i.template_id = 1 and i.item_code = s.item_code"
        " where s.score not between 0 and i.max_score",
    )
    assert out_of_range == 0
    assert (
        one(
            con,
            "select count(*) from fives_item_scores where item_code not in (select item_code from fives_items)",
        )
        == 0
    )
    na = con.execute(
        "select count(*), count(score) from fives_item_scores where is_not_applicable"
    ).fetchone()
    assert na[0] > 0 and na[1] == 0  # N/A rows carry no score
    assert (
        one(con, "select count(*) from fives_item_scores where score is null and not is_not_applicable") == 0
    )


def test_failures_concentrate_and_repeat(demo_db):
    con, _ = demo_db
    pct = "100 * sum(score) / (4 * count(score))"
    chain = one(con, f"select {pct} from fives_item_scores")  # noqa: S608 - constant text
    weak = one(
        con,
        f"select {pct} from fives_item_scores join fives_inspections using (inspection_id)"  # noqa: S608
        " join stores using (store_id) where list_contains(?, store_code)",
        [list(demo.FIVES_WEAK_STORES)],
    )
    assert weak < chain - 10
    repeats = one(
        con,
        "with f as (select i.store_id, i.inspected_on, s.item_code, s.score <= 1 as failed"
        " from fives_item_scores s join fives_inspections i using (inspection_id)),"
        " l as (select *, lag(failed) over (partition by store_id, item_code order by inspected_on) as prev from f)"
        " select count(*) from l where failed and prev",
    )
    assert repeats > 20


def test_corrective_actions_follow_failed_items(demo_db):
    con, _ = demo_db
    failed = one(con, "select count(*) from fives_item_scores where score <= 1")
    assert failed == one(con, "select count(*) from corrective_actions") > 0
    unmatched = one(
        con,
        "select count(*) from corrective_actions a join fives_inspections i using (inspection_id)"
        " left join fives_item_scores s on s.inspection_id = a.inspection_id and s.item_code = a.item_code"
        " where s.score is null or s.score > 1 or a.store_id <> i.store_id or a.due_on <> i.inspected_on + 14"
        " or a.owner is null or a.description is null",
    )
    assert unmatched == 0
    by = dict(
        con.execute(
            "select status, count(*) filter (where (closed_at is not null) <> (status in ('submitted', 'verified')))"
            " from corrective_actions group by all"
        ).fetchall()
    )
    assert set(by) == {"open", "in_progress", "submitted", "verified"} and sum(by.values()) == 0
    overdue = one(
        con,
        "select count(*) from corrective_actions where status in ('open', 'in_progress') and due_on < ?",
        [AS_OF.date()],
    )
    assert overdue > 0
    assert one(con, "select count(*) from corrective_actions where closed_at < created_at") == 0
    assert one(con, "select count(*) from corrective_actions where verified_at < closed_at") == 0


def test_inspectors_take_turns_so_the_consistency_view_has_content(demo_db):
    """Three inspectors per region take turns at its stores (store + month), so over the default 90 days every
    store sees three of them (one a month) and each inspector shares stores with the others: the page's
    inspector-consistency view has a row per inspector with a difference. The strict one (leniency +0.3 on the
    penalty) scores lower than the lenient one (-0.3) on the same stores."""
    from portal.filters import default_filters
    from portal.fives import figures
    from portal.scope import Scope

    con, _ = demo_db
    assert one(con, "select count(distinct inspector_name) from fives_inspections") == 6 * 3
    per_store = one(
        con,
        "select min(n) from (select count(distinct inspector_name) as n from fives_inspections"
        " where inspected_on > date '2026-03-15' - 90 group by store_id)",
    )
    assert per_store >= 2  # the same stores visited by more than one inspector
    view = figures.consistency(
        figures.runner(con, Scope.everything()), default_filters(today=date(2026, 3, 15))
    )
    assert len(view) == 18 and view["difference_pp"].notna().all()
    assert (view["shared_stores_n"] > 0).all()
    strict = view[view["inspector"].isin(demo.fives_inspector_names()[0::3])]["difference_pp"]
    lenient = view[view["inspector"].isin(demo.fives_inspector_names()[2::3])]["difference_pp"]
    assert strict.mean() < 0 < lenient.mean()


def test_demo_writer_puts_only_allow_listed_names_into_sql():
    import pytest as _pytest

    from portal.demo import write

    assert write._name("complaints") == "complaints" and write._name("seq_store_id") == "seq_store_id"
    with _pytest.raises(ValueError):
        write._name("complaints; drop table users")


def test_the_demo_writes_may_be_open_with_the_status(demo_db):
    """Migration 020's hint: the demo's complaints carry it as the imports do (open statuses true, the rest false)."""
    con, _ = demo_db
    rows = dict(
        con.execute(
            "select status not in ('resolved', 'closed', 'cancelled') as is_open, "
            "list(distinct may_be_open) from complaints group by all"
        ).fetchall()
    )
    assert rows == {True: [True], False: [False]}
