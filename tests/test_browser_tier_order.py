"""The browser tier's schedule: its slowest modules start first on its workers (tests/browser/conftest.py
sorts them by tests/browser/order.py; the Makefile's `--no-loadscope-reorder` keeps that order, which pytest-xdist otherwise replaces
by the modules' number of tests, so the one-test scope matrix, the longest module, started last and ran alone)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.browser import conftest

ROOT = Path(__file__).resolve().parents[1]


def _recipe(target: str) -> str:
    found = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), re.M)
    assert found, f"no {target} target in the Makefile"
    return found.group(1).replace("\\\n", " ")


def test_the_slow_first_modules_exist():
    modules = {p.stem for p in (ROOT / "tests" / "browser").glob("test_*.py")}
    assert set(conftest._SLOW_FIRST) <= modules, set(conftest._SLOW_FIRST) - modules
    assert len(set(conftest._SLOW_FIRST)) == len(conftest._SLOW_FIRST)  # a module listed twice: a stale order
    assert conftest._SLOW_FIRST[0] == "test_scope_matrix_browser"


def test_make_browser_keeps_the_modules_order():
    command = _recipe("browser")
    assert "--dist loadfile" in command and "--no-loadscope-reorder" in command, command


def test_the_tests_chromium_is_the_users_without_animations():
    assert conftest.CHROMIUM_ARGS == [*conftest.BROWSER_ARGS, "--force-prefers-reduced-motion"]
    assert not any("reduced-motion" in a for a in conftest.BROWSER_ARGS)  # the benchmark's browser animates


def test_the_soak_runs_once_as_one_of_the_browser_tiers_first_modules():
    # a worker runs the 60-second soak while the others run their modules; make test no longer runs it after the tier
    browser = _recipe("browser")
    assert re.search(r"-m browser\s", browser) and "not soak" not in browser, browser
    assert "test_soak_browser" in conftest._SLOW_FIRST[:3]
    test = _recipe("test")
    assert "browser" in test and "soak" not in test, test
