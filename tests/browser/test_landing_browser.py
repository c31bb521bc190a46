"""Issue 10: typing the landing page's address (/overview, or the root /) opens it, never "Page not found"
(the landing page is Streamlit's default page, whose own address is the root)."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.conftest import page_report, signed_in, wait_idle


@pytest.mark.parametrize("path", ["/overview", "/", "/overview?preset=last_30_days"])
def test_typing_the_landing_address_opens_it(page, portal_server, path):
    signed_in(page, portal_server, "manager", path)
    try:
        page.get_by_role("heading", name="Overview", exact=True).first.wait_for(timeout=60_000)
    except PlaywrightTimeout as exc:
        raise AssertionError(page_report(page)) from exc
    wait_idle(page)
    body = page.locator("body").inner_text()
    assert "Page not found" not in body
    if "?" in path:  # the address's own choices survive the switch to the landing page
        assert "preset=last_30_days" in page.url


def test_another_page_by_its_address(page, portal_server):
    signed_in(page, portal_server, "manager", "/complaints")
    page.get_by_role("heading", name="Complaints", exact=True).first.wait_for(timeout=30_000)
    wait_idle(page)
    assert "Page not found" not in page.locator("body").inner_text()
