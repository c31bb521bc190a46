"""How the Satisfaction page shows its figures: the words around the tiles (numbers formatted by
``portal.kpi``), the SERVQUAL tables and tabs, the comments table, the empty states."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import quote

import pandas as pd

from portal import kpi
from portal.complaints.display import value_label
from portal.i18n import t
from portal.kpi import Figure, TileText, signed
from portal.rounding import fixed, half_up_all
from portal.satisfaction.figures import SatisfactionSettings, SatisfactionTiles
from portal.satisfaction.gaps import InstrumentServqual, strongest_driver


def empty_state(what: str, roles: Iterable[str], lang: str, responses: int = 0) -> str:
    """What to do when the selection holds no responses (``what="responses"``) or no SERVQUAL answers
    (``"servqual"``): widen the filters (or, where it has ``responses`` without SERVQUAL answers, that none of
    them has any), and upload surveys if the role may, else ask someone who may."""
    from portal.ingest.surveys import UPLOAD_ROLES

    hint = "upload" if UPLOAD_ROLES & set(roles) else "ask"
    if what == "servqual" and responses > 0:
        return f"{t('sat.no_servqual.unanswered', lang, n=responses)} {t(f'sat.no_{what}.{hint}', lang)}"
    return f"{t(f'sat.no_{what}', lang)} {t(f'sat.no_{what}.{hint}', lang)}"


def target_text(fig: Figure) -> str:
    """The tile's target as shown: CSAT in percent, NPS signed, the index in points."""
    if fig.target is None:
        return "—"
    if fig.unit == "pct":
        return f"{fig.target:g}%"
    if fig.unit == "nps":
        return f"{fig.target:+g}"
    return f"{fig.target:g}"


def tile_caption(fig: Figure, lang: str) -> str:
    """n now and before; whether the change is significant (or untested). The status: ``status_line``."""
    parts = [t("sat.tile.n", lang, n=fig.n, prev=fig.previous_n)]
    left_out = fig.comparison is not None and fig.comparison.left_out is not None  # no change: nothing tested
    if fig.key != "responses" and not left_out:
        if fig.p_value is None:
            parts.append(t("sat.tile.untested", lang))
        else:
            key = "sat.tile.significant" if fig.significant else "sat.tile.not_significant"
            parts.append(t(key, lang, p=fig.p_value))
    return " · ".join(parts)


def status_line(fig: Figure, lang: str) -> tuple[str, str | None] | None:
    """The tile's status against its target, in the one vocabulary and colour of ``portal.kpi``:
    ``✗ misses target (target ≥ 85%)`` in red, ``✓ meets target (…)`` green, ``◌ low confidence (n < 30)`` grey."""
    if fig.key == "responses":
        return None
    word = "kpi.target.at_most" if fig.better == "lower" else "kpi.target.at_least"
    return kpi.status_line(fig, lang, target=t(word, lang, value=target_text(fig)))


def tile_texts(tiles: SatisfactionTiles, lang: str) -> list[TileText]:
    """The words around each tile: its label and help, the n and test line, the coloured status line; under the
    index and CSAT, how many responses of the period have no overall satisfaction and are left out of them
    (issue 9); under a figure with no data, why (``Figure.reason``: nothing to count, ``kpi.NONE_IN_PERIOD``), as
    the complaint tiles say it."""
    left_out = tiles.responses.n - tiles.index.n

    def captions(fig: Figure) -> tuple[tuple[str, str | None], ...]:
        lines = [(tile_caption(fig, lang), None), *filter(None, [status_line(fig, lang)])]
        if fig.reason and fig.key != "responses":
            lines.append((kpi.caption(fig, lang), None))
        if fig.key in ("index", "csat") and left_out > 0 and not fig.reason:
            lines.append((t("sat.tile.no_overall", lang, n=left_out), None))
        return tuple(lines)

    return [
        TileText(
            label=t(fig.label, lang),
            captions=captions(fig),
            help=t(f"sat.tile.help.{fig.key}", lang),
            vs_previous=t("sat.tile.vs_previous", lang),
        )
        for fig in tiles
    ]


def _dim_name_col(lang: str) -> str:
    return "dimension_name_zh" if lang == "zh" else "dimension_name_en"


def dimension_table(s: InstrumentServqual, lang: str) -> pd.DataFrame:
    d = s.dimensions
    return pd.DataFrame(
        {
            t("sat.col.dimension", lang): d[_dim_name_col(lang)],
            t("sat.col.mean_e", lang): half_up_all(d["mean_expectation"], 2),
            t("sat.col.mean_p", lang): half_up_all(d["mean_perception"], 2),
            t("sat.col.gap", lang): half_up_all(d["gap"], 2),
            t("sat.col.n", lang): d["responses_n"].astype("Int64"),
            t("sat.col.answers_n", lang): d["answers_n"].astype("Int64"),
            t("sat.col.weight", lang): half_up_all(d["weight"], 1),
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
        # stores not given a region (added by an import) make a row of their own (it raised a TypeError on
        # every database with such stores: a fresh installation's first survey import)
        name = df["region_name_zh" if lang == "zh" else "region_name_en"].astype(object).fillna("")
        label = (df["region_code"].astype(object) + " " + name).where(
            df["region_code"].notna(), t("sat.region.none", lang)
        )
        head = t("sat.col.region", lang)
    frame = df.assign(group_label=label)
    dims = _dimensions(frame)
    wide = frame.pivot_table(
        index="group_label", columns="dimension_code", values="gap", aggfunc="first", sort=False
    )
    wide = wide.reindex(columns=list(dims["dimension_code"]))
    wide = half_up_all(wide, 2)
    wide.columns = [_gap_label(name, lang) for name in dims[_dim_name_col(lang)]]
    per_group = frame.drop_duplicates("group_label").set_index("group_label")
    out = pd.DataFrame(
        {
            head: wide.index,
            t("sat.col.n", lang): per_group.loc[wide.index, "group_responses_n"].astype("Int64").to_numpy(),
        }
    )
    out = pd.concat([out, wide.reset_index(drop=True)], axis=1)
    out[t("sat.col.unweighted", lang)] = (
        per_group.loc[wide.index, "unweighted_score"].pipe(half_up_all, 2).to_numpy()
    )
    out[t("sat.col.weighted", lang)] = (
        per_group.loc[wide.index, "weighted_score"].pipe(half_up_all, 2).to_numpy()
    )
    out[t("sat.col.low", lang)] = per_group.loc[wide.index, "low_confidence"].to_numpy()
    return out


def _dimensions(df: pd.DataFrame) -> pd.DataFrame:
    """The dimensions of a by-store or by-region gaps frame, one row each, in the instrument's order."""
    return df.drop_duplicates("dimension_code").sort_values("dimension_position")


def _gap_label(dimension: str, lang: str) -> str:
    return t("text.label_value", lang, label=t("sat.gap", lang), value=dimension)


def group_columns_shown(df: pd.DataFrame, lang: str, min_n: int) -> dict[str, tuple[str, str]]:
    """How the page's per-store and per-region table heads ``group_table``'s columns: {full label: (short
    label, help)}. Eleven columns under their full labels ("Gap: Responsiveness", "Unweighted score") were 1,233 px
    wide in 702 on a tablet; each gap is headed by its dimension alone and the scores by a word, the full label
    and what the figure is in the help (``min_n``: the responses under which a row is low-confidence). The CSV
    keeps the full labels. Columns not named keep their label."""
    if df.empty:
        return {}
    shown = {
        t("sat.col.n", lang): ("n", t("sat.col.n", lang)),
        t("sat.col.unweighted", lang): (
            t("sat.col.unweighted_short", lang),
            t("sat.col.unweighted_help", lang),
        ),
        t("sat.col.weighted", lang): (t("sat.col.weighted_short", lang), t("sat.col.weighted_help", lang)),
        t("sat.col.low", lang): (t("sat.col.low_short", lang), t("sat.col.low_help", lang, n=min_n)),
    }
    for name in _dimensions(df)[_dim_name_col(lang)]:
        shown[_gap_label(name, lang)] = (name, t("sat.col.gap_of", lang, dimension=name))
    return shown


def _item_names(items: pd.DataFrame) -> pd.Series:
    """Items by their numbers, or by their codes where an instrument names them so (issue 9)."""
    if "item_code" not in items or (items["item_code"] == items["item_no"].astype(str)).all():
        return items["item_no"]
    return items["item_code"]


def items_table(items: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("sat.col.item", lang): _item_names(items),
            t("sat.col.dimension", lang): items[_dim_name_col(lang)],
            t("sat.col.item_text", lang): items["text_zh" if lang == "zh" else "text_en"],
            t("sat.col.mean_e", lang): half_up_all(items["mean_expectation"], 2),
            t("sat.col.mean_p", lang): half_up_all(items["mean_perception"], 2),
            t("sat.col.gap", lang): half_up_all(items["gap"], 2),
            t("sat.col.answers_n", lang): items["answers_n"].astype("Int64"),
            t("sat.col.low", lang): items["low_confidence"],
        }
    )


def drivers_table(drivers: pd.DataFrame, lang: str) -> pd.DataFrame:
    d = drivers.sort_values("correlation", ascending=False, na_position="last")
    ci = [
        f"{fixed(lo, 2)} – {fixed(hi, 2)}" if pd.notna(lo) else "—"
        for lo, hi in zip(d["correlation_lower"], d["correlation_upper"], strict=True)
    ]
    return pd.DataFrame(
        {
            t("sat.col.dimension", lang): d[_dim_name_col(lang)],
            t("sat.col.correlation", lang): half_up_all(d["correlation"], 2),
            t("sat.col.ci", lang): ci,
            t("sat.col.slope", lang): half_up_all(d["slope"], 2),
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
    """The latest comments, each store named by its code and its name in the reader's language (the query's
    ``store_label``), as every other table names stores; a store without a name by its code alone."""
    names = df["store_name"].astype(object)
    store = (df["store_code"].astype(str) + " " + names.fillna("").astype(str)).where(
        names.notna() & (names.astype(str).str.strip() != ""), df["store_code"]
    )
    return pd.DataFrame(
        {
            t("sat.col.date", lang): df["responded_on"],
            t("sat.col.store", lang): store,
            t("sat.col.overall", lang): df["overall_satisfaction"],
            t("sat.col.recommend", lang): df["recommend_score"],
            t("sat.col.comment", lang): df["comment"],
            t("sat.col.complaint", lang): [complaint_link(c) for c in df["complaint_source_id"]],
            t("sat.col.complaint_status", lang): [
                None if pd.isna(v) else value_label("state", v, lang) for v in df["complaint_status"]
            ],
            t("sat.col.response_id", lang): df["source_response_id"],
        }
    )


def comments_csv(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The comments' CSV: the table with the complaint's id itself, not the page's link to it."""
    out = comments_table(df, lang)
    out[t("sat.col.complaint", lang)] = [None if pd.isna(c) else str(c) for c in df["complaint_source_id"]]
    return out


@dataclass(frozen=True)
class View:
    """One tab of an instrument's SERVQUAL block on the page: notes, an optional chart, a table."""

    name: str
    title: str
    table: pd.DataFrame
    chart: Any | None = None
    notes: tuple[str, ...] = ()
    formats: Mapping[str, str] = field(default_factory=dict)  # column -> printf format (number_formats)
    shown: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # column -> (header, help) on the page


def instrument_heading(s: InstrumentServqual, lang: str) -> str:
    return t(
        "sat.instrument", lang, name=s.name(lang), label=f"{s.instrument_code} v{s.version}", n=s.responses_n
    )


def score_tiles(s: InstrumentServqual, lang: str) -> list[tuple[str, str, str]]:
    """(label, value, the line under it) of the unweighted and the weighted score: the responses it rests on,
    marked low-confidence under the minimum n (every figure shows its n)."""
    under = t("sat.score.n", lang, n=s.responses_n)
    if s.responses_n < s.low_confidence_n:
        under += " · " + t("kpi.caption.low", lang, min_n=s.low_confidence_n)
    return [
        (t(key, lang), "—" if value is None else signed(value, 2), under)
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


def driver_note(drivers: pd.DataFrame, lang: str) -> str:
    """The sentence above the drivers' table: the strongest driver with its r and n, said to be of low confidence
    (fewer responses than the low-confidence n) or not clear (its r's 95% interval reaches 0 or below) where it
    is; that no dimension's perception rises with satisfaction; or that too few responses tell."""
    top = strongest_driver(drivers)
    if top is None:
        usable = drivers.dropna(subset=["correlation"]) if not drivers.empty else drivers
        if usable.empty:
            return t("sat.drivers_none", lang)
        return t("sat.drivers_none_positive", lang, n=int(usable["responses_n"].max()))
    text = t(
        "sat.drivers_top",
        lang,
        dimension=top[_dim_name_col(lang)],
        r=top["correlation"],
        n=int(top["responses_n"]),
    )
    lower = top.get("correlation_lower")
    if lower is not None and lower == lower and lower <= 0:
        text += t("sat.drivers_unclear", lang)
    return text


def servqual_views(s: InstrumentServqual, lang: str) -> list[View]:
    """The tabs of an instrument: dimensions, per store, per region, items, drivers."""
    from portal.satisfaction import charts

    driver_notes = (driver_note(s.drivers, lang), t("sat.drivers_caption", lang))
    # the table and chart wherever a correlation could be worked out (all of them, also those at or below 0)
    has_drivers = not s.drivers.empty and bool(s.drivers["correlation"].notna().any())
    views = [
        View("dimensions", t("sat.tab.dimensions", lang), dimension_table(s, lang)),
        View(
            "stores",
            t("sat.tab.stores", lang),
            group_table(s.by_store, "store", lang),
            charts.store_gap_heatmap(s.by_store, lang, s.low_confidence_n) if not s.by_store.empty else None,
            shown=group_columns_shown(s.by_store, lang, s.low_confidence_n),
        ),
        View(
            "regions",
            t("sat.tab.regions", lang),
            group_table(s.by_region, "region", lang),
            shown=group_columns_shown(s.by_region, lang, s.low_confidence_n),
        ),
        View(
            "items",
            t("sat.tab.items", lang),
            items_table(s.items, lang),
            charts.item_gaps(s.largest_gaps(), lang, s.low_confidence_n) if not s.items.empty else None,
        ),
        View(
            "drivers",
            t("sat.section.drivers", lang),
            drivers_table(s.drivers, lang) if has_drivers else pd.DataFrame(),
            charts.drivers(s.drivers, lang) if has_drivers else None,
            driver_notes,
        ),
    ]
    return [replace(v, formats=number_formats(v.table, lang)) for v in views]
