"""Real-browser timing (issue 14): ``python -m bench.browser --db PATH [--users 8] [--rounds 4]``.

Starts the portal (``streamlit run app.py``) over an existing demo database and signs in with Chromium
(Playwright, /usr/bin/chromium), then switches between the Complaints and Satisfaction pages through the
sidebar: the first visit of each page is uncached, the later ones cached. A page counts as drawn when the
script has stopped running, its title is shown and every plotly chart on it holds its SVG.

Reported, with the machine's load before and after:
- one user: sign-in time; per page the uncached switch and the cached ones (median); the server's CPU time per
  cached switch (utime + stime of the streamlit process from /proc, over the cached switches only; all pages
  and each page apart), and per page
  the bench's own Chromium processes' CPU time per cached switch (the browser's drawing of that page, its idle
  tail included: what eight users' browsers add to the machine for each switch);
- ``--users N`` (default 8) users at once, each in its own browser context, each signing in and then switching
  pages as above: page switch median and worst, against the single user's median; errors (an exception box
  on a page); dropped clicks (a sidebar click after which no run started within ``--click-timeout`` s, or
  whose run ended with the old page's address and headings: clicked again, and counted); the CPU time the
  portal server and the bench's own Chromium processes spent while the users worked (on one machine the
  browsers' drawing competes with the server: when they take most of the cores, the page times measure the
  browsers, not the portal). A session that fails says where it stopped and what its page showed (script state, headings, charts drawn, alerts);
- ``--tabs`` (issue 14: "tab changes rerunning only the parts they touch"): the single user opens the
  Complaints page and switches its trend tabs (``TREND_TABS``); per switch the time until the open tab's chart
  shows the tab's series, and the server's CPU;
- ``--sign-ins N`` (issue 14: "sign-in of one never delays another's page by more than its own bcrypt time"):
  a signed-in reader switches pages (cached) while nobody else works, then again while a second user signs in
  N times one after the other (each in a fresh browser context: the sign-in page, the password check, the
  first signed-in page). Reported: the reader's switch median alone and during the sign-ins, the switches that
  overlapped a sign-in's check (from the click on "Sign in" to "Sign out" shown) and their median, the extra
  time against alone, and the time of one bcrypt check at the portal's cost (``PORTAL_BCRYPT_ROUNDS``).
Not run in CI.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.browser_clicks import CLICKED, WHERE
from bench.browser_proc import bcrypt_check_s, browsers_cpu_s, server_cpu_s, stored_bcrypt_rounds
from tests.browser.conftest import (
    _WATCH_SCRIPT_STATE,
    BROWSER_ARGS,
    CHROMIUM,
    _free_port,
    _wait_healthy,
)

ROOT = Path(__file__).resolve().parents[1]
PAGES = ("Complaints", "Satisfaction")
CHART_PAGES = ("Complaints", "Satisfaction")  # pages drawn only once their plotly charts hold their SVG
STATE = """() => {
    const app = document.querySelector("[data-testid='stApp']");
    const plots = [...document.querySelectorAll(".js-plotly-plot")];
    const h1 = [...document.querySelectorAll("h1")].map(h => h.textContent.trim()).join(" | ");
    const alerts = [...document.querySelectorAll("[data-testid='stAlert'], [data-testid='stException']")]
        .map(a => a.textContent.trim().slice(0, 120)).join(" | ");
    return `script ${app && app.getAttribute("data-test-script-state")}, runs seen ${window.__portalRuns}, `
        + `headings [${h1}], charts drawn ${plots.filter(p => p.querySelector(".main-svg")).length} of `
        + `${plots.length}, alerts [${alerts}], address ${location.pathname}`;
}"""
# the sign-in click was taken: a run started after it, or the sidebar (signed in) is already there
STARTED = """(since) => (window.__portalStateChangedAt || 0) > since
    || !!document.querySelector("[data-testid='stSidebar'] button")"""
IDLE = """([quiet, since]) => {
    const app = document.querySelector("[data-testid='stApp']");
    const last = Math.max(since, window.__portalStateChangedAt || 0);
    return app && app.getAttribute("data-test-script-state") === "notRunning" && performance.now() - last > quiet;
}"""


def start_portal(db: str) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = dict(os.environ, PORTAL_DB=db, PORTAL_COOKIE_KEY="bench-cookie-key-" + "k" * 24)
    env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] = "false"
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port)]
    cmd += ["--server.headless", "true", "--server.address", "127.0.0.1", "--server.fileWatcherType", "none"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    _wait_healthy(url, proc)
    return proc, url


class Session:
    """One user in one browser context: signs in, then switches pages; records times, errors, dropped clicks."""

    def __init__(self, browser, url: str, user: str, password: str, click_timeout: float):
        self.browser, self.url, self.user, self.password = browser, url, user, password
        self.click_timeout = click_timeout
        self.times: dict[str, list[float]] = {p: [] for p in PAGES}
        self.sign_in_s: float | None = None
        self.errors: list[str] = []
        self.dropped = 0
        self.dropped_how: list[str] = []  # "page: how" for each dropped switch click (CLICKED's outcome)

    async def _idle(self, page, quiet_ms: int = 700) -> None:
        since = await page.evaluate("performance.now()")
        try:
            await page.wait_for_function(IDLE, arg=[quiet_ms, since], timeout=120_000, polling=100)
        except Exception as exc:  # noqa: BLE001 - playwright's TimeoutError: say what the page was doing
            raise RuntimeError(f"{self.user}: not idle within 120 s; {await self._state()}") from exc

    async def _state(self) -> str:
        """What the page shows, for a failure's report: script state, runs seen, title, charts drawn of all."""
        return await self.page.evaluate(STATE)

    async def sign_in(self) -> None:
        self.context = await self.browser.new_context(
            viewport={"width": 1400, "height": 1000}, locale="en-US"
        )
        self.context.set_default_timeout(120_000)  # a loaded machine: the first load of 8 at once is slow
        self.context.set_default_navigation_timeout(180_000)
        await self.context.add_init_script(_WATCH_SCRIPT_STATE)
        self.page = page = await self.context.new_page()
        await page.goto(self.url)
        await self._idle(page)
        start = time.perf_counter()
        await page.get_by_role("textbox", name="Username").fill(self.user)
        await page.get_by_role("textbox", name="Password").fill(self.password)
        await self._click(page.get_by_role("button", name="Sign in"))
        try:
            await page.locator("[data-testid='stSidebar'] button:has-text('Sign out')").first.wait_for(
                timeout=120_000
            )
        except Exception as exc:  # what the page said instead, for the report
            shown = await page.locator("[data-testid='stMain']").first.inner_text()
            raise RuntimeError(
                f"{self.user} not signed in: {exc!r}; the page shows: {shown[:400]!r}"
            ) from exc
        self.sign_in_s = round(time.perf_counter() - start, 3)
        await self._idle(page)

    async def _click(self, target) -> None:
        """Click "Sign in" until a run starts (or the sidebar is there) within click_timeout; each miss counted."""
        for attempt in range(3):
            since = await self.page.evaluate("performance.now()")
            await target.click()
            try:
                await self.page.wait_for_function(
                    STARTED, arg=since, timeout=self.click_timeout * 1000, polling=50
                )
                return
            except Exception:  # noqa: BLE001 - playwright's TimeoutError: the click was not taken
                self.dropped += 1
                if attempt == 2:
                    raise

    async def switch(self, title: str) -> float:
        """Click the sidebar link until the page is drawn: a click that left the page as it was (``CLICKED``) is
        counted dropped and repeated (three at most); a link drawn disabled is waited for, as a user would."""
        page, start = self.page, time.perf_counter()
        link = page.locator("[data-testid='stSidebarNav'] a, [data-testid='stSidebar'] a").filter(
            has_text=title
        )
        for _ in range(3):
            try:
                await link.first.and_(page.locator("a:not([disabled])")).wait_for(timeout=120_000)
                before, since = await page.evaluate(WHERE), await page.evaluate("performance.now()")
                runs = await page.evaluate("window.__portalRuns || 0")
                await link.first.click()
                args = [title, title in CHART_PAGES, before, since, 700, self.click_timeout * 1000, runs]
                got = await page.wait_for_function(CLICKED, arg=args, timeout=120_000, polling=50)
            except Exception as exc:  # noqa: BLE001 - playwright's TimeoutError: say what the page was doing
                raise RuntimeError(
                    f"{self.user}: {title} not drawn within 120 s; {await self._state()}"
                ) from exc
            if (how := await got.json_value()) == "drawn":
                break
            self.dropped += 1
            self.dropped_how.append(f"{title}: {how}")
        else:
            raise RuntimeError(f"{self.user}: {title}: three clicks dropped; {await self._state()}")
        took = time.perf_counter() - start
        if await page.locator("[data-testid='stException']").count():
            self.errors.append(
                f"{title}: {await page.locator('[data-testid=stException]').first.inner_text()}"
            )
        return took

    async def run(self, rounds: int, on_switch=None) -> None:
        await self.sign_in()
        for _ in range(rounds):
            for title in PAGES:
                took = await self.switch(title)
                self.times[title].append(round(took, 3))
                if on_switch:
                    on_switch(title, took)

    def summary(self) -> dict:
        out = {"sign_in_s": self.sign_in_s, "errors": self.errors, "dropped_clicks": self.dropped}
        out["dropped_how"] = self.dropped_how
        for title, ts in self.times.items():
            out[title] = {
                "uncached_s": ts[0],
                "cached_s": ts[1:],
                "cached_median_s": statistics.median(ts[1:]),
            }
        return out


async def single_user(
    browser, url: str, pid: int, user: str, password: str, rounds: int, click_timeout: float
):
    s = Session(browser, url, user, password, click_timeout)
    cpu: list[float] = []
    served: dict[str, list[float]] = {title: [] for title in PAGES}  # the server, per page
    drawing: dict[str, list[float]] = {title: [] for title in PAGES}  # the bench's Chromium, per page
    await s.sign_in()
    for r in range(rounds):
        for title in PAGES:
            before, browsers_before = server_cpu_s(pid), browsers_cpu_s()
            took = await s.switch(title)
            await s._idle(s.page)  # the rerun's own tail (cookie component) counts too
            s.times[title].append(round(took, 3))
            if r > 0:  # cached: every page was visited once
                cpu.append(server_cpu_s(pid) - before)
                served[title].append(cpu[-1])
                drawing[title].append(browsers_cpu_s() - browsers_before)
    out = s.summary()
    out["server_cpu_per_cached_switch_ms"] = cpu_summary_ms(cpu)
    out["server_cpu_per_cached_switch_by_page_ms"] = {t: cpu_summary_ms(c) for t, c in served.items() if c}
    out["browser_cpu_per_cached_switch_ms"] = {t: cpu_summary_ms(c) for t, c in drawing.items() if c}
    await s.context.close()
    return out


async def many_users(
    browser, url: str, pid: int, users: int, user: str, password: str, rounds: int, click_timeout: float
):
    names = user.split(",")  # one account for all, or one per session (``--user a,b,…``), taken in turn
    sessions = [Session(browser, url, names[i % len(names)], password, click_timeout) for i in range(users)]
    started, server0, browsers0 = time.perf_counter(), server_cpu_s(pid), browsers_cpu_s()
    results = await asyncio.gather(*(s.run(rounds) for s in sessions), return_exceptions=True)
    server, browsers = server_cpu_s(pid) - server0, browsers_cpu_s() - browsers0
    failures = [repr(r) for r in results if isinstance(r, BaseException)]
    all_switch = [t for s in sessions for ts in s.times.values() for t in ts]
    cached = [t for s in sessions for ts in s.times.values() for t in ts[1:]]
    sign_ins = [s.sign_in_s for s in sessions if s.sign_in_s is not None]
    for s in sessions:
        if hasattr(s, "context"):
            await s.context.close()
    return {
        "users": users,
        "wall_s": round(time.perf_counter() - started, 1),
        # where the machine's CPU went while the users worked: the portal server, and the browsers drawing
        "server_cpu_s": round(server, 1),
        "browsers_cpu_s": round(browsers, 1),
        "failed_sessions": failures,
        "errors": [e for s in sessions for e in s.errors],
        "dropped_clicks": sum(s.dropped for s in sessions),
        "dropped_how": [h for s in sessions for h in s.dropped_how],
        "sign_in_median_s": round(statistics.median(sign_ins), 3) if sign_ins else None,
        "sign_in_max_s": max(sign_ins) if sign_ins else None,
        "switch_median_s": round(statistics.median(all_switch), 3) if all_switch else None,
        "switch_max_s": max(all_switch) if all_switch else None,
        "cached_switch_median_s": round(statistics.median(cached), 3) if cached else None,
        "switches": len(all_switch),
    }


def cpu_summary_ms(seconds: list[float]) -> dict:
    """CPU times (seconds) as the bench reports them: median and max in ms, and n."""
    return {
        "median": round(statistics.median(seconds) * 1000, 1),
        "max": round(max(seconds) * 1000, 1),
        "n": len(seconds),
    }


def overlapping_spans(spans: list[tuple[float, float]], windows: list[tuple[float, float]]) -> list[float]:
    """The lengths of the ``spans`` (start, end) that share some time with one of the ``windows``."""
    return [
        end - start
        for start, end in spans
        if any(start < w_end and w_start < end for w_start, w_end in windows)
    ]


TREND_TABS = ("Response SLA attainment", "Complaints per day", "Reopen rate")
TAB_DRAWN = """(label) => {
    const app = document.querySelector("[data-testid='stApp']");
    if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
    return [...document.querySelectorAll("[role='tabpanel']")].filter(p => p.offsetParent).some(p =>
        p.querySelector(".js-plotly-plot .main-svg")
        && ((p.querySelector(".gtitle") || {}).textContent || "").startsWith(label));
}"""


async def tab_switches(
    browser, url: str, pid: int, user: str, password: str, rounds: int, click_timeout
) -> dict:
    """The Complaints page's trend tabs switched ``rounds`` times each (after one visit of each): wall time until
    the open tab's chart is the clicked series, and the server's CPU per switch."""
    s = Session(browser, url, user, password, click_timeout)
    await s.sign_in()
    await s.switch("Complaints")
    await s._idle(s.page)
    page, times, cpu = s.page, [], []
    for label in TREND_TABS:  # each tab once: its chart cached
        await page.get_by_role("tab").filter(has_text=label).first.click()
        await page.wait_for_function(TAB_DRAWN, arg=label, timeout=120_000, polling=50)
        await s._idle(page)
    for _ in range(rounds):
        for label in TREND_TABS:
            before, start = server_cpu_s(pid), time.perf_counter()
            await page.get_by_role("tab").filter(has_text=label).first.click()
            await page.wait_for_function(TAB_DRAWN, arg=label, timeout=120_000, polling=50)
            times.append(time.perf_counter() - start)
            await s._idle(page)
            cpu.append(server_cpu_s(pid) - before)
    await s.context.close()
    return {
        "switches": len(times),
        "median_s": round(statistics.median(times), 3),
        "max_s": round(max(times), 3),
        "server_cpu_median_ms": round(statistics.median(cpu) * 1000, 1),
        "server_cpu_max_ms": round(max(cpu) * 1000, 1),
    }


async def sign_in_interference(
    browser,
    url: str,
    user: str,
    password: str,
    signer: str,
    signer_password: str,
    sign_ins: int,
    click_timeout: float,
    rounds: int,
) -> dict:
    """A reader's cached page switches alone, then while ``signer`` signs in ``sign_ins`` times in a row."""
    reader = Session(browser, url, user, password, click_timeout)
    await reader.sign_in()
    for title in PAGES:  # every page once: the switches below are cached
        await reader.switch(title)
        await reader._idle(reader.page)
    switches = max(2 * sign_ins, 6)

    done = [0]  # switches so far: each goes to the next page in turn (never to the page already shown)

    async def switch_times(count: int) -> list[tuple[float, float]]:
        spans = []
        for _ in range(count):
            start = time.perf_counter()
            await reader.switch(PAGES[done[0] % len(PAGES)])
            done[0] += 1
            spans.append((start, time.perf_counter()))
        return spans

    alone = await switch_times(switches)
    checks: list[tuple[float, float]] = []  # each sign-in's click on "Sign in" to "Sign out" shown
    signer_errors: list[str] = []

    async def sign_in_again() -> None:
        for _ in range(sign_ins):
            s = Session(browser, url, signer, signer_password, click_timeout)
            try:
                await s.sign_in()
                end = time.perf_counter()
                checks.append((end - s.sign_in_s, end))
            except Exception as exc:  # noqa: BLE001 - reported
                signer_errors.append(repr(exc)[:300])
            finally:
                if hasattr(s, "context"):
                    await s.context.close()

    during: list[tuple[float, float]] = []
    signing = asyncio.create_task(sign_in_again())
    while not signing.done():
        during += await switch_times(1)
    await signing
    await reader.context.close()
    overlapping = overlapping_spans(during, checks)
    alone_median = statistics.median([e - b for b, e in alone])
    bcrypt_s = bcrypt_check_s(rounds)
    overlap_median = statistics.median(overlapping) if overlapping else None
    return {
        "sign_ins": len(checks),
        "signer_errors": signer_errors,
        "sign_in_median_s": round(statistics.median([e - b for b, e in checks]), 3) if checks else None,
        "reader_errors": reader.errors,
        "dropped_clicks": reader.dropped,
        "switch_median_alone_s": round(alone_median, 3),
        "switch_max_alone_s": round(max(e - b for b, e in alone), 3),
        "switch_median_during_s": round(statistics.median([e - b for b, e in during]), 3) if during else None,
        "switches_overlapping_a_check": len(overlapping),
        "overlapping_median_s": None if overlap_median is None else round(overlap_median, 3),
        "overlapping_max_s": round(max(overlapping), 3) if overlapping else None,
        "extra_s": None if overlap_median is None else round(overlap_median - alone_median, 3),
        "bcrypt_check_s": round(bcrypt_s, 3),
        "bcrypt_rounds": rounds,
    }


async def main_async(args) -> dict:
    from playwright.async_api import async_playwright

    out: dict = {"db": args.db, "load_before": [round(x, 2) for x in os.getloadavg()]}
    signer_rounds = stored_bcrypt_rounds(args.db, args.signer) if args.sign_ins else 0
    proc, url = start_portal(args.db)
    try:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS, headless=True)
            one = (
                browser,
                url,
                proc.pid,
                args.user.split(",")[0],
                args.password,
                args.rounds,
                args.click_timeout,
            )
            out["single"] = await single_user(*one)
            if args.tabs:
                out["tabs"] = await tab_switches(*one)
            if args.users > 1:
                out["concurrent"] = await many_users(
                    browser,
                    url,
                    proc.pid,
                    args.users,
                    args.user,
                    args.password,
                    args.rounds,
                    args.click_timeout,
                )
                single = statistics.median(
                    [
                        t
                        for p in PAGES
                        for t in [out["single"][p]["uncached_s"], *out["single"][p]["cached_s"]]
                    ]
                )
                out["concurrent"]["single_switch_median_s"] = round(single, 3)
                med = out["concurrent"]["switch_median_s"]
                out["concurrent"]["median_vs_single"] = round(med / single, 2) if med and single else None
            if args.sign_ins:
                out["sign_in_interference"] = await sign_in_interference(
                    browser,
                    url,
                    args.user.split(",")[0],
                    args.password,
                    args.signer,
                    args.signer_password,
                    args.sign_ins,
                    args.click_timeout,
                    signer_rounds,
                )
            await browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    out["load_after"] = [round(x, 2) for x in os.getloadavg()]
    return out


def main(argv: list[str] | None = None) -> int:
    global PAGES
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="a demo database (python -m portal demo --scale N)")
    ap.add_argument(
        "--user",
        default="manager",
        help="the account; several, comma-separated, are taken in turn by the users",
    )
    ap.add_argument("--password", default="manager-demo-2026")
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--users", type=int, default=8, help="concurrent users (1: the single-user part only)")
    ap.add_argument("--click-timeout", type=float, default=10.0)
    ap.add_argument("--tabs", action="store_true", help="also time the Complaints page's trend tab switches")
    ap.add_argument(
        "--sign-ins",
        type=int,
        default=0,
        help="a reader switches pages while another user signs in this many times (0: not run)",
    )
    ap.add_argument("--signer", default="teamlead", help="the account that signs in (--sign-ins)")
    ap.add_argument("--signer-password", default="teamlead-demo-2026")
    ap.add_argument("--out", type=Path, default=None, help="also write the JSON here")
    ap.add_argument("--pages", default="Complaints,Satisfaction", help="the sidebar pages switched between")
    args = ap.parse_args(argv)
    PAGES = tuple(p.strip() for p in args.pages.split(",") if p.strip())
    result = asyncio.run(main_async(args))
    text = json.dumps(result, indent=1)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
