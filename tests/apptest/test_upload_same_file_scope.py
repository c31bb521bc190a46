"""Upload page: the same file another user imported is not named by its batch (tests/test_ingest_same_file_scope.py).
Team T1's lead checks the QA file the manager imported: "already imported by someone else", no number, no undo;
team T2's lead checks it too: the rows outside their team, each named, and nothing of the earlier import."""

from __future__ import annotations

from portal import db
from portal.auth import User
from portal.ingest import pipeline, registry
from portal.scope import Scope
from tests.apptest.conftest import ROLE_USERS, texts
from tests.apptest.test_qa_upload_form import button, open_upload, upload
from tests.test_ingest_same_file_scope import NOW, QA_FILE, SAME_FILE_OTHER

LEAD_TWO = User("t_lead2", "Lead Two", ("team_lead",), Scope(store_ids=(3,), team_id=2))


def imported_by_the_manager(path) -> None:
    con = db.connect(path)  # in-process, DuckDB shares the instance the app has open
    try:
        kind = registry.kind("qa_reviews")
        raw = pipeline.read(con, kind, QA_FILE.encode(), "qa.csv")
        manager = ROLE_USERS["manager"]
        prepared = pipeline.prepare(con, kind, raw, None, pipeline.ImportOptions(now=NOW), manager)
        assert pipeline.commit(con, prepared, manager).batch_id == 1
    finally:
        con.close()


def check(at):
    upload(at, QA_FILE.encode())
    button(at, "Check the file").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return texts(at)


def test_the_teams_lead_is_told_it_was_imported_by_someone_else(own_db):
    imported_by_the_manager(own_db)
    at = open_upload()
    shown = check(at)
    assert [w.value for w in at.warning] == [SAME_FILE_OTHER]
    assert "batch 1" not in shown.lower() and "Undo that batch" not in shown
    assert button(at, "Commit the import").disabled


def test_another_teams_lead_is_given_the_rows_outside_their_team(own_db):
    imported_by_the_manager(own_db)
    at = open_upload()
    at.session_state["portal_user"] = LEAD_TWO
    at.run()
    shown = check(at)
    assert [w.value for w in at.warning] == [
        "3 of 3 rows are invalid; nothing was written. Correct them, or choose to skip invalid rows.",
        "No row is valid; nothing was written.",
    ]
    assert "already imported" not in shown
    cells = {str(c) for d in at.dataframe for c in d.value.to_numpy().ravel()}  # the error table's too
    assert "this row continues review R1, whose id belongs to an agent outside your scope" in cells
    assert button(at, "Commit the import").disabled
