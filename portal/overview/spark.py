"""Sparklines as text: a figure's complete weeks as block characters (▁▂▃▄▅▆▇█), a gap where a week has no data.

Drawn in a tile's caption instead of a chart: twenty small charts were most of what the browser did to draw
the landing page (issue 13: under 1.5 s warm), and a text line shows a week without data as a gap, not as 0.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

BLOCKS = "▁▂▃▄▅▆▇█"
GAP = "·"


def sparkline(values: Sequence[float | None]) -> str:
    """One character per value, scaled between the values' min and max (all equal: the middle block)."""
    known = [float(v) for v in values if v is not None and not math.isnan(float(v))]
    if not known:
        return ""
    low, high = min(known), max(known)
    out = []
    for v in values:
        if v is None or math.isnan(float(v)):
            out.append(GAP)
        elif high == low:
            out.append(BLOCKS[3])
        else:
            out.append(BLOCKS[min(len(BLOCKS) - 1, int((float(v) - low) / (high - low) * len(BLOCKS)))])
    return "".join(out)
