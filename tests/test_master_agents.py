"""The agents upload (portal/ingest/master_agents.py): a real installation's agents and teams come from a file,
so that a team lead can be given a team with its agents. Fixture: tests/fixtures.py (R1 North: S001, S002;
R2 South: S003; T1: A001, A002; T2: A003, A004)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from portal import db, users
from portal.auth import User
from portal.ingest import batches, pipeline, reading, registry, templates, validation
from portal.scope import Scope
from tests import fixtures

ADMIN = User("t_admin", "Admin", ("admin",), Scope.everything())
KIND = registry.kind("agents")
OPTIONS = pipeline.ImportOptions(now=datetime(2026, 6, 1))
HEADER = "agent_code,name,team_code,team_name,home_store_code,active,hired_on\n"
AGENTS = "select agent_code, name, team_id, home_store_id, is_active, hired_on, created_batch_id from agents order by 1"
# each agent's own team and home store (those it was created with) and those it has now (agents_now)
NOW = (
    "select a.agent_code, a.team_id, a.home_store_id, n.team_id, n.home_store_id from agents a "
    "join agents_now n using (agent_id) order by 1"
)
NEW = HEADER + (
    "A010,Li Na,T3,Team Three,S001,yes,2024-03-01\n"
    "A011,Wang Wei,T3,,S002,否,\n"
    "A012,Zhao Lei,T4,Team Four,S001,,\n"
    "A013,Sun Li,T4,,S003,,\n"
)


@pytest.fixture
def con(tmp_path):
    con = fixtures.build_fixture_db(tmp_path / "agents.duckdb")
    yield con
    con.close()


def upload(con, text: str):
    return pipeline.import_bytes(con, KIND, text.encode(), "agents.csv", None, OPTIONS, ADMIN)


def state(con):
    return [con.execute(sql).fetchall() for sql in (
        AGENTS, "select * from teams order by 1", "select * from agent_assignments order by 1"
    )]  # fmt: skip


def test_new_teams_and_agents_are_created_with_their_stored_values(con):
    _, result = upload(con, NEW)
    assert (result.rows_added, result.rows_updated) == (4, 0)
    assert result.master_added == {"team_code": ["T3", "T4"], "agent_code": ["A010", "A011", "A012", "A013"]}
    b = result.batch_id
    # T3's agents' home stores both lie in R1: its region; T4's in R1 and R2: none
    assert con.execute("select * from teams where team_id > 2 order by 1").fetchall() == [
        (3, "T3", "Team Three", 1, b, None),
        (4, "T4", "Team Four", None, b, None),
    ]
    assert con.execute(AGENTS).fetchall()[4:] == [
        ("A010", "Li Na", 3, 1, True, date(2024, 3, 1), b),
        ("A011", "Wang Wei", 3, 2, False, None, b),
        ("A012", "Zhao Lei", 4, 1, True, None, b),
        ("A013", "Sun Li", 4, 3, True, None, b),
    ]


def test_a_reimport_renames_and_undo_restores_exactly(con):
    before = state(con)
    text = HEADER + "A001,Agent One Renamed,T1,Team One Renamed,,no,2023-02-01\nA002,,,,,,\nA020,,T5,,,,\n"
    _, result = upload(con, text)
    assert (result.rows_added, result.rows_updated, result.rows_unchanged) == (1, 1, 1)
    assert con.execute(AGENTS).fetchall()[0] == (
        "A001",
        "Agent One Renamed",
        1,
        1,
        False,
        date(2023, 2, 1),
        None,
    )
    assert con.execute(AGENTS).fetchall()[1] == ("A002", "Agent Two", 1, 2, True, None, None)  # blanks keep
    assert con.execute(AGENTS).fetchall()[4] == ("A020", "A020", 3, None, True, None, result.batch_id)
    assert con.execute("select * from teams where team_code in ('T1', 'T5') order by 1").fetchall() == [
        (1, "T1", "Team One Renamed", 1, None, None),
        (3, "T5", "T5", None, result.batch_id, None),
    ]
    batches.undo_batch(con, result.batch_id, ADMIN)
    assert state(con) == before


def test_a_teams_chinese_name_is_taken_kept_and_undone(con):
    # teams had no Chinese name: a Chinese page named them in English ("North Team 1"). The optional column
    # 班组中文名称 names a new team and renames a stored one; a blank cell keeps the stored name; undo restores
    before = state(con)
    text = (
        "客服专员编码,班组编码,班组名称,班组中文名称\n"
        "A001,T1,,一组\n"  # the stored T1 keeps its English name, gets a Chinese one
        "A002,T1,,\n"
        "A030,T7,Team Seven,七组\n"
        "A031,T8,Team Eight,\n"
    )
    _, result = upload(con, text)
    assert result.rows_added == 2
    teams = "select team_code, name, name_zh from teams where team_code in ('T1', 'T7', 'T8') order by 1"
    assert con.execute(teams).fetchall() == [
        ("T1", "Team One", "一组"),
        ("T7", "Team Seven", "七组"),
        ("T8", "Team Eight", None),
    ]
    _, again = upload(con, "agent_code,team_code,team_name,team_name_zh\nA001,T1,Team One A,\n")
    assert con.execute(teams).fetchall()[0] == ("T1", "Team One A", "一组")  # a blank Chinese name keeps it
    batches.undo_batch(con, again.batch_id, ADMIN)
    batches.undo_batch(con, result.batch_id, ADMIN)
    assert state(con) == before
    # the teams' names as a query gives them to each language: the Chinese one, else the name
    _, result = upload(con, text)
    names = {
        lang: db.run_query(con, "master_teams_agents", {"lang": lang}, Scope.everything())
        .drop_duplicates("team_code")
        .set_index("team_code")["team_name"]
        .to_dict()
        for lang in ("en", "zh")
    }
    assert [names["zh"][c] for c in ("T1", "T2", "T7", "T8")] == ["一组", "Team Two", "七组", "Team Eight"]
    assert [names["en"][c] for c in ("T1", "T7")] == ["Team One", "Team Seven"]


def test_a_referenced_agents_team_change_is_accepted(con):
    users.create_user(
        con, username="agent1", display_name="Agent One", password="a long enough pass phrase 7",
        roles=["agent"], agent_id=1,
    )  # fmt: skip  # a user linked to A001 refers to it: the upload refused the move ("its team stays T1")
    text = HEADER + "A001,Agent One,T2,,S001,,\nA002,Agent Two,T1,,S002,,\n"
    prepared, result = upload(con, text)
    assert prepared.errors.empty and (result.rows_updated, result.rows_unchanged) == (1, 1)
    # the agent's own columns keep what it was created with; the move is in agent_assignments
    assert con.execute(NOW).fetchall()[:2] == [("A001", 1, 1, 2, 1), ("A002", 1, 2, 1, 2)]
    assert con.execute(
        "select agent_id, team_id, home_store_id, batch_id from agent_assignments"
    ).fetchall() == [(1, 2, 1, result.batch_id)]


def test_an_unknown_home_store_and_an_unreferenced_team_change(con):
    text = HEADER + "A002,,T2,,S999,,\n"
    prepared = pipeline.prepare(con, KIND, reading.read_upload(text.encode(), "a.csv"), None, OPTIONS, ADMIN)
    assert validation.error_messages(prepared.errors, "en").to_dict("records") == [
        {"row": 2, "column": "home_store_code", "value": "S999", "reason": "Unknown store code."}
    ]
    _, result = upload(con, HEADER + "A002,,T2,,S003,,\n")  # the same rule as for a referenced agent
    assert result.rows_updated == 1
    assert con.execute(NOW).fetchall()[1] == ("A002", 1, 2, 2, 3)


def test_a_team_lead_on_an_uploaded_team_sees_exactly_its_agents(con):
    upload(con, NEW)
    team = con.execute("select team_id from teams where team_code = 'T3'").fetchone()[0]
    users.create_user(
        con, username="lead3", display_name="Lead Three", password="a long enough pass phrase 7",
        roles=["team_lead"], scope_team_id=team,
    )  # fmt: skip
    lead = users.load_user(con, "lead3")
    assert lead.scope.team_id == team and lead.scope.region_ids == (1,)  # T3's region R1
    seen = db.run_query(con, "master_teams_agents", {}, lead.scope)
    assert seen["agent_code"].tolist() == ["A010", "A011"]


def test_undo_is_refused_while_a_later_batchs_agent_is_in_a_team_it_created(con):
    _, first = upload(con, HEADER + "A030,,T6,,,,\n")
    _, second = upload(con, HEADER + "A031,,T6,,,,\n")
    with pytest.raises(batches.UndoRefused) as refused:
        batches.undo_batch(con, first.batch_id, ADMIN)
    assert (
        str(refused.value)
        == "Other data already refer to rows this batch added (T6); undo those imports first."
    )
    batches.undo_batch(con, second.batch_id, ADMIN)
    batches.undo_batch(con, first.batch_id, ADMIN)
    assert con.execute("select count(*) from teams where team_code = 'T6'").fetchone() == (0,)


@pytest.mark.parametrize(("lang", "fmt"), [(lang, fmt) for lang in ("en", "zh") for fmt in templates.FORMATS])
def test_the_shipped_templates_are_what_the_code_makes_and_import_cleanly(con, lang, fmt):
    name = templates.template_file_name(KIND, lang, fmt)
    made = templates.template_bytes(KIND, lang, fmt)
    if fmt == "csv":
        assert (templates.TEMPLATES_DIR / name).read_bytes() == made
    prepared, result = pipeline.import_bytes(con, KIND, made, name, None, OPTIONS, ADMIN)
    assert prepared.errors.empty
    # A001 and A002 are stored: the template renames them; A001's hiring date is given, A002 stays active
    assert (result.rows_added, result.rows_updated) == (0, 2)
    assert con.execute(AGENTS).fetchall()[:2] == [
        ("A001", "Li Na", 1, 1, True, date(2024, 3, 1), None),
        ("A002", "Wang Wei", 1, 2, True, None, None),
    ]


def test_an_agent_the_file_describes_survives_the_undo_of_the_import_that_added_it(tmp_path):
    # review: an agent added by a complaint import's "add unknown codes", then named by the agents file, was
    # swept away (name, team, hiring date with it) when that complaint import was undone
    con = fixtures.build_fixture_db(tmp_path / "sweep.duckdb")
    complaints = (
        "source_id,received_at,channel,store_code,agent_code\nK-1,2026-03-01 09:30,hotline,S001,A099\n"
    )
    _, added = pipeline.import_bytes(
        con,
        registry.kind("complaints"),
        complaints.encode(),
        "c.csv",
        None,
        pipeline.ImportOptions(now=datetime(2026, 6, 1), add_missing=True),
        ADMIN,
    )
    assert added.rows_added == 1
    pipeline.import_bytes(
        con, KIND, b"agent_code,name\nA099,Ninety Nine\n", "agents.csv", None, OPTIONS, ADMIN
    )
    batches.undo_batch(con, added.batch_id, ADMIN)
    assert con.execute("select name from agents where agent_code = 'A099'").fetchall() == [("Ninety Nine",)]
    con.close()


def test_a_team_code_written_with_leading_zeros_or_another_case_is_the_stored_team(con):
    # session 40's probe: T01 beside the stored T1 created a second team (and moved the agents to it)
    teams_before = con.execute("select count(*) from teams").fetchone()[0]
    text = HEADER + (
        "A010,Li Na,T01,,S001,,\n"  # the stored T1
        "A011,Wang Wei,t2,,S003,,\n"  # the stored T2
        "A012,Zhao Lei,T03,Team Three,S001,,\n"  # a new team, written two ways in the file: one team
        "A013,Sun Li,T3,,S001,,\n"
        "A014,Qian Yu,T03,,S002,,\n"
    )
    raw = reading.read_upload(text.encode(), "agents.csv")
    prepared = pipeline.prepare(con, KIND, raw, None, OPTIONS, ADMIN)
    notices = dict(prepared.notices)
    assert str(notices["ingest.notice.codes_repaired"]["pairs"]) == "T01 → T1, t2 → T2"
    assert str(notices["ingest.notice.new_codes_merged"]["pairs"]) == "T3 → T03"
    _, result = upload(con, text)
    assert result.master_added["team_code"] == ["T03"]
    assert con.execute("select count(*) from teams").fetchone()[0] == teams_before + 1
    got = con.execute(
        "select a.agent_code, t.team_code from agents_now a join teams t using (team_id) "
        "where a.agent_code >= 'A010' order by 1"
    ).fetchall()
    assert got == [("A010", "T1"), ("A011", "T2"), ("A012", "T03"), ("A013", "T03"), ("A014", "T03")]


def test_a_team_code_holding_a_stored_one_is_a_new_team(con):
    # review of 8fe63a8: T1-B was matched to the stored T1 by the code it holds ("T1-B → T1" the only word of it),
    # its agent moved to T1 and no team Team One B made; a team code goes by case and leading zeros only
    text = HEADER + "A010,Li Na,T1-B,Team One B,S001,,\n"
    raw = reading.read_upload(text.encode(), "agents.csv")
    prepared = pipeline.prepare(con, KIND, raw, None, OPTIONS, ADMIN)
    assert "ingest.notice.codes_repaired" not in dict(prepared.notices)
    _, result = upload(con, text)
    assert result.master_added["team_code"] == ["T1-B"]
    assert con.execute(
        "select team_code, name from teams where team_code like 'T1%' order by 1"
    ).fetchall() == [
        ("T1", "Team One"),
        ("T1-B", "Team One B"),
    ]
    got = con.execute(
        "select a.agent_code, t.team_code from agents_now a join teams t using (team_id) where a.agent_code = 'A010'"
    ).fetchall()
    assert got == [("A010", "T1-B")]


def test_a_team_code_written_like_several_stored_teams_is_refused_naming_them(con):
    # review of 8fe63a8: with T1 and T01 both stored (left by the old matching), T0001 is like both, and was
    # silently made a third team; its row is refused naming the two, and nothing is written
    con.execute("insert into teams (team_id, team_code, name, region_id) values (3, 'T01', 'Team 01', 1)")
    before = state(con)
    text = HEADER + "A010,Li Na,T0001,,S001,,\nA011,Wang Wei,T2,,S003,,\n"
    raw = reading.read_upload(text.encode(), "agents.csv")
    prepared = pipeline.prepare(con, KIND, raw, None, OPTIONS, ADMIN)
    errors = [(e.row, e.column, e.value, e.reason, e.detail) for e in prepared.errors.itertuples()]
    assert errors == [(2, "team_code", "T0001", "master.error.ambiguous_team", "T01, T1")]
    # the teams are listed as the language lists (a Chinese list takes 、), as a store's or agent's are
    assert list(validation.error_messages(prepared.errors, "zh")["reason"]) == [
        "有多个已有班组的编码与此编码仅相差前导零或大小写(T01、T1)；请按已有编码准确填写所指的班组。"
    ]
    with pytest.raises(pipeline.NothingWritten):
        upload(con, text)
    assert state(con) == before


def test_an_hr_roster_s_employment_status_column_is_the_active_flag(con):
    """An HR roster (员工花名册) says who has left in 在职状态 (在职 / 离职 / 试用期) and names the home store as
    所属门店. Before, neither header was read: the departed 00124 was created active, all three without a home
    store. A probationer (试用期) is employed: active; 已离职 is 离职."""
    roster = (
        "工号,姓名,在职状态,所属门店\n"
        "00123,李娜,在职,S001\n"
        "00124,王伟,离职,S002\n"
        "00125,张敏,试用期,S003\n"
        "00126,赵磊,已离职,S001\n"
    )
    _, result = upload(con, roster)
    assert result.rows_added == 4
    got = con.execute(
        "select a.agent_code, a.is_active, s.store_code from agents a join stores s on s.store_id = a.home_store_id "
        "where a.agent_code like '001%' order by 1"
    ).fetchall()
    assert got == [
        ("00123", True, "S001"),
        ("00124", False, "S002"),
        ("00125", True, "S003"),
        ("00126", False, "S001"),
    ]


def test_agent_and_home_store_codes_that_lost_their_leading_zeros_are_the_stored_ones(con):
    """An HR roster re-saved by Excel writes the stored agent 00123 as 123 and the home store S002 as s2: the
    stored agent (renamed, moved to S002) and store. Before, 123 was created as a second agent and s2 refused as
    an unknown store."""
    upload(con, HEADER + "00123,Li Na,T1,,S001,yes,\n")
    _, result = upload(con, HEADER + "123,Li Na Renamed,T1,,s2,yes,\n")
    assert (result.rows_added, result.rows_updated) == (0, 1)
    got = con.execute(
        "select a.agent_code, a.name, s.store_code from agents_now a join stores s on s.store_id = a.home_store_id "
        "where a.agent_code not like 'A%' order by 1"
    ).fetchall()
    assert got == [("00123", "Li Na Renamed", "S002")]


def test_a_team_named_instead_of_coded_is_that_team_and_leave_words_keep_agents_active(con):
    """A helper's probe of an HR roster whose 班组 held the team's name (North Team 1, T01's): a new team coded
    "North Team 1" was made and its agents moved into it, unsaid (their lead lost them for the month). A value naming
    one stored team (its name or Chinese name) is that team; 待离职 and 休产假 are employed (they were refused)."""
    con.execute("update teams set name_zh = '一组' where team_code = 'T1'")
    before = state(con)
    text = "工号,姓名,班组,在职状态\nA001,Agent One,team one,待离职\nA002,Agent Two,一组,休产假\n"
    prepared, result = upload(con, text)
    assert prepared.errors.empty and result.master_added == {}
    assert state(con) == before  # no team made, nobody moved or deactivated
    said = [str(v["pairs"]) for k, v in prepared.notices if k == "ingest.notice.codes_repaired"]
    assert said == ["team one → T1, 一组 → T1"]
