"""The browser tier's schedule: its slowest modules start first on its workers (tests/browser/conftest.py
sorts them first; the Makefile's `--no-loadscope-reorder` keeps that order, which pytest-xdist otherwise replaces
by the modules' number of tests, so the one-test scope matrix, the longest module, started last and ran alone)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.browser import conftest

ROOT = Path(__file__).resolve().parents[1]


def test_the_slow_first_modules_exist():
    modules = {p.stem for p in (ROOT / "tests" / "browser").glob("test_*.py")}
    assert set(conftest._SLOW_FIRST) <= modules, set(conftest._SLOW_FIRST) - modules
    assert conftest._SLOW_FIRST[0] == "test_scope_matrix_browser"


def test_make_browser_keeps_the_modules_order():
    recipe = re.search(r"^browser:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), re.M)
    assert recipe, "no browser target in the Makefile"
    command = recipe.group(1).replace("\\\n", " ")
    assert "--dist loadfile" in command and "--no-loadscope-reorder" in command, command


def test_the_tests_chromium_is_the_users_without_animations():
    assert conftest.CHROMIUM_ARGS == [*conftest.BROWSER_ARGS, "--force-prefers-reduced-motion"]
    assert not any("reduced-motion" in a for a in conftest.BROWSER_ARGS)  # the benchmark's browser animates
