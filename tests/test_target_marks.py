"""Targets visible (issue 10 item 8): one status vocabulary and colour rule (portal.kpi) for tiles and table
cells; store and agent table cells marked against their target with a symbol and a colour."""

from __future__ import annotations

from datetime import date

import pandas as pd

from portal import complaints, kpi, ui_tiles
from portal.filters import default_filters


def test_one_status_rule_for_cells_as_for_figures():
    # 86.8 % SLA on 50 complaints against 90 %: misses; 95 % meets; 50 % on 10 (< 30): low confidence
    assert kpi.status_of(86.8, 50, 90.0, "higher") == "misses"
    assert kpi.status_of(95.0, 50, 90.0, "higher") == "meets"
    assert kpi.status_of(50.0, 10, 90.0, "higher") == "low_confidence"
    assert kpi.status_of(7.5, 40, 5.0, "lower") == "misses"  # a reopen rate above its 5 % ceiling
    assert kpi.status_of(None, 40, 5.0, "lower") == "no_data"
    assert kpi.status_of(float("nan"), 40, 5.0, "lower") == "no_data"
    assert kpi.status_of(3.0, 40, None, "lower") is None  # no target: nothing to mark
    # the colours and symbols, once for every page
    assert [kpi.status_colour(s) for s in ("meets", "misses", "low_confidence", "no_data")] == [
        "green",
        "red",
        "gray",
        None,
    ]
    assert kpi.cell_text("86.8", "misses") == "✗ 86.8"
    assert kpi.cell_text("95.0", "meets") == "✓ 95.0"
    assert kpi.cell_text("50.0", "low_confidence") == "◌ 50.0"
    assert kpi.cell_text("—", "no_data") == "—" and kpi.cell_text("3.0", None) == "3.0"


def test_status_line_of_a_tile():
    fig = kpi.Figure("sla", "pct", 86.8, 50, "complaints", target=90.0)
    assert kpi.status_line(fig, "en") == ("✗ misses target (target ≥ 90.0%)", "red")
    assert kpi.status_line(fig, "en", target="") == ("✗ misses target", "red")
    low = kpi.Figure("sla", "pct", 86.8, 12, "complaints", target=90.0)
    # on low confidence the target is named, not judged (session 55: the Satisfaction tiles named none)
    assert kpi.status_line(low, "zh") == ("◌ 样本不足 (n < 30) · 目标 ≥ 90.0%", "gray")
    assert kpi.status_line(low, "zh", target="") == ("◌ 样本不足 (n < 30)", "gray")  # a line above names it
    assert kpi.status_line(kpi.Figure("v", "count", 3, 50, "complaints"), "en") is None


STORES = pd.DataFrame(
    {
        "store_id": [1, 2, 3],
        "store_code": ["S001", "S002", "S003"],
        "store_name": ["One", "Two", "Three"],
        "complaint_count": [50, 40, 10],
        "sla_elapsed_count": [50, 40, 10],
        "sla_attainment_pct": [86.8, 95.0, 50.0],
        "reopen_base_count": [40, 40, 5],
        "reopen_rate_pct": [2.0, 7.5, 0.0],
    }
)


def test_store_table_cells_marked_against_the_tile_targets():
    goals = complaints.Targets(sla_attainment_pct=90.0)  # reopen target 5 % (default)
    filters = default_filters(date(2026, 11, 1))
    marks = complaints.table_statuses(STORES, goals, filters, "en")
    assert marks == {
        "Response SLA attainment (%)": ["misses", "meets", "low_confidence"],
        "Reopen rate (%)": ["meets", "misses", "low_confidence"],
    }
    shown = complaints.display_table(STORES, "en")
    html = ui_tiles.marked_table(shown, marks).to_html()
    # symbol and colour: S001's 86.8 % reads "✗ 86.8" in red, S002's 95.0 "✓ 95.0" in green
    assert "✗ 86.8" in html and "✓ 95.0" in html and "◌ 50.0" in html and "✗ 7.5" in html
    assert "#bd4043" in html and "#177233" in html
    # the underlying numbers stay numbers (the table sorts on them; the CSV exports them plain)
    assert shown["Response SLA attainment (%)"].tolist() == [86.8, 95.0, 50.0]
    # in Chinese the same marks under the Chinese column labels
    assert list(complaints.table_statuses(STORES, goals, filters, "zh")) == ["响应达标率(%)", "重开率(%)"]
