"""Migration 026: the overview's acknowledgements (snoozes) and issued briefs written under the old scope text of a
regional reader ('stores=1,2|agents=*': the region's stores of the day) are rewritten to the text that names the
region ('stores=;regions=1|agents=*', portal/overview/records.py scope_key), so they match and are listed again.

Fixture: tests/fixtures.py (R1 North: S001, S002; R2 South: S003; team T1 in R1), S002 moved R1 -> R2 on MOVED_ON
(history R1 until then, R2 since). Users: north (manager, R1), south (manager, R2), lead (team lead of T1, no stores:
the team's region R1), inspector (S001 only: a store list, whose key did not change).
"""

from __future__ import annotations

from datetime import date, datetime

from portal import db, users
from portal.overview import records
from tests import fixtures

MOVED_ON = date(2026, 11, 1)
BEFORE, AFTER = datetime(2026, 10, 20, 9), datetime(2026, 11, 20, 9)
PASSWORD = "a long enough pass phrase 7"
ACKS = [
    # condition, old scope key, writer, written at
    ("north-before-move", "stores=1,2|agents=*", "north", BEFORE),
    ("north-after-move", "stores=1|agents=*", "north", AFTER),
    ("south-after-move", "stores=2,3|agents=*", "south", AFTER),
    ("lead", "stores=1,2|agents=team=1;agent=", "lead", BEFORE),
    ("inspector", "stores=1|agents=team=;agent=", "inspector", BEFORE),
]
BRIEFS = [
    # week, old scope key, issued by, issued at
    ("2026-W42", "stores=1,2|agents=*", "north", BEFORE),
    ("2026-W43", "stores=1,2|agents=*", "cli", BEFORE),  # brief --scope region:R1, before the move
    ("2026-W46", "stores=2,3|agents=*", "cli", AFTER),  # brief --scope region:R2, after it
    ("2026-W47", "stores=1|agents=*", "cli", BEFORE),  # brief --scope store:S001: not a region's stores
]


def build_old_database(path):
    con = fixtures.build_fixture_db(path)
    con.execute("update store_region_history set valid_to = ? where store_id = 2", [MOVED_ON])
    con.execute(
        "insert into store_region_history (store_id, region_id, valid_from) values (2, 2, ?)", [MOVED_ON]
    )
    con.execute("insert into store_assignments (store_id, region_id) values (2, 2)")
    for name, roles, scope in (
        ("north", ["manager"], {"scope_region_id": 1}),
        ("south", ["manager"], {"scope_region_id": 2}),
        ("lead", ["team_lead"], {"scope_team_id": 1}),
        ("inspector", ["inspector"], {"scope_store_ids": [1]}),
    ):
        users.create_user(con, username=name, display_name=name, password=PASSWORD, roles=roles, **scope)
    con.executemany(
        "insert into overview_alert_acks (scope_key, condition_key, fingerprint, action, snooze_until, note, "
        "username, created_at) values (?, ?, 'since 2026-W40', 'snooze', date '2026-12-31', 'later', ?, ?)",
        [(key, condition, writer, at) for condition, key, writer, at in ACKS],
    )
    con.executemany(
        "insert into overview_briefs (week, scope_key, lang, body_markdown, body_json, issued_by, issued_at) "
        "values (?, ?, 'en', '# brief', '{}', ?, ?)",
        BRIEFS,
    )
    con.execute("delete from schema_migrations where version = 26")  # as before 026 existed
    return con


def key_of(con, username: str) -> str:
    return records.scope_key(users.load_user(con, username).scope)


def seen(con, username: str) -> tuple[list[str], list[str]]:
    key = key_of(con, username)
    return sorted(records.latest_acks(con, key)), [b["week"] for b in records.briefs(con, key)]


def test_old_snoozes_and_briefs_match_their_readers_after_the_migration(tmp_path):
    con = build_old_database(tmp_path / "old.duckdb")
    assert key_of(con, "north") == "stores=;regions=1|agents=*"
    # the symptom: the regional readers' snoozes came back and their briefs were not listed
    assert seen(con, "north") == ([], []) and seen(con, "south") == ([], []) and seen(con, "lead") == ([], [])
    con.close()

    con = db.connect(tmp_path / "old.duckdb")  # applies 026
    assert seen(con, "north") == (["north-after-move", "north-before-move"], ["2026-W43", "2026-W42"])
    assert seen(con, "south") == (["south-after-move"], ["2026-W46"])
    assert seen(con, "lead") == (["lead"], [])
    # a store list's key never changed; a store's brief is no region's: both left as they were
    assert seen(con, "inspector") == (["inspector"], [])
    assert con.execute("select scope_key from overview_briefs where week = '2026-W47'").fetchall() == [
        ("stores=1|agents=*",)
    ]
    assert con.execute(
        "select count(*) from information_schema.tables where table_name like 'migrate_026%'"
    ).fetchone() == (0,)
    con.close()


def test_a_store_list_key_is_not_widened_to_the_writers_region(tmp_path):
    """Review of 026: north wrote a snooze under 'stores=1|agents=*' while R1 held S001 and S002 (a key over one
    store, not R1's key that day); by_writer took any subset of stores ever in R1 and rewrote it to R1's key, so the
    snooze made over one store applied to the whole region. Now only the region's stores of that day are R1's key."""
    con = build_old_database(tmp_path / "old.duckdb")
    con.execute("delete from overview_alert_acks")
    con.execute("delete from overview_briefs")
    con.executemany(
        "insert into overview_alert_acks (scope_key, condition_key, fingerprint, action, snooze_until, note, "
        "username, created_at) values (?, ?, 'since 2026-W40', 'snooze', date '2026-12-31', 'x', 'north', ?)",
        [
            (
                "stores=1|agents=*",
                "store-1-only",
                BEFORE,
            ),  # R1 was S001, S002: one store's key, left as it is
            ("stores=1,2|agents=*", "r1-before", BEFORE),  # R1's key that day
            ("stores=1|agents=*", "r1-after", AFTER),  # R1's key after S002 moved to R2
        ],
    )
    con.close()
    con = db.connect(tmp_path / "old.duckdb")  # applies 026
    assert seen(con, "north") == (["r1-after", "r1-before"], [])
    assert con.execute("select condition_key, scope_key from overview_alert_acks order by 1").fetchall() == [
        ("r1-after", "stores=;regions=1|agents=*"),
        ("r1-before", "stores=;regions=1|agents=*"),
        ("store-1-only", "stores=1|agents=*"),
    ]
    con.close()
