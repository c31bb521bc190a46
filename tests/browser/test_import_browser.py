"""An import as a person does it, in Chromium: upload an export with another system's column names, map the
one column the portal cannot guess, preview, commit, see the complaints dashboard change, undo the batch."""

from __future__ import annotations

import re
from datetime import date, timedelta

from playwright.sync_api import expect

from tests.browser.conftest import choose, open_page, signed_in, wait_idle

ROWS = 3


def export_csv(tmp_path) -> str:
    day = date.today() - timedelta(days=2)  # inside the dashboard's default period (last 90 days)
    lines = ["Ticket No,Opened,Route,Shop,Handler"] + [
        f"BR-{i},{day:%Y-%m-%d} 0{i}:30,hotline,S001,A001" for i in range(1, ROWS + 1)
    ]
    path = tmp_path / "helpdesk_export.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


TITLES = {"complaints": "Complaints", "upload": "Upload", "import_history": "Import history"}


def goto(page, base_url: str, key: str) -> None:
    """Through the sidebar menu, as a person does (a fresh page load would start a new session)."""
    open_page(page, TITLES[key], TITLES[key])


def complaint_volume(page, base_url: str) -> int:
    """The dashboard's "Complaints" tile (0 when the page shows its empty state)."""
    goto(page, base_url, "complaints")
    # the page has rendered when either its tiles or its empty state are there
    page.locator("[data-testid='stMetric'], [data-testid='stAlert']").first.wait_for()
    wait_idle(page)
    for metric in page.locator("[data-testid='stMetric']").all():
        if metric.locator("[data-testid='stMetricLabel']").inner_text().strip() == "Complaints":
            return int(re.sub(r"[^\d]", "", metric.locator("[data-testid='stMetricValue']").inner_text()))
    return 0


def downloaded(page, button) -> str:
    """The text of the file a click on ``button`` downloads."""
    with page.expect_download(timeout=30_000) as info:
        button.click()
    download = info.value
    assert download.failure() is None, download.failure()
    with open(download.path(), encoding="utf-8-sig") as file:
        return file.read()


def test_upload_map_preview_commit_see_the_dashboard_and_undo(page, portal_server, tmp_path):
    signed_in(page, portal_server, "admin")
    before = complaint_volume(page, portal_server)

    goto(page, portal_server, "upload")
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(export_csv(tmp_path))
    wait_idle(page)
    expect(
        page.get_by_text(re.compile(r"^helpdesk_export.csv: 3 rows, 5 columns \(utf-8\)\.$"))
    ).to_be_visible()
    choose(page, "channel", "Route")  # the one column no name tells apart
    page.get_by_role("button", name="Check the file").click()
    wait_idle(page)
    expect(page.get_by_text("3 rows: 3 valid, 0 invalid.")).to_be_visible()
    expect(page.get_by_text("No errors: every row is valid.")).to_be_visible()
    # the files the page offers are written when clicked (deferred downloads), not by its runs: the preview's
    # rows as a CSV, and a template
    preview = downloaded(page, page.get_by_role("button", name="Download CSV").first)
    lines = preview.splitlines()
    assert len(lines) == 1 + ROWS and all(f",BR-{i}," in lines[i] for i in range(1, ROWS + 1)), preview
    page.get_by_text("Download a template").click()
    template = downloaded(page, page.get_by_role("button", name="English headers · CSV"))
    assert template.splitlines()[0].startswith("source_id,received_at,channel,category,")
    wait_idle(page)
    page.get_by_role("button", name="Commit the import").click()
    wait_idle(page)
    committed = page.get_by_text(re.compile(r"Batch (\d+) committed: 3 added")).first
    committed.wait_for()  # shown after the page's rerun
    batch_id = re.search(r"Batch (\d+)", committed.inner_text()).group(1)

    assert complaint_volume(page, portal_server) == before + ROWS

    goto(page, portal_server, "import_history")
    undo = page.get_by_role("button", name=f"Undo batch {batch_id}")  # the newest batch is picked first
    expect(undo).to_be_disabled()  # until the user confirms
    page.get_by_text("Every row this batch added or changed goes back").click()
    wait_idle(page)
    undo.click()
    wait_idle(page)
    page.get_by_text(f"Batch {batch_id} undone.").wait_for()  # shown after the page's rerun

    assert complaint_volume(page, portal_server) == before


def test_the_drop_zone_speaks_chinese_on_a_chinese_page(page, portal_server):
    """Streamlit's own drop zone words ("Upload", "200MB per file • …") are replaced on a Chinese page (CSS:
    ui_dash.uploader_words); an English page keeps Streamlit's."""
    signed_in(page, portal_server, "inspector")
    read = """z => [z.querySelector("button p"),
                    z.querySelector("[data-testid='stFileUploaderDropzoneInstructions'] span")]
                   .map(e => [getComputedStyle(e, "::after").content, getComputedStyle(e).fontSize])"""
    for lang, expected in (
        ("zh", [['"上传"', "0px"], ['"每个文件不超过 200 MB"', "0px"]]),
        ("en", [["none", "14px"], ["none", "14px"]]),
    ):
        page.goto(f"{portal_server}/upload?lang={lang}")  # a new session: the address's language applies
        wait_idle(page)
        zone = page.locator("[data-testid='stFileUploaderDropzone']").first
        zone.wait_for()
        assert zone.evaluate(read) == expected, lang
