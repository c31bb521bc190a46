"""The set-up commands: prepare (what `make run` calls), demo's guard for real data, create-admin."""

import io

import pytest

from portal import cli, db, users
from tests import fixtures


@pytest.fixture
def env(tmp_path, monkeypatch):
    path = tmp_path / "cli.duckdb"
    monkeypatch.setenv("PORTAL_DB", str(path))
    monkeypatch.setenv("PORTAL_COOKIE_KEY", "cli-test-key-" + "x" * 30)  # so prepare writes no secrets file
    return path


def test_prepare_builds_demo_data_and_users_on_an_empty_database(env, capsys, monkeypatch):
    from portal import demo

    real_generate = demo.generate
    monkeypatch.setattr(demo, "generate", lambda con, scale, seed: real_generate(con, scale=0.01, seed=seed))
    assert cli.main(["prepare", "--demo-if-empty"]) == 0
    out = capsys.readouterr().out
    assert "is empty: generating the demo data set" in out and "admin-demo-2026" in out
    con = db.connect(env)
    try:
        assert con.execute("select count(*) from complaints").fetchone()[0] > 1000
        assert users.count_admins(con) == 1
    finally:
        con.close()
    # a second prepare leaves the data alone
    assert cli.main(["prepare", "--demo-if-empty"]) == 0
    assert "generating" not in capsys.readouterr().out


def test_prepare_never_overwrites_imported_master_data(env, capsys):
    fixtures.build_fixture_db(env).close()  # stores and agents, no users, no complaints
    assert cli.main(["prepare", "--demo-if-empty"]) == 0
    out = capsys.readouterr().out
    assert "generating" not in out and "create-admin" in out
    con = db.connect(env)
    try:
        assert con.execute("select count(*) from stores").fetchone()[0] == 3
    finally:
        con.close()


def test_demo_refuses_to_replace_real_imports_without_yes(env, capsys):
    con = db.connect(env)
    con.execute("insert into import_batches (kind, file_name) values ('complaints', 'real.csv')")
    con.close()
    assert cli.main(["demo", "--scale", "0.01"]) == 1
    assert "holds 1 committed import batch" in capsys.readouterr().err
    assert cli.main(["demo", "--scale", "0.01", "--yes"]) == 0


def test_create_admin_from_stdin(env, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("first-admin-pass\n"))
    assert cli.main(["create-admin", "--username", "Alice", "--password-stdin"]) == 0
    con = db.connect(env)
    try:
        assert users.attempt_sign_in(con, "alice", "first-admin-pass").status == "ok"
    finally:
        con.close()
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert cli.main(["create-admin", "--username", "bob", "--password-stdin"]) == 1
    assert "at least 8" in capsys.readouterr().err


def test_create_admin_without_a_terminal_says_how(env, monkeypatch, capsys):
    # no terminal and no --password-stdin: an EOFError traceback before (audit of the admin pages)
    def no_terminal(prompt=""):
        raise EOFError

    monkeypatch.setattr("getpass.getpass", no_terminal)
    assert cli.main(["create-admin", "--username", "carol"]) == 2
    assert "--password-stdin" in capsys.readouterr().err
