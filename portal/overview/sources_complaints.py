"""The Complaints area on the overview: headline figures of the reference week, 12-week series, store series.

Three statements, all through the Complaints area's own code (``portal.complaints``): the breakdowns of the
reference week (its tiles: the summary row; the store table: stores judged against target; the SLA breaches by
category and store: the brief's likely driver), the summary of the week before (the tiles' change; none where
the data in scope begins after its Monday, read beside it: ``complaints.previous_summary``), and the weekly rows
alone over the twelve weeks (the weekly trend).
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from portal import complaints, stats
from portal.kpi import Figure, Runner, nothing_counted
from portal.overview.coverage import Coverage, Span
from portal.overview.sources import (
    AreaOverview,
    Reading,
    Series,
    Window,
    counted_values,
    register,
)

AREA = "complaints"
HEADLINE = ("volume", "sla_attainment", "resolution_median", "reopen_rate", "recovery_rate")
# figure key -> (series kind, value column, n column, events column)
SERIES = {
    "volume": ("value", "complaint_count", "complaint_count", None),
    "sla_attainment": ("rate", "sla_attainment_pct", "sla_elapsed_count", "sla_met_count"),
    "resolution_median": ("value", "resolution_median_hours", "resolution_n", None),
    "reopen_rate": ("rate", "reopen_rate_pct", "reopen_base_count", "reopened_count"),
    "recovery_rate": ("rate", "recovery_rate_pct", "recovery_n", "recovered_count"),
}
STORE_SERIES = ("sla_attainment", "reopen_rate", "recovery_rate")


def _tested(fig: Figure, cur: dict, old: dict) -> Figure:
    """A rate's change with the pages' two-proportion z test; other figures, a change left out (the data does
    not cover the week before: ``kpi.Comparison``), and a change where either week rests on fewer than the
    low-confidence n (as Satisfaction's tiles: 100% of 8 then 50% of 40 was "significant"), stay untested."""
    spec = SERIES.get(fig.key)
    if spec is None or spec[0] != "rate" or not fig.compared:
        return fig
    _, _, n_col, e_col = spec
    n_now, n_before = cur[n_col] or 0, old[n_col] or 0
    if min(n_now, n_before) < fig.low_confidence_n:
        return fig
    test = stats.two_proportion_z_test(cur[e_col] or 0, n_now, old[e_col] or 0, n_before)
    if test.p_value is None:
        return fig
    return replace(fig, significant=test.significant, p_value=test.p_value)


def _num(v) -> float | None:
    return None if v is None or pd.isna(v) else float(v)


def _covered_from(fig: Figure):
    """The first day of the data in scope, as the figure's change was judged against it (None: not known)."""
    return fig.comparison.covered_from if fig.comparison is not None else None


def series_from(
    frame: pd.DataFrame, key: str, window: Window, fig: Figure, store: str | None = None
) -> Series:
    kind, value_col, n_col, e_col = SERIES[key]
    weeks = tuple(pd.Timestamp(w).date() for w in frame["week_start"])
    n = tuple(int(v or 0) for v in frame[n_col].fillna(0))
    values = tuple(_num(v) for v in frame[value_col])
    return Series(
        area=AREA,
        key=key,
        unit=fig.unit,
        kind=kind,
        better=fig.better,
        weeks=weeks,
        values=counted_values(values, n, weeks, _covered_from(fig)) if fig.unit == "count" else values,
        n=n,
        complete=tuple(window.complete(w) for w in weeks),
        label_key=fig.label,
        page=AREA,
        target=fig.target,
        low_confidence_n=fig.low_confidence_n,
        events=tuple(float(v or 0) for v in frame[e_col].fillna(0)) if e_col else (),
        store=store,
    )


def store_series(stores: pd.DataFrame, window: Window, figures: dict[str, Figure]) -> list[Series]:
    """One single-week series per store and rate with a target (stores are judged against target only)."""
    out = []
    complete = (window.complete(window.week),)
    # only the columns read, as lists (issue 14: the store table's 20 columns of 60 stores as dicts cost ~1 ms)
    read = ["store_code", *dict.fromkeys(c for k in STORE_SERIES for c in SERIES[k][1:] if c)]
    for values in zip(*(stores[c].tolist() for c in read), strict=True):
        row = dict(zip(read, values, strict=True))
        for key in STORE_SERIES:
            fig = figures[key]
            _, value_col, n_col, e_col = SERIES[key]
            if fig.target is None:
                continue
            out.append(
                Series(
                    area=AREA,
                    key=key,
                    unit=fig.unit,
                    kind="rate",
                    better=fig.better,
                    weeks=(window.week,),
                    values=(_num(row[value_col]),),
                    n=(int(row[n_col] or 0),),
                    complete=complete,
                    label_key=fig.label,
                    page=AREA,
                    target=fig.target,
                    low_confidence_n=fig.low_confidence_n,
                    events=(float(row[e_col] or 0),),
                    store=row["store_code"],
                )  # fmt: skip
            )
    return out


@register(AREA, 10)
def complaints_source(run: Runner, window: Window, reading: Reading) -> AreaOverview:
    goals = complaints.targets(reading.settings)
    week = window.week_filters()
    as_of = min(complaints.period_end(week), window.as_of)
    # the week's breakdowns: with the alerts, category x store's SLA breaches and the store rows; never the channel
    # mix (complaint_breakdowns' $hot_spots 'breaches'); without them (the store view) the summary row alone is read
    hot_spots = "breaches" if reading.alerts else "without"
    week_bd = complaints.breakdowns(
        run, week, goals, as_of=as_of, sla_as_of=window.as_of, hot_spots=hot_spots
    )
    cur = complaints.summary_of(week_bd)  # the week's tiles: its breakdowns' summary row
    # the week before's tiles, and no change where the data begins after that week's first day
    old, against = complaints.previous_summary(
        run,
        week,
        goals,
        as_of=as_of,
        previous_as_of=complaints.period_end(week.previous()),
        sla_as_of=window.as_of,
    )
    figures = {
        f.key: nothing_counted(_tested(f, cur, old)) for f in complaints.tiles(cur, old, goals, week, against)
    }
    whole = window.filters()
    trend = complaints.weekly_trend(
        complaints.breakdowns(run, whole, goals, as_of=as_of, sla_as_of=window.as_of, weeks_only=True),
        whole,
        as_of,
        goals.low_confidence_n,
    )
    series = [series_from(trend, k, window, figures[k]) for k in HEADLINE]
    context = {"summary": cur, "previous": old}
    if (
        reading.alerts
    ):  # the stores judged against target and the breaches by store: alerts and the brief only
        stores = complaints.store_table(week_bd)
        stores = stores[stores["store_code"].notna()]
        series += store_series(stores, window, figures)
        context |= {"breaches": complaints.sla_breaches(week_bd), "stores": stores}
    return AreaOverview(
        area=AREA,
        title_key="page.complaints",
        page=AREA,
        figures=tuple(figures[k] for k in HEADLINE),
        series=tuple(series),
        context=context,
        coverage=Coverage(
            Span.of_filters("week", week),
            Span.of_filters("week", week.previous()),
            spark="week",
            spark_weeks=len(window.weeks),
        ),
    )
