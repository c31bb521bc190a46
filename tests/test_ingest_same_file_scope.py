"""The same-file rule does not reveal another user's batch (probe report teams, item 7): a file already imported is
refused with the batch's number and "undo that batch first" only for someone who may undo it (an admin, the
batch's own uploader: ``batches.can_undo``). Anyone else gets the row checks first (scope included): a file of
which no row is theirs is refused for its rows alone, and one with rows they may write is "already imported by
someone else", with no number and no undo. Every kind alike, on the Upload page's rules
(``preview.commit_blockers``), the commit and the command line.

Before the fix team lead T2 importing T1's QA file that T1's lead had imported was told "This file was already
imported as batch 5 ... undo that batch first: python -m portal batches undo 5", and with one byte changed the
continuation row's scope error quoted its blank cell: "(value '')".
Fixture: tests/fixtures.py (T1: A001, A002 of stores S001, S002 in R1; T2: A003, A004 of S003 in R2).
"""

from __future__ import annotations

from datetime import datetime

import pytest

from portal import cli, users
from portal.auth import User
from portal.fives_intake.kind import KIND as INSPECTIONS
from portal.i18n import t
from portal.ingest import pipeline, preview, registry, validation
from portal.scope import Scope
from tests import fixtures
from tests.fives_intake_fixture import add_manager_user
from tests.test_fives_intake_kind import BASE, flat

NOW = datetime(2026, 11, 30, 12, 0)
ADMIN = User("t_admin", "Admin", ("admin",), Scope.everything())
LEAD_ONE = User("t_lead1", "Lead One", ("team_lead",), Scope(store_ids=(1, 2), team_id=1))
LEAD_TWO = User("t_lead2", "Lead Two", ("team_lead",), Scope(store_ids=(3,), team_id=2))
NORTH = User("t_north", "North", ("manager",), Scope(store_ids=(1, 2), all_agents=True))
NORTH_TOO = User("t_north2", "North Too", ("manager",), Scope(store_ids=(1, 2), all_agents=True))
SOUTH = User("t_south", "South", ("manager",), Scope(store_ids=(3,), all_agents=True))

QA_HEADER = "review_id,agent_code,reviewed_on,reviewer,score,criterion,criterion_score,max_score,weight,critical,comment\n"
# R1 (A001): greet, then a continuation row (id and review cells blank) for solve; R2 (A002): one overall score
QA_FILE = (
    QA_HEADER
    + "R1,A001,2026-10-12,Quinn,,greet,5,5,1,no,ok\n,,,,,solve,6,10,3,,\nR2,A002,2026-10-13,Quinn,88,,,,,,\n"
)
FILES = {  # one store S001 (R1) row or inspection of each kind
    "complaints": b"source_id,received_at,channel,category,severity,store_code,status\n"
    b"T-1,2026-10-01 09:30,hotline,product quality,normal,S001,closed\n",
    "surveys": b"response_id,store_code,responded_on,overall_satisfaction\nR-1,S001,2026-05-04,4\n",
    "qa_reviews": QA_FILE.encode(),
    "inspections": flat({("A-1", "S001", "2026-11-02"): BASE}),
}
SAME_FILE_OTHER = (
    "This file was already imported by someone else; nothing was written. Only an admin may undo that import."
)


def kind_of(name):
    return INSPECTIONS if name == "inspections" else registry.kind(name)


def prepare(con, name, user, data=None, **options):
    kind = kind_of(name)
    raw = pipeline.read(con, kind, FILES[name] if data is None else data, f"{name}.csv")
    return pipeline.prepare(con, kind, raw, None, pipeline.ImportOptions(now=NOW, **options), user)


def blockers(con, name, user, **options):
    return preview.commit_blockers(prepare(con, name, user, **options), user)


@pytest.fixture
def db(con):
    add_manager_user(con)  # the owner of the corrective actions an inspection of S001 opens
    return con


@pytest.mark.parametrize("name", sorted(FILES))
def test_only_an_admin_or_the_uploader_is_told_the_batch_and_the_undo(db, name):
    first = pipeline.commit(db, prepare(db, name, NORTH), NORTH)
    for user in (NORTH, ADMIN):  # may undo it: as before
        (reason, values), *_ = blockers(db, name, user)
        assert (reason, values["batch_id"]) == ("ingest.refused.same_file", first.batch_id)
    # the same rows in their scope, another's batch: already imported, no number, no undo
    assert blockers(db, name, NORTH_TOO) == [("ingest.refused.same_file_other", {})]
    with pytest.raises(pipeline.NothingWritten) as refused:
        pipeline.commit(db, prepare(db, name, NORTH_TOO), NORTH_TOO)
    assert str(refused.value) == SAME_FILE_OTHER
    # rows outside their scope: refused for those rows, the earlier import not mentioned
    south = prepare(db, name, SOUTH)
    assert preview.commit_blockers(south, SOUTH) == [
        ("ingest.refused.invalid_rows", {"n": south.n_rows, "total": south.n_rows}),
        ("ingest.refused.no_valid_rows", {}),
    ]
    assert blockers(db, name, SOUTH, skip_invalid=True) == [("ingest.refused.no_valid_rows", {})]
    assert db.execute("select count(*) from import_batches").fetchone() == (1,)


def test_the_refusal_is_said_in_both_languages():
    assert t("ingest.refused.same_file_other", "en") == SAME_FILE_OTHER
    assert t("ingest.refused.same_file_other", "zh") == (
        "该文件已由他人导入；未写入任何数据。只有管理员可以撤销该导入批次。"
    )


def test_a_lead_is_given_the_rows_of_another_team_not_its_lead_batch(con):
    """The probe's case: T2's lead imports T1's QA file that T1's lead imported; the continuation row (row 3)
    names the review it continues, not its blank cell."""
    pipeline.commit(con, prepare(con, "qa_reviews", LEAD_ONE), LEAD_ONE)
    prepared = prepare(con, "qa_reviews", LEAD_TWO)
    assert preview.commit_blockers(prepared, LEAD_TWO) == [
        ("ingest.refused.invalid_rows", {"n": 3, "total": 3}),
        ("ingest.refused.no_valid_rows", {}),
    ]
    # the agents were never in T2: their rows name no team (a lead learns nothing of an agent never hers; a mover's
    # row names the team of the review's day: tests/test_qa_import.py), the continuation row names its review
    agent = "the agent is outside your scope (your team, or the agents of your stores)"
    review_id = "this review id belongs to an agent outside your scope"
    assert validation.error_messages(prepared.errors, "en").values.tolist() == [
        [2, "agent_code", "A001", agent],
        [2, "review_id", "R1", review_id],
        [
            3,
            "agent_code",
            "",
            "this row belongs to review R1, whose agent is outside your scope (your team, or the agents of your "
            "stores)",
        ],
        [3, "review_id", "", "this row continues review R1, whose id belongs to an agent outside your scope"],
        [4, "agent_code", "A002", agent],
        [4, "review_id", "R2", review_id],
    ]
    zh = validation.error_messages(prepared.errors, "zh")
    assert zh[zh["row"] == 3]["reason"].tolist() == [
        "该行属于质检 R1，其客服专员不在您的权限范围内(您的班组，或您门店的客服专员)",
        "该行续接质检 R1，该质检编号属于您权限范围以外的客服专员",
    ]


@pytest.fixture
def cli_db(tmp_path, monkeypatch):
    path = tmp_path / "cli.duckdb"
    con = fixtures.build_fixture_db(path)
    for username, roles, scope in (
        ("lead1", ["team_lead"], {"scope_team_id": 1}),
        ("lead2", ["team_lead"], {"scope_team_id": 2}),
        ("north", ["manager"], {"scope_region_id": 1}),
    ):
        users.create_user(
            con, username=username, display_name=username, password="pass-word-2026", roles=roles, **scope
        )
    con.close()
    monkeypatch.setenv("PORTAL_DB", str(path))
    monkeypatch.setenv("PORTAL_CLI_PASSWORD", "pass-word-2026")
    monkeypatch.setenv("USER", "t_cli")
    return tmp_path


def test_the_command_line_says_the_same(cli_db, capsys):
    file = cli_db / "qa.csv"
    file.write_text(QA_FILE, encoding="utf-8")
    assert cli.main(["import", "qa-reviews", str(file), "--user", "north"]) == 0
    assert "Batch 1: 3 rows in file, 2 added" in capsys.readouterr().out
    # the other team's lead: its rows, each named (the continuation row by its review), exit 1
    assert cli.main(["import", "qa-reviews", str(file), "--user", "lead2"]) == 1
    out, err = capsys.readouterr()
    assert "batch" not in (out + err).lower() and "undo" not in (out + err).lower()
    assert err.splitlines()[2:4] == [
        "row 3, column agent_code: this row belongs to review R1, whose agent is outside your scope (your team, "
        "or the agents of your stores)",
        "row 3, column review_id: this row continues review R1, whose id belongs to an agent outside your scope",
    ]
    assert err.splitlines()[-1] == (
        "Nothing written: 3 of 3 rows are invalid; nothing was written. Correct them, or choose to skip invalid "
        "rows."
    )
    # the team's own lead, the manager's batch: already imported, exit 0 as for one's own file
    assert cli.main(["import", "qa-reviews", str(file), "--user", "lead1"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[-1] == SAME_FILE_OTHER and err == ""
    # the uploader: the batch and the command that undoes it, as before
    assert cli.main(["import", "qa-reviews", str(file), "--user", "north"]) == 0
    assert "already imported as batch 1 on" in capsys.readouterr().out
