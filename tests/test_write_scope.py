"""A regional manager writes the rows they will see (SPEC §1, §2): an upload's row, and an inspection of the tablet
form, is checked against the region it will be stored with, its store's region on the row's date
(models/store_region_on.sql), not the store's region of today.

Fixture: tests/fixtures.py (R1 North: S001, S002; R2 South: S003); S001 moved R1 -> R2 by a stores upload, its
history dated to MOVED_ON (R1 until then, R2 since). Managers north (R1), south (R2).
Before the fix a survey of S001 dated before the move was accepted for south and stored under R1 (south then saw
none of it and could not import it again), and refused for north, whose region it is stored in.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest

from portal import db, users
from portal.auth import User
from portal.fives_intake import form
from portal.fives_intake.fields import FLAT_HEADERS
from portal.fives_intake.kind import KIND as INSPECTIONS
from portal.ingest import pipeline, registry, validation
from portal.scope import Scope
from tests import fixtures

ADMIN = User("t_admin", "Admin", ("admin",), Scope.everything())
OPTIONS = pipeline.ImportOptions(now=datetime(2026, 6, 1))
MOVED_ON = date(2026, 4, 1)
BEFORE, AFTER = "2026-03-02", "2026-05-04"
SURVEYS = "response_id,store_code,responded_on,overall_satisfaction\n"
ITEMS = [f"{p}{i}" for p in ("SO", "SE", "SH", "ST", "SU") for i in range(1, 6)]


@pytest.fixture
def con(tmp_path):
    con = fixtures.build_fixture_db(tmp_path / "write_scope.duckdb")
    prepared, moved = upload(con, "stores", "store_code,name,region_code\nS001,Store One,R2\n", ADMIN)
    assert prepared.errors.empty and moved.rows_updated == 1
    con.execute(
        "update store_region_history set valid_to = ? where store_id = 1 and valid_to is not null", [MOVED_ON]
    )
    con.execute(
        "update store_region_history set valid_from = ? where store_id = 1 and region_id = 2", [MOVED_ON]
    )
    for name, region in (("north", 1), ("south", 2)):
        users.create_user(con, username=name, display_name=name, password="a long enough pass phrase 7",
                          roles=["manager"], scope_region_id=region)  # fmt: skip
    yield con
    con.close()


def upload(con, kind, text: str, user: User, options=OPTIONS):
    kind = registry.kind(kind) if isinstance(kind, str) else kind
    return pipeline.import_bytes(con, kind, text.encode(), "file.csv", None, options, user)


def checked(con, kind, text: str, user: User):
    kind = registry.kind(kind) if isinstance(kind, str) else kind
    raw = pipeline.read(con, kind, text.encode(), "file.csv", None, OPTIONS.lang)
    return pipeline.prepare(con, kind, raw, None, OPTIONS, user)


def errors(prepared) -> list[tuple]:
    shown = validation.error_messages(prepared.errors, "en")
    return [(r.row, r.column, r.reason) for r in shown.itertuples()]


def survey_count(con, user: User) -> int:
    status = db.run_query(con, "data_status", {"kinds": ["survey_responses"]}, user.scope)
    return int(status["row_count"].iloc[0])


@pytest.mark.parametrize(
    ("day", "writer", "refused", "region", "then"),
    [(BEFORE, "north", "south", 1, "North"), (AFTER, "south", "north", 2, "South")],
)
def test_a_survey_of_a_moved_store_is_its_regions_on_the_response_date(
    con, day, writer, refused, region, then
):
    text = SURVEYS + f"X1,S001,{day},5\n"
    prepared = checked(con, "surveys", text, users.load_user(con, refused))
    # the refusal names the store, the row's date and the region it then belonged to (it said only "This store is
    # outside your scope.", which read as wrong for a store the manager's region holds today or held before)
    assert errors(prepared) == [(2, "store_code", f"S001 belonged to {then} on {day}, outside your scope.")]
    _, result = upload(con, "surveys", text, users.load_user(con, writer))
    assert result.rows_added == 1
    assert con.execute("select source_response_id, store_id, region_id from survey_responses").fetchall() == [
        ("X1", 1, region)
    ]
    # the writer sees what they wrote, and may import it again (unchanged); the other manager neither
    assert (
        survey_count(con, users.load_user(con, writer)),
        survey_count(con, users.load_user(con, refused)),
    ) == (1, 0)
    _, again = upload(con, "surveys", text.replace(",5\n", ",4\n"), users.load_user(con, writer))
    assert again.rows_updated == 1


def inspection(day: str) -> str:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=FLAT_HEADERS, lineterminator="\n")
    w.writeheader()
    for code in ITEMS:
        w.writerow({"inspection_id": "I-1", "store_code": "S001", "inspected_on": day, "inspector": "Ivan",
                    "item_code": code, "score": "4"})  # fmt: skip
    return out.getvalue()


@pytest.mark.parametrize(
    ("day", "writer", "refused", "region", "then"),
    [(BEFORE, "north", "south", 1, "North"), (AFTER, "south", "north", 2, "South")],
)
def test_an_inspection_of_a_moved_store_is_its_regions_on_the_inspection_date(
    con, day, writer, refused, region, then
):
    text = inspection(day)
    prepared = checked(con, INSPECTIONS, text, users.load_user(con, refused))
    assert set(errors(prepared)) == {
        (n, "store_code", f"S001 belonged to {then} on {day}, outside your scope.") for n in range(2, 27)
    }
    _, result = upload(con, INSPECTIONS, text, users.load_user(con, writer))
    assert result.rows_added == 25
    assert con.execute("select source_id, store_id, region_id from fives_inspections").fetchall() == [
        ("I-1", 1, region)
    ]


@pytest.mark.parametrize(
    ("day", "north", "south"), [(date(2026, 3, 31), True, False), (MOVED_ON, False, True)]
)
def test_the_inspection_form_asks_for_the_chosen_day(con, day, north, south):
    assert form.may_inspect(con, users.load_user(con, "north"), 1, day) is north
    assert form.may_inspect(con, users.load_user(con, "south"), 1, day) is south


# ---------------------------------------------------------------- complaints: the region of the received date
COMPLAINTS = "source_id,received_at,channel,store_code\n"


def test_a_complaint_and_a_survey_of_the_same_store_and_day_land_in_the_same_region(con):
    # the reporting zone is Asia/Shanghai (the stores' zone); the file's stamps are Beijing time (the import's zone).
    # K-3's UTC date is 2026-03-31 (16:30 UTC), its date in the reporting zone 2026-04-01, the move's day: R2.
    upload(con, "surveys", SURVEYS + f"X1,S001,{BEFORE},5\n", ADMIN)
    text = COMPLAINTS + f"K-1,{BEFORE} 09:30,hotline,S001\nK-2,{AFTER} 09:30,hotline,S001\n"
    text += (
        "K-3,2026-04-01 00:30,hotline,S001\nK-4,2026-03-31,hotline,S001\n"  # K-4: a date-only stamp, its date
    )
    upload(con, "complaints", text, ADMIN)
    assert con.execute("select source_id, region_id from complaints order by 1").fetchall() == [
        ("K-1", 1),
        ("K-2", 2),
        ("K-3", 2),
        ("K-4", 1),
    ]
    assert con.execute("select region_id from survey_responses").fetchall() == [(1,)]


@pytest.mark.parametrize(
    ("received", "writer", "refused", "region", "said"),
    [
        (
            "2026-03-31 23:30",
            "north",
            "south",
            1,
            "S001 belonged to North on 2026-03-31, outside your scope.",
        ),
        (
            "2026-04-01 00:30",
            "south",
            "north",
            2,
            "S001 belonged to South on 2026-04-01, outside your scope.",
        ),
    ],
)
def test_a_complaint_of_a_moved_store_is_its_regions_on_the_received_date(
    con, received, writer, refused, region, said
):
    text = COMPLAINTS + f"K-1,{received},hotline,S001\n"
    prepared = checked(con, "complaints", text, users.load_user(con, refused))
    assert errors(prepared) == [(2, "store_code", said)]  # the date in the reporting zone (Beijing time)
    _, result = upload(con, "complaints", text, users.load_user(con, writer))
    assert result.rows_added == 1
    assert con.execute("select source_id, region_id from complaints").fetchall() == [("K-1", region)]


def test_the_refusal_speaks_chinese_and_a_store_list_scope_keeps_the_plain_message(con):
    text = SURVEYS + f"X1,S001,{BEFORE},5\nX2,S003,{AFTER},4\n"
    shown = validation.error_messages(
        checked(con, "surveys", text, users.load_user(con, "south")).errors, "zh"
    )
    assert [(r.row, r.column, r.reason) for r in shown.itertuples()] == [
        (2, "store_code", "门店 S001 在 2026-03-02 属于北区，不在您的权限范围内。")
    ]
    # an inspector's scope is a list of stores, not a region: the store itself is outside, whatever its region
    inspector = User("t_inspector", "Inspector", ("inspector",), Scope(store_ids=(2,)))
    assert errors(checked(con, "surveys", text, inspector)) == [
        (2, "store_code", "This store is outside your scope."),
        (3, "store_code", "This store is outside your scope."),
    ]
