"""The translation table: complete in both languages, and every key the code uses exists."""

import re
import string
from pathlib import Path

from portal.i18n import TABLE, t

ROOT = Path(__file__).resolve().parent.parent
KEY_USE = re.compile(r"""\bt\(\s*["']([a-z0-9_]+\.[a-z0-9_.]+)["']""")


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_every_key_has_both_languages():
    missing = [k for k, (en, zh) in TABLE.items() if not en.strip() or not zh.strip()]
    assert missing == []


def test_chinese_text_is_chinese():
    # a zh text identical to its en text is only allowed for symbols and acronyms
    same = [
        k
        for k, (en, zh) in TABLE.items()
        if en == zh and re.search(r"[a-z]{4,}", re.sub(r"\{[^}]*\}", "", en))
    ]
    assert same == []


HAN = r"[\u4e00-\u9fff]"
HALF_WIDTH_NEXT_TO_HAN = re.compile(rf"{HAN} ?[,;:!?]|[,;:!?] ?{HAN}")


def test_chinese_text_uses_chinese_punctuation():
    """A comma, colon, semicolon, exclamation or question mark next to a Chinese character is full-width
    (，：；！？), as Chinese is written; placeholders and `code` are left out of the check. Parentheses follow
    the glossary, which writes them half-width (热点问题(帕累托))."""
    bad = {
        k: zh
        for k, (en, zh) in TABLE.items()
        if HALF_WIDTH_NEXT_TO_HAN.search(re.sub(r"\{[^{}]*\}|`[^`]*`", "", zh))
    }
    assert bad == {}
    assert HALF_WIDTH_NEXT_TO_HAN.search("当前用户:王伟") and not HALF_WIDTH_NEXT_TO_HAN.search(
        "当前用户：王伟"
    )


def test_chinese_text_writes_its_brackets_half_width_as_the_glossary_does():
    """The glossary writes brackets half-width in Chinese (热点问题(帕累托), 目标85分(满分100)); 32 strings wrote
    them full-width, so one screen read "待处理申诉（2）" beside "首次响应时长(中位数)"."""
    assert {k: zh for k, (_, zh) in TABLE.items() if "（" in zh or "）" in zh} == {}


# an f-string that puts an ASCII colon right after a translated label: f"{t('key')}: " or f"**{ui.t('key')}:**"
LABEL_THEN_ASCII_COLON = re.compile(r"""\bt\(\s*["'][a-z0-9_.]+["'][^()]*\)\)?\}(?:\*\*)?:""")


def test_a_chinese_label_ends_with_a_full_width_colon():
    """Chinese writes a label's colon full-width (申诉理由：…). The QA page wrote "申诉理由:" by adding an ASCII
    colon to the translated label in code; a label and its value go through text.label_value instead, and no
    Chinese string ends with an ASCII colon."""
    assert [k for k, (_, zh) in TABLE.items() if zh.rstrip().endswith(":")] == []
    assert t("text.label_value", "zh", label="申诉理由", value="x") == "申诉理由：x"
    found = [
        f"{path.relative_to(ROOT)}:{no}"
        for path in [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("portal/**/*.py")]
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if LABEL_THEN_ASCII_COLON.search(line)
    ]
    assert found == []
    assert LABEL_THEN_ASCII_COLON.search("""st.markdown(f"**{ui.t('qa.col.reason')}:** {row['reason']}")""")
    assert LABEL_THEN_ASCII_COLON.search("""f"<p>{e(t('scorecards.tile.rank', lang))}: {e(p.rank)}</p>" """)
    assert not LABEL_THEN_ASCII_COLON.search("""f"{t('x.y', lang)} {h}:{m}" """)


def test_placeholders_match_between_languages():
    bad = [k for k, (en, zh) in TABLE.items() if _fields(en) != _fields(zh)]
    assert bad == []


def test_every_literal_key_used_in_code_exists():
    used = set()
    for path in [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("portal/**/*.py")]:
        used |= set(KEY_USE.findall(path.read_text(encoding="utf-8")))
    assert used, "found no uses of t() at all"
    assert sorted(k for k in used if k not in TABLE) == []


def test_missing_key_falls_back_to_the_key():
    assert t("no.such.key", "zh") == "no.such.key"
    assert t("app.title", "zh") == "服务绩效看板"
    assert t("common.n", "en", n=1234) == "n = 1,234"


def test_keys_built_at_run_time_exist():
    from portal import audit, navigation, vocab

    families = {
        "role": navigation.ROLES,
        "audit.action": audit.ACTIONS,
        "status.kind": navigation.DATA_KINDS,
        "filters.preset": ("last_30", "last_90", "last_365", "this_year", "custom"),
        "complaints.state": vocab.COMPLAINT_STATUSES,
        "sat.no_responses": ("upload", "ask"),
        "sat.no_servqual": ("upload", "ask"),
    }
    missing = [
        f"{prefix}.{v}" for prefix, values in families.items() for v in values if f"{prefix}.{v}" not in TABLE
    ]
    assert missing == []
    for spec in navigation.PAGES:
        assert spec.title_key in TABLE and spec.section in TABLE, spec.key


def test_user_error_keys_exist():
    # the user functions and their role rules (portal/user_admin.py)
    source = "".join(
        (ROOT / "portal" / name).read_text(encoding="utf-8") for name in ("users.py", "user_admin.py")
    )
    keys = set(re.findall(r"UserError\(\s*\"([a-z_.]+)\"", source))
    assert len(keys) >= 10
    assert sorted(k for k in keys if k not in TABLE) == []


def test_generic_ingest_strings_live_with_the_ingest_strings():
    from portal.i18n import ingest, satisfaction

    generic = [k for k in TABLE if k.startswith("ingest.")]
    assert "ingest.mapping.pattern_bad" in generic
    assert [k for k in satisfaction.STRINGS if k.startswith("ingest.")] == []
    assert all(k in ingest.STRINGS for k in generic if k.startswith("ingest.mapping."))


def test_lists_in_messages_use_each_languages_separator():
    # English: ", "; Chinese: the enumeration comma "、" (issue-free polish: "S001, S002" read oddly in Chinese)
    from portal.i18n import Both, listed

    assert listed(["S001", "S002", 3]) == Both("S001, S002, 3", "S001、S002、3")
    assert listed(["a", "b"], more=True) == Both("a, b, …", "a、b等")
    assert listed([]) == Both("", "")
    assert listed(["x"]).text("zh") == "x" and str(listed(["a", "b"])) == "a, b"
    # made before the language is known, filled in the language asked
    values = {
        "name": "店铺",
        "columns": listed(["店铺 (column 1)", "店铺 (column 3)"]),
        "column": "c",
        "label": "l",
    }
    assert "店铺 (column 1)、店铺 (column 3)" in t("ingest.mapping.repeated_name", "zh", **values)
    assert "店铺 (column 1), 店铺 (column 3)" in t("ingest.mapping.repeated_name", "en", **values)


def test_the_overview_brief_lists_its_stores_with_the_chinese_comma():
    from datetime import date, datetime

    from portal.overview import brief
    from portal.overview.sources import Window

    window = Window(weeks=(date(2026, 11, 16), date(2026, 11, 23)), as_of=datetime(2026, 11, 30, 1, 0))
    driver = {"category": "delivery", "share_pct": 60.0, "breaches": 10, "stores": ["S001", "S004"]}
    zh, en = brief._driver(window, driver, "zh").text, brief._driver(window, driver, "en").text
    assert "S001、S004" in zh and "S001, S004" not in zh
    assert "most of them at S001, S004." in en


def test_the_pages_t_fills_values_given_in_both_languages_in_the_sessions_language(monkeypatch):
    # ui.t shows every value as plain text (md_plain, str()); a Both's str() is its English, so it is filled in
    # the session's language first (a list, a field's label, a zone's name on a Chinese page)
    from portal.i18n import Both, listed
    from portal.ui import core

    values = {"field": Both("Store code", "门店编码"), "codes": listed(["S998", "S999"])}
    monkeypatch.setattr(core, "lang", lambda: "zh")
    assert core.t("ingest.unknown_codes", **values) == "未知的门店编码：S998、S999"
    monkeypatch.setattr(core, "lang", lambda: "en")
    assert core.t("ingest.unknown_codes", **values) == "Unknown Store code: S998, S999"
    # still plain text: Markdown in a value does not render
    monkeypatch.setattr(core, "lang", lambda: "zh")
    shown = core.t("ingest.unknown_codes", field=Both("x", "[链接](http://e.x)"), codes="a")
    assert "[链接](http://e.x)" not in shown


# Chinese words the glossary (agent 客服专员, QA review 质检评分, team / team lead 班组 / 班组长) replaces
OFF_GLOSSARY = {"坐席": "客服专员", "质检评审": "质检评分", "质检记录": "质检评分", "团队": "班组"}
OFF_GLOSSARY |= {"审计日志": "操作日志"}  # audit log
# low confidence (the store view said 低置信度) and previous period (the scorecard tiles said 较上期)
OFF_GLOSSARY |= {"低置信": "样本不足", "较上期": "较上一周期"}
# inspector (the 5S import's messages and sheet said 检查人)
OFF_GLOSSARY |= {"检查人": "检查员"}


def test_chinese_strings_follow_the_glossary():
    """The QA strings said 坐席 for agent (15 of them) and titled the page 质检评审."""
    found = [(k, word) for k, (_, zh) in TABLE.items() for word in OFF_GLOSSARY if word in zh]
    assert found == []
    assert t("page.qa_reviews", "zh") == "质检评分" and t("ingest.kind.qa_reviews", "zh") == "质检评分"
    assert t("qa.col.agent", "zh") == t("scorecards.col.agent", "zh") == "客服专员"
    # corrective-action statuses: open / in progress / done (the store's submitted work) / verified
    statuses = [t(f"fives.action_status.{s}", "zh") for s in ("open", "in_progress", "submitted", "verified")]
    assert statuses == ["待处理", "进行中", "已完成", "已验证"]
    assert t("scorecards.vs_previous", "zh") == "较上一周期"
    assert t("store.trend.low", "zh", n=30) == "样本不足(n < 30)"
    assert t("store.fives.low_n", "zh", min=2) == "样本不足：检查少于 2 次"
    bare_lead = [k for k, (_, zh) in TABLE.items() if re.search(r"(?<!班)组长", zh)]
    assert bare_lead == []
    # agent is 客服专员 (the complaint list's agent filter, sort and column said 客服); 客服绩效记分卡 is the
    # scorecard's title, "agent scorecard"
    bare_agent = [k for k, (_, zh) in TABLE.items() if re.search(r"客服(?!专员|绩效记分卡)", zh)]
    assert bare_agent == []


def test_a_count_gives_the_english_word_form_and_no_string_says_s_in_brackets():
    from portal.i18n import TABLE, t

    assert t("ingest.many.commit", "en", n=1) == "Commit 1 file, one import batch each"
    assert t("ingest.many.commit", "en", n=2) == "Commit 2 files, one import batch each"
    assert t("ingest.many.commit", "zh", n=2) == "提交 2 个文件(每个文件一个导入批次)"
    one = t("fives_intake.parse.missing_items", "en", n=1, items="A1")
    assert one == "1 item of the checklist is not in the sheet: A1. Add it (N/A if it does not apply)."
    two = t("fives_intake.parse.missing_items", "en", n=2, items="A1, A2")
    assert (
        two == "2 items of the checklist are not in the sheet: A1, A2. Add them (N/A if they do not apply)."
    )
    assert not [key for key, (en, _) in TABLE.items() if "(s)" in en]


def test_a_5s_checklist_item_is_jianchaxiang():
    """A 5S checklist item is 检查项 (GLOSSARY); 34 of the 5S import's strings said 项目 and its sheet's item
    column 检查项目. The reader still takes 检查项目 and 项目 as headers (tests/test_fives_sheet_parse.py)."""
    said = [k for k, (_, zh) in TABLE.items() if k.startswith("fives") and "项目" in zh]
    assert said == []
    assert t("fives_intake.sheet.col.item", "zh") == t("fives_intake.tpl.items", "zh") == "检查项"
    assert t("fives_intake.parse.duplicate_item", "zh", item="SO1", first=9) == (
        "检查项 SO1 出现两次(首次在第 9 行)。每个检查项只保留一行。"
    )
    assert t("fives_intake.sheet.inspector", "zh") == "检查员"


def test_every_overview_key_is_used():
    """Each overview.* string is named in the code, literally or through its family (f"overview.alert.{kind}"):
    "overview.brief" ("Weekly brief") stayed in the table after the brief took its own title as its heading."""
    code = "".join(
        p.read_text(encoding="utf-8")
        for p in [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("portal/**/*.py")]
        if "i18n" not in p.parts
    )

    def used(key: str) -> bool:
        family = key.rsplit(".", 1)[0]
        return f'"{key}"' in code or f"'{key}'" in code or (family.count(".") >= 1 and f"{family}.{{" in code)

    assert [k for k in TABLE if k.startswith("overview.") and not used(k)] == []


def test_counts_of_rows_and_dates_in_import_messages_have_thousands_separators():
    # a file of 120,000 rows is read as one at a glance, in both languages
    refused = t("ingest.refused.invalid_rows", "en", n=1234, total=120000)
    assert refused.startswith("1,234 of 120,000 rows are invalid; nothing was written.")
    assert t("ingest.refused.invalid_rows", "zh", n=1234, total=120000).startswith(
        "120,000 行中有 1,234 行无效"
    )
    assert t("ingest.refused.invalid_rows", "en", n=1, total=1).startswith("1 of 1 row is invalid")
    stated = {"column": "日期", "example": "3/4", "year": 2026, "where": "the title"}
    assert t("ingest.notice.year_stated", "en", n=12000, **stated).startswith(
        "12,000 dates of column 日期 were written without their year"
    )
    assert t("ingest.notice.year_stated", "en", n=1, **stated).startswith(
        "1 date of column 日期 was written without its year"
    )
    assert t("ingest.notice.year_stated", "zh", n=12000, **stated).startswith(
        "日期 列有 12,000 个日期未写年份"
    )


def test_a_label_ending_in_its_own_colon_gets_one_colon_where_a_message_adds_one():
    # a survey tool writes its question as the column's header, colon and all (问卷星: "1、您光临的门店是：")
    column = "1、您光临的门店是："
    zh = t("ingest.mapping.time_of", "zh", label=column)
    assert zh == "1、您光临的门店是：时刻"
    assert t("ingest.mapping.time_of", "en", label="Store visited:") == "Store visited: time of day"
    # a colon inside a value, or a value the message puts no colon after, is kept as written
    assert t("ingest.mapping.time_of", "en", label="a::b") == "a::b: time of day"
    assert t("fives_intake.parse.note", "zh", text="备注：") == "备注："
