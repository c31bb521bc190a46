"""The tablet form's refused submit in Chromium at a tablet's 1024x768 and 768x1024 with touch: the message names
the item, which answer and why, is readable inside the screen (not cut at its right edge), and every answer stays on
screen; the item's card says its photo is gone and its Remove photo button takes it off, after which the submit goes
through. Before, the refusal was the upload page's generic "25 of 25 rows are invalid; nothing was written. Correct
them, or choose to skip invalid rows." and the card showed nothing to remove."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, ROOT, fives_portal_db, running_portal, signed_in, wait_idle

FORM = "5S inspection form"
ITEMS = [f"{p}{i}" for p in ("SO", "SE", "SH", "ST", "SU") for i in range(1, 6)]


@pytest.fixture(scope="module")
def form_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("formrefused") / "portal.duckdb"
    fives_portal_db(path, ("ivy", "Ivy Inspector"), ("max", "Max Manager"), inspections=False)
    _drafts_with_a_lost_photo(path)  # before the server holds the file
    with running_portal(path) as url:
        yield url


def _drafts_with_a_lost_photo(path) -> None:
    """A draft of S001 for ivy and for a second inspector of S001, ian (one per viewport): every item scored 3,
    SH2 with a comment and a photo the server no longer holds, the Shine section open."""
    from portal import db, users
    from portal.fives_intake import form
    from portal.fives_intake import template as tpl

    con = db.connect(path)
    try:
        users.create_user(
            con,
            username="ian",
            display_name="Ian",
            password=PASSWORD,
            roles=["inspector"],
            scope_store_ids=[1],
        )
        template = tpl.default_template(tpl.load_all(con))
        for day, who in ((1, "ivy"), (2, "ian")):
            draft = form.Draft(1, template.template_id, date(2026, 11, day), section=2)
            for code in ITEMS:
                draft.answer(code)["score"] = 3
            draft.answer("SH2").update(photo="0" * 40 + ".jpg", comment="Dust on the tins")
            form.save_draft(con, who, draft)
    finally:
        con.close()


@pytest.mark.parametrize(("width", "height", "who"), [(1024, 768, "ivy"), (768, 1024, "ian")])
def test_a_refused_submit_names_the_item_on_a_tablet(browser, form_server, width, height, who):
    url = form_server
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US", has_touch=True)
    context.set_default_timeout(20_000)
    page = context.new_page()
    try:
        signed_in(page, url, who, "/fives_inspect", FORM)
        wait_idle(page)
        main = page.locator("[data-testid='stMain']")
        page.get_by_role("button", name="Submit the inspection").tap()
        wait_idle(page)
        alert = main.locator("[data-testid='stAlertContentError']")
        expect(alert).to_have_count(1)
        expect(alert).to_contain_text("Not submitted; your answers are kept.")
        expect(alert).to_contain_text(
            "SH2 There is no dust on the goods, photo: the photo is no longer stored"
        )
        expect(alert).not_to_contain_text("rows are invalid")
        alert.scroll_into_view_if_needed()
        box = alert.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, box  # inside the screen, wrapped
        # kept: every score of the open section, and the comment
        expect(main.locator("[data-testid='stButtonGroup'] button[aria-checked='true']")).to_have_count(5)
        expect(main.get_by_role("textbox").nth(1)).to_have_value("Dust on the tins")
        warned = main.locator("[data-testid='stAlertContentWarning']")
        expect(warned).to_contain_text("This item's photo is no longer stored on the server")
        page.get_by_role("button", name="Remove photo").tap()
        wait_idle(page)
        page.get_by_role("button", name="Submit the inspection").tap()
        wait_idle(page)
        expect(main.locator("[data-testid='stAlertContentSuccess']")).to_contain_text("saved as import batch")
        expect(main.locator("[data-testid='stAlertContentError']")).to_have_count(0)
    except Exception:
        out = ROOT / "test-results"
        out.mkdir(exist_ok=True)
        page.screenshot(path=str(out / f"form_refused_{width}x{height}.png"), full_page=True)
        raise
    finally:
        context.close()
