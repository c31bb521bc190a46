"""A pass/fail score column (headed 是否合格, 检查结果, Result: ``words.RESULT_LABELS``) filled in with words, not
ticks (probe: scratch/store_yesno_pure.xlsx, a store's sheet whose 是否合格 column reads 是 / 否, was refused
"Sheet S003, row 8, column D: Item SO1: '是' is not a score. Enter 0 to 4, or N/A."). In such a column the words of
a pass (是, 合格, 通过, Y, yes, pass, OK) are read as a tick (the item's maximum) and those of a fail (否, 不合格,
不通过, N, no, fail, NG) as a cross (0), case and width aside; another word is still refused with sheet, row and
column. Under a column headed as a score they stay no score (a "Y" there says nothing)."""

from __future__ import annotations

import io

import pytest

from portal.fives_intake import foreign, words
from portal.fives_intake.kind import KIND
from portal.ingest import pipeline, reading
from portal.ingest.mapping import suggest_mapping
from tests.fives_intake_fixture import ADMIN, add_manager_user
from tests.test_fives_foreign import worded_sheet
from tests.test_fives_intake_kind import BASE, flat, opts
from tests.test_fives_intake_sheet_errors import sheet

PASSES = ["是", "合格", "通过", "Y", "y", "yes", "YES", "Pass", "PASS", "ok", "OK", "ＯＫ", "Ｙｅｓ"]
FAILS = ["否", "不合格", "不通过", "N", "n", "no", "No", "fail", "FAIL", "ng", "NG", "ＮＧ", "Ｆａｉｌ"]


@pytest.fixture
def db(con):
    add_manager_user(con)
    return con


@pytest.mark.parametrize(("text", "points"), [(w, 4) for w in PASSES] + [(w, 0) for w in FAILS])
def test_pass_and_fail_words_are_a_tick_and_a_cross_in_a_pass_fail_column_only(text, points):
    assert words.score_word(text, 4, pass_fail=True) == points
    assert words.score_word(text, 4) is None  # a score column: no score


def test_unknown_words_and_numbers_stay_no_pass_fail_word():
    for text in ("好", "maybe", "合格率", "yess", "4分", ""):
        assert words.score_word(text, 4, pass_fail=True) is None


def pass_fail_sheet(con, header="是否合格", **scores) -> bytes:
    """The downloaded S001 sheet with its score column headed ``header`` and ``scores`` (item -> cell)."""
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(sheet(con, **scores)))
    assert wb.active["D8"].value == "Score"
    wb.active["D8"] = header
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_stores_pass_fail_column_of_words_is_read_as_ticks_and_crosses(db):
    """SO1..SO5 row 9..13, SE1.. row 14..: every pass word 4, every fail word 0; the notice lists each reading."""
    answers = dict(
        zip(
            ["SO1", "SO2", "SO3", "SO4", "SO5", "SE1", "SE2"],
            ["是", "否", "合格", "不合格", "通过", "不通过", "ＯＫ"],
            strict=True,
        )
    )
    answers |= {"SE3": "ng", "SE4": "Y", "SE5": "n", "SH1": "Yes", "SH2": "No", "SH3": "PASS", "SH4": "Fail"}
    prepared, result = pipeline.import_bytes(
        db, KIND, pass_fail_sheet(db, **answers), "yn.xlsx", None, opts(), ADMIN
    )
    assert result.rows_added == 25
    stored = dict(db.execute("select item_code, score from fives_item_scores").fetchall())
    assert {code: stored[code] for code in answers} == {
        "SO1": 4, "SO2": 0, "SO3": 4, "SO4": 0, "SO5": 4, "SE1": 0, "SE2": 4,
        "SE3": 0, "SE4": 4, "SE5": 0, "SH1": 4, "SH2": 0, "SH3": 4, "SH4": 0,
    }  # fmt: skip
    notes = [v["text"].en for k, v in prepared.notices if k == "fives_intake.parse.note"]
    assert any(
        n.startswith(
            "Sheet S001: 14 scores were written as a word or a mark and read as points: SO1 是 = 4, SO2 否 = 0, "
            "SO3 合格 = 4, SO4 不合格 = 0, SO5 通过 = 4, SE1 不通过 = 0, SE2 ＯＫ = 4, SE3 ng = 0, SE4 Y = 4, SE5 n = 0, …"
        )
        for n in notes
    ), notes


@pytest.mark.parametrize("header", ["是否合格", "检查结果", "Result"])
def test_an_unknown_word_in_a_pass_fail_column_is_still_refused_with_its_cell(db, header):
    with pytest.raises(reading.FileRefused) as refused:
        pipeline.read(db, KIND, pass_fail_sheet(db, header, SO1="是", SO2="好"), "yn.xlsx")
    assert str(refused.value).splitlines()[1:] == [
        "Sheet S001, row 10, column D: Item SO2: '好' is not a score. Enter 0 to 4, or N/A."
    ]


def test_yes_in_a_score_column_is_no_score(db):
    with pytest.raises(reading.FileRefused) as refused:
        pipeline.read(db, KIND, sheet(db, SO1="是"), "s.xlsx")
    assert str(refused.value).splitlines()[1:] == [
        "Sheet S001, row 9, column D: Item SO1: '是' is not a score. Enter 0 to 4, or N/A."
    ]


def test_another_companys_pass_fail_column_of_words_is_a_pass_fail_checklist():
    """As √ / × (test_fives_foreign): a column of only such words is scored 0 or 1."""
    sheet_ = foreign.read_foreign(worded_sheet(["是", "否", "合格", "ng", "OK", "N/A"], "是否合格"), "r.xlsx")
    assert sheet_.errors == [] and sheet_.scale == (0, 1)
    assert [i.score for i in sheet_.items] == [1, 0, 1, 0, 1, None]
    refused = foreign.read_foreign(worded_sheet(["是", "好", 1, 1, 1, 1], "是否合格"), "r.xlsx")
    # its message names the scale the sheet's other scores give (numbers 1: the scale 0-4), the sheet stating none
    assert [(m.key, m.cell) for m in refused.errors] == [("fives_intake.foreign.bad_score_unstated", "C5")]
    assert "its other scores give 0-4" in refused.errors[0].text("en")


def test_a_flat_files_pass_fail_column_of_words(db):
    """A flat file whose score column is headed 是否合格 (mapped to the score): 是 / 否 read as ✓ / ✗ there."""
    data = flat({("A-1", "S001", "2026-11-02"): BASE | {"SO1": "是", "SO2": "否"}}).decode()
    data = data.replace(",score,", ",是否合格,", 1).encode()
    raw = reading.read_upload(data, "f.csv")
    mapping = suggest_mapping(KIND, raw.headers, raw.frame) | {"score": "是否合格"}
    prepared = pipeline.prepare(db, KIND, raw, mapping, opts(), ADMIN)
    assert prepared.errors.empty, prepared.errors
    result = pipeline.commit(db, prepared, ADMIN)
    assert result.rows_added == 25
    scores = dict(db.execute("select item_code, score from fives_item_scores").fetchall())
    assert (scores["SO1"], scores["SO2"]) == (4, 0)
