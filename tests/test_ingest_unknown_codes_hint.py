"""What the list of a file's unknown codes tells the user to do fits their rights (probe: a team lead was told to
tick "Add unknown … codes", a box they do not have, and on the command line to use --add-missing, which then
refused them: "Only a manager or an admin may add unknown codes")."""

from __future__ import annotations

import pytest

from portal import cli, users
from portal.auth import User
from portal.i18n import t
from portal.ingest import registry
from portal.ingest.codes import unknown_codes_hint
from portal.scope import Scope
from tests import fixtures

QA = registry.kind("qa_reviews")
COMPLAINTS = registry.kind("complaints")
ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())
LEAD = User("t_lead", "Test Lead", ("team_lead",), Scope(store_ids=(1, 2), team_id=1))
REGIONAL = User("t_manager", "Test Manager", ("manager",), Scope(store_ids=(1, 2), all_agents=True))
FILE = "review_id,agent_code,reviewed_on,reviewer,score\nN1,A999,2026-10-20,Q,70\nN2,A001,2026-10-20,Q,75\n"


def test_the_hint_follows_the_users_rights():
    assert unknown_codes_hint(QA, LEAD, "agent_code", add_missing=False) == "ingest.unknown_codes.ask_hint"
    assert unknown_codes_hint(QA, ADMIN, "agent_code", add_missing=False) == "ingest.unknown_codes.add_hint"
    assert unknown_codes_hint(QA, ADMIN, "agent_code", False, cli=True) == "ingest.unknown_codes.add_hint_cli"
    assert unknown_codes_hint(QA, ADMIN, "agent_code", add_missing=True) is None
    # a regional manager adds agents, never stores (CommitContext.add_missing_codes)
    assert unknown_codes_hint(COMPLAINTS, REGIONAL, "agent_code", False) == "ingest.unknown_codes.add_hint"
    assert (
        unknown_codes_hint(COMPLAINTS, REGIONAL, "store_code", False) == "ingest.unknown_codes.ask_chain_hint"
    )
    assert t("ingest.unknown_codes.ask_hint", "en") == (
        "Only a manager or an admin may add codes to the master data: correct them in the file, or ask one of "
        "them to add them."
    )
    assert t("ingest.unknown_codes.ask_hint", "zh") == (
        "只有经理或管理员可以将编码添加到主数据：请在文件中更正这些编码，或请经理或管理员添加。"
    )
    assert t("ingest.unknown_codes.ask_chain_hint", "en") == (
        "Only an admin or a manager who sees the whole chain may add new stores: correct them in the file, or ask "
        "one of them to add them."
    )


@pytest.fixture
def portal_db(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_BCRYPT_ROUNDS", "4")
    path = tmp_path / "cli.duckdb"
    con = fixtures.build_fixture_db(path)
    users.create_user(
        con,
        username="lead1",
        display_name="Lead",
        password="lead1-password",
        roles=["team_lead"],
        scope_team_id=1,
    )
    con.close()
    monkeypatch.setenv("PORTAL_DB", str(path))
    monkeypatch.delenv("PORTAL_CLI_PASSWORD", raising=False)
    return path


def test_the_command_line_tells_a_team_lead_to_ask_not_to_use_add_missing(
    portal_db, tmp_path, monkeypatch, capsys
):
    file = tmp_path / "qa.csv"
    file.write_text(FILE, encoding="utf-8")
    monkeypatch.setenv("PORTAL_CLI_PASSWORD", "lead1-password")
    assert cli.main(["import", "qa-reviews", str(file), "--user", "lead1"]) == 1
    err = capsys.readouterr().err
    assert (
        "unknown agent_code: A999 (Only a manager or an admin may add codes to the master data: correct them in the "
        "file, or ask one of them to add them.)"
    ) in err
    assert "--add-missing" not in err
    monkeypatch.delenv("PORTAL_CLI_PASSWORD")  # the operating-system account: an admin's rights
    assert cli.main(["import", "qa-reviews", str(file)]) == 1
    assert (
        "unknown agent_code: A999 (use --add-missing to add them to the master data, or correct the file)"
        in capsys.readouterr().err
    )
