"""The 5S headline "Stores failing" counts a store only on at least the 5S low-confidence n of scored inspections
(SPEC §3: a figure on fewer is never a pass or a fail), as the ranking, heat map and store view give it no band;
the tile's n line says how many stores were not judged. Hand-worked on tests/fives_fixture.py:

January: S001 2 inspections, mean (77.778 + 22.917) / 2 = 50.347 (failing); S002 1, 60.0; S003 1, 100.0.
- n 5 (the default): no store judged -> no data, 3 not judged (the count said 1 of 3 on S001's two);
- n 2: S001 judged, failing -> 1 of 1, 2 not judged (S002, S003);
- n 1: every store judged -> 1 of 3, nothing said.
The overview's twelve weeks to 15 Feb hold all five inspections: S001 3 (77.778, 22.917, 58.333: mean 53.009,
failing), S002 1, S003 1; with the setting at 3, 1 failing of 1 judged, 2 not judged.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from portal import db, kpi, settings
from portal.filters import Filters
from portal.fives import display, export, figures
from portal.i18n import t
from portal.overview import figures as overview
from portal.overview import store as store_view
from portal.overview.sources import window_for
from portal.scope import Scope
from tests import fives_fixture, fixtures

JANUARY = Filters(date(2026, 1, 1), date(2026, 1, 31))
TODAY = date(2026, 2, 10)


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    con = fixtures.build_fixture_db(tmp_path_factory.mktemp("fives_failing") / "fives.duckdb")
    fives_fixture.load(con)
    yield con
    con.close()


def _failing(con, n: int) -> kpi.Figure:
    cfg = figures.FivesSettings(low_confidence_n=n)
    return figures.headline(figures.runner(con, Scope.everything()), JANUARY, cfg, TODAY).failing_stores


def test_no_store_is_counted_failing_on_fewer_inspections_than_the_low_confidence_n(con):
    fig = _failing(con, 5)
    assert (fig.value, fig.n, fig.status, fig.extra.get("unjudged_stores")) == (0, 0, "no_data", 3)
    assert kpi.format_value(fig, "en") == "no data"
    assert kpi.caption(fig, "en") == (
        "no data: no store has enough inspections in this period to be judged"
        " · 3 stores not judged: fewer than 5 inspections"
    )
    assert (
        kpi.caption(fig, "zh")
        == "无数据：本周期内没有门店的检查次数足以评定等级 · 3 家门店未评定：检查少于 5 次"
    )


def test_only_the_stores_with_enough_inspections_are_counted(con):
    two = _failing(con, 2)  # S001 judged (failing); S002 and S003 on one inspection each
    assert (two.value, two.n, two.status, two.extra.get("unjudged_stores")) == (1, 1, None, 2)
    assert kpi.caption(two, "en") == "n = 1 · 2 stores not judged: fewer than 2 inspections"
    assert kpi.caption(two, "zh") == "n = 1 · 2 家门店未评定：检查少于 2 次"
    one = _failing(con, 1)  # every store judged: nothing to say
    assert (one.value, one.n, one.extra.get("unjudged_stores")) == (1, 3, 0)
    assert kpi.caption(one, "en") == "n = 3"


def test_the_tile_help_says_which_stores_are_judged(con):
    assert "n = stores judged" in t(
        "fives.tile.help.failing_stores", "en", min=60.0, n=2
    )  # it said "inspected"
    (text,) = display.tile_texts([_failing(con, 2)], 60.0, "en", 2)
    assert text.help == (
        "Stores whose mean overall % in the period is in the failing band (below 60%), among the stores with at "
        "least 2 scored inspections in it; a store with fewer is not judged (low confidence) and the line under "
        "the tile says how many; n = stores judged."
    )
    assert text.captions[0][0] == "n = 1 · 2 stores not judged: fewer than 2 inspections"
    (zh,) = display.tile_texts([_failing(con, 2)], 60.0, "zh", 2)
    assert zh.help.startswith(
        "周期内平均总分处于不合格等级(低于 60%)的门店数，只评定周期内已评分检查不少于 2 次的门店"
    )


def test_kpi_5s_json_and_text_say_the_stores_not_judged(con):
    cfg = figures.FivesSettings(low_confidence_n=2)
    out = export.to_json(figures.compute(figures.runner(con, Scope.everything()), JANUARY, cfg, TODAY))
    failing = out["headline"]["failing_stores"]
    assert (
        failing["value"],
        failing["n"],
        failing.get("unjudged_stores_n"),
        failing.get("judged_min_inspections"),
    ) == (
        1,
        1,
        2,
        2,
    )
    assert "Stores failing: 1 of 1 judged; 2 stores not judged: fewer than 2 inspections" in (
        export.text_summary(out).splitlines()
    )
    default = export.to_json(
        figures.compute(
            figures.runner(con, Scope.everything()), JANUARY, figures.FivesSettings(low_confidence_n=5), TODAY
        )
    )
    assert (
        "Stores failing: no data: no store has enough inspections in this period to be judged; "
        "3 stores not judged: fewer than 5 inspections"
    ) in export.text_summary(default).splitlines()


@pytest.fixture
def set_to_3(tmp_path):
    con = fixtures.build_fixture_db(tmp_path / "portal.duckdb")
    fives_fixture.load(con)
    settings.put(con.cursor(), "fives_low_confidence_n", 3, "test")
    yield con
    con.close()


def test_overview_tile_and_store_view_count_only_judged_stores(set_to_3):
    con = set_to_3
    window = window_for(datetime(2026, 2, 16, 12), timezone="UTC")  # weeks 24 Nov .. 15 Feb
    figs = overview.figures(kpi.runner(con, Scope.everything()), window, con, ("fives",))
    fig = next(f for f in figs.area("fives").figures if f.key == "failing_stores")
    assert (fig.value, fig.n, fig.extra.get("unjudged_stores")) == (
        1,
        1,
        2,
    )  # S001 53.0% on 3; S002, S003 on 1
    assert kpi.tile_text(fig, "en").captions[0][0] == "n = 1 · 2 stores not judged: fewer than 3 inspections"
    row = store_view.find_store(db.run_query(con, "filter_stores", {}, Scope.everything()), "S002")
    view = store_view.store_view(
        kpi.runner(con, Scope.everything()),
        window,
        con,
        row,
        date(2026, 2, 16),
        ("fives",),
        Scope.everything(),
    )
    table = store_view.comparison_table(view, "en").set_index("Figure")
    assert list(table.loc["Stores failing"]) == [
        # S002 on its one inspection: no data and why, as under the tile (it said "no data (n = 0)")
        "no data: no store has enough inspections in this period to be judged · 1 store not judged: fewer than 3 "
        "inspections",
        "1 (n = 1) · 1 store not judged: fewer than 3 inspections",  # North: S001 judged, S002 not
        "1 (n = 1) · 2 stores not judged: fewer than 3 inspections",
    ]
