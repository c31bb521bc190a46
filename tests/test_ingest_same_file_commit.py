"""An identical file is committed once, however many previews were open (``pipeline.commit`` repeats the preview's
``find_committed_by_hash`` inside its own transaction).

Before the fix two sessions previewing the same file could both commit it: batch 1 stored the rows, batch 2
"1 unchanged"; once batch 1 was undone no row was stored, and the file was refused as "already imported as
batch 2". Fixture: tests/fixtures.py (store S001); one survey row.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from portal import zones
from portal.auth import User
from portal.ingest import batches, pipeline, registry
from portal.scope import Scope

ADMIN = User("t_admin", "Admin", ("admin",), Scope.everything())
MANAGER = User("t_manager", "Manager", ("manager",), Scope(store_ids=(1, 2)))
OPTIONS = pipeline.ImportOptions(now=datetime(2026, 6, 1))
TEXT = b"response_id,store_code,responded_on,overall_satisfaction\nR-1,S001,2026-05-04,4\n"


def preview(con, user):
    kind = registry.kind("surveys")
    raw = pipeline.read(con, kind, TEXT, "s.csv")
    return pipeline.prepare(con, kind, raw, None, OPTIONS, user)


def test_the_second_of_two_open_previews_is_refused_at_commit(con):
    by_manager, by_admin = preview(con, MANAGER), preview(con, ADMIN)
    assert by_manager.duplicate_of is None and by_admin.duplicate_of is None
    first = pipeline.commit(con, by_manager, MANAGER)
    with pytest.raises(pipeline.NothingWritten) as refused:
        pipeline.commit(con, by_admin, ADMIN)  # an admin may undo any batch: told which
    assert refused.value.reason == "ingest.refused.same_file"
    assert str(refused.value) == (
        f"This file was already imported as batch {first.batch_id} on "
        f"{zones.local(batches.get_batch(con, first.batch_id)['created_at'], 'Asia/Shanghai'):%Y-%m-%d %H:%M} "
        "(Beijing time); nothing was written. "
        "Undo that batch first to import it again."
    )
    assert con.execute("select batch_id, status from import_batches").fetchall() == [
        (first.batch_id, "committed")
    ]
    # undone, the file is stored again by the next commit
    batches.undo_batch(con, first.batch_id, ADMIN)
    assert con.execute("select count(*) from survey_responses").fetchone() == (0,)
    again = preview(con, MANAGER)
    assert again.duplicate_of is None
    assert pipeline.commit(con, again, MANAGER).rows_added == 1
    assert con.execute("select count(*) from survey_responses").fetchone() == (1,)


def test_another_users_batch_found_at_commit_is_not_named(con):
    """The manager may not undo the admin's batch: neither its number nor "undo" (tests/test_ingest_same_file_scope.py)."""
    by_manager, by_admin = preview(con, MANAGER), preview(con, ADMIN)
    pipeline.commit(con, by_admin, ADMIN)
    with pytest.raises(pipeline.NothingWritten) as refused:
        pipeline.commit(con, by_manager, MANAGER)
    assert refused.value.reason == "ingest.refused.same_file_other"
    assert str(refused.value) == (
        "This file was already imported by someone else; nothing was written. Only an admin may undo that import."
    )
