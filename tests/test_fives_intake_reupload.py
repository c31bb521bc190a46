"""The same 5S inspection uploaded again is never a second one (SPEC.md §4): a sheet or flat rows without an
inspection id are the stored inspection of the same store, date and decided inspector, whatever id it was stored
under (probe h3: a3_no_id.xlsx, the S001 sheet of an imported workbook with its id cell B6 cleared, was imported
again: "25 added", a second inspection, its corrective actions and repeat findings doubled). Two inspections of
one day are not consecutive: the later one repeats nothing of the earlier one (SPEC.md §3 repeat finding)."""

from __future__ import annotations

import io

import pytest

from portal.fives_intake import template as tpl
from portal.fives_intake.kind import KIND
from portal.i18n import t
from portal.ingest import pipeline, reading, validation
from tests.fives_intake_fixture import ADMIN, INSPECTOR_S001
from tests.test_fives_intake_kind import BASE, corpus, flat, opts, rows


@pytest.fixture
def db(con):
    from tests.fives_intake_fixture import add_manager_user

    add_manager_user(con)
    return con


def _without_id(data: bytes) -> bytes:
    """The flat rows of ``flat`` with the inspection id column blank."""
    lines = data.decode().splitlines()
    return ("\n".join([lines[0]] + ["," + ln.split(",", 1)[1] for ln in lines[1:]]) + "\n").encode()


def _named(data: bytes, name: str) -> bytes:
    return data.replace(b",Ivan,", f",{name},".encode())


def _sheet_without_id(template) -> bytes:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(corpus.clean(template)))
    assert wb.active["B6"].value == "S001-20261102-AAAA"
    wb.active["B6"] = None
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_sheet_with_its_id_cleared_is_the_inspection_already_imported(db):
    """The inspector's own sheet ("Ivan Inspector": the uploader) first with its id, then with B6 blank."""
    default = tpl.default_template(tpl.load_all(db))
    pipeline.import_bytes(db, KIND, corpus.clean(default), "a.xlsx", None, opts(), INSPECTOR_S001)
    prepared, again = pipeline.import_bytes(
        db, KIND, _sheet_without_id(default), "a3.xlsx", None, opts(), INSPECTOR_S001
    )
    assert (again.rows_added, again.rows_unchanged) == (0, 25)
    values = dict(prepared.notices)["fives_intake.notice.matched_stored"]
    assert t("fives_intake.notice.matched_stored", "en", **values) == (
        "25 rows without an inspection id are an inspection already imported for the same store, date and "
        "inspector (S001-20261102-AAAA); they are compared with it, not imported a second time."
    )
    assert t("fives_intake.notice.matched_stored", "zh", **values) == (
        "25 行没有检查编号，与已导入的同一门店、日期和检查员的检查(S001-20261102-AAAA)相同；将与其比对，不会再次导入。"
    )
    assert rows(db, "select source_id from fives_inspections") == [("S001-20261102-AAAA",)]
    assert rows(db, "select count(*) from corrective_actions") == [(2,)]
    assert rows(db, "select count(*) from fives_item_facts where is_repeat") == [(0,)]


def test_rows_without_an_id_match_by_the_decided_inspector_and_are_refused_when_rescored(db):
    """Stored as "Ivan" (no user's name: kept by the name) under id A-1; the same rows without an id, the name
    in another width and case, are unchanged; with SO1 = 2 they are refused as a rescore of that batch; by
    another inspector or on another day they are a new inspection."""
    first = flat({("A-1", "S001", "2026-11-02"): BASE})
    _, one = pipeline.import_bytes(db, KIND, first, "a.csv", None, opts(), ADMIN)
    _, same = pipeline.import_bytes(
        db, KIND, _named(_without_id(first), "ＩＶＡＮ"), "b.csv", None, opts(), ADMIN
    )
    assert (same.rows_added, same.rows_unchanged) == (0, 25)
    changed = _without_id(flat({("A-1", "S001", "2026-11-02"): BASE | {"SO1": "2"}}))
    prepared = pipeline.prepare(db, KIND, reading.read_upload(changed, "c.csv"), None, opts(), ADMIN)
    refused = prepared.errors[prepared.errors["reason"] == "fives_intake.error.rescored"]
    assert set(refused["detail"]) == {str(one.batch_id)} and prepared.n_valid == 0
    other = _named(_without_id(first), "Olga Outside")
    _, new = pipeline.import_bytes(db, KIND, other, "d.csv", None, opts(), ADMIN)
    assert (new.rows_added, new.rows_unchanged) == (25, 0)
    assert rows(db, "select source_id, inspector_name from fives_inspections order by created_at") == [
        ("A-1", "Ivan"),
        ("S001:2026-11-02:Olga Outside", "Olga Outside"),
    ]
    assert (
        validation.error_messages(refused.head(1), "en")["reason"]
        .iloc[0]
        .startswith(f"This inspection was imported in batch {one.batch_id} with other scores")
    )


def test_an_inspection_of_the_same_day_is_no_previous_one_for_repeat_findings(db):
    """S001: Ivan fails SO2 on 2 Nov, Olga fails SO2 the same day (two auditors); on 9 Nov SO2 fails again.
    Olga's 2 Nov failure repeats nothing (it counted as Ivan's repeat before); 9 Nov is a repeat of 2 Nov."""
    ivan = flat({("A-1", "S001", "2026-11-02"): {"SO2": "1"}})
    olga = _named(flat({("A-0", "S001", "2026-11-02"): {"SO2": "0"}}), "Olga")
    later = flat({("A-2", "S001", "2026-11-09"): {"SO2": "1"}})
    for k, data in enumerate((ivan, olga, later)):
        pipeline.import_bytes(db, KIND, data, f"{k}.csv", None, opts(), ADMIN)
    got = rows(
        db,
        "select source_id, is_repeat, previous_score from fives_item_facts join fives_inspections "
        "using (inspection_id) where item_code = 'SO2' order by source_id",
    )
    assert got == [
        ("A-0", False, None),
        ("A-1", False, None),
        ("A-2", True, 0),
    ]  # of the day's last imported inspection (Olga's)
