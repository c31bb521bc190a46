"""Two sessions commit the same file at the same moment: the one that loses is told the file was just imported
(``pipeline.commit`` checks the file's hash again after the database refused its rows).

Before the fix the loser read "The database could not write this import (ConstraintException: Duplicate key ...)
... the server may be short of memory or disk space". The race is made here without threads: the other session's
commit runs, and commits, inside this one's transaction after its own same-file check and before its rows are
written (``writes.run`` wrapped). Fixture: tests/fixtures.py (store S001); one survey row.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from portal import writes, zones
from portal.auth import User
from portal.ingest import batches, pipeline, registry
from portal.scope import Scope

ADMIN = User("t_admin", "Admin", ("admin",), Scope.everything())
MANAGER = User("t_manager", "Manager", ("manager",), Scope(store_ids=(1, 2)))
OPTIONS = pipeline.ImportOptions(now=datetime(2026, 6, 1))
TEXT = b"response_id,store_code,responded_on,overall_satisfaction\nR-1,S001,2026-05-04,4\n"


def preview(con, user, text=TEXT):
    kind = registry.kind("surveys")
    raw = pipeline.read(con, kind, text, "s.csv")
    return pipeline.prepare(con, kind, raw, None, OPTIONS, user)


def racing(monkeypatch, other):
    """``other()`` runs once, just before this commit writes its rows."""
    real, raced = writes.run, []

    def run(cur, name, params=None):
        if name == "surveys_stage" and not raced:
            raced.append(None)  # once: the other commit writes through here too
            raced[0] = other()
        return real(cur, name, params)

    monkeypatch.setattr(writes, "run", run)
    return raced


@pytest.mark.parametrize("winner, loser", [(MANAGER, ADMIN), (ADMIN, MANAGER)])
def test_the_loser_of_a_race_on_the_same_file_is_told_it_was_just_imported(con, monkeypatch, winner, loser):
    mine, theirs = preview(con, loser), preview(con, winner)
    raced = racing(monkeypatch, lambda: pipeline.commit(con, theirs, winner))
    with pytest.raises(pipeline.NothingWritten) as refused:
        pipeline.commit(con, mine, loser)
    [won] = raced
    created = batches.get_batch(con, won.batch_id)["created_at"]
    if loser is ADMIN:  # may undo any batch: told which
        assert refused.value.reason == "ingest.refused.same_file"
        assert str(refused.value) == (
            f"This file was already imported as batch {won.batch_id} on "
            f"{zones.local(created, 'Asia/Shanghai'):%Y-%m-%d %H:%M} (Beijing time); nothing was written. "
            "Undo that batch first to import it again."
        )
    else:  # the admin's batch, which the manager may not undo: neither its number nor "undo"
        assert refused.value.reason == "ingest.refused.same_file_other"
        assert str(refused.value) == (
            "This file was already imported by someone else; nothing was written. Only an admin may undo that "
            "import."
        )
    assert con.execute("select created_by, status from import_batches").fetchall() == [
        (winner.username, "committed")
    ]


def test_the_loser_of_a_race_on_the_same_rows_of_another_file_is_told_who_wrote_them(con, monkeypatch):
    other = preview(con, ADMIN, TEXT.replace(b",4\n", b",5\n"))
    by_manager = preview(con, MANAGER)
    racing(monkeypatch, lambda: pipeline.commit(con, other, ADMIN))
    with pytest.raises(pipeline.NothingWritten) as refused:
        pipeline.commit(con, by_manager, MANAGER)
    assert refused.value.reason == "ingest.commit_raced"
    assert str(refused.value) == (
        "Another upload wrote these rows at the same moment; nothing of this import was written. Check the file "
        "again to see what is stored now."
    )


def racing_at_commit(monkeypatch, other):
    """``other()`` runs once, after this commit wrote its rows and before its transaction commits: DuckDB finds the
    duplicate key only at COMMIT, a ``TransactionException`` ("Failed to commit: PRIMARY KEY or UNIQUE
    constraint violation"), as it did for two 20,000-row files on the server."""
    real, raced = writes.run, []

    def run(cur, name, params=None):
        if name == "import_batch_close" and not raced:
            raced.append(None)
            raced[0] = other()
        return real(cur, name, params)

    monkeypatch.setattr(writes, "run", run)
    return raced


def test_a_duplicate_key_found_at_commit_is_a_race_lost_not_a_full_disk(con, monkeypatch):
    """The loser was told "The database could not write this import (TransactionException: ... constraint
    violation: duplicate key ...) ... the server may be short of memory or disk space"."""
    mine, theirs = preview(con, ADMIN), preview(con, MANAGER)
    raced = racing_at_commit(monkeypatch, lambda: pipeline.commit(con, theirs, MANAGER))
    with pytest.raises(pipeline.NothingWritten) as refused:
        pipeline.commit(con, mine, ADMIN)
    [won] = raced
    assert type(pipeline.db.cause(refused.value)).__name__ == "TransactionException"
    assert "constraint violation" in str(pipeline.db.cause(refused.value))
    created = batches.get_batch(con, won.batch_id)["created_at"]
    assert refused.value.reason == "ingest.refused.same_file"
    assert str(refused.value) == (
        f"This file was already imported as batch {won.batch_id} on "
        f"{zones.local(created, 'Asia/Shanghai'):%Y-%m-%d %H:%M} (Beijing time); nothing was written. "
        "Undo that batch first to import it again."
    )
    assert con.execute("select created_by, status from import_batches").fetchall() == [
        (MANAGER.username, "committed")
    ]


def test_a_duplicate_key_found_at_commit_in_another_file_says_another_upload_wrote_them(con, monkeypatch):
    other = preview(con, ADMIN, TEXT.replace(b",4\n", b",5\n"))
    by_manager = preview(con, MANAGER)
    racing_at_commit(monkeypatch, lambda: pipeline.commit(con, other, ADMIN))
    with pytest.raises(pipeline.NothingWritten) as refused:
        pipeline.commit(con, by_manager, MANAGER)
    assert "constraint violation" in str(pipeline.db.cause(refused.value))
    assert refused.value.reason == "ingest.commit_raced"
    assert str(refused.value) == (
        "Another upload wrote these rows at the same moment; nothing of this import was written. Check the file "
        "again to see what is stored now."
    )
