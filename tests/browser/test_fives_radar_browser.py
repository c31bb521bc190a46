"""The 5S store view's radar on a tablet, in Chromium, both languages: on an iPad in portrait (768x1024, the
sidebar open) and a 7-inch tablet (600x960), no word of the chart lies on another (the sections' names, the
radial axis's percentages, the legend, the title), and every one is inside the chart.

At plotly's automatic radial ticks the percentages stood turned on the first spoke, 10 points apart down to
50 %: on an iPad they ran into each other and "100%" into the first section's name, and the legend lay on the
lowest name.

The database is this module's own (a portal server of its own): the fixture master data, the region R1's
manager, and two inspections on the default template (five sections) five weeks back: S001 at 65-80 % a
section, S002 at 45-60 %, so that the radar's axis starts at 40 or 50 %.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests import fives_fixture
from tests.browser.conftest import _WATCH_SCRIPT_STATE, fives_portal_db, running_portal, signed_in, wait_idle
from tests.browser.test_tablet_browser import open_sidebar, overlaps

# per section (default template: five items of at most 4 each), the items' scores
S001 = {
    "SO": [3, 3, 3, 3, 3],
    "SE": [3, 3, 3, 3, 2],
    "SH": [3, 3, 3, 2, 2],
    "ST": [4, 3, 3, 3, 3],
    "SU": [3] * 5,
}
S002 = {"SO": [2] * 5, "SE": [3, 2, 2, 2, 2], "SH": [3, 3, 2, 2, 2], "ST": [2, 2, 2, 2, 1], "SU": [2] * 5}


def _scores(sections: dict[str, list[int]]) -> dict[str, int]:
    return {f"{s}{k + 1}": v for s, values in sections.items() for k, v in enumerate(values)}


@pytest.fixture(scope="module")
def radar_server(tmp_path_factory):
    from portal import db

    path = tmp_path_factory.mktemp("radarbrowser") / "portal.duckdb"
    fives_portal_db(path, ("ivy", "Ivy Inspector"), ("max", "Max Manager"), inspections=False)
    day = date.today() - timedelta(days=35)
    con = db.connect(path)
    try:
        fives_fixture.load_inspections(
            con,
            [(1, 1, 1, day, "ivy", _scores(S001)), (2, 2, 1, day, "ivy", _scores(S002))],
        )
    finally:
        con.close()
    with running_portal(path) as url:
        yield url


# the radar's words (client rectangles): the sections' names, the radial axis's percentages, legend and title
_RADAR_WORDS = """() => {
    const chart = document.querySelector("[data-testid='stPlotlyChart']");
    const rect = (el) => { const r = el.getBoundingClientRect();
        return {text: el.textContent, x: r.x, y: r.y, width: r.width, height: r.height}; };
    const words = (css) => Array.from(chart.querySelectorAll(css)).map(rect).filter((r) => r.width && r.height);
    return {chart: rect(chart), names: words(".angularaxistick text"), ticks: words(".radial-axis text"),
            legend: words(".legend text"), title: words(".gtitle")};
}"""


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width, height", [(768, 1024), (600, 960)])
def test_the_radars_words_lie_clear_of_each_other_on_a_tablet(browser, radar_server, width, height, lang):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US", has_touch=True)
    context.set_default_timeout(20_000)
    context.add_init_script(_WATCH_SCRIPT_STATE)
    page = context.new_page()
    try:
        signed_in(page, radar_server, "max", f"/fives?lang={lang}")
        page.locator("[data-testid='stMetric']").first.wait_for(timeout=30_000)
        wait_idle(page)
        if width >= 768:  # an iPad's portrait page with the menu open: the narrowest radar
            open_sidebar(page)
        page.get_by_role("tab", name={"en": "One store", "zh": "单店分析"}[lang]).click()
        wait_idle(page)
        page.locator("[data-testid='stPlotlyChart'] .angularaxistick text").first.wait_for()
        page.wait_for_timeout(500)  # plotly lays out once more after the first draw
        radar = page.evaluate(_RADAR_WORDS)
        assert len(radar["names"]) == 5, radar["names"]
        assert len(radar["ticks"]) >= 3, radar["ticks"]  # the axis says where it starts and ends
        assert radar["ticks"][-1]["text"] == "100%"
        words = radar["names"] + radar["ticks"] + radar["legend"] + radar["title"]
        clashes = [
            (a["text"], b["text"]) for i, a in enumerate(words) for b in words[i + 1 :] if overlaps(a, b, 0.5)
        ]
        assert not clashes, f"{width} px, {lang}: words on each other: {clashes}"
        box = radar["chart"]
        outside = [
            w["text"]
            for w in words
            if w["x"] < box["x"] - 1 or w["x"] + w["width"] > box["x"] + box["width"] + 1
        ]
        assert not outside, f"{width} px, {lang}: words past the chart's edge: {outside}"
    finally:
        context.close()
