"""A person uploads a SERVQUAL export with its own column names, maps it, commits, and reads the gaps.

The file (made here, dated three days ago so it falls in the dashboard's default 90 days): 40 respondents, 20 of
S001 and 20 of S003, columns "Shop", "Visit date", "Overall (1-5)", "How likely would you recommend us? (0-10)",
and per item "Q<n> perception" / "Q<n> expectation" in shuffled order; no response id (ids are derived).
Every expectation is 6; perception = 6 + d with d per dimension and respondent k:
tangibles -1 for even k, 0 for odd -> gap -0.50; reliability -1 -> -1.00; responsiveness -1 for odd k, -2 for
even -> -1.50; assurance 0 -> 0.00; empathy -2 -> -2.00. Unweighted score (-0.5 - 1 - 1.5 + 0 - 2) / 5 = -1.00.
"""

from __future__ import annotations

import csv
import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from portal import users
from portal.filters import today_in
from tests import fixtures
from tests.browser.conftest import PASSWORD, metric_texts, open_page, running_portal, signed_in, wait_idle
from tests.browser.conftest import choose as conftest_choose
from tests.browser.screens import TABLET_UA
from tests.browser.test_scorecards_browser import _FIND, _GRID
from tests.test_satisfaction_servqual import load_servqual_fixture

DIMENSIONS = {
    "tangibles": range(1, 5),
    "reliability": range(5, 10),
    "responsiveness": range(10, 14),
    "assurance": range(14, 18),
    "empathy": range(18, 23),
}


def shortfall(dimension: str, k: int) -> int:
    return {
        "tangibles": -1 if k % 2 == 0 else 0,
        "reliability": -1,
        "responsiveness": -1 if k % 2 else -2,
        "assurance": 0,
        "empathy": -2,
    }[dimension]


def write_export(path) -> None:
    items = [14, 2, 9, 21, 5, 17, 1, 11, 20, 3, 8, 13, 22, 6, 16, 10, 19, 4, 15, 7, 12, 18]
    dim_of = {n: d for d, ns in DIMENSIONS.items() for n in ns}
    head = ["Shop", "Visit date", "Overall (1-5)", "How likely would you recommend us? (0-10)", "Remarks"]
    head += [f"Q{n} {side}" for n in items for side in ("perception", "expectation")]
    day = (date.today() - timedelta(days=3)).isoformat()
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(head)
        for k in range(1, 41):
            row = ["S001" if k <= 20 else "S003", day, "4" if k % 3 else "5", str(k % 11), f"visit {k}"]
            for n in items:
                row += [str(6 + shortfall(dim_of[n], k)), "6"]
            writer.writerow(row)


def choose(page, label: str, option: str) -> None:
    conftest_choose(page, label, option, type_filter=True)
    wait_idle(page)


def test_upload_servqual_export_map_commit_and_read_the_gaps(page, portal_server, tmp_path):
    export = tmp_path / "servqual_export.csv"
    write_export(export)
    signed_in(page, portal_server, "admin", "/upload", "Upload")
    choose(page, "What the file holds", "Survey responses")
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(export))
    wait_idle(page)
    page.get_by_role("textbox", name=re.compile("All expectation columns")).fill("Q{n} expectation")
    page.get_by_role("textbox", name=re.compile("All perception columns")).fill("Q{n} perception")
    choose(page, "Likelihood to recommend (0-10)", "How likely would you recommend us? (0-10)")
    page.get_by_role("button", name="Check the file").click()
    wait_idle(page)
    expect(page.get_by_text(re.compile("40 rows")).first).to_be_visible()
    page.get_by_role("button", name="Commit the import").click()
    wait_idle(page)
    expect(page.get_by_text(re.compile("40 added")).first).to_be_visible()

    open_page(page, "Satisfaction", "Satisfaction")
    joined = metric_texts(page, r"Responses\s+40")
    assert re.search(r"Responses\s+40", joined), joined
    assert re.search(r"Unweighted SERVQUAL score\s+-1\.00", joined), joined
    assert re.search(r"Weighted SERVQUAL score\s+-1\.00", joined), joined
    expect(page.get_by_text(re.compile(r"SERVQUAL22 v1\): n = 40 responses")).first).to_be_visible()
    # the gap chart labels each dimension's gap with its n (a zero gap unsigned)
    chart_text = " ".join(page.locator("[data-testid='stPlotlyChart']").all_inner_texts())
    for gap in ("-0.50 (n = 40)", "-1.00 (n = 40)", "-1.50 (n = 40)", "0.00 (n = 40)", "-2.00 (n = 40)"):
        assert gap in chart_text, chart_text[:500]


@pytest.fixture(scope="module")
def servqual_server(tmp_path_factory):
    """A portal of its own over the fixture master data and the SERVQUAL fixture of
    tests/test_satisfaction_servqual.py (S001 and S003, 50 respondents each), moved into the last 90 days."""
    path = tmp_path_factory.mktemp("servqual") / "portal.duckdb"
    con = fixtures.build_fixture_db(path)
    users.create_user(con, username="manager", display_name="Manager", password=PASSWORD, roles=["admin"])
    load_servqual_fixture(con)
    shift = (today_in("Asia/Shanghai") - timedelta(days=3) - date(2025, 3, 28)).days
    con.execute("update survey_responses set responded_on = responded_on + ?::integer", [shift])
    con.close()
    with running_portal(path) as url:
        yield url


# the per-store table's headers on the page, left to right, its store column pinned (after the scroll the grid
# draws the headers of the columns in view only)
STORE_TABLE = {
    "en": ["Store", "Store view", "n", "Tangibles", "Reliability", "Responsiveness", "Assurance", "Empathy"]
    + ["Unweighted", "Weighted", "Low n"],
    "zh": [
        "门店",
        "门店视图",
        "n",
        "有形性",
        "可靠性",
        "响应性",
        "保证性",
        "移情性",
        "未加权",
        "加权",
        "样本不足",
    ],
}


SCROLLED_PAST = {"en": ["Store view", "n"], "zh": []}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_per_store_gaps_keep_the_store_in_view_on_a_tablet(browser, servqual_server, tmp_path, lang):
    """Probe at 768 px (tablet portrait): the per-store table's eleven columns under their full labels ("Gap:
    Responsiveness", "Unweighted score") were 1,233 px wide in 702, and a sideways scroll to the scores hid which
    store a row was. Short headers (the full label in their help) and the store column pinned: scrolled to its
    last column, the table still shows the store."""
    context = browser.new_context(
        viewport={"width": 768, "height": 1024}, locale="en-US", user_agent=TABLET_UA, has_touch=True
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    try:
        signed_in(page, servqual_server, "manager", f"/satisfaction?lang={lang}")
        page.get_by_role("tab", name={"en": "Per store", "zh": "按门店"}[lang]).first.click()
        labels = STORE_TABLE[lang]
        page.wait_for_function(f"(first) => !!({_FIND})(first)", arg=labels[0], timeout=30_000)
        wait_idle(page)
        before = page.evaluate(_GRID, labels[0])
        assert before["labels"] == labels[: len(before["labels"])], before
        assert before["scrolled"] > before["shown"], before  # the fixture's table does not fit: it scrolls
        page.evaluate(
            f"""(first) => {{ const s = ({_FIND})(first).querySelector(".dvn-scroller");
                s.scrollLeft = s.scrollWidth; }}""",
            labels[0],
        )
        page.wait_for_function(
            f"""(first) => [...({_FIND})(first).querySelectorAll("[role='columnheader']")]
                .some((h) => h.textContent === {labels[-1]!r})""",
            arg=labels[0],
            timeout=10_000,
        )
        after = page.evaluate(_GRID, labels[0])
        assert after["labels"][0] == labels[0] and after["labels"][-1] == labels[-1], after
        # en: scrolled past the columns that are not pinned (the zh table is 34 px too wide: a short scroll)
        assert not set(SCROLLED_PAST[lang]) & set(after["labels"]), after
        page.screenshot(path=str(tmp_path / f"servqual_stores_{lang}.png"))
    finally:
        context.close()
