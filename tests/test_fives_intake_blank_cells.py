"""Blank cells of a flat 5S file in a column that holds text on other rows read as blank (None), as they do when
the whole column is blank. Under pandas 3 a text column's blank cell came back as NaN, not None, from the kind's
cell reader (``kind._text``): a blank checklist cell beside ``FIVES_RETAIL v1`` was refused as an unknown checklist,
a blank score beside scores as "not a score", and a blank item code crashed the check (probe h4, defect 1)."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from portal.fives_intake import kind
from portal.fives_intake import template as tpl
from portal.fives_intake.kind import KIND
from portal.ingest import pipeline, reading
from tests.fives_intake_fixture import ADMIN, add_manager_user
from tests.test_fives_intake_kind import BASE, flat

NOW = datetime(2026, 11, 30, 12, 0)


@pytest.fixture
def db(con):
    add_manager_user(con)
    return con


def _opts():
    return pipeline.ImportOptions(now=NOW)


def _mixed_checklist() -> bytes:
    """A-1 with its checklist cell blank, B-1 naming ``FIVES_RETAIL v1``."""
    blank = flat({("A-1", "S001", "2026-11-02"): BASE}).decode()
    named = flat({("B-1", "S002", "2026-11-03"): {}}, template="FIVES_RETAIL v1").decode()
    return (blank + named.split("\n", 1)[1]).encode()


def test_text_cells_are_none_when_blank_beside_text():
    v = pd.DataFrame({"template": pd.Series(["", None, " FIVES_RETAIL v1 "], dtype="str")})
    assert kind._text(v, "template").tolist() == [None, None, "FIVES_RETAIL v1"]
    assert kind._text(v, "photo").tolist() == [None, None, None]  # a column the file lacks


def test_a_blank_checklist_cell_beside_a_named_one_is_the_current_checklist(db):
    prepared, result = pipeline.import_bytes(db, KIND, _mixed_checklist(), "mixed.csv", None, _opts(), ADMIN)
    assert prepared.errors.empty
    assert (result.rows_added, result.rows_skipped) == (50, 0)
    default = tpl.default_template(tpl.load_all(db))
    assert db.execute("select source_id, template_id from fives_inspections order by 1").fetchall() == [
        ("A-1", default.template_id),
        ("B-1", default.template_id),
    ]


def test_a_blank_score_beside_scores_says_no_score(db):
    data = flat({("A-1", "S001", "2026-11-02"): BASE | {"SO1": ""}}).decode()
    prepared = pipeline.prepare(db, KIND, reading.read_upload(data.encode(), "x.csv"), None, _opts(), ADMIN)
    own = prepared.errors[prepared.errors["reason"] != "fives_intake.error.other_row_invalid"]
    assert own[["row", "column", "reason"]].values.tolist() == [[2, "score", "fives_intake.error.no_score"]]


def test_a_blank_item_code_beside_codes_is_a_row_error_not_a_crash(db):
    lines = flat({("A-1", "S001", "2026-11-02"): BASE}).decode().splitlines()
    lines[1] = lines[1].replace(",SO1,", ",,")
    prepared = pipeline.prepare(
        db, KIND, reading.read_upload("\n".join(lines).encode(), "x.csv"), None, _opts(), ADMIN
    )
    errors = prepared.errors.groupby(["column", "reason"])["row"].agg(list).to_dict()
    assert errors == {
        ("item_code", "ingest.error.required"): [2],
        ("item_code", "fives_intake.error.missing_items"): list(range(2, 27)),  # A-1 lacks SO1: all its rows
    }
    missing = prepared.errors[prepared.errors["reason"] == "fives_intake.error.missing_items"]
    assert set(missing["detail"]) == {"SO1"}
    assert prepared.n_valid == 0
