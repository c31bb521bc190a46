"""The survey corpus (tests/corpus/surveys/, made by make_corpus.py there): bad files each get their message and
write nothing; messy files (blank items, GBK, CP949, Shift-JIS, web-form exports) import with the numbers
worked out by hand from ``make_corpus.answer`` (E = 6 on odd items, 7 on even; P = E - 1 - (k % 2)).
"""

from __future__ import annotations

import importlib.util
from datetime import date, datetime
from pathlib import Path

import pytest

from portal import instruments
from portal.auth import User
from portal.i18n import listed, t
from portal.ingest import pipeline, reading, surveys
from portal.scope import Scope
from tests.test_satisfaction_instruments import variant_24

NOW = datetime(2026, 6, 1)
ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())
TABLES = (
    "survey_responses",
    "servqual_answers",
    "servqual_importance",
    "import_batches",
    "batch_row_snapshots",
    "stores",
    "audit_log",
)

_spec = importlib.util.spec_from_file_location(
    "survey_corpus", Path(__file__).parent / "corpus" / "surveys" / "make_corpus.py"
)
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)


def fingerprint(con) -> dict[str, tuple[int, int]]:
    return {
        table: tuple(
            con.execute(
                f"select count(*), coalesce(sum(hash(t)::hugeint), 0) from {table} as t"  # noqa: S608 - fixed names
            ).fetchone()
        )
        for table in TABLES
    }


def opts(**kw) -> pipeline.ImportOptions:
    return pipeline.ImportOptions(now=NOW, **kw)


def data(name: str) -> bytes:
    return (corpus.CORPUS_DIR / name).read_bytes()


def prepare(con, name: str, mapping=None, kind=None, user=ADMIN, **kw):
    kind = kind or surveys.configure(con, {})
    return pipeline.prepare(con, kind, reading.read_upload(data(name), name), mapping, opts(**kw), user)


def test_corpus_files_are_what_the_generator_makes():
    files = corpus.all_files()
    on_disk = {p.name for p in corpus.CORPUS_DIR.iterdir() if p.suffix == ".csv"}
    assert on_disk == set(files)
    for name, content in files.items():
        assert data(name) == content, name


# ---------------------------------------------------------------- bad files: their message, nothing written
ROW_ERRORS = {
    # R-10 on row 2: E1 = 0 and P2 = 8 outside 1-7, overall 6 outside 1-5, recommend 11 outside 0-10
    "out_of_range.csv": {
        (2, "E1", "ingest.error.out_of_range"),
        (2, "P2", "ingest.error.out_of_range"),
        (2, "overall_satisfaction", "ingest.error.out_of_range"),
        (2, "recommend_score", "ingest.error.out_of_range"),
    },
    "text_in_answers.csv": {(3, "E3", "ingest.error.not_a_scale_answer")},
    # 10 + 20 + 20 + 20 + 20 = 90 points
    "importance_not_100.csv": {(2, "importance_tangibles", "sat.import.error.importance_sum")},
    "unknown_store.csv": {(2, "store_code", "ingest.error.unknown_store")},
    "duplicate_ids.csv": {(3, "response_id", "ingest.error.duplicate")},
    "future_date.csv": {(2, "responded_on", "ingest.error.future")},
}


@pytest.mark.parametrize("name", sorted(ROW_ERRORS))
def test_invalid_rows_are_named_and_nothing_is_written(con, name):
    before = fingerprint(con)
    prepared = prepare(con, name)
    assert not prepared.file_errors
    assert {(r.row, r.column, r.reason) for r in prepared.errors.itertuples()} == ROW_ERRORS[name]
    with pytest.raises(pipeline.NothingWritten) as caught:
        pipeline.commit(con, prepared, ADMIN)
    assert caught.value.reason == "ingest.refused.invalid_rows"
    assert fingerprint(con) == before


def test_importance_message_names_the_sum(con):
    prepared = prepare(con, "importance_not_100.csv")
    assert list(prepared.errors["detail"]) == ["90.0"]


def test_skip_invalid_keeps_the_valid_rows_and_reports_the_others(con):
    prepared = prepare(con, "out_of_range.csv", skip_invalid=True)
    result = pipeline.commit(con, prepared, ADMIN)
    assert (result.rows_added, result.rows_skipped) == (1, 1)
    assert con.execute("select source_response_id from survey_responses").fetchall() == [("R-11",)]
    report = con.execute("select error_report_csv from import_batches").fetchone()[0]
    assert "R-10" in report and "E1" in report


def test_an_instrument_with_fewer_items_than_the_file(con):
    before = fingerprint(con)
    prepared = prepare(con, "instrument_24_items.csv")
    assert prepared.file_errors == [
        (
            "sat.import.file.extra_items",
            {
                "instrument": "SERVQUAL22 v1",
                "n": 22,
                "items": listed(["23-24"]),
                "columns": listed(["E23", "E24", "P23", "P24"]),
            },
        )
    ]
    assert "only 22 items" in t(*prepared.file_errors[0][:1], "en", **prepared.file_errors[0][1])
    with pytest.raises(pipeline.NothingWritten):
        pipeline.commit(con, prepared, ADMIN)
    assert fingerprint(con) == before


def test_an_instrument_with_more_items_than_the_file(con):
    retail = instruments.add(con, instruments.from_json(variant_24()), "admin")
    kind = surveys.configure(con, {"instrument": "RETAIL24"})
    before = fingerprint(con)
    prepared = prepare(con, "blank_items.csv", kind=kind)
    keys = [k for k, _ in prepared.file_errors]
    assert "sat.import.file.items_missing" in keys
    missing = dict(prepared.file_errors)["sat.import.file.items_missing"]
    assert missing == {"instrument": f"RETAIL24 v{retail.version}", "items": listed(["23-24"]), "n": 24}
    with pytest.raises(pipeline.NothingWritten):
        pipeline.commit(con, prepared, ADMIN)
    assert fingerprint(con) == before


def test_a_file_without_an_overall_column_counts_for_servqual(con):
    # Issue 9: overall satisfaction is no longer a required column. R-80 answers SERVQUAL and recommend, not
    # overall: kept, and the preview says it is left out of the index (before: the whole file refused)
    prepared = prepare(con, "missing_overall_column.csv")
    assert prepared.file_errors == [] and prepared.n_invalid == 0, prepared.errors
    assert ("sat.import.notice.no_overall", {"n": 1}) in prepared.notices


# ---------------------------------------------------------------- messy files that import
def test_blank_items_are_missing_not_zero(con):
    result = pipeline.commit(con, prepare(con, "blank_items.csv"), ADMIN)
    assert result.rows_added == 3
    rows = dict(con.execute("select source_response_id, response_id from survey_responses").fetchall())
    # R-2 (k = 2): 22 items, E5 blank and P7 blank -> 22 answer rows, one without E, one without P
    r2 = con.execute(
        "select item_no, expectation, perception from servqual_answers where response_id = ? "
        "order by item_no",
        [rows["R-2"]],
    ).fetchall()
    assert len(r2) == 22
    assert r2[4] == (5, None, 5)  # item 5: E blank; P = 6 - 1 - 0 = 5
    assert r2[6] == (7, 6, None)  # item 7: P blank; E = 6
    assert (
        con.execute(
            "select count(*) from servqual_answers where expectation = 0 or perception = 0"
        ).fetchone()[0]
        == 0
    )
    # importance: R-1 gave 10/30/20/25/15, R-2 20 x 5, R-3 none
    points = con.execute(
        "select response_id, sum(points), count(*) from servqual_importance group by 1 order by 1"
    ).fetchall()
    assert points == [(rows["R-1"], 100.0, 5), (rows["R-2"], 100.0, 5)]
    assert (
        con.execute(
            "select points from servqual_importance where response_id = ? and dimension_code = 'reliability'",
            [rows["R-1"]],
        ).fetchone()[0]
        == 30.0
    )
    # every respondent has the block: instrument 1
    assert {r[0] for r in con.execute("select instrument_id from survey_responses").fetchall()} == {1}


@pytest.mark.parametrize(
    ("name", "encoding", "comment"),
    [
        ("gbk_chinese.csv", "gb18030", "店员很热情,服务周到"),
    ],
)
def test_gbk_file_with_chinese_headers(con, name, encoding, comment):
    prepared = prepare(con, name)
    assert prepared.raw.encoding == encoding
    assert not prepared.file_errors and prepared.n_invalid == 0
    # every template field found by its Chinese header: 8 base + 44 answers + 5 importance - complaint_id
    assert sum(1 for c in prepared.mapping.values() if c) == 7 + 44 + 5
    pipeline.commit(con, prepared, ADMIN)
    assert (
        con.execute("select comment from survey_responses where source_response_id = 'Z-1'").fetchone()[0]
        == comment
    )


def test_chinese_web_form_with_long_question_headers(con):
    """No id, store or date; long question texts; perception before expectation; items out of order."""
    kind = surveys.configure(con, {"store": "S002", "date": "2026-05-20"})
    raw = reading.read_upload(data("webform_zh_long_headers.csv"), "webform.csv")
    from portal.ingest import mapping

    found, problems = mapping.expand_patterns(
        kind, raw.headers, {"e{n}": "{n}. *—期望", "p{n}": "{n}. *—感知"}
    )
    assert problems == [] and len(found) == 44
    assert found["e12"] == "12. 第12题 请评价本门店的服务—期望"
    chosen = (
        mapping.suggest_mapping(kind, raw.headers)
        | found
        | {
            "overall_satisfaction": "总体而言,您对本次购物的满意程度(1-5分)",
            "recommend_score": "您向朋友推荐本门店的可能性有多大?(0-10分)",
            "comment": "其他意见和建议",
        }
    )
    prepared = pipeline.prepare(con, kind, raw, chosen, opts(), ADMIN)
    assert prepared.file_errors == [] and prepared.n_invalid == 0, prepared.errors
    assert ("sat.import.notice.derived_ids_content", {"n": 3}) in prepared.notices
    result = pipeline.commit(con, prepared, ADMIN)
    assert result.rows_added == 3
    stored = con.execute(
        "select store_id, region_id, responded_on, overall_satisfaction from survey_responses "
        "order by response_id"
    ).fetchall()
    assert stored == [
        (2, 1, date(2026, 5, 20), 4),
        (2, 1, date(2026, 5, 20), 2),
        (2, 1, date(2026, 5, 20), 5),
    ]
    # respondent k = 2 answered item 12 with E 7 and P 7 - 1 - 0 = 6 (the header order did not matter)
    assert con.execute(
        "select expectation, perception from servqual_answers where response_id = 2 and item_no = 12"
    ).fetchone() == (7, 6)

    # the same export a week later, one more respondent: the three known ones are recognised by their content
    raw2 = reading.read_upload(data("webform_zh_long_headers_later.csv"), "webform_later.csv")
    later = pipeline.commit(con, pipeline.prepare(con, kind, raw2, chosen, opts(), ADMIN), ADMIN)
    assert (later.rows_added, later.rows_unchanged, later.rows_updated) == (1, 3, 0)


@pytest.mark.parametrize(
    ("name", "encoding", "patterns", "explicit", "comment"),
    [
        (
            "webform_ko_cp949.csv",
            "cp949",
            {"e{n}": "{n}번 문항 기대", "p{n}": "{n}번 문항 인식"},
            {"overall_satisfaction": "전반적 만족도", "recommend_score": "추천 의향", "comment": "의견"},
            "직원이 친절합니다",
        ),
        (
            "webform_ja_shiftjis.csv",
            "cp932",
            {"e{n}": "期待{n}", "p{n}": "知覚{n}"},
            {
                "response_id": "回答ID",
                "overall_satisfaction": "総合満足度",
                "recommend_score": "推奨度",
                "comment": "コメント",
            },
            "スタッフがとても親切でした",
        ),
    ],
)
def test_legacy_encodings_of_other_languages(con, name, encoding, patterns, explicit, comment):
    from portal.ingest import mapping

    kind = surveys.configure(con, {"store": "S001", "date": date(2026, 5, 10)})
    raw = reading.read_upload(data(name), name)
    assert raw.encoding == encoding
    found, problems = mapping.expand_patterns(kind, raw.headers, patterns)
    assert problems == [] and len(found) == 44
    prepared = pipeline.prepare(con, kind, raw, found | explicit, opts(), ADMIN)
    assert prepared.file_errors == [] and prepared.n_invalid == 0, prepared.errors
    pipeline.commit(con, prepared, ADMIN)
    assert con.execute("select count(*) from survey_responses").fetchone()[0] == 2
    assert (
        con.execute("select comment from survey_responses order by response_id limit 1").fetchone()[0]
        == comment
    )
    # respondent k = 1, item 1: E 6, P 6 - 1 - 1 = 4
    assert con.execute(
        "select expectation, perception from servqual_answers where response_id = 1 and item_no = 1"
    ).fetchone() == (6, 4)
