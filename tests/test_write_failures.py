"""A write the database cannot make (full disk, I/O error, out of memory) is said, never a traceback, and is not
retried as if it were a conflict (``db.in_transaction`` raises ``db.WriteFailed``; ``ui.writing`` and
``ui.write_callback`` say it; ``pipeline.commit`` turns it into the upload's refusal).

Before the fix the multi-file 5S upload (portal/ui_upload.py), the 5S steps, disputes, sign-offs, Users,
Settings and Undo showed DuckDB's traceback on a full disk, and ``db.is_conflict`` took every
TransactionException (a commit that could not reach the disk too) for a write-write conflict: five retries, each
opening an import batch anew. Fixture: tests/fixtures.py, tests/fives_fixture.py (action 1 at S001).
"""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

import duckdb
import pytest

from portal import db, writes
from portal.auth import User
from portal.ingest import pipeline, registry
from portal.scope import Scope
from portal.ui import core as ui_core
from tests import fives_fixture, fixtures

ADMIN = User("t_admin", "Admin", ("admin",), Scope.everything())
INSPECTOR = User("i_one", "Inspector S001", ("inspector",), Scope(store_ids=(1,)))
DISK_FULL = 'IO Error: Could not write file "x.duckdb.wal": No space left on device'


def import_survey(con, text: bytes):
    """One survey file through the upload's pipeline, as the admin."""
    return pipeline.import_bytes(
        con,
        registry.kind("surveys"),
        text,
        "s.csv",
        None,
        pipeline.ImportOptions(now=datetime(2026, 6, 1)),
        ADMIN,
    )


def test_a_commit_that_cannot_reach_the_disk_is_not_retried(con):
    calls = []

    def full_disk(cur):
        calls.append(1)
        cur.execute("insert into settings (key, value) values ('x', '1')")
        raise duckdb.TransactionException("Failed to commit: " + DISK_FULL)

    with pytest.raises(db.WriteFailed) as failed:
        db.in_transaction(con, full_disk, backoff_s=0)
    assert len(calls) == 1
    assert str(failed.value) == "Failed to commit: " + DISK_FULL
    assert isinstance(failed.value.__cause__, duckdb.TransactionException)
    assert con.execute("select count(*) from settings where key = 'x'").fetchone() == (0,)


def test_a_5s_step_the_database_cannot_write_raises_write_failed(con, monkeypatch):
    fives_fixture.load(con)
    real = writes.run

    def no_space(cur, name, params=None):
        if name == "fives_action_start":
            raise duckdb.IOException(DISK_FULL)
        return real(cur, name, params)

    monkeypatch.setattr(writes, "run", no_space)
    with pytest.raises(db.WriteFailed) as failed:
        writes.start_fives_action(con, INSPECTOR, 1)
    assert failed.value.key == "app.write_failed"
    assert con.execute("select status from corrective_actions where action_id = 1").fetchone() == ("open",)


def test_an_upload_the_database_cannot_write_is_refused_with_the_databases_words(con, monkeypatch):
    real = writes.run

    def no_space(cur, name, params=None):
        if name == "import_batch_close":
            raise duckdb.IOException(DISK_FULL)
        return real(cur, name, params)

    monkeypatch.setattr(writes, "run", no_space)
    text = b"response_id,store_code,responded_on,overall_satisfaction\nR-1,S001,2026-05-04,4\n"
    with pytest.raises(pipeline.NothingWritten) as refused:
        import_survey(con, text)
    assert refused.value.reason == "ingest.commit_failed"
    assert str(refused.value) == (
        f"The database could not write this import (IOException: {DISK_FULL}). Nothing of it was written; the "
        "check above still holds. Try again in a moment; if it fails again, ask an admin (the server may be "
        "short of memory or disk space)."
    )
    assert con.execute("select count(*) from import_batches").fetchone() == (0,)
    assert con.execute("select count(*) from survey_responses").fetchone() == (0,)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "The database could not write this change; nothing of it was written. Try again in a moment; if it "
            "fails again, ask an admin (the server may be short of disk space or memory).",
        ),
        (
            "zh",
            "数据库未能写入此项更改；更改的内容均未写入。请稍后重试；如再次失败，请联系管理员(服务器的磁盘空间或内存可能不足)。",
        ),
    ],
)
def test_a_page_says_the_failed_write_in_its_language(monkeypatch, lang, said):
    shown: list[str] = []
    fake = SimpleNamespace(session_state={"portal_lang": lang}, error=shown.append)
    monkeypatch.setattr(ui_core, "st", fake)
    with ui_core.writing():
        raise db.WriteFailed(DISK_FULL)
    # a button's callback: kept, and said by the next run
    ui_core.write_callback(lambda: (_ for _ in ()).throw(db.WriteFailed(DISK_FULL)))()
    ui_core.said_write_failed()
    assert shown == [said, said]
    assert "portal_write_failed" not in fake.session_state


# A commit whose checkpoint cannot be written (the disk full) makes DuckDB invalidate the database: that commit
# raises a FatalException, and so does every later statement on any connection to it, until it is opened anew.
# Before the fix the server's one connection (ui.core._connection) was kept: every page of every user failed with
# "database has been invalidated … must be restarted" until the server was restarted, and the Upload page said
# "Try again in a moment". The stand-in raises the FatalException where the checkpoint would (a real one needs a
# disk filled to within a few hundred KB); what is checked is that the connection is opened anew.
CHECKPOINT_FAILED = (
    'FATAL Error: Failed to create checkpoint because of error: Could not write file "p.duckdb": No space left '
    "on device"
)


def shared(path):
    opened = []

    def reopen():
        opened.append(db.connect(path))
        return opened[-1]

    return db.SharedConnection(db.connect(path), reopen=reopen), opened


def fatal_at(monkeypatch, statement):
    real = writes.run

    def checkpoint_fails(cur, name, params=None):
        if name == statement:
            raise duckdb.FatalException(CHECKPOINT_FAILED)
        return real(cur, name, params)

    monkeypatch.setattr(writes, "run", checkpoint_fails)


def test_an_upload_that_invalidates_the_database_says_so_and_the_connection_opens_anew(tmp_path, monkeypatch):
    fixtures.build_fixture_db(tmp_path / "p.duckdb").close()
    con, opened = shared(tmp_path / "p.duckdb")
    before = con.cursor()  # a session's cursor on the invalidated database: closed with it
    fatal_at(monkeypatch, "import_batch_close")
    text = b"response_id,store_code,responded_on,overall_satisfaction\nR-1,S001,2026-05-04,4\n"
    with pytest.raises(pipeline.NothingWritten) as refused:
        import_survey(con, text)
    assert refused.value.reason == "ingest.commit_fatal"
    assert str(refused.value) == (
        f"The database stopped while writing this import (FatalException: {CHECKPOINT_FAILED}) and has been "
        "opened again. Nothing of it was written; the check above still holds. The server is likely short of "
        "disk space: ask an admin to free some before trying again."
    )
    with pytest.raises(duckdb.ConnectionException):
        before.execute("select 1")
    assert opened == []  # opened on the next use, not before
    cur = con.cursor()
    assert cur.execute("select count(*) from import_batches").fetchone() == (0,)
    assert len(opened) == 1
    monkeypatch.undo()
    import_survey(con, text)
    assert con.execute("select count(*) from survey_responses").fetchall() == [(1,)]


def test_a_change_that_invalidates_the_database_says_so_and_the_connection_opens_anew(tmp_path, monkeypatch):
    fixtures.build_fixture_db(tmp_path / "p.duckdb").close()
    con, opened = shared(tmp_path / "p.duckdb")
    fives_fixture.load(con)
    fatal_at(monkeypatch, "fives_action_start")
    with pytest.raises(db.WriteFailed) as failed:
        writes.start_fives_action(con, INSPECTOR, 1)
    assert failed.value.key == "app.write_fatal"
    assert con.execute("select status from corrective_actions where action_id = 1").fetchall() == [("open",)]
    assert len(opened) == 1


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "The database had stopped after a write it could not finish (the server's disk may be full) and has "
            "been opened again. Reload the page.",
        ),
        ("zh", "数据库因一次未能完成的写入而停止运行(服务器磁盘可能已满)，现已重新打开。请刷新页面。"),
    ],
)
def test_a_page_reading_an_invalidated_database_says_so_and_the_connection_opens_anew(
    tmp_path, monkeypatch, lang, said
):
    con, opened = shared(tmp_path / "p.duckdb")
    shown: list[str] = []
    monkeypatch.setattr(
        ui_core, "st", SimpleNamespace(session_state={"portal_lang": lang}, error=shown.append)
    )
    monkeypatch.setattr(ui_core, "connection", lambda: con)
    with ui_core.writing():
        raise duckdb.FatalException(
            "FATAL Error: Failed: database has been invalidated because of a previous fatal"
        )
    assert shown == [said]
    assert con.execute("select count(*) from schema_migrations").fetchone()[0] > 0
    assert len(opened) == 1
