"""Scorecard tables and words for the pages and the exports: DataFrames in, DataFrames / text out (no st.)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from portal import kpi
from portal.i18n import t
from portal.kpi import Figure, TileText, format_number
from portal.rounding import fixed, half_up, half_up_all
from portal.scorecards.figures import AgentCard, MetricResult, ScorecardSet, part_of_period_cards
from portal.scorecards.periods import Period
from portal.scorecards.weights import METRIC_SPECS
from portal.vocab import SCORECARD_METRICS

LOW_DATA = "◐"  # a metric left out for too little data
INSUFFICIENT = "○"  # no composite: too little data overall
SCORED = "✓"
UNWEIGHTED = "·"


TILE_HELP = {
    "team_composite": "scorecards.tile.help.composite",
    "open_disputes": "scorecards.tile.help.open_disputes",
}


def tile_texts(figs: Sequence[Figure], lang: str) -> list[TileText]:
    """The words around the team view's tiles (``figures.headline``): label, help, and under each the n it
    rests on (``kpi.caption``: agents scored, agents, open disputes); the mean composite's change is untested,
    so it is never coloured."""
    return [
        TileText(
            label=t(fig.label, lang),
            captions=((kpi.caption(fig, lang), kpi.status_colour(fig)),),
            help=t(TILE_HELP[fig.key], lang) if fig.key in TILE_HELP else None,
            vs_previous=t("scorecards.vs_previous", lang),
            delta_color="off",
        )
        for fig in figs
    ]


def tiles_note(sset: ScorecardSet, lang: str) -> str | None:
    """Under the tiles, when cards on part of the period are scored: agents ranked and agents with insufficient
    data do not add up to the cards then, so say who is in neither."""
    part = part_of_period_cards(sset)
    return t("scorecards.tiles.part_of_period", lang, n=part) if part else None


def metric_label(metric: str, lang: str, sla_hours: float = 24.0) -> str:
    """A metric's name on a card, the ranking, their CSV and charts: the SLA attainment names the response
    commitment it was counted against (``sla_hours``, the setting: "48 h response SLA", not a fixed "24 h")."""
    if metric == "sla_attainment":
        return t("scorecard.metric.sla_attainment.hours", lang, hours=float(sla_hours))
    return t(f"scorecard.metric.{metric}", lang)


def period_label(period: Period, lang: str, today=None) -> str:
    text = period.label
    if today is not None and period.in_progress(today):
        text += " " + t("scorecards.in_progress", lang)
    return text


def value_text(m: MetricResult, lang: str) -> str:
    """The raw value, or "no data" and why (the figure's reason, as under a tile: ``kpi.caption``)."""
    if m.figure.reason:
        return kpi.caption(m.figure, lang)
    return format_number(METRIC_SPECS[m.metric].unit, m.value, lang)


def interval_text(m: MetricResult) -> str:
    return "" if m.interval is None else f"{fixed(m.interval[0], 1)}–{fixed(m.interval[1], 1)}"


def shown_metrics(sset: ScorecardSet) -> list[str]:
    """The team view's metric columns: every weighted metric of the period's version, and complaints handled."""
    version = sset.version
    return [m for m in SCORECARD_METRICS if version.rule(m).weight > 0 or m == "complaints_handled"]


def low_data_text(card: AgentCard, lang: str) -> str:
    """The card's low-data marker: insufficient data (first), and the metrics left out with their n, or "no data"
    and why for one whose input the data lacks (``MetricResult.no_data_reason``; n 0 says "nothing in the
    period" well enough in a table cell)."""
    parts = [f"{INSUFFICIENT} " + t("scorecards.insufficient", lang)] if card.insufficient else []
    for m in card.metrics:
        if m.left_out:
            why = kpi.caption(m.figure, lang) if m.no_data_reason else f"n {m.n} < {m.min_n}"
            parts.append(f"{LOW_DATA} {metric_label(m.metric, lang, card.sla_hours)} ({why})")
    if card.days_in_scope is not None:  # a card on part of the period: why it is not ranked, also when scored
        parts.append(_part_of_period(card, lang))
    return "; ".join(parts)


def team_table(sset: ScorecardSet, lang: str) -> pd.DataFrame:
    """One row per agent: rank, composite, change, each shown metric's raw value and score, low data.
    Numbers stay numbers (the table sorts; the CSV keeps them); missing values are empty, never 0. Rank,
    percentile (rounded as the card's "percentile 67"), counts and n are whole numbers in the CSV too, also in a
    column with an empty cell (an unranked agent): pandas' nullable Int64, not floats ("1.0", "100.0")."""
    metrics = shown_metrics(sset)
    whole = [t("scorecards.col.rank", lang), t("scorecards.col.percentile", lang)]
    whole.append(t("scorecards.col.open_disputes", lang))
    rows = []
    for c in sset.cards:
        row = {
            t("scorecards.col.rank", lang): c.rank,
            t("scorecards.col.agent", lang): f"{c.agent_code} {c.agent_name}",
            t("scorecards.col.team", lang): c.team_code,
            t("scorecards.col.composite", lang): _round(c.composite),
            t("scorecards.col.change", lang): _round(c.change),
            t("scorecards.col.percentile", lang): None
            if c.percentile is None
            else int(half_up(c.percentile)),
        }
        for code in metrics:
            m = c.metric(code)
            count = METRIC_SPECS[code].unit == "count"  # a count stays whole in the table and the CSV (103)
            row[metric_label(code, lang, sset.sla_hours)] = (
                int(m.value) if count and m.value is not None else _round(m.value)
            )
            if count:
                whole.append(metric_label(code, lang, sset.sla_hours))
            if code != "complaints_handled":  # its n is its value
                row[f"{metric_label(code, lang, sset.sla_hours)} n"] = m.n
                whole.append(f"{metric_label(code, lang, sset.sla_hours)} n")
            if m.weight > 0:
                row[t("scorecards.col.score_of", lang, metric=metric_label(code, lang, sset.sla_hours))] = (
                    _round(m.score) if not m.left_out else None
                )
        row[t("scorecards.col.low_data", lang)] = low_data_text(c, lang)
        row[t("scorecards.col.open_disputes", lang)] = c.open_disputes
        rows.append(row)
    frame = pd.DataFrame(rows)
    return frame.astype({c: "Int64" for c in dict.fromkeys(whole) if c in frame})


def team_table_formats(sset: ScorecardSet, lang: str) -> dict[str, str]:
    """printf formats of the team table's number columns (units shown in the cells; the CSV keeps numbers)."""
    unit_format = {
        "count": "%d",
        "pct": "%.1f%%",
        "hours": t("scorecards.format.hours", lang),
        "points": "%.1f",
    }
    formats = {
        t("scorecards.col.rank", lang): "%d",
        t("scorecards.col.composite", lang): "%.1f",
        t("scorecards.col.change", lang): "%+.1f",
        t("scorecards.col.percentile", lang): "%d",
        t("scorecards.col.open_disputes", lang): "%d",
    }
    for code in shown_metrics(sset):
        formats[metric_label(code, lang, sset.sla_hours)] = unit_format[METRIC_SPECS[code].unit]
        formats[f"{metric_label(code, lang, sset.sla_hours)} n"] = "%d"
        formats[t("scorecards.col.score_of", lang, metric=metric_label(code, lang, sset.sla_hours))] = "%.1f"
    return formats


def team_table_help(lang: str) -> dict[str, str]:
    """The team table's column help on screen (the CSV has no place for it): what the Open disputes column counts."""
    return {
        t("scorecards.col.open_disputes", lang): t("scorecards.col.help.open_disputes", lang),
        t("scorecards.col.change", lang): t("scorecards.col.help.change", lang),
    }


def _counted(card: AgentCard, m: MetricResult, lang: str) -> tuple[str, list[str]]:
    """Whether a metric counts in the composite (its marker and words) and the notes that go with it: low
    confidence, and beside its n the answers it could not judge (none judged at all: the value's no-data reason
    says so)."""
    if m.weight == 0:
        counted = f"{UNWEIGHTED} " + t("scorecards.counted.unweighted", lang)
    elif m.left_out:
        counted = f"{LOW_DATA} " + t("scorecards.counted.left_out", lang, n=m.n, min_n=m.min_n)
    elif card.insufficient:
        counted = f"{INSUFFICIENT} " + t("scorecards.insufficient", lang)
    else:
        counted = f"{SCORED} " + t("scorecards.counted.yes", lang)
    notes = []
    if m.figure.low_confidence and not m.left_out:
        notes.append(t("kpi.caption.low", lang, min_n=m.figure.low_confidence_n))
    if m.left_out_n and m.n > 0 and m.metric == "sla_attainment":
        notes.append(t("scorecards.counted.sla_date_only", lang, n=m.left_out_n))
    return counted, notes


def card_table(card: AgentCard, lang: str, *, on_screen: bool = False) -> pd.DataFrame:
    """The card's metrics: raw value, 95 % interval, n, min n, score, weight and weight after rescaling.
    ``on_screen``: the cells of a narrow table (a tablet's), whose full words ``card_table_notes`` gives: a
    value without data reads "no data" alone, "In composite" its marker and words without their notes."""
    rows = []
    for m in card.metrics:
        counted, notes = _counted(card, m, lang)
        value = value_text(m, lang)
        if on_screen and m.figure.reason:
            value = t("kpi.no_data", lang)
        rows.append(
            {
                t("scorecards.col.metric", lang): metric_label(m.metric, lang, card.sla_hours),
                t("scorecards.col.value", lang): value,
                t("scorecards.col.interval", lang): interval_text(m),
                "n": m.n,
                t("scorecards.col.min_n", lang): m.min_n,
                t("scorecards.col.floor_target", lang): _floor_target(m, lang),
                t("scorecards.col.score", lang): _round(m.score),
                t("scorecards.col.weight", lang): _round(m.weight, 0),
                t("scorecards.col.effective_weight", lang): _round(m.effective_weight),
                t("scorecards.col.counted", lang): counted if on_screen else " · ".join([counted, *notes]),
            }
        )
    return pd.DataFrame(rows)


def card_table_notes(card: AgentCard, lang: str) -> list[str]:
    """The words the on-screen card table leaves out of its cells (``card_table(on_screen=True)``), one line per
    metric that has them ("QA score: no data: …"): shown under the table, where a touch screen reads them too."""
    lines = []
    for m in card.metrics:
        _, notes = _counted(card, m, lang)
        words = ([value_text(m, lang)] if m.figure.reason else []) + notes
        if words:
            label = metric_label(m.metric, lang, card.sla_hours)
            lines.append(t("scorecards.card_note", lang, metric=label, words=" · ".join(words)))
    return lines


@dataclass(frozen=True)
class ShownColumn:
    """How the card's on-screen table shows one column of ``card_table``: its header (a short one where the full
    label would widen the column; the full label is then its help) and its width in pixels; ``None`` hides it."""

    label: str
    help: str | None
    width: int


# card_table's columns on screen, in pixels (en, zh): together CARD_TABLE_WIDTH, so the table fits without a
# sideways scroll at 768 px (a tablet: 734 px; the team lead's card, in a bordered box: 702 px) and beside the open
# sidebar at 1024 px (658 px), the "In composite" words included: the cells are card_table(on_screen=True)'s
# short ones (a value without data reads "no data", the notes go under the table: card_table_notes). Min n and
# floor → target are the scoring rules, not the agent's figures: the Score column's help lists them per metric (and the "In composite" cell names the min n whenever
# it leaves a metric out); the CSV and the printable card keep every column.
CARD_TABLE_WIDTH = 656
_CARD_COLUMNS = {  # label key: (short label key or None, width en, width zh); None: not on screen
    "scorecards.col.metric": (None, 148, 124),
    "scorecards.col.value": (None, 72, 92),
    "scorecards.col.interval": ("scorecards.col.interval_short", 78, 76),
    "n": (None, 40, 40),
    "scorecards.col.min_n": None,
    "scorecards.col.floor_target": None,
    "scorecards.col.score": (None, 56, 52),
    "scorecards.col.weight": (None, 56, 52),
    "scorecards.col.effective_weight": ("scorecards.col.effective_weight_short", 70, 60),
    "scorecards.col.counted": (None, 136, 160),
}


def card_table_shown(card: AgentCard, lang: str) -> dict[str, ShownColumn | None]:
    """``card_table``'s columns (by their full label) as the card's on-screen table shows them."""
    shown: dict[str, ShownColumn | None] = {}
    for key, spec in _CARD_COLUMNS.items():
        full = key if key == "n" else t(key, lang)
        if spec is None:
            shown[full] = None
            continue
        short, width_en, width_zh = spec
        width = width_zh if lang == "zh" else width_en
        shown[full] = ShownColumn(t(short, lang), full, width) if short else ShownColumn(full, None, width)
    score = t("scorecards.col.score", lang)
    shown[score] = ShownColumn(score, score_help(card, lang), shown[score].width)
    return shown


def score_help(card: AgentCard, lang: str) -> str:
    """The scoring rules of the card's version, one line per metric (markdown): floor → target and min n."""
    lines = (
        "- "
        + t(
            "scorecards.col.score_help_line",
            lang,
            metric=metric_label(m.metric, lang, card.sla_hours),
            floor_target=_floor_target(m, lang),
            min_n=m.min_n,
        )
        for m in card.metrics
    )
    return t("scorecards.col.score_help", lang) + "\n\n" + "\n".join(lines)


def _floor_target(m: MetricResult, lang: str) -> str:
    unit = METRIC_SPECS[m.metric].unit
    return f"{format_number(unit, m.floor, lang)} → {format_number(unit, m.target, lang)}"


def card_notes(card: AgentCard, lang: str, today=None) -> list[str]:
    """What the reader must know to read the card right: version, rescaling, insufficient data, rates."""
    if card.version_from.year < 1950:  # the initial version, in force from the beginning
        notes = [t("scorecards.note.version_initial", lang, version=card.version)]
    else:
        notes = [t("scorecards.note.version", lang, version=card.version, since=f"{card.version_from:%Y-%m}")]
    if card.insufficient:
        notes.append(t("scorecards.note.insufficient", lang, share=fixed(card.weight_share, 0)))
    elif card.rescaled:
        names = t("text.list_separator", lang).join(
            metric_label(m, lang, card.sla_hours) for m in card.left_out
        )
        notes.append(t("scorecards.note.rescaled", lang, metrics=names))
    if any(m.interval for m in card.metrics):
        notes.append(t("scorecards.note.rates", lang))
    if card.days_in_scope is not None:
        notes.append(
            t("scorecards.note.part_of_period", lang, days=card.days_in_scope, period_days=_days(card.period))
        )
    if today is not None and card.period.in_progress(today):
        notes.append(t("scorecards.note.in_progress", lang))
    return notes


def _days(period: Period) -> int:
    return (period.end - period.start).days


def change_text(card: AgentCard, lang: str) -> str | None:
    """Why the card shows no change against the previous period ("no data" and why), None when it shows one or
    has no composite itself (its insufficient-data note says why)."""
    reason = change_reason_text(card, lang)
    if reason is None:
        return None
    return t("scorecards.change.none", lang, previous=card.period.previous().label, reason=reason)


def change_reason_text(card: AgentCard, lang: str) -> str | None:
    """Why there is no change (``AgentCard.change_reason`` in words, naming the previous period), as ``change_text``
    and the exports give it; None when there is a change or no composite this period."""
    if card.change_reason is None:
        return None
    return t(card.change_reason, lang, previous=card.period.previous().label)


def _part_of_period(card: AgentCard, lang: str) -> str:
    return t("scorecards.not_ranked_part", lang, days=card.days_in_scope, period_days=_days(card.period))


def rank_text(card: AgentCard, lang: str) -> str:
    """The card's rank, or why it has none: insufficient data first (a card on part of the period without a
    composite would not be ranked on any days), then part of the period."""
    if card.rank is None and card.composite is not None and card.days_in_scope is not None:
        return _part_of_period(card, lang)
    if card.rank is None:
        return t("scorecards.not_ranked", lang)
    return t(
        "scorecards.rank_of",
        lang,
        rank=card.rank,
        n=card.ranked_n,
        pct=fixed(card.percentile, 0) if card.percentile is not None else "—",
    )


# reviews_table's columns on the card's screen, in this order (key: label key; short label key or None, width en,
# width zh). The date, the score counted, the comment and how it counts come first, within 600 px: the card's box
# beside the open sidebar at 1024 px is 658 px wide (the table was 738 px: its Comment, last, needed a sideways
# scroll). The CSV keeps reviews_table's own order.
REVIEW_TABLE_KEY_WIDTH = 600
_REVIEW_COLUMNS = {
    "scorecards.col.reviewed_on": (None, 92, 92),
    "scorecards.col.effective_score": ("scorecards.col.effective_score_short", 64, 56),
    "scorecards.col.comment": (None, 214, 226),
    "scorecards.col.counts": (None, 146, 140),
    "scorecards.col.reviewer": (None, 84, 80),
    "scorecards.col.form_score": ("scorecards.col.form_score_short", 70, 60),
    "scorecards.col.open_dispute": (None, 96, 64),
    "scorecards.col.complaint": (None, 84, 84),
}


def reviews_table_shown(lang: str) -> dict[str, ShownColumn]:
    """``reviews_table``'s columns (by their full label) as the card shows them, in screen order."""
    shown = {}
    for key, (short, width_en, width_zh) in _REVIEW_COLUMNS.items():
        full, width = t(key, lang), width_zh if lang == "zh" else width_en
        shown[full] = ShownColumn(t(short, lang), full, width) if short else ShownColumn(full, None, width)
    return shown


def reviews_table(reviews: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The QA reviews behind the QA score, with how each counts and its comment."""
    if reviews.empty:
        return pd.DataFrame()

    def counts(r) -> str:
        if bool(r["is_excluded"]):
            return t("scorecards.review.removed", lang)
        if bool(r["critical_failed"]) and r["resolution"] != "corrected":
            return t("scorecards.review.critical", lang)
        if r["resolution"] == "corrected":
            return t("scorecards.review.corrected", lang)
        return t("scorecards.review.counts", lang)

    return pd.DataFrame(
        {
            t("scorecards.col.reviewed_on", lang): pd.to_datetime(reviews["reviewed_on"]).dt.date,
            t("scorecards.col.reviewer", lang): reviews["reviewer"],
            t("scorecards.col.form_score", lang): half_up_all(reviews["form_score"].astype(float), 1),
            t("scorecards.col.effective_score", lang): half_up_all(
                reviews["effective_score"].astype(float), 1
            ),
            t("scorecards.col.counts", lang): [counts(r) for _, r in reviews.iterrows()],
            t("scorecards.col.open_dispute", lang): reviews["open_dispute_id"]
            .notna()
            .map({True: t("scorecards.yes", lang), False: ""}),
            t("scorecards.col.complaint", lang): reviews["complaint_source_id"],
            t("scorecards.col.comment", lang): reviews["comment"],
        }
    )


def history_table(cards: Sequence[AgentCard], lang: str) -> pd.DataFrame:
    """One row per period of the trend: composite and each metric's raw value and score (the trend charts)."""
    rows = []
    for c in cards:
        row = {"period": c.period.label, "period_start": c.period.start, "composite": c.composite}
        for m in c.metrics:
            row[f"{m.metric}_value"] = m.value
            row[f"{m.metric}_score"] = None if m.left_out else m.score
            row[f"{m.metric}_n"] = m.n
        rows.append(row)
    return pd.DataFrame(rows)


def _round(value, digits: int = 1):
    return half_up(value, digits)
