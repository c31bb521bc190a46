"""Real-browser tier: a portal server on a free port over a fresh fixture database, driven by Playwright
with Debian's Chromium (/usr/bin/chromium; `make test` installs it)."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from portal import users
from tests import fives_fixture, fixtures
from tests.browser.order import SLOW_FIRST as _SLOW_FIRST  # the tier's module order, slowest first

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
# Chromium as a user has it: what bench.browser launches
BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
# the tests': the same with prefers-reduced-motion (no transitions drawn frame by frame: ~12 % less of Chromium's CPU
# a page load, measured on the demo data; Chromium is three quarters of the browser tier's CPU)
CHROMIUM_ARGS = [*BROWSER_ARGS, "--force-prefers-reduced-motion"]
PASSWORD = "browser-pass-1"
# one user per role; "locky" exists only to be locked out
ROLE_USERS = {
    "admin": {"roles": ["admin"]},
    "manager": {"roles": ["manager"], "scope_region_id": 1},
    "lead": {"roles": ["team_lead"], "scope_team_id": 1},
    "inspector": {"roles": ["inspector"], "scope_store_ids": [1]},
    "agent": {"roles": ["agent"], "agent_id": 1},
    "locky": {"roles": ["manager"]},
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"portal server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("portal server did not become healthy")


@pytest.fixture(scope="session")
def portal_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("browser") / "portal.duckdb"
    os.environ.setdefault("PORTAL_BCRYPT_ROUNDS", "4")
    con = fixtures.build_fixture_db(path)
    for name, spec in ROLE_USERS.items():
        users.create_user(con, username=name, display_name=name.title(), password=PASSWORD, **spec)
    extra = os.environ.get("PORTAL_BROWSER_FIXTURE")
    if extra:  # hook for other areas' data (module:function taking the connection)
        module, func = extra.split(":")
        getattr(__import__(module, fromlist=[func]), func)(con)
    con.close()
    return path


def start_portal(db_path: Path, log, port: int | None = None) -> tuple[subprocess.Popen, str]:
    """Start ``streamlit run app.py`` over ``db_path`` (output to the open file ``log``) on ``port`` (a free one
    by default); returns (process, base URL) once the server answers its health check."""
    port = port or _free_port()
    env = dict(
        os.environ,
        PORTAL_DB=str(db_path),
        PORTAL_COOKIE_KEY="browser-test-cookie-key-" + "k" * 20,
        PORTAL_BCRYPT_ROUNDS="4",
        PORTAL_PHOTO_DIR=str(db_path.parent / "photos"),  # 5S form photos stay out of the repository
        STREAMLIT_BROWSER_GATHER_USAGE_STATS="false",
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.headless", "true", "--server.address", "127.0.0.1", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
    except BaseException:
        stop_portal(proc)
        raise
    return proc, url


def stop_portal(proc: subprocess.Popen, timeout: float = 10) -> None:
    """Terminate a portal server (kill it when it does not end within ``timeout`` seconds)."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def portal_process(db_path: Path):
    """(process, base URL) of a portal over ``db_path`` running while the block runs; its output goes to
    ``server.log`` beside the database."""
    with open(db_path.parent / "server.log", "w") as log:
        proc, url = start_portal(db_path, log)
        try:
            yield proc, url
        finally:
            stop_portal(proc)


def fives_portal_db(
    path: Path,
    inspector: tuple[str, str] = ("inspector", "Ivy"),
    manager: tuple[str, str] = ("manager", "Max"),
    *,
    inspections: bool = True,
) -> None:
    """The fixture database of the 5S browser tests at ``path``: an inspector of store 1 and a manager of region 1
    (login, display name) and, with ``inspections``, the 5S templates and tests/fives_fixture.py's inspections
    moved so that the last lies five weeks back (inside the pages' default period)."""
    os.environ.setdefault("PORTAL_BCRYPT_ROUNDS", "4")
    con = fixtures.build_fixture_db(path)
    try:
        for (login, name), scope in (
            (inspector, {"roles": ["inspector"], "scope_store_ids": [1]}),
            (manager, {"roles": ["manager"], "scope_region_id": 1}),
        ):
            users.create_user(con, username=login, display_name=name, password=PASSWORD, **scope)
        if inspections:
            shift = (date.today() - timedelta(days=35)) - date(2026, 2, 3)
            fives_fixture.load_templates(con)
            fives_fixture.load_inspections(
                con,
                [(i, s, tid, day + shift, who, sc) for i, s, tid, day, who, sc in fives_fixture.INSPECTIONS],
            )
    finally:
        con.close()


@contextlib.contextmanager
def running_portal(db_path: Path):
    """Base URL of a portal (streamlit run app.py) over ``db_path``, running while the block runs."""
    with portal_process(db_path) as (_proc, url):
        yield url


@pytest.fixture(scope="session")
def portal_server(portal_db):
    """Base URL of a running portal (streamlit run app.py) over the session's fixture database."""
    with running_portal(portal_db) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `apt-get install chromium` (make test does it as root)"
        )
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.failed_call = report.failed


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    context.set_default_timeout(20_000)
    context.add_init_script(_WATCH_SCRIPT_STATE)
    pg = context.new_page()
    yield pg
    if getattr(request.node, "failed_call", False):  # a screenshot of what the browser showed, for CI logs
        out = ROOT / "test-results"
        out.mkdir(exist_ok=True)
        pg.screenshot(path=str(out / f"{request.node.name}.png"), full_page=True)
    context.close()


@contextlib.contextmanager
def shown_on_failure(name: str, pages: dict, *, close: bool = True):
    """On a failure inside the block, a full-page screenshot of each page ({label: page}) in test-results/
    (``{name}_{label}.png``; ``{name}.png`` for a label ""), for the CI logs; then the pages' contexts are closed
    (``close``)."""
    try:
        yield
    except Exception:
        out = ROOT / "test-results"
        out.mkdir(exist_ok=True)
        for label, pg in pages.items():
            pg.screenshot(path=str(out / f"{name}{'_' + label if label else ''}.png"), full_page=True)
        raise
    finally:
        if close:
            for pg in pages.values():
                pg.context.close()


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
QUIET_MS = 700


def wait_idle(page, quiet_ms: int = QUIET_MS) -> None:
    """Streamlit is not running, and no run has started for ``quiet_ms``, counted from now at the earliest
    (a rerun that an action has just requested may not have started yet)."""
    page.wait_for_function(
        """([quiet, from]) => {
            const app = document.querySelector("[data-testid='stApp']");
            const since = Math.max(from, window.__portalStateChangedAt || 0);
            return app && app.getAttribute("data-test-script-state") === "notRunning"
                && performance.now() - since > quiet;
        }""",
        arg=[quiet_ms, page.evaluate("performance.now()")],
        timeout=45_000,
        polling=100,
    )


def metric_texts(page, expected: str | None = None, timeout: int = 45_000) -> str:
    """The page's KPI tiles as one text, read once the tiles are drawn and Streamlit is idle; with ``expected``
    (a regular expression), wait until some tile shows it (a filter change can land a moment after the first
    idle spell)."""
    tiles = page.locator("[data-testid='stMetric']")
    tiles.first.wait_for(timeout=timeout)
    wait_idle(page)
    text = "\n".join(tiles.all_inner_texts())
    deadline = time.monotonic() + timeout / 1000
    while expected is not None and not re.search(expected, text) and time.monotonic() < deadline:
        page.wait_for_timeout(250)
        text = "\n".join(tiles.all_inner_texts())
    return text


def choose(page, label: str, option: str, type_filter: bool = False) -> None:
    """Pick ``option`` in the select box labelled ``label``. The upload's mapping form folds matched and optional
    fields into expanders: the one holding the box is opened first. ``type_filter``: type the option's start
    first (long option lists are virtualised)."""
    exact = page.locator("[data-testid='stWidgetLabel']", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    box = page.locator("[data-testid='stSelectbox']").filter(has=exact).first
    if not box.count():  # a label with more around it (help icon, marks): the first box that contains it
        box = page.locator("[data-testid='stSelectbox']").filter(has_text=label).first
    if not box.is_visible():
        folded = page.locator("[data-testid='stExpander']").filter(has=box)
        if folded.count():  # in a closed expander: open it
            folded.locator("summary").first.click()
        box.wait_for(state="visible")  # else still being drawn (a tab just opened, a rerun): wait for it
    wanted = page.get_by_role("option", name=option, exact=True).first
    for attempt in range(3):
        # a click that lands while the expander still opens only focuses the box, and a rerun that arrives
        # between the list opening and the click on the option closes the list: both are tried again
        box.click()
        if type_filter:
            page.keyboard.type(option[:20])
        try:
            wanted.wait_for(timeout=5_000)
            wanted.click(timeout=5_000)
            # a click on a list still opening picks nothing (the box's input holds the chosen option's label)
            expect(box.locator("input")).to_have_value(option, timeout=5_000)
            break
        except (PlaywrightTimeout, AssertionError):
            if attempt == 2:
                raise
            page.keyboard.press("Escape")


def choose_option(page, select, text: str | re.Pattern[str]) -> None:
    """Open the select box ``select`` (a locator) and pick the first option holding ``text``, a string or a
    compiled pattern as Playwright's ``has_text`` takes (a click landing on a rerun is repeated)."""
    for attempt in range(3):
        wait_idle(page)
        select.click()
        option = page.get_by_role("option").filter(has_text=text)
        try:
            option.first.wait_for(timeout=5_000)
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
            continue
        option.first.click()
        try:
            # a click on a list still opening picks nothing (the box's input holds the chosen option's label)
            wanted = text if isinstance(text, re.Pattern) else re.compile(re.escape(text))
            expect(select).to_have_value(wanted, timeout=5_000)
            return
        except AssertionError:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")


def pick_nth(page, box, n: int | str) -> str:
    """Open the multiselect ``box`` (a locator), pick its ``n``-th option (or the option named ``n``) and return
    the option's text, once the box shows it chosen; the list is left open. A click on an option that lands
    while the list is still opening on a loaded machine can select nothing (no run starts, the box keeps
    "All"): it is tried again."""
    for attempt in range(3):
        box.locator("input").click()
        page.keyboard.press("ArrowDown")
        if isinstance(n, str):
            option = page.get_by_role("option", name=n, exact=True).first
        else:
            option = page.locator("[role='option']").nth(n)
        text = option.inner_text().strip()
        option.click()
        try:
            expect(box).to_contain_text(text, timeout=5_000)
            return text
        except AssertionError:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
            wait_idle(page)
            if text in box.inner_text():  # the pick took, only later than 5 s: not picked a second time
                return text
    raise AssertionError("unreachable")


COOKIE = "service_kpi_portal_auth"


def page_report(page) -> str:
    """What the page shows and which cookies it holds, for a failure's message."""
    cookies = [c["name"] for c in page.context.cookies()]
    return f"the page shows {page.inner_text('body')[:1500]!r}; cookies: {cookies}"


def sign_in(page, base_url: str, username: str, password: str = PASSWORD) -> None:
    """Sign in through the form and wait for its outcome: the sidebar's sign-out button or an alert. After a
    successful sign-in, also wait until the browser holds the re-login cookie (the cookie component stores it
    a moment later), so that a fresh page load right after is signed in too."""
    page.goto(base_url)
    wait_idle(page)
    page.get_by_role("textbox", name="Username").fill(username)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    signed_in = page.locator("[data-testid='stSidebar'] button:has-text('Sign out')")
    # a refusal under the form: an error or a warning (ui.signin._sign_in_form), not any alert. The demo banner
    # of a signed-in page, and the form's own "This database has no admin yet" notice (an info, there before the
    # click, on fives_portal_db's databases), passed for one: the wait ended at once and skipped the cookie's,
    # and on a loaded machine the cookie came after this returned (signed_in: "max: not signed in")
    refused = page.locator(
        "[data-testid='stMain']:has(input[type='password'])"
        " :is([data-testid='stAlertContentError'], [data-testid='stAlertContentWarning'])"
    )
    signed_in.or_(refused).first.wait_for(state="attached", timeout=30_000)
    if signed_in.count():
        deadline = time.monotonic() + 20
        while not any(c["name"] == COOKIE for c in page.context.cookies()):
            if time.monotonic() > deadline:
                raise AssertionError("the sign-in cookie was not stored within 20 s")
            page.wait_for_timeout(100)
    wait_idle(page)


# (server URL, username) -> the re-login cookie of a form sign-in made by this test process
_SIGNED_IN: dict[tuple[str, str], list[dict]] = {}


def signed_in(
    page, base_url: str, username: str, path: str = "", heading: str | None = None, password: str = PASSWORD
) -> None:
    """Open ``base_url + path`` signed in as ``username``, as a returning browser does: with the re-login cookie
    of an earlier form sign-in of that user on that server in this test process (the page load signs in through
    the cookie). The first time, or when the cookie no longer holds (a sign-out, a role or scope change of the
    user raised its session version and the page shows the sign-in form), through the form (``sign_in``), then
    on to ``path``. With ``heading``, until the page shows that heading. For the tests whose subject is not the
    sign-in: each form sign-in costs a page load and a run of the landing page."""
    key = (base_url, username)
    signed = page.locator("[data-testid='stSidebar'] .st-key-portal_signout")  # "Sign out" in either language
    if key in _SIGNED_IN:
        page.context.add_cookies(_SIGNED_IN[key])
        page.goto(base_url + path)
        form = page.locator("[data-testid='stMain'] input[type='password']")
        signed.or_(form).first.wait_for(state="attached", timeout=60_000)
        if not signed.count():
            page.context.clear_cookies()
            del _SIGNED_IN[key]
    if key not in _SIGNED_IN:
        sign_in(page, base_url, username, password)
        _SIGNED_IN[key] = [c for c in page.context.cookies() if c["name"] == COOKIE]
        assert _SIGNED_IN[key], f"{username}: not signed in; " + page_report(page)
        if path:
            page.goto(base_url + path)
            signed.first.wait_for(state="attached", timeout=60_000)
    if heading is not None:
        page.get_by_role("heading", name=heading, exact=True).first.wait_for(timeout=60_000)
    wait_idle(page)


def open_page(page, link_name: str, heading: str) -> None:
    """Click a menu link and wait until its page shows. A click that lands while a rerun is in flight
    (the cookie component triggers one right after sign-in) can be dropped by Streamlit, so it is repeated."""
    link = page.locator("[data-testid='stSidebar'] [data-testid='stPageLink'] a").filter(
        has_text=re.compile(f"{re.escape(link_name)}$")
    )
    for attempt in range(3):
        wait_idle(page)
        # a link is drawn <a disabled> until the sign-in cookie is stored (signin.links_locked): Playwright takes it
        # for enabled, and a click on it is refused; wait until it is enabled, as bench.browser does
        link.first.and_(page.locator("a:not([disabled])")).wait_for(timeout=30_000)
        link.first.click()
        try:
            page.get_by_role("heading", name=heading, exact=True).first.wait_for(timeout=15_000)
            wait_idle(page)
            return
        except PlaywrightTimeout:
            if attempt == 2:
                raise


def pytest_collection_modifyitems(config, items):
    def rank(item) -> int:
        module = getattr(item, "module", None)
        name = module.__name__.rsplit(".", 1)[-1] if module else ""
        return _SLOW_FIRST.index(name) if name in _SLOW_FIRST else len(_SLOW_FIRST)

    items.sort(key=rank)  # stable: the order within a module and among the others stays
