"""A choice box with nothing to choose speaks the page's language. Streamlit's browser code fills an empty
placeholder with its own English words ("No options to select", "Choose an option"); a placeholder the portal
sends is shown as it is. So every selectbox and multiselect of the portal passes ``placeholder=`` (checked on the
source, so that a new one cannot forget it), and a box whose options are empty sends the words of
``common.no_options`` in the page's language (checked through app.py)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from portal.i18n import t
from tests.apptest.conftest import page_opener

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "portal").rglob("*.py"))]
CHOICE_BOXES = {"selectbox", "multiselect"}


def _choice_calls(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in CHOICE_BOXES
        ):
            yield node


def test_every_choice_box_passes_a_placeholder():
    calls = [(path, node) for path in SOURCES for node in _choice_calls(path)]
    assert len(calls) >= 30  # the walk finds the portal's boxes (39 when this test was written)
    missing = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path, node in calls
        if not any(k.arg == "placeholder" for k in node.keywords)
    ]
    assert missing == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_empty_choice_box_sends_the_pages_words(con, tmp_path, monkeypatch, lang):
    # Survey instruments on a database without any instrument: the version box has nothing to choose
    for table in ("instrument_items", "instrument_dimensions", "survey_instruments"):
        con.execute(f"delete from {table}")  # noqa: S608 - the fixed names above
    con.close()
    path = tmp_path / "fixture.duckdb"  # the con fixture's file
    from portal import ui

    ui.clear_caches()
    at = page_opener(path, monkeypatch)("admin", lang, "pages/instruments.py")
    box = at.selectbox(key="instruments_show")
    assert list(box.options) == []
    assert box.proto.placeholder == t("common.no_options", lang)
    assert box.disabled  # greyed out: Streamlit greys an empty box only when it shows its own placeholder
    assert t("common.no_options", "zh") != t("common.no_options", "en")
    ui.clear_caches()
