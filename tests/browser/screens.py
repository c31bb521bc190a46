"""Screenshots of the dashboards for people to look at (issue 10), run on demand, not a test:

    .venv/bin/python -m tests.browser.screens [--db demo.duckdb] [--out test-results/screens]

Starts a portal over a demo database (built at scale 0.3 in a temporary folder unless ``--db`` names one),
signs in as the demo admin and saves Complaints, Satisfaction and the complaint list at 1440x900 and 1024x768
(as an iPad: sidebar collapsed), in English and in Chinese: ``<page>_<lang>_<width>x<height>.png``, each the whole page.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, running_portal, sign_in, wait_idle

PAGES = (("complaints", "stMetric"), ("satisfaction", "stMetric"), ("complaint_list", "stDataFrame"))
SIZES = ((1440, 900), (1024, 768))
# at tablet width, a tablet's browser (the sidebar starts collapsed for it: ui_dash.sidebar_state)
TABLET_UA = "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148"
LANGS = ("en", "zh")
USER, PASSWORD = "admin", "admin-demo-2026"  # the documented demo admin (portal/demo)


def demo_database(folder: Path, scale: float) -> Path:
    path = folder / "screens.duckdb"
    env = dict(os.environ, PORTAL_DB=str(path), PORTAL_BCRYPT_ROUNDS="4")
    subprocess.run(
        [sys.executable, "-m", "portal", "demo", "--scale", str(scale)], cwd=ROOT, env=env, check=True
    )
    return path


def full_page(page, path: Path) -> None:
    """The whole page: Streamlit scrolls inside its main block, so the viewport grows to its height first."""
    height = page.evaluate(
        """() => {
            const main = document.querySelector("[data-testid='stMain']");
            return Math.max(document.body.scrollHeight, main ? main.scrollHeight : 0);
        }"""
    )
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], int(height) + 40)})
    wait_idle(page)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)


def shoot(base_url: str, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for width, height in SIZES:
            tablet = {"user_agent": TABLET_UA} if width < 1200 else {}
            context = browser.new_context(
                viewport={"width": width, "height": height}, locale="en-US", **tablet
            )
            context.set_default_timeout(60_000)
            page = context.new_page()
            sign_in(page, base_url, USER, PASSWORD)
            for lang in LANGS:
                for key, marker in PAGES:
                    page.goto(f"{base_url}/{key}" + ("?lang=zh" if lang == "zh" else ""))
                    page.locator(f"[data-testid='{marker}']").first.wait_for(timeout=90_000)
                    wait_idle(page, 1500)
                    path = out / f"{key}_{lang}_{width}x{height}.png"
                    full_page(page, path)
                    saved.append(path)
                    print(path, flush=True)
            context.close()
        browser.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a demo database (default: a fresh one at --scale)")
    parser.add_argument("--scale", type=float, default=0.3)
    parser.add_argument("--out", type=Path, default=ROOT / "test-results" / "screens")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db_path = args.db or demo_database(Path(tmp), args.scale)
        with running_portal(db_path) as url:
            shoot(url, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
