"""The 5S results' figures (SPEC.md §3): headline Figures and the tables behind each view.

Every number comes from a named query (queries/fives_*.sql over the fact macros models/fives_*.sql) through a
``run(name, params)`` callable: the page passes ``ui.query`` (its user's scope bound), the CLI, the bench and
the tests pass ``runner(con, scope)``. Definitions:
- section % = sum(score x item weight) / sum(max x item weight) x 100 over applicable items (N/A left out and
  counted as excluded); a failed red-line item puts its section at 0;
- overall % of an inspection = section-weighted mean of its section percentages; the chain's overall % of a
  period = mean over its inspections; a store's band = the band of its mean (settings.fives_bands), on at least
  fives_low_confidence_n scored inspections (none on fewer: neither shown nor counted in the headline);
- a failure: score at or below 1 of 4 (the template's fail_ratio x max); a repeat finding: an item failed
  in two consecutive inspections of a store; an action is closed when verified (the PDCA loop closes at Check:
  submitted work awaiting verification is still open); an overdue action: not verified after its due date.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

import pandas as pd

from portal import kpi, settings
from portal.filters import Filters, in_progress, month_days_in_period, today_in
from portal.frames import with_columns
from portal.kpi import Figure
from portal.rounding import half_up

Runner = Callable[[str, Mapping[str, Any]], pd.DataFrame]
AREA = "fives"


@dataclass(frozen=True)
class FivesSettings:
    excellent_min: float = 90.0
    good_min: float = 80.0
    needs_improvement_min: float = 60.0
    due_days: int = 14
    low_confidence_n: int = 3  # inspections: fewer and the overall % is not judged (settings.DEFAULTS)

    def band_params(self) -> dict[str, float]:
        return {
            "excellent_min": self.excellent_min,
            "good_min": self.good_min,
            "needs_improvement_min": self.needs_improvement_min,
        }

    def band(self, pct: float | None) -> str | None:
        """The band of ``pct`` as it is shown (rounded half up to one decimal, as kpi judges a target): 89.96 shows
        "90.0%" and is excellent (models/fives_band.sql holds the same rule for the SQL)."""
        if pct is None or pd.isna(pct):
            return None
        pct = half_up(pct, kpi.DECIMALS["pct"])
        if pct >= self.excellent_min:
            return "excellent"
        if pct >= self.good_min:
            return "good"
        if pct >= self.needs_improvement_min:
            return "needs_improvement"
        return "failing"

    def judged_band(self, pct: float | None, n: int) -> str | None:
        """The band of a mean over ``n`` scored inspections, or None below the low-confidence n: such a figure is
        shown with its n and the low-confidence mark, never as a pass or a fail (SPEC §3)."""
        return self.band(pct) if n >= self.low_confidence_n else None


def load_settings(con) -> FivesSettings:
    """The 5S settings; ``con``: a connection (read in one statement) or the settings as ``settings.load_all``
    gives them (``settings.values``)."""
    con = settings.values(con)
    bands = settings.get(con, "fives_bands") or {}
    defaults = FivesSettings()
    return FivesSettings(
        excellent_min=float(bands.get("excellent", defaults.excellent_min)),
        good_min=float(bands.get("good", defaults.good_min)),
        needs_improvement_min=float(bands.get("needs_improvement", defaults.needs_improvement_min)),
        due_days=int(settings.get(con, "fives_action_due_days") or defaults.due_days),
        low_confidence_n=int(settings.get(con, "fives_low_confidence_n") or defaults.low_confidence_n),
    )


def runner(con, scope, lang: str = "en") -> Runner:
    """A ``run(name, params)`` over a connection with a fixed scope (CLI, bench, tests); ``lang``: as
    ``kpi.runner``'s."""
    return kpi.runner(con, scope, lang)


def _params(filters: Filters, cfg: FivesSettings, today: date | None = None, **more) -> dict[str, Any]:
    params = filters.sql_params()
    params.update(cfg.band_params())
    # a store is given a band (and counted in one) on at least this many scored inspections
    params["low_confidence_n"] = cfg.low_confidence_n
    params["today"] = today or today_in(filters.timezone)
    params.update(more)
    return params


def _num(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _int(value) -> int:
    return 0 if value is None or pd.isna(value) else int(value)


# ---------------------------------------------------------------- headline
@dataclass(frozen=True)
class FivesHeadline:
    chain_overall: Figure  # pct: mean overall % of the period's inspections; n inspections; extra band
    failing_stores: Figure  # count of stores whose mean is in the failing band; n stores judged (at least the
    # low-confidence n of scored inspections); extra unjudged_stores: those with fewer, said under the tile
    open_actions: Figure  # count not yet verified (now); n actions of the selected stores
    overdue_actions: Figure  # count not verified past due (now; submitted ones too); n open actions
    repeat_findings: Figure  # count in the period; n failed items

    def all(self) -> tuple[Figure, ...]:
        return tuple(getattr(self, f.name) for f in fields(self))


KEYS = tuple(f.name for f in fields(FivesHeadline))


def headline(run: Runner, filters: Filters, cfg: FivesSettings, today: date | None = None) -> FivesHeadline:
    """The headline figures of the period, each period figure with its change against the previous period (none
    where the inspections in scope begin after its first day; flagged while the period is in progress:
    ``portal.kpi.Comparison``); the action counts as of ``today`` (the reporting zone's day unless given)."""
    today = today or today_in(filters.timezone)
    previous = filters.previous()
    rows = run(
        "fives_headline",
        _params(filters, cfg, today, previous_start_on=previous.start, previous_end_on=previous.end),
    )  # two rows, read as frames.Rows
    periods = rows.by("period")
    head = _headline(periods["current"], periods["previous"], cfg)
    # the first day of inspections in scope comes with the headline (its covered_from column)
    return FivesHeadline(*kpi.compared(head.all(), kpi.comparison_of(rows, filters, today)))


def _headline(now, before, cfg: FivesSettings) -> FivesHeadline:
    overall = _num(now["overall_pct"])
    inspections_n, previous_n = _int(now["scored_inspections_n"]), _int(before["scored_inspections_n"])
    no_inspections = "fives.no_data.no_inspections" if inspections_n == 0 else None
    # a store is counted in a band only on at least the low-confidence n of scored inspections (SPEC §3: S001
    # was counted failing on two); the tile's n line says how many stores were left unjudged
    judged, previous_judged = _int(now["judged_stores_n"]), _int(before["judged_stores_n"])
    unjudged = _int(now["stores_n"]) - judged
    none_judged = "fives.no_data.none_judged" if judged == 0 else None
    return FivesHeadline(
        chain_overall=Figure(
            "chain_overall",
            "pct",
            overall,
            inspections_n,
            area=AREA,
            previous_value=_num(before["overall_pct"]),
            previous_n=previous_n,
            low_confidence_n=cfg.low_confidence_n,
            no_data_reason=no_inspections,
            extra={"band": cfg.band(overall)},
        ),
        failing_stores=Figure(
            "failing_stores",
            "count",
            _int(now["failing_stores_n"]),
            judged,
            area=AREA,
            previous_value=_int(before["failing_stores_n"]) if previous_judged else None,
            previous_n=previous_judged,
            better="lower",
            low_confidence_n=1,
            no_data_reason=no_inspections or none_judged,
            extra={
                "unjudged_stores": unjudged,
                "judged_min_inspections": cfg.low_confidence_n,
                "n_note": ("fives.tile.unjudged", {"count": unjudged, "min": cfg.low_confidence_n})
                if unjudged
                else None,
            },
        ),
        open_actions=Figure(
            "open_actions",
            "count",
            _int(now["open_actions_n"]),
            _int(now["actions_n"]),
            area=AREA,
            better="lower",
            low_confidence_n=0,
            no_previous=None,  # counted as of now: no previous period
        ),
        overdue_actions=Figure(
            "overdue_actions",
            "count",
            _int(now["overdue_actions_n"]),
            _int(now["open_actions_n"]),
            area=AREA,
            better="lower",
            low_confidence_n=0,
            no_previous=None,  # counted as of now: no previous period
        ),
        repeat_findings=Figure(
            "repeat_findings",
            "count",
            _int(now["repeat_findings_n"]),
            _int(now["repeat_basis_n"]),  # n: failed items that could repeat (of a non-first inspection)
            area=AREA,
            previous_value=_int(before["repeat_findings_n"]) if _int(before["repeat_judged_n"]) else None,
            previous_n=_int(before["repeat_basis_n"]),
            better="lower",
            low_confidence_n=0,
            # a repeat needs an earlier inspection of the store: none in the period has one -> no data, not 0
            no_data_reason=no_inspections
            or ("fives.no_data.no_earlier_inspection" if _int(now["repeat_judged_n"]) == 0 else None),
        ),
    )


# ---------------------------------------------------------------- views
def heatmap(run: Runner, filters: Filters) -> pd.DataFrame:
    """Mean section % per store x section (is_chain rows: the selection's mean per section)."""
    return run("fives_store_section_heatmap", filters.sql_params())


def ranking(run: Runner, filters: Filters, cfg: FivesSettings) -> pd.DataFrame:
    """The stores ranked by mean overall %; ``is_low_confidence``: fewer scored inspections than the 5S
    low-confidence n, whose ``band`` is then None (the ranking table, bars, exports and the store view show the
    value, n and the mark: "63.9% (n = 3) ✖ Failing" was drawn on three inspections)."""
    out = run("fives_store_ranking", _params(filters, cfg))
    low = out["scored_n"].fillna(0) < cfg.low_confidence_n
    out["is_low_confidence"] = low & out["mean_pct"].notna()
    out["band"] = out["band"].astype(object).where(~low, None)
    return out


def trend(run: Runner, filters: Filters, today: date | None = None) -> pd.DataFrame:
    """Overall % per store x month and for the selection (queries/fives_trend.sql), ``is_in_progress`` for the
    month still under way (in the reporting zone): drawn apart, as every trend draws its period in progress; and
    ``is_partial_month`` for a month the period holds only some days of (``days_in_period`` of its
    ``month_days``; not the month in progress), drawn apart too: its mean rests on those days' inspections."""
    df = run("fives_trend", filters.sql_params())
    starts = df["month_start"]
    progress = in_progress(starts, "month", filters, today)
    days, month_days = month_days_in_period(starts, filters)
    # added in one step, not four inserts on a copy (issue 14: ~0.6 ms a store tab)
    partial = (days < month_days) & ~progress
    added = {"is_in_progress": progress, "days_in_period": days, "month_days": month_days}
    return with_columns(df, {**added, "is_partial_month": partial})


def consistency(run: Runner, filters: Filters) -> pd.DataFrame:
    return run("fives_inspector_consistency", filters.sql_params())


def repeat_findings(run: Runner, filters: Filters) -> pd.DataFrame:
    return run("fives_repeat_findings", filters.sql_params())


def action_loop(run: Runner, filters: Filters, cfg: FivesSettings, today: date | None = None) -> pd.DataFrame:
    return run("fives_action_loop", _params(filters, cfg, today))


def actions(
    run: Runner,
    filters: Filters,
    cfg: FivesSettings,
    statuses: tuple[str, ...] = (),
    today: date | None = None,
) -> pd.DataFrame:
    return run("fives_actions", _params(filters, cfg, today, statuses=list(statuses)))


@dataclass
class FivesFigures:
    filters: Filters
    headline: FivesHeadline
    heatmap: pd.DataFrame
    ranking: pd.DataFrame
    trend: pd.DataFrame
    consistency: pd.DataFrame
    repeat_findings: pd.DataFrame
    action_loop: pd.DataFrame
    today: date  # the reporting zone's day the open and overdue actions are counted on


def compute(run: Runner, filters: Filters, cfg: FivesSettings, today: date | None = None) -> FivesFigures:
    """The 5S results page's whole figure set; ``today``: the reporting zone's day unless given."""
    today = today or today_in(filters.timezone)
    return FivesFigures(
        filters=filters,
        headline=headline(run, filters, cfg, today),
        heatmap=heatmap(run, filters),
        ranking=ranking(run, filters, cfg),
        trend=trend(run, filters),
        consistency=consistency(run, filters),
        repeat_findings=repeat_findings(run, filters),
        action_loop=action_loop(run, filters, cfg, today),
        today=today,
    )


def figures(
    con,
    scope,
    filters: Filters,
    cfg: FivesSettings | None = None,
    today: date | None = None,
    lang: str = "en",
):
    """The figure set over a connection (CLI, bench): settings read from the database unless given; store names
    in ``lang``."""
    return compute(runner(con, scope, lang), filters, cfg or load_settings(con), today)
