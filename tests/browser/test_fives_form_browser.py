"""The tablet form in Chromium at a tablet's 1024x768: an inspector starts an inspection of their store, scores
every item section by section with the score buttons (one a 1 with a comment and a photo), reloads the page
half-way (the draft is kept on the server), submits, and sees the batch, the inspection's overall % with its n and
the one corrective action opened."""

from __future__ import annotations

import io
import re

from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import open_page, signed_in, wait_idle

TITLE = "5S inspection form"


def photo(tmp_path) -> str:
    path = tmp_path / "shelf.jpg"
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (90, 140, 200)).save(out, "JPEG")
    path.write_bytes(out.getvalue())
    return str(path)


def score_section(page, scores: list[str]) -> None:
    groups = page.locator("[data-testid='stButtonGroup']")
    expect(groups).to_have_count(len(scores))
    for k, value in enumerate(scores):
        groups.nth(k).get_by_role("radio", name=value, exact=True).click()
        wait_idle(page)


def test_inspector_fills_the_form_on_a_tablet_and_submits(browser, portal_server, tmp_path):
    context = browser.new_context(viewport={"width": 1024, "height": 768}, locale="en-US", has_touch=True)
    context.set_default_timeout(20_000)
    page = context.new_page()
    try:
        _fill_and_submit(page, portal_server, tmp_path)
    except Exception:
        page.screenshot(path=str(tmp_path / "form.png"), full_page=True)
        print("SCREENSHOT", tmp_path / "form.png")
        raise
    finally:
        context.close()


def _fill_and_submit(page, portal_server, tmp_path) -> None:
    if True:
        signed_in(page, portal_server, "inspector", "/fives_inspect", TITLE)
        page.get_by_role("button", name="Start the inspection").click()
        wait_idle(page)
        expect(page.get_by_text("Section 1 of 5: Sort")).to_be_visible()
        # touch targets: the score buttons are at least 48 px high at this size
        box = page.locator("[data-testid='stButtonGroup'] [role='radio']").first.bounding_box()
        assert box["height"] >= 48 and box["width"] >= 48

        score_section(page, ["1", "4", "4", "N/A", "4"])
        page.get_by_label("Comment").first.fill("Boxes block the stockroom door")
        page.get_by_label("Comment").first.press("Enter")
        wait_idle(page)
        page.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(
            photo(tmp_path)
        )
        wait_idle(page)
        expect(page.get_by_text("Photo kept (metadata removed)")).to_be_visible()
        expect(page.get_by_text("5 of 25 items scored")).to_be_visible()
        page.get_by_role("button", name="Next section →").click()
        wait_idle(page)

        # a reload (a new session): the draft brings the inspector back to section 2 with 5 items scored
        page.reload()
        wait_idle(page)
        open_page(page, TITLE, TITLE)
        expect(page.get_by_text("Section 2 of 5: Set in order")).to_be_visible()
        expect(page.get_by_text("5 of 25 items scored")).to_be_visible()

        for k, name in enumerate(("Set in order", "Shine", "Standardize", "Sustain"), start=2):
            expect(page.get_by_text(f"Section {k} of 5: {name}")).to_be_visible()
            score_section(page, ["4", "3", "4", "4", "2"])
            if k < 5:
                page.get_by_role("button", name="Next section →").click()
                wait_idle(page)
        expect(page.get_by_text("25 of 25 items scored")).to_be_visible()
        page.get_by_role("button", name="Submit the inspection").click()
        wait_idle(page)
        # the score against the hand computation: Sort (1 + 4 + 4 + 4) / 16 = 81.25 % (SO4 N/A), each other
        # section (4 + 3 + 4 + 4 + 2) / 20 = 85 %; overall (81.25 + 4 x 85) / 5 = 84.25 %, shown 84.3% (half up), on 5 sections
        done = page.get_by_text(
            re.compile(
                r"Inspection of S001 Store One on \d{4}-\d\d-\d\d saved as import batch \d+: overall 84\.3% ● Good "
                r"\(n = 5 sections scored\); 1 corrective action opened"
            )
        ).first  # the message, and the same words in a toast (ui.outcome)
        expect(done).to_be_visible()
        # the form starts afresh: the draft is gone
        expect(page.get_by_role("button", name="Start the inspection")).to_be_visible()
