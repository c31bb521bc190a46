"""Headers of Chinese work-order (工单) exports (网易七鱼, Udesk, 智齿, 美洽) that the column suggestions missed,
found by session 48's probe of such exports: each file is imported as the Upload page and ``portal import
complaints`` do it, with the suggested mapping and nothing mapped by hand."""

from __future__ import annotations

import pandas as pd

from portal.ingest import mapping, pipeline, registry
from tests.test_ingest_complaints import ADMIN, NOW

KIND = registry.kind("complaints")


def _import(con, *lines: str) -> pipeline.Prepared:
    data = ("\n".join(lines) + "\n").encode("gbk")
    options = pipeline.ImportOptions(now=NOW, timezone="Asia/Shanghai")
    prepared = pipeline.prepare(con, KIND, pipeline.read_upload(data, "工单导出.csv"), None, options, ADMIN)
    pipeline.commit(con, prepared, ADMIN)
    return prepared


def test_a_work_order_source_column_holding_channels_is_the_channel(con):
    """七鱼 and Udesk name the channel 工单来源 (the ticket's source: 热线电话, 在线客服, 微信公众号, 邮件). It was not
    suggested (a Chinese header is one word, never the alias 来源, and the channel's head noun was 渠道 alone):
    every complaint counted under the channel "other", with no source value kept, and the preview said the file
    had no channel column."""
    prepared = _import(
        con,
        "工单编号,创建时间,工单来源,门店",
        "QY1,2026-03-02 10:15,热线电话,S001",
        "QY2,2026-03-02 11:00,在线客服,S001",
        "QY3,2026-03-03 09:00,微信公众号,S002",
        "QY4,2026-03-03 12:00,邮件,S002",
    )
    assert prepared.mapping["channel"] == "工单来源"
    assert "ingest.notice.no_channel_column" not in [k for k, _ in prepared.notices]
    stored = con.execute(
        "select source_id, channel, channel_raw from complaints order by source_id"
    ).fetchall()
    assert stored == [
        ("QY1", "hotline", "热线电话"),
        ("QY2", "online", "在线客服"),
        ("QY3", "social_media", "微信公众号"),
        ("QY4", "email", "邮件"),
    ]


def test_a_source_column_of_other_values_is_no_channel():
    """投诉来源 and 渠道来源 holding channels are the channel; a 数据来源 naming the system, or a 客户来源 of customer
    kinds, is not (a head noun names a field with values only when the column's values are its)."""
    frame = pd.DataFrame(
        {
            "工单编号": ["Z1", "Z2", "Z3"],
            "创建时间": ["2026-03-02 10:15"] * 3,
            "数据来源": ["七鱼", "七鱼", "Udesk"],
            "客户来源": ["新客户", "老客户", "会员"],
            "投诉来源": ["电话", "APP", "门店"],
        }
    )
    got = mapping.suggest_mapping(KIND, list(frame.columns), frame)
    assert got["channel"] == "投诉来源"
    assert "数据来源" not in got.values() and "客户来源" not in got.values()
    both = frame.drop(columns="投诉来源").assign(渠道来源=["微博", "在线", "电话"])
    assert mapping.suggest_mapping(KIND, list(both.columns), both)["channel"] == "渠道来源"
    assert mapping.suggest_mapping(KIND, list(frame.columns[:4]), frame)["channel"] is None


def test_the_agent_under_a_work_orders_own_headers_is_suggested(con):
    """七鱼 names the agent 受理人 (by name, not code), 美洽 客服, Udesk 当前处理人, others 客服姓名 or 坐席: none was
    suggested, so every complaint was stored without its agent (a notice named the column, the mapping form left
    the agent blank) and each agent's scorecard lost the complaints they handled. The complainant (投诉人) and the
    agent's group (客服组) beside it are no agent."""
    _import(
        con,
        "工单编号,创建时间,渠道,门店,投诉人,受理人,客服组",
        "QY1,2026-03-02 10:15,电话,S001,王女士,Agent One,一组",
        "QY2,2026-03-02 11:00,电话,S001,李先生,Agent Three,二组",
    )
    stored = con.execute(
        "select c.source_id, a.agent_code from complaints c left join agents a using (agent_id) order by 1"
    ).fetchall()
    assert stored == [("QY1", "A001"), ("QY2", "A003")]
    for header in ("受理人", "客服", "当前处理人", "客服姓名", "客服名称", "坐席", "经办人"):
        frame = pd.DataFrame(
            {
                "工单编号": ["Z1", "Z2"],
                "创建时间": ["2026-03-02 10:15"] * 2,
                "投诉人": ["王女士", "李先生"],
                "客服组": ["一组", "二组"],
                header: ["Agent One", "A002"],
            }
        )
        assert mapping.suggest_mapping(KIND, list(frame.columns), frame)["agent_code"] == header, header


def test_a_work_orders_first_response_and_close_stamps_are_suggested(con):
    """首响时间 (the first response), 结单时间 / 关单时间 (the work order closed: SPEC's closed_at, status closed) were
    not suggested: such a file's complaints were stored without their first response and close, all open. 完结日期
    is 完结时间's date (the resolution, as 千牛's 完结时间 already was)."""
    _import(
        con,
        "工单编号,创建时间,首响时间,结单时间",
        "QY1,2026-03-02 10:15,2026-03-02 10:45,2026-03-03 09:00",
        "QY2,2026-03-02 11:00,2026-03-02 11:20,",
    )
    stored = con.execute(
        "select source_id, first_response_at, closed_at, status from complaints order by source_id"
    ).fetchall()
    # Asia/Shanghai is UTC+8: 10:45 there is 02:45 UTC
    assert [(s, str(f), str(c), st) for s, f, c, st in stored] == [
        ("QY1", "2026-03-02 02:45:00", "2026-03-03 01:00:00", "closed"),
        ("QY2", "2026-03-02 03:20:00", "None", "responded"),
    ]
    for header, field in (
        ("关单时间", "closed_at"),
        ("结单日期", "closed_at"),
        ("关单日期", "closed_at"),
        ("结案日期", "closed_at"),
        ("完结日期", "resolved_at"),
    ):
        frame = pd.DataFrame(
            {"工单编号": ["Z1", "Z2"], "创建时间": ["2026-03-02 10:15"] * 2, header: ["2026-03-04", ""]}
        )
        got = mapping.suggest_mapping(KIND, list(frame.columns), frame)
        assert got[field] == header, header


def test_a_work_orders_urgency_is_the_severity():
    """紧急度 and 重要程度 (a work order's urgency or importance: 高 / 中 / 低) were not suggested: every complaint
    counted as normal. A column ending in either is offered when its values are severities."""
    for header in ("紧急度", "重要程度", "工单紧急度"):
        frame = pd.DataFrame(
            {"工单编号": ["Z1", "Z2", "Z3"], "创建时间": ["2026-03-02 10:15"] * 3, header: ["高", "中", "低"]}
        )
        assert mapping.suggest_mapping(KIND, list(frame.columns), frame)["severity"] == header, header
    frame = pd.DataFrame({"工单编号": ["Z1", "Z2"], "创建时间": ["2026-03-02"] * 2, "工单紧急度": ["A", "B"]})
    assert mapping.suggest_mapping(KIND, list(frame.columns), frame)["severity"] is None


def test_a_work_orders_rating_is_the_satisfaction_only_when_its_values_are_points(con):
    """七鱼's 评价结果, 用户评价 or 服务评价 holding the customer's rating (满意, 非常满意; 1-5) was not suggested: the
    post-resolution satisfaction was lost. Such a header is the satisfaction only when its values are 1-5 points or
    satisfaction words the field reads: 好评 / 差评, a 1-10 score or a written comment stays unmapped."""
    _import(
        con,
        "工单编号,创建时间,评价结果",
        "QY1,2026-03-02 10:15,满意",
        "QY2,2026-03-02 11:00,非常满意",
        "QY3,2026-03-02 12:00,不满意",
        "QY4,2026-03-02 13:00,",
    )
    stored = con.execute("select source_id, post_resolution_csat from complaints order by 1").fetchall()
    assert stored == [("QY1", 4), ("QY2", 5), ("QY3", 2), ("QY4", None)]

    def suggested(header, values):
        frame = pd.DataFrame(
            {"工单编号": [f"Z{i}" for i in range(len(values))], "创建时间": ["2026-03-02"] * len(values)}
        )
        frame[header] = values
        return mapping.suggest_mapping(KIND, list(frame.columns), frame)["post_resolution_csat"]

    assert suggested("用户评价", ["5", "4", "1", "3"]) == "用户评价"
    assert suggested("服务评价", ["非常满意", "一般", "5"]) == "服务评价"
    assert suggested("服务评价", ["好评", "中评", "差评"]) is None
    assert suggested("评价结果", ["10", "8", "3", "6", "9"]) is None
    assert suggested("用户评价", ["态度很好", "等了太久", "5"]) is None
