"""Scorecard exports: the team ranking and a card as CSV (formula-safe, portal.export), a print-ready HTML page
and the data of the printable PDF (portal/scorecards/pdf.py draws it)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd

from portal import export, zones
from portal.i18n import t
from portal.rounding import fixed, half_up
from portal.scorecards import display
from portal.scorecards.figures import AgentCard, ScorecardSet


def team_csv(sset: ScorecardSet, lang: str) -> bytes:
    frame = display.team_table(sset, lang)
    # an empty change says why beside it, as the card does (the screen's column help has no place in a CSV)
    at = frame.columns.get_loc(t("scorecards.col.change", lang)) + 1
    frame.insert(
        at, t("scorecards.col.change_none", lang), [display.change_reason_text(c, lang) for c in sset.cards]
    )
    frame.insert(0, t("scorecards.print.period", lang), sset.period.label)
    # the units the screen shows in its cells ("68.1 h", "76.9%") go into the CSV's headers, its cells numbers
    # (tablet probe, session 55: "Median resolution time" without its unit)
    units = {}
    for code in display.shown_metrics(sset):
        unit = display.METRIC_SPECS[code].unit
        if unit in ("pct", "hours"):
            label = display.metric_label(code, lang, sset.sla_hours)
            units[label] = t(f"scorecards.csv.unit.{unit}", lang, label=label)
    return export.to_csv_bytes(frame.rename(columns=units))


def card_frame(card: AgentCard, lang: str) -> pd.DataFrame:
    frame = display.card_table(card, lang)
    frame.insert(0, t("scorecards.print.agent", lang), f"{card.agent_code} {card.agent_name}")
    frame.insert(1, t("scorecards.print.period", lang), card.period.label)
    frame[t("scorecards.tile.composite", lang)] = display._round(card.composite)
    frame[t("scorecards.tile.rank", lang)] = display.rank_text(card, lang)
    return frame


def card_csv(card: AgentCard, lang: str) -> bytes:
    return export.to_csv_bytes(card_frame(card, lang))


@dataclass(frozen=True)
class PrintableCard:
    """Everything the printed card shows, as text, in one language (shared by the HTML page and the PDF)."""

    title: str
    header: tuple[tuple[str, str], ...]  # (label, value)
    composite: str
    rank: str
    notes: tuple[str, ...]
    metrics: pd.DataFrame  # display.card_table
    trend: tuple[tuple[str, str], ...]  # (period, composite)
    trend_header: tuple[str, str]
    reviews: pd.DataFrame  # display.reviews_table
    footer: str
    legend: str
    file_stem: str
    headings: tuple[str, str, str] = ("", "", "")  # metrics, trend, QA reviews
    lang: str = "en"  # a label and its value: "Team: T1" / "班组：T1"
    # the page's and the PDF's document title (a browser tab, a printed page's header, a PDF viewer's title
    # bar): whose card of which period, in words, as the card's heading on screen; the file name is not a title
    doc_title: str = ""


def printable(
    card: AgentCard,
    history: Sequence[AgentCard],
    reviews: pd.DataFrame,
    lang: str,
    timezone: str,
    today=None,
    coaching_note: str | None = None,
    now: datetime | None = None,
) -> PrintableCard:
    composite = (
        t("scorecards.insufficient", lang) if card.composite is None else f"{fixed(card.composite, 1)} / 100"
    )
    if card.change is not None:
        composite += f" ({fixed(card.change, 1, '+')} {t('scorecards.vs_previous', lang)})"
    elif (no_change := display.change_text(card, lang)) is not None:
        composite += f" · {no_change}"
    return PrintableCard(
        title=t("scorecards.print.title", lang),
        header=(
            (t("scorecards.print.agent", lang), f"{card.agent_name} ({card.agent_code})"),
            (t("scorecards.print.team", lang), f"{card.team_name or '—'} ({card.team_code or '—'})"),
            (t("scorecards.print.period", lang), display.period_label(card.period, lang, today)),
        ),
        composite=composite,
        rank=display.rank_text(card, lang),
        notes=tuple(display.card_notes(card, lang, today))
        + ((t("scorecards.print.coaching", lang, note=coaching_note),) if coaching_note else ()),
        metrics=display.card_table(card, lang),
        trend=tuple((c.period.label, "—" if c.composite is None else fixed(c.composite, 1)) for c in history),
        trend_header=(t("scorecards.axis.period", lang), t("scorecards.tile.composite", lang)),
        reviews=display.reviews_table(reviews, lang),
        footer=t(
            "scorecards.print.generated",
            lang,
            at=zones.stamp_text(now or datetime.now(UTC).replace(tzinfo=None), timezone),
            zone=zones.zone_name(timezone, lang),
        ),
        legend=t("scorecards.legend", lang),
        file_stem=f"scorecard_{card.agent_code}_{card.period.label}",
        headings=(
            t("scorecards.section.metrics", lang),
            t("scorecards.print.trend", lang),
            t("scorecards.section.reviews", lang),
        ),
        lang=lang,
        doc_title=" · ".join(
            (
                t("scorecards.print.title", lang),
                f"{card.agent_name} ({card.agent_code})",
                display.period_label(card.period, lang, today),
            )
        ),
    )


_CSS = """
body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif;
       color: #1f2328; margin: 24px; font-size: 12px; }
h1 { font-size: 20px; margin: 0 0 8px; } h2 { font-size: 14px; margin: 18px 0 6px; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #d0d7de; padding: 3px 6px;
text-align: left; vertical-align: top; } th { background: #f6f8fa; }
.big { font-size: 22px; font-weight: bold; } .note { color: #57606a; margin: 2px 0; }
.head td { border: none; padding: 1px 12px 1px 0; }
@media print { body { margin: 10mm; } .noprint { display: none; } h2 { break-after: avoid; }
  tr { break-inside: avoid; } }
@page { size: A4; margin: 12mm; }
"""


def _table(frame: pd.DataFrame) -> str:
    if frame.empty:
        return ""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_cell(v))}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—"
    return str(value)


def _label_value(key: str, value: str, lang: str) -> str:
    """A label and its value as the language writes them (escaped): "Rank: 2" / "排名：2"."""
    return html.escape(t("text.label_value", lang, label=t(key, lang), value=value))


def card_html(p: PrintableCard, lang: str) -> str:
    """A self-contained print-ready page (A4, print styles; the browser's Print saves it as PDF too)."""
    e = html.escape
    head = "".join(f"<tr><td><b>{e(k)}</b></td><td>{e(v)}</td></tr>" for k, v in p.header)
    notes = "".join(f'<p class="note">{e(n)}</p>' for n in p.notes)
    trend = _table(pd.DataFrame(p.trend, columns=list(p.trend_header)))
    reviews = _table(p.reviews) or f"<p>{e(t('scorecards.reviews.empty', lang))}</p>"
    return (
        f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
        f"<title>{e(p.doc_title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{e(p.title)}</h1><table class='head'>{head}</table>"
        f"<p class='big'>{_label_value('scorecards.tile.composite', p.composite, lang)}</p>"
        f"<p>{_label_value('scorecards.tile.rank', p.rank, lang)}</p>{notes}"
        f"<h2>{e(t('scorecards.section.metrics', lang))}</h2>{_table(p.metrics)}"
        f"<p class='note'>{e(p.legend)}</p>"
        f"<h2>{e(t('scorecards.print.trend', lang))}</h2>{trend}"
        f"<h2>{e(t('scorecards.section.reviews', lang))}</h2>{reviews}"
        f"<p class='note'>{e(p.footer)}</p></body></html>"
    )


# ---------------------------------------------------------------- JSON and text (kpi scorecards)
def _num(value, digits: int = 4):
    return half_up(value, digits)


def card_json(card: AgentCard, lang: str = "en") -> dict:
    return {
        "agent_code": card.agent_code,
        "agent_name": card.agent_name,
        "team_code": card.team_code,
        "status": card.status,
        "composite": _num(card.composite),
        "previous_composite": _num(card.previous_composite),
        "change": _num(card.change),
        "change_no_data_reason": display.change_reason_text(card, lang),
        "rank": card.rank,
        "ranked_in_team": card.ranked_n,
        "percentile": _num(card.percentile, 1),
        "weights_version": card.version,
        "weight_share_pct": _num(card.weight_share, 1),
        "left_out": list(card.left_out),
        "open_disputes": card.open_disputes,
        "metrics": {
            m.metric: {
                **m.figure.to_json(lang),
                "interval_95": None if m.interval is None else [_num(m.interval[0]), _num(m.interval[1])],
                "score": _num(m.score),
                "floor": _num(m.floor),
                "target": _num(m.target),
                "min_n": m.min_n,
                "weight": _num(m.weight),
                "effective_weight": _num(m.effective_weight),
                "left_out": m.left_out,
            }
            for m in card.metrics
        },
    }


def to_json(sset: ScorecardSet, lang: str = "en") -> dict:
    version = sset.version
    return {
        "period": sset.period.label,
        "grain": sset.period.grain,
        "start": sset.period.start.isoformat(),
        "end_exclusive": sset.period.end.isoformat(),
        "timezone": sset.timezone,
        "sla_as_of_utc": sset.sla_as_of.isoformat(),
        "in_progress": sset.in_progress,
        "weights_version": {
            "version": version.version,
            "effective_from": version.effective_from.isoformat(),
            "rules": {
                r.metric: {"weight": r.weight, "floor": r.floor, "target": r.target, "min_n": r.min_n}
                for r in version.rules
            },
        },
        "open_disputes": sset.open_disputes,
        "agents": [card_json(c, lang) for c in sset.cards],
        "team_trend": [
            {
                "team_code": p.team_code,
                "period": p.period.label,
                "mean_composite": _num(p.mean_composite),
                "ranked_n": p.ranked_n,
                "agents_n": p.agents_n,
            }
            for p in sset.team_trend
        ],
    }


def text_summary(sset: ScorecardSet, lang: str = "en") -> str:
    label = sset.period.label + (" " + t("scorecards.in_progress", lang) if sset.in_progress else "")
    lines = [
        f"{t('page.scorecards', lang)} {label} ({sset.timezone}) · "
        + t(
            "scorecards.note.version_initial"
            if sset.version.effective_from.year < 1950
            else "scorecards.note.version",
            lang,
            version=sset.version.version,
            since=f"{sset.version.effective_from:%Y-%m}",
        ),
    ]
    for c in sset.cards:
        composite = "" if c.composite is None else f"{c.composite:5.1f}"
        rank = "-" if c.rank is None else f"{c.rank}/{c.ranked_n}"
        low = display.low_data_text(c, lang)  # says "insufficient data" when there is no composite
        lines.append(
            f"{c.team_code or '-':<5} {rank:>6}  {c.agent_code:<6} {c.agent_name}  {composite}  {low}".rstrip()
        )
    return "\n".join(lines)
