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


@pytest.mark.parametrize(
    "before",
    [
        '[connections.reports]\nurl = "postgresql://reports"\n',  # a table: a key appended after it is the table's
        '# cookie_key = "<at least 32 random characters>"\n',  # the key only in a comment
    ],
)
def test_demo_mode_writes_a_cookie_key_streamlit_reads_at_the_top_of_secrets(tmp_path, monkeypatch, before):
    import tomllib

    from portal import cli_users

    monkeypatch.delenv("PORTAL_COOKIE_KEY", raising=False)
    monkeypatch.setattr(cli_users, "PROJECT_ROOT", tmp_path)
    secrets = tmp_path / ".streamlit" / "secrets.toml"
    secrets.parent.mkdir()
    secrets.write_text(before, encoding="utf-8")
    cli_users._ensure_cookie_key()
    text = secrets.read_text(encoding="utf-8")
    # a top-level key: st.secrets["cookie_key"], as signin reads it
    assert len(tomllib.loads(text).get("cookie_key", "")) >= 32
    assert before in text  # what the file held is kept
    if "[connections" in before:
        assert tomllib.loads(text)["connections"] == {"reports": {"url": "postgresql://reports"}}
    key = tomllib.loads(text)["cookie_key"]
    cli_users._ensure_cookie_key()  # a second prepare keeps the key: signed-in browsers stay signed in
    assert tomllib.loads(secrets.read_text(encoding="utf-8"))["cookie_key"] == key
    assert secrets.stat().st_mode & 0o777 == 0o600
