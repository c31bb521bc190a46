"""The Satisfaction dashboard's figures (SPEC.md §3), for the page, the CLI (``kpi satisfaction``) and the bench.

Every figure comes from a named query (queries/satisfaction_*.sql, queries/servqual_*.sql) run through a
``run(name, params)`` callable: the page passes ``ui.query`` (cached, the user's scope bound), the CLI and the
bench pass ``runner(con, scope)``. What is not SQL lives here and in portal.stats / portal.servqual: confidence
intervals, significance of a change, SERVQUAL weighting.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import quote

import numpy as np
import pandas as pd

from portal import complaints, db, servqual, settings, stats
from portal.filters import Filters
from portal.i18n import t

Runner = Callable[[str, Mapping[str, Any]], pd.DataFrame]

GRAINS = ("week", "month")
TILE_KEYS = ("index", "csat", "nps", "responses")
TOP_ITEMS = 5
COMMENT_LIMIT = 50


@dataclass(frozen=True)
class SatisfactionSettings:
    target: float = 85.0  # satisfaction index target (0-100)
    csat_target_pct: float = 85.0
    nps_target: float = 30.0
    low_confidence_n: int = 30
    default_weights: Mapping[str, float] | None = None


def load_settings(con) -> SatisfactionSettings:
    return SatisfactionSettings(
        target=float(settings.get(con, "satisfaction_target")),
        csat_target_pct=float(settings.get(con, "csat_target_pct")),
        nps_target=float(settings.get(con, "nps_target")),
        low_confidence_n=int(settings.get(con, "low_confidence_n")),
        default_weights=settings.get(con, "servqual_default_weights"),
    )


def runner(con, scope) -> Runner:
    """A ``run(name, params)`` over a connection with a fixed scope (CLI, bench, tests)."""
    return lambda name, params: db.run_query(con, name, params, scope)


def _num(value) -> float | None:
    if value is None or pd.isna(value):
        return None
    return float(value)


# ---------------------------------------------------------------- tiles


@dataclass(frozen=True)
class Tile:
    key: str  # index | csat | nps | responses
    value: float | None
    n: int
    previous_value: float | None
    previous_n: int
    test: stats.TestResult | None  # None where no test applies (responses)
    target: float | None
    low_confidence: bool

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous_value is None:
            return None
        return self.value - self.previous_value

    @property
    def significant(self) -> bool:
        return self.test is not None and self.test.significant

    @property
    def meets_target(self) -> bool | None:
        """Pass or fail against the target; None (never coloured) when low-confidence or without a target."""
        if self.target is None or self.value is None or self.low_confidence:
            return None
        return self.value >= self.target


def _share(x, n) -> float | None:
    return 100.0 * x / n if n else None


def tiles(run: Runner, filters: Filters, cfg: SatisfactionSettings) -> dict[str, Tile]:
    """Index, CSAT %, NPS and responses of the period, each with n and the change against the previous period."""
    prev = filters.previous()
    params = filters.sql_params() | {"previous_start_on": prev.start, "previous_end_on": prev.end}
    summary = run("satisfaction_summary", params).set_index("period")
    cur, old = summary.loc["current"], summary.loc["previous"]
    low = cfg.low_confidence_n
    overall_n, old_overall_n = int(cur["overall_n"]), int(old["overall_n"])
    rec_n, old_rec_n = int(cur["recommend_n"]), int(old["recommend_n"])

    def nps(row):
        n = int(row["recommend_n"])
        return 100.0 * (int(row["promoters_n"]) - int(row["detractors_n"])) / n if n else None

    return {
        "index": Tile(
            "index",
            _num(cur["index_points"]),
            overall_n,
            _num(old["index_points"]),
            old_overall_n,
            stats.welch_t_test(
                _num(cur["index_points"]),
                _num(cur["index_sd"]),
                overall_n,
                _num(old["index_points"]),
                _num(old["index_sd"]),
                old_overall_n,
            ),
            cfg.target,
            overall_n < low,
        ),
        "csat": Tile(
            "csat",
            _share(int(cur["satisfied_n"]), overall_n),
            overall_n,
            _share(int(old["satisfied_n"]), old_overall_n),
            old_overall_n,
            stats.two_proportion_z_test(
                int(cur["satisfied_n"]), overall_n, int(old["satisfied_n"]), old_overall_n
            ),
            cfg.csat_target_pct,
            overall_n < low,
        ),
        "nps": Tile(
            "nps",
            nps(cur),
            rec_n,
            nps(old),
            old_rec_n,
            stats.nps_z_test(
                int(cur["promoters_n"]),
                int(cur["detractors_n"]),
                rec_n,
                int(old["promoters_n"]),
                int(old["detractors_n"]),
                old_rec_n,
            ),
            cfg.nps_target,
            rec_n < low,
        ),
        "responses": Tile(
            "responses",
            float(cur["responses"]),
            int(cur["responses"]),
            float(old["responses"]),
            int(old["responses"]),
            None,
            None,
            False,
        ),
    }


# ---------------------------------------------------------------- trend


def trend(run: Runner, filters: Filters, cfg: SatisfactionSettings, grain: str = "week") -> pd.DataFrame:
    """One row per week or month: index, CSAT %, NPS with 95% intervals and low-confidence flags."""
    if grain not in GRAINS:
        raise ValueError(f"grain must be one of {GRAINS}, not {grain!r}")
    df = run("satisfaction_trend", filters.sql_params() | {"grain": grain}).copy()
    n, rec_n = df["overall_n"].to_numpy(float), df["recommend_n"].to_numpy(float)
    df["index_lower"], df["index_upper"] = stats.mean_ci(
        df["index_points"].to_numpy(float), df["index_sd"].to_numpy(float), n
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        df["csat_pct"] = 100 * df["satisfied_n"].to_numpy(float) / n
        df["nps"] = 100 * (df["promoters_n"].to_numpy(float) - df["detractors_n"].to_numpy(float)) / rec_n
    lo, hi = stats.proportion_ci(df["satisfied_n"].to_numpy(float), n)
    df["csat_lower"], df["csat_upper"] = 100 * lo, 100 * hi
    df["nps_lower"], df["nps_upper"] = stats.nps_ci(
        df["promoters_n"].to_numpy(float), df["detractors_n"].to_numpy(float), rec_n
    )
    df["low_confidence"] = df["overall_n"] < cfg.low_confidence_n
    df["nps_low_confidence"] = df["recommend_n"] < cfg.low_confidence_n
    return df


# ---------------------------------------------------------------- SERVQUAL


@dataclass
class InstrumentServqual:
    """The SERVQUAL figures of one instrument version within the selection."""

    instrument_id: int
    instrument_code: str
    version: int
    name_en: str
    name_zh: str
    is_default: bool
    responses_n: int
    dimensions: pd.DataFrame  # one row per dimension: mean E, mean P, gap, n, weight
    weights: servqual.Weights
    scores: servqual.Scores
    by_region: pd.DataFrame  # one row per region x dimension, with the region's scores
    by_store: pd.DataFrame  # one row per store x dimension, with the store's scores
    items: pd.DataFrame  # every item with a gap, largest (most negative) first
    drivers: pd.DataFrame  # one row per dimension: r with 95% interval, slope, n
    low_confidence: bool = False
    low_confidence_n: int = 30  # the threshold the low-confidence flags above were set with (a setting)

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en

    def largest_gaps(self, k: int = TOP_ITEMS) -> pd.DataFrame:
        return self.items.head(k)


def _weights_for(defaults, importance: pd.DataFrame, cfg: SatisfactionSettings) -> servqual.Weights:
    if importance.empty:
        return servqual.choose_weights(defaults, settings_weights=cfg.default_weights)
    return servqual.choose_weights(
        defaults,
        dict(zip(importance["dimension_code"], importance["mean_points"], strict=True)),
        int(importance["respondents_n"].max()),
        cfg.default_weights,
    )


def _group_scores(
    gaps: pd.DataFrame,
    totals: pd.DataFrame,
    importance: pd.DataFrame,
    key: str,
    fallback: servqual.Weights,
    cfg: SatisfactionSettings,
) -> pd.DataFrame:
    """Per region or store: its dimension gaps, its responses_n and its unweighted and weighted scores."""
    if gaps.empty:
        return gaps.assign(
            weight=[],
            weights_source=[],
            unweighted_score=[],
            weighted_score=[],
            group_responses_n=[],
            low_confidence=[],
            cell_low_confidence=[],
        )
    out = servqual.group_scores(gaps, importance, key, fallback)
    n = out[key].map(dict(zip(totals[key], totals["responses_n"], strict=True))).fillna(0).astype("int64")
    # low_confidence: the group's scores (its respondents); cell_low_confidence: one dimension's gap (its n)
    return out.assign(
        group_responses_n=n,
        low_confidence=n < cfg.low_confidence_n,
        cell_low_confidence=out["responses_n"] < cfg.low_confidence_n,
    )


def servqual_figures(run: Runner, filters: Filters, cfg: SatisfactionSettings) -> list[InstrumentServqual]:
    """SERVQUAL per instrument used in the selection (default instrument first)."""
    params = filters.sql_params()
    gaps = run("servqual_dimension_gaps", params)
    if gaps.empty:
        return []
    importance = run("servqual_importance", params)
    items = run("servqual_item_gaps", params)
    drivers = run("servqual_drivers", params)
    if not drivers.empty:
        lo, hi = stats.correlation_ci(
            drivers["correlation"].to_numpy(float), drivers["responses_n"].to_numpy(float)
        )
        drivers = drivers.assign(
            correlation_lower=lo,
            correlation_upper=hi,
            low_confidence=drivers["responses_n"] < cfg.low_confidence_n,
        )

    result = []
    order = (
        gaps[["instrument_id", "instrument_is_default", "instrument_code", "instrument_version"]]
        .drop_duplicates()
        .sort_values(
            ["instrument_is_default", "instrument_code", "instrument_version"], ascending=[False, True, True]
        )
    )
    for instrument_id in order["instrument_id"]:
        g = gaps[gaps["instrument_id"] == instrument_id]
        imp = importance[importance["instrument_id"] == instrument_id]
        dims = g[(g["level"] == "all") & ~g["is_total"]].sort_values("dimension_position")
        total = g[(g["level"] == "all") & g["is_total"]]
        defaults = dict(zip(dims["dimension_code"], dims["default_weight"], strict=True))
        # every dimension of the instrument takes part in the weights, also one without any answer here
        weights = _weights_for(defaults, imp[imp["level"] == "all"], cfg)
        sc = servqual.scores(dict(zip(dims["dimension_code"], dims["gap"], strict=True)), weights)
        responses_n = int(total["responses_n"].iloc[0]) if not total.empty else 0
        first = g.iloc[0]
        fallback = servqual.choose_weights(defaults, settings_weights=cfg.default_weights)
        by = {}
        for level, key in (("region", "region_id"), ("store", "store_id")):
            lg = g[(g["level"] == level) & ~g["is_total"]]
            by[level] = _group_scores(
                lg, g[(g["level"] == level) & g["is_total"]], imp[imp["level"] == level], key, fallback, cfg
            )
        result.append(
            InstrumentServqual(
                instrument_id=int(instrument_id),
                instrument_code=str(first["instrument_code"]),
                version=int(first["instrument_version"]),
                name_en=str(first["instrument_name_en"]),
                name_zh=str(first["instrument_name_zh"]),
                is_default=bool(first["instrument_is_default"]),
                responses_n=responses_n,
                dimensions=dims.assign(
                    weight=dims["dimension_code"].map(weights.points),
                    low_confidence=dims["responses_n"] < cfg.low_confidence_n,
                ).reset_index(drop=True),
                weights=weights,
                scores=sc,
                by_region=by["region"],
                by_store=by["store"],
                items=items[items["instrument_id"] == instrument_id]
                .assign(low_confidence=lambda d: d["answers_n"] < cfg.low_confidence_n)
                .sort_values(["gap", "item_no"])
                .reset_index(drop=True),
                drivers=drivers[drivers["instrument_id"] == instrument_id].reset_index(drop=True)
                if not drivers.empty
                else drivers,
                low_confidence=responses_n < cfg.low_confidence_n,
                low_confidence_n=cfg.low_confidence_n,
            )
        )
    return result


def strongest_driver(drivers: pd.DataFrame) -> pd.Series | None:
    """The dimension whose perception moves most with overall satisfaction (largest correlation)."""
    usable = drivers.dropna(subset=["correlation"])
    if usable.empty:
        return None
    return usable.loc[usable["correlation"].idxmax()]


# ---------------------------------------------------------------- comments


def comments(
    run: Runner, filters: Filters, scores: Iterable[int] = (), limit: int = COMMENT_LIMIT
) -> pd.DataFrame:
    """The latest comments of the selection, optionally only those with the given overall scores (1-5)."""
    return run(
        "satisfaction_comments",
        filters.sql_params() | {"scores": [int(s) for s in scores], "limit": int(limit)},
    )


# ---------------------------------------------------------------- everything at once


@dataclass
class SatisfactionFigures:
    filters: Filters
    settings: SatisfactionSettings
    tiles: dict[str, Tile]
    trend: pd.DataFrame
    servqual: list[InstrumentServqual] = field(default_factory=list)
    comments: pd.DataFrame | None = None


def compute(
    run: Runner,
    filters: Filters,
    cfg: SatisfactionSettings,
    *,
    grain: str = "week",
    comment_scores: Iterable[int] = (),
    comment_limit: int = COMMENT_LIMIT,
) -> SatisfactionFigures:
    return SatisfactionFigures(
        filters=filters,
        settings=cfg,
        tiles=tiles(run, filters, cfg),
        trend=trend(run, filters, cfg, grain),
        servqual=servqual_figures(run, filters, cfg),
        comments=comments(run, filters, comment_scores, comment_limit),
    )


def figures(
    con,
    scope,
    filters: Filters,
    *,
    grain: str = "week",
    comment_scores: Iterable[int] = (),
    comment_limit: int = COMMENT_LIMIT,
) -> SatisfactionFigures:
    """The page's whole figure set for a scope and filters (CLI, bench, tests)."""
    return compute(
        runner(con, scope),
        filters,
        load_settings(con),
        grain=grain,
        comment_scores=comment_scores,
        comment_limit=comment_limit,
    )


# ---------------------------------------------------------------- display (page)

CHANNELS = ("in_store", "online", "app", "sms", "email", "hotline", "social_media")


def empty_state(what: str, roles: Iterable[str], lang: str) -> str:
    """What to do when the selection holds no responses (``what="responses"``) or no SERVQUAL answers
    (``"servqual"``): widen the filters, and upload surveys if the role may, else ask someone who may."""
    from portal.ingest.surveys import UPLOAD_ROLES

    hint = "upload" if UPLOAD_ROLES & set(roles) else "ask"
    return f"{t(f'sat.no_{what}', lang)} {t(f'sat.no_{what}.{hint}', lang)}"


def target_for(cfg: SatisfactionSettings, metric: str) -> float | None:
    return {"index": cfg.target, "csat": cfg.csat_target_pct, "nps": cfg.nps_target}.get(metric)


def signed(value: float, digits: int = 2) -> str:
    """A signed figure with ``digits`` decimals; one that rounds to zero shows as ``0.00``, never ``-0.00``."""
    text = f"{value:+.{digits}f}"
    return text[1:] if float(text) == 0 else text


def format_value(tile: Tile) -> str:
    if tile.value is None:
        return "—"
    if tile.key == "responses":
        return f"{int(tile.value):,}"
    if tile.key == "csat":
        return f"{tile.value:.1f}%"
    return f"{tile.value:.1f}" if tile.key == "index" else signed(tile.value, 0)


def format_change(tile: Tile, lang: str = "en") -> str | None:
    """The change against the previous period; CSAT's in percentage points."""
    change = tile.change
    if change is None:
        return None
    if tile.key == "responses":
        return "0" if change_is_zero(tile) else f"{round(change):+,}"
    if tile.key == "csat":
        return t("sat.change.pp", lang, v=signed(change, 1))
    return signed(change, 1)


def change_is_zero(tile: Tile) -> bool:
    """The change rounds to zero at the precision shown (whole responses, else 0.1)."""
    if tile.change is None:
        return False
    return round(tile.change) == 0 if tile.key == "responses" else round(tile.change, 1) == 0


def change_colour(tile: Tile) -> str:
    """st.metric's delta_color: coloured only for a significant change on enough responses that does not
    round to zero."""
    coloured = tile.significant and not tile.low_confidence and not change_is_zero(tile)
    return "normal" if coloured else "off"


def change_arrow(tile: Tile) -> str:
    """st.metric's delta_arrow: none for a change that rounds to zero."""
    return "off" if change_is_zero(tile) else "auto"


def format_target(tile: Tile) -> str:
    """The tile's target as shown: CSAT in percent, NPS signed, the index in points."""
    if tile.target is None:
        return "—"
    if tile.key == "csat":
        return f"{tile.target:g}%"
    if tile.key == "nps":
        return f"{tile.target:+g}"
    return f"{tile.target:g}"


def tile_caption(tile: Tile, lang: str, low_n: int) -> str:
    parts = [t("sat.tile.n", lang, n=tile.n, prev=tile.previous_n)]
    if tile.key != "responses":
        if tile.test is None or tile.test.p_value is None:
            parts.append(t("sat.tile.untested", lang))
        else:
            key = "sat.tile.significant" if tile.significant else "sat.tile.not_significant"
            parts.append(t(key, lang, p=tile.test.p_value))
        if tile.low_confidence:
            parts.append(t("sat.tile.low", lang, n=low_n))
        elif tile.meets_target is not None:
            parts.append(
                t(
                    "sat.tile.meets" if tile.meets_target else "sat.tile.misses",
                    lang,
                    target=format_target(tile),
                )
            )
    return " · ".join(parts)


def _dim_name_col(lang: str) -> str:
    return "dimension_name_zh" if lang == "zh" else "dimension_name_en"


def dimension_table(s: InstrumentServqual, lang: str) -> pd.DataFrame:
    d = s.dimensions
    return pd.DataFrame(
        {
            t("sat.col.dimension", lang): d[_dim_name_col(lang)],
            t("sat.col.mean_e", lang): d["mean_expectation"].round(2),
            t("sat.col.mean_p", lang): d["mean_perception"].round(2),
            t("sat.col.gap", lang): d["gap"].round(2),
            t("sat.col.n", lang): d["responses_n"].astype("Int64"),
            t("sat.col.answers_n", lang): d["answers_n"].astype("Int64"),
            t("sat.col.weight", lang): d["weight"].round(1),
            t("sat.col.low", lang): d["low_confidence"],
        }
    )


def group_table(df: pd.DataFrame, level: str, lang: str) -> pd.DataFrame:
    """Per store or region: n, the gap of each dimension, both scores; one row per store or region."""
    if df.empty:
        return pd.DataFrame()
    if level == "store":
        label = df["store_code"].astype(str) + " " + df["store_name"].astype(str)
        head = t("sat.col.store", lang)
    else:
        label = (
            df["region_code"].astype(str) + " " + df["region_name_zh" if lang == "zh" else "region_name_en"]
        )
        head = t("sat.col.region", lang)
    frame = df.assign(group_label=label)
    dims = frame.drop_duplicates("dimension_code").sort_values("dimension_position")
    wide = frame.pivot_table(
        index="group_label", columns="dimension_code", values="gap", aggfunc="first", sort=False
    )
    wide = wide.reindex(columns=list(dims["dimension_code"])).round(2)
    wide.columns = [f"{t('sat.gap', lang)}: {name}" for name in dims[_dim_name_col(lang)]]
    per_group = frame.drop_duplicates("group_label").set_index("group_label")
    out = pd.DataFrame(
        {
            head: wide.index,
            t("sat.col.n", lang): per_group.loc[wide.index, "group_responses_n"].astype("Int64").to_numpy(),
        }
    )
    out = pd.concat([out, wide.reset_index(drop=True)], axis=1)
    out[t("sat.col.unweighted", lang)] = per_group.loc[wide.index, "unweighted_score"].round(2).to_numpy()
    out[t("sat.col.weighted", lang)] = per_group.loc[wide.index, "weighted_score"].round(2).to_numpy()
    out[t("sat.col.low", lang)] = per_group.loc[wide.index, "low_confidence"].to_numpy()
    return out


def items_table(items: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("sat.col.item", lang): items["item_no"],
            t("sat.col.dimension", lang): items[_dim_name_col(lang)],
            t("sat.col.item_text", lang): items["text_zh" if lang == "zh" else "text_en"],
            t("sat.col.mean_e", lang): items["mean_expectation"].round(2),
            t("sat.col.mean_p", lang): items["mean_perception"].round(2),
            t("sat.col.gap", lang): items["gap"].round(2),
            t("sat.col.answers_n", lang): items["answers_n"].astype("Int64"),
            t("sat.col.low", lang): items["low_confidence"],
        }
    )


def drivers_table(drivers: pd.DataFrame, lang: str) -> pd.DataFrame:
    d = drivers.sort_values("correlation", ascending=False, na_position="last")
    ci = [
        f"{lo:.2f} – {hi:.2f}" if pd.notna(lo) else "—"
        for lo, hi in zip(d["correlation_lower"], d["correlation_upper"], strict=True)
    ]
    return pd.DataFrame(
        {
            t("sat.col.dimension", lang): d[_dim_name_col(lang)],
            t("sat.col.correlation", lang): d["correlation"].round(2),
            t("sat.col.ci", lang): ci,
            t("sat.col.slope", lang): d["slope"].round(2),
            t("sat.col.n", lang): d["responses_n"].astype("Int64"),
            t("sat.col.low", lang): d["low_confidence"],
        }
    )


def number_formats(table: pd.DataFrame, lang: str) -> dict[str, str]:
    """How a SERVQUAL table shows its figures (``{column: printf format}`` for st.column_config.NumberColumn):
    means, gaps, scores, r and slopes with two fixed decimals, the importance weight with one, counts whole
    with thousands separators."""
    one_decimal = {t("sat.col.weight", lang)}
    out = {}
    for column in table.columns:
        series = table[column]
        if pd.api.types.is_bool_dtype(series):
            continue
        if pd.api.types.is_float_dtype(series):
            out[column] = "%.1f" if column in one_decimal else "%.2f"
        elif pd.api.types.is_integer_dtype(series) and column != t("sat.col.item", lang):
            out[column] = "%,d"
    return out


def complaint_link(source_id) -> str | None:
    """The Complaints page for one complaint (its source id in the query string), or None.

    Relative to the page it is shown on, so that it stays under ``server.baseUrlPath`` when one is set
    (``/portal/satisfaction`` links to ``/portal/complaints?...``).
    """
    if source_id is None or pd.isna(source_id):
        return None
    return f"complaints?complaint={quote(str(source_id), safe='')}"


def comments_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("sat.col.date", lang): df["responded_on"],
            t("sat.col.store", lang): df["store_code"],
            t("sat.col.overall", lang): df["overall_satisfaction"],
            t("sat.col.recommend", lang): df["recommend_score"],
            t("sat.col.comment", lang): df["comment"],
            t("sat.col.complaint", lang): [complaint_link(c) for c in df["complaint_source_id"]],
            t("sat.col.complaint_status", lang): [
                None if pd.isna(v) else complaints.value_label("state", v, lang)
                for v in df["complaint_status"]
            ],
            t("sat.col.response_id", lang): df["source_response_id"],
        }
    )


@dataclass(frozen=True)
class View:
    """One tab of an instrument's SERVQUAL block on the page: notes, an optional chart, a table."""

    name: str
    title: str
    table: pd.DataFrame
    chart: Any | None = None
    notes: tuple[str, ...] = ()
    formats: Mapping[str, str] = field(default_factory=dict)  # column -> printf format (number_formats)


def instrument_heading(s: InstrumentServqual, lang: str) -> str:
    return t(
        "sat.instrument", lang, name=s.name(lang), label=f"{s.instrument_code} v{s.version}", n=s.responses_n
    )


def score_tiles(s: InstrumentServqual, lang: str) -> list[tuple[str, str]]:
    """(label, value) of the unweighted and the weighted score."""
    return [
        (t(key, lang), "—" if value is None else signed(value))
        for key, value in (
            ("sat.score.unweighted", s.scores.unweighted),
            ("sat.score.weighted", s.scores.weighted),
        )
    ]


def servqual_notes(s: InstrumentServqual, lang: str, cfg: SatisfactionSettings) -> list[str]:
    """Where the weights come from, whether a dimension is left out, whether n is small."""
    notes = [t(f"sat.weights.{s.weights.source}", lang, n=s.weights.respondents_n)]
    if s.scores.dimensions_n < s.scores.dimensions_total:
        notes.append(t("sat.score.partial", lang, n=s.scores.dimensions_n, total=s.scores.dimensions_total))
    if s.low_confidence:
        notes.append(t("sat.tile.low", lang, n=cfg.low_confidence_n))
    return notes


def servqual_views(s: InstrumentServqual, lang: str) -> list[View]:
    """The tabs of an instrument: dimensions, per store, per region, items, drivers."""
    from portal import charts_satisfaction as charts

    top = strongest_driver(s.drivers)
    driver_notes = (
        t(
            "sat.drivers_top",
            lang,
            dimension=top[_dim_name_col(lang)],
            r=top["correlation"],
            n=int(top["responses_n"]),
        )
        if top is not None
        else t("sat.drivers_none", lang),
        t("sat.drivers_caption", lang),
    )
    views = [
        View("dimensions", t("sat.tab.dimensions", lang), dimension_table(s, lang)),
        View(
            "stores",
            t("sat.tab.stores", lang),
            group_table(s.by_store, "store", lang),
            charts.store_gap_heatmap(s.by_store, lang, s.low_confidence_n) if not s.by_store.empty else None,
        ),
        View("regions", t("sat.tab.regions", lang), group_table(s.by_region, "region", lang)),
        View(
            "items",
            t("sat.tab.items", lang),
            items_table(s.items, lang),
            charts.item_gaps(s.largest_gaps(), lang, s.low_confidence_n) if not s.items.empty else None,
        ),
        View(
            "drivers",
            t("sat.section.drivers", lang),
            drivers_table(s.drivers, lang) if top is not None else pd.DataFrame(),
            charts.drivers(s.drivers, lang) if top is not None else None,
            driver_notes,
        ),
    ]
    return [replace(v, formats=number_formats(v.table, lang)) for v in views]


# ---------------------------------------------------------------- JSON (kpi satisfaction)


def _clean(value, digits: int = 4):
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else round(float(value), digits)
    return value


def _tile_json(tile: Tile) -> dict[str, Any]:
    out = {
        "value": _clean(tile.value),
        "n": tile.n,
        "previous_value": _clean(tile.previous_value),
        "previous_n": tile.previous_n,
        "change": _clean(tile.change),
    }
    if tile.key != "responses":
        out |= {
            "p_value": _clean(tile.test.p_value if tile.test else None, 6),
            "significant": tile.significant,
            "target": _clean(tile.target),
            "low_confidence": tile.low_confidence,
        }
    return out


def to_json(figs: SatisfactionFigures) -> dict[str, Any]:
    """index, CSAT, NPS, n and, per instrument, each dimension's mean E, mean P, gap and n with both scores."""
    f = figs.filters
    prev = f.previous()
    return {
        "period": {
            "from": f.start.isoformat(),
            "to": f.end.isoformat(),
            "previous_from": prev.start.isoformat(),
            "previous_to": prev.end.isoformat(),
        },
        "n": figs.tiles["responses"].n,
        "index": _tile_json(figs.tiles["index"]),
        "csat_pct": _tile_json(figs.tiles["csat"]),
        "nps": _tile_json(figs.tiles["nps"]),
        "responses": _tile_json(figs.tiles["responses"]),
        "servqual": [
            {
                "instrument_code": s.instrument_code,
                "instrument_version": s.version,
                "is_default": s.is_default,
                "n": s.responses_n,
                "dimensions": [
                    {
                        "dimension": r.dimension_code,
                        "mean_expectation": _clean(r.mean_expectation),
                        "mean_perception": _clean(r.mean_perception),
                        "gap": _clean(r.gap),
                        "n": int(r.responses_n),
                        "answers_n": int(r.answers_n),
                        "weight": _clean(r.weight),
                    }
                    for r in s.dimensions.itertuples()
                ],
                "unweighted_score": _clean(s.scores.unweighted),
                "weighted_score": _clean(s.scores.weighted),
                "weights_source": s.weights.source,
            }
            for s in figs.servqual
        ],
    }


def text_summary(out: dict[str, Any]) -> str:
    """A few lines for people reading ``kpi satisfaction`` without --json."""

    def fmt(v, spec=".1f"):
        return "-" if v is None else format(v, spec)

    def line(label, tile, spec=".1f"):
        sig = " (significant)" if tile.get("significant") else ""
        change = "" if tile["change"] is None else f", change {tile['change']:+.1f}{sig}"
        return f"{label}: {fmt(tile['value'], spec)} (n = {tile['n']}{change})"

    p = out["period"]
    lines = [
        f"Satisfaction {p['from']} .. {p['to']} (previous period {p['previous_from']} .. {p['previous_to']})",
        line("Satisfaction index", out["index"]) + f", target {fmt(out['index']['target'], 'g')}",
        line("CSAT %", out["csat_pct"]),
        line("NPS", out["nps"], "+.1f"),
        f"Responses: {out['n']}",
    ]
    for s in out["servqual"]:
        lines.append(
            f"SERVQUAL {s['instrument_code']} v{s['instrument_version']} (n = {s['n']}): "
            f"unweighted {fmt(s['unweighted_score'], '+.2f')}, weighted {fmt(s['weighted_score'], '+.2f')} "
            f"(weights: {s['weights_source']})"
        )
        for d in s["dimensions"]:
            lines.append(
                f"  {d['dimension']:<16} E {fmt(d['mean_expectation'], '.2f')}  "
                f"P {fmt(d['mean_perception'], '.2f')}  gap {fmt(d['gap'], '+.2f')}  n = {d['n']}"
            )
    return "\n".join(lines)
