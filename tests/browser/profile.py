"""One persistent Chromium profile per test process, for the browser tests' plain desktop page (conftest's ``page``
fixture: 1400x1000, en-US, no touch).

Most of the browser tier's CPU is Chromium loading a page: V8 parsing and evaluating the ~123 script modules of
Streamlit's frontend (bench/HISTORY.md, session 44). V8's code cache and the HTTP cache live only in a persistent
profile, never in Playwright's new (incognito-like) contexts, where every page load parses every module again.
So the plain pages are tabs of one persistent context, and each test starts from what a new context gives: the
test's tabs are closed (their sessionStorage, routes and handlers go with them), the cookies, permissions and the
storage of every origin the tabs visited (localStorage, IndexedDB, ...) are cleared. Only the HTTP cache and V8's
code cache stay: what a returning browser keeps. A test that needs other context options (touch, another size,
locale or user agent, a second user at once) keeps its own ``browser.new_context``."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

VIEWPORT = {"width": 1400, "height": 1000}
LOCALE = "en-US"
TIMEOUT_MS = 20_000

# Records, inside the page, when Streamlit's script state last changed, and how many runs the page load saw.
# Components (the cookie manager of streamlit-authenticator, drawn when a sign-in stores its cookie) trigger
# reruns of their own shortly after a run ends, so "not running right now" is not enough: the helpers wait for
# a quiet period.
_WATCH_SCRIPT_STATE = """
(() => {
  window.__portalStateChangedAt = performance.now();
  window.__portalRuns = 0;  // script runs seen by this page load
  const watch = () => {
    const app = document.querySelector("[data-testid='stApp']");
    if (!app) { setTimeout(watch, 50); return; }
    const running = () => app.getAttribute("data-test-script-state") === "running";
    if (running()) window.__portalRuns += 1;
    new MutationObserver(() => {
      window.__portalStateChangedAt = performance.now();
      if (running()) window.__portalRuns += 1;
    }).observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch);
  else watch();
})();
"""
# what Storage.clearDataForOrigin clears: everything a page can store but the caches a returning browser keeps
_STORAGE = "cookies,local_storage,indexeddb,websql,file_systems,cache_storage,service_workers,shared_storage"


class Profile:
    """A persistent context (launched by ``pw``, the sync Playwright, over ``user_data_dir``) handing out fresh tabs."""

    def __init__(
        self, pw, user_data_dir: Path, *, executable: str, args: list[str], init_script: str
    ) -> None:
        self.context = pw.chromium.launch_persistent_context(
            str(user_data_dir),
            executable_path=executable,
            args=args,
            headless=True,
            viewport=VIEWPORT,
            locale=LOCALE,
        )
        self.context.set_default_timeout(TIMEOUT_MS)
        self.context.add_init_script(init_script)
        # the tab the profile opens with stays open (the browser lives on without a tab, but a CDP session for the
        # clearing needs one) and is never handed out
        self._keeper = self.context.pages[0] if self.context.pages else self.context.new_page()
        self._origins: set[str] = set()
        self.context.on("page", self._watch)

    def _watch(self, page) -> None:
        page.on("framenavigated", lambda frame: self._seen(frame.url))

    def _seen(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https"):
            self._origins.add(f"{parts.scheme}://{parts.netloc}")

    def new_page(self):
        """A new tab, the context as a new context leaves it: no cookie, no stored data, no other tab of a test."""
        self.reset()
        return self.context.new_page()

    def reset(self) -> None:
        """Close every tab but the keeper, then clear cookies, permissions and each visited origin's storage."""
        for pg in self.context.pages:
            if pg is not self._keeper:
                pg.close()
        self.context.clear_cookies()
        self.context.clear_permissions()
        if self._origins:
            cdp = self.context.new_cdp_session(self._keeper)
            try:
                for origin in sorted(self._origins):
                    cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": _STORAGE})
            finally:
                cdp.detach()
            self._origins.clear()

    def close(self) -> None:
        self.context.close()
