"""The one rounding rule of every figure the portal shows (tiles, tables, cards, exports, JSON, the brief): half up,
away from zero, on the number as written in decimals (its shortest repr): 84.25 -> 84.3, 0.125 -> 0.13,
-0.125 -> -0.13, 12.5 -> 13, and 84.35 -> 84.4 although the double nearest 84.35 lies a little below it.

SPEC.md and STYLE.md name no rule; half up is the one a reader checks a figure with by hand (and Excel's, DuckDB's
``round`` and the browser's number formatting in a table column round exact halves the same way). Python's
``round``, its format specs (``f"{v:.1f}"``) and pandas / numpy ``round`` round a half to even on the double:
84.25 showed as 84.2 on a tile and 84.3 in a table column formatted by the browser, 0.125 as 0.12.

``half_up(value, digits)`` rounds a number (None and NaN stay as they are), ``half_up_all`` the float columns of a
Series or DataFrame, ``fixed`` formats a number with ``digits`` decimals after rounding it by the rule.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np
import pandas as pd

# how near a half (relative to the scaled value) half_up_all hands a value to half_up: far above the ~1e-16 relative
# error of the double product, far below any decimal a figure holds
_NEAR_HALF = 1e-9


def half_up(value: Any, digits: int = 0) -> Any:
    """``value`` rounded to ``digits`` decimals, a half away from zero, as a float (None, NaN, infinities: as
    they are)."""
    if value is None:
        return None
    number = float(value)
    if not math.isfinite(number):
        return number
    rounded = float(Decimal(repr(number)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))
    return rounded + 0.0  # -0.0 -> 0.0


def half_up_all(values: pd.Series | pd.DataFrame, digits: int = 0) -> pd.Series | pd.DataFrame:
    """``half_up`` over the float columns of a Series or DataFrame (others, e.g. text or whole numbers, as they
    are); missing values stay missing."""
    if isinstance(values, pd.DataFrame):
        out = values.copy()
        for position in range(out.shape[1]):
            out.isetitem(position, half_up_all(out.iloc[:, position], digits))
        return out
    if not pd.api.types.is_float_dtype(values.dtype):
        return values
    # vectorised: numpy's rint (half to even, on the double) agrees with the rule wherever the scaled value is not
    # near a half, and k / 10**digits is the double nearest the decimal k·10^-digits, as float(Decimal) gives; a value
    # near a half (within far more than the product's rounding error) goes through half_up on its repr. A Decimal per
    # cell cost ~90 ms per 31k values of a big export.
    numbers = values.to_numpy(dtype=float, na_value=np.nan)
    scale = 10.0**digits
    scaled = numbers * scale
    with np.errstate(invalid="ignore"):
        near = np.abs(np.abs(scaled - np.trunc(scaled)) - 0.5) <= _NEAR_HALF * np.maximum(1.0, np.abs(scaled))
    out = np.rint(scaled) / scale + 0.0  # -0.0 -> 0.0
    for at in np.flatnonzero(near):
        out[at] = half_up(numbers[at], digits)
    return pd.Series(out, index=values.index, name=values.name).astype(values.dtype)


def fixed(value: float, digits: int, spec: str = "") -> str:
    """``value`` with ``digits`` decimals after ``half_up``; ``spec``: what goes before the precision in a format
    spec (``"+"`` a sign, ``","`` thousands, ``"+,"`` both): ``fixed(84.25, 1) == "84.3"``."""
    return f"{half_up(value, digits):{spec}.{digits}f}"
