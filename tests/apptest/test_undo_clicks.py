"""Import history under load (issue 15, the soak's open finding): an "Undo" click undoes exactly the batch the
user saw and confirmed, even when another user's commit changed the batch list between the page being drawn
and the click arriving; a second click on the same batch (double click, repeated click) is harmless."""

from __future__ import annotations

from portal import db
from portal.ingest import pipeline, registry
from tests.apptest.conftest import ROLE_USERS, make_app, texts


def commit(path, role: str, source_id: str) -> int:
    """A one-row complaints batch committed by ``role``'s user in-process (DuckDB shares the app's instance)."""
    data = f"source_id,received_at,channel,store_code\n{source_id},2026-03-01 09:30,hotline,S001\n".encode()
    con = db.connect(path)
    try:
        _, result = pipeline.import_bytes(
            con, registry.kind("complaints"), data, f"{source_id}.csv", None, pipeline.ImportOptions(),
            ROLE_USERS[role],
        )  # fmt: skip
        return result.batch_id
    finally:
        con.close()


def rows(path, sql):
    con = db.connect(path)
    try:
        return [list(r) for r in con.execute(sql).fetchall()]
    finally:
        con.close()


def open_history(role="admin"):
    at = make_app(role).run()
    at.switch_page("pages/import_history.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def undo_button(at):
    return next(b for b in at.button if b.label.startswith("Undo batch"))


def test_the_page_offers_the_users_own_batch_not_the_newest_of_anyone(own_db):
    # the soak's finding: an admin committed batch 1, another uploader batch 2 a moment later; Import
    # history pre-selected the newest batch of the list (2, not the admin's), so the admin's "Undo batch 1"
    # was not on the page and the confirm box they ticked belonged to someone else's batch
    mine = commit(own_db, "admin", "MINE-1")
    theirs = commit(own_db, "manager", "THEIRS-1")
    at = open_history()
    assert at.selectbox(key="import_history_pick").value == mine
    assert undo_button(at).label == f"Undo batch {mine}"
    at.checkbox(key=f"import_history_confirm_{mine}").check().run()
    undo_button(at).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert f"Batch {mine} undone." in texts(at)
    assert rows(own_db, "select batch_id, status from import_batches order by 1") == [
        [mine, "undone"],
        [theirs, "committed"],
    ]


def test_a_commit_by_someone_else_between_drawing_and_clicking_does_not_change_what_is_undone(own_db):
    mine = commit(own_db, "admin", "MINE-1")
    at = open_history()
    assert undo_button(at).label == f"Undo batch {mine}"
    at.checkbox(key=f"import_history_confirm_{mine}").check().run()
    assert not undo_button(at).disabled
    # the manager commits while the admin's page shows batch `mine`, confirmed: the list now starts with theirs
    theirs = commit(own_db, "manager", "THEIRS-1")
    undo_button(at).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert f"Batch {mine} undone." in texts(at)
    assert rows(own_db, "select batch_id, status from import_batches order by 1") == [
        [mine, "undone"],
        [theirs, "committed"],
    ]
    # the page still shows the batch the user was working on, not the newcomer at the top of the list
    assert at.selectbox(key="import_history_pick").value == mine


def test_a_second_click_on_an_undone_batch_is_harmless(own_db):
    # two tabs of the same admin, both showing batch 1 confirmed; both click "Undo"
    first = commit(own_db, "admin", "ONE-1")
    tabs = [open_history(), open_history()]
    for at in tabs:
        at.checkbox(key=f"import_history_confirm_{first}").check().run()
    for at in tabs:
        undo_button(at).click().run()
        assert not at.exception, [e.value for e in at.exception]
    assert f"Batch {first} undone." in texts(tabs[0])
    assert not tabs[1].error, [e.value for e in tabs[1].error]  # said, not an error
    assert f"Batch {first} has already been undone." in texts(tabs[1])
    assert rows(own_db, "select status from import_batches") == [["undone"]]
