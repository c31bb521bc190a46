"""The Satisfaction figures as JSON and as a few lines of text (``kpi satisfaction``)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from portal.i18n import t
from portal.kpi import Figure
from portal.rounding import fixed, half_up
from portal.satisfaction.figures import SatisfactionFigures


def _clean(value, digits: int = 4):
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else half_up(value, digits)
    return value


def _tile_json(fig: Figure, lang: str = "en") -> dict[str, Any]:
    out = {
        "value": _clean(fig.value),
        "n": fig.n,
        "previous_value": _clean(fig.previous_value),
        "previous_n": fig.previous_n,
        "change": _clean(fig.change),
    }
    # what the change is against (portal.kpi.Comparison), as every figure's JSON says it
    out |= {
        k: v
        for k, v in fig.to_json(lang).items()
        if k in ("previous_covered_from", "in_progress", "change_note")
    }
    if fig.key != "responses":
        out |= {
            "p_value": _clean(fig.p_value, 6),
            "significant": bool(fig.significant),
            "target": _clean(fig.target),
            "low_confidence": fig.low_confidence,
        }
    # why there is no value (kpi.NONE_IN_PERIOD: nothing to count, also for no responses), as the complaint KPI
    # JSON says it
    out["no_data_reason"] = t(fig.reason, lang) if fig.reason else None
    return out


def to_json(figs: SatisfactionFigures, lang: str = "en") -> dict[str, Any]:
    """index, CSAT, NPS, n and, per instrument, each dimension's mean E, mean P, gap and n with both scores."""
    f = figs.filters
    prev = f.previous()
    return {
        "period": {
            "from": f.start.isoformat(),
            "to": f.end.isoformat(),
            "previous_from": prev.start.isoformat(),
            "previous_to": prev.end.isoformat(),
            # as kpi complaints: the zone whose days the period counts, and the day taken as today in it
            "timezone": f.timezone,
            "today": figs.today.isoformat() if figs.today else None,
        },
        "n": figs.tiles.responses.n,
        "index": _tile_json(figs.tiles.index, lang),
        "csat_pct": _tile_json(figs.tiles.csat, lang),
        "nps": _tile_json(figs.tiles.nps, lang),
        "responses": _tile_json(figs.tiles.responses, lang),
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
                        # a dimension none of the responses answered: "no data" and why (never a gap of 0)
                        "no_data_reason": t("sat.no_data.dimension", lang) if not r.responses_n else None,
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


def dimension_names(figs: SatisfactionFigures, lang: str = "en") -> dict[tuple[str, int, str], str]:
    """Each instrument version's dimension names in ``lang``: (instrument code, version, dimension code) -> name,
    for ``text_summary`` (the JSON names dimensions by code)."""
    column = "dimension_name_zh" if lang == "zh" else "dimension_name_en"
    return {
        (s.instrument_code, s.version, str(code)): str(name)
        for s in figs.servqual
        if column in s.dimensions
        for code, name in zip(s.dimensions["dimension_code"], s.dimensions[column], strict=True)
        if isinstance(name, str) and name
    }


def text_summary(
    out: dict[str, Any], lang: str = "en", names: dict[tuple[str, int, str], str] | None = None
) -> str:
    """A few lines for people reading ``kpi satisfaction`` without --json, in ``lang`` (``out``: ``to_json`` in
    the same language; ``names``: ``dimension_names``, else the dimensions' codes)."""

    def fmt(v, spec=".1f"):
        if v is None:
            return "-"
        head, _, decimals = spec.rpartition(".")
        if decimals.endswith("f"):  # fixed decimals: the one rounding rule (half up)
            return fixed(v, int(decimals[:-1]), head)
        return format(v, spec)

    def line(label, tile, spec=".1f"):
        if tile.get("no_data_reason"):
            return t(
                "text.label_value",
                lang,
                label=label,
                value=t("kpi.caption.no_data", lang, reason=tile["no_data_reason"]),
            )
        change = ""
        if tile["change"] is not None:
            significant = t("sat.cli.significant", lang) if tile.get("significant") else ""
            change = t("sat.cli.change", lang, change=fixed(tile["change"], 1, "+"), significant=significant)
        return t(
            "sat.cli.tile", lang, label=label, value=fmt(tile["value"], spec), n=tile["n"], change=change
        )

    p = out["period"]
    lines = [
        t(
            "sat.cli.period",
            lang,
            start=p["from"],
            end=p["to"],
            previous_start=p["previous_from"],
            previous_end=p["previous_to"],
        ),
        line(t("sat.metric.index", lang), out["index"])
        + t("sat.cli.target", lang, target=fmt(out["index"]["target"], "g")),
        line(t("sat.cli.csat", lang), out["csat_pct"]),
        line(t("sat.cli.nps", lang), out["nps"], "+.1f"),
        t(
            "text.label_value",
            lang,
            label=t("sat.metric.responses", lang),
            # none: "no data: nothing to count", as the tile says it, never a bare 0
            value=t("kpi.caption.no_data", lang, reason=out["responses"]["no_data_reason"])
            if out["responses"]["no_data_reason"]
            else out["n"],
        ),
    ]
    if out["responses"].get("change_note"):  # why no change is shown, or that the period is in progress
        lines.insert(1, "  " + out["responses"]["change_note"])
    if not out["servqual"] and out["n"]:  # responses, but none with SERVQUAL answers
        lines.append("SERVQUAL: " + t("kpi.caption.no_data", lang, reason=t("sat.no_data.servqual", lang)))
    for s in out["servqual"]:
        lines.append(
            t(
                "sat.cli.servqual",
                lang,
                code=s["instrument_code"],
                version=s["instrument_version"],
                n=s["n"],
                unweighted=fmt(s["unweighted_score"], "+.2f"),
                weighted=fmt(s["weighted_score"], "+.2f"),
                source=t(f"sat.cli.weights.{s['weights_source']}", lang),
            )
        )
        for d in s["dimensions"]:
            name = (names or {}).get(
                (s["instrument_code"], s["instrument_version"], d["dimension"]), d["dimension"]
            )
            if d["no_data_reason"]:
                lines.append(f"  {name:<16} " + t("kpi.caption.no_data", lang, reason=d["no_data_reason"]))
                continue
            lines.append(
                "  "
                + t(
                    "sat.cli.dimension",
                    lang,
                    dimension=f"{name:<16}",
                    e=fmt(d["mean_expectation"], ".2f"),
                    p=fmt(d["mean_perception"], ".2f"),
                    gap=fmt(d["gap"], "+.2f"),
                    n=d["n"],
                )
            )
    return "\n".join(lines)
