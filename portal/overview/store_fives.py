"""The store view's 5S part: the store's section scores and monthly score against its region and the chain
(as far as the reader's scope reaches), its band, its repeat findings and the actions still open.

Over the overview's twelve weeks, through the 5S area's own queries (``portal.fives``): the heat map, and the
monthly trend over the months those weeks touch, each read whole as the overview's 5S sparkline reads them
(``Window.month_filters``: one January on the store page, not the tile's whole month beside the table's part of
it), for the reader's whole scope (the store's own rows and the chain's) and for the store's region
(the region's rows: inspections made while the store belonged to it, as every regional figure counts them),
the store's repeat findings and its corrective actions not yet verified. Means are over inspections, each
with the inspections it rests on (n).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from portal.fives import display as fives_display
from portal.fives import figures as fives
from portal.i18n import t
from portal.kpi import Runner
from portal.overview.sources import Window

OPEN_STATUSES = ("open", "in_progress", "submitted")


@dataclass(frozen=True)
class StoreFives:
    store_id: int
    band: str | None  # the store's band on its mean overall % of the window (None: no scored inspection, or
    # fewer than the 5S low-confidence n: never judged a pass or a fail)
    overall_pct: float | None
    overall_n: int
    sections: pd.DataFrame  # section_code, section_position, names, store/region/chain _pct and _n
    # month_start, store/region/chain _pct and _n, is_in_progress (the window's rule); each month whole (the month
    # in progress up to the reference day), as the sparkline reads it
    trend: pd.DataFrame
    repeats: pd.DataFrame  # fives_repeat_findings rows of the store
    actions: pd.DataFrame  # fives_actions rows of the store not yet verified

    @property
    def empty(self) -> bool:
        return self.overall_n == 0 and self.actions.empty


def _side(frame: pd.DataFrame, key: list[str], pct: str, n: str, name: str) -> pd.DataFrame:
    return frame[[*key, pct, n]].rename(columns={pct: f"{name}_pct", n: f"{name}_n"})


def _merge(store: pd.DataFrame, region: pd.DataFrame, chain: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    out = chain
    for side in (store, region):
        out = out.merge(side, on=key, how="left")
    return out


def store_fives(run: Runner, window: Window, store_id: int, region_id: int | None,
                cfg: fives.FivesSettings) -> StoreFives:  # fmt: skip
    weeks = window.filters()
    today = window.today
    # the months read whole, as the overview's 5S sparkline (and the store page's tile) reads them: a month the
    # twelve weeks hold only in part had a figure on its days here and one on all its days in the tile above
    heat, trend = fives.heatmap(run, weeks), fives.trend(run, window.month_filters())
    if region_id is not None:
        in_region = window.narrowed("region", [region_id])
        region_heat = fives.heatmap(run, in_region.filters())
        region_trend = fives.trend(run, in_region.month_filters())
    else:
        region_heat, region_trend = heat.iloc[0:0], trend.iloc[0:0]
    sec_key = ["section_code"]
    names = heat[heat["is_chain"]][["section_code", "section_position", "section_name_en", "section_name_zh"]]
    sections = _merge(
        _side(heat[heat["store_id"] == store_id], sec_key, "mean_pct", "inspections_n", "store"),
        _side(region_heat[region_heat["is_chain"]], sec_key, "mean_pct", "inspections_n", "region"),
        _side(heat[heat["is_chain"]], sec_key, "mean_pct", "inspections_n", "chain"),
        sec_key,
    ).merge(names, on=sec_key)
    month_key = ["month_start"]
    months = _merge(
        _side(trend[trend["store_id"] == store_id], month_key, "mean_pct", "inspections_n", "store"),
        _side(region_trend[region_trend["is_chain"]], month_key, "mean_pct", "inspections_n", "region"),
        _side(trend[trend["is_chain"]], month_key, "mean_pct", "inspections_n", "chain"),
        month_key,
    )
    # the month not over as of the window's reference day, as the overview's 5S sparkline draws it (SPEC §3)
    months["is_in_progress"] = [
        window.month_in_progress(pd.Timestamp(m).date()) for m in months["month_start"]
    ]
    mine = window.narrowed("store", [store_id]).filters()
    ranking = fives.ranking(run, mine, cfg)
    row = ranking[ranking["store_id"] == store_id]
    overall = None if row.empty or pd.isna(row["mean_pct"].iloc[0]) else float(row["mean_pct"].iloc[0])
    overall_n = 0 if row.empty else int(row["scored_n"].iloc[0])
    actions = fives.actions(run, mine, cfg, OPEN_STATUSES, today)
    return StoreFives(
        store_id=store_id,
        band=cfg.judged_band(overall, overall_n),
        overall_pct=overall,
        overall_n=overall_n,
        sections=sections.sort_values("section_position").reset_index(drop=True),
        trend=months.sort_values("month_start").reset_index(drop=True),
        repeats=fives.repeat_findings(run, mine),
        actions=actions[actions["store_id"] == store_id] if "store_id" in actions else actions,
    )


def _pct_n(value, n, lang: str) -> str | None:
    if n is None or pd.isna(n) or int(n) == 0 or value is None or pd.isna(value):
        return None
    return f"{fives_display.pct(value, lang)} (n = {int(n):,})"


def _labels(labels: Mapping[str, str] | None, lang: str) -> Mapping[str, str]:
    return labels or {side: t(f"store.col.{side}", lang) for side in ("store", "region", "chain")}


def sections_table(sf: StoreFives, lang: str, labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per section: the store's mean %, its region's, the chain's (each with its n inspections);
    ``labels``: the header of each side (``store``, ``region``, ``chain``) as the store view names them for the
    reader (``store.column_labels``: "Your stores", "Region East (your stores)"); None: Store, Region, Whole
    chain."""
    df, labels = sf.sections, _labels(labels, lang)
    return pd.DataFrame(
        {
            t("fives.col.section", lang): [
                fives_display.section_label(c, en, zh, lang)
                for c, en, zh in zip(
                    df["section_code"], df["section_name_en"], df["section_name_zh"], strict=True
                )
            ],
            **{
                labels[side]: [
                    _pct_n(v, n, lang) for v, n in zip(df[f"{side}_pct"], df[f"{side}_n"], strict=True)
                ]
                for side in ("store", "region", "chain")
            },
        }
    )


def trend_table(sf: StoreFives, lang: str, labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per month: the store's mean overall %, its region's, the chain's (each with n); ``labels`` as in
    sections_table. Every month is read whole; the month not over yet says so ("2026-12 (in progress)", SPEC §3),
    read up to the reference day."""
    df, labels, running = sf.trend, _labels(labels, lang), t("complaints.chart.in_progress", lang)
    return pd.DataFrame(
        {
            t("store.col.month", lang): [
                pd.Timestamp(m).strftime("%Y-%m") + (f" ({running})" if now else "")
                for m, now in zip(df["month_start"], df["is_in_progress"], strict=True)
            ],
            **{
                labels[side]: [
                    _pct_n(v, n, lang) for v, n in zip(df[f"{side}_pct"], df[f"{side}_n"], strict=True)
                ]
                for side in ("store", "region", "chain")
            },
        }
    )


def band_text(sf: StoreFives, low_confidence_n: int, lang: str) -> str:
    """'Overall 5S score 72.4% (n = 12 inspections) · ▲ Needs improvement', on fewer than the low-confidence n
    the low-confidence mark instead of a band (it said "✖ Failing · low confidence" on three), or why there is
    no score."""
    if sf.overall_pct is None:
        return t("store.fives.none", lang)
    if sf.overall_n < low_confidence_n:
        band = t("store.fives.low_n", lang, min=low_confidence_n)
    else:
        band = fives_display.band_label(sf.band, lang)  # as the 5S page's store ranking shows it
    return t("store.fives.band", lang, pct=fives_display.pct(sf.overall_pct, lang), n=sf.overall_n, band=band)
