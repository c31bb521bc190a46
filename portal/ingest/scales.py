"""The rating scale a column is on, as its header states it (``（1-7分）``, ``(0-10)``, ``7分制``, ``10-point
scale``, a legend ``（1=满意 2=一般 3=不满意）``) or its answers show it (several above the field's top): a column on another scale than its field's is
refused as a whole, never row by row (a probe: a 1-7 satisfaction column lost its 6s and 7s per row, and with
"skip invalid rows" its 5s were stored as 5 of 5). A score on 0-100 (a QA review's) is refused the same way when its
header states a small scale or its scores show one (``smaller_scale``: a QA probe's 0.85 and 4.5 of 5 were stored as
0.85 and 4.5 of 100)."""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

# "1-7", "（0-10分）", "1~10", "1 to 7": the low end 0 or 1, not part of a longer number or word ("Q1-7", "2020-10")
_RANGE = re.compile(r"(?<![a-z0-9.])([01])\s*(?:-|–|—|~|～|至|到|to)\s*(\d{1,3})(?![0-9.])")
# "7分制", "7点量表", "10级量表", "7-point scale", "满分10分", "out of 10", "(10分)" (the brackets hold nothing
# else), "/10" at the end, "百分制": the top only (a helper's probe: 满意度（10分） and 满意度(0-100) over a 1-5 field
# were stored as given)
_TOP = re.compile(
    r"(?<![0-9.])(\d{1,3})\s*(?:分制|点量表|级量表|分量表|-?\s*points?\s+scale|-point)"
    r"|满分\s*(\d{1,3})(?![0-9.])|out of\s*(\d{1,3})(?![0-9.])"
    r"|\(\s*(\d{1,3})\s*分\s*\)|(?<![0-9])(?<![0-9] )/\s*(\d{1,3})\s*分?\s*$|(百)分制"
)
_HUNDRED = {"百": 100}
# a legend of the options, "1=满意 2=一般 3=不满意", "5: very satisfied ... 1: very dissatisfied": each a number
# (not part of a longer number or word: "Q1=") with = or : and a word
_LEGEND = re.compile(r"(?<![a-z0-9.])(\d{1,2})\s*[=:]\s*[^\d\s=:,;、()][^\d=:,;、()]*")
TOP_SCALE = 10  # the largest rating scale surveys use (0-10 and 1-10): answers beyond it are no scale
MIN_BEYOND = 2  # answers above the field's top that show another scale (one alone is that row's error)
SMALL_SCALES = (1, 5, 10)  # what a 0-100 score is exported on instead: a fraction, 5 and 10 points


def header_scale(header: str) -> tuple[int | None, int, str] | None:
    """The scale a header states: (low end or None when it names the top only, top, the words that say it)."""
    text = unicodedata.normalize("NFKC", str(header)).casefold()
    m = _RANGE.search(text)
    if m and int(m.group(1)) < int(m.group(2)) <= 100:
        return int(m.group(1)), int(m.group(2)), m.group(0).strip()
    m = _TOP.search(text)
    if m:
        found = next(g for g in m.groups() if g)
        top = _HUNDRED.get(found) or int(found)
        if 2 <= top <= 100:
            return None, top, m.group(0).strip()
    # a legend (a helper's probe: "总体满意度（1=满意 2=一般 3=不满意）" over a 1-5 field was stored as it came, every
    # satisfied customer a 1): its numbers' span, said by its first and last options. Only within brackets (a
    # question's number before them, "题目8:" or "Question 7:", is no option) and from 0 or 1 (a QA form's grades
    # "90:优秀 80:良好" are no scale of options: a review)
    inside = text[text.index("(") :] if "(" in text else ""
    legend = list(_LEGEND.finditer(inside))
    numbers = {int(m.group(1)) for m in legend}
    if len(numbers) >= 2 and min(numbers) <= 1:
        ends = sorted(legend, key=lambda m: int(m.group(1)))
        words = f"{ends[0].group(0).strip()} … {ends[-1].group(0).strip()}"
        return min(numbers), max(numbers), words
    return None


def other_header_scale(header: str, low: float, high: float) -> str | None:
    """The words of a header that put its column on another scale than ``low``-``high`` (a top of its own, or a
    low end below ``low``: 1-10 for a 0-10 score is the same answers), else None."""
    found = header_scale(header)
    if found is None:
        return None
    lo, hi, words = found
    return words if hi != high or (lo is not None and lo < low) else None


def answers_beyond(number: pd.Series, low: float, high: float) -> tuple[int, int] | None:
    """How many answers are whole numbers above ``high`` up to ``TOP_SCALE``, and the largest, when there are
    enough of them (``MIN_BEYOND``) to show the column is on a larger scale; else None."""
    if high >= TOP_SCALE:
        return None
    values = pd.to_numeric(number, errors="coerce").astype("float64")
    whole = values.notna() & (values == np.floor(values.fillna(0)))
    beyond = whole & (values > high) & (values <= TOP_SCALE)
    if int(beyond.sum()) < MIN_BEYOND:
        return None
    return int(beyond.sum()), int(values[beyond].max())


def option_numbers(number: pd.Series, low: float, high: float) -> int | None:
    """How many answers are ``high + 1`` when a column of a ``0``-``high`` question shows its options numbered from
    1 (问卷星 "按选项序号下载": 0分 is option 1, 10分 option 11): at least ``MIN_BEYOND`` answers of ``high + 1``,
    none above it and none ``0``, every answer whole; else None. Read as they are, every answer is one point too
    high (a 6, a detractor, stored as 7) and only the top option is refused, row by row."""
    if low != 0 or not float(high).is_integer():
        return None
    values = pd.to_numeric(number, errors="coerce").astype("float64").dropna()
    if values.empty or (values != np.floor(values)).any():
        return None
    n = int((values == high + 1).sum())
    if n < MIN_BEYOND or values.max() > high + 1 or values.min() < 1:
        return None
    return n


def none_above(number: pd.Series, top: int, min_answers: int) -> int | None:
    """How many answers a column has when there are at least ``min_answers`` and none is above ``top`` (a 0-10
    question whose answers look like a 1-5 one's: a notice, not a refusal, since a bad store's answers are low
    too); else None."""
    values = pd.to_numeric(number, errors="coerce").dropna()
    if len(values) < min_answers or float(values.max()) > top:
        return None
    return len(values)


def smaller_scale(number: pd.Series, high: float) -> tuple[int, int, float] | None:
    """The small scale (0-1, 0-5 or 0-10) a column of scores meant on 0-``high`` (a 0-100 QA score) shows it is
    on instead: every score at most ``TOP_SCALE`` and at least ``MIN_BEYOND`` of them above 0 (a review or two
    failed to 0 is no scale) -> (the scale's top, how many scores, the largest); else None."""
    if high <= TOP_SCALE:
        return None
    values = pd.to_numeric(number, errors="coerce").astype("float64").dropna()
    if int((values > 0).sum()) < MIN_BEYOND or values.min() < 0 or values.max() > TOP_SCALE:
        return None
    most = float(values.max())
    return next(top for top in SMALL_SCALES if most <= top), len(values), most


WJX_SKIP_CODES = (-2, -3)  # 问卷星: a question skipped (-2), one not shown by the survey's logic (-3)
SPSS_MISSING_CODES = (-1, -2, -3, -9, -99, 999)  # SPSS-style "no answer" codes


def skip_codes(number: pd.Series, low: float, high: float) -> pd.Series:
    """The answers that are a survey tool's code for no answer, not an answer out of range: 问卷星's -2 and -3
    always; the SPSS-style codes (-1, -9, -99, 999) only when no other answer of the column is out of
    ``low``-``high`` (beside other wrong values they may be wrong answers too)."""
    values = pd.to_numeric(number, errors="coerce").astype("float64")
    out = values.notna() & ((values < low) | (values > high))
    spss = out & values.isin(SPSS_MISSING_CODES)
    codes = out & values.isin(WJX_SKIP_CODES)
    if not (out & ~spss).any():
        codes = codes | spss
    return codes


def header_max_agreement(
    header: str, low: float, high: float, number: pd.Series, maxima: pd.Series
) -> tuple[str, int, list[float]] | bool | None:
    """A score column whose header states another scale than ``low``-``high`` (``得分（满分10分）``) beside the
    scores' own maxima (``maxima``: each row's max score column, NaN where none): True when every score has one and
    each is the header's top (the rows are read out of it, the header saying the same); (the header's words, how
    many scores, the maxima) when some give another top than the header's: which is meant cannot be told; None
    otherwise (no such header, or scores without a max of their own: the header decides, as before)."""
    words = other_header_scale(header, low, high)
    found = header_scale(header)
    if words is None or found is None:
        return None
    top = float(found[1])
    given = pd.to_numeric(number, errors="coerce").notna()
    own = pd.to_numeric(maxima, errors="coerce").astype("float64").where(given)
    own = own.where(own > 0)
    other = own.notna() & own.ne(top)
    if other.any():
        return words, int(other.sum()), sorted(own[other].unique().tolist())
    return bool(given.any()) and bool(own.notna()[given].all()) or None
