"""Role x page x scope (issue 15 item 8), in Chromium over the demo data (scale 0.1, the five demo users):
every demo role opens every page address. A page the role may not use says "Not permitted"; on every other
page, the text, the KPI tiles and every "Download CSV" file name no store or agent outside the user's scope
(store codes for store-scoped users, agent codes for team- and agent-scoped ones), while the admin's same
page does (so the check can fail: it is counted and asserted). For the store-scoped roles, the tiles equal
what the admin sees with the same stores chosen in the filter (``?store=…``, the address form of the filter
bar). The complaint detail (``/complaint_list?complaint=``) of a complaint outside the scope is "not found"
for the user and shown to the admin. One server, one signed-in browser context per role."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from portal import demo, navigation, users
from portal.i18n import t
from tests.browser.conftest import _WATCH_SCRIPT_STATE, running_portal, sign_in, wait_idle

PASSWORDS = {u["username"]: u["password"] for u in users.DEMO_USERS}
ROLE_OF = {u["username"]: u["roles"][0] for u in users.DEMO_USERS}
SCOPED = ("manager", "teamlead", "inspector", "agent")
STORE_RE, AGENT_RE = re.compile(r"\bS\d{3}\b"), re.compile(r"\bA\d{3}\b")
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
        mine_s = set(stores.values()) if scope.all_stores else {stores[i] for i in scope.store_ids}
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
        scopes[name] = {
            "store_ids": scope.store_ids,
            "outside": {
                "store": set(stores.values()) - mine_s if "store" in checks else set(),
                "agent": {a[1] for a in agents} - mine_a if "agent" in checks else set(),
            },
        }
    outside_complaint = con.execute(
        "select c.source_id from complaints c join stores s using (store_id) "
        "where s.store_id not in (select unnest(?::int[])) and c.source_id is not null "
        "order by c.received_at desc limit 1",
        [list(scopes["manager"]["store_ids"])],
    ).fetchone()[0]
    con.close()
    return path, scopes, outside_complaint


@pytest.fixture(scope="module")
def server(demo_db):
    with running_portal(demo_db[0]) as url:
        yield url


def _context(browser, url: str, username: str):
    context = browser.new_context(
        viewport={"width": 1400, "height": 1000}, locale="en-US", accept_downloads=True
    )
    context.set_default_timeout(45_000)
    context.add_init_script(_WATCH_SCRIPT_STATE)
    page = context.new_page()
    sign_in(page, url, username, PASSWORDS[username])
    return context, page


def _open(page, url: str) -> str:
    """Load the address; once its heading (or the not-permitted alert) shows and Streamlit is idle, the main
    area's text."""
    for attempt in range(2):
        page.goto(url)
        try:
            page.locator(
                "[data-testid='stMain'] h1, [data-testid='stMain'] [data-testid='stAlert']"
            ).first.wait_for(timeout=90_000)
            wait_idle(page)
            break
        except PlaywrightTimeout:
            if attempt:
                raise AssertionError(f"{url}: no heading after 2 loads of 90 s") from None
    return page.locator("[data-testid='stMain']").inner_text()


def _tiles(page) -> list[str]:
    """The KPI tiles once they are drawn and the same in two reads half a second apart (a rerun replaces
    them for a moment); [] when the page has none after 10 s."""
    started, last = time.monotonic(), None
    while True:
        now = [" ".join(x.split()) for x in page.locator("[data-testid='stMetric']").all_inner_texts()]
        if (now and now == last) or (not now and time.monotonic() - started > 10):
            return now
        if time.monotonic() - started > 60:
            raise AssertionError(f"the tiles do not settle: {now}")
        last = now
        page.wait_for_timeout(500)


def _csvs(page) -> list[str]:
    out = []
    buttons = page.get_by_role("button", name="Download CSV")
    for i in range(min(buttons.count(), MAX_CSVS)):
        try:
            with page.expect_download(timeout=30_000) as got:
                buttons.nth(i).click(timeout=10_000)
        except PlaywrightTimeout:  # behind a dialog (inert) or hidden in a closed expander: not offered
            continue
        out.append(open(got.value.path(), encoding="utf-8-sig").read())
        wait_idle(page)
    return out


def _codes(text: str, kind: str) -> set[str]:
    return set((STORE_RE if kind == "store" else AGENT_RE).findall(text))


def test_every_role_every_page_holds_only_its_scope(browser, server, demo_db):
    _, scopes, outside_complaint = demo_db
    started = time.monotonic()
    contexts = {name: _context(browser, server, name) for name in PASSWORDS}
    checked, meaningful, compared, leaks = 0, 0, 0, []
    admin_seen: dict[str, set[str]] = {}
    try:
        admin_page = contexts["admin"][1]
        for spec in navigation.PAGES:
            if "admin" in spec.roles and spec.roles & {ROLE_OF[n] for n in SCOPED}:  # pages both open
                text = _open(admin_page, f"{server}/{spec.key}")
                admin_seen[spec.key] = text + "\n".join(_csvs(admin_page))
        for name in SCOPED:
            page, role = contexts[name][1], ROLE_OF[name]
            for spec in navigation.PAGES:
                text = _open(page, f"{server}/{spec.key}")
                if role not in spec.roles:
                    assert t("app.not_permitted", "en") in text, (name, spec.key)
                    continue
                assert not page.locator("[data-testid='stException']").count(), (name, spec.key)
                shown = text + "\n" + "\n".join(_csvs(page))
                checked += 1
                for kind, outside in scopes[name]["outside"].items():
                    if not outside:
                        continue
                    leaked = _codes(shown, kind) & outside
                    if leaked:
                        leaks.append((name, spec.key, kind, sorted(leaked)[:5]))
                    meaningful += bool(_codes(admin_seen.get(spec.key, ""), kind) & outside)
                if name in ("manager", "inspector") and "store" in spec.dimensions:
                    mine = _tiles(page)
                    ids = ",".join(str(i) for i in scopes[name]["store_ids"])
                    _open(admin_page, f"{server}/{spec.key}?store={ids}")
                    assert _tiles(admin_page) == mine, (name, spec.key)
                    compared += 1
        # the complaint detail of a complaint outside the manager's stores
        detail = f"{server}/complaint_list?complaint={outside_complaint}"
        assert t("complaints.detail.not_found", "en") in _open(contexts["manager"][1], detail)
        assert t("complaints.detail.not_found", "en") not in _open(admin_page, detail)
    finally:
        for context, _ in contexts.values():
            context.close()
    seconds = time.monotonic() - started
    print(f"scope matrix: {checked} role x page checks, {meaningful} where the admin's page shows rows outside "
          f"the scope, {compared} tile comparisons with the admin's filtered view, {seconds:.0f} s")  # fmt: skip
    assert leaks == []
    assert meaningful >= 5 and compared >= 4
