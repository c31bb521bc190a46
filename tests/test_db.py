"""The database layer: migrations, named queries, transactions, friendly errors."""

import sqlite3
import subprocess
import sys
import textwrap

import duckdb
import pytest

from portal import db
from portal.scope import Scope


def test_migrations_apply_once_and_are_recorded(tmp_path):
    con = db.connect(tmp_path / "a.duckdb")
    versions = [m.version for m in db.migrations()]
    assert versions == sorted(versions) and versions[0] == 1
    assert db.applied_versions(con) == set(versions)
    tables_before = con.execute("select count(*) from information_schema.tables").fetchone()[0]
    assert db.apply_migrations(con) == []  # twice changes nothing
    assert con.execute("select count(*) from information_schema.tables").fetchone()[0] == tables_before
    con.close()
    con = db.connect(tmp_path / "a.duckdb")  # reopening applies nothing either
    assert con.execute("select count(*) from schema_migrations").fetchone()[0] == len(versions)


def test_schema_covers_the_spec(con):
    tables = {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}
    for needed in (
        "regions",
        "stores",
        "store_hours",
        "store_region_history",
        "teams",
        "agents",
        "users",
        "complaints",
        "complaint_status_history",
        "survey_responses",
        "servqual_answers",
        "servqual_importance",
        "survey_instruments",
        "instrument_items",
        "instrument_dimensions",
        "qa_reviews",
        "fives_templates",
        "fives_sections",
        "fives_items",
        "fives_inspections",
        "fives_item_scores",
        "corrective_actions",
        "settings",
        "scorecard_weight_versions",
        "scorecard_weight_rules",
        "column_mappings",
        "import_batches",
        "batch_row_snapshots",
        "audit_log",
    ):
        assert needed in tables, needed


def test_newer_database_is_refused(tmp_path):
    con = db.connect(tmp_path / "b.duckdb")
    con.execute("insert into schema_migrations (version, name) values (999, 'from_the_future')")
    con.close()
    with pytest.raises(db.DatabaseError, match="newer than this portal's code"):
        db.connect(tmp_path / "b.duckdb")


def test_locked_file_names_the_process(tmp_path):
    path = tmp_path / "c.duckdb"
    db.connect(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import duckdb, sys, time
            con = duckdb.connect({str(path)!r})
            print("ready", flush=True)
            sys.stdin.readline()
        """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(db.DatabaseError) as info:
            db.connect(path)
        assert f"in use by process {holder.pid}" in str(info.value)
    finally:
        holder.communicate("\n", timeout=10)


def _ended_without_a_checkpoint(root, code: str) -> None:
    """Run ``code`` (with ``path`` bound) in another process that ends without closing its connections (killed,
    or a server stopped without closing them): what it committed is left in the write-ahead log."""
    subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code) + "\nimport os\nos._exit(0)\n"], cwd=root, check=True
    )


def test_a_migrations_alter_left_in_the_wal_is_replayed_on_opening(tmp_path):
    # DuckDB 1.5 binds an ALTER TABLE's defaults when it replays one from the WAL, before the file is its default
    # database: a table with a nextval default altered (migrations 016, 033) and the process ended before a
    # checkpoint left a file that opened with an INTERNAL Error (a UI audit met it after a server was stopped)
    path = tmp_path / "w.duckdb"
    db.connect(path).close()
    altered = """
        import duckdb
        con = duckdb.connect(PATH)
        con.execute("alter table teams add column probe varchar")
        con.execute("insert into teams (team_code, name, probe) values ('T9', 'Team Nine', 'kept')")
        """
    _ended_without_a_checkpoint(tmp_path, altered.replace("PATH", repr(str(path))))
    assert (tmp_path / "w.duckdb.wal").stat().st_size > 0
    with pytest.raises(duckdb.InternalException, match="Failure while replaying WAL"):
        duckdb.connect(str(path))  # DuckDB alone (if this passes, DuckDB replays it now: see wal_replay)
    con = db.connect(path)  # replayed into the file, nothing lost
    assert con.execute("select name, probe from teams where team_code = 'T9'").fetchall() == [
        ("Team Nine", "kept")
    ]
    con.close()
    duckdb.connect(str(path)).close()  # and DuckDB opens it alone again


def test_the_migrations_connect_applies_are_checkpointed(tmp_path):
    # a new database (or one a new version migrates) opened by a process that then ends without closing it: the
    # migrations' ALTERs are in the file, not left for a replay
    path = tmp_path / "n.duckdb"
    _ended_without_a_checkpoint(
        tmp_path,
        # the connection kept open (a connection collected is closed, and its close checkpoints)
        f"import sys\nsys.path.insert(0, {str(db.PROJECT_ROOT)!r})\nfrom portal import db\ncon = db.connect({str(path)!r})",
    )
    con = duckdb.connect(str(path))  # DuckDB alone: no replay of an ALTER needed
    assert con.execute("select max(version) from schema_migrations").fetchone()[0] == db.code_schema_version()
    con.close()


def test_unwritable_location_is_explained(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(db.DatabaseError, match="Set PORTAL_DB"):
        db.connect(blocker / "sub" / "portal.duckdb")


def test_run_query_binds_scope_and_params(con):
    stores = db.run_query(con, "filter_stores", scope=Scope(store_ids=(1, 3)))
    assert stores["store_code"].tolist() == ["S001", "S003"]
    assert db.run_query(con, "filter_stores", scope=Scope.nothing()).empty
    assert len(db.run_query(con, "filter_stores", scope=Scope.everything())) == 3
    with pytest.raises(KeyError, match="scope_all_stores"):
        db.run_query(con, "filter_stores")


def test_query_names_are_checked():
    with pytest.raises(ValueError):
        db.load_query("../secrets")


def test_transaction_retries_conflicts_a_bounded_number_of_times(con):
    calls = []

    def flaky(cur):
        calls.append(1)
        cur.execute("insert into settings (key, value) values (?, '1')", [f"k{len(calls)}"])
        if len(calls) < 3:
            raise duckdb.TransactionException("Conflict on update")
        return "done"

    assert db.in_transaction(con, flaky, backoff_s=0) == "done"
    assert len(calls) == 3
    # the failed attempts were rolled back: only the third insert is there
    assert [r[0] for r in con.execute("select key from settings").fetchall()] == ["k3"]

    def always(cur):
        raise duckdb.TransactionException("Conflict on update")

    with pytest.raises(
        db.WriteFailed
    ) as failed:  # said as a failed write (ui.writing), the conflict its cause
        db.in_transaction(con, always, retries=2, backoff_s=0)
    assert isinstance(failed.value.__cause__, duckdb.TransactionException)


def test_transaction_rolls_back_other_errors(con):
    def broken(cur):
        cur.execute("insert into settings (key, value) values ('x', '1')")
        raise ValueError("boom")

    with pytest.raises(ValueError):
        db.in_transaction(con, broken)
    assert con.execute("select count(*) from settings").fetchone()[0] == 0


def test_concurrent_cursors_read_and_write(con):
    import threading

    errors = []

    def writer(i):
        try:
            db.in_transaction(
                con,
                lambda cur: cur.execute(
                    "insert into audit_log (username, action) values (?, 'login')", [f"u{i}"]
                ),
            )
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    def reader():
        try:
            for _ in range(20):
                db.run_query(con, "filter_stores", scope=Scope.everything())
        except Exception as exc:  # pragma: no cover
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(20)] + [
        threading.Thread(target=reader) for _ in range(4)
    ]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    assert con.execute("select count(*) from audit_log").fetchone()[0] == 20


def test_the_memory_limit_takes_only_a_size():
    con = duckdb.connect()
    own = con.execute("select current_setting('memory_limit')").fetchone()[0]
    db.set_memory_limit(con, "160MB")
    assert con.execute("select current_setting('memory_limit')").fetchone()[0] == "152.5 MiB"
    db.set_memory_limit(
        con, own
    )  # DuckDB's own text for it is taken back (it rounds: "18.8 GiB" -> "18.7 GiB")
    restored = con.execute("select current_setting('memory_limit')").fetchone()[0]
    assert restored != "152.5 MiB" and restored.split()[1] == own.split()[1]
    for bad in ("160", "1GB'; drop table t; --", "160MB ", "-1"):
        with pytest.raises(ValueError, match="not a memory size"):
            db.set_memory_limit(con, bad)
    assert con.execute("select current_setting('memory_limit')").fetchone()[0] == restored


def test_the_write_path_names_only_identifiers_of_the_schema():
    from portal import writes

    assert writes.quoted("complaints") == '"complaints"' and writes.quoted("source_id") == '"source_id"'
    for bad in ("no_such_table", "complaints; drop table users", 'x"y', "Complaints"):
        with pytest.raises(ValueError, match="not a name of the portal's schema"):
            writes.quoted(bad)


def test_a_sqlite_file_is_not_a_portal_database(tmp_path):
    """DuckDB opened a SQLite file through its sqlite extension, downloading it ("Failed to download extension
    "sqlite_scanner""; with a network it would have migrated the portal's tables into that file): no extension is
    installed or loaded, and the file is named as not a portal database, left as it was."""
    path = tmp_path / "other.duckdb"
    lite = sqlite3.connect(path)
    lite.execute("create table notes (body text)")
    lite.commit()
    lite.close()
    before = path.read_bytes()
    with pytest.raises(db.DatabaseError) as refused:
        db.connect(path)
    assert str(refused.value) == (
        f"The database file {path} is damaged or is not a portal database (it is a SQLite database). Nothing was "
        "changed. Restore it from a backup, or set PORTAL_DB to another path to start anew."
    )
    assert path.read_bytes() == before
    con = db.connect(tmp_path / "portal.duckdb")
    settings = (
        "select current_setting('autoinstall_known_extensions'), current_setting('autoload_known_extensions')"
    )
    assert con.execute(settings).fetchone() == (False, False)


def test_a_folder_is_not_a_database_file(tmp_path):
    folder = tmp_path / "portal.duckdb"
    folder.mkdir()
    with pytest.raises(db.DatabaseError) as refused:
        db.connect(folder)
    assert str(refused.value) == (
        f"{folder} is a folder, not a database file. Set PORTAL_DB to a file's path (data/portal.duckdb by "
        "default); the file is created if it does not exist."
    )


def test_a_refused_commit_of_the_models_is_the_error_raised_not_the_rollback_after_it(tmp_path):
    """A helper's fault probe (session 55): opening a database whose models needed applying, in a read-only folder
    or on a full disk, failed at the commit, and the rollback after it ("cannot rollback - no transaction is
    active") hid the cause: every command said the wrong thing."""
    import duckdb
    import pytest

    from portal import db

    real = duckdb.connect(str(tmp_path / "x.duckdb"))
    db.apply_migrations(real)

    class DiskFull:
        def execute(self, sql, *args):
            if sql.strip().lower() == "commit":
                real.execute("rollback")  # the failed commit ends the transaction, as DuckDB's does
                raise duckdb.IOException("No space left on device")
            return real.execute(sql, *args)

    with pytest.raises(duckdb.IOException, match="No space left on device"):
        db.apply_models(DiskFull(), force=True)
    real.close()
