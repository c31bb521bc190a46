"""The tablet form's submit when the server process dies (kill -9) around the import's commit: nothing is stored
twice, and the draft tells the next page load what became of the submit (portal.fives_intake.form).

The death is simulated at the one call that writes the inspection (``pipeline.import_bytes``): ``SystemExit`` right
before it (nothing committed) or right after it returned (committed; nothing after it ran). The real kill -9 in a
browser is tests/browser/test_fives_form_kill_browser.py.

Hand computation of the inspection below (default checklist: 25 items, weights 1, max 4): Sort SO1..SO5 =
4, 1, 4, 4, 4 -> 17 / 20 = 85 %; Set in order, Standardize and Sustain all 4 -> 100 %; Shine all N/A -> no section.
Overall = (85 + 100 + 100 + 100) / 4 = 96.25 % on n = 4 sections; SO2 (1 of 4) opens 1 corrective action.
"""

from __future__ import annotations

from datetime import date

import pytest

from portal.fives_intake import form
from portal.fives_intake import template as tpl
from portal.ingest import pipeline
from tests.fives_intake_fixture import INSPECTOR_S001

ITEMS = [f"{p}{i}" for p in ("SO", "SE", "SH", "ST", "SU") for i in range(1, 6)]
USER = INSPECTOR_S001.username


@pytest.fixture
def filled(con):
    template = tpl.default_template(tpl.load_all(con))
    draft = form.Draft(1, template.template_id, date(2026, 11, 2), section=4)
    for code in ITEMS:
        if code.startswith("SH"):
            draft.answer(code)["na"] = True
        else:
            draft.answer(code)["score"] = 4
    draft.answer("SO2").update(score=1, comment="Expired milk")
    form.save_draft(con, USER, draft)
    return template, draft


def _stored(con) -> tuple[int, int, int]:
    """(inspections, item scores, corrective actions) stored."""
    return con.execute(
        "select (select count(*) from fives_inspections), (select count(*) from fives_item_scores), "
        "(select count(*) from corrective_actions)"
    ).fetchone()


def _dies(monkeypatch, after_commit: bool) -> None:
    real = pipeline.import_bytes

    def import_then_die(*args, **kwargs):
        if after_commit:
            real(*args, **kwargs)
        raise SystemExit("kill -9")

    monkeypatch.setattr(pipeline, "import_bytes", import_then_die)


def test_killed_after_the_commit_the_next_load_finds_it_saved_and_a_retry_stores_nothing_twice(
    con, filled, monkeypatch
):
    template, draft = filled
    _dies(monkeypatch, after_commit=True)
    with pytest.raises(SystemExit):
        form.submit(con, INSPECTOR_S001, draft, template, "S001")
    monkeypatch.undo()
    assert _stored(con) == (1, 25, 1)
    # the server's restart: a new session reads the draft the killed run left
    left = form.load_draft(con, USER)
    assert left is not None
    done = form.receipt(con, left)
    assert done is not None and done.error is None
    assert (done.actions, done.sections_n, round(done.overall_pct, 2)) == (1, 4, 96.25)
    assert not form.interrupted(con, left)
    # the inspector taps Submit again (a page drawn before the kill): the same inspection, nothing added
    again = form.submit(con, INSPECTOR_S001, left, template, "S001")
    assert (again.error, again.batch_id) == (None, done.batch_id)
    assert _stored(con) == (1, 25, 1)
    assert con.execute("select count(*) from import_batches").fetchone()[0] == 1


def test_killed_before_the_commit_the_draft_says_the_submit_did_not_go_through(con, filled, monkeypatch):
    template, draft = filled
    _dies(monkeypatch, after_commit=False)
    with pytest.raises(SystemExit):
        form.submit(con, INSPECTOR_S001, draft, template, "S001")
    monkeypatch.undo()
    assert _stored(con) == (0, 0, 0)
    left = form.load_draft(con, USER)
    assert form.receipt(con, left) is None
    assert form.interrupted(con, left)
    assert left.items == draft.items  # every answer kept
    done = form.submit(con, INSPECTOR_S001, left, template, "S001")  # submitted again: stored once
    assert done.error is None and done.actions == 1
    assert _stored(con) == (1, 25, 1)
    assert form.receipt(con, form.load_draft(con, USER)).batch_id == done.batch_id


def test_a_submit_the_import_refuses_keeps_the_draft_without_the_mark(con, filled):
    template, draft = filled
    # a well-formed photo name, but no such photo is kept: the import refuses the inspection
    draft.answer("SO1")["photo"] = "0" * 40 + ".jpg"
    form.save_draft(con, USER, draft)
    error = form.submit(con, INSPECTOR_S001, draft, template, "S001").error
    assert error.startswith("Not submitted; your answers are kept.") and "\n- SO1 " in error, error
    left = form.load_draft(con, USER)
    assert not left.submitting and not form.interrupted(con, left)
    assert _stored(con) == (0, 0, 0)


def test_a_stored_submit_leaves_its_receipt_unmarked(con, filled):
    """The draft stays as the receipt, without the submitting mark: undoing the batch later gives the answers back
    to correct, not a false "did not go through"."""
    template, draft = filled
    done = form.submit(con, INSPECTOR_S001, draft, template, "S001")
    left = form.load_draft(con, USER)
    assert not left.submitting and form.receipt(con, left).batch_id == done.batch_id
    assert (done.actions, done.sections_n, round(done.overall_pct, 2)) == (1, 4, 96.25)


def test_the_receipt_names_the_store_even_when_it_left_the_user_s_list(con, filled, monkeypatch):
    """The receipt said "Inspection of 1 on …" (the store's internal id) when the store was no longer among the
    user's stores; it reads the store's code and name with the inspection now (review of the session's diff)."""
    import pandas as pd

    from portal import ui_fives_intake

    template, draft = filled
    form.submit(con, INSPECTOR_S001, draft, template, "S001")
    name, name_zh = con.execute(
        "select name, coalesce(name_zh, name) from stores where store_code = 'S001'"
    ).fetchone()
    done = form.receipt(con, form.load_draft(con, USER), "zh")
    assert (done.store_code, done.store_name) == ("S001", name_zh)
    assert form.receipt(con, form.load_draft(con, USER)).store_name == name
    said = []
    monkeypatch.setattr(ui_fives_intake.st, "success", said.append)
    no_stores = pd.DataFrame({"store_id": pd.Series([], dtype="int64"), "store_code": [], "store_name": []})
    ui_fives_intake.say_submitted(form.receipt(con, draft), draft, no_stores)
    assert len(said) == 1 and f"S001 {name}" in said[0]


def test_an_undone_submit_is_said_as_undone_and_a_new_submit_of_it_killed_as_interrupted(
    con, filled, monkeypatch
):
    """Killed after the commit (the draft still marked), then its batch undone on Import history: the form's draft
    is ``undone`` (batch 1, by whom), not ``interrupted`` (that said "nothing of it was stored", of a submit that
    was stored). Submitted again and killed before the commit: a new inspection id, so that submit is
    ``interrupted``, not the undone one; submitted once more, it is stored once."""
    from portal.ingest import batches

    template, draft = filled
    _dies(monkeypatch, after_commit=True)
    with pytest.raises(SystemExit):
        form.submit(con, INSPECTOR_S001, draft, template, "S001")
    monkeypatch.undo()
    batches.undo_batch(con, 1, INSPECTOR_S001)
    draft = form.load_draft(con, USER)
    gone = form.undone(con, draft)
    assert (gone.batch_id, gone.undone_by) == (1, USER)  # no users row in this fixture: the login name
    assert form.receipt(con, draft) is None and not form.interrupted(con, draft)
    first_id = draft.inspection_id
    _dies(monkeypatch, after_commit=False)
    with pytest.raises(SystemExit):
        form.submit(con, INSPECTOR_S001, draft, template, "S001")
    monkeypatch.undo()
    draft = form.load_draft(con, USER)
    assert draft.inspection_id != first_id
    assert form.interrupted(con, draft) and form.undone(con, draft) is None
    done = form.submit(con, INSPECTOR_S001, draft, template, "S001")
    assert (done.batch_id, done.actions) == (2, 1)
    assert _stored(con) == (1, 25, 1)
    assert form.undone(con, form.load_draft(con, USER)) is None
