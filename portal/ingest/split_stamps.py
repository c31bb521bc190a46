"""A stamp split over two columns: a date column and a time-of-day column beside it (受理日期 + 受理时刻
"14:03:27", "Date Received" + "Time Received").

The pair is part of the column mapping: the stamp field maps to the date column as usual, and the key
``time_key(field)`` (``received_at+time``) to the time column, so a saved mapping and a batch's recorded mapping
hold it. Before the stamps are read the two are joined column-wide into one text, ``<date> <time>``, which the
stamp parser (``portal.ingest.stamps``) reads as any stamp with a time. A blank time keeps the row's date alone (a
date-only stamp, as before); a time that is no time of day is the row's error, naming the time column. A date cell
that holds a time of its own (``2026-03-01 08:00``, ``2026-03-01T08:00:00+08:00``) is kept as it is; the time
column beside it must then give the same time, or the row's error names both columns. A date-and-time cell at
midnight without a zone (an Excel date-time cell of a date, ``2026-03-02 00:00:00``) is a date the time completes.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from portal.ingest.cells import PLACEHOLDERS, as_arrow, clean_cells
from portal.ingest.errors import ErrorLog, values_detail
from portal.ingest.stamp_patterns import AMPM1, AMPM2, ZH_DAY_PARTS, ZH_NIGHT
from portal.ingest.stamp_regex import extract
from portal.ingest.stamps import day_part_hours, parse_timestamps

TIME_SUFFIX = "+time"
NOT_A_TIME = "ingest.error.not_a_time_of_day"
TWO_TIMES = "ingest.error.two_times_of_day"

# 14:03, 14:03:27, 14:03:27.5, 2:03 PM, 下午 2:03, 14时03分, 14点03分27秒
TIME_OF_DAY = (
    r"^" + AMPM1 + r"?\s*(?P<H>\d{1,2})"
    r"(?::(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d{1,9}))?)?|[时点](?P<M2>\d{1,2})分(?:(?P<S2>\d{1,2})秒)?"
    r"|[时点]整?)"  # a whole hour: 下午3点, 晚上12点, 9点整
    r"\s*" + AMPM2 + r"?$"
)
_MAYBE_TIME = r"[0-9](?::[0-9]|[时点])"  # what every time of day holds
# a time of day as every stamp form reads it after a date, kept as it is: 9:30, 14:03, 14:03:27, 14:03:27.5
_PLAIN_TIME = r"^(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:[.,][0-9]{1,9})?)?$"
_HMS = r"^(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}(?:\.\d{1,9})?))?$"
# a stamp's own time of day after its date (2026-03-01 08:00, 2026-03-01T08:00:00+08:00, 2026年3月1日 下午2:03):
# the date, the time (as TIME_OF_DAY reads it) and what follows it (a zone)
_STAMP_TIME = (
    r"^(?P<date>.*?)(?:\s*T\s*|\s*)"
    r"(?P<time>(?:"
    + "|".join(ZH_DAY_PARTS)
    + r")?\s*\d{1,2}(?::\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?|[时点]\d{1,2}分"
    r"(?:\d{1,2}秒)?|[时点]整?)(?:\s*(?:[AaPp]\.?[Mm]\.?|上午|下午))?)\s*(?P<zone>.*)$"
)


def time_key(field_name: str) -> str:
    """The mapping key of a stamp field's time-of-day column: ``received_at+time``."""
    return field_name + TIME_SUFFIX


def stamp_field(key: str) -> str | None:
    """The stamp field a mapping key gives the time of (``received_at+time`` -> ``received_at``), else None."""
    return key[: -len(TIME_SUFFIX)] if key.endswith(TIME_SUFFIX) else None


def times_of_day(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The cells (cleaned, non-blank) as times every stamp form reads after a date (24-hour ``H:MM[:SS[.f]]``),
    and which of them are no time of day (a text, an hour past 23, a minute past 59). Column-wide: a cell already
    so written is kept as it is (one regex over the column: a million times of day in well under a second); the
    others (2:03 PM, 下午 2:03, 14时03分) are taken apart by one more regex and written so."""
    plain = pc.fill_null(pc.match_substring_regex(as_arrow(cells), _PLAIN_TIME), False)
    plain = plain.to_numpy(zero_copy_only=False).astype(bool)
    normal = cells.astype(str)
    bad = pd.Series(False, index=cells.index)
    if plain.all():
        return normal, bad
    # only a cell with a digit, a separator and a digit may be another time of day (2:03 PM, 14时03分)
    maybe = pc.fill_null(pc.match_substring_regex(as_arrow(cells), _MAYBE_TIME), False)
    maybe = maybe.to_numpy(zero_copy_only=False).astype(bool)
    bad[~plain & ~maybe] = True
    normal[~plain & ~maybe] = ""
    rest = cells[~plain & maybe].astype(str)
    if rest.empty:
        return normal, bad
    m = extract(rest, TIME_OF_DAY)
    hour = pd.to_numeric(m["H"], errors="coerce")
    minute = pd.to_numeric(m["M"].fillna(m["M2"]), errors="coerce")
    minute = minute.where(hour.isna() | minute.notna(), 0)  # 3点, 9点整: a whole hour
    second = pd.to_numeric(m["S"].fillna(m["S2"]).fillna("0"), errors="coerce")
    ampm = m["ampm1"].fillna(m["ampm2"]).fillna("").str.lower().str.replace(".", "", regex=False)
    twelve, hour24 = day_part_hours(hour, ampm)
    ok = (
        hour.notna()
        & ((twelve & hour.between(1, 12)) | (~twelve & hour.between(0, 23)))
        & (minute < 60)
        & (second < 60)
    ).fillna(False)
    hour = hour24
    parts = [v.fillna(0).astype("int64").astype(str).str.zfill(2) for v in (hour, minute, second)]
    text = parts[0] + ":" + parts[1] + ":" + parts[2] + ("." + m["f"]).fillna("")
    # 晚上12:00 (夜里12点) as 晚上12:MM:SS: the stamp parser (stamps.day_part_hours) moves it to the next day's midnight
    text = text.where(
        ~hour.eq(24).fillna(False).astype(bool), ZH_NIGHT[0] + "12:" + parts[1] + ":" + parts[2]
    )
    normal[rest.index] = text.where(ok, "")
    bad[rest.index] = ~ok.to_numpy(dtype=bool)
    return normal, bad


def time_share(values: list[str]) -> float:
    """The share of these (non-blank) cells that are times of day (0 without any cell)."""
    if not values:
        return 0.0
    _, bad = times_of_day(pd.Series(values, dtype=object).astype(str).str.strip())
    return 1 - float(bad.mean())


def time_columns(frame: pd.DataFrame, headers, rows: int = 1000, mostly: bool = False) -> list[str]:
    """The columns of ``frame`` whose first ``rows`` cells hold times of day only (blanks and placeholders such as
    N/A aside), or with ``mostly`` more than half of them (the ones the form offers: a few bad times are the rows'
    errors): the columns a stamp's time may be taken from."""
    out = []
    for h in headers:
        cells = frame[h].iloc[:rows].dropna().astype(str)
        if not pc.any(pc.match_substring_regex(as_arrow(cells), _MAYBE_TIME)).as_py():
            continue  # (most columns: one regex over their cells tells that none is a time of day)
        # placeholders left out among the distinct cells (casefold has no pyarrow kernel: a Python call a cell)
        distinct = [c for c in pd.unique(cells.str.strip()) if c != "" and c.casefold() not in PLACEHOLDERS]
        share = time_share(distinct)
        if share == 1 or (mostly and share > 0.5):
            out.append(h)
    return out


def only_dates(values: list[str]) -> bool:
    """Every one of these (non-blank) cells is a date without a time of day (not even midnight) that a time after
    it completes, and there is one at least: a column a time column can complete (a compact ``20250210`` or an
    Excel serial ``46341`` is a date that cannot be followed by ``14:03``)."""
    if not values:
        return False
    cells = pd.Series(values, dtype=object).astype(str)
    read = parse_timestamps(cells, "UTC")
    if read.bad.any() or not read.date_only.all() or read.naive_timed:
        return False
    return not bool(parse_timestamps(cells + " 12:00:00", "UTC").bad.any())


def seconds_of_day(normal: pd.Series) -> pd.Series:
    """Times of day as ``times_of_day`` writes them (``H:MM[:SS[.f]]``) in seconds after midnight, column-wide
    (NaN for a blank)."""
    text = pc.replace_substring(as_arrow(normal), ",", ".")
    parts = pc.extract_regex(text, _HMS)
    fields = [pc.struct_field(parts, g) for g in ("H", "M", "S")]  # a group left out: "" (a blank: null)
    hms = [
        pc.cast(pc.if_else(pc.equal(f, ""), pa.scalar(None, pa.string()), f), pa.float64()) for f in fields
    ]
    seconds = pc.add(pc.add(pc.multiply(hms[0], 3600), pc.multiply(hms[1], 60)), pc.fill_null(hms[2], 0))
    return pd.Series(seconds.to_numpy(zero_copy_only=False), index=normal.index, dtype="float64")


def own_times(cells: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Of date cells (cleaned): which hold a time of day of their own; for those whose time reads, its seconds
    after midnight (else NaN), and the cell as a date to complete where that time is a midnight without a zone
    (an Excel date-time cell of a date: ``2026-03-02 00:00:00`` -> ``2026-03-02``; else None). Column-wide."""
    timed = pc.fill_null(pc.match_substring_regex(as_arrow(cells), _MAYBE_TIME), False)
    timed = pd.Series(timed.to_numpy(zero_copy_only=False).astype(bool), index=cells.index)
    seconds = pd.Series(float("nan"), index=cells.index)
    date = pd.Series(None, index=cells.index, dtype=object)
    if not timed.any():
        return timed, seconds, date
    m = extract(cells[timed].astype(str), _STAMP_TIME)
    found = m["time"].notna() & (m["date"].fillna("").str.strip() != "")
    normal, bad = times_of_day(m["time"].where(found, "").fillna("").str.strip())
    read = found & ~bad
    seconds[m.index] = seconds_of_day(normal.where(read, "")).where(read)
    midnight = read & (seconds[m.index] == 0) & (m["zone"].fillna("") == "")
    date[m.index] = m["date"].str.strip().where(midnight, None)
    return timed, seconds, date


def join_times(
    frame: pd.DataFrame, text: pd.DataFrame, pairs: dict[str, tuple[str, str]], errors: ErrorLog
) -> pd.DataFrame:
    """``text`` (the mapped cells under field names) with each paired stamp field's date joined to its time of
    day (``pairs``: field -> the file's date and time columns): ``2026-11-10`` and ``14:03:27`` ->
    ``2026-11-10 14:03:27``. A blank time (or a blank date) leaves the cell as it was; a time that is no time of
    day is an error of its row, in the time column, and the date is left alone. A date cell with a time of its
    own is left as it is (its midnight without a zone is a date the time completes); a time beside it that is
    not the same time of day is an error of its row, in the time column, naming both columns."""
    if not pairs:
        return text
    for field_name, (date_column, column) in pairs.items():
        dates = text[field_name].fillna("").astype(str)
        date_clean, _ = clean_cells(dates)
        time_clean, _ = clean_cells(frame[column].fillna("").astype(str))
        both = (date_clean != "") & (time_clean != "")
        if not both.any():
            continue
        # (a blank beside a date is read as a plain time and left out: positional masks, no label look-ups)
        normal, bad = times_of_day(time_clean.where(both, "0:00"))
        bad = bad & both
        errors.add(text.index[bad.to_numpy(dtype=bool)], column, NOT_A_TIME, frame[column])
        read = both & ~bad
        timed, seconds, midnight_date = own_times(date_clean.where(read, ""))
        if timed.any():  # a date cell with a time of its own: kept, unless a midnight without a zone
            date_clean = date_clean.where(midnight_date.isna(), midnight_date)
            timed = timed & midnight_date.isna()
            given = seconds_of_day(normal[timed])
            differ = seconds[timed].notna() & (seconds[timed] != given)
            detail = values_detail(date_column=date_column, time_column=column)
            errors.add(
                differ.index[differ.to_numpy(dtype=bool)], column, TWO_TIMES, frame[column], detail=detail
            )
            read = read & ~timed
        text[field_name] = text[field_name].where(~read, date_clean + " " + normal)
    return text


def pairs_of(chosen: dict[str, str | None], fields: set[str], headers) -> dict[str, tuple[str, str]]:
    """The stamp fields of ``fields`` (mapped ones) given a time column of the file in ``chosen``: field -> its
    date column and its time column."""
    present = set(headers)
    out = {}
    for key, column in chosen.items():
        field_name = stamp_field(key)
        if field_name in fields and column and column in present:
            out[field_name] = (chosen[field_name], column)
    return out
