"""The survey kind's fields: the response columns, their accepted spellings, the default instrument (so the
registered kind and its templates exist without a database) and the template's example rows. The SERVQUAL
columns of an instrument: portal.ingest.servqual_columns; rules and writes: portal.ingest.surveys."""

from __future__ import annotations

from dataclasses import replace

from portal.ingest.kinds import Field, choice_map, store_code_field, store_name_zh_field
from portal.instruments import Dimension, Instrument, Item

CHANNEL_CHOICES = choice_map(
    {
        "in_store": ("in-store", "instore", "store", "counter", "kiosk", "门店", "店内", "到店", "现场"),
        "online": (
            "web",
            "website",
            "online/web",
            "internet",
            "link",
            "在线",
            "网络",
            "在线/网络",
            "网站",
            "网页",
            "链接",
        ),
        "app": (
            "mobile app",
            "mini program",
            "miniprogram",
            "wechat",
            "应用",
            "小程序",
            "应用/小程序",
            "微信",
            "微信小程序",
            "公众号",
        ),
        "sms": ("text", "text message", "短信"),
        "email": ("e-mail", "mail", "电子邮件", "邮件", "邮箱"),
        "hotline": (
            "phone",
            "telephone",
            "call",
            "400",
            "热线",
            "热线电话",
            "电话",
            "电话回访",
            "400热线",
            "400电话",
        ),
        "other": ("others", "其他", "其它"),
        "social_media": ("social", "weibo", "douyin", "社交媒体", "微博", "抖音", "小红书"),
    }
)

# The default instrument as migration 002 seeds it (tests/test_survey_import.py checks they agree), so that
# the registered kind and its templates exist without a database.
_RATER = (
    ("tangibles", "Tangibles", "有形性", range(1, 5)),
    ("reliability", "Reliability", "可靠性", range(5, 10)),
    ("responsiveness", "Responsiveness", "响应性", range(10, 14)),
    ("assurance", "Assurance", "保证性", range(14, 18)),
    ("empathy", "Empathy", "移情性", range(18, 23)),
)
DEFAULT_INSTRUMENT = Instrument(
    code="SERVQUAL22",
    version=1,
    instrument_id=1,
    is_default=True,
    name_en="SERVQUAL - 22 items (retail store)",
    name_zh="SERVQUAL服务质量模型 - 22项(零售门店)",
    dimensions=tuple(Dimension(code, en, zh, 20.0) for code, en, zh, _ in _RATER),
    items=tuple(Item(n, code, "", "") for code, _, _, items in _RATER for n in items),
)


def base_fields(*, store_required: bool = True, date_required: bool = True) -> tuple[Field, ...]:
    return (
        Field(
            "response_id",
            "答卷编号",
            "text",
            label_en="Response id",
            example="R-000123",
            aliases=(
                "response",
                "response no",
                "response number",
                "respondent id",
                "survey id",
                "answer id",
                "submission id",
                "答卷号",
                "问卷编号",
                "答卷id",
                "回收编号",
            ),
        ),
        # 问卷星 "1、您光临的门店是：", "您消费的门店名称：", "您在哪家门店购物？" (answers: store names or codes; a
        # question ending in 门店, 「请选择门店」, is the head noun's). Not 「您对门店整体环境的满意度」, 「门店员工的服务
        # 态度」 or 「您是否会再次光临本店」: the store there is not what is asked
        replace(
            store_code_field(required=store_required),
            asks=(
                *((f"门店{end}$",) for end in ("是", "名称", "名称是", "编号", "编码", "代码")),
                *((f"{which}门店",) for which in ("哪家", "哪个", "哪一家", "哪间")),
            ),
        ),
        store_name_zh_field(),
        Field(
            "responded_on",
            "日期",
            "date",
            label_en="Date",
            required=date_required,
            keeps_time=True,  # a submit time identifies a response of a file without ids (survey_ids)
            example="2026-03-01",
            aliases=(
                "date",
                "survey date",
                "response date",
                "responded at",
                "submitted",
                "submitted at",
                "submit time",
                "recorded date",  # Qualtrics' RecordedDate (its column ids are the header)
                "timestamp",  # Google Forms
                "completion time",  # Microsoft Forms (beside its "Start time")
                "时间戳",  # Google Forms in Chinese
                "答卷日期",
                "调查日期",
                "提交时间",
                "提交答卷时间",  # 问卷星's own header
                "结束答题时间",  # 腾讯问卷: the submit time (beside its 开始答题时间)
                "答题结束时间",
                "答卷时间",
                "填写时间",
                "提交日期",
            ),
            # 问卷星 "5、您光临的日期：", a date of the visit or the answer: not 「您的出生日期」 (review of c00985e)
            asks=(
                *((word, "日期") for word in ("光临", "到店", "消费", "访问", "填写", "提交")),
                ("哪天",),
                ("哪一天",),
            ),
        ),
        Field(
            "channel",
            "渠道",
            "choice",
            label_en="Channel",
            choices=CHANNEL_CHOICES,
            lenient=True,
            unknown_value="other",
            keeps_text=False,  # survey_responses has no column for the file's own channel text
            example="in_store",
            aliases=("survey channel", "source", "调查渠道", "来源渠道", "来源"),
        ),
        Field(
            "overall_satisfaction",
            "总体满意度",
            "int",
            skip_codes=True,
            other_scales_refused=True,
            label_en="Overall satisfaction (1-5)",
            # not required (issue 9): a response with SERVQUAL answers but no overall answer counts for
            # SERVQUAL and is left out of the index (portal.ingest.surveys._check_overall)
            min_value=1,
            max_value=5,
            example="4",
            aliases=(
                "overall",
                "satisfaction",
                "overall satisfaction (1-5)",
                "csat",
                "满意度",
                "整体满意度",
                "总体满意度(1-5)",
                "总体评价",
            ),
            # 问卷星 "2、您对本次服务的总体满意度：" (not "您对店员服务态度的满意度", an item's)
            asks=(
                ("总体", "满意"),
                ("整体", "满意"),
                ("综合", "满意"),
                ("总体", "评价"),
                ("整体", "评价"),
                ("综合", "评价"),
                ("总的来说", "满意"),
            ),
        ),
        Field(
            "recommend_score",
            "推荐意愿",
            "int",
            skip_codes=True,
            # a 1-5 question's labels ("5分 非常满意", "1 = Very dissatisfied") put here: one file problem
            # (label_scales.numbered_ends), never read as 5 and 1 of 10
            other_scales_refused=True,
            label_en="Likelihood to recommend (0-10)",
            min_value=0,
            max_value=10,
            example="9",
            aliases=(
                "recommend",
                "likelihood to recommend",
                "likelihood to recommend (0-10)",
                "nps",
                "nps score",
                "推荐",
                "推荐可能性",
                "推荐度",
                "推荐意愿(0-10)",
            ),
            # 问卷星 "3、您向朋友推荐我们的可能性有多大？" (not "店员能向您推荐合适的商品", an item's)
            asks=(
                ("推荐", "可能"),
                ("推荐", "意愿"),
                ("愿意", "推荐"),
                ("推荐", "朋友"),
                ("推荐", "亲友"),
                ("推荐", "家人"),
                ("推荐", "他人"),
                ("推荐", "别人"),
            ),
        ),
        Field(
            "comment",
            "评论",
            "text",
            label_en="Comment",
            example="店员很热情",
            aliases=(
                "comments",
                "remark",
                "remarks",
                "feedback",
                "suggestion",
                "suggestions",  # Google Forms: the question is the header ("Suggestions for improvement")
                "anything else",  # "Is there anything else you would like to tell us?"
                "意见",
                "建议",
                "留言",
                "备注",
                "意见建议",
                "其他意见",
            ),
            asks=(
                ("意见",),
                ("建议",),
                ("留言",),
                ("评论",),
                ("想说",),
                ("想对我们说",),
            ),  # 4、您还有什么意见或建议？
        ),
        # Qualtrics' "Status" (IP Address, Survey Preview, Survey Test, Spam, Imported, Offline; numeric exports
        # 0/1/2/4/8/...): a preview, a test or spam is no customer's answer (response_types.NOT_RESPONSES)
        Field(
            "response_type",
            "答卷类型",
            "text",
            label_en="Response type (survey tool)",
            example="",
            aliases=("status", "response type", "response status", "答卷状态"),
            in_template=False,
        ),
        Field(
            "complaint_id",
            "投诉编号",
            "text",
            label_en="Complaint id (post-resolution survey)",
            example="",
            aliases=(
                "complaint",
                "complaint no",
                "complaint number",
                "ticket id",
                "ticket no",
                "工单号",
                "投诉单号",
            ),
        ),
    )


def template_rows(instrument: Instrument) -> tuple[dict[str, str], ...]:
    first = {
        "response_id": "R-000123",
        "store_code": "S001",
        "responded_on": "2026-03-01",
        "channel": "in_store",
        "overall_satisfaction": "4",
        "recommend_score": "9",
        "comment": "店员很热情",
        "complaint_id": "",
    }
    second = {
        "response_id": "R-000124",
        "store_code": "S002",
        "responded_on": "2026-03-02",
        "channel": "app",
        "overall_satisfaction": "3",
        "recommend_score": "6",
        "comment": "排队时间太长",
        "complaint_id": "",
    }
    for i, n in enumerate(instrument.item_numbers):
        first |= {f"e{n}": "6", f"p{n}": str(5 + (i % 2))}
        second |= {f"e{n}": "7", f"p{n}": "" if n == 3 else str(4 + (i % 3))}
    k = len(instrument.dimensions)
    share = [100 // k + (1 if i < 100 % k else 0) for i in range(k)]
    first |= {f"importance_{d.code}": str(s) for d, s in zip(instrument.dimensions, share, strict=True)}
    second |= {f"importance_{d.code}": "" for d in instrument.dimensions}
    return first, second
