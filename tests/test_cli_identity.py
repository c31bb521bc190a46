"""The command line records who ran it (issue 15 item 3): the operating-system user, or a portal user it
signs in with a password and whose scope it then acts in; a free ``--user`` name is never recorded."""

from __future__ import annotations

import getpass

import pytest

from portal import cli, users
from tests import fixtures
from tests.test_ingest_cli import GOOD, MAP, query, write


@pytest.fixture
def portal_db(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_BCRYPT_ROUNDS", "4")
    path = tmp_path / "cli.duckdb"
    con = fixtures.build_fixture_db(path)
    users.create_user(
        con,
        username="north",
        display_name="North",
        password="north-password",
        roles=["manager"],
        scope_region_id=1,
    )
    con.close()
    monkeypatch.setenv("PORTAL_DB", str(path))
    monkeypatch.setenv("USER", "someone-else")
    monkeypatch.delenv("PORTAL_CLI_PASSWORD", raising=False)
    return path


def _import(tmp_path, *extra):
    return cli.main(["import", "complaints", write(tmp_path, "a.csv", GOOD), *MAP, *extra])


def test_without_user_the_os_account_is_recorded(portal_db, tmp_path, monkeypatch):
    monkeypatch.setattr(getpass, "getuser", lambda: "ops_anna")
    assert _import(tmp_path) == 0
    assert query(portal_db, "select created_by from import_batches") == [("os:ops_anna",)]


def test_a_free_user_name_without_its_password_is_refused_and_nothing_written(portal_db, tmp_path, capsys):
    code = _import(tmp_path, "--user", "admin_i_say")
    assert code == 2
    assert "no password" in capsys.readouterr().err  # pytest's stdin is no terminal: nothing is asked
    assert query(portal_db, "select count(*) from import_batches") == [(0,)]


def test_a_wrong_password_is_refused_audited_and_nothing_written(portal_db, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PORTAL_CLI_PASSWORD", "wrong-password")
    assert _import(tmp_path, "--user", "north") == 2
    assert "sign-in refused" in capsys.readouterr().err
    assert query(portal_db, "select count(*) from import_batches") == [(0,)]
    assert query(portal_db, "select username, action from audit_log where action = 'login_failed'") == [
        ("north", "login_failed")
    ]


def test_a_signed_in_user_is_recorded_by_their_name(portal_db, tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_CLI_PASSWORD", "north-password")
    assert _import(tmp_path, "--user", "North") == 0
    assert query(portal_db, "select created_by from import_batches") == [("north",)]
