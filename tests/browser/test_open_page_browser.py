"""The browser tier's open_page and the soak's click_until over a stand-in sidebar whose link is drawn
disabled (<a disabled>, as the portal draws page links until the sign-in cookie is stored) for its first 1.5 s:
the link is waited for, not clicked in vain (Playwright takes <a disabled> for enabled; the click would be
refused and retried 15 s later, 60 s in the soak)."""

from __future__ import annotations

import asyncio
import threading
import time

from tests.browser import test_soak_browser as soak
from tests.browser.conftest import _WATCH_SCRIPT_STATE, CHROMIUM, CHROMIUM_ARGS, open_page

URL = "http://open-page.test/"
PAGE = """<!doctype html><html><body>
<div data-testid="stApp" data-test-script-state="notRunning">
  <div data-testid="stSidebar"><div data-testid="stPageLink"><a href="#" id="go" disabled>Complaints</a></div></div>
  <main id="main"><h1>Overview</h1></main>
</div>
<script>
  window.refused = 0;
  const link = document.getElementById("go"), main = document.getElementById("main");
  setTimeout(() => link.removeAttribute("disabled"), 1500);
  link.addEventListener("click", (e) => {
    e.preventDefault();
    if (link.hasAttribute("disabled")) { window.refused += 1; return; }
    main.innerHTML = "<h1>Complaints</h1>";
  });
</script></body></html>"""


def test_open_page_waits_for_a_disabled_link(page):
    page.route(URL, lambda route: route.fulfill(body=PAGE, content_type="text/html"))
    page.goto(URL)
    start = time.monotonic()
    open_page(page, "Complaints", "Complaints")
    assert page.evaluate("window.refused") == 0  # before: the first click landed on the disabled link
    assert time.monotonic() - start < 10


def test_the_soaks_click_until_waits_for_a_disabled_link():
    from playwright.async_api import async_playwright

    async def run():
        async with async_playwright() as pw:
            chromium = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            context = await chromium.new_context()
            await context.add_init_script(_WATCH_SCRIPT_STATE)
            page = await context.new_page()
            await page.route(URL, lambda route: route.fulfill(body=PAGE, content_type="text/html"))
            await page.goto(URL)
            tally, start = soak.Tally(), time.monotonic()
            link = page.locator("[data-testid='stSidebar'] [data-testid='stPageLink'] a").first
            await soak.click_until(page, tally, link, page.get_by_role("heading", name="Complaints"), "open")
            took = time.monotonic() - start
            refused = await page.evaluate("window.refused")
            await chromium.close()
            return refused, tally.repeated_clicks, tally.errors, took

    out: list = []
    # its own thread: the sync Playwright of the other browser tests may hold this thread's event loop
    worker = threading.Thread(target=lambda: out.append(asyncio.run(run())))
    worker.start()
    worker.join(timeout=300)
    assert out, "click_until over the stand-in page did not end within 300 s"
    refused, repeated, errors, took = out[0]
    assert (refused, repeated, errors) == (0, 0, [])  # before: refused once, clicked again 60 s later
    assert took < 20
