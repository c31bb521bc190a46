"""Scorecard exports: formula-safe CSV, the print-ready page, the PDF with the agent's Chinese name as text;
and scope: a team lead's exports never hold another team's agent."""

import io
from datetime import datetime

import pytest

from portal.i18n import t
from portal.qa import display as qa_display
from portal.scope import Scope
from portal.scorecards import display, export, figures, periods
from tests import scorecards_fixture as fx

OCT = periods.parse("2026-10")
LEAD = Scope(team_id=1, store_ids=(1, 2))


@pytest.fixture
def sc_con(con):
    fx.load(con)
    return con


def _set(con, scope):
    return figures.figures(con, scope, OCT, timezone="UTC", sla_as_of=fx.SLA_AS_OF)


def _printable(con, scope, agent_id, lang="zh"):
    s = _set(con, scope)
    card = s.card(agent_id)
    reviews = figures.qa_reviews(figures.runner(con, scope), agent_id, OCT)
    return export.printable(card, s.history[agent_id], reviews, lang, "UTC", coaching_note="多关注质检抽样")


def test_team_csv_is_formula_safe_and_scoped(sc_con):
    text = export.team_csv(_set(sc_con, LEAD), "en").decode("utf-8-sig")
    assert "A001 王伟" in text and "A002" in text
    assert "A003" not in text and "A004" not in text
    assert "86.1" in text
    everyone = export.team_csv(_set(sc_con, Scope.everything()), "zh").decode("utf-8-sig")
    assert "A003" in everyone and "综合得分" in everyone
    # a count is whole (complaints handled 4, not 4.0) and a metric's points are not "QA score score"
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(text)))
    assert all("." not in r["Complaints handled"] for r in rows) and rows[0]["Complaints handled"]
    assert "QA score: points (0-100)" in rows[0] and not [c for c in rows[0] if c.endswith("score score")]


def test_team_csv_rank_and_percentile_are_whole_numbers_and_empty_when_unranked(sc_con):
    # probe R8: an unranked agent (None) made the columns float: Rank "1.0", Percentile "100.0" in the CSV
    import csv
    import dataclasses

    sset = _set(sc_con, Scope.everything())
    rows = list(csv.DictReader(io.StringIO(export.team_csv(sset, "en").decode("utf-8-sig"))))
    got = [(r["Agent"][:4], r["Rank"], r["Percentile"], r["QA score n"], r["Open disputes"]) for r in rows]
    assert got == [
        ("A001", "1", "100", "2", "0"),
        ("A002", "", "", "3", "0"),
        ("A003", "1", "100", "3", "0"),
        ("A004", "", "", "0", "0"),
    ]
    # a percentile is rounded as the card says it ("percentile 67"), not cut
    cards = (dataclasses.replace(sset.cards[0], percentile=200 / 3),) + sset.cards[1:]
    zh = export.team_csv(dataclasses.replace(sset, cards=cards), "zh").decode("utf-8-sig")
    first = next(csv.DictReader(io.StringIO(zh)))
    assert (first["排名"], first["百分位"]) == ("1", "67")


def test_the_rankings_open_disputes_are_those_of_the_period_shown(sc_con):
    # probe: the column counted an agent's open disputes of any period, so A001's dispute of a September review
    # (QA0031, 2026-09-10) showed on October's ranking, beside a QA score that does not rest on that review.
    # Hand count: A001's open disputes of October's reviews (QA0001, QA0002) 0, of September's 1; the tile (help:
    # "any period") still counts it in both months.
    import csv

    from portal import users, writes

    users.create_user(
        sc_con,
        username="agent1",
        display_name="A1",
        password="a long enough pass phrase 7",
        roles=["agent"],
        agent_id=1,
    )
    review = sc_con.execute("select qa_review_id from qa_reviews where source_id = 'QA0031'").fetchone()[0]
    writes.raise_qa_dispute(sc_con, users.load_user(sc_con, "agent1"), review, "September was fine")

    def column(period) -> dict:
        sset = figures.figures(sc_con, LEAD, period, timezone="UTC", sla_as_of=fx.SLA_AS_OF)
        rows = csv.DictReader(io.StringIO(export.team_csv(sset, "en").decode("utf-8-sig")))
        tile = {f.key: f.value for f in figures.headline(sset)}["open_disputes"]
        return {r["Agent"][:4]: r["Open disputes"] for r in rows} | {"tile": tile}

    assert column(OCT) == {"A001": "0", "A002": "0", "tile": 1.0}
    assert column(periods.parse("2026-09")) == {"A001": "1", "A002": "0", "tile": 1.0}
    assert (
        figures.figures(sc_con, LEAD, OCT, timezone="UTC", sla_as_of=fx.SLA_AS_OF).card(1).open_disputes == 0
    )


def test_an_agent_without_complaints_reads_no_data_in_both_csvs_never_0(sc_con):
    # probe: A004 (nothing in October) read "Complaints handled 0" with score 0.0 in the card's CSV and 0 in the
    # ranking's; with complaints handled weighted (10 of the weight, min n 1) the ranking's score was empty but the
    # card's 0.0. A count of nothing is "no data" (SPEC §3: never 0): empty in the ranking's CSV, "no data" and why
    # in the card's value cell, no score in either.
    import csv

    sc_con.execute("update scorecard_weight_rules set weight = 10 where metric_code = 'complaints_handled'")
    sc_con.execute("update scorecard_weight_rules set weight = 30 where metric_code = 'qa_score'")
    sset = _set(sc_con, Scope.everything())
    ranking = {
        r["Agent"][:4]: r
        for r in csv.DictReader(io.StringIO(export.team_csv(sset, "en").decode("utf-8-sig")))
    }
    score = "Complaints handled: points (0-100)"
    assert (ranking["A004"]["Complaints handled"], ranking["A004"][score]) == ("", "")
    assert "◐ Complaints handled (n 0 < 1)" in ranking["A004"]["Low data"]
    card = {
        r["Metric"]: r
        for r in csv.DictReader(io.StringIO(export.card_csv(sset.card(4), "en").decode("utf-8-sig")))
    }["Complaints handled"]
    assert (card["Value"], card["n"], card["Score"]) == (
        "no data: nothing to count in this period and selection (n = 0)",
        "0",
        "",
    )
    assert export.card_json(sset.card(4))["metrics"]["complaints_handled"]["value"] is None
    # an agent with complaints keeps the count and its score in both: A001's 10 (floor 20, target 60: score 0)
    assert (ranking["A001"]["Complaints handled"], ranking["A001"][score]) == ("10", "0.0")
    card1 = {
        r["Metric"]: r
        for r in csv.DictReader(io.StringIO(export.card_csv(sset.card(1), "en").decode("utf-8-sig")))
    }["Complaints handled"]
    assert (card1["Value"], card1["Score"]) == ("10", "0.0")


def test_card_csv_and_html(sc_con):
    card = _set(sc_con, LEAD).card(1)
    text = export.card_csv(card, "en").decode("utf-8-sig")
    assert "A001 王伟" in text and "left out: n 2 < 3" in text
    # rates scored on their value (10 of 10 in time: 100; 0 of 10 reopened: 100), each with its 95 % Wilson
    # interval beside it (tests/scorecards_fixture.py); no "scored value" column
    assert "24 h response SLA,100.0%,72.2–100.0,10,5,50.0% → 100.0%,100.0,35.0,58.3,✓ counted" in text
    assert "Reopen rate,0.0%,0.0–27.8,10,10,20.0% → 5.0%,100.0,0.0,0.0," in text
    p = _printable(sc_con, LEAD, 1)
    page = export.card_html(p, "zh")
    assert "王伟" in page and "@media print" in page and "综合得分" in page
    assert "<td>72.2–100.0</td>" in page
    assert (
        "比率类指标按其数值计分，并显示95% Wilson置信区间；样本少于最低样本数的指标不计入综合得分。" in page
    )
    # a review comment that looks like a formula or markup is escaped, never run
    assert "=SUM(A1) comment 1" in page and "<script" not in page
    assert p.reviews.shape[0] == 2


def test_review_comments_in_csv_are_neutralised(sc_con):
    from portal import export as base
    from portal.scorecards import display

    reviews = figures.qa_reviews(figures.runner(sc_con, LEAD), 1, OCT)
    text = base.to_csv_bytes(display.reviews_table(reviews, "en")).decode("utf-8-sig")
    assert "'=SUM(A1) comment 1" in text


def test_pdf_opens_and_has_the_chinese_name(sc_con):
    pytest.importorskip("fpdf")
    pypdf = pytest.importorskip("pypdf")
    from portal.scorecards import pdf

    if pdf.cjk_font() is None:
        pytest.fail("no CJK font: apt-get install fonts-wqy-microhei (make test installs it)")
    data = pdf.card_pdf(_printable(sc_con, LEAD, 1))
    assert data.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "王伟" in text and "综合得分" in text and "86.1" in text and "多关注质检抽样" in text
    fonts = {
        str(f["/BaseFont"])
        for page in reader.pages
        for f in page["/Resources"]["/Font"].values()
        if "/BaseFont" in f.get_object()
    }
    assert any("WenQuanYi" in f or "Noto" in f for f in fonts), fonts  # the CJK font is embedded


def test_team_lead_cannot_export_another_teams_card(sc_con):
    s = _set(sc_con, LEAD)
    assert s.card(3) is None  # no card, so no CSV, HTML or PDF of agent A003 can be made
    assert figures.qa_reviews(figures.runner(sc_con, LEAD), 3, OCT).empty


def test_generated_line_is_in_the_reporting_zone_with_its_name(sc_con):
    """Issue 10: the printed card said "Generated … (UTC)". Generated at 01:30 UTC with the reporting zone
    Asia/Shanghai (UTC+8): 09:30 Beijing time, named so in either language."""
    from datetime import datetime

    s = _set(sc_con, LEAD)
    card = s.card(1)
    reviews = figures.qa_reviews(figures.runner(sc_con, LEAD), 1, OCT)
    at = datetime(2026, 11, 2, 1, 30)
    zh = export.printable(card, s.history[1], reviews, "zh", "Asia/Shanghai", now=at)
    en = export.printable(card, s.history[1], reviews, "en", "Asia/Shanghai", now=at)
    assert "2026-11-02 09:30(北京时间)" in zh.footer and "按北京时间日期计" in zh.footer
    assert "Generated 2026-11-02 09:30 (Beijing time)" in en.footer
    assert "UTC" not in zh.footer + en.footer


def test_the_cards_table_on_screen_fits_a_tablet_and_the_csv_keeps_every_column(sc_con):
    # probe at 768 px: the card's ten columns (1,079 px in Chinese) scrolled sideways and hid 调整后权重 / 是否计入
    from portal.scorecards import display

    card = _set(sc_con, LEAD).card(1)
    for lang, hidden, labels in (
        (
            "en",
            ["Min n", "Floor → target"],
            ["Metric", "Value", "95% CI", "n", "Score", "Weight", "Rescaled"],
        ),
        ("zh", ["最低样本数", "下限 → 目标"], ["指标", "数值", "置信区间", "n", "得分", "权重", "调整后"]),
    ):
        shown = display.card_table_shown(card, lang)
        frame = display.card_table(card, lang)
        assert list(shown) == list(frame.columns)  # every column of the table is placed or hidden
        assert [label for label, c in shown.items() if c is None] == hidden
        on_screen = [c for c in shown.values() if c is not None]
        assert [c.label for c in on_screen][:-1] == labels
        # the open sidebar at 1024 px leaves the team lead's card 658 px
        assert sum(c.width for c in on_screen) == display.CARD_TABLE_WIDTH == 656
        header = export.card_csv(card, lang).decode("utf-8-sig").splitlines()[0].split(",")
        assert set(frame.columns) <= set(header)  # the CSV keeps them all, under their full labels
    zh = display.card_table_shown(card, "zh")
    assert (zh["调整后权重"].label, zh["调整后权重"].help) == ("调整后", "调整后权重")
    assert (zh["95%置信区间"].label, zh["95%置信区间"].help) == ("置信区间", "95%置信区间")
    assert zh["得分"].help.splitlines()[0] == "按下限至目标线性折算为0-100分；样本数达到最低样本数才计入："
    assert "- 质检得分：60.0 → 90.0，最低样本数 3" in zh["得分"].help.splitlines()
    assert (
        "- QA score: 60.0 → 90.0, min n 3" in display.card_table_shown(card, "en")["Score"].help.splitlines()
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_qa_tables_put_their_key_columns_first_within_the_sidebar_width(sc_con, lang):
    """1024 px beside the open sidebar leaves about 658 px: the card's QA reviews (Comment was last, 738 px in
    658) and the QA page's "All disputes" (agent and reason sixth and eleventh of thirteen) begin with their key
    columns, together at most 600 px; every column of the table is on screen, in the CSV in its own order."""
    from portal.i18n import t

    run = figures.runner(sc_con, Scope.everything())
    reviews = display.reviews_table(figures.qa_reviews(run, 1, periods.parse("2026-10")), lang)
    shown = display.reviews_table_shown(lang)
    assert set(shown) == set(reviews.columns)
    key = [t(f"scorecards.col.{c}", lang) for c in ("reviewed_on", "effective_score", "comment", "counts")]
    assert list(shown)[:4] == key
    assert sum(c.width for c in list(shown.values())[:4]) <= display.REVIEW_TABLE_KEY_WIDTH == 600
    assert shown[t("scorecards.col.effective_score", lang)].help == t("scorecards.col.effective_score", lang)

    disputes = qa_display.disputes_table_shown(lang, "Asia/Shanghai")
    columns = [t(f"qa.col.{c}", lang, zone="x") for c in qa_display.DISPUTE_COLUMNS]
    assert len(disputes) == len(columns) == 13
    key = [t(f"qa.col.{c}", lang) for c in ("dispute_id", "agent", "reason")]
    assert list(disputes)[:3] == key
    assert sum(c.width for c in list(disputes.values())[:3]) <= qa_display.DISPUTE_KEY_WIDTH == 600


def test_a_change_without_a_previous_composite_says_no_data_and_why(sc_con):
    """A card whose previous period has no composite showed its change blank, without a reason (the card, the
    printable page). A001: 86.1 in October, September insufficient data (3 QA reviews only, 40 % of the weight);
    A008, hired 2026-10-01 on T1 with October's data of A003 (composite 100.0): no card in September at all.
    A003 (T2, the chain's view): 100.0 in October, September a card of insufficient data (nothing at all)."""
    sc_con.execute(
        "insert into agents (agent_id, agent_code, name, team_id, home_store_id, is_active, hired_on)"
        " values (8, 'A008', 'Agent Eight', 1, 1, true, '2026-10-01')"
    )
    fx._complaints(sc_con, 8, 1, 801, 10, datetime(2026, 10, 5, 10, 0), [20] * 10)
    fx._qa(sc_con, 8, "2026-10-12", [95, 95, 95], 801)
    s = _set(sc_con, LEAD)
    one, eight = s.card(1), s.card(8)
    assert (round(one.composite, 1), one.change, round(eight.composite, 1), eight.change) == (
        86.1,
        None,
        100.0,
        None,
    )
    assert display.change_text(one, "en") == (
        "Change against 2026-09: no data (no composite in 2026-09: insufficient data then, too few scored metrics)"
    )
    assert (
        display.change_text(one, "zh")
        == "较 2026-09 的变化：无数据(2026-09 无综合得分：当期数据不足，可计分的指标太少)"
    )
    assert display.change_text(eight, "en") == (
        "Change against 2026-09: no data (no scorecard of this agent in 2026-09 in your view: not on this team or in "
        "your scope then, or not yet hired)"
    )
    assert display.change_text(eight, "zh") == (
        "较 2026-09 的变化：无数据(在您的查看范围内 2026-09 没有该客服专员的记分卡：当时不在本班组或不在您的权限范围内，"
        "或尚未入职)"
    )
    reviews = figures.qa_reviews(figures.runner(sc_con, LEAD), 1, OCT)
    page = export.printable(one, s.history[1], reviews, "en", "UTC")
    assert page.composite == f"86.1 / 100 · {display.change_text(one, 'en')}"
    # A003 (T2): September a card of insufficient data (nothing at all)
    assert display.change_text(_set(sc_con, Scope.everything()).card(3), "en") == (
        "Change against 2026-09: no data (no composite in 2026-09: insufficient data then, too few scored metrics)"
    )
    # no composite this period: the card's insufficient-data note says why
    two = s.card(2)
    assert two.composite is None and display.change_text(two, "en") is None
    # the ranking's CSV and the JSON say why beside the empty change (a review found them blank without a reason)
    import csv

    for lang, why in (("en", "Change: no data because"), ("zh", "变化无数据的原因")):
        rows = {
            r[t("scorecards.col.agent", lang)][:4]: r
            for r in csv.DictReader(io.StringIO(export.team_csv(s, lang).decode("utf-8-sig")))
        }
        change = t("scorecards.col.change", lang)
        assert {a: (r[change], r[why]) for a, r in rows.items()} == {
            "A001": ("", display.change_reason_text(one, lang)),
            "A002": ("", ""),
            "A008": ("", display.change_reason_text(eight, lang)),
        }
    assert rows["A001"]["变化无数据的原因"] == "2026-09 无综合得分：当期数据不足，可计分的指标太少"
    assert display.change_reason_text(eight, "en") == (
        "no scorecard of this agent in 2026-09 in your view: not on this team or in your scope then, or not yet "
        "hired"
    )
    cards = {c["agent_code"]: c for c in export.to_json(s, "en")["agents"]}
    assert cards["A001"]["change_no_data_reason"] == (
        "no composite in 2026-09: insufficient data then, too few scored metrics"
    )
    assert cards["A002"]["change_no_data_reason"] is None


def test_the_printed_cards_document_title_names_the_agent_and_period_not_a_file(sc_con):
    """Round 1 (zh): the printable page's title (the browser tab, a printed page's header) and the PDF's title
    read "客服绩效记分卡 scorecard_A001_2026-10", a file name inside a title. They name whose card of which period
    in words, as its heading on screen does: A001 王伟, October 2026 (a complete period)."""
    pypdf = pytest.importorskip("pypdf")
    from portal.scorecards import pdf

    card, history = _set(sc_con, LEAD).card(1), _set(sc_con, LEAD).history[1]
    reviews = figures.qa_reviews(figures.runner(sc_con, LEAD), 1, OCT)
    for lang, title in (
        ("zh", "客服绩效记分卡 · 王伟 (A001) · 2026-10"),
        ("en", "Agent scorecard · 王伟 (A001) · 2026-10"),
    ):
        p = export.printable(card, history, reviews, lang, "Asia/Shanghai")
        assert f"<title>{title}</title>" in export.card_html(p, lang)
        if lang == "zh" and pdf.cjk_font() is not None:
            assert pypdf.PdfReader(io.BytesIO(pdf.card_pdf(p))).metadata.title == title


def test_team_csv_headers_carry_the_units_the_screen_shows_in_its_cells(sc_con):
    # tablet probe, session 55: "Median resolution time" without its unit; the cells stay numbers
    import csv

    sset = _set(sc_con, Scope.everything())
    en = next(csv.DictReader(io.StringIO(export.team_csv(sset, "en").decode("utf-8-sig"))))
    assert en["Median resolution time (h)"] == "40.0" and en["24 h response SLA (%)"] == "100.0"
    assert "Median resolution time" not in en and "Median resolution time n" in en
    zh = next(csv.DictReader(io.StringIO(export.team_csv(sset, "zh").decode("utf-8-sig"))))
    assert zh["解决时长中位数(小时)"] == "40.0"
