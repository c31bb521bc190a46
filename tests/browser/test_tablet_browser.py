"""The tablet review's defects, in Chromium at a tablet's 768x1024 (portrait) with touch: the 5S form's "Next
section" shows the new section from its top, and going back keeps the scores given; no English input hint
("Press Enter to submit form") on a Chinese page; the 5S results page holds its layout at 768 px with the
sidebar open (and at 1024 px): headline tiles in balanced rows, the store view's charts apart, their titles clear
of the chart tools and legends; on a touch screen a table's toolbar leaves the caption above the table readable.

The database is this module's own (a portal server of its own): the fixture master data, an inspector of S001
and the region's manager, each with a display name that differs from the login name, and the 5S fixture of
tests/fives_fixture.py moved into the last 90 days.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    _WATCH_SCRIPT_STATE,
    PASSWORD,
    ROOT,
    fives_portal_db,
    running_portal,
    shown_on_failure,
    signed_in,
    wait_idle,
)

TABLET = {"width": 768, "height": 1024}
FORM = "5S inspection form"


@pytest.fixture(scope="module")
def tablet_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("tabletbrowser") / "portal.duckdb"
    fives_portal_db(path, ("ivy", "Ivy Inspector"), ("max", "Max Manager"))
    _complaints_of_the_last_weeks(path)
    with running_portal(path) as url:
        yield url


def _complaints_of_the_last_weeks(path) -> None:
    """A complaint a day at S001 over the last five weeks, each resolved after 30.8 h (imported as a file is): the
    overview's complaint tiles (the resolution median "30.8 小时" in a tile of a five-tile row)
    then have a change, against a week before the data covers from its first day (a change against a week the data
    covers only in part, or against nothing, is left out: portal.kpi.Comparison)."""
    from datetime import date, timedelta

    from portal import db
    from portal.auth import User
    from portal.ingest import pipeline, registry
    from portal.scope import Scope

    today = date.today()
    rows = "".join(
        f"T-{n},{today - timedelta(days=n)} 10:00,{today - timedelta(days=n)} 12:00,"
        f"{today - timedelta(days=n - 1)} 16:48,hotline,S001,A001\n"  # resolved after 30.8 h
        for n in range(2, 36)
    )
    text = "source_id,received_at,first_response_at,resolved_at,channel,store_code,agent_code\n" + rows
    con = db.connect(path)
    try:
        admin = User("setup", "Setup", ("admin",), Scope.everything())
        prepared, _ = pipeline.import_bytes(
            con,
            registry.kind("complaints"),
            text.encode(),
            "last_weeks.csv",
            None,
            pipeline.ImportOptions(),
            admin,
        )
        assert prepared.errors.empty, prepared.errors
    finally:
        con.close()


@pytest.fixture
def tablet(browser, request):
    """A page at 768x1024 with touch, its script state watched (conftest.wait_idle)."""
    context = browser.new_context(viewport=TABLET, locale="en-US", has_touch=True)
    context.set_default_timeout(20_000)
    context.add_init_script(_WATCH_SCRIPT_STATE)
    page = context.new_page()
    yield page
    if getattr(request.node, "failed_call", False):  # what the browser showed, for CI logs
        out = ROOT / "test-results"
        out.mkdir(exist_ok=True)
        page.screenshot(path=str(out / f"{request.node.name}.png"), full_page=True)
    context.close()


def in_view(page, locator) -> bool:
    """The element's top is inside the viewport and below Streamlit's fixed header (not hidden under it)."""
    box = locator.bounding_box()
    header = page.locator("[data-testid='stHeader']").bounding_box()
    top = header["y"] + header["height"] if header else 0
    return box is not None and top - 1 <= box["y"] < page.viewport_size["height"] - 40


def goto(page, base_url: str, path: str, heading: str) -> None:
    """Open a page by its address (at 768 px the sidebar is folded away) and wait until it shows."""
    page.goto(f"{base_url}/{path}")
    page.get_by_role("heading", name=heading, exact=True).first.wait_for(timeout=30_000)
    wait_idle(page)


def score_all(page, value: str) -> None:
    groups = page.locator("[data-testid='stButtonGroup']")
    expect(groups).to_have_count(5)
    for k in range(5):
        groups.nth(k).get_by_role("radio", name=value, exact=True).click()
        wait_idle(page)


def _discard_draft(page) -> None:
    page.get_by_text("Discard this draft").click()
    page.get_by_role("button", name="Discard the draft and start again").click()
    wait_idle(page)


def test_next_section_starts_at_the_top_of_the_new_section(tablet, tablet_server):
    page = tablet
    signed_in(page, tablet_server, "ivy", "/fives_inspect", FORM)
    page.get_by_role("button", name="Start the inspection").click()
    wait_idle(page)
    try:
        for k, name in ((2, "Set in order"), (3, "Shine")):
            score_all(page, "4")
            forward = page.get_by_role("button", name="Next section →")
            forward.scroll_into_view_if_needed()  # the inspector is at the bottom, where the button is
            forward.click()
            wait_idle(page)
            heading = page.get_by_text(f"Section {k} of 5: {name}")
            expect(heading).to_be_visible()
            page.wait_for_timeout(300)  # a scroll, if any, has happened by now
            assert in_view(page, heading), f"section {k}'s heading is out of view: {heading.bounding_box()}"
            first_item = page.locator("[data-testid='stButtonGroup']").first
            assert in_view(page, first_item), "the section's first item is out of view"
        # "Previous section" goes to the top of that section too
        back = page.get_by_role("button", name="← Previous section")
        back.scroll_into_view_if_needed()
        back.click()
        wait_idle(page)
        heading = page.get_by_text("Section 2 of 5: Set in order")
        expect(heading).to_be_visible()
        page.wait_for_timeout(300)
        assert in_view(page, heading)
        # and keeps the scores of the sections left (they came back blank and were saved so)
        expect(page.get_by_text("10 of 25 items scored", exact=True)).to_be_visible()
        # a score given further down does not scroll the page (only a change of section does)
        last = page.locator("[data-testid='stButtonGroup']").last
        last.scroll_into_view_if_needed()
        last.get_by_role("radio", name="3", exact=True).click()
        wait_idle(page)
        page.wait_for_timeout(300)
        assert in_view(page, last), "a score given moved the page"
    finally:
        _discard_draft(page)


def hints(page) -> list[str]:
    """The texts of Streamlit's input hints on the page (under text inputs and areas), as shown."""
    return [
        t.strip() for t in page.locator("[data-testid='InputInstructions']").all_inner_texts() if t.strip()
    ]


def shown_hint(page, locator) -> str:
    """What the hint under an input shows (CSS may put other words there: its ::after content)."""
    return page.evaluate(
        """(el) => {
            const box = el.closest("[data-testid='stTextInput'], [data-testid='stTextArea']");
            const hint = box && box.querySelector("[data-testid='InputInstructions']");
            if (!hint || hint.offsetParent === null) return "";
            return Array.from(hint.querySelectorAll("span")).map((s) => {
                const after = getComputedStyle(s, "::after").content;
                const own = parseFloat(getComputedStyle(s).fontSize) > 0 ? s.textContent : "";
                return own + (after && after !== "none" ? after.replace(/^"|"$/g, "") : "");
            }).join(" ");
        }""",
        locator.element_handle(),
    )


def test_no_english_enter_hint_under_the_inputs_of_a_chinese_page(tablet, tablet_server):
    page = tablet
    # a form with a text area (what was done on an action) in Chinese: no "Press Ctrl+Enter to submit form"
    signed_in(page, tablet_server, "ivy", "/fives_actions?action=1&lang=zh", "整改措施")
    done = page.locator("[data-testid='stTextArea'] textarea").first
    done.click()
    done.type("箱子已搬走")
    page.wait_for_timeout(300)
    assert "Enter" not in shown_hint(page, done), shown_hint(page, done)
    assert not [h for h in hints(page) if "Enter" in h], hints(page)
    # the form is still submitted by its button
    page.get_by_role("button", name="提交整改情况").click()
    wait_idle(page)
    expect(page.get_by_text("整改措施 #1 已提交待验证").first).to_be_visible()
    # a form of text inputs (the password change): no "Press Enter to submit form"
    page.goto(f"{tablet_server}/account?lang=zh")
    page.get_by_role("heading", name="我的账户", exact=True).first.wait_for(timeout=30_000)
    wait_idle(page)
    current = page.locator("[data-testid='stTextInput'] input").first
    current.click()
    current.type("something")
    page.wait_for_timeout(300)
    assert "Enter" not in shown_hint(page, current), shown_hint(page, current)
    # a text input outside a form (the 5S form's comment) keeps its hint, in Chinese
    goto(page, tablet_server, "fives_inspect?lang=zh", "5S检查表单")
    page.get_by_role("button", name="开始检查").click()
    wait_idle(page)
    try:
        comment = page.locator("[data-testid='stTextInput'] input").first
        comment.click()
        comment.type("纸箱堵住通道")
        page.wait_for_timeout(300)
        assert shown_hint(page, comment) == "按回车键确认", shown_hint(page, comment)
    finally:
        page.keyboard.press("Tab")
        wait_idle(page)
        page.get_by_text("放弃此草稿").click()
        page.get_by_role("button", name="放弃草稿并重新开始").click()
        wait_idle(page)


def test_sign_in_by_enter_without_an_english_hint(tablet, tablet_server):
    page = tablet
    page.goto(f"{tablet_server}/?lang=zh")
    wait_idle(page)
    page.get_by_role("textbox", name="用户名").fill("max")
    password = page.get_by_role("textbox", name="密码")
    password.fill(PASSWORD)
    page.wait_for_timeout(300)
    assert "Enter" not in shown_hint(page, password), shown_hint(page, password)
    password.press("Enter")  # the sign-in form still signs in by Enter
    page.locator("[data-testid='stSidebar'] button:has-text('退出登录')").wait_for(
        state="attached", timeout=30_000
    )


def open_sidebar(page) -> None:
    """Unfold the sidebar (Streamlit folds it by itself at this width, or not, depending on the load)."""
    side = page.locator("[data-testid='stSidebar']")
    box = side.bounding_box()
    if box is None or box["x"] < 0 or box["width"] < 10:
        page.locator("[data-testid='stExpandSidebarButton']").click()
        page.wait_for_function(
            "() => { const s = document.querySelector(\"[data-testid='stSidebar']\");"
            " const r = s && s.getBoundingClientRect(); return r && r.x >= 0 && r.width > 200; }"
        )
        wait_idle(page)


def overlaps(a: dict, b: dict, slack: float = 1.0) -> bool:
    return (
        a["x"] + a["width"] - slack > b["x"]
        and b["x"] + b["width"] - slack > a["x"]
        and a["y"] + a["height"] - slack > b["y"]
        and b["y"] + b["height"] - slack > a["y"]
    )


# per plotly chart: its box, its title's, its tool bar's and its legend's (client rectangles; null when absent)
_CHART_PARTS = """() => Array.from(document.querySelectorAll("[data-testid='stPlotlyChart']")).map((c) => {
    const rect = (el) => { if (!el) return null; const r = el.getBoundingClientRect();
        return r.width && r.height ? {x: r.x, y: r.y, width: r.width, height: r.height} : null; };
    return {chart: rect(c), title: rect(c.querySelector(".gtitle")),
            tools: rect(c.querySelector(".modebar")), legend: rect(c.querySelector(".legend"))};
})"""


def check_fives_layout(page, width: int) -> None:
    tiles = [t.bounding_box() for t in page.locator("[data-testid='stMetric']").all()]
    assert len(tiles) == 5
    for i, a in enumerate(tiles):
        assert a["width"] >= 110, f"{width} px: tile {i} is {a['width']:.0f} px wide (its words break)"
        for b in tiles[i + 1 :]:
            assert not overlaps(a, b), f"{width} px: tiles overlap"
    rows: dict[int, int] = {}
    for box in tiles:
        rows[round(box["y"] / 20)] = rows.get(round(box["y"] / 20), 0) + 1
    per_row = sorted(rows.values(), reverse=True)
    assert per_row in ([5], [3, 2]), f"{width} px: tiles per row {per_row} (one alone on a line)"
    page.get_by_role("tab", name="One store").click()
    wait_idle(page)
    page.locator("[data-testid='stPlotlyChart'] .gtitle").nth(1).wait_for()
    page.wait_for_timeout(500)  # plotly lays out once more after the first draw
    charts = page.evaluate(_CHART_PARTS)
    assert len(charts) == 2
    radar, trend = charts
    assert not overlaps(radar["chart"], trend["chart"]), f"{width} px: the charts overlap"
    for name, c in (("radar", radar), ("trend", trend)):
        assert c["title"] is not None
        inside = c["chart"]
        assert c["title"]["x"] >= inside["x"] - 1, f"{width} px: {name}'s title starts outside its chart"
        assert c["title"]["x"] + c["title"]["width"] <= inside["x"] + inside["width"] + 1, (
            f"{width} px: {name}'s title runs past its chart: {c['title']} in {inside}"
        )
        for other in (radar, trend):
            if other is not c:
                assert not overlaps(c["title"], other["chart"]), (
                    f"{width} px: {name}'s title on the other chart"
                )
        if c["tools"] is not None:
            assert not overlaps(c["title"], c["tools"]), f"{width} px: {name}'s title under its tool bar"
        if c["legend"] is not None:
            assert not overlaps(c["title"], c["legend"]), f"{width} px: {name}'s title on its legend"


@pytest.mark.parametrize("width, height", [(768, 1024), (1024, 768)])
def test_fives_results_hold_their_layout_with_the_sidebar_open(browser, tablet_server, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US", has_touch=True)
    context.set_default_timeout(20_000)
    context.add_init_script(_WATCH_SCRIPT_STATE)
    page = context.new_page()
    with shown_on_failure(f"fives_layout_{width}", {"": page}):
        signed_in(page, tablet_server, "max", "/fives")
        page.locator("[data-testid='stMetric']").first.wait_for(timeout=30_000)
        wait_idle(page)
        open_sidebar(page)
        check_fives_layout(page, width)


def touch_page(browser, viewport=TABLET):
    """A page as a tablet's browser sees it: touch and a coarse pointer without hover (Streamlit's table then
    keeps its toolbar shown while the table has the focus)."""
    context = browser.new_context(viewport=viewport, locale="en-US", has_touch=True, is_mobile=True)
    context.set_default_timeout(20_000)
    context.add_init_script(_WATCH_SCRIPT_STATE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "pointer", "value": "coarse"}, {"name": "hover", "value": "none"}]},
    )
    return context, page


def test_a_tables_toolbar_leaves_its_caption_readable_on_a_touch_screen(browser, tablet_server):
    context, page = touch_page(browser)
    try:
        signed_in(page, tablet_server, "ivy", "/fives_actions", "Corrective actions")
        assert page.evaluate("matchMedia('(pointer: coarse)').matches")
        caption = page.get_by_text(re.compile(r"^\d+ actions: those opened by the period's inspections"))
        expect(caption).to_be_visible()
        table = page.locator("[data-testid='stDataFrame']").nth(1)  # the list (the loop's table comes first)
        table.scroll_into_view_if_needed()
        table.tap(position={"x": 40, "y": 60})  # a cell: the table takes the focus, its toolbar shows
        toolbar = page.locator("[data-testid='stElementToolbar']").nth(1)
        page.wait_for_function(
            "(el) => getComputedStyle(el).opacity === '1'", arg=toolbar.element_handle(), timeout=5_000
        )
        page.wait_for_timeout(400)  # the toolbar slides into place
        bar, words = toolbar.bounding_box(), caption.bounding_box()
        assert not overlaps(bar, words), f"the table's toolbar {bar} covers its caption {words}"
        assert not overlaps(bar, table.bounding_box(), slack=4), "the toolbar covers the table"
    except Exception:
        out = ROOT / "test-results"
        out.mkdir(exist_ok=True)
        page.screenshot(path=str(out / "table_toolbar_touch.png"), full_page=True)
        raise
    finally:
        context.close()


# per tile's "vs previous period": its words, whether the row holding it (the change and the words; overflow
# hidden) cuts it, and its height in lines
_DELTA_CAPTIONS = """() => Array.from(document.querySelectorAll("[data-testid='stMetricDeltaDescription']")).map((el) => {
    const row = el.parentElement, box = el.getBoundingClientRect(), rowBox = row.getBoundingClientRect();
    const line = parseFloat(getComputedStyle(el.querySelector("p") || el).lineHeight) || 20;
    return {text: el.innerText.trim(), lines: Math.round(box.height / line),
            cut: row.scrollWidth > row.clientWidth + 1 || box.right > rowBox.right + 1 || box.left < rowBox.left - 1};
})"""


@pytest.mark.parametrize(
    "width, height, agent",
    [(1024, 768, "desktop"), (768, 1024, "tablet"), (1400, 1000, "desktop")],
)
def test_a_tiles_vs_previous_period_is_not_cut(browser, tablet_server, width, height, agent):
    """Five tiles a row at 1024 px with the sidebar open (a desktop browser): "vs previous period" kept its one-line
    width, wider than the tile, and showed as "vs previous peri"; on a tablet (sidebar folded: ui_dash.sidebar_state)
    and at 1400 px it must read whole too."""
    from tests.browser.screens import TABLET_UA

    ua = {"user_agent": TABLET_UA, "has_touch": True} if agent == "tablet" else {}
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US", **ua)
    context.set_default_timeout(20_000)
    context.add_init_script(_WATCH_SCRIPT_STATE)
    page = context.new_page()
    with shown_on_failure(f"delta_caption_{width}_{agent}", {"": page}):
        for path in ("overview",):
            signed_in(page, tablet_server, "max", f"/{path}")
            page.locator("[data-testid='stMetricDeltaDescription']").first.wait_for(timeout=30_000)
            wait_idle(page)
            captions = page.evaluate(_DELTA_CAPTIONS)
            assert captions, f"{path}: no tile with a change"
            assert {c["text"] for c in captions} == {"vs previous period"}, captions
            cut = [c for c in captions if c["cut"]]
            assert not cut, f"{path} at {width} px ({agent}): {len(cut)} of {len(captions)} captions cut"
            if width >= 1400:  # room enough: the words stay on one line
                assert max(c["lines"] for c in captions) == 1, f"{path} at {width} px: {captions}"


def test_the_corrective_action_steps_are_tablet_sized(tablet, tablet_server):
    """The store submits what was done on a corrective action from the same tablet as the inspection: the steps'
    buttons are at least 48 px high, as the form's (they were Streamlit's 40 px: Start work, Submit what was done).
    The first of S001's actions still open (another test of this module may have submitted one)."""
    page = tablet
    signed_in(page, tablet_server, "ivy", "/fives_actions", "Corrective actions")
    measured = {}
    for action in (1, 2, 4, 5):  # S001's actions in tests/fives_fixture.py
        goto(page, tablet_server, f"fives_actions?action={action}", "Corrective actions")
        for name in ("Start work", "Submit what was done"):
            button = page.get_by_role("button", name=name)
            if button.count():
                button.scroll_into_view_if_needed()
                measured[name] = button.bounding_box()["height"]
        if len(measured) == 2:
            break
    assert len(measured) == 2 and min(measured.values()) >= 48, measured


# per tile value: its text, its lines (the distinct tops of its text's boxes) and whether it runs past its tile
_TILE_VALUES = """() => Array.from(document.querySelectorAll("[data-testid='stMetricValue']")).map((el) => {
    const range = document.createRange(); range.selectNodeContents(el);
    const tops = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
    const tile = el.closest("[data-testid='stMetric']").getBoundingClientRect(), box = range.getBoundingClientRect();
    return {text: el.innerText.trim(), lines: tops.size, out: box.right > tile.right + 1};
})"""


def test_a_tiles_value_keeps_its_unit_on_its_line_in_a_narrow_tile(browser, tablet_server):
    """A laptop (1280x800, sidebar open) in Chinese: the overview's five complaint tiles are 150 px wide, and the
    resolution median "30.8 小时" broke between 小 and 时 onto a second line (the tile taller than its row's
    others). The value's size now follows its tile's width: every value on one line, inside its tile."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    context.set_default_timeout(20_000)
    context.add_init_script(_WATCH_SCRIPT_STATE)
    page = context.new_page()
    with shown_on_failure("tile_value_lines_1280", {"": page}):
        signed_in(page, tablet_server, "max", "/overview?lang=zh")
        page.locator("[data-testid='stMetricValue']", has_text="小时").first.wait_for(timeout=30_000)
        wait_idle(page)
        open_sidebar(page)
        values = page.evaluate(_TILE_VALUES)
        assert "30.8 小时" in {v["text"] for v in values}, values
        broken = [v for v in values if v["lines"] != 1 or v["out"]]
        assert not broken, f"tile values on more than one line or past their tile: {broken}"


# per cell of the store view's comparison: its text and whether its column cuts it
_COMPARISON_CELLS = """() => Array.from(document.querySelectorAll(".st-key-store_compare_table td")).map((el) => (
    {text: el.innerText.trim(), cut: el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1}
))"""


@pytest.mark.parametrize("width, height", [(1024, 768), (1440, 900)])
def test_the_store_views_comparison_shows_each_cell_whole(browser, tablet_server, width, height):
    """The store view's comparison of a store with its region and the chain: "Stores failing" says at length why
    it has no data and how many stores were not judged (S001's two inspections, fewer than five), and a one-line
    table row cut it at its column's width (a Monday walk, session 40). Every cell reads whole, wrapped."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US")
    context.set_default_timeout(20_000)
    context.add_init_script(_WATCH_SCRIPT_STATE)
    page = context.new_page()
    with shown_on_failure(f"store_comparison_{width}", {"": page}):
        signed_in(page, tablet_server, "max", "/store?store=S001", "Store view")
        page.locator(".st-key-store_compare_table td").first.wait_for(timeout=30_000)
        cells = page.evaluate(_COMPARISON_CELLS)
        failing = [c["text"] for c in cells if "not judged: fewer than 5 inspections" in c["text"]]
        assert len(failing) == 3, cells  # the store, its region, the chain
        assert failing[0].startswith("no data: no store has enough inspections"), failing
        cut = [c for c in cells if c["cut"]]
        assert not cut, f"{width} px: cells cut {cut}"
