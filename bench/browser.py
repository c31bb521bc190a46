"""Real-browser timing (issue 14): ``python -m bench.browser --db PATH [--user manager --password ...]``.

Starts the portal (``streamlit run app.py``) over an existing demo database, signs in with Chromium
(Playwright, /usr/bin/chromium), then switches between the pages named by ``--pages`` (default Complaints and
Satisfaction; ``--pages Overview,Complaints`` times the landing page) through the sidebar: the first visit of
each page is uncached, the later ones cached (the landing page's first visit is the sign-in's). A page counts as drawn when the
script has stopped running, its title is shown and every plotly chart on it holds its SVG. Each switch is
reported as wall time and as CPU time (the portal's process plus the page's renderer process): on the shared 2-core
machine the wall time mostly waits for a core, the CPU time is what the switch costs. Not run in CI.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, _free_port, _wait_healthy, wait_idle

ROOT = Path(__file__).resolve().parents[1]
PAGES = ("Complaints", "Satisfaction")
# pages whose drawing includes plotly charts (wait for at least one); others (the overview: tiles, alerts, the
# brief) count as drawn when their metric tiles are there and every chart they hold has its SVG
CHART_PAGES = ("Complaints", "Satisfaction")
DRAWN = """([title, charts]) => {
    const app = document.querySelector("[data-testid='stApp']");
    if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
    const h1 = [...document.querySelectorAll("h1")].some(h => h.textContent.trim().startsWith(title));
    if (!h1) return false;
    const plots = [...document.querySelectorAll(".js-plotly-plot")];
    if (!charts && document.querySelectorAll("[data-testid='stMetric']").length === 0) return false;
    return (!charts || plots.length > 0) && plots.every(p => p.querySelector(".main-svg"));
}"""


def _server_cpu(pid: int) -> float:
    """CPU seconds (user + system) the portal's process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _browser_busy(cdp) -> float:
    """CPU seconds the page's renderer process has used so far (Chromium's ProcessTime; its TaskDuration is
    wall time and grows with the machine's load)."""
    metrics = cdp.send("Performance.getMetrics")["metrics"]
    return next(m["value"] for m in metrics if m["name"] == "ProcessTime")


def _switch(page, title: str, cdp=None, pid: int | None = None):
    """(wall seconds until drawn, (CPU seconds of the server's process, of the page's renderer)).
    On a loaded machine the wall time waits for the cores; the CPU time is what the switch needs of them."""
    server0, browser0 = (_server_cpu(pid), _browser_busy(cdp)) if cdp is not None and pid else (None, None)
    start = time.perf_counter()
    page.locator("[data-testid='stSidebarNav'] a, [data-testid='stSidebar'] a").filter(
        has_text=title
    ).first.click()
    page.wait_for_function(DRAWN, arg=[title, title in CHART_PAGES], timeout=60_000, polling=50)
    wall = time.perf_counter() - start
    if server0 is None:
        return wall, None
    return wall, (_server_cpu(pid) - server0, _browser_busy(cdp) - browser0)


def run(db: str, user: str, password: str, rounds: int, pages: tuple[str, ...] = PAGES) -> dict:
    port = _free_port()
    env = dict(os.environ, PORTAL_DB=db, PORTAL_COOKIE_KEY="bench-cookie-key-" + "k" * 24)
    env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] = "false"
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port)]
    cmd += ["--server.headless", "true", "--server.address", "127.0.0.1", "--server.fileWatcherType", "none"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    out: dict = {"load": os.getloadavg(), "db": db}
    try:
        _wait_healthy(url, proc)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url)
            wait_idle(page)
            start = time.perf_counter()
            page.get_by_role("textbox", name="Username").fill(user)
            page.get_by_role("textbox", name="Password").fill(password)
            page.get_by_role("button", name="Sign in").click()
            page.locator("[data-testid='stSidebar'] button:has-text('Sign out')").first.wait_for(
                timeout=60_000
            )
            out["sign_in_s"] = round(time.perf_counter() - start, 3)
            wait_idle(page)
            cdp = page.context.new_cdp_session(page)
            cdp.send("Performance.enable")
            times: dict[str, list[float]] = {p: [] for p in pages}
            cpus: dict[str, list[tuple[float, float]]] = {p: [] for p in pages}
            for _ in range(rounds):
                for title in pages:
                    wall, (server, renderer) = _switch(page, title, cdp, proc.pid)
                    times[title].append(round(wall, 3))
                    cpus[title].append((round(server, 3), round(renderer, 3)))
            for title, ts in times.items():
                out[title] = {
                    "uncached_s": ts[0],
                    "cached_s": ts[1:],
                    "cached_median_s": statistics.median(ts[1:]),
                    # server process + page renderer CPU per cached switch: the wall time of an idle machine
                    "cached_cpu_s": [round(a + b, 3) for a, b in cpus[title][1:]],
                    "cached_cpu_median_s": statistics.median(a + b for a, b in cpus[title][1:]),
                    "cached_server_cpu_median_s": statistics.median(a for a, _ in cpus[title][1:]),
                    "cached_renderer_cpu_median_s": statistics.median(b for _, b in cpus[title][1:]),
                }
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="a demo database (python -m portal demo --scale N)")
    ap.add_argument("--user", default="manager")
    ap.add_argument("--password", default="manager-demo-2026")
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--pages", default=",".join(PAGES), help="sidebar titles, comma-separated")
    args = ap.parse_args(argv)
    pages = tuple(p.strip() for p in args.pages.split(",") if p.strip())
    print(json.dumps(run(args.db, args.user, args.password, args.rounds, pages), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
