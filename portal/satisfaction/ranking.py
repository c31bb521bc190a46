"""Per-store satisfaction ranking (issue 10): each store's index, CSAT and NPS with its n and 95% interval
(``portal.stats``), marked against the targets with the one status rule of ``portal.kpi`` (a store on fewer
than the low-confidence n is marked ◌ and not ranked), for the Satisfaction page and its CSV."""

from __future__ import annotations

import pandas as pd

from portal import kpi
from portal.filters import Filters
from portal.i18n import t
from portal.kpi import Runner
from portal.rounding import fixed, half_up_all
from portal.satisfaction.figures import SatisfactionSettings, on_scale, with_intervals

# the ranking's figures: (column, its n column, unit, settings attribute of the target)
METRICS = (
    ("index_points", "overall_n", "points", "target"),
    ("csat_pct", "overall_n", "pct", "csat_target_pct"),
    ("nps", "recommend_n", "nps", "nps_target"),
)


def store_ranking(run: Runner, filters: Filters, cfg: SatisfactionSettings) -> pd.DataFrame:
    """One row per store with responses: index, CSAT %, NPS and their 95% intervals, ``low_confidence``
    (overall answers < the low-confidence n) and ``rank`` by index among the stores that are not (1 = best;
    ties share the better rank); ranked stores first, best first, then the low-n stores by index. The rank and
    the order are the query's (issue 14: pandas' rank and sort cost ~1.5 ms of a ~20 ms page's Python)."""
    df = run("satisfaction_by_store", filters.sql_params() | {"low_confidence_n": cfg.low_confidence_n})
    # with_intervals gives a new frame (the run's own, cached by the page, is left as it is), the rank last and
    # always nullable (a result without a null rank reads as int64)
    rank = df["rank"].array
    more = {"rank": rank if isinstance(rank, pd.arrays.IntegerArray) else pd.array(rank, dtype="Int64")}
    return with_intervals(df.drop(columns="rank"), cfg, more)


def statuses(df: pd.DataFrame, cfg: SatisfactionSettings) -> dict[str, list[str | None]]:
    """Per figure column, each store's status against its target (meets, misses, low_confidence, no_data)."""
    return {
        column: [
            kpi.status_of(v, k, getattr(cfg, target), "higher", cfg.low_confidence_n, unit)
            for v, k in zip(df[column], df[n], strict=True)
        ]
        for column, n, unit, target in METRICS
    }


def _interval(lower: pd.Series, upper: pd.Series, unit: str) -> list[str | None]:
    """``72.1 – 80.4``; an NPS signed in whole points (``-3 – +30``, never ``-0``); None where n is too small.
    Within the figure's scale (an index interval of three answers ends at 100.0, not 187.6)."""
    number = (lambda v: kpi.signed(v, 0)) if unit == "nps" else (lambda v: fixed(v, 1))
    return [
        None if pd.isna(a) or pd.isna(b) else f"{number(a)} – {number(b)}"
        for a, b in zip(on_scale(lower, unit), on_scale(upper, unit), strict=True)
    ]


def _store(df: pd.DataFrame) -> pd.Series:
    return df["store_code"].astype(str) + " " + df["store_name"].astype(str)


def ranking_table(df: pd.DataFrame, cfg: SatisfactionSettings, lang: str) -> pd.DataFrame:
    """The ranking for people: rank, store, n, each figure with its interval in words, the low-n mark."""
    low = t("sat.rank.low_sample", lang, n=cfg.low_confidence_n)  # in words: ranking_help
    return pd.DataFrame(
        {
            t("sat.rank.col.rank", lang): df["rank"],
            t("sat.col.store", lang): _store(df),
            t("sat.rank.col.n", lang): df["overall_n"].astype("Int64"),
            t("sat.rank.col.index", lang): half_up_all(df["index_points"], 1),
            t("sat.rank.col.index_ci", lang): _interval(df["index_lower"], df["index_upper"], "points"),
            t("sat.rank.col.csat", lang): half_up_all(df["csat_pct"], 1),
            t("sat.rank.col.csat_ci", lang): _interval(df["csat_lower"], df["csat_upper"], "pct"),
            t("sat.rank.col.nps_n", lang): df["recommend_n"].astype("Int64"),
            t("sat.rank.col.nps", lang): half_up_all(df["nps"], 0),
            t("sat.rank.col.nps_ci", lang): _interval(df["nps_lower"], df["nps_upper"], "nps"),
            t("sat.rank.col.sample", lang): [low if v else "" for v in df["low_confidence"]],
        }
    )


def ranking_help(cfg: SatisfactionSettings, lang: str) -> dict[str, str]:
    """The help of ``ranking_table``'s columns whose cells are marks (its column label: the words)."""
    return {t("sat.rank.col.sample", lang): t("sat.rank.col.sample_help", lang, n=cfg.low_confidence_n)}


def ranking_marks(df: pd.DataFrame, cfg: SatisfactionSettings, lang: str) -> dict[str, list[str | None]]:
    """``statuses`` under the shown column labels of ``ranking_table`` (for ``ui_tiles.marked_table``)."""
    labels = {
        "index_points": "sat.rank.col.index",
        "csat_pct": "sat.rank.col.csat",
        "nps": "sat.rank.col.nps",
    }
    return {t(labels[c], lang): marks for c, marks in statuses(df, cfg).items()}


RANKING_FORMATS = {
    "sat.rank.col.index": "{:.1f}",
    "sat.rank.col.csat": "{:.1f}",
    "sat.rank.col.nps": "{:+.0f}",
}


def ranking_formats(lang: str) -> dict[str, str]:
    return {t(k, lang): v for k, v in RANKING_FORMATS.items()}


def ranking_csv(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The CSV: the same rows with every interval's bounds as numbers (within each figure's scale, as shown)
    and the low-n flag as true/false."""
    return pd.DataFrame(
        {
            t("sat.rank.col.rank", lang): df["rank"],
            t("sat.col.store", lang): _store(df),
            t("sat.rank.col.n", lang): df["overall_n"],
            t("sat.rank.col.index", lang): half_up_all(df["index_points"], 2),
            t("sat.rank.col.index_lower", lang): half_up_all(on_scale(df["index_lower"], "points"), 2),
            t("sat.rank.col.index_upper", lang): half_up_all(on_scale(df["index_upper"], "points"), 2),
            t("sat.rank.col.csat", lang): half_up_all(df["csat_pct"], 2),
            t("sat.rank.col.csat_lower", lang): half_up_all(on_scale(df["csat_lower"], "pct"), 2),
            t("sat.rank.col.csat_upper", lang): half_up_all(on_scale(df["csat_upper"], "pct"), 2),
            t("sat.rank.col.nps_n", lang): df["recommend_n"],
            t("sat.rank.col.nps", lang): half_up_all(df["nps"], 2),
            t("sat.rank.col.nps_lower", lang): half_up_all(on_scale(df["nps_lower"], "nps"), 2),
            t("sat.rank.col.nps_upper", lang): half_up_all(on_scale(df["nps_upper"], "nps"), 2),
            t("sat.col.low", lang): df["low_confidence"],
        }
    )
