"""Issue 10 in a real browser over the demo data: filters apply with one click, persist across pages and
reloads; a Pareto bar opens the complaint list; the week in progress is not flagged; tablet tile titles."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.browser.conftest import (
    ROOT,
    open_page,
    page_report,
    pick_nth,
    running_portal,
    signed_in,
    wait_idle,
)

SHOTS = os.environ.get("PORTAL_SHOTS")  # a folder: screenshots of the dashboards are written there


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "portal.duckdb"
    env = dict(os.environ, PORTAL_DB=str(path), PORTAL_BCRYPT_ROUNDS="4")
    subprocess.run([sys.executable, "-m", "portal", "demo", "--scale", "0.3"], cwd=ROOT, env=env, check=True)
    # one complaint received, answered and resolved in the last minute, through the import: the demo's last day is
    # the machine's (UTC) day, so from 16:00 UTC on a Sunday the reporting zone's (Beijing's) running week held no
    # complaint, and on its first day its volume has no finished day to rest on: no "in progress" week was drawn
    # (CI runs at any hour)
    running = tmp_path_factory.mktemp("running") / "running_week.csv"
    now = datetime.now(UTC).replace(microsecond=0)
    stamps = [f"{now - timedelta(seconds=s):%Y-%m-%dT%H:%M:%SZ}" for s in (60, 40, 20)]
    running.write_text(
        "complaint_id,received_at,first_response_at,resolved_at,status,channel,store_code\n"
        f"RUNNING-WEEK-1,{','.join(stamps)},resolved,hotline,S001\n",
        encoding="utf-8",
    )
    subprocess.run(
        [sys.executable, "-m", "portal", "import", "complaints", str(running)], cwd=ROOT, env=env, check=True
    )
    with running_portal(path) as url:
        yield url


def tile_value(page, label: str) -> str:
    tile = page.locator("[data-testid='stMetric']").filter(has_text=label).first
    return tile.locator("[data-testid='stMetricValue']").inner_text()


def filter_caption(page):
    """The filter in words under the page title."""
    return (
        page.locator("[data-testid='stMain'] [data-testid='stCaptionContainer']")
        .filter(has_text="scope")
        .first
    )


def test_apply_once_with_list_open(page, demo_server):
    signed_in(page, demo_server, "admin", "/complaints", "Complaints", "admin-demo-2026")
    before = tile_value(page, "Complaints")
    box = (
        page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(has_text="Store").first
    )
    assert pick_nth(page, box, 2).startswith("S002")  # the list stays open
    button = page.locator("[data-testid='stSidebar'] button").filter(has_text="Apply filters").first
    box = button.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # as a person clicks
    wait_idle(page)
    after = tile_value(page, "Complaints")
    assert after != before
    caption = filter_caption(page).inner_text()
    assert "Store: S002" in caption, caption


def test_filters_survive_a_page_switch_and_a_reload(page, demo_server):
    signed_in(page, demo_server, "admin", "/complaints", "Complaints", "admin-demo-2026")
    box = (
        page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(has_text="Store").first
    )
    assert pick_nth(page, box, 3).startswith("S003")
    page.keyboard.press("Escape")
    wait_idle(page)
    caption = filter_caption(page)
    expect(caption).to_contain_text("Store: S003")
    assert "store=" in page.url
    open_page(page, "Satisfaction", "Satisfaction")
    expect(filter_caption(page)).to_contain_text("Store: S003")
    page.reload()
    wait_idle(page)
    page.get_by_role("heading", name="Satisfaction", exact=True).first.wait_for()
    expect(filter_caption(page)).to_contain_text("Store: S003")
    open_page(page, "Complaints", "Complaints")
    expect(filter_caption(page)).to_contain_text("Store: S003")


def test_a_pareto_bar_opens_the_list_filtered_to_its_category(page, demo_server):
    signed_in(page, demo_server, "admin", "/complaints", "Complaints", "admin-demo-2026")
    chart = page.locator("[data-testid='stPlotlyChart']").filter(has_text="Pareto").first
    chart.scroll_into_view_if_needed()
    wait_idle(page)
    bar = chart.locator(".bars .point path").first  # the largest category
    bar.click(force=True)
    page.get_by_role("heading", name="Complaint list", exact=True).first.wait_for(timeout=30_000)
    wait_idle(page)
    assert "category=" in page.url
    category = page.url.split("category=")[1].split("&")[0]
    caption = filter_caption(page).inner_text()
    assert "Category:" in caption, caption
    # every row of the list is in that category
    count = page.get_by_text(re.compile(r"[\d,]+ complaints · page 1 of"))
    expect(count).to_be_visible()
    assert category
    # the whole list downloads (its file is built when clicked, after the page's run: it failed with "no
    # signed-in user" and gave no file) with every complaint the list counts
    total = int(count.inner_text().split(" complaints")[0].replace(",", ""))
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Download the whole list (CSV)").click()
    download = info.value
    assert download.failure() is None, download.failure()
    with open(download.path(), encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == total
    assert rows and "Complaint" in rows[0]


def test_the_week_in_progress_is_not_flagged(page, demo_server):
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()
    monday = (today - timedelta(days=today.weekday())).isoformat()
    signed_in(page, demo_server, "admin", "/complaints", "Complaints", "admin-demo-2026")
    running = page.locator("[data-testid='stPlotlyChart'] text").filter(has_text="in progress")
    for tab in ("First response", "SLA", "Recovery"):
        page.get_by_role("tab").filter(has_text=tab).first.click()
        wait_idle(page)
        notes = page.locator("[data-testid='stCaptionContainer']").filter(
            has_text="outside the control limits"
        )
        for i in range(notes.count()):
            text = notes.nth(i).inner_text()
            assert monday not in text, (tab, text)
        if tab == "First response":  # the open tab's chart: the running week drawn apart, labelled (the
            # fixture's complaint of the last minute has its first response; a week without its figure has none)
            expect(running.first).to_be_attached()


@pytest.mark.parametrize("size", [(1024, 768), (768, 1024)])
def test_no_tile_title_is_cut_on_a_tablet(browser, demo_server, size):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="en-US")
    context.set_default_timeout(20_000)
    page = context.new_page()
    try:
        signed_in(page, demo_server, "admin", "/complaints", password="admin-demo-2026")
        # the first visit computes the page's figures cold (the landing overview may still be computing)
        title = page.get_by_role("heading", name="Complaints", exact=True).first
        try:
            title.wait_for(timeout=180_000)
        except PlaywrightTimeout as exc:  # what the page showed instead, for the CI log
            raise AssertionError("no Complaints title; " + page_report(page)) from exc
        page.locator("[data-testid='stMetricLabel']").nth(8).wait_for(timeout=90_000)
        wait_idle(page)
        labels = page.locator("[data-testid='stMetricLabel'], [data-testid='stMetricLabel'] *")
        assert labels.count() >= 9
        assert _cut_tile_texts(page) == []
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/complaints_{size[0]}x{size[1]}.png", full_page=False)
        # the overview: five complaint tiles a row, in Chinese too ("33.2 …" and "较上…" were cut at 768 px)
        for address in ("/overview", "/overview?lang=zh"):
            page.goto(demo_server + address)
            wait_idle(page)
            page.locator("[data-testid='stMetricValue']").nth(12).wait_for(timeout=90_000)
            wait_idle(page)
            assert _cut_tile_texts(page) == [], address
            if address.endswith(
                "zh"
            ):  # a word broken over two lines: "+2.3 个百分 / 点", "解决时长(中 / 位数)"
                words = ["个百分点", "中位数"]
                assert page.evaluate(_SPLIT_WORDS, words) == [], address
                assert page.locator("[data-testid='stMetricDelta']", has_text="个百分点").count() > 0
        # the complaint list's own choices show their value whole ("Received in the perio" at 768 px)
        page.goto(demo_server + "/complaint_list")
        wait_idle(page)
        page.get_by_role("combobox", name="Which complaints").wait_for(timeout=90_000)
        wait_idle(page)
        cut = page.evaluate(
            """() => [...document.querySelectorAll("[data-testid='stSelectbox'] input")]
                .filter((i) => ["Which complaints", "Overdue", "Sort by"].includes(i.getAttribute("aria-label")))
                .filter((i) => i.scrollWidth > i.clientWidth + 1).map((i) => i.value)"""
        )
        assert cut == []
    finally:
        context.close()


# the tile texts (title, change) in which one of ``words`` lies over more than one line
_SPLIT_WORDS = """(words) => [...document.querySelectorAll(
        "[data-testid='stMetricLabel'] *, [data-testid='stMetricDelta'] *")]
    .flatMap((el) => [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE))
    .flatMap((node) => words.filter((w) => node.textContent.includes(w)).map((w) => {
        const at = node.textContent.indexOf(w), range = document.createRange();
        range.setStart(node, at); range.setEnd(node, at + w.length);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        return tops.size > 1 ? node.textContent : null;
    }))
    .filter((text) => text !== null)"""


def _cut_tile_texts(page) -> list[str]:
    """The texts of the KPI tiles (label, value, change, "vs previous period") that do not fit their box."""
    return page.evaluate(
        """() => [...document.querySelectorAll(["stMetricLabel", "stMetricValue", "stMetricDelta",
                "stMetricDeltaDescription"].map(id => `[data-testid='${id}'], [data-testid='${id}'] *`).join(", "))]
            .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)"""
    )


def test_the_widgets_chrome_speaks_chinese_on_a_chinese_page(page, demo_server):
    """A browser probe found plotly's modebar ("Download plot as a PNG", "Zoom", …, Streamlit's "Fullscreen") and
    the multiselect's "Select 15 matches" in English on a Chinese page: plotly reads the chart's own locale
    (charts.plotly_config), CSS replaces the rest (ui_dash.chrome_words)."""
    signed_in(page, demo_server, "admin", "/complaints?lang=zh", "投诉", "admin-demo-2026")
    plot = page.locator("[data-testid='stMain'] .js-plotly-plot").first
    plot.hover()
    plot.locator(".modebar-btn").first.wait_for()
    titles = plot.evaluate(
        "p => [...p.querySelectorAll('.modebar-btn')].map(b => b.getAttribute('data-title'))"
    )
    assert "下载图表(PNG)" in titles and "自动缩放" in titles and "Zoom" not in titles, titles
    fullscreen = plot.locator(".modebar-btn[data-title='Fullscreen']")
    assert fullscreen.evaluate("b => getComputedStyle(b, '::after').content") == '"全屏"'
    box = (
        page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(has_text="门店").first
    )
    box.locator("input").click()
    page.keyboard.type("S00")
    bulk = page.locator("[role='option'][data-key='__select_matches__'] [data-item-hl]")
    assert bulk.evaluate("e => getComputedStyle(e, '::after').content") == '"选择全部匹配项"'
    assert bulk.evaluate("e => getComputedStyle(e).fontSize") == "0px"
    page.keyboard.press("Escape")
