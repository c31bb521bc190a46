"""The 5S area on the overview: its headline over the twelve weeks, the monthly chain score of the months those
weeks touch (each month whole) as a sparkline,
and its own alerts: stores in the failing band, overdue corrective actions, repeat findings (per store).

Queries through the area's code (``portal.fives``): its headline, store ranking, trend and repeat findings
over the window, and ``overview_store_actions`` for overdue actions per store. Inspections are monthly, so
the 5S figures cover the whole window, not the reference week. The failing-band alert is never raised on fewer
scored inspections of the window than the 5S low-confidence n (``fives_low_confidence_n``, 3): it reads the
ranking itself (its band is None below that n), the rule of the 5S tile's "Stores failing", and the sentence names
the days of the first and last scored inspection; a store with fewer raises no band alert. A store's
repeat findings rest on the items it failed at its inspections of the window that had an earlier one (n, as the
5S tile's repeat findings), named with how many inspections those were (not its first ever: nothing of it could
repeat).
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from portal.fives import figures as fives
from portal.kpi import Runner
from portal.overview.coverage import Coverage, Span
from portal.overview.sources import Alert, AreaOverview, Reading, Series, Window, register

AREA = "fives"
PAGE = "fives"
HIGH, MEDIUM, LOW = 3, 2, 1
# counted today over every action of the stores, whatever the window (fives_headline.sql)
NOW_KEYS = ("open_actions", "overdue_actions")


def _alert(kind: str, key: str, label: str, unit: str, severity: int, score: float, window: Window, *,
           value, n, comparison, store, page=PAGE, state="", extra=(), since=None, key_since=None,
           since_open=False) -> Alert:  # fmt: skip
    since = since or window.start
    return Alert(
        area=AREA,
        kind=kind,
        figure_key=key,
        label_key=label,
        unit=unit,
        severity=severity,
        score=float(score),
        week=window.week,
        since=since,
        since_label=since.isoformat() if since != window.start else "",
        value=None if value is None else float(value),
        n=int(n),
        comparison=None if comparison is None else float(comparison),
        store=store,
        page=page,
        link_params=(("start", since.isoformat()), ("end", window.end.isoformat()), ("store", store)),
        state=state,
        extra=extra,
        key_since=key_since,
        since_open=since_open,
    )


# the ranking's columns the alerts read: its rows as dicts of these alone (issue 14: the 22 columns of the chain's 60
# stores as dicts cost ~1.4 ms a time, twice a page)
RANKING_READ = ("store_code", "band", "scored_n", "mean_pct", "first_scored_on", "latest_scored_on", "repeat_basis_n",
                "repeat_basis_inspections_n")  # fmt: skip


def _records(frame: pd.DataFrame, columns: tuple[str, ...]) -> list[dict]:
    """``frame``'s rows as dicts of ``columns`` (those it has: ``.get`` reads a missing one as None)."""
    return frame[[c for c in columns if c in frame.columns]].to_dict(orient="records")


def _day(value) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def store_alerts(ranking: pd.DataFrame, actions: pd.DataFrame, repeats: pd.DataFrame, window: Window,
                 cfg: fives.FivesSettings) -> list[Alert]:  # fmt: skip
    """``ranking``: the stores' figures of the window (``fives.ranking``: mean, band judged on at least the
    low-confidence n, the days of the first and last scored inspection, the failed items a repeat rests on)."""
    out: list[Alert] = []
    # rows as dicts (issue 14: iterrows builds a Series a row, 8-12 ms a page for the chain's 60 stores), once
    stores = _records(ranking, RANKING_READ)
    for r in stores:
        if r.get("band") == "failing" and int(r.get("scored_n") or 0) >= cfg.low_confidence_n:
            first, latest = _day(r.get("first_scored_on")), _day(r.get("latest_scored_on"))
            out.append(
                _alert("fives_failing", "chain_overall", "fives.tile.chain_overall", "pct", HIGH,
                       cfg.needs_improvement_min - float(r["mean_pct"]), window, value=r["mean_pct"],
                       n=r["scored_n"], comparison=cfg.needs_improvement_min, store=r["store_code"],
                       # the window's first scored inspection: it moves with the window while the store fails
                       state="failing", since=first, since_open=True,
                       extra=(("latest", (latest or window.end).isoformat()),))
            )  # fmt: skip
    for r in actions.to_dict(orient="records"):
        if int(r["overdue_count"]) > 0:
            out.append(
                _alert("fives_overdue", "overdue_actions", "fives.tile.overdue_actions", "count", MEDIUM,
                       r["overdue_count"], window, value=r["overdue_count"], n=r["open_count"], comparison=0,
                       store=r["store_code"], page="fives_actions", state=str(int(r["overdue_count"])),
                       key_since=_day(r.get("oldest_overdue_on")))
            )  # fmt: skip
    if len(repeats):
        # n: the items the store failed at its inspections of the window that had an earlier one (a repeat is one
        # of them that had failed at the inspection before too; a first inspection's cannot), the n of the 5S
        # tile's repeat findings; with those inspections' count (not every inspection of the window: a store's first
        # ever is in the window but none of its failed items is in the n)
        basis = {r["store_code"]: r for r in stores}
        by_store = repeats.groupby("store_code").size()
        # the fingerprint: the day of the store's latest repeat (a new repeat raises it again), not the window's
        latest = repeats.groupby("store_code")["inspected_on"].max() if "inspected_on" in repeats else {}
        for code, count in by_store.items():
            row = basis.get(code, {})
            failed = max(int(row.get("repeat_basis_n") or 0), int(count))
            out.append(
                _alert("fives_repeat", "repeat_findings", "fives.tile.repeat_findings", "count", LOW, count,
                       window, value=count, n=failed, comparison=0, store=code,
                       extra=(("inspections", int(row.get("repeat_basis_inspections_n") or 0)),),
                       key_since=_day(latest.get(code)))
            )  # fmt: skip
    return out


@register(AREA, 30)
def fives_source(run: Runner, window: Window, reading: Reading) -> AreaOverview | None:
    cfg = fives.load_settings(reading.settings)
    filters = window.filters()
    today = window.today
    head = fives.headline(run, filters, cfg, today)  # against filters.previous(); actions as of today
    if head.chain_overall.n == 0 and head.open_actions.n == 0 and _never_inspected(head):
        return None  # no 5S inspection in scope ever: the overview shows no 5S row
    # inspections that lapsed (none in the twelve weeks, none open) show the area's "no data" and why: the row
    # vanished, and with it the sign that a store or region has not been audited for three months
    # the months the window touches, each read whole (the window holds its first month, as a rule its last too,
    # only in part: drawn as complete they misled, left out they left one or two cells); a month without an
    # inspection a gap; the month in progress as of the reference day not drawn (SPEC §3)
    trend = fives.trend(run, window.month_filters())
    chain = trend[trend["is_chain"]]
    by_month = {
        pd.Timestamp(m).date(): (v, int(n))
        for m, v, n in zip(chain["month_start"], chain["mean_pct"], chain["inspections_n"], strict=True)
    }
    months = window.months
    read = [by_month.get(m, (None, 0)) for m in months]
    spark = Series(
        area=AREA,
        key="chain_overall",
        unit="pct",
        kind="value",
        better="higher",
        weeks=months,
        values=tuple(None if v is None or pd.isna(v) else float(v) for v, _ in read),
        n=tuple(n for _, n in read),
        complete=tuple(not window.month_in_progress(m) for m in months),
        label_key="fives.tile.chain_overall",
        page=PAGE,
        alerting=False,
    )
    alerts = (
        store_alerts(
            fives.ranking(run, filters, cfg),
            run("overview_store_actions", {"today": today}),
            fives.repeat_findings(run, filters),
            window,
            cfg,
        )
        if reading.alerts
        else ()
    )
    coverage = Coverage(
        Span.of_filters("weeks", filters),
        Span.of_filters("weeks", filters.previous()),
        spark="month",
        spark_months=tuple(m for m in months if not window.month_in_progress(m)),
        spark_in_progress=tuple(m for m in months if window.month_in_progress(m)),
        now_keys=NOW_KEYS,
        as_of=today,
    )
    return AreaOverview(AREA, "page.fives", PAGE, head.all(), (spark,), tuple(alerts), coverage=coverage)


def _never_inspected(head) -> bool:
    """The scope (and the window's store selection) holds no 5S inspection at all, of any day: the headline's
    first day of inspections in scope (its comparison's ``covered_from``) is none."""
    against = head.chain_overall.comparison
    return against is None or against.covered_from is None
