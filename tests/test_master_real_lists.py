"""Real store lists and rosters. Chinese names in a master-data file's name column
(master_rows.chinese_names_to_zh) and headers that say a name's language (kinds.Field.marked_aliases): a helper's
probe's Chinese store list (门店名称 of 北京王府井店) overwrote every stored English name, and 班组名称(中文) was
read as the English team name. And a store opening after the import day. Fixture: tests/fixtures.py (S001 Store
One, S002 Store Two, S003 Store Three; T1 Team One, T2 Team Two)."""

from __future__ import annotations

from datetime import datetime

import pytest

from portal.auth import User
from portal.i18n import t
from portal.ingest import batches, pipeline, registry
from portal.ingest.mapping import suggest_mapping
from portal.scope import Scope
from tests import fixtures

ADMIN = User("t_admin", "Admin", ("admin",), Scope.everything())
OPTIONS = pipeline.ImportOptions(now=datetime(2026, 6, 1))
STORES = "select store_code, name, name_zh from stores order by 1"
TEAMS = "select team_code, name, name_zh from teams order by 1"


@pytest.fixture
def con(tmp_path):
    con = fixtures.build_fixture_db(tmp_path / "names.duckdb")
    yield con
    con.close()


def upload(con, kind: str, text: str):
    return pipeline.import_bytes(con, registry.kind(kind), text.encode(), f"{kind}.csv", None, OPTIONS, ADMIN)


def test_a_chinese_store_list_gives_chinese_names_and_keeps_the_english_ones(con):
    before = con.execute(STORES).fetchall()
    text = "门店编码,门店名称,区域编码\nS001,北京王府井店,R1\nS002,Store 2 (上海),R1\nS010,成都春熙路店,R1\n"
    prepared, result = upload(con, "stores", text)
    assert prepared.errors.empty
    assert con.execute(STORES).fetchall() == [
        ("S001", "Store One", "北京王府井店"),  # the stored English name kept, the Chinese one added
        ("S002", "Store 2 (上海)", None),  # Latin letters: an English name, taken as before
        ("S003", "Store Three", None),
        ("S010", "成都春熙路店", "成都春熙路店"),  # a new store has no other name yet
    ]
    notices = [v for k, v in prepared.notices if k == "master.notice.chinese_names"]
    assert [(str(v["column"]), v["n"]) for v in notices] == [("门店名称", 2)]
    batches.undo_batch(con, result.batch_id, ADMIN)
    assert con.execute(STORES).fetchall() == before


def test_a_chinese_name_beside_a_chinese_name_column_stays_the_name(con):
    # the file gives the Chinese name in its own column: the name column is what the file says it is
    upload(con, "stores", "门店编码,门店名称,门店中文名称,区域编码\nS001,王府井,北京王府井店,R1\n")
    assert con.execute(STORES).fetchall()[0] == ("S001", "王府井", "北京王府井店")


@pytest.mark.parametrize(
    ("headers", "name", "name_zh"),
    [
        (["门店编码", "门店名称", "门店英文名称", "区域编码"], "门店英文名称", "门店名称"),
        (["门店编码", "门店名称", "英文名称", "区域编码"], "英文名称", "门店名称"),
        (["门店编码", "门店名称(英文)", "门店名称(中文)", "区域编码"], "门店名称(英文)", "门店名称(中文)"),
        (["门店编码", "门店名称", "门店名称（中文）", "区域编码"], "门店名称", "门店名称（中文）"),
        (
            ["store code", "store name", "store name (chinese)", "region"],
            "store name",
            "store name (chinese)",
        ),
        (["门店编码", "门店名称", "区域编码"], "门店名称", None),
    ],
)
def test_a_header_naming_its_language_goes_to_that_languages_name(headers, name, name_zh):
    chosen = suggest_mapping(registry.kind("stores"), headers)
    assert (chosen["name"], chosen["name_zh"]) == (name, name_zh)


@pytest.mark.parametrize(
    ("headers", "team_name", "team_name_zh"),
    [
        (["工号", "班组编码", "班组名称", "班组名称(中文)"], "班组名称", "班组名称(中文)"),
        (["工号", "班组编码", "班组名称（中文）"], None, "班组名称（中文）"),
        (["工号", "班组编码", "班组名称", "班组名称(英文)"], "班组名称(英文)", "班组名称"),
    ],
)
def test_a_team_name_header_naming_its_language_goes_to_that_languages_name(headers, team_name, team_name_zh):
    chosen = suggest_mapping(registry.kind("agents"), headers)
    assert (chosen["team_name"], chosen["team_name_zh"]) == (team_name, team_name_zh)


def test_chinese_team_names_are_the_teams_chinese_names(con):
    text = "客服专员编码,班组编码,班组名称(中文)\nA001,T1,华北一组\nA030,T7,华东七组\n"
    prepared, result = upload(con, "agents", text)
    assert prepared.errors.empty and result.rows_added == 1
    rows = dict((c, (n, z)) for c, n, z in con.execute(TEAMS).fetchall())
    assert rows["T1"] == ("Team One", "华北一组")
    assert rows["T7"] == ("华东七组", "华东七组")  # a new team named only in Chinese
    # the same names under the plain 班组名称 (the English name's header): read as the Chinese names, said once
    text = "客服专员编码,班组编码,班组名称\nA002,T2,华北二组\n"
    prepared, _ = upload(con, "agents", text)
    assert dict((c, (n, z)) for c, n, z in con.execute(TEAMS).fetchall())["T2"] == ("Team Two", "华北二组")
    assert [v["n"] for k, v in prepared.notices if k == "master.notice.chinese_names"] == [1]


def test_a_store_opening_next_month_is_listed_ahead(con):
    # a probe's store list was refused ("The date is in the future") for a store that opens after the import day
    prepared, result = upload(
        con, "stores", "门店编码,门店名称,区域编码,开业日期\nS010,New Store,R1,2026-07-15\n"
    )
    assert prepared.errors.empty and result.rows_added == 1
    got = con.execute(
        "select s.opened_on::varchar, h.valid_from::varchar from stores s join store_region_history h using "
        "(store_id) where s.store_code = 'S010'"
    ).fetchall()
    assert got == [("2026-07-15", "2026-07-15")]


def test_a_store_closed_for_a_while_or_not_open_yet_is_still_the_chains(con):
    # a probe's list: 暂停营业 and 筹备中 were each refused as an unknown status; 已撤店 is a store gone
    text = "门店编码,门店名称,区域编码,营业状态\nS001,Store One,R1,暂停营业\nS002,Store Two,R1,已撤店\nS010,Ten,R1,筹备中\n"
    prepared, _ = upload(con, "stores", text)
    assert prepared.errors.empty
    got = con.execute("select store_code, is_active from stores order by 1").fetchall()
    assert got == [("S001", True), ("S002", False), ("S003", True), ("S010", True)]


def test_an_english_hr_roster_reads_its_employee_numbers_and_terminations_and_keeps_the_names(con):
    # a helper's probe (BambooHR): Employee # was no agent code (nothing could be imported), Terminated was refused
    # as unknown, and "First Name" was suggested for the agent's name (committing renamed A001 to its first name)
    text = (
        "Employee #,First Name,Last Name,Team Code,Location,Hire Date,Employment Status,Termination Date\n"
        "A001,Wei,Wang,T1,S001,04/15/2019,Active,\n"
        "A002,Fang,Li,T1,S002,01/10/2023,Terminated,11/30/2025\n"
    )
    suggested = suggest_mapping(registry.kind("agents"), text.splitlines()[0].split(","))
    assert (suggested["agent_code"], suggested["name"], suggested["home_store_code"]) == (
        "Employee #",
        None,
        "Location",
    )
    names = dict(con.execute("select agent_code, name from agents").fetchall())
    prepared, _ = upload(con, "agents", text)
    assert prepared.errors.empty
    got = con.execute(
        "select agent_code, name, is_active from agents where agent_code in ('A001', 'A002') order by 1"
    )
    assert got.fetchall() == [("A001", names["A001"], True), ("A002", names["A002"], False)]


def test_a_team_or_region_the_file_renames_is_named_before_the_commit(con):
    # a helper's probe: an agents upload renamed its team for every agent of it, and a store list its region,
    # both said nowhere ("0 updated")
    team_before = con.execute("select name, name_zh from teams where team_code = 'T1'").fetchone()
    text = "客服专员编码,客服专员姓名,班组编码,班组名称,班组中文名称\nA001,王伟,T1,Team Uno,一组\n"
    prepared, _ = upload(con, "agents", text)
    said = [v for k, v in prepared.notices if k == "master.notice.renames"]
    old = " / ".join(n for n in team_before if n)
    assert [(v["n"], v["renames"]) for v in said] == [(1, f"T1: {old} → Team Uno / 一组")]
    assert t("master.notice.renames", "en", **said[0]).startswith(
        "Teams: the file gives 1 stored one another name"
    )
    # the same names again: nothing said
    again, _ = upload(con, "agents", text.replace("A001", "A002"))
    assert not [k for k, _ in again.notices if k == "master.notice.renames"]
    # a name on an invalid row is not committed: not named either (second review)
    bad = "客服专员编码,客服专员姓名,班组编码,班组名称,入职日期\nA001,王伟,T1,Renamed,notadate\n"
    raw = pipeline.read(con, registry.kind("agents"), bad.encode(), "bad.csv")
    refused = pipeline.prepare(con, registry.kind("agents"), raw, None, OPTIONS, ADMIN)
    assert not refused.errors.empty
    assert not [k for k, _ in refused.notices if k == "master.notice.renames"]
    region = con.execute("select region_code, name_en, name_zh from regions order by 1").fetchone()
    stores = f"门店编码,门店名称,区域编码,区域英文名称\nS001,Store One,{region[0]},Nord\n"
    prepared, _ = upload(con, "stores", stores)
    said = [v["renames"] for k, v in prepared.notices if k == "master.notice.renames"]
    old = " / ".join(n for n in region[1:] if n)
    new = " / ".join(n for n in ("Nord", region[2]) if n)
    assert said == [f"{region[0]}: {old} → {new}"]


def test_undo_of_the_roster_that_added_an_agent_waits_for_a_later_roster_describing_it(con):
    # review: a later roster holding A090 unchanged did not stop the undo of the one that added it: A090 was
    # removed from under it, and its file could not be imported again ("already imported")
    header = "客服专员编码,客服专员姓名,班组编码,常驻门店编码\n"
    _, first = upload(con, "agents", header + "A090,New One,T1,S001\n")
    _, later = upload(con, "agents", header + "A090,New One,T1,S001\nA091,New Two,T1,S001\n")
    assert (later.rows_added, later.rows_unchanged) == (1, 1)
    with pytest.raises(batches.UndoRefused) as refused:
        batches.undo_batch(con, first.batch_id, ADMIN)
    assert refused.value.reason == "ingest.undo.blocked"
    codes = "select agent_code from agents where agent_code in ('A090', 'A091') order by 1"
    assert con.execute(codes).fetchall() == [("A090",), ("A091",)]
    batches.undo_batch(con, later.batch_id, ADMIN)  # the later one first: A091 goes, A090 stays as it was
    assert con.execute(codes).fetchall() == [("A090",)]
    batches.undo_batch(con, first.batch_id, ADMIN)
    assert con.execute(codes).fetchall() == []
