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


def test_batches_errors_prints_the_error_report_of_a_batch_the_user_may_see(
    portal_db, tmp_path, capsys, monkeypatch
):
    """``batches errors ID``: the skipped rows of a batch as CSV (Import history's download), to standard output or
    a file; refused for a batch outside the user's history and for a batch that skipped nothing."""
    bad = GOOD + "T-3,not a date,hotline,S001,A001,\n"
    assert cli.main(["import", "complaints", write(tmp_path, "c.csv", bad), *MAP, "--skip-invalid"]) == 0
    assert _import(tmp_path) == 0  # batch 2: nothing skipped
    capsys.readouterr()
    assert cli.main(["batches", "errors", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and "T-3" in lines[1] and "not a date" in lines[1] and "Opened" in lines[1]
    out = tmp_path / "errors.csv"
    assert cli.main(["batches", "errors", "1", "--output", str(out)]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert out.read_text(encoding="utf-8-sig").splitlines() == lines
    assert cli.main(["batches", "errors", "2"]) == 1
    assert "Batch 2 skipped no rows" in capsys.readouterr().err
    # a manager sees only their own batches: the OS account's batch 1 is none of theirs
    monkeypatch.setenv("PORTAL_CLI_PASSWORD", "north-password")
    assert cli.main(["batches", "errors", "1", "--user", "north"]) == 1
    err = capsys.readouterr().err
    assert "No batch 1 among the batches you may see" in err and "T-3" not in err
    monkeypatch.setenv("PORTAL_CLI_PASSWORD", "wrong-password")
    for action in (
        ["list"],
        ["errors", "1"],
        ["undo", "1"],
    ):  # a refused sign-in: exit 2, nothing shown or done
        assert cli.main(["batches", *action, "--user", "north"]) == 2
        assert "sign-in refused" in capsys.readouterr().err
    assert query(portal_db, "select count(*) from import_batches where status = 'committed'") == [(2,)]


def test_a_kind_the_user_may_not_upload_is_refused_before_the_file_is_read(
    portal_db, tmp_path, monkeypatch, capsys
):
    # review: the manager's stores upload was refused only at the commit, after its row errors had named other
    # stores' stored regions
    monkeypatch.setenv("PORTAL_CLI_PASSWORD", "north-password")
    stores = write(tmp_path, "s.csv", "store_code,name,region_code\nS003,Three,R1\n")
    assert cli.main(["import", "stores", stores, "--user", "north"]) == 2
    out = capsys.readouterr()
    assert "Your role may not upload stores and regions." in out.err and "S003" not in out.out + out.err
    assert query(portal_db, "select count(*) from import_batches") == [(0,)]
