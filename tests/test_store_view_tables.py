"""The store view's tables as a reader downloads them (portal/overview/store.py, through export.to_csv_bytes as
ui.table writes them).

Fixture (tests/fixtures.py: R1 North 北区 S001 S002, R2 South S003), week of 2026-11-02 (UTC), S001: complaints
C1 C2 C3, first answered after 2 h, 5 h and 30 h (24-hour commitment: 2 of 3 met, 66.666...%), none resolved;
S002 (North): C4; S003 (South): C5. Region North: 4 complaints; the chain: 5. Readers of S001: the chain, the
region North (scope_region_id 1) and a list of stores holding S001 alone, who sees 3 of North's 4.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from portal import db, export, kpi
from portal.i18n import t
from portal.overview import store as store_view
from portal.overview import store_fives
from portal.overview.sources import window_for
from portal.scope import Scope
from tests import fixtures

WEEK = date(2026, 11, 2)
WINDOW = window_for(datetime(2026, 11, 10), week=WEEK, timezone="UTC")
# source id, store, region, hours to answer
COMPLAINTS = [("C1", 1, 1, 2), ("C2", 1, 1, 5), ("C3", 1, 1, 30), ("C4", 2, 1, 3), ("C5", 3, 2, 3)]
CHAIN, NORTH, STORE_ONE = Scope.everything(), Scope(region_ids=(1,)), Scope(store_ids=(1,))
NAMES = {"en": {1: "North", 2: "South"}, "zh": {1: "北区", 2: "南区"}}


@pytest.fixture
def con(tmp_path):
    con = fixtures.build_fixture_db(tmp_path / "store_view.duckdb")
    received = datetime(2026, 11, 3, 10)
    con.executemany(
        "insert into complaints (source, source_id, received_at, first_response_at, channel, status, store_id, "
        "region_id) values ('fx', ?, ?, ?, 'hotline', 'responded', ?, ?)",
        [
            (sid, received, received + timedelta(hours=h), store, region)
            for sid, store, region, h in COMPLAINTS
        ],
    )
    yield con
    con.close()


def _view(con, scope: Scope, code: str = "S001"):
    row = store_view.find_store(db.run_query(con, "filter_stores", {}, scope), code)
    return store_view.store_view(
        kpi.runner(con, scope),
        WINDOW,
        con,
        row,
        date(2026, 11, 10),
        areas=("complaints",),
        scope=scope,
    )


def _csv(frame) -> list[str]:
    return export.to_csv_bytes(frame, "en").decode("utf-8-sig").splitlines()


def test_the_trend_csv_holds_the_figures_as_shown(con):
    """The trend's CSV held Complaints 3.0 and SLA attainment 66.66666666666666 while the page showed 3 and 66.7
    (figure-audit probe): each figure is rounded as its column shows it (trend_formats), a count whole."""
    view = _view(con, Scope.everything())
    trend = store_view.trend_table(view, "en")
    lines = _csv(trend.reset_index())
    header = lines[0].split(",")
    last = dict(zip(header, lines[-1].split(","), strict=False))
    assert last["Week"] == "2026-11-02"
    assert (last["Complaints"], last["Response SLA attainment"], last["Response SLA attainment: n"]) == (
        "3",
        "66.7",
        "3",
    )
    # the weeks before the first complaint (2026-11-03) are no data, a gap, not 0 complaints
    assert lines[1].split(",")[:2] == ["2026-08-17", ""]
    assert store_view.trend_formats(view, "en")["Response SLA attainment"] == "%.1f%%"  # shown: 66.7%


@pytest.mark.parametrize(
    ("scope", "lang", "columns", "complaints"),
    [
        (STORE_ONE, "en", ["Figure", "Store", "Region North (your stores)", "Your stores"], ["3", "3", "3"]),
        (STORE_ONE, "zh", ["指标", "门店", "北区(您的门店)", "您的门店范围"], ["3", "3", "3"]),
        (NORTH, "en", ["Figure", "Store", "Region", "Your stores"], ["3", "4", "4"]),
        (NORTH, "zh", ["指标", "门店", "区域", "您的门店范围"], ["3", "4", "4"]),
        (CHAIN, "en", ["Figure", "Store", "Region", "Whole chain"], ["3", "4", "5"]),
        (CHAIN, "zh", ["指标", "门店", "区域", "全连锁"], ["3", "4", "5"]),
    ],
)
def test_the_region_and_third_columns_say_whose_rows_they_hold(con, scope, lang, columns, complaints):
    """A manager scoped to S003 alone read "Region" 2 complaints under a caption "region East" while East had 3
    that week (two at a store outside their scope): the column is the region's rows of the reader's stores, and
    now says so; a reader without the whole chain reads "Your stores", never "Whole chain". Out-of-scope rows
    stay out (3, not North's 4)."""
    table = store_view.comparison_table(_view(con, scope), lang, NAMES[lang])
    assert list(table.columns) == columns
    assert [cell.split(" ")[0] for cell in table.iloc[0, 1:]] == complaints  # the Complaints row
    assert _csv(table)[0] == ",".join(columns)  # the download's header, as shown


@pytest.mark.parametrize(
    ("lang", "caption"),
    [
        (
            "en",
            "S001 Store One · region North (your stores) · against your stores in that region and all the stores "
            "you may see. Reference week 2026-W45: under each area's heading, the days its figures cover.",
        ),
        (
            "zh",
            "S001 Store One · 区域 北区(您的门店) · 与所在区域中您的门店及您权限范围内的全部门店比较。参考周：第 2026-W45 周；"
            "各板块标题下注明其统计期间。",
        ),
    ],
)
def test_the_caption_says_the_region_is_the_readers_stores_in_it(con, lang, caption):
    assert store_view.caption(_view(con, STORE_ONE), NAMES[lang], lang, "2026-W45") == caption


def test_the_caption_of_a_reader_of_the_whole_region_names_the_region(con):
    assert store_view.caption(_view(con, NORTH), NAMES["en"], "en", "2026-W45").startswith(
        "S001 Store One · region North · against its region and all the stores you may see."
    )
    assert store_view.caption(_view(con, CHAIN), NAMES["zh"], "zh", "2026-W45").startswith(
        "S001 Store One · 区域 北区 · 与所在区域及全连锁比较。"
    )


def test_the_5s_tables_take_the_same_headers(con):
    """The store view's 5S section and month tables head their sides as the comparison does."""
    sections = pd.DataFrame(
        {"section_code": ["S1"], "section_name_en": ["Sort"], "section_name_zh": ["整理"]}
        | {
            f"{side}_{v}": [80.0 if v == "pct" else 2]
            for side in ("store", "region", "chain")
            for v in ("pct", "n")
        }
    )
    months = sections.drop(columns=["section_code", "section_name_en", "section_name_zh"]).assign(
        month_start=[pd.Timestamp("2026-11-01")], is_in_progress=[False]
    )
    sf = store_fives.StoreFives(1, None, None, 0, sections, months, pd.DataFrame(), pd.DataFrame())
    labels = store_view.column_labels(_view(con, STORE_ONE), NAMES["zh"], "zh")
    assert labels == {"store": "门店", "region": "北区(您的门店)", "chain": "您的门店范围"}
    assert list(store_fives.sections_table(sf, "zh", labels).columns)[1:] == list(labels.values())
    assert list(store_fives.trend_table(sf, "zh", labels).columns)[1:] == list(labels.values())
    assert list(store_fives.trend_table(sf, "en").columns)[1:] == ["Store", "Region", "Whole chain"]


@pytest.mark.parametrize(
    ("lang", "cell"),
    [
        ("en", "no data: no complaint was resolved in this period (n = 0 resolved)"),
        ("zh", "无数据：本周期没有已解决的投诉(已解决 n = 0)"),
    ],
)
def test_a_figure_without_data_says_why_in_every_column(con, lang, cell):
    """The comparison table read "no data (n = 0)" without the reason the tiles give: no complaint of the week
    (C1-C5) is resolved, so the median resolution time has no data in the store, its region and the chain."""
    table = store_view.comparison_table(_view(con, CHAIN), lang, NAMES[lang])
    row = table[table.iloc[:, 0] == t("complaints.tile.resolution_median", lang)]
    assert row.iloc[0, 1:].tolist() == [cell] * 3
    # one helper writes it for the cell and under the tile (a review found the cell's a copy of kpi.caption's)
    fig = next(f for a in _view(con, CHAIN).store for f in a.figures if f.key == "resolution_median")
    assert kpi.no_data_text(fig, lang) == cell and kpi.caption(fig, lang).startswith(cell)
