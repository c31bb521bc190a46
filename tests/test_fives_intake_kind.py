"""The ``inspections`` upload kind on the shared import core: flat files, filled-in sheets and the tablet form give
the same records; one batch, idempotent, undoable, scoped; corrective actions opened for items at or below 1 of 4.

Hand-worked: the corpus's BASE scores (tests/corpus/inspections/make_corpus.py) fail SO2 (1 of 4) and SE4 (0 of 4):
1 x 4 <= 4 and 0 x 4 <= 4 open an action each; ST1 (2: 8 > 4), SU4 (3) and SH3 (N/A) open none.
"""

from __future__ import annotations

import csv
import importlib.util
import io
from datetime import date, datetime
from pathlib import Path

import pytest

from portal.fives_intake import form, photos
from portal.fives_intake import template as tpl
from portal.fives_intake.fields import FLAT_HEADERS
from portal.fives_intake.kind import KIND
from portal.i18n import t
from portal.ingest import batches, pipeline, reading, validation
from tests.fives_intake_fixture import ADMIN, INSPECTOR_S001, MANAGER_NORTH, add_manager_user
from tests.test_fives_photos_drafts import jpeg_with_exif

_spec = importlib.util.spec_from_file_location(
    "inspection_corpus", Path(__file__).parent / "corpus" / "inspections" / "make_corpus.py"
)
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)
NOW = datetime(2026, 11, 30, 12, 0)
ITEMS = [f"{p}{i}" for p in ("SO", "SE", "SH", "ST", "SU") for i in range(1, 6)]


@pytest.fixture
def db(con):
    add_manager_user(con)
    return con


def opts(**kw):
    return pipeline.ImportOptions(now=NOW, **kw)


def flat(inspections: dict[tuple[str, str, str], dict[str, str]], template: str = "") -> bytes:
    """CSV of {(inspection id, store, date): {item: score}} in the flat layout (every item 4 unless given)."""
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=FLAT_HEADERS, lineterminator="\n")
    w.writeheader()
    for (iid, store, day), scores in inspections.items():
        for code in ITEMS:
            w.writerow(
                {
                    "inspection_id": iid,
                    "store_code": store,
                    "inspected_on": day,
                    "inspector": "Ivan",
                    "template": template,
                    "item_code": code,
                    "score": scores.get(code, "4"),
                    "comment": "",
                    "photo": "",
                }
            )
    return out.getvalue().encode("utf-8")


BASE = {"SO2": "1", "SE4": "0", "SH3": "N/A", "ST1": "2", "SU4": "3"}
TWO = {("A-1", "S001", "2026-11-02"): BASE, ("B-1", "S002", "2026-11-03"): {"SO1": "3分", "SO3": "三"}}


def rows(con, sql, params=None):
    return con.execute(sql, params or []).fetchall()


def test_flat_file_commits_inspections_scores_and_actions(db):
    prepared, result = pipeline.import_bytes(db, KIND, flat(TWO), "many.csv", None, opts(), MANAGER_NORTH)
    assert prepared.n_invalid == 0
    assert (result.rows_in_file, result.rows_added, result.rows_unchanged) == (50, 50, 0)
    assert rows(
        db,
        "select source_id, store_id, region_id, template_id, inspected_on, inspector_username, "
        "inspector_name, batch_id from fives_inspections order by source_id",
    ) == [
        # "Ivan" is no user's name: the name is the inspector, not the manager who uploaded the sheets
        ("A-1", 1, 1, 1, date(2026, 11, 2), None, "Ivan", result.batch_id),
        ("B-1", 2, 1, 1, date(2026, 11, 3), None, "Ivan", result.batch_id),
    ]
    # 24 scored items sum 86, SH3 N/A stored as null + flag; B-1: 86 + ... = 23 x 4 + 3 + 3 = 98
    assert rows(
        db,
        "select i.source_id, count(s.score), sum(s.score), count(*) filter (where s.is_not_applicable) "
        "from fives_item_scores s join fives_inspections i using (inspection_id) group by 1 order by 1",
    ) == [
        ("A-1", 24, 86, 1),
        ("B-1", 25, 98, 0),
    ]
    assert rows(
        db,
        "select a.item_code, a.owner, a.due_on, a.status from corrective_actions a "
        "join fives_inspections i using (inspection_id) order by 1",
    ) == [
        ("SE4", "north_manager", date(2026, 11, 16), "open"),
        ("SO2", "north_manager", date(2026, 11, 16), "open"),
    ]
    assert rows(db, "select kind, rows_added from import_batches") == [("inspections", 50)]


def test_reupload_is_idempotent_and_never_rescores(db):
    data = flat(TWO)
    _, first = pipeline.import_bytes(db, KIND, data, "many.csv", None, opts(), ADMIN)
    with pytest.raises(pipeline.NothingWritten) as same:
        pipeline.import_bytes(db, KIND, data, "again.csv", None, opts(), ADMIN)
    assert same.value.reason == "ingest.refused.same_file"
    # the same inspections in another file (one more blank line): unchanged, nothing doubled
    _, second = pipeline.import_bytes(db, KIND, data + b"\n", "copy.csv", None, opts(), ADMIN)
    assert (second.rows_added, second.rows_unchanged) == (0, 50)
    # other scores for A-1: refused, naming the batch to undo
    changed = flat({("A-1", "S001", "2026-11-02"): BASE | {"SO1": "2"}})
    prepared = pipeline.prepare(db, KIND, reading.read_upload(changed, "x.csv"), None, opts(), ADMIN)
    changed_rows = prepared.errors[prepared.errors["reason"] == "fives_intake.error.rescored_item"]
    assert changed_rows[["row", "column", "value"]].values.tolist() == [[2, "score", "2"]]  # SO1's own row
    assert set(prepared.errors["reason"]) == {
        "fives_intake.error.rescored",
        "fives_intake.error.rescored_item",
    }
    assert set(prepared.errors["detail"]) == {
        str(
            first.batch_id
        ),  # the inspection's rows: its batch; SO1's cell: the batch, the stored and new score
        f'{{"batch": "{first.batch_id}", "new": ["2", "2"], "old": ["4", "4"]}}',
    }
    assert rows(db, "select count(*) from fives_inspections") == [(2,)]
    assert rows(db, "select count(*) from corrective_actions") == [(2,)]


def test_reimport_with_only_another_comment_is_refused_as_such(db):
    """Same scores, one comment corrected (sheet_v1c_comment_fixed.xlsx after sheet_v1b_zh_typed.xlsx): not
    "other scores" (it once said so); the row whose comment differs is named, the stored one kept."""
    first = flat({("A-1", "S001", "2026-11-02"): BASE}).decode()
    first = first.replace("A-1,S001,2026-11-02,Ivan,,SO2,1,", "A-1,S001,2026-11-02,Ivan,,SO2,1,仓库堆满")
    _, one = pipeline.import_bytes(db, KIND, first.encode(), "a.csv", None, opts(), ADMIN)
    fixed = first.replace(",SO2,1,仓库堆满", ",SO2,1,仓库堆满，已通知店长").encode()
    prepared = pipeline.prepare(db, KIND, reading.read_upload(fixed, "b.csv"), None, opts(), ADMIN)
    errors = prepared.errors
    assert "fives_intake.error.rescored" not in set(errors["reason"])
    changed = errors[errors["reason"] == "fives_intake.error.comment_changed"]
    assert changed[["row", "column", "value", "detail"]].values.tolist() == [
        [3, "comment", "仓库堆满，已通知店长", str(one.batch_id)]
    ]
    assert len(errors[errors["reason"] == "fives_intake.error.other_row_invalid"]) == 24  # whole or nothing
    # each names the row at fault, and comes after it (tablet probe, session 55: the cause was 19th of 25)
    shown = validation.error_messages(errors, "en")
    assert shown["reason"].iloc[0].startswith("This inspection was imported in batch")
    assert set(shown["reason"].iloc[1:]) == {
        "Another row of this inspection is invalid (row 3): an inspection is imported whole or not at all."
    }
    en = validation.error_messages(changed, "en")["reason"].iloc[0]
    zh = validation.error_messages(changed, "zh")["reason"].iloc[0]
    assert en == (
        f"This inspection was imported in batch {one.batch_id} with the same scores but another comment for "
        "this item; a stored inspection is not changed. To correct the comment, undo that batch first, then "
        "import this file."
    )
    assert zh == (
        f"该检查已在批次 {one.batch_id} 中导入，得分相同，但此检查项的备注不同；已导入的检查不会被修改。"
        "如需更正备注，请先撤销该批次，再导入此文件。"
    )
    with pytest.raises(pipeline.NothingWritten):
        pipeline.commit(db, prepared, ADMIN)
    assert rows(db, "select comment from fives_item_scores where item_code = 'SO2'") == [("仓库堆满",)]
    # the same file again (another name): unchanged, as before
    _, again = pipeline.import_bytes(db, KIND, first.encode() + b"\n", "c.csv", None, opts(), ADMIN)
    assert (again.rows_added, again.rows_unchanged) == (0, 25)


def test_undo_removes_inspections_scores_and_actions(db):
    _, result = pipeline.import_bytes(db, KIND, flat(TWO), "many.csv", None, opts(), ADMIN)
    batches.undo_batch(db, result.batch_id, ADMIN)
    for table in ("fives_inspections", "fives_item_scores", "corrective_actions"):
        assert rows(db, f"select count(*) from {table}") == [(0,)], table  # noqa: S608
    assert rows(db, "select status from import_batches") == [("undone",)]
    _, again = pipeline.import_bytes(db, KIND, flat(TWO), "many.csv", None, opts(), ADMIN)  # importable again
    assert again.rows_added == 50


def test_undo_waits_for_a_later_sheet_that_holds_the_same_inspection(db):
    # review (session 54): a later file holding inspection A-1 as stored (25 rows unchanged) did not stop the undo
    # of the file that wrote it: A-1 was deleted from under it, and its file could not be imported again
    one = {("A-1", "S001", "2026-11-02"): BASE}
    two = {("A-1", "S001", "2026-11-02"): BASE, ("B-1", "S002", "2026-11-03"): {}}
    _, first = pipeline.import_bytes(db, KIND, flat(one), "a.csv", None, opts(), ADMIN)
    _, later = pipeline.import_bytes(db, KIND, flat(two), "b.csv", None, opts(), ADMIN)
    assert (later.rows_added, later.rows_unchanged) == (25, 25)
    with pytest.raises(batches.UndoRefused) as refused:
        batches.undo_batch(db, first.batch_id, ADMIN)
    assert refused.value.reason == "ingest.undo.blocked"
    ids = "select source_id from fives_inspections order by 1"
    assert rows(db, ids) == [("A-1",), ("B-1",)]
    batches.undo_batch(db, later.batch_id, ADMIN)  # the later one first: B-1 goes, A-1 stays
    assert rows(db, ids) == [("A-1",)]
    batches.undo_batch(db, first.batch_id, ADMIN)
    assert rows(db, ids) == []


def _action(con, item: str) -> int:
    return con.execute("select action_id from corrective_actions where item_code = ?", [item]).fetchone()[0]


def test_undo_is_refused_while_an_action_of_the_batch_was_worked_on(db):
    """Undo deleted the batch's inspections and with them their corrective actions even when someone had worked
    on them: what was done and the after-photo were lost. Now a batch with an action past open (in progress,
    submitted, verified) is refused, naming store, date and item in both languages; nothing is changed."""
    from portal import writes

    _, result = pipeline.import_bytes(db, KIND, flat(TWO), "many.csv", None, opts(), ADMIN)
    so2 = _action(db, "SO2")
    steps = (
        lambda: writes.start_fives_action(db, ADMIN, so2),
        # store staff submit the work and someone else verifies it (portal/fives/actions.py)
        lambda: writes.submit_fives_action(
            db, INSPECTOR_S001, so2, "Expired goods removed", "photos/after.jpg"
        ),
        lambda: writes.verify_fives_action(db, ADMIN, so2),
    )
    for step in steps:
        step()
        before = {
            t: rows(db, f"select * from {t} order by all")  # noqa: S608
            for t in ("fives_inspections", "fives_item_scores", "corrective_actions")
        }
        with pytest.raises(batches.UndoRefused) as refused:
            batches.undo_batch(db, result.batch_id, ADMIN)
        assert refused.value.reason == "ingest.undo.actions_worked"
        status = rows(db, "select status from corrective_actions where item_code = 'SO2'")[0][0]
        word = {"in_progress": ("in progress", "进行中"), "submitted": ("submitted", "已完成")}
        word |= {"verified": ("verified", "已验证")}
        assert str(refused.value).startswith(
            f"Corrective actions of inspections in this batch have been worked on "
            f"(S001 2026-11-02 SO2 ({word[status][0]}));"
        )
        zh = t("ingest.undo.actions_worked", "zh", **refused.value.values)
        assert zh.startswith(f"本批次检查的整改措施已有人处理(S001 2026-11-02 SO2({word[status][1]}))")
        assert "重新检查该门店" in zh
        assert "inspect the store again" in t("ingest.undo.actions_worked", "en", **refused.value.values)
        for table, kept in before.items():
            assert rows(db, f"select * from {table} order by all") == kept, table  # noqa: S608
        assert rows(db, "select status from import_batches") == [("committed",)]
    assert rows(db, "select done_text, after_photo_path from corrective_actions where item_code = 'SO2'") == [
        ("Expired goods removed", "photos/after.jpg")
    ]


def test_undo_with_every_action_still_open_takes_them_along(db):
    """The refusal is only for worked actions: a batch whose actions are all open is undone with them, and the
    worked actions of another batch do not stand in its way."""
    from portal import writes

    _, first = pipeline.import_bytes(db, KIND, flat(TWO), "many.csv", None, opts(), ADMIN)
    other = flat({("C-1", "S001", "2026-11-09"): {"SO5": "0"}})
    _, second = pipeline.import_bytes(db, KIND, other, "other.csv", None, opts(), ADMIN)
    writes.start_fives_action(db, ADMIN, _action(db, "SO2"))  # an action of the first batch
    batches.undo_batch(db, second.batch_id, ADMIN)
    assert rows(db, "select source_id from fives_inspections order by 1") == [("A-1",), ("B-1",)]
    assert rows(db, "select item_code, status from corrective_actions order by 1") == [
        ("SE4", "open"),
        ("SO2", "in_progress"),
    ]


def test_inspector_cannot_upload_for_another_store(db):
    prepared = pipeline.prepare(
        db, KIND, reading.read_upload(flat(TWO), "x.csv"), None, opts(), INSPECTOR_S001
    )
    errors = prepared.errors
    # B-1 (S002) is outside the inspector's store S001: its 25 rows refused
    assert set(errors.loc[errors["reason"] == "ingest.error.store_out_of_scope", "row"]) == set(range(27, 52))
    with pytest.raises(pipeline.NothingWritten):
        pipeline.commit(db, prepared, INSPECTOR_S001)
    assert rows(db, "select count(*) from fives_inspections") == [(0,)]
    # skipping invalid rows writes the own store's inspection only
    _, result = pipeline.import_bytes(
        db, KIND, flat(TWO), "x.csv", None, opts(skip_invalid=True), INSPECTOR_S001
    )
    assert (result.rows_added, result.rows_skipped) == (25, 25)
    assert rows(db, "select source_id from fives_inspections") == [("A-1",)]


def test_an_inspection_is_written_whole_or_not_at_all(db):
    data = flat({("A-1", "S001", "2026-11-02"): BASE | {"SO1": "7"}, ("B-1", "S002", "2026-11-03"): {}})
    lines = data.decode().splitlines()
    data = "\n".join(ln for ln in lines if ",SU5," not in ln or "B-1" not in ln).encode()  # B-1 lacks SU5
    prepared = pipeline.prepare(db, KIND, reading.read_upload(data, "x.csv"), None, opts(), ADMIN)
    reasons = prepared.errors.groupby("reason")["row"].agg(list).to_dict()
    assert reasons["fives_intake.error.out_of_range"] == [2]
    assert len(reasons["fives_intake.error.other_row_invalid"]) == 24  # A-1's other rows
    assert len(reasons["fives_intake.error.missing_items"]) == 24  # every row of B-1
    assert set(
        prepared.errors.loc[prepared.errors["reason"] == "fives_intake.error.missing_items", "detail"]
    ) == {"SU5"}
    assert prepared.n_valid == 0


def test_an_item_given_twice_refuses_its_inspection_whole(db):
    """A flat file repeating SO1 (4, then 1 further down): the repeat alone was skipped and the inspection
    stored with the 4, the failed 1 lost and no action opened (probe of real exports). Now the repeat is an
    error (once, naming the first row) and the inspection is refused whole; the other inspection imports."""
    data = flat({("A-1", "S001", "2026-11-02"): BASE, ("B-1", "S002", "2026-11-03"): {}}).decode()
    lines = data.splitlines()
    first_so1 = next(i for i, ln in enumerate(lines) if ln.startswith("A-1,") and ",SO1," in ln)
    repeat = ",".join(c if j != 6 else "1" for j, c in enumerate(lines[first_so1].split(",")))
    data = ("\n".join([*lines, repeat]) + "\n").encode()
    last_row = len(lines) + 1  # the file's row number of the repeat (the header is row 1)
    prepared = pipeline.prepare(db, KIND, reading.read_upload(data, "x.csv"), None, opts(), ADMIN)
    errors = prepared.errors
    dup = errors[errors["reason"] == "ingest.error.duplicate"]
    assert dup[["row", "detail"]].values.tolist() == [[last_row, str(first_so1 + 1)]]  # one message
    assert len(errors[errors["reason"] == "fives_intake.error.other_row_invalid"]) == 25  # A-1's 25 rows
    _, result = pipeline.import_bytes(db, KIND, data, "x.csv", None, opts(skip_invalid=True), ADMIN)
    assert (result.rows_added, result.rows_skipped) == (25, 26)
    assert rows(db, "select source_id from fives_inspections") == [("B-1",)]


def test_tablet_form_submit_is_one_undoable_batch(db, tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_PHOTO_DIR", str(tmp_path / "photos"))
    template = tpl.default_template(tpl.load_all(db))
    draft = form.Draft(1, template.template_id, date(2026, 11, 2))
    for code in ITEMS:
        draft.answer(code)["score"] = 4
    draft.answer("SO2").update(score=1, comment="Expired milk", photo=photos.store_photo(jpeg_with_exif()))
    form.save_draft(db, INSPECTOR_S001.username, draft)
    outcome = form.submit(db, INSPECTOR_S001, draft, template, "S001")
    assert outcome.error is None and outcome.actions == 1
    assert rows(db, "select kind, created_by, rows_added from import_batches") == [
        ("inspections", "t_inspector", 25)
    ]
    assert rows(
        db, "select s.comment, s.photo_path is not null from fives_item_scores s where item_code = 'SO2'"
    ) == [("Expired milk", True)]
    # the draft stays as the submit's receipt until the next inspection is started (a server killed before a page
    # says so loses neither the inspection nor the word of it: tests/test_fives_form_kill.py)
    assert form.receipt(db, form.load_draft(db, INSPECTOR_S001.username)).batch_id == outcome.batch_id
    # an inspection from the form is an import batch like a file: refused while its action is worked on
    from portal import writes

    writes.start_fives_action(db, INSPECTOR_S001, _action(db, "SO2"))
    with pytest.raises(batches.UndoRefused) as refused:
        batches.undo_batch(db, outcome.batch_id, INSPECTOR_S001)
    assert refused.value.reason == "ingest.undo.actions_worked"
    assert "S001 2026-11-02 SO2 (in progress)" in str(refused.value)
    db.execute("update corrective_actions set status = 'open', started_at = null")  # as if never started
    batches.undo_batch(db, outcome.batch_id, INSPECTOR_S001)  # their own batch
    assert rows(db, "select count(*) from fives_inspections") == [(0,)]
    # the server refuses a store outside the inspector's scope
    other = form.Draft(2, template.template_id, date(2026, 11, 2))
    assert (
        form.submit(db, INSPECTOR_S001, other, template, "S002").error
        == "You may inspect only your own stores; nothing was written."
    )


def test_tablet_form_refuses_a_low_score_without_comment(db):
    """SPEC §3: a score at or below 1 of 4 opens a corrective action; the form's comment says what was seen, so
    the form (and its save path, whatever calls it) refuses such a score without one, naming the items; nothing
    is written and the draft stays. A score above the fail rule needs none. Uploaded files are not held to it
    (SPEC asks no comment of a sheet: test_flat_file_commits_inspections_scores_and_actions imports 1 and 0
    without one)."""
    template = tpl.default_template(tpl.load_all(db))
    draft = form.Draft(1, template.template_id, date(2026, 11, 2))
    for code in ITEMS:
        draft.answer(code)["score"] = 4
    draft.answer("SO2").update(score=1, comment="   ")
    draft.answer("SH1").update(score=0)
    draft.answer("SE1").update(score=2)  # above 1 of 4: no comment needed
    form.save_draft(db, INSPECTOR_S001.username, draft)
    outcome = form.submit(db, INSPECTOR_S001, draft, template, "S001")
    assert outcome.batch_id is None
    assert outcome.error == (
        "Not submitted: a low score needs a comment saying what you saw. Add one to: "
        f"SO2 {template.item('SO2').text_en.rstrip('.')}, SH1 {template.item('SH1').text_en}"
    )
    assert form.submit(db, INSPECTOR_S001, draft, template, "S001", "zh").error == (
        "未提交：低分检查项须填写备注，说明发现的问题。请为以下检查项填写："
        "SO2 过期、破损或召回商品已清出、SH1 地面、货架、冷柜和柜台干净整洁。"
    )
    assert rows(db, "select count(*) from import_batches") == [(0,)]
    assert rows(db, "select count(*) from fives_inspections") == [(0,)]
    assert form.load_draft(db, INSPECTOR_S001.username) == draft
    assert [i.code for i in form.low_without_comment(db, template, draft)] == ["SO2", "SH1"]
    assert [i.code for i in form.low_without_comment(db, template, draft, "shine")] == ["SH1"]
    # the template's own fail rule decides what is low (fail_ratio 0.5: 2 of 4 fails too)
    db.execute("update fives_templates set fail_ratio = 0.5 where template_id = ?", [template.template_id])
    assert [i.code for i in form.low_without_comment(db, template, draft)] == ["SO2", "SE1", "SH1"]
    db.execute("update fives_templates set fail_ratio = 0.25 where template_id = ?", [template.template_id])
    # with the comments: submitted, and the comments are the actions' findings
    draft.answer("SO2")["comment"] = "Expired milk"
    draft.answer("SH1")["comment"] = "Dusty floor"
    outcome = form.submit(db, INSPECTOR_S001, draft, template, "S001")
    assert outcome.error is None and outcome.actions == 2


def test_cli_imports_many_files(db, tmp_path, monkeypatch, capsys):
    from portal import cli

    default = tpl.default_template(tpl.load_all(db))
    a, b = tmp_path / "clean.xlsx", tmp_path / "flat.csv"
    a.write_bytes(corpus.clean(default))
    b.write_bytes(flat({("B-1", "S002", "2026-11-03"): {}}))
    path = db.execute(
        "select path from duckdb_databases() where database_name = current_database()"
    ).fetchone()[0]
    db.close()
    monkeypatch.setenv("PORTAL_DB", path)
    assert cli.main(["import", "inspections", str(a), str(b)]) == 0
    out = capsys.readouterr().out
    assert "25 added" in out and out.count("Batch ") == 2


def test_a_checklist_scale_limits_flat_scores(db):
    import dataclasses

    from portal import writes

    base = tpl.default_template(tpl.load_all(db))
    writes.add_fives_template_version(
        db, dataclasses.replace(base, code="OTHERCO", allowed_scores=(0, 1, 2, 4)), "a"
    )
    data = flat({("O-1", "S001", "2026-11-02"): {"SO1": "3", "SO2": "2"}}, template="OTHERCO v1")
    prepared = pipeline.prepare(db, KIND, reading.read_upload(data, "o.csv"), None, opts(), ADMIN)
    bad = prepared.errors[prepared.errors["reason"] == "fives_intake.error.not_allowed"]
    assert bad[["row", "column", "value", "detail"]].values.tolist() == [[2, "score", "3", "0, 1, 2, 4"]]


def test_commit_and_undo_keep_the_stored_facts_in_step(db):
    """The 5S figures read stored facts (migration 015); the kind's commit and undo refresh the stores they
    touch. S001 on 2 Nov fails SO2 (1) and SE4 (0); a later inspection on 9 Nov fails SO2 again (0): a repeat
    finding there. Undoing the first batch takes the 2 Nov inspection away and with it the 9 Nov repeat flag.
    Section Sort on 9 Nov: (0 + 4 x 4) / 20 = 80.0 %."""
    from portal import writes

    first = flat({("A-1", "S001", "2026-11-02"): BASE})
    later = flat({("A-2", "S001", "2026-11-09"): {"SO2": "0"}})
    _, one = pipeline.import_bytes(db, KIND, first, "first.csv", None, opts(), MANAGER_NORTH)
    pipeline.import_bytes(db, KIND, later, "later.csv", None, opts(), MANAGER_NORTH)
    facts = "select item_code from fives_item_facts join fives_inspections using (inspection_id) "
    assert rows(db, facts + "where source_id = 'A-2' and is_repeat") == [("SO2",)]
    assert rows(
        db,
        "select section_pct from fives_section_facts join fives_inspections using (inspection_id) "
        "where source_id = 'A-2' and section_code = 'sort'",
    ) == [(80.0,)]
    assert rows(db, "select count(*) from fives_inspection_facts") == [(2,)]
    batches.undo_batch(db, one.batch_id, ADMIN)
    assert rows(db, facts + "where is_repeat") == []
    assert rows(db, "select count(*) from fives_inspection_facts") == [(1,)]
    # in step: nothing left to refresh; a row written outside the portal is caught by the next refresh
    assert writes.transaction(db, writes.refresh_fives_facts) == 0
    db.execute("delete from fives_inspection_facts")
    assert writes.transaction(db, writes.refresh_fives_facts) == 1  # one store (S001)
    assert rows(db, "select count(*) from fives_item_facts") == [(25,)]


def test_a_flat_files_own_photo_names_are_said_not_imported_and_a_stored_ones_missing_file_refused(db):
    """A helper's probe: a flat file's 照片 column of the store's own file names (IMG_003.jpg) refused each such
    row as "Not a stored photo", and the whole inspection with it. Such names are now said once, not imported, as on
    a sheet; a stored photo's name (the tablet form's) whose file is gone is still refused."""
    lines = flat({("P-1", "S001", "2026-11-02"): {}}).decode().splitlines()
    head, rows = lines[0], lines[1:]
    rows[1] = rows[1][: rows[1].rindex(",")] + ",IMG_003.jpg"  # SO2's photo: the file's own name (row 3)
    rows[2] = (
        rows[2][: rows[2].rindex(",")] + "," + "a" * 40 + ".jpg"
    )  # a stored photo's name, no file (row 4)
    data = ("\n".join([head, *rows]) + "\n").encode()
    prepared = pipeline.prepare(db, KIND, pipeline.read(db, KIND, data, "flat.csv"), None, opts(), ADMIN)
    photo_errors = prepared.errors[prepared.errors["reason"] == "fives_intake.error.photo"]
    assert photo_errors["row"].tolist() == [4]
    said = [v for k, v in prepared.notices if k == "fives_intake.foreign.photos_not_imported"]
    assert [(v["n"], str(v["rows"])) for v in said] == [(1, "3")]
    assert prepared.values.loc[3, "photo"] is None


def test_a_flat_workbooks_rows_held_back_name_the_sheet_row_at_fault(db):
    """The flat layout saved as a workbook (the Upload page's template): one score of 9 holds back the inspection's
    other 24 rows; each says which row of the sheet is at fault, and the cause comes first (tablet probe, session
    55: "该检查的其他行无效" 24 times, the cause 19th in the table)."""
    from openpyxl import Workbook

    rows = list(csv.reader(io.StringIO(flat({("A-1", "S001", "2026-11-02"): {"SH4": "9"}}).decode())))
    wb = Workbook()
    wb.active.title = "检查"
    for row in rows:
        wb.active.append(row)
    data = io.BytesIO()
    wb.save(data)
    prepared = pipeline.prepare(db, KIND, reading.read_upload(data.getvalue(), "f.xlsx"), None, opts(), ADMIN)
    shown = prepared.error_messages("zh")
    sh4 = 1 + ITEMS.index("SH4") + 1  # the header on row 1
    assert (shown["row"].iloc[0], shown["column"].iloc[0]) == (sh4, "score")
    assert len(shown) == 25 and set(shown["reason"].iloc[1:]) == {
        f"该检查的其他行无效(第 {sh4} 行)：一次检查要么整体导入，要么不导入。"
    }


def test_an_inspection_held_as_stored_that_is_undone_before_the_commit_refuses_it(db):
    """The preview found A-1 stored (unchanged: held, not written again); its batch was undone before the commit.
    Committed as checked, A-1 was neither written nor stored any more: lost (the fault probe's race, session 55,
    between the check and the commit). The commit now finds it gone and refuses; checked again, it is added."""
    from portal.ingest import batches

    _, first = pipeline.import_bytes(
        db, KIND, flat({("A-1", "S001", "2026-11-02"): BASE}), "a.csv", None, opts(), ADMIN
    )
    both = flat({("A-1", "S001", "2026-11-02"): BASE, ("B-1", "S002", "2026-11-03"): {}})
    prepared = pipeline.prepare(db, KIND, reading.read_upload(both, "b.csv"), None, opts(), ADMIN)
    assert prepared.values["is_existing"].sum() == 25  # A-1's rows: held as stored
    batches.undo_batch(db, first.batch_id, ADMIN)
    with pytest.raises(pipeline.NothingWritten) as refused:
        pipeline.commit(db, prepared, ADMIN)
    assert refused.value.reason == "ingest.refused.held_since_preview"
    assert db.execute("select count(*) from fives_inspections").fetchone() == (0,)
    again = pipeline.prepare(db, KIND, reading.read_upload(both, "b.csv"), None, opts(), ADMIN)
    assert pipeline.commit(db, again, ADMIN).rows_added == 50
