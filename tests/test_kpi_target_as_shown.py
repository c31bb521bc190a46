"""A figure is judged against its target as it is shown (portal.kpi.Figure.status; the rule in kpi.target.rule):
rounded half up to its unit's decimals. Before, the raw value was judged: 84.96 % showed "85.0%" beside
"✗ misses target (target ≥ 85.0%)". By hand: 84.94 -> 84.9 (misses 85), 84.96 -> 85.0 (meets), 85.0 meets;
24.04 h -> 24.0 (meets a 24 h ceiling), 24.06 h -> 24.1 (misses); NPS 29.6 -> 30 (meets 30), 29.4 -> 29 (misses)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from portal import complaints, kpi
from portal.filters import Filters
from portal.i18n import t
from portal.kpi import Figure


@pytest.mark.parametrize(
    ("unit", "value", "target", "better", "shown", "status"),
    [
        ("pct", 84.94, 85.0, "higher", "84.9%", "misses"),
        ("pct", 84.95, 85.0, "higher", "85.0%", "meets"),  # a half rounds up, as shown
        ("pct", 84.96, 85.0, "higher", "85.0%", "meets"),
        ("pct", 85.0, 85.0, "higher", "85.0%", "meets"),
        ("points", 84.96, 85.0, "higher", "85.0", "meets"),
        ("hours", 24.04, 24.0, "lower", "24.0 h", "meets"),
        ("hours", 24.06, 24.0, "lower", "24.1 h", "misses"),
        ("nps", 29.6, 30.0, "higher", "+30", "meets"),
        ("nps", 29.4, 30.0, "higher", "+29", "misses"),
    ],
)
def test_a_figure_is_judged_as_shown(unit, value, target, better, shown, status):
    figure = Figure("x", unit, value, 100, target=target, better=better)
    assert kpi.format_number(unit, value) == shown
    assert figure.status == status
    # a table cell by the same rule
    assert kpi.status_of(value, 100, target, better, 30, unit) == status


def test_the_complaints_table_marks_85_0_as_meeting_85():
    # agent rows at 84.96 % and 84.94 % SLA attainment (n 2500) against a target of 85: shown 85.0 and 84.9
    goals = complaints.Targets(sla_attainment_pct=85.0)
    frame = pd.DataFrame({"sla_attainment_pct": [84.96, 84.94], "sla_elapsed_count": [2500, 2500]})
    shown = complaints.display_table(frame, "en")
    label = t("complaints.col.sla_attainment_pct", "en")
    assert list(shown[label]) == [85.0, 84.9]
    assert complaints.table_statuses(frame, goals, Filters(date(2026, 11, 1), date(2026, 11, 30)), "en")[
        label
    ] == ["meets", "misses"]


def test_the_rule_is_said_in_both_languages():
    assert "84.96% shows 85.0%" in t("kpi.target.rule", "en")
    assert "84.96% 显示为 85.0%" in t("kpi.target.rule", "zh")
