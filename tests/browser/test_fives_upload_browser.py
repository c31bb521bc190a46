"""A filled-in 5S sheet uploaded in a real browser and the action it opened followed to verified.

The sheet is the portal's own (``sheet_download.build_sheet``: S001, three days ago, every item 4 but SO2 = 1
and SH3 = N/A). The inspector of S001 uploads it on the Upload page, checks and commits it; SO2 at 1 of 4 is at
the fail rule, so the commit opens action #1 (owner the region's manager). The inspector starts it and submits
what was done; the manager verifies it. The 5S results page then counts it, by hand:
sort (4 x 4 + 1) / 20 = 85 %, shine (4 of its 5 items applicable) 100 %, the other three 100 %:
overall (85 + 4 x 100) / 5 = 97.0 % on 1 inspection; open actions 0 (1 opened, verified).

The database is this module's own (fixture master data, an inspector of S001 and a manager of region R1).
Every page is opened by address (a fresh page load reruns once the sign-in cookie arrives), and each check
waits for the text it expects.
"""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from portal import db
from portal.fives_intake import template as tpl
from portal.fives_intake.sheet_download import TABLE_HEADER_ROW, build_sheet
from tests.browser.conftest import (
    choose,
    fives_portal_db,
    metric_texts,
    running_portal,
    shown_on_failure,
    wait_idle,
)
from tests.browser.test_fives_browser import _person, _say

DAY = date.today() - timedelta(days=3)
SCORES = {"SO2": 1, "SH3": "N/A"}


@pytest.fixture(scope="module")
def upload_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("fivesupload") / "portal.duckdb"
    fives_portal_db(path, inspections=False)
    with running_portal(path) as url:
        yield url, path


def filled_sheet(db_path, folder) -> str:
    """The downloadable sheet of S001 for DAY, filled in: every item 4 but SCORES."""
    con = db.connect(db_path)
    try:
        template = tpl.default_template(tpl.load_all(con))
    finally:
        con.close()
    wb = load_workbook(io.BytesIO(build_sheet(template, "S001", "Store One", DAY, "Ivy", "en", "BR-1")))
    ws = wb.active
    for r in range(TABLE_HEADER_ROW + 1, ws.max_row + 1):
        code = str(ws.cell(r, 2).value or "").strip()
        if template.item(code):
            ws.cell(r, 4).value = SCORES.get(code, 4)
    out = folder / "s001_sheet.xlsx"
    wb.save(out)
    return str(out)


def _goto(page, url: str, heading: str) -> None:
    page.goto(url)
    page.get_by_role("heading", name=heading, exact=True).first.wait_for(timeout=45_000)
    wait_idle(page)


def test_uploaded_sheet_opens_an_action_followed_to_verified(browser, upload_server, tmp_path):
    base, db_path = upload_server
    sheet = filled_sheet(db_path, tmp_path)
    inspector = _person(browser, base, "inspector")
    manager = _person(browser, base, "manager")
    with shown_on_failure("test_uploaded_sheet", {"inspector": inspector, "manager": manager}):
        # upload, check, commit
        _goto(inspector, f"{base}/upload", "Upload")
        choose(inspector, "What the file holds", "5S inspection sheets")
        wait_idle(inspector)
        inspector.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(sheet)
        expect(inspector.get_by_text(re.compile(r"^s001_sheet\.xlsx: 25 rows"))).to_be_visible(timeout=30_000)
        wait_idle(inspector)
        _say(inspector, "Check the file", "25 rows: 25 valid, 0 invalid.")
        _say(inspector, "Commit the import", "Batch 1 committed: 25 added")

        # the action the commit opened: SO2 at S001
        _goto(inspector, f"{base}/fives_actions?action=1", "Corrective actions")
        expect(inspector.get_by_text(re.compile(r"^#1 · SO2 · ")).first).to_be_visible(timeout=30_000)
        _say(inspector, "Start work", "Action #1 is now in progress.")
        _say(
            inspector,
            "Submit what was done",
            "Action #1 was submitted for verification.",
            text_label="What was done",
            text="Expired goods removed",
        )

        _goto(manager, f"{base}/fives_actions?action=1", "Corrective actions")
        expect(
            manager.get_by_text(re.compile(r"^Submitted .* by Ivy: Expired goods removed$"))
        ).to_be_visible(timeout=30_000)
        _say(manager, "Verify", "Action #1 is verified.")

        # the 5S results page counts the inspection and the closed loop
        _goto(manager, f"{base}/fives", "5S results")
        tiles = metric_texts(manager, r"Open actions\s+0")
        assert re.search(r"Open actions\s+0", tiles), tiles
        assert re.search(r"Overall 5S score\s+97\.0\s*%", tiles), tiles


def test_a_sheet_corrected_and_saved_over_is_read_after_upload_a_corrected_file(browser, tmp_path):
    """A store's inspector corrects a refused sheet and saves it under the same name. Chosen again, the browser does
    not read it (the file input still holds that path: no change reaches the page), and the page kept the old
    file's errors without a word; removing it with × did not help either (tablet probe, session 55). "Upload a
    corrected file" gives a new, empty uploader, which reads it."""
    path = tmp_path / "portal.duckdb"
    fives_portal_db(path, inspections=False)
    folders = {name: tmp_path / name for name in ("bad", "good")}
    sheets = {}
    for name, score in (("bad", 9), ("good", 1)):
        folders[name].mkdir()
        SCORES["SO2"] = score
        sheets[name] = filled_sheet(path, folders[name])
    SCORES["SO2"] = 1
    chosen = tmp_path / "s001_sheet.xlsx"  # the one file the inspector edits and saves over
    chosen.write_bytes(Path(sheets["bad"]).read_bytes())
    with running_portal(path) as base:
        inspector = _person(browser, base, "inspector")
        with shown_on_failure("test_corrected_sheet", {"inspector": inspector}):
            _goto(inspector, f"{base}/upload", "Upload")
            choose(inspector, "What the file holds", "5S inspection sheets")
            wait_idle(inspector)
            uploader = "[data-testid='stFileUploader'] input[type='file']"
            inspector.locator(uploader).set_input_files(str(chosen))
            refused = inspector.get_by_text(re.compile(r"Item SO2: the score 9 is outside 0 to 4"))
            expect(refused).to_be_visible(timeout=30_000)
            chosen.write_bytes(Path(sheets["good"]).read_bytes())  # corrected, saved under the same name
            inspector.get_by_role("button", name="Upload a corrected file").click()
            expect(refused).to_have_count(0, timeout=30_000)
            wait_idle(inspector)
            inspector.locator(uploader).set_input_files(str(chosen))
            expect(inspector.get_by_text(re.compile(r"^s001_sheet\.xlsx: 25 rows"))).to_be_visible(
                timeout=30_000
            )
            wait_idle(inspector)
            _say(inspector, "Check the file", "25 rows: 25 valid, 0 invalid.")
