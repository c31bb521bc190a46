"""Durations as exports write them (a ``duration`` field: the time from a complaint's receipt to its first response
or resolution), read to the exact microsecond: a number whose unit the column's header gives (首响时长(秒) 5400,
处理时长(分钟), "First reply time in minutes"), units written in the cell (1小时23分, 2天3小时, 1.5小时, "1h 23m",
"2 days 3 hours"), a clock (01:23:00, 30:00:05: hours, minutes, seconds), days before a clock (pandas' "2 days
03:20:00", Python's "1 day, 2:00:00") or ISO 8601 (PT45M, P1DT2H). Decimal arithmetic: 0.1 h is 360 s,
never 359.999. Nothing here imports streamlit."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import pandas as pd

from portal.ingest.header_words import header_words

MICROS = {"day": 86_400_000_000, "hour": 3_600_000_000, "minute": 60_000_000, "second": 1_000_000}
ORDER = ("day", "hour", "minute", "second")
# a unit's spellings, in a cell or as a word of the header (a header's Chinese run is one word: 首响时长(秒)
# is 首响时长 and 秒)
_UNIT_WORDS = {
    "day": ("天", "日", "d", "day", "days", "天数"),
    "hour": ("小时", "时", "h", "hr", "hrs", "hour", "hours"),
    "minute": ("分钟", "分", "m", "min", "mins", "minute", "minutes"),
    "second": ("秒", "秒钟", "s", "sec", "secs", "second", "seconds"),
}
_UNIT_OF = {w: unit for unit, words in _UNIT_WORDS.items() for w in words}
_NUMBER = r"\d+(?:\.\d+)?"
# longest spellings first, so that 分钟 is not read as 分 and "minutes" not as "m"
_UNIT_RE = "|".join(sorted(map(re.escape, _UNIT_OF), key=len, reverse=True))
_PART = re.compile(rf"\s*({_NUMBER})\s*({_UNIT_RE})(?![a-z])\s*")
_PLAIN = re.compile(rf"\s*({_NUMBER})\s*")
_CLOCK = re.compile(r"\s*(\d+):([0-5]\d):([0-5]\d(?:\.\d+)?)\s*")
# days before a clock, as pandas ("2 days 03:20:00") and Python ("1 day, 2:00:00") print a duration
_DAYS_CLOCK = re.compile(r"\s*(\d+)\s*days?,?\s+(\d+):([0-5]\d):([0-5]\d(?:\.\d+)?)\s*")
# ISO 8601's duration (P1DT2H30M, PT45M, PT1H0.5S): days, then after T hours, minutes, seconds; no years or
# months (their length varies), none given at all is none
_ISO_DURATION = re.compile(
    r"\s*p(?:(\d+(?:\.\d+)?)d)?(?:t(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?)?\s*"
)

NOT_A_DURATION = "not_a_duration"
NO_UNIT = "duration_no_unit"


# a unit as a header words it around: 以小时为单位, 按分钟计, 分钟数, 日历分钟数 (Zendesk's calendar minutes; a probe's
# headers said "no unit" though they name one)
_AROUND = re.compile(r"^(?:以|按)?(?:日历|自然)?(.+?)(?:为单位|计|数)?$")


def header_unit(header: str) -> str | None:
    """The one unit the column's header names (秒, minutes, hrs, 分钟数, 以小时为单位 ...), or None (none, or more
    than one)."""
    # 分数 is a score, not a number of minutes (分钟数)
    words = [m.group(1) if (m := _AROUND.match(w)) else w for w in header_words(header) if w != "分数"]
    units = {_UNIT_OF[w] for w in words if w in _UNIT_OF}
    return units.pop() if len(units) == 1 else None


def _micros(number: str, unit: str) -> int:
    return int((Decimal(number) * MICROS[unit]).to_integral_value())


def read_one(cell: str, unit: str | None) -> tuple[int | None, str | None]:
    """One cell: (microseconds, None), or (None, why it is no duration)."""
    text = cell.strip().casefold()
    try:
        if _PLAIN.fullmatch(text):
            return (None, NO_UNIT) if unit is None else (_micros(text, unit), None)
        clock = _CLOCK.fullmatch(text)
        if clock:
            h, m, s = clock.groups()
            return _micros(h, "hour") + _micros(m, "minute") + _micros(s, "second"), None
        days = _DAYS_CLOCK.fullmatch(text)
        if days:
            d, h, m, s = days.groups()
            return _micros(d, "day") + _micros(h, "hour") + _micros(m, "minute") + _micros(s, "second"), None
        iso = _ISO_DURATION.fullmatch(text)
        if iso and any(iso.groups()) and not text.strip().endswith("t"):
            parts = zip(iso.groups(), ("day", "hour", "minute", "second"), strict=True)
            return sum(_micros(n, unit) for n, unit in parts if n is not None), None
        total, pos, last = 0, 0, -1
        while pos < len(text):
            part = _PART.match(text, pos)
            if part is None or part.end() == pos:
                return None, NOT_A_DURATION
            rank = ORDER.index(_UNIT_OF[part.group(2)])
            if rank <= last:  # each unit once, the largest first (23分1小时 is no duration)
                return None, NOT_A_DURATION
            total, pos, last = total + _micros(part.group(1), ORDER[rank]), part.end(), rank
        return (total, None) if last >= 0 else (None, NOT_A_DURATION)
    except InvalidOperation:
        return None, NOT_A_DURATION


def parse(cells: pd.Series, header: str) -> tuple[pd.Series, pd.Series]:
    """Each non-blank cell of a duration column under ``header``: its microseconds (Int64, NA where blank or no
    duration) and why a cell is none (``NOT_A_DURATION``, ``NO_UNIT``: a bare number under a header without a
    unit; None elsewhere). Computed once per distinct cell."""
    unit = header_unit(header)
    codes, uniques = pd.factorize(cells.fillna("").astype(str))
    read = [read_one(c, unit) if c.strip() else (None, None) for c in uniques]
    micros = pd.array([r[0] for r in read] + [None], dtype="Int64")
    why = pd.array([r[1] for r in read] + [None], dtype=object)
    return (
        pd.Series(micros[codes], index=cells.index),
        pd.Series(why[codes], index=cells.index, dtype=object),
    )
