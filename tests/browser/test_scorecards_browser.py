"""A team lead opens the scorecards team view, opens an agent's card and exports the printable PDF.

Own server over its own database: the fixture master data with tests/scorecards_fixture.py moved into the last
complete month of the report time zone (Asia/Shanghai): A001 王伟 composite 86.1 (QA left out), A002
insufficient data (team T1); A003 (team T2) must never show to T1's lead.
"""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from portal import users
from portal.filters import today_in
from portal.i18n import t
from portal.qa import display as qa_display
from portal.scorecards import display
from tests import fixtures, scorecards_fixture
from tests.browser.conftest import (
    _WATCH_SCRIPT_STATE,
    PASSWORD,
    choose_option,
    metric_texts,
    running_portal,
    signed_in,
    wait_idle,
)
from tests.browser.screens import TABLET_UA

DISPUTE_REASON = "The customer hung up before my greeting"


@pytest.fixture(scope="module")
def sc_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("scbrowser") / "portal.duckdb"
    con = fixtures.build_fixture_db(path)
    users.create_user(
        con, username="lead", display_name="Lead", password=PASSWORD, roles=["team_lead"], scope_team_id=1
    )
    scorecards_fixture.load(con)
    last_month = (today_in("Asia/Shanghai").replace(day=1) - timedelta(days=1)).replace(day=1)
    shift = (last_month - date(2026, 10, 1)).days
    con.execute(
        "update complaints set received_at = received_at + to_days(?::integer), "
        "first_response_at = first_response_at + to_days(?::integer), "
        "resolved_at = resolved_at + to_days(?::integer)",
        [shift, shift, shift],
    )
    con.execute("update qa_reviews set reviewed_on = reviewed_on + ?::integer", [shift])
    # an open dispute of A002's first review (the QA reviews page's "All disputes" table)
    con.execute(
        "insert into qa_disputes (qa_review_id, agent_id, reason, raised_by) select qa_review_id, agent_id, ?, "
        "'agent2' from qa_reviews where source_id = 'QA0011'",
        [DISPUTE_REASON],
    )
    con.close()
    with running_portal(path) as url:
        yield url


def _open_scorecards(page, url) -> None:
    signed_in(page, url, "lead", "/scorecards")
    expect(page.get_by_role("heading", name="Agent scorecards", exact=True)).to_be_visible(timeout=30_000)
    wait_idle(page)


def test_team_lead_opens_team_view_and_a_card(page, sc_server):
    _open_scorecards(page, sc_server)
    metrics = metric_texts(page, r"Agents ranked\s+1\b")
    assert re.search(r"Agents ranked\s+1\b", metrics) and re.search(r"Insufficient data\s+1\b", metrics), (
        metrics
    )
    expect(page.get_by_text("王伟 (A001)").first).to_be_visible()
    assert "86.1" in metrics and "1 of 1" in metrics, metrics
    expect(page.get_by_text("Left out for too little data: QA score").first).to_be_visible()
    # the other team's agent is nowhere: not in the card picker either
    picker = page.locator("[data-testid='stSelectbox']").filter(has_text="Agent's card").first
    for attempt in range(3):  # a click that lands on a rerun (the cookie component's) is dropped: repeat it
        wait_idle(page)
        picker.click()
        try:
            page.get_by_role("option").first.wait_for(timeout=5_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    options = page.get_by_role("option").all_inner_texts()
    assert options == ["A001 王伟", "A002 Agent Two"], options
    page.keyboard.press("Escape")
    choose_option(page, picker.locator("input"), "A002 Agent Two")
    wait_idle(page)
    expect(page.get_by_text("Agent Two (A002)").first).to_be_visible()
    expect(page.get_by_text("not ranked (insufficient data)").first).to_be_visible()


def test_team_lead_signs_off_and_exports_the_printable_pdf(page, sc_server, tmp_path):
    pytest.importorskip("fpdf")
    pypdf = pytest.importorskip("pypdf")
    _open_scorecards(page, sc_server)
    page.get_by_role("textbox", name="Coaching note (the agent reads it)").fill("继续保持24小时响应")
    page.get_by_role("button", name="Sign off this period").click()
    wait_idle(page)
    expect(page.get_by_text("Signed off: 王伟.").first).to_be_visible(timeout=20_000)
    expect(page.get_by_text("继续保持24小时响应").first).to_be_visible()
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="Printable scorecard (PDF)").click()
    target = tmp_path / "card.pdf"
    info.value.save_as(target)
    assert target.read_bytes().startswith(b"%PDF")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(target.read_bytes())).pages)
    assert "王伟" in text and "86.1" in text and "继续保持24小时响应" in text and "Agent Three" not in text


# a table's grid, chosen by the header of its first column, not by its place on the page (one run of make test read
# the card's QA table as the second grid, drawn a moment before the metric table), as its scrolled and shown widths
# and the headers of its columns that are on screen (the grid draws the headers of the columns in view only), left
# to right; null while no such grid is drawn
_FIND = """(first) => [...document.querySelectorAll("[data-testid='stDataFrame']")].find(
    (grid) => grid.querySelector("[role='columnheader']")?.textContent === first)"""
_GRID = f"""(first) => {{
    const grid = ({_FIND})(first);
    if (!grid) return null;
    const scroller = grid.querySelector(".dvn-scroller");
    return {{scrolled: scroller.scrollWidth, shown: scroller.clientWidth,
            labels: [...grid.querySelectorAll("[role='columnheader']")].map((h) => h.textContent)}};
}}"""


def _grid(page, first: str, shot=None) -> dict:
    """The grid whose first column is headed ``first``, once drawn and the page idle (with a screenshot of it)."""
    page.wait_for_function(f"(first) => !!({_FIND})(first)", arg=first, timeout=30_000)
    wait_idle(page)
    if shot is not None:
        page.evaluate(f"(first) => ({_FIND})(first).scrollIntoView()", first)
        page.screenshot(path=str(shot))
    return page.evaluate(_GRID, first)


@pytest.mark.parametrize(
    "width, height, agent, lang",
    [(768, 1024, "tablet", "zh"), (768, 1024, "tablet", "en"), (1024, 768, "desktop", "zh")],
)
def test_the_cards_metric_table_fits_without_a_sideways_scroll(
    browser, sc_server, width, height, agent, lang
):
    """Probe at 768 px (tablet portrait): the card's ten columns needed a sideways scroll nothing hinted at, and
    hid "调整后权重" / "是否计入"; at 1024 px beside the open sidebar too."""
    ua = {"user_agent": TABLET_UA, "has_touch": True} if agent == "tablet" else {}
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US", **ua)
    context.set_default_timeout(20_000)
    context.add_init_script(_WATCH_SCRIPT_STATE)
    page = context.new_page()
    try:
        signed_in(page, sc_server, "lead", f"/scorecards?lang={lang}")
        labels = {
            "zh": ["指标", "数值", "置信区间", "n", "得分", "权重", "调整后", "是否计入"],
            "en": ["Metric", "Value", "95% CI", "n", "Score", "Weight", "Rescaled", "In composite"],
        }[lang]
        table = _grid(page, labels[0])
        assert table["scrolled"] <= table["shown"], f"{width} px {lang}: {table}"
        assert table["labels"] == labels
    finally:
        context.close()


def _grid_at(browser, sc_server, width, height, agent, lang, path, first, shot):
    """The table of ``path`` whose first column is headed ``first`` (as the team lead) at ``width`` x ``height``,
    with a screenshot of it."""
    ua = {"user_agent": TABLET_UA, "has_touch": True} if agent == "tablet" else {}
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US", **ua)
    context.set_default_timeout(20_000)
    context.add_init_script(_WATCH_SCRIPT_STATE)
    page = context.new_page()
    try:
        signed_in(page, sc_server, "lead", f"{path}?lang={lang}")
        return _grid(page, first, shot)
    finally:
        context.close()


SIZES = [(1024, 768, "desktop", "en"), (1024, 768, "desktop", "zh"), (768, 1024, "tablet", "en")]


@pytest.mark.parametrize("width, height, agent, lang", SIZES)
def test_the_cards_qa_reviews_show_the_comment_without_a_sideways_scroll(
    browser, sc_server, tmp_path, width, height, agent, lang
):
    """Probe at 1024 px beside the open sidebar: the card's QA-review table was 738 px wide in 658 px, its
    Comment (last) behind a sideways scroll. The date, the score counted, the comment and how it counts come first
    and fit; the other columns may scroll."""
    # the card's tables: the ranking, the metrics, the QA reviews (the third)
    shown = display.reviews_table_shown(lang)
    key = list(shown.values())[:4]
    grid = _grid_at(
        browser, sc_server, width, height, agent, lang, "/scorecards", key[0].label, tmp_path / "card.png"
    )
    assert grid["labels"][:4] == [c.label for c in key], grid
    assert grid["scrolled"] == sum(c.width for c in shown.values()), grid  # the widths are the grid's own
    assert sum(c.width for c in key) <= display.REVIEW_TABLE_KEY_WIDTH <= grid["shown"], grid


@pytest.mark.parametrize("width, height, agent, lang", SIZES)
def test_all_disputes_show_the_agent_and_the_reason_without_a_sideways_scroll(
    browser, sc_server, tmp_path, width, height, agent, lang
):
    """Probe at 1024 px: the QA reviews page's "All disputes" table showed the agent and the reason (sixth and
    eleventh of thirteen columns) only after scrolling right."""
    shown = qa_display.disputes_table_shown(lang, "Asia/Shanghai")
    key = list(shown.values())[:3]
    grid = _grid_at(
        browser, sc_server, width, height, agent, lang, "/qa_reviews", key[0].label, tmp_path / "qa.png"
    )
    assert grid["labels"][:3] == [c.label for c in key], grid
    assert [t("qa.col.agent", lang), t("qa.col.reason", lang)] == [c.label for c in key[1:]]
    assert grid["scrolled"] == sum(c.width for c in shown.values()), grid
    assert sum(c.width for c in key) <= qa_display.DISPUTE_KEY_WIDTH <= grid["shown"], grid
