"""Column mapping: likely matches pre-selected, problems named, mappings saved and offered next time."""

from __future__ import annotations

import pandas as pd
import pytest

from portal.i18n import t
from portal.ingest import mapping, registry

KIND = registry.kind("complaints")


def test_template_headers_match_in_both_languages():
    english = [f.name for f in KIND.fields]
    chinese = [f.header_zh for f in KIND.fields]
    assert mapping.suggest_mapping(KIND, english) == {f: f for f in english}
    assert mapping.suggest_mapping(KIND, chinese) == {f.name: f.header_zh for f in KIND.fields}


def test_another_systems_headers_get_likely_matches():
    headers = [
        "Ticket ID",
        "Created Time",
        "Contact Channel",
        "Priority",
        "Shop Code",
        "Assignee",
        "First Reply",
        "Resolved",
        "Closed Time",
        "Ticket Status",
        "Internal note",
    ]
    got = mapping.suggest_mapping(KIND, headers)
    assert got["source_id"] == "Ticket ID"
    assert got["received_at"] == "Created Time"
    assert got["channel"] == "Contact Channel"
    assert got["severity"] == "Priority"
    assert got["store_code"] == "Shop Code"
    assert got["agent_code"] == "Assignee"
    assert got["first_response_at"] == "First Reply"
    assert got["resolved_at"] == "Resolved"
    assert got["closed_at"] == "Closed Time"
    assert got["status"] == "Ticket Status"
    assert "Internal note" not in got.values()
    assert got["post_resolution_csat"] is None and got["category"] is None


def test_each_column_is_suggested_once():
    got = mapping.suggest_mapping(KIND, ["created", "Created Time"])
    assert [c for c in got.values() if c] == ["created"]


def test_mapping_problems_are_named():
    problems = mapping.check_mapping(
        KIND, ["A", "B"], {"source_id": "A", "received_at": "A", "channel": "Z", "nonsense": "B"}
    )
    keys = {(k, tuple(sorted(v.items()))) for k, v in problems}
    twice = next(v for k, v in problems if k == "ingest.mapping.column_twice")
    # named by the fields' labels in the user's language (issue 9)
    assert t("ingest.mapping.column_twice", "en", **twice) == (
        "Column A is mapped to more than one field (Complaint id (source system), Received (date and time))."
    )
    assert "接收时间" in t("ingest.mapping.column_twice", "zh", **twice)
    assert ("ingest.mapping.no_such_column", (("column", "Z"), ("field", "channel"))) in keys
    assert ("ingest.mapping.unknown_field", (("field", "nonsense"),)) in keys


@pytest.mark.parametrize(
    "header",
    ["NC", "State", "X Coordinate (State Plane)", "RequestSource", "Owner"],
)
def test_suggestions_match_whole_words_never_pieces(header):
    # 311-style headers: none may be suggested as severity, status, source or agent (issue 9)
    chosen = mapping.suggest_mapping(KIND, [header])
    assert {f: c for f, c in chosen.items() if c} == {}


def test_suggestions_find_an_alias_as_whole_words_inside_a_longer_header():
    chosen = mapping.suggest_mapping(
        KIND, ["Ticket Status (current)", "Date Received", "Closed Date", "投诉渠道"]
    )
    assert chosen["status"] == "Ticket Status (current)"  # alias "ticket status", whole words
    assert chosen["received_at"] == "Date Received"
    assert chosen["closed_at"] == "Closed Date"
    assert chosen["channel"] == "投诉渠道"


def test_saved_mapping_round_trip_and_offered_when_it_fits(con):
    chosen = {"source_id": "Ticket No", "received_at": "Opened", "channel": "Via", "category": None}
    mapping.save_mapping(con, "complaints", " ticketing-x ", chosen, "t_manager", {"timezone": "Asia/Tokyo"})
    saved = mapping.load_mapping(con, "complaints", "ticketing-x")
    assert saved.mapping == {"source_id": "Ticket No", "received_at": "Opened", "channel": "Via"}
    assert saved.options == {"timezone": "Asia/Tokyo"} and saved.created_by == "t_manager"
    # saving under the same name replaces it
    mapping.save_mapping(con, "complaints", "ticketing-x", {**chosen, "channel": "Medium"}, "t_admin")
    assert mapping.load_mapping(con, "complaints", "ticketing-x").mapping["channel"] == "Medium"
    assert [s.name for s in mapping.saved_mappings(con, "complaints")] == ["ticketing-x"]
    # offered for a file that has all its columns, not for one that lacks some
    assert (
        mapping.best_saved_mapping(con, "complaints", ["Ticket No", "Opened", "Medium", "x"]).name
        == "ticketing-x"
    )
    assert mapping.best_saved_mapping(con, "complaints", ["Ticket No", "Opened"]) is None
    assert mapping.saved_mappings(con, "surveys") == []


def test_a_duration_column_is_never_suggested_for_a_stamp():
    # Zendesk's and Freshdesk's durations (reviewer): every stamp was blanked when they were suggested
    headers = [
        "Id",
        "Created at",
        "Solved at",
        "First reply time in minutes",
        "Full resolution time in minutes",
        "First response time (in hrs)",
        "Resolution time (in hrs)",
        "首次响应时长（分钟）",
    ]
    chosen = mapping.suggest_mapping(KIND, headers)
    assert chosen["received_at"] == "Created at"
    assert chosen["resolved_at"] == "Solved at"
    assert chosen["first_response_at"] is None
    stamps = {f.name for f in KIND.fields if f.type in ("timestamp", "date")}
    assert not set(headers[3:]) & {chosen[name] for name in stamps}
    # they are the durations' (tests/test_ingest_complaint_durations.py)
    assert chosen["first_response_duration"] == "First reply time in minutes"
    assert chosen["resolution_duration"] == "Full resolution time in minutes"
    # the stamps themselves still match
    freshdesk = mapping.suggest_mapping(KIND, ["Ticket ID", "First response time", "Resolution time"])
    assert freshdesk["first_response_at"] == "First response time"
    assert freshdesk["resolved_at"] == "Resolution time"


def _frame(rows: dict[str, list[str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, index=range(2, 2 + len(next(iter(rows.values())))), dtype=object)


def test_a_source_column_of_channels_is_suggested_as_the_channel_not_the_source_system():
    # Freshdesk's "Source" is its channel: as the source system it split each complaint's key by channel
    frame = _frame(
        {
            "Ticket ID": ["F1", "F2", "F3", "F4"],
            "Created time": ["2026-11-02 09:00"] * 4,
            "Source": ["Email", "Phone", "Portal", "Feedback Widget"],
        }
    )
    chosen = mapping.suggest_mapping(KIND, list(frame.columns), frame)
    assert chosen["channel"] == "Source" and chosen["source"] is None
    # a column the header names a channel keeps it; the Source column is then left unmapped
    frame["Channel"] = ["phone"] * 4
    chosen = mapping.suggest_mapping(KIND, list(frame.columns), frame)
    assert chosen["channel"] == "Channel" and chosen["source"] is None
    # a source column of system names stays the source system; without cells, the header decides
    frame["Source"] = ["ticketing", "crm", "ticketing", "N/A"]
    assert mapping.suggest_mapping(KIND, list(frame.columns), frame)["source"] == "Source"
    assert mapping.suggest_mapping(KIND, ["Ticket ID", "Source"])["source"] == "Source"


def test_a_satisfaction_column_of_words_is_not_suggested_as_the_1_to_5_csat():
    # Zendesk's "Satisfaction Score" (good / bad / offered): as the CSAT every row was refused
    frame = _frame(
        {"Id": ["1", "2", "3", "4"], "Satisfaction Score": ["good", "bad", "offered", "unoffered"]}
    )
    assert mapping.suggest_mapping(KIND, list(frame.columns), frame)["post_resolution_csat"] is None
    # numbers (a blank, a "5分", one stray word) are still suggested
    frame["Satisfaction Score"] = ["4", "", "5分", "good"]
    got = mapping.suggest_mapping(KIND, list(frame.columns), frame)
    assert got["post_resolution_csat"] == "Satisfaction Score"
    # under the field's own template header the words are kept: each row is refused, said (not dropped unsaid)
    frame = _frame({"Id": ["1", "2"], "post_resolution_csat": ["good", "bad"], "解决后满意度": ["好", "差"]})
    got = mapping.suggest_mapping(KIND, list(frame.columns), frame)
    assert got["post_resolution_csat"] == "post_resolution_csat"
    got = mapping.suggest_mapping(KIND, ["Id", "解决后满意度"], frame)
    assert got["post_resolution_csat"] == "解决后满意度"


def test_a_column_of_plain_numbers_is_not_suggested_for_a_stamp_but_one_of_unix_times_is():
    # stamps are read as Unix time (10 or 13 digits) or compact dates (20250210): a column of other numbers under
    # a stamp's header ("Response time" in minutes) is a duration, not a stamp; nothing else is taken for a date
    frame = _frame(
        {
            "Ticket": ["1001", "1002", "1003", "1004"],
            "Created": ["1739157728", "1739161328000", "", "1739164928"],
            "Response time": ["35", "120", "8", "61"],
            "Closed": ["20250210", "20250211 093000", "20250212", ""],
            "Reopens": ["0", "1", "0", "20250210"],
        }
    )
    chosen = mapping.suggest_mapping(KIND, list(frame.columns), frame)
    assert chosen["received_at"] == "Created" and chosen["closed_at"] == "Closed"
    assert chosen["first_response_at"] is None
    assert chosen["reopen_count"] == "Reopens" and chosen["source_id"] == "Ticket"
    # under the field's own template header a column is taken as it is (its numbers are then the rows' errors)
    frame = _frame({"received_at": ["35", "120"]})
    assert mapping.suggest_mapping(KIND, ["received_at"], frame)["received_at"] == "received_at"


def test_a_chinese_store_name_column_is_offered_as_the_store():
    """门店名称 / 所属门店 (a Chinese CRM export's store, by name) were not offered: the rows committed without a
    store, gone from every store and region figure. A code column beside it still wins."""
    assert (
        mapping.suggest_mapping(KIND, ["工单编号", "创建时间", "渠道", "门店名称"])["store_code"]
        == "门店名称"
    )
    assert mapping.suggest_mapping(KIND, ["工单编号", "所属门店", "门店中文名称"])["store_code"] == "所属门店"
    both = mapping.suggest_mapping(KIND, ["工单编号", "门店名称", "门店代码"])
    assert both["store_code"] == "门店代码"


def test_a_salesforce_cases_report_gets_its_channel():
    """Salesforce's 'Case Origin' (Phone, Email, Web) was not offered: the import stopped until it was mapped."""
    headers = ["Case Number", "Date/Time Opened", "Case Origin", "Status", "Priority", "Case Owner"]
    got = mapping.suggest_mapping(KIND, headers)
    assert got["channel"] == "Case Origin"
    assert got["source_id"] == "Case Number" and got["received_at"] == "Date/Time Opened"
    assert got["agent_code"] == "Case Owner"


def test_an_id_column_keeps_its_header_when_its_ids_read_as_priorities():
    # session 31 probe: tickets P1, P2 under "Ticket ID" were not taken as ids (they read as priorities), so each
    # complaint got a derived id that the next export's changed status would change: every ticket twice
    frame = pd.DataFrame(
        {
            "Ticket ID": ["P1", "P2"],
            "Created at": ["2024-08-06 09:00", "2024-08-06 10:00"],
            "Via": ["Email", "Email"],
            "Status": ["Open", "Open"],
        }
    )
    chosen = mapping.suggest_mapping(KIND, list(frame.columns), frame)
    assert chosen["source_id"] == "Ticket ID"
    assert chosen["severity"] is None
    # a column of repeated priorities under an id's header is still no id
    frame["Ticket ID"] = ["P1", "P1"]
    assert mapping.suggest_mapping(KIND, list(frame.columns), frame)["source_id"] is None


@pytest.mark.parametrize("group", ["Q2_NPS_GROUP", "NPS group", "NPS Category", "NPS分组"])
def test_an_nps_group_column_is_not_suggested_as_the_likelihood_to_recommend(group):
    """Qualtrics' Q2_NPS_GROUP (1/2/3: detractor, passive, promoter) was mapped as the 0-10 score: every answer
    counted as a detractor and the NPS read -100 instead of 0."""
    surveys = registry.kind("surveys")
    frame = _frame({"ResponseId": ["R_1", "R_2", "R_3"], group: ["3", "2", "1"]})
    assert mapping.suggest_mapping(surveys, list(frame.columns), frame)["recommend_score"] is None
    assert mapping.suggest_mapping(surveys, ["ResponseId", group])["recommend_score"] is None
    # the score's own column beside it is still taken
    got = mapping.suggest_mapping(surveys, ["ResponseId", "NPS", group])
    assert got["recommend_score"] == "NPS"


def test_a_column_of_excel_serial_date_times_is_suggested_for_its_stamp():
    # exports probe: 受理时间 holding General-formatted Excel serials (46341.91666666666) was not suggested, and the
    # import refused the file ("Received (date and time)" not mapped); a duration in days stays no stamp
    frame = _frame(
        {
            "工单编号": ["XL1", "XL2", "XL3"],
            "受理时间": ["46341.91666666666", "46333.92847222222", "46328.88611111111"],
            "首次响应时间": ["46342.5", "", "46329"],
            "处理时长": ["1.5", "3", "0.25"],
        }
    )
    chosen = mapping.suggest_mapping(KIND, list(frame.columns), frame)
    assert (chosen["source_id"], chosen["received_at"], chosen["first_response_at"]) == (
        "工单编号",
        "受理时间",
        "首次响应时间",
    )


def test_plain_export_headers_of_agent_resolution_category_and_csat_are_suggested():
    # seen in real exports (probe files f01, f07, g10, g04, g11): each was left unused before
    got = mapping.suggest_mapping(
        KIND,
        ["工单编号", "来电时间", "处理人工号", "问题分类", "回复时间", "处理结果", "回访满意度"],
    )
    assert got["received_at"] == "来电时间"
    assert got["agent_code"] == "处理人工号"
    assert got["category"] == "问题分类"
    assert got["first_response_at"] == "回复时间"
    assert got["status"] == "处理结果"
    assert got["post_resolution_csat"] == "回访满意度"
    got = mapping.suggest_mapping(
        KIND, ["Reference", "Date logged", "staff_no", "First contact", "finish_time"]
    )
    assert got["source_id"] == "Reference" and got["received_at"] == "Date logged"
    assert got["agent_code"] == "staff_no" and got["first_response_at"] == "First contact"
    assert got["resolved_at"] == "finish_time"
    got = mapping.suggest_mapping(KIND, ["id", "create_time", "firstReplyTime"])
    assert got["first_response_at"] == "firstReplyTime"


def test_a_state_column_is_the_status_when_its_values_are_statuses():
    # f07's "state" holds 已撤销 / 处理中 / 已完成; a 311 export's "State" holds US states
    frame = pd.DataFrame(
        {
            "id": ["E1", "E2", "E3"],
            "create_time": ["2026-03-01 09:00"] * 3,
            "state": ["已撤销", "处理中", "已完成"],
        }
    )
    assert mapping.suggest_mapping(KIND, list(frame.columns), frame)["status"] == "state"
    us = frame.assign(state=["CA", "NY", "TX"])
    assert mapping.suggest_mapping(KIND, list(us.columns), us)["status"] is None


def test_a_chinese_header_naming_its_field_by_its_last_word_is_suggested():
    """Export probe: 投诉门店 (a hotline's store codes), Udesk's 工单分类 and 受理客服, Sobot's 受理渠道 and 处理客服
    were not suggested (a Chinese header is one word, never the alias 门店 or 分类): every complaint was stored
    without a store, and Sobot's was told it had no channel column. A Chinese compound names its kind of thing by
    its last word; for a field with values, only a column whose values are the field's."""
    headers = [
        "工单编号",
        "受理时间",
        "投诉门店",
        "受理渠道",
        "工单分类",
        "处理客服",
        "订单状态",
        "会员类型",
        "办结日期",
    ]
    frame = pd.DataFrame(
        {
            "工单编号": ["RX1", "RX2", "RX3"],
            "受理时间": ["2024-12-02 09:05", "2024-12-02 23:40", "2024-12-03 00:20"],
            "投诉门店": ["S008", "S008", "S009"],
            "受理渠道": ["微信", "电话", "在线客服"],
            "工单分类": ["商品质量问题", "服务态度", "物流配送"],
            "处理客服": ["王伟", "李芳", "王伟"],
            "订单状态": ["已付款", "待发货", "已签收"],  # an order's status, no complaint's
            "会员类型": ["金卡", "银卡", "普通会员"],  # a customer's type, no category
            "办结日期": ["2024-12-03", "2024-12-03", ""],
        }
    )
    got = mapping.suggest_mapping(KIND, headers, frame)
    assert got["store_code"] == "投诉门店"
    assert got["channel"] == "受理渠道"
    assert got["category"] == "工单分类"
    assert got["agent_code"] == "处理客服"
    assert got["closed_at"] == "办结日期"
    assert got["status"] is None
    # a header that holds the noun as a whole word still wins over one that ends with it
    assert mapping.suggest_mapping(KIND, ["工单编号", "投诉门店", "门店"])["store_code"] == "门店"


def test_wecom_and_qianniu_stamps_and_google_forms_comment_columns_are_suggested():
    """Session 40's probe: WeCom's 会话开始时间 (a session's start: received), 千牛's 申请时间 and 完结时间 (an
    after-sales request's filing and end: received, resolved) and Google Forms' comment question were left
    unmapped; a WeCom or 千牛 file had no received column and was refused until mapped by hand."""
    wecom = pd.DataFrame(
        {
            "会话ID": ["c1", "c2"],
            "会话开始时间": ["2026-11-03 09:00:00", "2026-11-03 10:00:00"],
            "接待成员": ["王伟", "李芳"],
        }
    )
    assert mapping.suggest_mapping(KIND, list(wecom.columns), wecom)["received_at"] == "会话开始时间"
    qianniu = pd.DataFrame(
        {
            "售后单号": ["1", "2"],
            "申请时间": ["2026-11-03 09:00", "2026-11-03 10:00"],
            "完结时间": ["2026-11-04 09:00", ""],
            "售后状态": ["处理完成", "处理中"],
        }
    )
    got = mapping.suggest_mapping(KIND, list(qianniu.columns), qianniu)
    assert (got["received_at"], got["resolved_at"]) == ("申请时间", "完结时间")
    surveys = registry.kind("surveys")
    for question in ("Is there anything else you would like to tell us?", "Suggestions for improvement"):
        form = pd.DataFrame(
            {"Timestamp": ["2026/11/03 9:15:02 PM GMT+8"], "Which store?": ["S001"], question: ["Kind staff"]}
        )
        assert mapping.suggest_mapping(surveys, list(form.columns), form)["comment"] == question


WENJUANXING = {
    "序号": ["1", "2"],
    "提交答卷时间": ["2026/11/3 10:00:01", "2026/11/3 11:00:01"],
    "所用时间": ["35秒", "40秒"],
    "1、您本次光临的门店：": ["S001", "S002"],
    "2、您对本次服务的总体满意度：": ["5", "4"],
    "3、您向朋友推荐我们的可能性有多大？": ["9", "8"],
    "4、您还有什么意见或建议？": ["很好", "(空)"],
    "5、您光临的日期：": ["2026-11-03", "2026-11-02"],
    "6、您对店员服务态度的满意度：": ["5", "3"],  # an item's satisfaction, not the overall one
    "7、店员能向您推荐合适的商品": ["6", "7"],  # a SERVQUAL-like item, not the likelihood to recommend
}


@pytest.mark.parametrize("traditional", [False, True])
def test_wenjuanxing_question_headers_are_suggested_for_their_fields(traditional):
    """问卷星 names each column by its question, numbered and closed by full-width punctuation: its overall
    satisfaction, likelihood to recommend and comment were left unmapped (a Chinese question is one word, never
    the alias 总体满意度), and the import counted no satisfaction at all unless each was chosen by hand."""
    from portal.ingest.cells import simplified

    frame = pd.DataFrame(WENJUANXING)
    if traditional:  # 問卷星 in Traditional: 您對本次服務的總體滿意度
        frame.columns = [c.replace("总体满意度", "總體滿意度").replace("推荐", "推薦") for c in frame.columns]
    surveys = registry.kind("surveys")
    got = mapping.suggest_mapping(surveys, list(frame.columns), frame)
    assert [simplified(got[f]) if got[f] else None for f in ("overall_satisfaction", "recommend_score")] == [
        "2、您对本次服务的总体满意度：",
        "3、您向朋友推荐我们的可能性有多大？",
    ]
    assert got["comment"] == "4、您还有什么意见或建议？"
    assert got["store_code"] == "1、您本次光临的门店："
    assert got["responded_on"] == "提交答卷时间"  # the tool's own stamp first
    without_stamp = frame.drop(columns=["提交答卷时间"])
    got = mapping.suggest_mapping(surveys, list(without_stamp.columns), without_stamp)
    assert got["responded_on"] == "5、您光临的日期："
    assert "6、您对店员服务态度的满意度：" not in got.values()
    assert "7、店员能向您推荐合适的商品" not in got.values()


def test_english_question_headers_are_suggested_for_their_fields():
    # the same questionnaire in English, numbered "Q1." as other tools do
    frame = pd.DataFrame(
        {
            "Q1. Which store did you visit?": ["S001"],
            "Q2. Overall, how satisfied are you with our service?": ["5"],
            "Q3. How likely are you to recommend us to a friend?": ["9"],
            "Q4. Any other comments or suggestions?": ["Kind staff"],
            "Q5. Date of your visit:": ["2026-11-03"],
        }
    )
    got = mapping.suggest_mapping(registry.kind("surveys"), list(frame.columns), frame)
    assert [
        got[f] for f in ("store_code", "overall_satisfaction", "recommend_score", "comment", "responded_on")
    ] == list(frame.columns)


def test_a_question_asks_for_a_field_only_with_its_pieces_close_and_the_tightest_is_suggested():
    # review of c00985e: ("整体", "满意") matched 「您对门店整体环境的满意度」 (the store's surroundings), which won
    # over the overall question as the first header; 「您的出生日期」 was suggested as the response date
    surveys = registry.kind("surveys")
    frame = pd.DataFrame(
        {
            "1、您本次光临的门店：": ["S001", "S002"],
            "2、您对门店整体环境的满意度：": ["4", "5"],
            "3、总体而言，您对我们满意吗？": ["5", "4"],
            "4、您对本次服务的总体满意度：": ["5", "4"],
            "5、您的出生日期：": ["1990-01-02", "1985-05-06"],
            "6、您还有什么意见或建议？": ["很好", ""],
        }
    )
    got = mapping.suggest_mapping(surveys, list(frame.columns), frame)
    assert got["overall_satisfaction"] == "4、您对本次服务的总体满意度："  # side by side, before 总体 … 满意
    assert got["responded_on"] is None
    alone = frame[["1、您本次光临的门店：", "2、您对门店整体环境的满意度：", "5、您的出生日期："]]
    got = mapping.suggest_mapping(surveys, list(alone.columns), alone)
    assert got["overall_satisfaction"] is None and got["responded_on"] is None
    visit = pd.DataFrame({"3、总体而言，您对我们满意吗？": ["5"], "您光临本店的日期：": ["2026-11-03"]})
    got = mapping.suggest_mapping(surveys, list(visit.columns), visit)
    assert got["overall_satisfaction"] == "3、总体而言，您对我们满意吗？"
    assert got["responded_on"] == "您光临本店的日期："
