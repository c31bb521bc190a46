"""The weekly brief: plain sentences from the overview's figures by templates (no language model).

What changed significantly in the reference week against the week before (the figures' own tests), the
likely driver of a fall in response-SLA attainment (the category and stores holding most breaches), and
every open alert. Every sentence carries its value, its n, its comparison window and a link to the page and
filters that explain it. ``Brief.markdown`` for mail, ``Brief.to_json`` for machines; an issued brief is
stored unchanged (``portal.writes.store_brief``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

import pandas as pd

from portal import kpi
from portal.i18n import listed, t
from portal.overview.figures import OverviewFigures
from portal.overview.sources import Alert, Window
from portal.rounding import fixed
from portal.text import md_plain

MAX_DRIVER_STORES = 3


@dataclass(frozen=True)
class Sentence:
    text: str
    link: str
    area: str
    figure: str
    value: float | None
    n: int
    window: str  # the comparison window in words (weeks)
    # the text as Markdown: the names it holds from data (stores, agents) escaped (``text.md_plain``), so that a
    # store named ``![x](http://…)`` or ``:red[**URGENT**]`` shows as typed, never as an image, link or colour
    markdown: str = ""

    def __post_init__(self) -> None:
        if not self.markdown:
            object.__setattr__(self, "markdown", self.text)


@dataclass(frozen=True)
class Brief:
    week: str
    lang: str
    scope: str
    sentences: tuple[Sentence, ...]

    def title(self) -> str:
        return t("overview.brief.title", self.lang, week=self.week)

    def markdown(self) -> str:
        """The brief as issued and printed: its title as a heading, then ``body``."""
        return f"## {self.title()}\n\n" + self.body()

    def body(self) -> str:
        """The sentences as a list (or that there is nothing to say), each with its link, without the title."""
        lines = []
        if not self.sentences:
            lines.append(t("overview.brief.nothing", self.lang))
        lines += [
            f"- {s.markdown} [{t('overview.brief.details', self.lang)}]({s.link})" for s in self.sentences
        ]
        return "\n".join(lines) + "\n"

    def to_json(self) -> dict[str, Any]:
        return {
            "week": self.week,
            "lang": self.lang,
            "scope": self.scope,
            "sentences": [{k: v for k, v in s.__dict__.items() if k != "markdown"} for s in self.sentences],
        }


def week_label(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def address(page: str, params, lang: str) -> str:
    """A sentence's link: the page with its filters and, for a brief not in English, the brief's language
    (``?lang=zh``, as ``ui.language_switch`` keeps it in the address): the link opens in a new tab, a new
    session that reads the language from the address alone."""
    params = dict(params)
    if lang != "en":
        params["lang"] = lang
    return f"/{page}?" + urlencode(params)


def link(page: str, start: date, end: date, lang: str = "en", **extra: str) -> str:
    return address(page, {"start": start.isoformat(), "end": end.isoformat(), **extra}, lang)


def _count(n: int) -> str:
    return f"{int(n):,}"


def _changed(window: Window, fig: kpi.Figure, area: str, page: str, lang: str) -> Sentence:
    fell = (fig.change or 0) < 0
    direction = "fell" if fell else "rose"
    prev_week = window.week - timedelta(days=7)
    text = t(
        f"overview.brief.{direction}",
        lang,
        label=t(fig.label, lang),
        value=kpi.format_value(fig, lang),
        previous=kpi.format_number(fig.unit, fig.previous_value, lang),
        n=_count(fig.n),
        week=week_label(window.week),
        previous_week=week_label(prev_week),
    )
    if fig.in_progress:  # the week is not over: say so (portal.kpi.Comparison)
        text += ("" if lang == "zh" else " ") + fig.change_note(lang)
    return Sentence(
        text,
        link(page, prev_week, window.end, lang),
        area,
        fig.key,
        fig.value,
        fig.n,
        f"{week_label(window.week)} vs {week_label(prev_week)}",
    )


def breach_driver(breaches: pd.DataFrame) -> dict[str, Any] | None:
    """The category holding most SLA breaches, its share of them and its top stores (at most 3)."""
    if breaches is None or breaches.empty:
        return None
    total = int(breaches["breach_count"].sum())
    by_cat = (
        breaches.groupby("category_group")["breach_count"].sum().sort_values(ascending=False, kind="stable")
    )
    by_cat = by_cat.sort_index().sort_values(ascending=False, kind="stable")  # ties: alphabetical
    category, count = by_cat.index[0], int(by_cat.iloc[0])
    rows = breaches[(breaches["category_group"] == category) & breaches["store_code"].notna()]
    rows = rows.sort_values(["breach_count", "store_code"], ascending=[False, True])
    stores = list(rows["store_code"].head(MAX_DRIVER_STORES))
    return {"category": category, "share_pct": 100.0 * count / total, "breaches": total, "stores": stores}


def store_names(run, lang: str) -> dict[str, str]:
    """Store code -> "S001 北京王府井店": the stores of ``run``'s scope (query filter_stores) named in ``lang`` (the
    store_label macro), for sentences that would otherwise name a store by its code alone (the brief, the
    overview's alerts); a store without a name of its own is named by its code."""
    stores = run("filter_stores", {"lang": lang})
    return {
        str(c): str(c) if pd.isna(n) or not str(n).strip() or str(n) == str(c) else f"{c} {n}"
        for c, n in zip(stores["store_code"], stores["store_name"], strict=True)
    }


def _driver(
    window: Window, driver: dict[str, Any], lang: str, store_names: Mapping[str, str] | None = None
) -> Sentence:
    stores = [(store_names or {}).get(code, code) for code in driver["stores"]]

    def words(shown) -> str:
        return t(
            "overview.brief.driver",
            lang,
            share=fixed(driver["share_pct"], 0),
            breaches=_count(driver["breaches"]),
            category=t(f"complaints.category.{driver['category']}", lang),
            k=len(stores),
            stores=listed([shown(store) for store in stores]),
            week=week_label(window.week),
        )

    return Sentence(
        words(_as_is),
        link("complaints", window.week, window.end, lang, category=driver["category"]),
        "complaints",
        "sla_breaches",
        driver["share_pct"],
        driver["breaches"],
        week_label(window.week),
        words(md_plain),
    )


def alert_sentence(
    window: Window, a: Alert, lang: str, store_names: Mapping[str, str] | None = None
) -> Sentence:
    """The alert in words. ``store_names``: store code -> the store's label in ``lang`` (code and name, as the
    store_label macro gives it); a store missing from it is named by its code."""
    comparison = kpi.format_number(a.unit, a.comparison, lang)
    store = (store_names or {}).get(a.store, a.store)

    def words(shown) -> str:
        where = t("overview.brief.at_store", lang, store=shown(store)) if a.store else ""
        if a.agent:
            where = t("overview.brief.at_agent", lang, agent=shown(a.agent))
        return t(
            f"overview.alert.{a.kind}",
            lang,
            label=t(a.label_key, lang),
            where=where,
            value=kpi.format_number(a.unit, a.value, lang),
            n=int(a.n),  # an int, for the word form of what it counts ({n:plural:item|items}: English only)
            comparison=comparison,
            comparison_n=_count(a.comparison_n),
            week=week_label(a.week),
            since=a.since_label or week_label(a.since),
            day=window.today.isoformat(),  # counts taken as of today (open corrective actions), as the tiles say
            # what else an area's sentence names (a 5S repeat: the inspections its n spans)
            **{name: shown(value) for name, value in a.extra},
        )

    return Sentence(
        words(_as_is),
        address(a.page, a.link_params, lang),
        a.area,
        a.figure_key,
        a.value,
        a.n,
        week_label(a.week),
        words(md_plain),
    )


def _low_n(fig: kpi.Figure) -> bool:
    """Either week of the change rests on fewer than the low-confidence n: no change is told of it."""
    return fig.status == "low_confidence" or fig.previous_n < fig.low_confidence_n


def _as_is(value):
    return value


def build(
    figs: OverviewFigures,
    lang: str,
    scope: str,
    alerts: list[Alert] | None = None,
    store_names: Mapping[str, str] | None = None,
) -> Brief:
    """The brief of the window's reference week: significant changes (with the driver of an SLA fall), then
    the alerts still open (default: all raised). ``store_names`` (``store_names(run, lang)``): how the
    sentences name a store (code and name); a store missing from it is named by its code."""
    w = figs.window
    out: list[Sentence] = []
    for area in figs.areas:
        for fig in area.figures:
            if fig.significant and fig.change is not None and not _low_n(fig):
                out.append(_changed(w, fig, area.area, area.page, lang))
                if area.area == "complaints" and fig.key == "sla_attainment" and fig.change < 0:
                    driver = breach_driver(area.context.get("breaches"))
                    if driver:
                        out.append(_driver(w, driver, lang, store_names))
    for a in figs.alerts if alerts is None else alerts:
        out.append(alert_sentence(w, a, lang, store_names))
    return Brief(w.label, lang, scope, tuple(out))
