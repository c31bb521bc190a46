"""Survey tools' codes for "no answer" in answer columns: 问卷星 exports -2 for a skipped question and -3 for one
not shown; SPSS-style files -1, -2, -3, -9, -99 or 999. They are read as a missing answer (the respondent kept
for the others), one notice per column, never an "outside the range" error on each row. The SPSS-style codes
only where the column has no other value outside its range (then they may be wrong answers too)."""

from __future__ import annotations

from portal.i18n import t
from tests.test_survey_import import HEAD, commit, load, sq_csv


def _file(*rows: str) -> bytes:
    return ("\n".join([HEAD, *rows]) + "\n").encode()


def _notes(prepared) -> dict[str, dict]:
    return {v["column"]: v for k, v in prepared.notices if k == "ingest.notice.skip_codes"}


def test_wjx_skip_codes_are_missing_answers_said_once_per_column(con):
    content = _file(
        "1,S001,2026-03-02,5,-2,",
        "2,S001,2026-03-02,-3,9,",
        "3,S001,2026-03-02,-3,-3,",  # nothing answered at all: refused as no answer, not as out of range
        "4,S001,2026-03-02,4,8,",
    )
    prepared = load(con, content)
    assert list(prepared.errors["reason"]) == ["sat.import.error.no_answer"]
    assert list(prepared.errors["row"]) == [4]
    notes = _notes(prepared)
    assert set(notes) == {"overall_satisfaction", "recommend_score"}
    assert (notes["overall_satisfaction"]["n"], notes["overall_satisfaction"]["codes"].en) == (2, "-3")
    assert (notes["recommend_score"]["n"], notes["recommend_score"]["codes"].en) == (2, "-3, -2")
    assert t("ingest.notice.skip_codes", "en", **notes["recommend_score"]).startswith(
        "recommend_score: 2 answers are a survey tool's code for no answer (-3, -2: skipped, not shown or not "
        "answered) and are read as blank"
    )
    assert "-3、-2" in t("ingest.notice.skip_codes", "zh", **notes["recommend_score"])
    result = commit(con, content, skip_invalid=True)
    assert result.rows_added == 3
    stored = con.execute(
        "select source_response_id, overall_satisfaction, recommend_score from survey_responses order by 1"
    ).fetchall()
    assert stored == [("1", 5, None), ("2", None, 9), ("4", 4, 8)]


def test_spss_missing_codes_only_where_the_column_has_no_other_value_out_of_range(con):
    # recommend: 999 and -9 beside answers 0-10 alone: no answer. overall: -9 beside a 6 (a 1-7 answer?): both
    # stay errors on their rows; its -2 is 问卷星's code all the same
    content = _file(
        "1,S001,2026-03-02,5,999,",
        "2,S001,2026-03-02,-9,-9,",
        "3,S001,2026-03-02,6,7,",
        "4,S001,2026-03-02,-2,10,",
    )
    prepared = load(con, content)
    errors = sorted(
        zip(prepared.errors["row"], prepared.errors["column"], prepared.errors["reason"], strict=True)
    )
    assert errors == [
        (3, "overall_satisfaction", "ingest.error.out_of_range"),
        (4, "overall_satisfaction", "ingest.error.out_of_range"),
    ]
    notes = _notes(prepared)
    assert (notes["recommend_score"]["n"], notes["recommend_score"]["codes"].en) == (2, "-9, 999")
    assert (notes["overall_satisfaction"]["n"], notes["overall_satisfaction"]["codes"].en) == (1, "-2")


def test_skip_codes_in_servqual_answers(con):
    # every E of response 2 is -3 (the block not shown): its perceptions kept, its expectations blank
    prepared = load(con, sq_csv("1,S001,2026-03-02,5,10,|6:5", "2,S001,2026-03-02,4,8,|-3:4"))
    assert prepared.n_invalid == 0, prepared.errors
    notes = _notes(prepared)
    assert set(notes) == {f"E{n}" for n in range(1, 23)} and notes["E1"]["n"] == 1
    commit(con, sq_csv("1,S001,2026-03-02,5,10,|6:5", "2,S001,2026-03-02,4,8,|-3:4"))
    assert con.execute(
        "select count(*), count(expectation), sum(perception) from servqual_answers as a "
        "join survey_responses as r using (response_id) where r.source_response_id = '2'"
    ).fetchone() == (22, 0, 88)
