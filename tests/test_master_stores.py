"""The stores upload (portal/ingest/master_stores.py): a real installation's stores and regions come from a
file, not only from another import's "add unknown codes" (code as name, no region). Fixture: tests/fixtures.py
(R1 North: S001, S002; R2 South: S003)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from portal import settings, zones
from portal.auth import User
from portal.ingest import batches, pipeline, reading, registry, validation
from portal.scope import Scope
from tests import fixtures

ADMIN = User("t_admin", "Admin", ("admin",), Scope.everything())
KIND = registry.kind("stores")
OPTIONS = pipeline.ImportOptions(now=datetime(2026, 6, 1))
HEADER = "store_code,name,name_zh,region_code,region_name_en,region_name_zh,timezone,opened_on\n"
STORES = "select store_code, name, name_zh, region_id, timezone, opened_on, created_batch_id from stores order by 1"
# each store's own region (the one it was created with) and the one it has now (stores_now)
NOW = "select s.store_code, s.region_id, n.region_id from stores s join stores_now n using (store_id) order by 1"


@pytest.fixture
def con(tmp_path):
    con = fixtures.build_fixture_db(tmp_path / "stores.duckdb")
    yield con
    con.close()


def upload(con, text: str, **options):
    return pipeline.import_bytes(
        con,
        KIND,
        text.encode(),
        "stores.csv",
        None,
        pipeline.ImportOptions(now=OPTIONS.now, **options),
        ADMIN,
    )


def state(con):
    return [con.execute(sql).fetchall() for sql in (
        STORES, "select * from regions order by 1", "select * from store_region_history order by 1, 3",
        "select * from store_assignments order by 1",
    )]  # fmt: skip


def test_new_stores_and_regions_are_created_with_their_region_and_history(con):
    text = (
        HEADER
        + "S010,Chengdu Chunxi,成都春熙路店,R3,West,西区,Asia/Chongqing,2024-05-01\nS011,Xi'an Bell Tower,,R3,,,,\n"
    )
    _, result = upload(con, text)
    assert (result.rows_added, result.rows_updated) == (2, 0)
    assert result.master_added == {"region_code": ["R3"], "store_code": ["S010", "S011"]}
    b = result.batch_id
    assert con.execute("select * from regions where region_code = 'R3'").fetchall() == [
        (3, "R3", "West", "西区", b)
    ]
    assert con.execute(STORES).fetchall()[3:] == [
        ("S010", "Chengdu Chunxi", "成都春熙路店", 3, "Asia/Chongqing", date(2024, 5, 1), b),
        ("S011", "Xi'an Bell Tower", None, 3, "Asia/Shanghai", None, b),  # blank zone: the reporting zone
    ]
    history = con.execute(
        "select s.store_code, h.region_id, h.valid_from, h.valid_to, h.batch_id from store_region_history h "
        "join stores s using (store_id) where h.batch_id = ? order by 1",
        [b],
    ).fetchall()
    created = con.execute("select created_at from import_batches where batch_id = ?", [b]).fetchone()[0]
    batched_on = zones.local(
        created, settings.report_timezone(con)
    ).date()  # the import's date where it is reported
    assert history == [("S010", 3, date(2024, 5, 1), None, b), ("S011", 3, batched_on, None, b)]


def test_a_reimport_renames_and_undo_restores_exactly(con):
    before = state(con)
    text = HEADER + "S001,Store One Renamed,一号店,R1,North Region,北部区域,,\nS012,Twelve,,R4,,,,\n"
    _, result = upload(con, text)
    assert (result.rows_added, result.rows_updated) == (1, 1)
    assert con.execute(STORES).fetchall()[0] == (
        "S001", "Store One Renamed", "一号店", 1, "Asia/Shanghai", date(2020, 1, 1), None
    )  # fmt: skip
    assert con.execute("select name_en, name_zh from regions where region_id = 1").fetchone() == (
        "North Region", "北部区域"
    )  # fmt: skip
    assert con.execute("select name_en, name_zh from regions where region_code = 'R4'").fetchone() == (
        "R4",
        "R4",
    )
    batches.undo_batch(con, result.batch_id, ADMIN)
    assert state(con) == before


def test_a_referenced_stores_region_change_is_accepted(con):
    # S001's region history row (and any complaint, survey, agent ...) refers to it: the upload refused the move
    # ("its region stays R1"); the move is kept in store_assignments, the store's own region_id stays
    text = HEADER + "S001,Store One,,R2,,,,\nS002,Store Two,,R1,,,,\n"
    prepared, result = upload(con, text)
    assert prepared.errors.empty
    assert (result.rows_updated, result.rows_unchanged) == (1, 1)
    assert con.execute(NOW).fetchall() == [("S001", 1, 2), ("S002", 1, 1), ("S003", 2, 2)]
    assert con.execute("select store_id, region_id, batch_id from store_assignments").fetchall() == [
        (1, 2, result.batch_id)
    ]


def test_an_unreferenced_stores_region_changes_the_same_way(con):
    con.execute("insert into stores (store_code, name) values ('S020', 'S020')")  # as an import adds it
    _, result = upload(con, HEADER + "S020,Twenty,,R2,,,,\n")
    assert result.rows_updated == 1
    assert con.execute(NOW).fetchall()[3] == ("S020", None, 2)


def test_a_region_given_to_a_referenced_store_is_undone(con):
    # review: the region given to a store without one (its history row then refers to it) could not be undone:
    # a raw ConstraintException, then "cannot be undone"; the assignment and the history now go back exactly
    con.execute("insert into stores (store_code, name) values ('S020', 'S020')")
    con.execute(  # other data refer to it: an agent based there
        "insert into agents (agent_code, name, home_store_id) "
        "select 'A020', 'A020', store_id from stores where store_code = 'S020'"
    )
    before = state(con)
    _, result = upload(con, "store_code,name,region_code\nS020,Twenty,R2\n")
    assert con.execute(NOW).fetchall()[3] == ("S020", None, 2)
    batches.undo_batch(con, result.batch_id, ADMIN)
    assert state(con) == before
    assert con.execute(NOW).fetchall()[3] == ("S020", None, None)
    assert con.execute("select count(*) from store_assignments").fetchone() == (0,)


def test_the_undo_is_refused_while_a_manager_is_given_a_region_the_batch_created(con):
    from portal import users

    _, result = upload(con, "store_code,name,region_code,region_name_en\nS030,Thirty,R9,North-East\n")
    region = con.execute("select region_id from regions where region_code = 'R9'").fetchone()[0]
    users.create_user(
        con,
        username="ne",
        display_name="NE",
        password="north-east-pass-26",
        roles=["manager"],
        scope_region_id=region,
    )
    with pytest.raises(batches.UndoRefused) as refused:
        batches.undo_batch(con, result.batch_id, ADMIN)
    assert refused.value.reason == "master.undo.in_use" and "R9" in str(refused.value)


def test_the_undo_is_refused_while_a_users_store_list_names_a_store_the_batch_created(con, monkeypatch):
    # a user's store list refers to a store as a manager's region does, but by a list column (no foreign key):
    # the undo went through and the inspector was left with a scope of no store
    from portal import users

    monkeypatch.setenv("PORTAL_BCRYPT_ROUNDS", "4")
    _, result = upload(con, "store_code,name,region_code\nS031,Thirty-one,R1\n")
    store = con.execute("select store_id from stores where store_code = 'S031'").fetchone()[0]
    users.create_user(
        con, username="i31", display_name="I31", password="inspector-pass-26", roles=["inspector"],
        scope_store_ids=[1, store],
    )  # fmt: skip
    with pytest.raises(batches.UndoRefused) as refused:
        batches.undo_batch(con, result.batch_id, ADMIN)
    assert (
        str(refused.value)
        == "Other data already refer to rows this batch added (S031); undo those imports first."
    )
    assert con.execute(
        "select status from import_batches where batch_id = ?", [result.batch_id]
    ).fetchone() == ("committed",)
    users.update_user(con, "i31", changed_by="t_admin", scope_store_ids=[1])
    batches.undo_batch(con, result.batch_id, ADMIN)
    assert con.execute("select count(*) from stores where store_code = 'S031'").fetchone() == (0,)


def test_time_zones_written_as_offsets_or_names_of_one_zone_are_read_as_their_iana_zone(con):
    # session 40's probe: a stores file's UTC+8, GMT+08:00, 北京时间, Beijing were refused (IANA names only)
    rows = [
        ("S020", "UTC+8", "Etc/GMT-8"),  # a fixed offset (POSIX writes its sign the other way round)
        ("S021", "GMT+08:00", "Etc/GMT-8"),
        ("S022", "北京时间", "Asia/Shanghai"),
        ("S023", "Beijing", "Asia/Shanghai"),
        ("S024", "中国标准时间", "Asia/Shanghai"),
        ("S025", "UTC-5", "Etc/GMT+5"),
        ("S026", "Asia/Chongqing", "Asia/Chongqing"),
        ("S027", "UTC+14", "Etc/GMT-14"),  # the widest offset east that exists (Kiribati)
    ]
    text = HEADER + "".join(f"{code},Store {code},,R1,,,{zone},\n" for code, zone, _ in rows)
    _, result = upload(con, text)
    assert result.rows_added == len(rows)
    stored = dict(
        con.execute("select store_code, timezone from stores where store_code >= 'S020'").fetchall()
    )
    assert stored == {code: iana for code, _, iana in rows}
    assert zones.zone_name("Etc/GMT-8", "en") == "UTC+8" and zones.zone_name("Etc/GMT+5", "zh") == "UTC-5"


@pytest.mark.parametrize("zone", ["CST", "UTC+05:30", "Asia/Beijing", "UTC+15", "UTC-13", "GMT-14"])
def test_a_time_zone_that_names_no_zone_or_several_is_refused_naming_row_and_column(con, zone):
    # CST is China's and the US Central's; an offset of part of an hour has no IANA zone; UTC-13 / -14 would be
    # Etc/GMT+13 / +14, which do not exist (DuckDB: Unknown TimeZone) though UTC+13 / +14 do
    text = HEADER + "S030,Store 30,,R1,,,Asia/Shanghai,\n" + f"S031,Store 31,,R1,,,{zone},\n"
    before = state(con)
    with pytest.raises(pipeline.NothingWritten):
        upload(con, text)
    prepared = pipeline.prepare(
        con, KIND, reading.read_upload(text.encode(), "stores.csv"), None, OPTIONS, ADMIN
    )
    assert [(e.row, e.column, e.value, e.reason) for e in prepared.errors.itertuples()] == [
        (3, "timezone", zone, "master.error.timezone")
    ]
    assert state(con) == before


def test_a_store_code_that_lost_its_leading_zeros_is_the_stored_store(con):
    """A store list re-saved by Excel writes the stored 0101 as 101 (and S001 as s1): the stored store, renamed,
    said in a notice. Before, 101 and s1 were created as second stores beside 0101 and S001."""
    upload(con, HEADER + "0101,Wangfujing,,R1,,,,\n")
    _, result = upload(con, HEADER + "101,Wangfujing Flagship,,R1,,,,\ns1,Store One,,R1,,,,\n")
    assert (result.rows_added, result.rows_updated, result.rows_unchanged) == (0, 1, 1)
    assert con.execute("select store_code, name from stores order by 1").fetchall() == [
        ("0101", "Wangfujing Flagship"),
        ("S001", "Store One"),
        ("S002", "Store Two"),
        ("S003", "Store Three"),
    ]


def test_a_region_code_written_with_leading_zeros_or_another_case_is_the_stored_region(con):
    """A store list naming the stored R1 as R01 (R2 as r2) created a second region R01 and moved S001 to it. Region
    codes are matched as store codes are (case, leading zeros of each digit run), said in a notice; new codes
    written alike in the file (R03 and R3) are one region."""
    text = HEADER + (
        "S001,Store One,,R01,,,,\n"  # the stored R1: no move
        "S003,Store Three,,r2,,,,\n"  # the stored R2
        "S010,Ten,,R03,West,西区,,\n"  # a new region written two ways: one region
        "S011,Eleven,,R3,,,,\n"
    )
    prepared = pipeline.prepare(
        con, KIND, reading.read_upload(text.encode(), "stores.csv"), None, OPTIONS, ADMIN
    )
    assert prepared.errors.empty
    notices = dict(prepared.notices)
    assert str(notices["ingest.notice.codes_repaired"]["pairs"]) == "R01 → R1, r2 → R2"
    assert str(notices["ingest.notice.new_codes_merged"]["pairs"]) == "R3 → R03"
    assert "master.notice.moves" not in notices
    _, result = upload(con, text)
    assert result.master_added["region_code"] == ["R03"]
    assert con.execute(
        "select region_id, region_code, name_en, name_zh from regions order by 1"
    ).fetchall() == [
        (1, "R1", "North", "北区"),
        (2, "R2", "South", "南区"),
        (3, "R03", "West", "西区"),
    ]
    # S001 and S003 stay in their regions (no assignment), S010 and S011 are both in the one new region
    assert con.execute(NOW).fetchall() == [
        ("S001", 1, 1), ("S002", 1, 1), ("S003", 2, 2), ("S010", 3, 3), ("S011", 3, 3),
    ]  # fmt: skip
    assert con.execute("select count(*) from store_assignments").fetchone() == (0,)


def test_a_region_code_written_like_several_stored_regions_is_refused_naming_them(con):
    # with R1 and R01 both stored (left by the old matching), R001 is like both: never a third region
    con.execute(
        "insert into regions (region_id, region_code, name_en, name_zh) values (3, 'R01', 'R01', 'R01')"
    )
    before = state(con)
    text = HEADER + "S001,Store One,,R001,,,,\nS003,Store Three,,R2,,,,\n"
    prepared = pipeline.prepare(
        con, KIND, reading.read_upload(text.encode(), "stores.csv"), None, OPTIONS, ADMIN
    )
    errors = [(e.row, e.column, e.value, e.reason, e.detail) for e in prepared.errors.itertuples()]
    assert errors == [(2, "region_code", "R001", "master.error.ambiguous_region", "R01, R1")]
    assert list(validation.error_messages(prepared.errors, "zh")["reason"]) == [
        "有多个已有区域的编码与此编码仅相差前导零或大小写(R01、R1)；请按已有编码准确填写所指的区域。"
    ]
    with pytest.raises(pipeline.NothingWritten):
        upload(con, text)
    assert state(con) == before


def test_a_store_lists_status_column_is_the_active_flag_and_undo_puts_it_back(con):
    """A store list says which stores have closed in 营业状态 (营业中 / 装修中 / 已闭店). Before, no field read it:
    the closed S001 stayed active, only the notice of unread columns named the column. A store under renovation
    (装修中) is still the chain's: active; a blank cell keeps the stored flag. The closing date (闭店日期) has no
    column to go to: it stays named in the notice."""
    before = state(con)
    text = (
        "门店编码,门店名称,区域编码,营业状态,闭店日期\n"
        "S001,Store One,R1,已闭店,2026-03-31\n"
        "S002,Store Two,R1,,\n"
        "S010,Ten,R1,营业中,\n"
        "S011,Eleven,R1,装修中,\n"
        "S012,Twelve,R2,已闭店,2026-05-31\n"
    )
    prepared = pipeline.prepare(
        con, KIND, reading.read_upload(text.encode(), "stores.csv"), None, OPTIONS, ADMIN
    )
    assert prepared.errors.empty
    # the closing date has no place in the stores table: still named among the columns no field reads
    assert str(dict(prepared.notices)["ingest.notice.unread_columns"]["columns"]) == "闭店日期"
    _, result = upload(con, text)
    assert (result.rows_added, result.rows_updated, result.rows_unchanged) == (3, 1, 1)
    assert con.execute("select store_code, is_active from stores order by 1").fetchall() == [
        ("S001", False), ("S002", True), ("S003", True), ("S010", True), ("S011", True), ("S012", False),
    ]  # fmt: skip
    batches.undo_batch(con, result.batch_id, ADMIN)
    assert state(con) == before
    assert con.execute("select count(*) from stores where not is_active").fetchone() == (0,)


def test_a_first_store_list_without_time_zones_is_refused_saying_how_to_give_one(tmp_path):
    # a fresh database (the first admin's): no reporting zone set and no store stored. Before, the stores were
    # created in UTC ("times read as UTC" in the batch line only): every local day of a store in China 8 h off
    from portal import db

    fresh = db.connect(tmp_path / "fresh.duckdb")
    text = "store_code,name,region_code\nS001,Beijing 1,R1\nS002,Shanghai 1,R2\n"
    with pytest.raises(pipeline.NothingWritten) as refused:
        upload(fresh, text)
    assert [k for k, _ in refused.value.prepared.file_errors] == ["master.file.no_zone"]
    assert fresh.execute("select count(*) from stores").fetchone()[0] == 0
    # the stores that give none take the zone most of the file's stores give, said in a notice
    zoned = "store_code,name,region_code,timezone\nS001,B1,R1,Asia/Shanghai\nS002,B2,R1,\nS003,U1,R5,Asia/Urumqi\n"
    zoned += "S004,B3,R2,Asia/Shanghai\nS005,U2,R5,Asia/Urumqi\nS006,S1,R2,Asia/Shanghai\n"
    prepared, _ = upload(fresh, zoned)
    assert ("master.notice.zone_of_blanks", {"n": 1, "zone": "Asia/Shanghai"}) in prepared.notices
    assert fresh.execute("select store_code, timezone from stores order by 1").fetchall() == [
        ("S001", "Asia/Shanghai"),
        ("S002", "Asia/Shanghai"),
        ("S003", "Asia/Urumqi"),
        ("S004", "Asia/Shanghai"),
        ("S005", "Asia/Urumqi"),
        ("S006", "Asia/Shanghai"),
    ]
    # once stores are stored, a blank takes the reporting zone (theirs), no notice
    prepared, _ = upload(fresh, "store_code,name,region_code\nS007,B4,R1\n")
    assert (
        fresh.execute("select timezone from stores where store_code = 'S007'").fetchone()[0]
        == "Asia/Shanghai"
    )
    assert not [k for k, _ in prepared.notices if k == "master.notice.zone_of_blanks"]
    fresh.close()


def test_a_first_store_list_without_time_zones_takes_the_reporting_zone_once_it_is_set(tmp_path):
    from portal import db

    fresh = db.connect(tmp_path / "fresh.duckdb")
    settings.put(fresh, "report_timezone", "Asia/Shanghai", "t_admin")
    upload(fresh, "store_code,name,region_code\nS001,Beijing 1,R1\n")
    assert fresh.execute("select timezone from stores").fetchall() == [("Asia/Shanghai",)]
    fresh.close()


def test_a_region_named_instead_of_coded_is_that_region(con):
    """A helper's probe: a store list's 区域 column of 华东区 (the stored region's Chinese name) made a new region
    coded 华东区 and moved the stores into it (out of their manager's scope), and "North" another beside R1. A value
    naming one stored region (its English or Chinese name) is that region, said in the repair notice; nothing moves."""
    con.execute("update regions set name_zh = '华南区' where region_code = 'R2'")
    before = state(con)
    text = "门店编码,门店名称,区域\nS003,Store Three,华南区\nS001,Store One,north\n"
    prepared, result = upload(con, text)
    assert prepared.errors.empty and result.master_added == {}
    assert state(con)[1:] == before[1:]  # regions, history, assignments: as they were
    said = [v for k, v in prepared.notices if k == "ingest.notice.codes_repaired"]
    assert [str(v["pairs"]) for v in said] == ["north → R1, 华南区 → R2"]
