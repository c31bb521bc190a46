"""Role x page x scope (issue 15 item 8), in Chromium over the demo data (scale 0.1, the five demo users):
every demo role opens every page: by its address where the role may not use it, which then says "Not
permitted"; by its sidebar menu link (as users do) otherwise, the address then the page's own, and there the
text, the KPI tiles and every "Download CSV" file name no store or agent outside the user's scope (store codes
for store-scoped users, agent codes for team- and agent-scoped ones), while the admin's same page does (so the
check can fail: it is counted and asserted). For the store-scoped roles, the tiles equal what the admin sees
with the same stores chosen in the filter (``?store=…``, the address form of the filter bar). The complaint
detail (``/complaint_list?complaint=``) of a complaint outside the scope is "not found" for the user and shown
to the admin. One server, one signed-in browser context per role. A page load costs Chromium about twice a
menu click's CPU (bench/HISTORY.md, session 44): an address is loaded only where the check needs one (the
refused pages, the filtered views, the complaint detail), and the landing page the sign-in shows is read
without loading it again. The contexts walk their pages at the same time (async Playwright: the admin's pages,
the admin's filtered views for the tile comparisons, and each scoped role); the comparisons are made once
every page has been read."""

from __future__ import annotations

import asyncio
import concurrent.futures
import re
import time
from urllib.parse import urlsplit

import pytest
from playwright.async_api import TimeoutError as PlaywrightTimeout

from portal import demo, navigation, users
from portal.i18n import t
from tests.browser.conftest import (
    _WATCH_SCRIPT_STATE,
    CHROMIUM,
    CHROMIUM_ARGS,
    COOKIE,
    QUIET_MS,
    running_portal,
)

PASSWORDS = {u["username"]: u["password"] for u in users.DEMO_USERS}
ROLE_OF = {u["username"]: u["roles"][0] for u in users.DEMO_USERS}
SCOPED = ("manager", "teamlead", "inspector", "agent")
STORE_RE, AGENT_RE = re.compile(r"\bS\d{3}\b"), re.compile(r"\bA\d{3}\b")
MEANINGFUL = 5  # at least this many checks where the admin's same page shows codes outside the scope
MAX_CSVS = 2  # per page: the first two tables' downloads (the rest are the same query's other cuts)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("scope_matrix") / "demo.duckdb"
    from portal import db

    con = db.connect(path)
    demo.generate(con, scale=0.1, seed=7)
    users.create_demo_users(con)
    scopes = {}
    for name in PASSWORDS:
        scope = users.load_user(con, name).scope
        stores = dict(con.execute("select store_id, store_code from stores").fetchall())
        agents = con.execute("select agent_id, agent_code, team_id from agents").fetchall()
        # a regional scope reaches the rows stamped with its regions: the stores ever in them (region history)
        ever = con.execute(
            "select distinct store_id from store_region_history where list_contains(?, region_id) "
            "union select store_id from stores_now where list_contains(?, region_id)",
            [list(scope.region_ids), list(scope.region_ids)],
        ).fetchall()
        mine_ids = set(scope.store_ids) | {i for (i,) in ever}
        mine_s = set(stores.values()) if scope.all_stores else {stores[i] for i in mine_ids}
        mine_a = {
            code
            for agent_id, code, team in agents
            if scope.all_agents or agent_id == scope.agent_id or (scope.team_id and team == scope.team_id)
        }
        checks = {
            "manager": ("store",),
            "inspector": ("store",),
            "teamlead": ("store", "agent"),
            "agent": ("agent",),
        }.get(name, ())
        # the admin's filter that shows what the scope holds: its regions (a row by its stamped region), else its stores
        chosen = ("region", scope.region_ids) if scope.region_ids else ("store", scope.store_ids)
        scopes[name] = {
            "store_ids": scope.store_ids,
            "filter": f"{chosen[0]}={','.join(str(i) for i in chosen[1])}",
            "outside": {
                "store": set(stores.values()) - mine_s if "store" in checks else set(),
                "agent": {a[1] for a in agents} - mine_a if "agent" in checks else set(),
            },
        }
    manager = users.load_user(con, "manager").scope
    outside_complaint = con.execute(
        "select c.source_id from complaints c "
        "where not list_contains(?, c.region_id) and not list_contains(?, c.store_id) and c.source_id is not null "
        "order by c.received_at desc limit 1",
        [list(manager.region_ids), list(manager.store_ids)],
    ).fetchone()[0]
    con.close()
    return path, scopes, outside_complaint


@pytest.fixture(scope="module")
def server(demo_db):
    with running_portal(demo_db[0]) as url:
        yield url


_IDLE_JS = """([quiet, from]) => {
    const app = document.querySelector("[data-testid='stApp']");
    const since = Math.max(from, window.__portalStateChangedAt || 0);
    return app && app.getAttribute("data-test-script-state") === "notRunning"
        && performance.now() - since > quiet;
}"""
TILE_ROLES = ("manager", "inspector")  # store-scoped: their tiles equal the admin's with their stores chosen
WALKERS = ("admin", "admin2", *SCOPED)  # admin2: the admin's second context, for the filtered views


async def _wait_idle(page) -> None:
    """conftest.wait_idle, for async Playwright."""
    start = await page.evaluate("performance.now()")
    await page.wait_for_function(_IDLE_JS, arg=[QUIET_MS, start], timeout=90_000, polling=100)


async def _context(browser, url: str, username: str):
    """A signed-in context of ``username`` (as conftest.sign_in: the form, then the re-login cookie stored)."""
    context = await browser.new_context(
        viewport={"width": 1400, "height": 1000}, locale="en-US", accept_downloads=True
    )
    context.set_default_timeout(90_000)
    await context.add_init_script(_WATCH_SCRIPT_STATE)
    page = await context.new_page()
    await page.goto(url)
    await _wait_idle(page)
    await page.get_by_role("textbox", name="Username").fill(username)
    await page.get_by_role("textbox", name="Password").fill(PASSWORDS[username])
    await page.get_by_role("button", name="Sign in").click()
    try:
        await page.locator("[data-testid='stSidebar'] button:has-text('Sign out')").first.wait_for()
    except PlaywrightTimeout:
        shown = await page.locator("[data-testid='stApp']").inner_text()
        raise AssertionError(
            f"{username}: not signed in 90 s after the click; the page shows: {shown}"
        ) from None
    deadline = time.monotonic() + 60
    while not any(c["name"] == COOKIE for c in await context.cookies()):
        assert time.monotonic() < deadline, f"{username}: the sign-in cookie was not stored within 60 s"
        await page.wait_for_timeout(100)
    await _wait_idle(page)
    return context, page


async def _open(page, url: str) -> str:
    """Load the address; once its heading (or the not-permitted alert) shows and Streamlit is idle, the main
    area's text."""
    for attempt in range(2):
        await page.goto(url)
        try:
            await page.locator(
                "[data-testid='stMain'] h1, [data-testid='stMain'] [data-testid='stAlert']"
            ).first.wait_for(timeout=90_000)
            await _wait_idle(page)
            break
        except PlaywrightTimeout:
            if attempt:
                raise AssertionError(f"{url}: no heading after 2 loads of 90 s") from None
    return await page.locator("[data-testid='stMain']").inner_text()


MENU_LINK = "[data-testid='stSidebar'] [data-testid='stPageLink'] a:not([disabled])"


def _path(key: str, landing: str) -> str:
    """The address path of a page: the root for the user's landing page (its /key switches to it)."""
    return "/" if key == landing else f"/{key}"


async def _clicked(page, spec, landing: str) -> str:
    """Open the page by its sidebar menu link (the landing page, which the sign-in shows, is read where it is);
    once the address is the page's own, its heading shows and Streamlit is idle, the main area's text. A click
    that does not change the address within 45 s is tried again, twice (as conftest.open_page)."""
    path = _path(spec.key, landing)
    if urlsplit(page.url).path != path:
        link = page.locator(MENU_LINK).and_(page.locator(f"a[href='{spec.key}']")).first
        for attempt in range(3):
            await _wait_idle(page)
            await link.click()
            try:
                await page.wait_for_url(lambda url: urlsplit(url).path == path, timeout=45_000)
                break
            except PlaywrightTimeout:
                if attempt == 2:
                    raise AssertionError(
                        f"{spec.key}: the address is {page.url} after 3 clicks on its menu link"
                    ) from None
    heading = page.locator("[data-testid='stMain'] h1").filter(
        has_text=re.compile(rf"^\s*{re.escape(t(spec.title_key, 'en'))}\s*$")
    )
    await heading.first.wait_for(timeout=90_000)
    await _wait_idle(page)
    assert urlsplit(page.url).path == path, f"{spec.key}: the address is {page.url}, not {path}"
    return await page.locator("[data-testid='stMain']").inner_text()


async def _tiles(page) -> list[str]:
    """The KPI tiles once they are drawn, Streamlit is idle and three reads 0.7 s apart agree (a rerun replaces
    them for a moment, and a loaded browser may draw a run's tiles a while after the run ends); [] when the
    page has none after 60 s (the contexts load pages at the same time, and CI's two cores may be loaded: 30 s
    was once too short for a manager's cold Complaints page)."""
    started, reads = time.monotonic(), []
    while True:
        await _wait_idle(page)
        now = [" ".join(x.split()) for x in await page.locator("[data-testid='stMetric']").all_inner_texts()]
        reads = [*reads[-2:], now]
        if (now and len(reads) == 3 and reads[0] == reads[1] == now) or (
            not now and time.monotonic() - started > 60
        ):
            return now
        if time.monotonic() - started > 120:
            raise AssertionError(f"the tiles do not settle: {now}")
        await page.wait_for_timeout(700)


async def _csvs(page) -> list[str]:
    """The first ``MAX_CSVS`` "Download CSV" files of the page. A download that the browser reports canceled
    (a rerun replaced the button's file, as the cookie component's late rerun after a page load does) is
    clicked again, up to three times."""
    out = []
    buttons = page.get_by_role("button", name="Download CSV")
    for i in range(min(await buttons.count(), MAX_CSVS)):
        for attempt in range(3):
            try:
                async with page.expect_download(timeout=30_000) as got:
                    await buttons.nth(i).click(timeout=10_000)
            except PlaywrightTimeout:  # behind a dialog (inert) or hidden in a closed expander: not offered
                break
            download = await got.value
            if await download.failure() is None:
                with open(await download.path(), encoding="utf-8-sig") as file:
                    out.append(file.read())
                break
            assert attempt < 2, f"{page.url}: download {i} failed 3 times ({await download.failure()})"
            await _wait_idle(page)
        await _wait_idle(page)
    return out


def _codes(text: str, kind: str) -> set[str]:
    return set((STORE_RE if kind == "store" else AGENT_RE).findall(text))


NO_TILES = {"complaint_list"}  # filtered by store, but a list without KPI tiles


def _landing(name: str) -> str:
    return navigation.landing_page([ROLE_OF[name]])


def _menu_order(name: str) -> list:
    """The pages ``name``'s role may open: the landing page first (the sign-in shows it), then as registered."""
    mine = [s for s in navigation.PAGES if ROLE_OF[name] in s.roles]
    return sorted(mine, key=lambda s: s.key != _landing(name))


def _tile_pages(name: str) -> list[str]:
    return [
        s.key
        for s in navigation.PAGES
        if ROLE_OF[name] in s.roles and "store" in s.dimensions and s.key not in NO_TILES
    ]


async def _admin_reference(signed, server: str, seen: dict) -> None:
    """The admin's text and CSVs of every page a scoped role may open too."""
    _context, page = signed
    for spec in _menu_order("admin"):
        if spec.roles & {ROLE_OF[n] for n in SCOPED}:  # pages both open
            text = await _clicked(page, spec, _landing("admin"))
            seen[spec.key] = text + "\n".join(await _csvs(page))


async def _admin_filtered(signed, server: str, scopes: dict, tiles: dict) -> None:
    """The admin's tiles with each scoped user's regions or stores chosen in the filter (``?region=…``,
    ``?store=…``)."""
    _context, page = signed
    for name in TILE_ROLES:
        for key in _tile_pages(name):
            await _open(page, f"{server}/{key}?{scopes[name]['filter']}")
            tiles[(name, key)] = await _tiles(page)


async def _scoped(signed, server: str, name: str, shown: dict, tiles: dict, problems: list) -> None:
    """Every page as ``name``: each of its own pages by its menu link (``_menu_order``), no exception there, and
    the text with the first CSVs (and the tiles, for the store-scoped roles) kept for the comparisons; then
    "Not permitted" at the address of each page the role may not go to."""
    _context, page = signed
    role = ROLE_OF[name]
    for spec in _menu_order(name):
        text = await _clicked(page, spec, _landing(name))
        exception = page.locator("[data-testid='stException']")
        if await exception.count():
            problems.append(
                (name, spec.key, "an exception is shown: " + (await exception.first.inner_text()))
            )
        shown[(name, spec.key)] = text + "\n" + "\n".join(await _csvs(page))
        if name in TILE_ROLES and spec.key in _tile_pages(name):
            tiles[(name, spec.key)] = await _tiles(page)
    for spec in [s for s in navigation.PAGES if role not in s.roles]:
        text = await _open(page, f"{server}/{spec.key}")
        if t("app.not_permitted", "en") not in text:
            problems.append((name, spec.key, "no 'Not permitted'"))


async def _recheck(server: str, name: str, key: str, chosen: str) -> tuple[list[str], list[str]]:
    """The admin's filtered tiles and ``name``'s tiles of one page again, loaded one after the other."""
    from playwright.async_api import async_playwright

    got = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for who, url in (("admin", f"{server}/{key}?{chosen}"), (name, f"{server}/{key}")):
                context, page = await _context(browser, server, who)
                try:
                    await _open(page, url)
                    got.append(await _tiles(page))
                finally:
                    await context.close()
        finally:
            await browser.close()
    return got[0], got[1]


async def _admin_again(server: str, keys: list[str]) -> dict[str, str]:
    """The admin's text and CSVs of ``keys`` again, one page after the other in a quiet browser (in the walk,
    six contexts draw at once on CI's two cores, and a download may not start within its timeout)."""
    from playwright.async_api import async_playwright

    seen = {}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            context, page = await _context(browser, server, "admin")
            try:
                for key in keys:
                    text = await _open(page, f"{server}/{key}")
                    seen[key] = text + "\n".join(await _csvs(page))
            finally:
                await context.close()
        finally:
            await browser.close()
    return seen


def _outside_shown(scopes: dict, shown: dict, admin_seen: dict) -> tuple[int, set[str], list]:
    """(the role x page x kind checks where the admin's page shows codes outside the role's scope, the pages
    where it shows none for some check, the leaks: codes outside the scope on the role's own page)."""
    meaningful, missed, leaks = 0, set(), []
    for (name, key), text in shown.items():
        for kind, outside in scopes[name]["outside"].items():
            if not outside:
                continue
            leaked = _codes(text, kind) & outside
            if leaked:
                leaks.append((name, key, kind, sorted(leaked)[:5]))
            if _codes(admin_seen.get(key, ""), kind) & outside:
                meaningful += 1
            else:
                missed.add(key)
    return meaningful, missed, leaks


async def _matrix(server: str, scopes: dict, outside_complaint: str) -> dict:
    from playwright.async_api import async_playwright

    got = {"admin_seen": {}, "shown": {}, "mine": {}, "admins": {}, "problems": []}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            # signed in one after another (as a person would), then all walk their pages at once
            signed = {n: await _context(browser, server, "admin" if n == "admin2" else n) for n in WALKERS}
            await asyncio.gather(
                _admin_reference(signed["admin"], server, got["admin_seen"]),
                _admin_filtered(signed["admin2"], server, scopes, got["admins"]),
                *(_scoped(signed[n], server, n, got["shown"], got["mine"], got["problems"]) for n in SCOPED),
            )
            # the complaint detail of a complaint outside the manager's stores, in the walkers' own sessions
            got["detail"] = [
                await _open(signed[n][1], f"{server}/complaint_list?complaint={outside_complaint}")
                for n in ("manager", "admin")
            ]
            for context, _page in signed.values():
                await context.close()
        finally:
            await browser.close()
    return got


def test_every_role_every_page_holds_only_its_scope(server, demo_db):
    _, scopes, outside_complaint = demo_db
    started = time.monotonic()
    # in a thread of its own: the browser tier's sync Playwright keeps an event loop running in this one
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        got = pool.submit(asyncio.run, _matrix(server, scopes, outside_complaint)).result()
    assert got["problems"] == []
    checked, compared = len(got["shown"]), 0
    meaningful, missed, leaks = _outside_shown(scopes, got["shown"], got["admin_seen"])
    if (
        meaningful < MEANINGFUL
    ):  # read again on a quiet machine: a page that truly shows nothing stays uncounted
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            got["admin_seen"].update(pool.submit(asyncio.run, _admin_again(server, sorted(missed))).result())
        first, (meaningful, missed, _) = meaningful, _outside_shown(scopes, got["shown"], got["admin_seen"])
        print(
            f"the admin's pages read again, one after the other: {first} -> {meaningful} checks that can fail"
        )
    for name in TILE_ROLES:
        for key in _tile_pages(name):
            assert got["mine"][(name, key)], f"{name}: no KPI tiles on {key}"
            if got["admins"][(name, key)] != got["mine"][(name, key)]:
                # six contexts drew at once on two cores; a difference must also hold on a quiet second load
                print(f"{name} {key}: the tiles differ, loaded again one after the other: "
                      f"{got['admins'][(name, key)]} != {got['mine'][(name, key)]}")  # fmt: skip
                chosen = scopes[name]["filter"]
                with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
                    again = pool.submit(asyncio.run, _recheck(server, name, key, chosen)).result()
                assert again[0] and again[0] == again[1], (name, key, again)
            compared += 1
    manager_detail, admin_detail = got["detail"]
    assert t("complaints.detail.not_found", "en") in manager_detail
    assert t("complaints.detail.not_found", "en") not in admin_detail
    seconds = time.monotonic() - started
    print(f"scope matrix: {checked} role x page checks, {meaningful} where the admin's page shows rows outside "
          f"the scope (none on: {sorted(missed)}), {compared} tile comparisons with the admin's filtered view, "
          f"{seconds:.0f} s")  # fmt: skip
    assert leaks == []
    assert meaningful >= MEANINGFUL and compared >= 4
