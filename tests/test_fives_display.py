"""5S display pieces: the heat map's store selection and order, band and status labels, action marks."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from portal.filters import Filters
from portal.fives import display, figures
from portal.scope import Scope
from tests import fives_fixture, fixtures

JANUARY = Filters(date(2026, 1, 1), date(2026, 1, 31))


@pytest.fixture(scope="module")
def views(tmp_path_factory):
    con = fixtures.build_fixture_db(tmp_path_factory.mktemp("fivesdisplay") / "d.duckdb")
    fives_fixture.load(con)
    run = figures.runner(con, Scope.everything())
    out = (
        figures.heatmap(run, JANUARY),
        figures.ranking(run, JANUARY, figures.FivesSettings(low_confidence_n=5)),
    )
    con.close()
    return out


def rows(frame: pd.DataFrame) -> list[str]:
    return list(frame.drop_duplicates("row_order").sort_values("row_order")["row_label"])


def test_heatmap_worst_first_best_first_and_by_section(views):
    heatmap, ranking = views
    # store means: S001 50.3, S002 60.0, S003 100; the selection's row always first
    assert rows(display.heatmap_frame(heatmap, ranking, "en", "worst", n=2)) == [
        "All selected stores",
        "S001",
        "S002",
    ]
    assert rows(display.heatmap_frame(heatmap, ranking, "en", "best", n=1)) == ["All selected stores", "S003"]
    # by shine: S002 has no shine % (nothing applicable) -> among the lowest; S001 37.5; S003 100
    by_shine = display.heatmap_frame(heatmap, ranking, "zh", "all", order_by="shine")
    assert rows(by_shine) == ["所选门店平均", "S002", "S001", "S003"]  # the mean (it read 合计, "total")
    assert set(by_shine["section"]) == {"整理", "清扫"}
    s002_shine = by_shine[(by_shine["row_label"] == "S002") & (by_shine["section"] == "清扫")]
    assert s002_shine["mean_pct"].isna().all() and (s002_shine["inspections_n"] == 0).all()


def test_labels_and_marks():
    assert display.band_label("failing", "zh") == "✖ 不合格"
    assert display.band_label(None, "en") == "no score"
    assert display.section_label("own_zone", "Own zone", "自定义区", "zh") == "自定义区"
    assert display.status_label("in_progress", "zh") == "进行中"
    assert display.overdue_mark(True, 3, "en") == "⚠ 3 d"
    assert display.overdue_mark(False, None, "en") == ""
    # submitted work past due awaits verification: said so, not days overdue (submitted on time or not)
    day = pd.Timestamp("2025-02-18")
    assert display.overdue_mark(True, 646, "en", "submitted", day) == "awaiting verification since 2025-02-18"
    assert display.overdue_mark(True, 646, "zh", "submitted", day) == "自 2025-02-18 起待验证"
    assert display.overdue_mark(False, None, "en", "submitted", day) == ""  # not past due: nothing
    assert display.overdue_mark(True, 3, "en", "in_progress", day) == "⚠ 3 d"  # sent back: the store's again


def test_an_actions_history_is_in_the_reporting_zone_with_its_name():
    # stored in UTC; shown as every other time on the pages: in the reporting zone, named (it said "UTC")
    row = pd.Series(
        {
            "created_at": pd.Timestamp("2026-02-09 02:00"),
            "sent_back_at": pd.NaT,
            "submitted_at": pd.Timestamp("2026-02-10 23:30"),
            "submitted_by": "mgr",
            "submitted_by_name": "Max Manager",
            "done_text": "cleaned",
            "verified_at": pd.NaT,
            "status": "submitted",
        }
    )
    en = display.action_history(row, "en", "Asia/Shanghai")
    assert en[0] == "Opened 2026-02-09 10:00 (Beijing time)"
    # the submission's line carries its stamp the same way (23:30 UTC is 07:30 the next day in Beijing)
    assert "2026-02-11 07:30 (Beijing time)" in en[1] and "by Max Manager:" in en[1]
    assert display.action_history(row, "zh", "Asia/Shanghai")[0] == "2026-02-09 10:00 (北京时间) 生成"
    assert display.action_history(row, "en")[0] == "Opened 2026-02-09 02:00 (UTC)"


@pytest.mark.parametrize(
    ("lang", "shown"),
    [("en", "Not met: Photos are shown — faded"), ("zh", "未达标：张贴标准照片 — faded")],
)
def test_an_opened_actions_finding_is_shown_in_the_pages_language(lang, shown):
    """An action an inspection opened is stored as 'Not met: <en> / 未达标：<zh>' (both languages at once, as a
    reviewer saw on either page): each page shows its own, with the inspector's comment."""
    row = pd.Series(
        {
            "description": "Not met: Photos are shown / 未达标：张贴标准照片 — faded",
            "item_text_en": "Photos are shown",
            "item_text_zh": "张贴标准照片",
        }
    )
    assert display.action_description(row, lang) == shown
    row["description"] = "Not met: Photos are shown / 未达标：张贴标准照片"
    assert display.action_description(row, lang) == shown.removesuffix(" — faded")


def test_a_description_not_written_by_an_inspection_is_shown_as_written():
    row = pd.Series({"description": "Repaint the sign", "item_text_en": "Sign", "item_text_zh": "标识"})
    assert display.action_description(row, "zh") == "Repaint the sign"
    assert display.action_description(pd.Series({"description": None, "item_text_en": None}), "en") == ""


def test_the_store_caption_counts_inspections_with_no_score():
    # sparse-data probe: a store inspected once with every item N/A read "S001: 0 inspections in the period"
    unscored = {"inspections_n": 1, "scored_n": 0, "mean_pct": None, "band": None, "is_low_confidence": False}
    assert display.store_caption(unscored, "S001 One", "en") == (
        "S001 One: 1 inspection in the period, 0 of them scored (the others marked every item N/A), mean —, "
        + display.band_label(None, "en")
        + "."
    )
    assert display.store_caption(unscored, "S001 One", "zh").startswith(
        "S001 One：本周期 1 次检查，其中 0 次有得分(其余各项均为不适用)，平均"
    )
    scored = {"inspections_n": 3, "scored_n": 3, "mean_pct": 80.0, "band": "good", "is_low_confidence": False}
    assert display.store_caption(scored, "S002 Two", "en").startswith(
        "S002 Two: 3 inspections in the period, mean 80.0%, "
    )


def test_the_inspector_table_shows_every_mean_with_its_decimal():
    """A tablet probe (Chinese, 768 px) read the inspector consistency table's own mean as "89" under "91.2" and
    "80.7": Streamlit drops a float's trailing zeros. A float column rounded to one decimal is drawn with one on
    every row ("89.0"); a rounded-to-whole or an unrounded column keeps Streamlit's own format."""
    from portal.i18n import t
    from portal.ui import display as ui_display

    df = pd.DataFrame(
        {
            "inspector_name": ["督导 张宇", "督导 李婷", "督导 王玲"],
            "inspections_n": [3, 2, 3],
            "own_mean_pct": [91.2, 89.0, 80.7],
            "shared_stores_n": [2, 2, 2],
            "own_shared_mean_pct": [91.2, 89.0, 80.7],
            "others_shared_mean_pct": [85.8, 85.9, 89.2],
            "others_inspections_n": [5, 6, 5],
            "difference_pp": [5.4, 3.1, -8.5],
        }
    )
    table = display.consistency_table(df, "zh")
    config = ui_display._column_config(table)
    own = t("fives.col.own_mean", "zh")
    assert config[own]["type_config"]["format"] == "%.1f"
    assert ui_display.decimal_places(pd.Series([3.0, 5.0])) == 0
    assert ui_display.decimal_places(pd.Series([0.12, None, 1.5])) == 2
    assert ui_display.decimal_places(pd.Series([1 / 3])) is None
    assert ui_display.decimal_places(pd.Series([], dtype=float)) is None


def test_a_count_column_holding_missing_values_gets_thousands_separators():
    """A count with a missing value is a float column of whole numbers (repeat_findings_n: NaN for a store's
    first inspection, where nothing could repeat); 0 decimals gave it no format, so 1234 showed without its
    separator while the integer columns had one. The agent card's metric table, drawn apart with its own
    headers, takes the same formats (a hidden column stays hidden)."""
    from portal.scorecards.display import ShownColumn
    from portal.ui import display as ui_display

    df = pd.DataFrame(
        {
            "store": ["S001", "S002"],
            "repeat_findings_n": [1234.0, None],
            "score": [88.0, 91.5],
            "min_n": [5, 5],
        }
    )
    config = ui_display._column_config(df)
    assert config["repeat_findings_n"]["type_config"]["format"] == "localized"
    assert (
        config["score"]["type_config"]["format"] == "%.1f"
        and config["min_n"]["type_config"]["format"] == "localized"
    )
    shown = {
        "store": ShownColumn("Store", None, 80),
        "score": ShownColumn("Score", "0-100", 56),
        "min_n": None,
    }
    kwargs = ui_display.shown_columns(df, shown)
    assert kwargs["column_config"]["score"]["type_config"]["format"] == "%.1f"
    assert kwargs["column_config"]["score"]["label"] == "Score" and kwargs["column_config"]["min_n"] is None
    assert "min_n" not in kwargs["column_order"]
