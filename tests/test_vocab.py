"""One vocabulary (portal/vocab.py): the database holds no value outside it, and every value has its labels.

Checked on a small demo database and on the fixture database with the complaint and satisfaction test rows.
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from portal import db, demo, vocab
from portal.i18n import TABLE
from tests import complaints_fixture, fixtures
from tests.test_satisfaction_queries import load_tile_fixture

# table, column -> the list its values must come from
COLUMNS = {
    ("complaints", "channel"): "COMPLAINT_CHANNELS",
    ("complaints", "category_group"): "CATEGORY_GROUPS",
    ("complaints", "severity"): "SEVERITIES",
    ("complaints", "status"): "COMPLAINT_STATUSES",
    ("complaint_status_history", "status"): "COMPLAINT_STATUSES",
    ("survey_responses", "channel"): "SURVEY_CHANNELS",
    ("corrective_actions", "status"): "ACTION_STATUSES",
    ("fives_sections", "section_code"): "FIVES_SECTIONS",
    ("qa_disputes", "status"): "DISPUTE_STATUSES",
    ("qa_disputes", "resolution"): "DISPUTE_RESOLUTIONS",
    ("scorecard_sign_offs", "grain"): "SCORECARD_GRAINS",
}

# Lists of areas not built yet, whose labels come with the area (5S, scorecards). Shrink as each area lands:
# a list that gets all its labels must leave this set (the test below says so).
NOT_YET_LABELLED: set[str] = set()
# Lists whose labels sit under another prefix than vocab.LABEL_PREFIX says: the complaint statuses are labelled
# complaints.state.* (complaints.status.* are the tiles' meets / misses). Drop an entry once LABEL_PREFIX agrees.
LABELLED_UNDER: dict[str, str] = {}

CJK = re.compile(r"[\u4e00-\u9fff]")


def value_lists() -> dict[str, tuple[str, ...]]:
    return {
        name: value
        for name, value in vars(vocab).items()
        if name.isupper() and isinstance(value, tuple) and all(isinstance(v, str) for v in value)
    }


def values_outside(con) -> dict[tuple[str, str], list]:
    out = {}
    for (table, column), name in COLUMNS.items():
        rows = con.execute(
            f"select distinct {column} from {table} where {column} is not null"  # noqa: S608 - constant names
            f" and not list_contains(?, {column}) order by 1",
            [list(getattr(vocab, name))],
        ).fetchall()
        if rows:
            out[table, column] = [r[0] for r in rows]
    return out


@pytest.fixture(scope="module")
def demo_con(tmp_path_factory):
    con = fixtures.fresh_db(tmp_path_factory.mktemp("vocab") / "demo.duckdb")
    demo.generate(con, scale=0.005, seed=3, as_of=datetime(2026, 3, 15, 6, 30))
    yield con
    con.close()


def test_the_demo_database_holds_only_vocabulary_values(demo_con):
    for table, column in COLUMNS:  # every checked column holds data, so the check can fail
        n = demo_con.execute(f"select count({column}) from {table}").fetchone()[0]  # noqa: S608
        assert n > 0, (table, column)
    assert values_outside(demo_con) == {}
    # and the demo draws every value of the lists it generates
    for table, column, name in (
        ("complaints", "channel", "COMPLAINT_CHANNELS"),
        ("complaints", "category_group", "CATEGORY_GROUPS"),
        ("complaints", "severity", "SEVERITIES"),
        ("corrective_actions", "status", "ACTION_STATUSES"),
    ):
        seen = {r[0] for r in demo_con.execute(f"select distinct {column} from {table}").fetchall()}  # noqa: S608
        # 'other' channel: only an import's unmapped values land there (issue 9), the demo never draws it
        drawn = set(getattr(vocab, name)) - ({"other"} if name == "COMPLAINT_CHANNELS" else set())
        assert seen == drawn, (table, column)


def test_the_fixture_database_holds_only_vocabulary_values(tmp_path):
    con = fixtures.build_fixture_db(tmp_path / "fixture.duckdb")
    complaints_fixture.load(con)
    load_tile_fixture(con)
    assert con.execute("select count(*) from complaints").fetchone()[0] > 0
    assert values_outside(con) == {}
    con.execute(
        "insert into corrective_actions (inspection_id, store_id, item_code, due_on, status)"
        " values (1, 1, 'SO1', date '2026-01-01', 'done')"
    )  # the old demo's word for submitted
    assert values_outside(con) == {("corrective_actions", "status"): ["done"]}  # the check sees it
    con.close()


def test_migration_005_renames_done_to_submitted(tmp_path):
    con = fixtures.build_fixture_db(tmp_path / "old.duckdb")
    con.execute(
        "insert into corrective_actions (inspection_id, store_id, item_code, due_on, status)"
        " values (1, 1, 'SO1', date '2026-01-01', 'done'), (2, 1, 'SO2', date '2026-01-01', 'open')"
    )
    con.execute("delete from schema_migrations where version = 5")  # as before 005 existed
    con.close()
    con = db.connect(tmp_path / "old.duckdb")
    statuses = [
        r[0] for r in con.execute("select status from corrective_actions order by action_id").fetchall()
    ]
    assert statuses == ["submitted", "open"]
    con.close()


def test_every_list_has_a_label_prefix_and_every_value_its_labels_in_both_languages():
    lists = value_lists()
    assert set(lists) == set(vocab.LABEL_PREFIX), "every value list needs a LABEL_PREFIX entry"
    missing = []
    for name, values in lists.items():
        if name in NOT_YET_LABELLED:
            continue
        prefix = LABELLED_UNDER.get(name, vocab.LABEL_PREFIX[name])
        for value in values:
            pair = TABLE.get(f"{prefix}.{value}")
            if pair is None or not pair[0].strip() or not CJK.search(pair[1]):
                missing.append(f"{prefix}.{value}")
    assert missing == []


def test_the_exception_lists_are_still_needed():
    lists = value_lists()
    for name in NOT_YET_LABELLED:
        prefix = vocab.LABEL_PREFIX[name]
        assert not all(f"{prefix}.{v}" in TABLE for v in lists[name]), f"{name} is labelled now: drop it"
    for name, prefix in LABELLED_UNDER.items():
        assert prefix != vocab.LABEL_PREFIX[name], (
            f"LABEL_PREFIX[{name!r}] is fixed: drop it from LABELLED_UNDER"
        )
        assert not all(f"{vocab.LABEL_PREFIX[name]}.{v}" in TABLE for v in lists[name]), name
