"""The 5S charts' figures (portal/fives/charts.py): what a reader needs is written on the chart."""

from __future__ import annotations

import pandas as pd
import pytest

from portal.fives import charts
from portal.fives.figures import FivesSettings


def _ranking(n: int) -> pd.DataFrame:
    cfg = FivesSettings(low_confidence_n=5)
    pcts = [95.0 - 3.5 * i for i in range(n)]  # excellent down to failing
    return pd.DataFrame(
        {
            "store_code": [f"S{i + 1:03d}" for i in range(n)],
            "store_name": [f"Store {i + 1}" for i in range(n)],
            "mean_pct": pcts,
            "scored_n": [3] * n,
            "band": [cfg.band(p) for p in pcts],
        }
    )


@pytest.mark.parametrize(
    "lang, names",
    [
        ("en", ["▲ Needs improvement", "● Good", "★ Excellent"]),
        ("zh", ["▲ 待改进", "● 良好", "★ 优秀"]),
    ],
)
def test_the_store_ranking_names_every_store_and_every_band_line(lang, names):
    """The reviewer's chart: 12 bars, 6 store codes (plotly's automatic ticks skipped every other one in 300 px),
    and the dotted lines at 60/80/90 without a word."""
    ranking = _ranking(12)
    fig = charts.ranking_bars(ranking, FivesSettings(low_confidence_n=5), lang)
    y = fig.layout.yaxis
    assert y.tickmode == "array"
    assert list(y.tickvals) == ranking["store_code"].tolist()  # best first, every one of them
    assert y.automargin
    assert fig.layout.height >= 12 * 20  # room for 12 readable codes
    lines = sorted(s.x0 for s in fig.layout.shapes)
    assert lines == [60, 80, 90]
    labels = {a.x: a.text for a in fig.layout.annotations}
    assert labels == dict(zip([60, 80, 90], names, strict=True))
    assert all(a.yref == "paper" and a.y >= 1 for a in fig.layout.annotations)  # above the bars


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("en", "%{y}: %{x:+.1f} pp (n = %{customdata[0]} / %{customdata[1]})<extra></extra>"),
        ("zh", "%{y}：%{x:+.1f} 个百分点(n = %{customdata[0]} / %{customdata[1]})<extra></extra>"),
    ],
)
def test_the_inspector_consistency_hover_names_the_unit_in_the_pages_language(lang, expected):
    """The Chinese page's hover said "pp"; the portal's Chinese unit is 个百分点."""
    consistency = pd.DataFrame(
        {
            "inspector_name": ["Wang", "Li"],
            "difference_pp": [4.5, -12.0],
            "shared_inspections_n": [3, 2],
            "others_inspections_n": [5, 6],
        }
    )
    fig = charts.consistency_bars(consistency, lang)
    assert fig.data[0].hovertemplate == expected
