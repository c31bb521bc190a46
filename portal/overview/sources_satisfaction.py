"""The Satisfaction area on the overview: index, CSAT and NPS of the reference week and their 12-week series.

Two queries through the area's own code (``portal.satisfaction``): its tiles for the reference week against
the week before (with the page's tests) and its weekly trend over the twelve weeks.
"""

from __future__ import annotations

import pandas as pd

from portal import satisfaction as sat
from portal.kpi import Runner, nothing_counted
from portal.overview.coverage import Coverage, Span
from portal.overview.sources import (
    AreaOverview,
    Reading,
    Series,
    Window,
    counted_values,
    register,
)

AREA = "sat"
HEADLINE = ("index", "csat", "nps", "responses")


def _num(v) -> float | None:
    return None if v is None or pd.isna(v) else float(v)


@register(AREA, 20)
def satisfaction_source(run: Runner, window: Window, reading: Reading) -> AreaOverview:
    cfg = sat.load_settings(reading.settings)
    week = window.week_filters()
    tiles = sat.tiles(run, week, cfg, window.today)  # against week.previous()
    figures = {f.key: nothing_counted(f) for f in tiles}
    frame = sat.trend(run, window.filters(), cfg, "week")
    by_week = frame.set_index(pd.to_datetime(frame["period_start"]).dt.date) if len(frame) else frame
    weeks = window.weeks

    columns: dict[str, dict] = {}  # a trend column by week, read from the frame once (not once per week)

    def col(name: str, default=None):
        if not len(frame):
            return tuple(default for _ in weeks)
        if name not in columns:
            columns[name] = dict(zip(by_week.index, by_week[name].tolist(), strict=True))
        return tuple(columns[name].get(w, default) for w in weeks)

    complete = tuple(window.complete(w) for w in weeks)
    against = figures["responses"].comparison
    covered_from = against.covered_from if against is not None else None  # weeks before it: gaps, not 0
    common = {"area": AREA, "weeks": weeks, "complete": complete, "page": "satisfaction"}
    overall_n = tuple(int(v or 0) for v in col("overall_n", 0))
    recommend_n = tuple(int(v or 0) for v in col("recommend_n", 0))
    responses_n = tuple(int(v or 0) for v in col("responses", 0))

    def series(key: str, kind: str, values, n, **kw) -> Series:
        fig = figures[key]
        return Series(
            key=key,
            unit=fig.unit,
            kind=kind,
            better=fig.better,
            values=tuple(_num(v) for v in values),
            n=n,
            label_key=fig.label,
            target=fig.target,
            low_confidence_n=fig.low_confidence_n,
            **common,
            **kw,
        )

    out = (
        series("index", "mean", col("index_points"), overall_n, sd=tuple(_num(v) for v in col("index_sd"))),
        series(
            "csat",
            "rate",
            col("csat_pct"),
            overall_n,
            events=tuple(float(v or 0) for v in col("satisfied_n", 0)),
        ),
        series(
            "nps",
            "nps",
            col("nps"),
            recommend_n,
            promoters=tuple(int(v or 0) for v in col("promoters_n", 0)),
            detractors=tuple(int(v or 0) for v in col("detractors_n", 0)),
        ),
        series(
            "responses",
            "value",
            counted_values(col("responses", 0), responses_n, weeks, covered_from),
            responses_n,
        ),
    )
    return AreaOverview(
        area=AREA,
        title_key="page.satisfaction",
        page="satisfaction",
        figures=tuple(figures[k] for k in HEADLINE),
        series=out,
        coverage=Coverage(
            Span.of_filters("week", week),
            Span.of_filters("week", week.previous()),
            spark="week",
            spark_weeks=len(weeks),
        ),
    )
