"""Issue 9: a file's values mapped in the form, saved with the column mapping, reused on a second file."""

from __future__ import annotations

import re
from datetime import date, timedelta

from playwright.sync_api import expect

from tests.browser.conftest import choose, open_page, signed_in, wait_idle


def export(tmp_path, name: str, prefix: str) -> str:
    day = date.today() - timedelta(days=2)
    lines = ["Ref,Logged,Medium,Shop,Handler"] + [
        f"{prefix}-{i},{day:%Y-%m-%d} 0{i}:30,{via},S001,A001"
        for i, via in enumerate(("Carrier pigeon", "Carrier pigeon", "MOBILE"), start=1)
    ]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def upload(page, path: str) -> None:
    open_page(page, "Upload", "Upload")
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(path)
    wait_idle(page)


def test_map_values_save_and_reuse_on_a_second_file(page, portal_server, tmp_path):
    signed_in(page, portal_server, "admin")
    upload(page, export(tmp_path, "first.csv", "VM"))
    choose(page, "Complaint id (source system)", "Ref")
    choose(page, "Received (date and time) *", "Logged")
    page.get_by_role("button", name="Check the file").click()
    wait_idle(page)
    # nobody mapped "Carrier pigeon": kept, counted as other, said so; MOBILE suggested as app
    expect(page.get_by_text(re.compile(r"Medium: 2 rows carry values no one mapped"))).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"MOBILE \(1\) → App"))
    ).to_be_visible()  # the standard value by its label
    expect(page.get_by_text("3 rows: 3 valid, 0 invalid.")).to_be_visible()

    wait_idle(page)
    page.locator("[data-testid='stSelectbox']").filter(
        has_text="“Carrier pigeon” (2 rows)"
    ).first.scroll_into_view_if_needed()
    choose(page, "“Carrier pigeon” (2 rows)", "In-store (in_store)", type_filter=True)
    page.get_by_label("Save this mapping as (optional)").last.fill("pigeons")
    page.get_by_role("button", name="Apply the values and check again").click()
    wait_idle(page)
    expect(page.get_by_text("Mapping “pigeons” saved.").first).to_be_visible()

    upload(page, export(tmp_path, "second.csv", "VN"))
    # the saved mapping fits the file's columns: pre-selected, with its values
    expect(page.get_by_role("combobox", name="Saved column mapping")).to_have_value("pigeons")
    page.get_by_role("button", name="Check the file").click()
    wait_idle(page)
    expect(page.get_by_text("3 rows: 3 valid, 0 invalid.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"values no one mapped"))).to_have_count(0)
    expect(page.get_by_role("combobox", name="“Carrier pigeon” (2 rows)")).to_have_value(
        "In-store (in_store)"
    )
