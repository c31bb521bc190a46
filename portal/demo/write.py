"""Writing the generated frames: replace every data row in one transaction, keep master ids stable."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from portal import db, settings
from portal.demo.base import (
    TEMPLATE_ID,
)
from portal.qa import demo as qa_demo

DATA_TABLES = (  # deleted before generating; children before parents
    *qa_demo.TABLES,
    "complaint_status_history",
    "servqual_answers",
    "servqual_importance",
    "survey_responses",
    "qa_reviews",
    "corrective_actions",
    "fives_item_scores",
    "fives_inspections",
    "complaints",
    "batch_row_snapshots",
    "import_batches",
    "store_hours",
    "store_region_history",
    # later moves of stores and agents (migration 025): the demo's master rows say where each one is
    "store_assignments",
    "agent_team_history",  # an agent's teams over time (migration 027): the demo moves none
    "agent_assignments",
)
SEQUENCES = (
    ("seq_region_id", "regions", "region_id"),
    ("seq_store_id", "stores", "store_id"),
    ("seq_team_id", "teams", "team_id"),
    ("seq_agent_id", "agents", "agent_id"),
    ("seq_complaint_id", "complaints", "complaint_id"),
    ("seq_response_id", "survey_responses", "response_id"),
    ("seq_qa_review_id", "qa_reviews", "qa_review_id"),
    ("seq_inspection_id", "fives_inspections", "inspection_id"),
    ("seq_action_id", "corrective_actions", "action_id"),
)
# master tables: (table, key, identity columns that must match to keep a row, columns refreshed in place)
MASTER = (
    ("regions", "region_id", ("region_code",), ("name_en", "name_zh")),
    (
        "stores",
        "store_id",
        ("store_code", "region_id"),
        ("name", "name_zh", "timezone", "opened_on", "is_active"),
    ),
    ("teams", "team_id", ("team_code", "region_id"), ("name", "name_zh")),
    ("agents", "agent_id", ("agent_code", "team_id", "home_store_id"), ("name", "is_active", "hired_on")),
)

# The only identifiers this module puts into SQL text: the names above, checked by ``_name`` (an allow-list)
_IDENTIFIERS = frozenset(
    [*DATA_TABLES, *(n for seq in SEQUENCES for n in seq)]
    + [n for table, key, codes, refreshed in MASTER for n in (table, key, *codes, *refreshed)]
    + ["scope_region_id", "scope_team_id"]  # the users' scope columns checked against conflicting master rows
)


def _name(identifier: str) -> str:
    """An identifier from this module's constants, refused otherwise."""
    if identifier not in _IDENTIFIERS:
        raise ValueError(f"{identifier!r} is not a table, column or sequence of the demo writer")
    return identifier


# ---------------------------------------------------------------- writing


INSERTS = {
    "regions": "insert into regions (region_id, region_code, name_en, name_zh) "
    "select region_id, region_code, name_en, name_zh from df on conflict do nothing",
    "stores": "insert into stores (store_id, store_code, name, name_zh, region_id, timezone, opened_on, is_active) "
    "select store_id, store_code, name, name_zh, region_id, timezone, opened_on::date, is_active from df "
    "on conflict do nothing",
    "store_region_history": "insert into store_region_history (store_id, region_id, valid_from, valid_to) "
    "select store_id, region_id, valid_from::date, valid_to::date from df",
    "store_assignments": "insert into store_assignments (store_id, region_id) select store_id, region_id from df",
    "store_hours": "insert into store_hours (store_id, iso_dow, opens_at, closes_at) "
    "select store_id, iso_dow, opens_at::time, closes_at::time from df",
    "teams": "insert into teams (team_id, team_code, name, name_zh, region_id) "
    "select team_id, team_code, name, name_zh, region_id from df on conflict do nothing",
    "agents": "insert into agents (agent_id, agent_code, name, team_id, home_store_id, is_active, hired_on) "
    "select agent_id, agent_code, name, team_id, home_store_id, is_active, hired_on::date from df "
    "on conflict do nothing",
    "complaints": "insert into complaints (complaint_id, source, source_id, received_at, channel, category_raw, "
    "category_group, severity, store_id, region_id, agent_id, first_response_at, resolved_at, closed_at, status, "
    "reopen_count, post_resolution_csat, may_be_open) "
    "select complaint_id, 'demo', 'TK' || lpad(complaint_id::varchar, 9, '0'), received_at, channel, "
    "category_raw, category_group, severity, store_id, region_id, agent_id, first_response_at, resolved_at, "
    "closed_at, status, reopen_count, post_resolution_csat, status not in ('resolved', 'closed', 'cancelled') "
    "from df",
    "complaint_status_history": "insert into complaint_status_history (complaint_id, status, changed_at) "
    "select complaint_id, status, changed_at from df",
    "survey_responses": "insert into survey_responses (response_id, source_response_id, store_id, region_id, "
    "responded_on, channel, overall_satisfaction, recommend_score, comment, complaint_id, instrument_id) "
    "select response_id, 'SV' || lpad(response_id::varchar, 9, '0'), store_id, region_id, responded_on::date, "
    "channel, overall_satisfaction, recommend_score, comment, complaint_id, instrument_id from df",
    "servqual_answers": "insert into servqual_answers (response_id, item_no, expectation, perception) "
    "select response_id, item_no, expectation, perception from df",
    "servqual_importance": "insert into servqual_importance (response_id, dimension_code, points) "
    "select response_id, dimension_code, points from df",
    "qa_reviews": "insert into qa_reviews (qa_review_id, source_id, agent_id, complaint_id, reviewed_on, "
    "reviewer, score, comment) "
    "select qa_review_id, 'QA' || lpad(qa_review_id::varchar, 8, '0'), agent_id, complaint_id, "
    "reviewed_on::date, reviewer, score, comment from df",
    "fives_inspections": "insert into fives_inspections (inspection_id, source_id, store_id, region_id, "
    "template_id, inspected_on, inspector_name) "
    "select inspection_id, 'IN' || lpad(inspection_id::varchar, 7, '0'), store_id, region_id, "
    "$template_id, inspected_on::date, inspector_name from df",
    "fives_item_scores": "insert into fives_item_scores (inspection_id, item_code, score, is_not_applicable, "
    "comment) select inspection_id, item_code, score, is_not_applicable, comment from df",
    # work done is submitted work, as queries/writes/fives_action_submit.sql writes it: submitted when closed,
    # by the action's owner (the actions list reads "awaiting verification since" the submission's day)
    "corrective_actions": "insert into corrective_actions (action_id, inspection_id, store_id, item_code, "
    "description, owner, due_on, status, created_at, closed_at, verified_at, submitted_at, submitted_by) "
    "select df.action_id, df.inspection_id, df.store_id, df.item_code, "
    "'Not met: ' || i.text_en || ' / 未达标：' || i.text_zh, df.owner, df.due_on::date, df.status, "
    "df.created_at, df.closed_at, df.verified_at, df.closed_at, "
    "case when df.closed_at is not null then df.owner end from df "
    "join fives_items as i on i.template_id = $template_id and i.item_code = df.item_code::varchar",
}


def _conflicting_master_rows(cur, frames: dict[str, pd.DataFrame]) -> dict[str, list[int]]:
    """Existing master rows that the demo's rows cannot keep (another code or parent at that id), with the
    rows that hang from them."""
    bad: dict[str, set[int]] = {}
    for table, key, identity, _ in MASTER:
        cur.register("demo_master", frames[table])
        match = " and ".join(f"d.{_name(c)} is not distinct from t.{_name(c)}" for c in (key, *identity))
        rows = cur.execute(
            f"select t.{_name(key)} from {_name(table)} as t "  # noqa: S608 - allow-listed names
            f"where not exists (select 1 from demo_master as d where {match})"
        ).fetchall()
        cur.unregister("demo_master")
        bad[table] = {r[0] for r in rows}
    for table, column, parent in (
        ("stores", "region_id", "regions"),
        ("teams", "region_id", "regions"),
        ("agents", "team_id", "teams"),
        ("agents", "home_store_id", "stores"),
    ):
        if bad[parent]:
            key = {"stores": "store_id", "teams": "team_id", "agents": "agent_id"}[table]
            rows = cur.execute(
                f"select {_name(key)} from {_name(table)} where list_contains(?, {_name(column)})",  # noqa: S608
                [sorted(bad[parent])],
            ).fetchall()
            bad[table] |= {r[0] for r in rows}
    return {t: sorted(ids) for t, ids in bad.items() if ids}


def _clear_conflicting_master_rows(con, frames: dict[str, pd.DataFrame]) -> None:
    """Delete master rows the demo cannot reuse, before the main transaction.

    DuckDB checks a foreign key against rows deleted earlier in the same transaction, so a parent cannot be
    deleted in the transaction that deletes its children: each level goes in its own transaction. This only
    happens when the database holds master data other than the demo's (e.g. imported stores)."""
    cur = con.cursor()
    try:
        bad = _conflicting_master_rows(cur, frames)
        if not bad:
            return
        for column, table in (
            ("scope_region_id", "regions"),
            ("scope_team_id", "teams"),
            ("agent_id", "agents"),
        ):
            if bad.get(table):
                users = cur.execute(
                    f"select username from users where list_contains(?, {_name(column)})",  # noqa: S608
                    [bad[table]],
                ).fetchall()
                if users:
                    raise db.DatabaseError(
                        f"Users {', '.join(u[0] for u in users)} are tied to {table} that the demo data would "
                        "replace. Change or remove those users first, or generate the demo into a new database."
                    )
    finally:
        cur.close()

    def delete_data(c):
        for table in DATA_TABLES:
            c.execute(f"delete from {_name(table)}")  # noqa: S608 - allow-listed

    db.in_transaction(con, delete_data)
    key = {"regions": "region_id", "stores": "store_id", "teams": "team_id", "agents": "agent_id"}
    for level in (("agents",), ("stores", "teams"), ("regions",)):

        def delete_level(c, level=level):
            for table in level:
                if bad.get(table):
                    c.execute(
                        f"delete from {_name(table)} where list_contains(?, {_name(key[table])})",  # noqa: S608
                        [bad[table]],
                    )

        db.in_transaction(con, delete_level)


def _advance_sequences(cur) -> None:
    """Move each sequence past the largest id its table holds, so later inserts do not collide."""
    for seq, table, column in SEQUENCES:
        top = cur.execute(f"select coalesce(max({_name(column)}), 0) from {_name(table)}").fetchone()[0]  # noqa: S608
        last = cur.execute(
            "select coalesce(last_value, start_value - 1) from duckdb_sequences() where sequence_name = ?",
            [seq],
        ).fetchone()[0]
        if top > last:
            cur.execute("select max(nextval(?)) from range(?)", [_name(seq), int(top - last)])


def _write(cur, frames: dict[str, pd.DataFrame], meta: dict, as_of: datetime) -> dict[str, int]:
    for table in DATA_TABLES:
        cur.execute(f"delete from {_name(table)}")  # noqa: S608 - allow-listed
    counts = {}
    for table, sql in INSERTS.items():
        df = frames[table]
        cur.register("df", df)
        cur.execute(sql, {"template_id": TEMPLATE_ID} if "$template_id" in sql else None)
        cur.unregister("df")
        counts[table] = len(df)
    # master rows that were already there keep their ids; their descriptive columns are refreshed
    # (key and foreign-key columns are never updated: DuckDB treats that as delete + insert)
    for table, key, _, refreshed in MASTER:
        cur.register("df", frames[table])
        sets = ", ".join(f"{_name(c)} = df.{_name(c)}" for c in refreshed)
        table, key = _name(table), _name(key)
        cur.execute(f"update {table} set {sets} from df where {table}.{key} = df.{key}")  # noqa: S608
        cur.unregister("df")
    counts.update(qa_demo.add_review_loop(cur, as_of))  # nothing dated after as_of
    _advance_sequences(cur)
    settings.put(cur, "demo_data", meta, "demo")
    return counts
