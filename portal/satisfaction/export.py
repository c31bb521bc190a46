"""The Satisfaction figures as JSON and as a few lines of text (``kpi satisfaction``)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from portal.i18n import t
from portal.kpi import Figure
from portal.satisfaction.figures import SatisfactionFigures


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


def _tile_json(fig: Figure) -> dict[str, Any]:
    out = {
        "value": _clean(fig.value),
        "n": fig.n,
        "previous_value": _clean(fig.previous_value),
        "previous_n": fig.previous_n,
        "change": _clean(fig.change),
    }
    # what the change is against (portal.kpi.Comparison), as every figure's JSON says it
    out |= {
        k: v for k, v in fig.to_json().items() if k in ("previous_covered_from", "in_progress", "change_note")
    }
    if fig.key != "responses":
        out |= {
            "p_value": _clean(fig.p_value, 6),
            "significant": bool(fig.significant),
            "target": _clean(fig.target),
            "low_confidence": fig.low_confidence,
            # why there is no value (kpi.NONE_IN_PERIOD: nothing to count), as the complaint KPI JSON says it
            "no_data_reason": t(fig.reason, "en") if fig.reason else None,
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
            # as kpi complaints: the zone whose days the period counts, and the day taken as today in it
            "timezone": f.timezone,
            "today": figs.today.isoformat() if figs.today else None,
        },
        "n": figs.tiles.responses.n,
        "index": _tile_json(figs.tiles.index),
        "csat_pct": _tile_json(figs.tiles.csat),
        "nps": _tile_json(figs.tiles.nps),
        "responses": _tile_json(figs.tiles.responses),
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
        if tile.get("no_data_reason"):
            return f"{label}: " + t("kpi.caption.no_data", "en", reason=tile["no_data_reason"])
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
    if out["responses"].get("change_note"):  # why no change is shown, or that the period is in progress
        lines.insert(1, "  " + out["responses"]["change_note"])
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
