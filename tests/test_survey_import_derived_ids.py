"""Survey files without a response-id column (Google Forms' Timestamp, 问卷星 without 序号): the ids derived for
their rows (portal/ingest/survey_ids.py, queries/writes/surveys_derived_ids.sql). A submit time identifies a
response (its store, the time to the second, a counter for rows alike in both); a date-only file's ids rest on the
answers; a response stored under an id of the earlier content-based kind keeps it."""

from __future__ import annotations

import hashlib
from datetime import datetime

from portal.i18n import t
from portal.ingest import pipeline, reading, surveys
from tests.test_survey_import import ADMIN

NOW = datetime(2026, 6, 1)
GOOGLE = {
    "responded_on": "Timestamp",
    "store_code": "Store",
    "overall_satisfaction": "Overall",
    "recommend_score": "Recommend",
}


def _prepare(
    con,
    text: str,
    mapping: dict[str, str],
    name: str = "form.csv",
    zone: str = "Asia/Shanghai",
    **kind_options,
):
    kind = surveys.configure(con, kind_options)
    raw = reading.read_upload(text.encode(), name)
    return pipeline.prepare(con, kind, raw, mapping, pipeline.ImportOptions(timezone=zone, now=NOW), ADMIN)


def _commit(
    con,
    text: str,
    mapping: dict[str, str],
    name: str = "form.csv",
    zone: str = "Asia/Shanghai",
    **kind_options,
):
    prepared = _prepare(con, text, mapping, name, zone, **kind_options)
    assert prepared.file_errors == [] and prepared.n_invalid == 0, prepared.errors
    return pipeline.commit(con, prepared, ADMIN)


def _count(con) -> int:
    return con.execute("select count(*) from survey_responses").fetchone()[0]


def _notices(prepared, key: str) -> list[dict]:
    return [values for k, values in prepared.notices if k == key]


def test_a_cumulative_export_with_one_more_mapped_column_keeps_its_responses(con):
    # week 1: two responses, four columns mapped
    week1 = "Timestamp,Store,Overall,Recommend\n2026-05-04 10:00:01,S001,5,10\n2026-05-04 11:20:00,S001,4,8\n"
    assert _commit(con, week1, GOOGLE, "week1.csv").rows_added == 2
    # week 2: the same form downloaded again (all responses so far), one more respondent, and its comment column
    # mapped too. Before, the ids rested on the mapped columns: all three were new (5 stored, every n doubled)
    week2 = (
        "Timestamp,Store,Overall,Recommend,Comments\n"
        "2026-05-04 10:00:01,S001,5,10,great\n"
        "2026-05-04 11:20:00,S001,4,8,\n"
        "2026-05-09 09:15:30,S001,3,6,slow\n"
    )
    result = _commit(con, week2, GOOGLE | {"comment": "Comments"}, "week2.csv")
    assert (result.rows_added, result.rows_updated, result.rows_unchanged) == (1, 1, 1)
    assert _count(con) == 3
    # the first response got its comment (a field the earlier file did not carry)
    assert con.execute(
        "select comment from survey_responses where responded_on = '2026-05-04' and overall_satisfaction = 5"
    ).fetchone() == ("great",)


def test_two_respondents_alike_in_two_files_are_two_responses(con):
    # one store, one day, the same answers, submitted at 10:00:01 and at 15:30:00: two people. Before, the second
    # file's row had the first's id (its content) and was counted "unchanged": one response lost
    first = "Timestamp,Store,Overall,Recommend\n2026-05-04 10:00:01,S001,5,10\n"
    second = "Timestamp,Store,Overall,Recommend\n2026-05-04 15:30:00,S001,5,10\n"
    assert _commit(con, first, GOOGLE, "a.csv").rows_added == 1
    result = _commit(con, second, GOOGLE, "b.csv")
    assert (result.rows_added, result.rows_unchanged) == (1, 0)
    assert _count(con) == 2


def test_rows_of_one_store_and_second_are_counted_and_recognised_again(con):
    text = (
        "Timestamp,Store,Overall,Recommend\n"
        "2026-05-04 10:00:01,S001,5,10\n"
        "2026-05-04 10:00:01,S001,5,10\n"
        "2026-05-04 10:00:01,S002,5,10\n"
    )
    prepared = _prepare(con, text, GOOGLE)
    ids = list(prepared.values["response_id"])
    assert ids[1] == ids[0] + "-2" and len(set(ids)) == 3
    assert _notices(prepared, "sat.import.notice.derived_ids") == [{"n": 3, "column": "Timestamp"}]
    assert pipeline.commit(con, prepared, ADMIN).rows_added == 3
    # the same rows in another file, S002's first: the same three responses
    lines = text.splitlines()
    again = _commit(con, "\n".join([lines[0], lines[3], lines[1], lines[2]]) + "\n", GOOGLE, "again.csv")
    assert (again.rows_added, again.rows_unchanged) == (0, 3)
    assert _count(con) == 3


def test_responses_stored_under_content_ids_are_not_stored_again(con):
    # responses stored before ids rested on the submit time: their ids came from their content ('F-' and 20
    # hex digits). Two alike (5, 10) and one (4, 8), of S001 on 4 May
    stored = (
        "response_id,store_code,responded_on,overall_satisfaction,recommend_score\n"
        "F-00000000000000000001,S001,2026-05-04,5,10\n"
        "F-00000000000000000002,S001,2026-05-04,5,10\n"
        "F-00000000000000000003,S001,2026-05-04,4,8\n"
        "F-00000000000000000004,S002,2026-05-04,3,6\n"
    )
    ids = {
        "response_id": "response_id",
        "store_code": "store_code",
        "responded_on": "responded_on",
        "overall_satisfaction": "overall_satisfaction",
        "recommend_score": "recommend_score",
    }
    assert _commit(con, stored, ids, "old.csv").rows_added == 4
    # the form's export now: those three again (with their times and a comment column) and three new ones: a
    # third (5, 10) of S001, a (4, 8) of S001 on another day, a (5, 10) of S002 (another store's answers)
    later = (
        "Timestamp,Store,Overall,Recommend,Comments\n"
        "2026-05-04 09:00:00,S001,5,10,\n"
        "2026-05-04 09:30:00,S001,4,8,ok\n"
        "2026-05-04 10:00:00,S001,5,10,\n"
        "2026-05-04 18:00:00,S001,5,10,\n"
        "2026-05-05 09:00:00,S001,4,8,\n"
        "2026-05-04 12:00:00,S002,5,10,\n"
    )
    prepared = _prepare(con, later, GOOGLE | {"comment": "Comments"}, "later.csv")
    assert _notices(prepared, "sat.import.notice.derived_ids_adopted") == [{"n": 3}]
    result = pipeline.commit(con, prepared, ADMIN)
    # 3 stored ones recognised (one of them gets its comment), 3 added: 4 + 3 = 7, not 4 + 6 = 10
    assert (result.rows_added, result.rows_updated, result.rows_unchanged) == (3, 1, 2)
    assert _count(con) == 7
    assert con.execute(
        "select count(*) from survey_responses where source_response_id like 'F-%'"
    ).fetchone() == (4,)
    text = t("sat.import.notice.derived_ids_adopted", "en", n=3)
    assert text.startswith("3 responses of this file have the store, date and answers of responses stored")


def test_a_date_only_file_rests_on_the_answers_and_says_so(con):
    # no time of day: the ids rest on the store, the date and the answers, said in the notice
    text = "overall_satisfaction,recommend_score\n4,9\n4,9\n5,10\n"
    prepared = _prepare(
        con,
        text,
        {"overall_satisfaction": "overall_satisfaction", "recommend_score": "recommend_score"},
        store="S001",
        date="2026-05-05",
    )
    assert _notices(prepared, "sat.import.notice.derived_ids_content") == [{"n": 3}]
    assert not _notices(prepared, "sat.import.notice.derived_ids")
    assert "the same store, date and answers" in t("sat.import.notice.derived_ids_content", "en", n=3)
    assert pipeline.commit(con, prepared, ADMIN).rows_added == 3
    # the same rows again with a comment column mapped too, and one more: 1 added (before: 4 added, 7 stored)
    more = "overall_satisfaction,recommend_score,comment\n4,9,\n4,9,\n5,10,nice\n3,2,\n"
    mapping = {
        "overall_satisfaction": "overall_satisfaction",
        "recommend_score": "recommend_score",
        "comment": "comment",
    }
    result = _commit(con, more, mapping, "more.csv", store="S001", date="2026-05-05")
    assert (result.rows_added, result.rows_updated, result.rows_unchanged) == (1, 1, 2)
    assert _count(con) == 4


def test_an_adopted_response_given_a_comment_is_not_a_changed_answer(con):
    # a response stored under a content id, without a comment column; the form's export with its comment: the
    # row adopts the stored id and fills its comment. Before, the preview said the stored response "would get
    # other answers" and not to commit
    stored = "response_id,store_code,responded_on,overall_satisfaction,recommend_score\nF-00000000000000000001,S001,2026-05-04,5,10\n"
    ids = {
        f: f for f in ("response_id", "store_code", "responded_on", "overall_satisfaction", "recommend_score")
    }
    assert _commit(con, stored, ids, "old.csv").rows_added == 1
    later = "Timestamp,Store,Overall,Recommend,Comments\n2026-05-04 09:00:00,S001,5,10,friendly staff\n"
    prepared = _prepare(con, later, GOOGLE | {"comment": "Comments"}, "later.csv")
    assert _notices(prepared, "sat.import.notice.derived_ids_adopted") == [{"n": 1}]
    assert not _notices(prepared, "sat.import.notice.answers_changed")
    assert _notices(prepared, "sat.import.notice.answers_filled") == [{"n": 1}]
    result = pipeline.commit(con, prepared, ADMIN)
    assert (result.rows_added, result.rows_updated) == (0, 1)
    assert con.execute("select source_response_id, comment from survey_responses").fetchall() == [
        ("F-00000000000000000001", "friendly staff")
    ]


def _time_id(store: str, written: str) -> str:
    return "T-" + hashlib.sha256(f"store_code={store}\x1fsubmitted={written}".encode()).hexdigest()[:20]


def test_the_same_file_in_another_source_time_zone_keeps_its_ids(con):
    # the ids rest on the submit time as the file writes it (its wall clock, to the second), not on the UTC
    # instant the chosen zone makes of it. Before, 10:00:01 read in Shanghai (02:00:01 UTC) and in London (BST,
    # 09:00:01 UTC) were two ids: the same export imported again with another zone stored every response twice
    text = (
        "Timestamp,Store,Overall,Recommend\n"
        "2026-05-04 10:00:01,S001,5,10\n"
        "2026-05-04 10:00:01.700,S001,4,8\n"
        "2026-05-04T23:30:00+08:00,S002,3,6\n"
    )
    shanghai = _prepare(con, text, GOOGLE, zone="Asia/Shanghai")
    ids = list(shanghai.values["response_id"])
    assert pipeline.commit(con, shanghai, ADMIN).rows_added == 3
    london = _prepare(con, text, GOOGLE, zone="Europe/London")
    assert list(london.values["response_id"]) == ids
    result = pipeline.commit(con, london, ADMIN)
    assert (result.rows_added, result.rows_unchanged) == (0, 3)
    assert _count(con) == 3
    assert ids == [
        _time_id("S001", "2026-05-04 10:00:01"),
        _time_id("S001", "2026-05-04 10:00:01") + "-2",  # the same second: the file's second row alike
        _time_id("S002", "2026-05-04 23:30:00"),  # as written, before its offset is applied
    ]


def test_a_response_exported_twice_is_an_error_naming_the_first_row(con):
    # a helper's probe: two 问卷星 exports (6/1-15, 6/15-30) pasted into one file repeat the 6/15 answer, 序号 3
    # both times. Counted twice, the index was 58.3 over 6 rows where the 5 responses give 70.0
    text = (
        "序号,提交答卷时间,门店编码,总体满意度,推荐意愿\n"
        "1,2026/5/3 10:00:01,S002,5,10\n"
        "2,2026/5/9 11:00:01,S002,4,9\n"
        "3,2026/5/15 20:05:09,S002,1,0\n"
        "3,2026/5/15 20:05:09,S002,1,0\n"  # row 5: row 4 again
        "4,2026/5/20 09:30:00,S002,4,8\n"
        "5,2026/5/15 20:05:09,S002,1,0\n"  # row 7: another respondent at the same second, alike: kept
    )
    mapping = {"responded_on": "提交答卷时间", "store_code": "门店编码", "overall_satisfaction": "总体满意度",
               "recommend_score": "推荐意愿"}  # fmt: skip
    prepared = _prepare(con, text, mapping, "wjx.csv")
    assert list(zip(prepared.errors["row"], prepared.errors["reason"], strict=True)) == [
        (5, "sat.import.error.repeated_response")
    ]
    assert str(prepared.errors["detail"].iloc[0]) == "4"
    assert t("sat.import.error.repeated_response", "en", detail=4).startswith(
        "This row repeats row 4 exactly"
    )
    # without the number column, rows alike at one second may be two respondents: kept, as before
    lines = [",".join(line.split(",")[1:]) for line in text.splitlines()]
    prepared = _prepare(con, "\n".join(lines) + "\n", mapping, "no_numbers.csv")
    assert prepared.errors.empty


def test_a_number_column_that_does_not_number_responses_refuses_no_row(con):
    # session 53's note: a blank 序号 was read "nan", so two rows alike at one second without a number were
    # refused as one response twice; a 编号 holding the survey's code on every row did the same
    mapping = {"responded_on": "提交答卷时间", "store_code": "门店编码", "overall_satisfaction": "总体满意度"}
    blank = "序号,提交答卷时间,门店编码,总体满意度\n,2026/5/15 20:05:09,S002,1\n,2026/5/15 20:05:09,S002,1\n"
    assert _prepare(con, blank, mapping, "blank.csv").errors.empty
    constant = (
        "编号,提交答卷时间,门店编码,总体满意度\n"
        "Q7,2026/5/15 20:05:09,S002,1\nQ7,2026/5/15 20:05:09,S002,1\nQ7,2026/5/16 09:00:00,S002,4\n"
    )
    prepared = _prepare(con, constant, mapping, "constant.csv")
    assert prepared.errors.empty
    assert prepared.values["response_id"].nunique() == 3
    # a number given on some rows: the rows with one are compared, the blank ones kept
    mixed = (
        "序号,提交答卷时间,门店编码,总体满意度\n"
        "7,2026/5/15 20:05:09,S002,1\n7,2026/5/15 20:05:09,S002,1\n,2026/5/15 20:05:09,S002,1\n"
    )
    prepared = _prepare(con, mixed, mapping, "mixed.csv")
    assert list(zip(prepared.errors["row"], prepared.errors["reason"], strict=True)) == [
        (3, "sat.import.error.repeated_response")
    ]


def test_a_store_chosen_for_the_file_beside_a_store_column_says_which_rows_keep_theirs(con):
    # a helper's probe: --store S009 beside a column of S002 stored every row under S002 without a word
    text = (
        "Timestamp,Store,Overall\n2026-05-04 10:00:01,S002,5\n2026-05-04 11:00:01,,4\n2026-05-04 12:00:01,S001,3\n"
        "2026-05-04 13:00:01,s1,3\n"  # the chosen S001 written otherwise (a review): not another store
    )
    mapping = {"responded_on": "Timestamp", "store_code": "Store", "overall_satisfaction": "Overall"}
    prepared = _prepare(con, text, mapping, store="S001")
    assert prepared.errors.empty
    assert list(prepared.values["store_code"]) == [
        "S002",
        "S001",
        "S001",
        "S001",
    ]  # the blank cell takes S001
    (said,) = _notices(prepared, "sat.import.notice.file_store_beside_column")
    assert (said["n"], said["store"], str(said["stores"])) == (1, "S001", "S002")
    assert t("sat.import.notice.file_store_beside_column", "en", **said).startswith(
        "Store gives other stores than the one chosen for the file (S001) on 1 row (S002)"
    )
