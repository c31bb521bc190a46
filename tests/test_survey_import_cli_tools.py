"""The survey upload kind through the command line, and survey tools' exports (WJX, Qualtrics and others):
their header rows, submit times and time zones, test responses and status columns. The rest of the kind:
tests/test_survey_import.py."""

from __future__ import annotations

from datetime import date

import pytest

from portal import cli, db
from portal.i18n import t
from portal.ingest import pipeline, reading, surveys, templates
from tests.test_survey_import import ADMIN, commit, load, opts


# ---------------------------------------------------------------- the command line
def test_cli_web_form_with_patterns_store_and_date(con, tmp_path, monkeypatch, capsys):
    from tests.test_survey_import_corpus import corpus

    path = tmp_path / "fixture.duckdb"
    con.close()
    monkeypatch.setenv("PORTAL_DB", str(path))
    webform = corpus.CORPUS_DIR / "webform_zh_long_headers.csv"
    args = [
        "import",
        "surveys",
        str(webform),
        "--instrument",
        "SERVQUAL22",
        "--store",
        "S003",
        "--date",
        "2026-05-20",
        "--map",
        "e{n}={n}. *—期望",
        "--map",
        "p{n}={n}. *—感知",
        "--map",
        "overall_satisfaction=总体而言,您对本次购物的满意程度(1-5分)",
        "--map",
        "recommend_score=您向朋友推荐本门店的可能性有多大?(0-10分)",
    ]
    assert cli.main(args) == 0
    out = capsys.readouterr().out
    assert "3 added" in out and "e12 <- '12. 第12题 请评价本门店的服务—期望'" in out
    assert cli.main(args) == 0  # the same file again: nothing to do
    assert "already imported" in capsys.readouterr().out
    check = db.connect(path)
    assert check.execute(
        "select count(*), min(store_id), min(responded_on) from survey_responses"
    ).fetchone() == (3, 3, date(2026, 5, 20))
    check.close()
    # usage errors: exit 2, nothing written
    assert cli.main(["import", "surveys", str(webform), "--instrument", "NOPE"]) == 2
    assert "Unknown instrument NOPE" in capsys.readouterr().err
    assert cli.main(["import", "complaints", str(webform), "--instrument", "SERVQUAL22"]) == 2
    assert "complaints takes no --instrument" in capsys.readouterr().err
    assert cli.main(["import", "surveys", str(webform), "--date", "20 May"]) == 2


def test_cli_refuses_an_instrument_that_does_not_fit(con, tmp_path, monkeypatch, capsys):
    from tests.test_survey_import_corpus import corpus

    path = tmp_path / "fixture.duckdb"
    con.close()
    monkeypatch.setenv("PORTAL_DB", str(path))
    assert cli.main(["import", "surveys", str(corpus.CORPUS_DIR / "instrument_24_items.csv")]) == 1
    err = capsys.readouterr().err
    assert "answer columns for items 23-24 (E23, E24, P23, P24)" in err
    assert cli.main(["import", "surveys", str(corpus.CORPUS_DIR / "out_of_range.csv")]) == 1
    assert cli.main(["import", "surveys", str(corpus.CORPUS_DIR / "out_of_range.csv"), "--skip-invalid"]) == 0
    check = db.connect(path)
    assert check.execute("select source_response_id from survey_responses").fetchall() == [("R-11",)]
    check.close()


def test_cli_survey_tools_exports_read_their_extra_header_rows_as_header(con, tmp_path, monkeypatch, capsys):
    """Qualtrics (question texts and ImportId JSON under the column ids) and SurveyMonkey (sub-headings under the
    question texts): before, those rows were data (unknown stores "Store" and '{"ImportId":"QID4_TEXT"}', "not a
    whole number" for every question); now they are header rows, said in a note, and an error names the file's
    own row."""
    from tests.test_ingest_reading_surveys import _csv_bytes, qualtrics_rows, surveymonkey_rows

    path = tmp_path / "fixture.duckdb"
    con.close()
    monkeypatch.setenv("PORTAL_DB", str(path))
    qualtrics = tmp_path / "qualtrics.csv"
    qualtrics.write_bytes(_csv_bytes(qualtrics_rows(("R_1", "4", "9"), ("R_2", "x", "8"))))
    args = [
        "import",
        "surveys",
        str(qualtrics),
        "--map",
        "overall_satisfaction=Q1",
        "--map",
        "recommend_score=Q2",
    ]
    assert cli.main([*args, "--add-missing"]) == 1
    captured = capsys.readouterr()
    assert "responded_on <- 'RecordedDate'" in captured.out
    assert "Rows 2, 3 under the header are part of it" in captured.out
    assert (
        captured.err.count("row ") == 1
        and "row 5, column Q1: Neither a number on the scale 1–5 nor an answer word" in captured.err
    )
    assert "unknown store_code" not in captured.err
    assert cli.main([*args, "--skip-invalid"]) == 0
    capsys.readouterr()
    monkey = tmp_path / "monkey.csv"
    monkey.write_bytes(
        _csv_bytes(surveymonkey_rows(("114001", "Very satisfied", "Nice"), ("114002", "7", "")))
    )
    assert cli.main(["import", "surveys", str(monkey)]) == 1
    captured = capsys.readouterr()
    assert "Row 2 under the header is part of it" in captured.out
    assert captured.err.count("row ") == 1
    assert "row 4, column Overall, how satisfied were you?: Outside the allowed range 1–5." in captured.err
    check = db.connect(path)
    assert check.execute(
        "select source_response_id, overall_satisfaction from survey_responses"
    ).fetchall() == [("R_1", 4)]
    assert check.execute("select count(*) from stores").fetchone() == (3,)
    check.close()


def test_wjx_submit_time_header_is_suggested_as_the_date(con):
    from portal.ingest import mapping

    kind = surveys.configure(con, {})
    assert (
        mapping.suggest_mapping(kind, ["序号", "提交答卷时间", "门店编码"])["responded_on"] == "提交答卷时间"
    )
    # Google Forms' Timestamp and Microsoft Forms' Completion time (not its Start time) were not suggested
    assert mapping.suggest_mapping(kind, ["Timestamp", "Store"])["responded_on"] == "Timestamp"
    headers = ["ID", "Start time", "Completion time", "Store"]
    assert mapping.suggest_mapping(kind, headers)["responded_on"] == "Completion time"


def test_a_tencent_survey_export_is_dated_by_its_end_time(con):
    """腾讯问卷 (wj.qq.com) gives 开始答题时间 and 结束答题时间 and no other time: neither was suggested, and the file was
    refused ("Date is not mapped") until the uploader chose one. The end is the submit time, as 问卷星's
    提交答卷时间 and Microsoft Forms' Completion time are: a response begun at 23:58 and sent at 00:01 is the next
    day's. Its "(跳过)" and "(空)" cells are no answer."""
    content = (
        "编号,开始答题时间,结束答题时间,答题时长,用户类型,用户标识,昵称,自定义字段,地理位置(国家),"
        "地理位置(省份),地理位置(城市),门店编码,Q2:您对本次购物的总体满意度,Q3:您向朋友推荐我们的可能性有多大\n"
        "1,2026-05-03 23:58:10,2026-05-04 00:01:30,3分20秒,微信用户,oX1,小王,(空),中国,广东,广州,S001,5,9\n"
        "2,2026-05-04 10:00:00,2026-05-04 10:02:00,2分0秒,QQ用户,123,李,(空),中国,广东,深圳,S002,(跳过),10\n"
        "3,2026-05-05 11:00:00,2026-05-05 11:02:00,2分0秒,匿名用户,(空),(空),(空),中国,广东,深圳,S003,4,(跳过)\n"
    ).encode()
    prepared = load(con, content)
    assert prepared.mapping["responded_on"] == "结束答题时间"
    assert prepared.file_errors == [] and prepared.errors.empty
    assert commit(con, content).rows_added == 3
    stored = con.execute(
        "select s.store_code, r.responded_on, r.overall_satisfaction, r.recommend_score "
        "from survey_responses as r join stores as s using (store_id) order by 1"
    ).fetchall()
    assert stored == [
        ("S001", date(2026, 5, 4), 5, 9),
        ("S002", date(2026, 5, 4), None, 10),
        ("S003", date(2026, 5, 5), 4, None),
    ]


def test_a_matrix_questions_row_not_its_title_says_what_the_column_asks(con):
    """问卷星 heads a matrix question's rows "5、title—row": a title asking for the overall satisfaction made each
    row's column the overall answer, and the first row (服务态度, the staff's attitude) was suggested and imported
    as the overall satisfaction (on the command line unasked: 4, 2, 5 for the overall answers 5, 5, 4 of the
    matrix's own 总体评价 row). The row says what its column asks; the title is the matrix's."""
    import pandas as pd

    from portal.ingest import mapping

    kind = surveys.configure(con, {})
    title = "5、请您对本店的总体满意度打分"
    frame = pd.DataFrame(
        {
            "序号": ["1", "2", "3"],
            "提交答卷时间": ["2026/11/3 10:15:00", "2026/11/3 10:20:00", "2026/11/3 11:00:00"],
            "1、您光临的门店是：": ["S001", "S001", "S002"],
            f"{title}—服务态度": ["4", "2", "5"],
            f"{title}—商品质量": ["3", "3", "4"],
            f"{title}—总体评价": ["5", "5", "4"],
        }
    )
    got = mapping.suggest_mapping(kind, list(frame.columns), frame)
    assert got["overall_satisfaction"] == f"{title}—总体评价"
    # without such a row no column is the overall answer: none is suggested (the user maps it)
    rows = frame.drop(columns=[f"{title}—总体评价"])
    assert mapping.suggest_mapping(kind, list(rows.columns), rows)["overall_satisfaction"] is None
    # a matrix titled otherwise whose row asks for it is suggested by that row
    other = frame.rename(columns={f"{title}—总体评价": "6、满意度评价—总体满意度"})
    assert mapping.suggest_mapping(kind, list(other.columns), other)["overall_satisfaction"] == (
        "6、满意度评价—总体满意度"
    )
    # a question with the Chinese dash of a sentence (——, two em dashes) is no matrix row: asked in its whole text
    dashed = frame.drop(columns=[f"{title}—总体评价"]).assign(
        **{"6、您对本店的总体满意度——请打1-5分": ["5", "5", "4"]}
    )
    assert mapping.suggest_mapping(kind, list(dashed.columns), dashed)["overall_satisfaction"] == (
        "6、您对本店的总体满意度——请打1-5分"
    )


@pytest.mark.parametrize(
    "question",
    [
        "1、您光临的门店是：",
        "2、您本次就餐的门店是？",
        "您消费的门店名称：",
        "1、您在哪家门店购物？",
        "所在门店",
    ],
)
def test_a_question_asking_for_the_store_is_the_store_column(con, question):
    """问卷星 asks the store as a question (1、您光临的门店是：, its answers store names or codes): it was not
    suggested, every response came without a store (the command line only named the --map in a notice). Questions
    about something else that mention the store (its surroundings, its staff, a next visit) are not the store."""
    con.execute("update stores set name_zh = '北京王府井店' where store_code = 'S001'")
    decoys = (
        "2、您对门店整体环境的满意度：,3、门店员工的服务态度：,4、您是否会再次光临本店？,6、门店是否整洁？"
    )
    content = (
        f"序号,提交答卷时间,{question},{decoys},5、您对本次服务的总体满意度：\n"
        "1,2026/5/3 10:00:01,北京王府井店,4,5,是,是,5\n"
        "2,2026/5/3 11:00:01,S002,3,4,否,是,4\n"
    ).encode()
    prepared = load(con, content)
    assert prepared.mapping["store_code"] == question
    assert [k for k, _ in prepared.notices if k == "ingest.notice.unused_code_column"] == []
    pipeline.commit(con, prepared, ADMIN)
    stored = con.execute(
        "select s.store_code, r.overall_satisfaction from survey_responses r join stores s using (store_id) "
        "order by r.responded_on"
    ).fetchall()
    assert stored == [("S001", 5), ("S002", 4)]
    # without the store question no column is the store: the questions that mention it are left alone
    alone = content.decode().replace(question, "门店无关").encode()
    assert load(con, alone).mapping["store_code"] is None


@pytest.mark.parametrize(
    "question",
    [
        "4、您是否会再次光临本门店？",
        "4、您会不会再来这家门店？",
        "4、您愿意推荐这家门店吗？",
        "4、您能否找到附近的门店：",
    ],
)
def test_a_yes_no_question_ending_in_the_store_is_not_the_store_column(con, question):
    """A yes/no question whose words end with 门店 (您是否会再次光临本门店？) was suggested as the store column by its
    head noun: its 是 / 否 answers were then unknown stores, every row refused. A question asking whether is no store;
    beside the real store question, that one is suggested."""
    content = (
        f"序号,提交答卷时间,{question},5、您对本次服务的总体满意度：\n"
        "1,2026/5/3 10:00:01,是,5\n"
        "2,2026/5/3 11:00:01,否,4\n"
    )
    assert load(con, content.encode()).mapping["store_code"] is None
    with_store = content.replace("序号,", "序号,1、您光临的门店是：,").replace("\n1,", "\nS001,1,")
    with_store = with_store.replace("\n2,", "\nS002,2,")
    assert load(con, with_store.encode()).mapping["store_code"] == "1、您光临的门店是："


def test_a_survey_tools_preview_test_and_spam_responses_are_not_answers(con):
    """Qualtrics' Status column: 'Survey Preview', 'Survey Test' and 'Spam' rows (and their numeric codes 1, 2, 8)
    were imported as answers, a preview's NPS 0 a detractor. They are refused on their rows, naming the column;
    'IP Address' (a real response) and 0 are kept. With "skip invalid rows" the real ones alone are stored."""
    content = (
        b"ResponseId,Status,store_code,RecordedDate,overall_satisfaction,recommend_score\n"
        b"R_1,IP Address,S001,2026-03-02,5,10\n"
        b"R_2,Survey Preview,S001,2026-03-02,1,0\n"
        b"R_3,Survey Test,S001,2026-03-02,1,0\n"
        b"R_4,Spam,S001,2026-03-02,1,0\n"
        b"R_5,0,S001,2026-03-02,4,9\n"
        b"R_6,8,S001,2026-03-02,1,0\n"
    )
    prepared = load(con, content)
    assert prepared.mapping["response_type"] == "Status"
    refused = prepared.errors[prepared.errors["reason"] == "sat.import.error.not_a_response"]
    assert sorted(refused["row"]) == [3, 4, 5, 7] and set(refused["column"]) == {"Status"}
    result = commit(con, content, skip_invalid=True)
    assert result.rows_added == 2
    stored = con.execute("select source_response_id from survey_responses order by 1").fetchall()
    assert stored == [("R_1",), ("R_5",)]


def test_another_tools_status_numbers_are_answers(con):
    """Qualtrics' numeric response types (1 preview, 2 test, 8 spam) are read only in a Qualtrics export (its
    ResponseId and RecordedDate columns): another tool's Status of 1 or 2 means something else, and refusing it
    blocked the whole file. Its words (Test, Spam) are still refused."""
    content = (
        b"response_id,Status,store_code,responded_on,overall_satisfaction,recommend_score\n"
        b"X1,1,S001,2026-03-02,5,10\n"
        b"X2,2,S001,2026-03-02,4,9\n"
        b"X3,8,S001,2026-03-02,4,9\n"
        b"X4,Test,S001,2026-03-02,1,0\n"
    )
    prepared = load(con, content)
    assert prepared.mapping["response_type"] == "Status"
    refused = prepared.errors[prepared.errors["reason"] == "sat.import.error.not_a_response"]
    assert sorted(refused["row"]) == [5]
    assert surveys.is_qualtrics_export(["StartDate", "Status", "ResponseId", "RecordedDate"])
    assert surveys.is_qualtrics_export(["Start Date", "Response Status", "Response ID", "Recorded Date"])
    assert not surveys.is_qualtrics_export(["response_id", "Status", "responded_on"])


def test_the_survey_template_has_no_survey_tool_columns(con):
    """The response type is a survey tool's column: read when a file has it, not in the portal's own templates."""
    kind = surveys.configure(con, {})
    assert "response_type" in kind.field_names
    for lang in ("en", "zh"):
        headers = list(templates.template_frame(kind, lang).columns)
        assert "response_type" not in headers and "答卷类型" not in headers
        assert "overall_satisfaction" in headers or "总体满意度" in headers


@pytest.mark.parametrize(
    "zone, day, said",
    [
        ("America/Denver", date(2026, 3, 2), "America/Denver"),  # 23:30 UTC-7 is 06:30 UTC, 14:30 in Shanghai
        ("Z", date(2026, 3, 2), "UTC"),  # 23:30 UTC is 07:30 in Shanghai
        ("Mars/Olympus", date(2026, 3, 1), None),  # no zone the portal knows: the chosen zone, as before
    ],
)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_qualtrics_times_are_read_in_the_zone_its_import_id_row_gives(con, fmt, zone, day, said):
    """Qualtrics writes its times in the zone chosen for the export and names it in the ImportId row under the
    column ids ({"ImportId":"recordedDate","timeZone":"America/Denver"}). A response recorded 2026-03-01 23:30 in
    Denver is one of 2 March in a file read for Asia/Shanghai (it was dated the 1st: the times were read as
    Shanghai's), with a notice naming the zone."""
    from portal.i18n import t
    from portal.ingest import mapping
    from tests.test_ingest_reading_surveys import QUALTRICS_IDS, _csv_bytes, _workbook, qualtrics_rows

    rows = qualtrics_rows(("R_1", "4", "9"))
    at = QUALTRICS_IDS.index("RecordedDate")
    rows[2] = [c.replace("America/Denver", zone) for c in rows[2]]
    rows[3][at] = "2026-03-01 23:30:00"
    raw = reading.read_upload(_csv_bytes(rows) if fmt == "csv" else _workbook(rows), f"qualtrics.{fmt}")
    kind = surveys.configure(con, {})
    picks = mapping.suggest_mapping(kind, raw.headers, raw.frame) | {
        "overall_satisfaction": "Q1",
        "recommend_score": "Q2",
    }
    assert picks["responded_on"] == "RecordedDate"
    prepared = pipeline.prepare(con, kind, raw, picks, opts(timezone="Asia/Shanghai"), ADMIN)
    assert prepared.n_invalid == 0, prepared.errors
    assert prepared.values["responded_on"].dt.date.tolist() == [day]
    shown = [t(k, "en", **v) for k, v in prepared.notices]
    if said:
        expected = t("ingest.notice.export_zone", "en", column="RecordedDate", n=1, zone=said)
        assert expected in shown
        assert not any("RecordedDate" in s and "carry no time zone" in s for s in shown)
    else:
        assert not any("Qualtrics' ImportId row), instead" in s for s in shown)


def test_cli_refuses_a_whole_file_date_in_the_future(con, tmp_path, monkeypatch, capsys):
    # SPEC §4: dates that parse and are not in the future. --date 2027-12-25 (a year ahead) stored both responses
    # on that day, and filled a blank date cell with it, while the same day in the date column was refused.
    path = tmp_path / "fixture.duckdb"
    con.close()
    monkeypatch.setenv("PORTAL_DB", str(path))
    ahead = date.today().replace(year=date.today().year + 1, day=1)  # in the future in every time zone
    no_dates = tmp_path / "f.csv"
    no_dates.write_text("总体满意度,推荐意愿\n5,10\n4,8\n", encoding="utf-8")
    one_blank = tmp_path / "g.csv"
    one_blank.write_text("日期,总体满意度,推荐意愿\n2026-05-01,5,10\n,4,8\n", encoding="utf-8")
    for file in (no_dates, one_blank):
        args = ["import", "surveys", str(file), "--store", "S001", "--date", ahead.isoformat()]
        assert cli.main(args) == 2
        err = capsys.readouterr().err
        assert f"The date for the whole file, {ahead.isoformat()}, is in the future (today is " in err
        assert cli.main([*args, "--lang", "zh"]) == 2
        assert f"整个文件的日期 {ahead.isoformat()} 晚于今天(" in capsys.readouterr().err
    check = db.connect(path)
    assert check.execute("select count(*) from survey_responses").fetchone() == (0,)
    today = surveys.file_date_limit(check)  # today in the reporting zone
    check.close()
    # today itself is no future date: the two responses are stored on it
    assert cli.main(["import", "surveys", str(no_dates), "--store", "S001", "--date", today.isoformat()]) == 0
    check = db.connect(path)
    assert check.execute("select count(*), min(responded_on) from survey_responses").fetchone() == (2, today)
    check.close()


@pytest.mark.parametrize(
    "status",
    [
        "Disqualified",
        "Deleted",
        "Screened out",
        "Screened-Out",
        "Over quota",
        "无效",
        "无效答卷",
        "作废",
        "已删除",
    ],
)
def test_disqualified_screened_out_and_invalid_responses_are_not_answers(con, status):
    # before, these rows were stored as answers, their overall 1 and recommend 0 counted (NPS -100 on 2 rows)
    content = (
        "response_id,Status,store_code,responded_on,overall_satisfaction,recommend_score\n"
        f"X1,Complete,S001,2026-03-02,5,10\nX2,{status},S001,2026-03-02,1,0\n"
    ).encode()
    prepared = load(con, content)
    refused = prepared.errors[prepared.errors["reason"] == "sat.import.error.not_a_response"]
    assert list(refused["row"]) == [3] and set(refused["column"]) == {"Status"}
    assert commit(con, content, skip_invalid=True).rows_added == 1


def test_a_response_type_the_portal_does_not_know_is_kept_and_listed_with_counts(con):
    content = (
        b"response_id,Status,store_code,responded_on,overall_satisfaction,recommend_score\n"
        b"X1,Complete,S001,2026-03-02,5,10\nX2,Pending review,S001,2026-03-02,4,9\n"
        b"X3,Pending review,S001,2026-03-02,3,6\nX4,Flagged,S001,2026-03-02,2,3\nX5,,S001,2026-03-02,4,8\n"
    )
    prepared = load(con, content)
    assert prepared.n_invalid == 0
    notes = [v for k, v in prepared.notices if k == "sat.import.notice.unknown_response_types"]
    assert len(notes) == 1 and (notes[0]["column"], notes[0]["n"]) == ("Status", 3)
    assert notes[0]["values"].en == "Pending review (2), Flagged (1)"
    assert t("sat.import.notice.unknown_response_types", "en", **notes[0]).startswith(
        "Status: 3 responses have a response type the portal does not know: Pending review (2), Flagged (1)."
    )
    assert "Pending review (2)、Flagged (1)" in t(
        "sat.import.notice.unknown_response_types", "zh", **notes[0]
    )
    assert commit(con, content).rows_added == 5
