"""Reading the timestamps of a file, column-wide: the formats real exports hold, the d/m/y order and the
date-only (all midnight) rule, decided for a whole file or, for a file read in chunks, kept file-wide
(``Decisions``).

Timestamps (``parse_timestamps``) accept what real exports hold:
- ISO ``2026-03-01 09:30[:00[.ffffff]]``, with ``T``, with ``/`` or ``.`` between the date parts, with an
  explicit offset (``Z``, ``UTC``, ``GMT``, ``+08:00``, ``+0800``) — an offset wins over the source time zone;
  an offset after any family's stamp in brackets (``(GMT+08:00)``, ``(UTC+08:00)``: Windows' zone names) or
  followed by its zone's name (``GMT+0800 (China Standard Time)``: JavaScript) is read alike, the name not;
- Java's ``Date.toString()`` of a GMT zone, ``Tue Nov 03 21:15:00 GMT+08:00 2026`` (not of a zone's letters);
- US ``3/1/2026 9:30:00 AM`` (month first, 12-hour with AM/PM, or 24-hour without); day first
  (``13/11/2026``, ``01.03.2026``) when the file shows it or the dates are dotted (see ``day_first_in``); a
  two-digit year (``3/1/26 9:30``, ``11/5/26``) is 20YY, its order decided with the file's other dates;
- Oracle's defaults ``05-MAR-26``, ``05-MAR-26 09.05.00.000000 AM`` (with ``+08:00`` after it), ``05-MAR-2026 09:05:00``;
- Chinese ``2026年3月1日 9:30`` and ``2026/3/1 下午 2:30``;
- RFC 2822 (e-mail, RSS and many APIs) ``Tue, 10 Feb 2025 03:22:08 +0000``, with ``GMT``/``UT``/``UTC`` or an
  offset (a zone's letters, such as CST, are not read: US Central or China Standard Time?), the weekday and the
  seconds optional, the month's name short or long;
- US English, the month's name first (Excel's and Google Sheets' long dates): ``Nov 5, 2026``, ``November 5th,
  2026 2:30 PM``, ``Thursday, November 5, 2026`` (a QA probe's ``Nov 5, 2026`` was "not a date");
- Unix time (``cells.DIGIT_STAMP``): 10 digits (seconds, a fraction allowed) or 13 (milliseconds), always UTC;
- an Excel serial number (``cells.EXCEL_SERIAL``: a General-formatted cell, or a CSV saved from one), 20000 to
  79999: ``46341.91666666666`` is 2026-11-15 22:00 local time (to the second), a whole ``46341`` a date-only stamp;
- compact ``20250210032208``, ``20250210 032208``, ``20250210T032208Z`` (naive unless an offset is given) and
  ``20250210`` (a date-only stamp); digits that are none of these (``20251302``, an 11-digit number) are no
  stamp;
- date-only stamps (``2026-03-01``, ``3/1/2026``, ``2026年3月1日``, ``20250210``, ``10 Feb 2025``).
A naive stamp with a time is local time of the source time zone and is stored in UTC
(2026-03-01 09:30 in Asia/Shanghai -> 2026-03-01 01:30 UTC). A date-only stamp is kept as that calendar
date at 00:00, *not* shifted, with ``<field>_date_only`` true. A column whose every stamp is exactly
midnight (and carries no offset) comes from a date-only source: all its stamps are taken as date-only.
In a time zone with daylight saving, an hour that happens twice is read as the first (summer-time) one and
an hour that does not exist is moved forward.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from portal.ingest.cells import EXCEL_SERIAL, as_arrow
from portal.ingest.date_order import column_order, day_order, keep_earliest, order_note
from portal.ingest.stamp_patterns import _FAMILIES, _ISO, _MONTHS, _UNIX, _US, ZH_DAY_PARTS, ZH_NIGHT  # noqa: F401 - _ISO, _US: tests
from portal.ingest.stamp_plain import plain_iso
from portal.ingest.stamp_regex import extract

# a superset of the ASCII cells day_first_in reads: after what str.strip() drops, 1-2 digits and / or -
_DMY_LIKE = r"^[\t-\r\x1c-\x1f ]*[0-9]{1,2}[/-]"
_FAST_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d")
_FAST_LIKE = r"^[0-9]{4}-"  # what every fast format starts with (cells beyond ASCII are tried too)


def day_part_hours(hour: pd.Series, ampm: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(a 12-hour clock's mask, the hour on a 24-hour clock) of ``hour`` with what names the part of the day
    (``ampm``: am, pm, or a word of ``stamp_patterns.ZH_DAY_PARTS``): 9 pm and 晚上9 are 21, 12 am and 凌晨12 are 0,
    中午 keeps 11 and 12 and puts 1 on 13, 夜里 puts 6-11 on 18-23 and keeps 1-5; 晚上12 and 夜里12 are the midnight
    that ends the day, 24 (the caller moves it to the next day's 0; read as noon before); else as it is."""
    words = {
        part: [part, *(w for w, p in ZH_DAY_PARTS.items() if p == part)]
        for part in ("am", "pm", "noon", "night")
    }
    noon = ampm.isin(words["noon"])  # column-wide look-ups: a million stamps' hours in milliseconds
    night = ampm.isin(words["night"])  # 夜里 runs past midnight: 6-11 are evening hours, 1-5 the small ones
    pm = ampm.isin(words["pm"]) | (noon & hour.ne(11)) | (night & hour.between(6, 11))
    twelve = pm | noon | night | ampm.isin(words["am"])
    hour24 = hour.where(~twelve, (hour % 12) + pm.astype(int) * 12)
    return twelve, hour24.where(~(ampm.isin(ZH_NIGHT) & hour.eq(12)), 24)


# ---------------------------------------------------------------- timestamps
@dataclass
class ParsedStamps:
    utc: pd.Series  # datetime64[us], UTC (date-only: the date at 00:00, unshifted)
    date_only: pd.Series  # bool
    local_date: pd.Series  # datetime64[us] at midnight: the calendar date in the source time zone
    bad: pd.Series  # bool: non-blank and not a stamp
    future: pd.Series  # bool: after now (date-only: after today in the source time zone)
    midnight_column: bool = False  # every stamp was exactly midnight: taken as a date-only source
    order_note: str = ""  # d/m/y column: "dmy" read day first, "ambiguous" read month first, "" otherwise
    naive_count: int = 0  # stamps with a time and no zone: read in the source time zone (said in the preview)
    naive_timed: bool = False  # some stamp had a time and no zone (before the midnight rule)
    all_midnight: bool = (
        False  # ... and every such stamp was at midnight (what ``midnight_column`` is read from)
    )
    order_examples: dict[str, str] = field(default_factory=dict)  # the first cell showing each reading
    # naive times in a change of the clock of the zone they were read in (rows): one that does not exist (the
    # hour skipped in spring: read as the first time after it) or that happens twice (autumn: its first time)
    clock_change: list = field(default_factory=list)
    # each stamp as the file writes it (datetime64[us]): its wall-clock time before any zone or offset is applied
    # (what identifies a survey response of a file without ids the same whichever source zone is chosen)
    written: pd.Series | None = None


@dataclass
class Decisions:
    """The file-wide readings ``parse_fields`` takes from a whole file's columns, for a file read in chunks
    (``portal.ingest.stream``): given, they are used as they are; ``seen`` records what each chunk showed.

    - ``day_first``: the d/m/y order of every stamp column together (``day_order``); ``...`` = not given.
    - ``midnight``: per stamp field, whether its naive stamps are all at midnight (a date-only source).
    - ``alike_refused``, ``spellings``, ``decided`` (None: not given): id-less keys, spellings, ``Spool.decide``'s."""

    day_first: object = ...
    midnight: dict[str, bool] = field(default_factory=dict)
    column_day_first: dict[str, bool] = field(default_factory=dict)  # per stamp field (``_day_first``)
    seen: dict = field(default_factory=dict)
    alike_refused, spellings, decided = None, None, None  # (not dataclass fields: set by stream)


def _to_int(s: pd.Series) -> pd.Series:
    """The cells as numbers (NaN where not one). Cells of ASCII digits only (what RE2 extracts) are cast by
    pyarrow; any other text goes through ``pd.to_numeric`` as before."""
    if isinstance(s.dtype, pd.StringDtype) and s.dtype.storage == "pyarrow":
        text = as_arrow(s)
        if pc.all(pc.match_substring_regex(text, r"^[0-9]{1,18}$"), skip_nulls=True).as_py() is not False:
            number = pc.cast(text, pa.int64()).to_numpy(zero_copy_only=False)
            return pd.Series(number, index=s.index, dtype="float64").astype("Float64")
    return pd.to_numeric(s, errors="coerce").astype("Float64")


def _day_first(
    m: pd.DataFrame,
    file_day_first: bool | None = None,
    column_day_first: bool | None = None,
    seen: dict | None = None,
) -> tuple[pd.Series, str]:
    """Which day.month.year stamps are day first: dotted ones always (European); slashed or dashed ones
    when the file says so (``file_day_first``, from ``day_first_in``) or, without that, when the column
    shows it: a first part above 12 and no second part above 12. Else month first.
    Also the column's note: "dmy" (read day first), "ambiguous" (read month first, nothing tells) or "".
    A chunk of a file (``Decisions``) may be given the whole column's reading (``column_day_first``); what it
    showed goes to ``seen`` (``column_order``)."""
    first, second = _to_int(m["m"]), _to_int(m["d"])
    slashed = m["sep"] != "."
    shown = {
        "first_big": bool((first[slashed] > 12).any()),
        "second_big": bool((second[slashed] > 12).any()),
        "differ": bool((first[slashed] != second[slashed]).any()),
        "slashed": bool(slashed.any()),
    }
    day_first = column_order(shown, file_day_first)
    if column_day_first is not None:
        day_first = column_day_first
    # the first cell (in row order) that shows each reading, quoted by the column's notice (``order_notice``)
    examples = {
        "dmy": _first_label(slashed & (first > 12)),
        "ambiguous": _first_label(slashed & (first != second)),
    }
    if seen is not None:
        seen.update(shown, used=day_first)
    return ~slashed | day_first, order_note(shown, day_first), examples


def _first_label(mask: pd.Series):
    return next(iter(mask.index[mask.fillna(False).to_numpy(dtype=bool)]), None)


def day_first_in(columns: list[pd.Series]) -> bool | None:
    """The day order of a file's slashed or dashed dates, taken over all its stamp columns together (a
    ticket's received and answered stamps come from one system): True when some first part is above 12 and
    no second part is, False when some second part is above 12, None when nothing tells."""
    return day_order(*day_order_evidence(columns))


def day_order_evidence(columns: list[pd.Series]) -> tuple[bool, bool]:
    """Whether some first part of a d/m/y-or-m/d/y date is above 12, and whether some second part is."""
    first_big = second_big = False
    for column in columns:
        column = column.astype(str)
        # only cells starting d/m/y-like, or not ASCII (Unicode digits), can tell: found column-wide
        text = as_arrow(column)
        candidate = pc.or_(pc.invert(pc.string_is_ascii(text)), pc.match_substring_regex(text, _DMY_LIKE))
        column = column[pc.fill_null(candidate, False).to_numpy(False)]
        m = extract(
            column.str.strip(), r"^(?P<first>\d{1,2})[/-](?P<second>\d{1,2})[/-]\d{2}"
        ).dropna()  # 26, 2026
        if m.empty:
            continue
        first_big |= bool((m["first"].astype(int) > 12).any())
        second_big |= bool((m["second"].astype(int) > 12).any())
    return first_big, second_big


def _parse_slow(
    values: pd.Series,
    file_day_first: bool | None = None,
    column_day_first: bool | None = None,
    seen: dict | None = None,
) -> pd.DataFrame:
    """Stamps the fast formats missed: local naive datetime, whether a time was given, offset minutes, and
    for d/m/y-or-m/d/y stamps which reading was taken (``order``: "dmy", "mdy", "" for the others)."""
    out = pd.DataFrame(
        {
            "local": pd.Series(pd.NaT, index=values.index, dtype="datetime64[us]"),
            "has_time": pd.Series(False, index=values.index),
            "offset_min": pd.Series(np.nan, index=values.index),
            "order": pd.Series("", index=values.index, dtype=object),
        }
    )
    rest = values
    for pattern in _FAMILIES:
        if rest.empty:
            break
        m = extract(rest, pattern)
        hit = m["y"].notna()
        if not hit.any():
            continue
        m = m[hit]
        rest = rest[~hit]
        if "mon" in m:  # a month's name (RFC 2822, US English)
            m["m"] = m["mon"].str.slice(0, 3).str.lower().map(_MONTHS)
        if "sep" in m:  # day and month may come either way round
            day_first, out.attrs["order_note"], labels = _day_first(m, file_day_first, column_day_first, seen)
            examples = out.attrs.setdefault("order_examples", {})  # note -> (row, cell): the earliest row
            keep_earliest(
                examples, ((n, (row, str(values.loc[row]))) for n, row in labels.items() if row is not None)
            )
            if seen is not None:
                seen["examples"] = examples
            month, day = m["m"].copy(), m["d"].copy()
            m["m"], m["d"] = month.where(~day_first, day), day.where(~day_first, month)
            out.loc[m.index, "order"] = np.where(day_first, "dmy", "mdy")
        hour = _to_int(m["H"]) if "H" in m else pd.Series(np.nan, index=m.index)
        has_time = hour.notna()
        ampm = pd.Series("", index=m.index, dtype=object)
        for g in ("ampm1", "ampm2"):
            if g in m:
                ampm = ampm.where(m[g].isna(), m[g].fillna("").str.lower().str.replace(".", "", regex=False))
        twelve, hour24 = day_part_hours(hour, ampm)
        hour_ok = ~has_time | (twelve & hour.between(1, 12)) | (~twelve & hour.between(0, 23))
        next_day = hour24.eq(24).fillna(False).astype(bool)  # 晚上12: the next day's midnight
        hour = hour24.where(~next_day, 0)
        minute = _to_int(m["M"]).fillna(0)
        second = _to_int(m["S"]).fillna(0) if "S" in m else pd.Series(0.0, index=m.index)
        frac = m["f"].fillna("").str.slice(0, 6).str.ljust(6, "0") if "f" in m else None
        micro = pd.to_numeric(frac, errors="coerce").fillna(0) if frac is not None else 0
        year = _to_int(m["y"])
        parts = pd.DataFrame(
            {
                "year": year.where(
                    year >= 100, year + 2000
                ),  # 26 is 2026; 99 is 2099, in the future: an error
                "month": _to_int(m["m"]),
                "day": _to_int(m["d"]),
                "hour": hour.fillna(0),
                "minute": minute,
                "second": second,
            }
        ).astype("float64")
        in_range = (hour_ok & (minute < 60) & (second < 60)).fillna(False).to_numpy(dtype=bool)
        parts.loc[~in_range] = np.nan
        stamp = pd.to_datetime(parts, errors="coerce") + pd.to_timedelta(next_day.astype(int), unit="D")
        stamp = (stamp + pd.to_timedelta(micro, unit="us")).astype("datetime64[us]")
        out.loc[m.index, "local"] = stamp
        out.loc[m.index, "has_time"] = has_time.to_numpy(dtype=bool)
        if "tz" in m:
            tz = m["tz"].dropna()
            if not tz.empty:
                minutes = _offset_minutes(tz)
                out.loc[tz.index, "offset_min"] = minutes.astype(float)
    if not rest.empty:  # digits only, none of the families' (a compact date has 8, 12 or 14)
        _unix_time(rest, out)
        _excel_serials(rest, out)
    return out


def _excel_serials(values: pd.Series, out: pd.DataFrame) -> None:
    """Excel serial numbers (days since 1899-12-30) read into ``out`` as naive local stamps: the fraction is the
    time of day, rounded to the second (a CSV keeps some 6 decimals); a whole number has no time."""
    serial = pc.match_substring_regex(as_arrow(values), "^" + EXCEL_SERIAL + "$")
    days = pd.to_numeric(values[pc.fill_null(serial, False).to_numpy(zero_copy_only=False)], errors="coerce")
    if days.empty:
        return
    seconds = pd.to_timedelta((days.astype("float64") * 86400).round(), unit="s")
    out.loc[days.index, "local"] = (pd.Timestamp("1899-12-30") + seconds).astype("datetime64[us]")
    out.loc[days.index, "has_time"] = (days % 1 != 0).to_numpy(dtype=bool)


def _offset_minutes(tz: pd.Series) -> pd.Series:
    """The minutes east of UTC of each zone text ``_ZONE`` matched: a named UTC alone is 0, an offset's hours
    and minutes (absent minutes are 0) with its sign, after a name or not."""
    # a zone in brackets ("(UTC+08:00)"); a zone's name after its offset ("+0800 (China Standard Time)") not read
    m = tz.str.upper().str.extract(
        r"^\(?\s*(?:Z|UTC|UT|GMT)?\s*(?:(?P<sign>[+-])(?P<h>\d{1,2}):?(?P<mm>\d{2})?)?\s*\)?(?:\s*\([^()]*\))?$"
    )
    sign = np.where(m["sign"] == "-", -1, 1)
    hours = pd.to_numeric(m["h"], errors="coerce").fillna(0)
    minutes = pd.to_numeric(m["mm"], errors="coerce").fillna(0)
    return (hours * 60 + minutes) * sign


def _unix_time(values: pd.Series, out: pd.DataFrame) -> None:
    """Unix time (``_UNIX``: seconds, maybe with a fraction, or milliseconds) read into ``out`` as a UTC stamp
    (offset 0)."""
    m = extract(values, _UNIX)
    seconds, millis = m["s"].notna(), m["ms"].notna()
    hit = seconds | millis
    if not hit.any():
        return
    micro = pd.Series(0, index=values.index, dtype="int64")
    fraction = m["f"].fillna("").str.ljust(6, "0")
    micro[seconds] = m.loc[seconds, "s"].astype("int64") * 1_000_000 + fraction[seconds].astype("int64")
    micro[millis] = m.loc[millis, "ms"].astype("int64") * 1_000
    rows = hit[hit].index  # ``values`` may be some of ``out``'s rows
    out.loc[rows, "local"] = pd.to_datetime(micro[rows], unit="us").astype("datetime64[us]")
    out.loc[rows, "has_time"] = True
    out.loc[rows, "offset_min"] = 0.0


def parse_timestamps(
    text: pd.Series,
    timezone: str,
    now_utc: datetime | None = None,
    day_first: bool | None = None,
    midnight: bool | None = None,
    column_day_first: bool | None = None,
    seen: dict | None = None,
    *,
    source_zone: str | None = None,
) -> ParsedStamps:
    """Parse a column of stamps (see the module docstring for what is accepted and how it is stored);
    ``day_first`` is the file's day order of d/m/y stamps when known (``day_first_in``); ``midnight`` whether
    the whole column's naive stamps are all at midnight, when known (a file read in chunks: ``Decisions``).
    ``source_zone``: the zone the export gives for the column (Qualtrics' ImportId row): its stamps with a time
    and no offset are read in it, and their local dates taken in ``timezone`` (as a stamp with an offset)."""
    now_utc = now_utc or datetime.now(UTC).replace(tzinfo=None)
    s = text.fillna("").astype(str).str.strip()
    blank = s == ""
    local = pd.Series(pd.NaT, index=s.index, dtype="datetime64[us]")
    has_time = pd.Series(False, index=s.index)
    offset_min = pd.Series(np.nan, index=s.index)
    todo = ~blank
    text_arrow = as_arrow(s)
    plain = plain_iso(text_arrow)  # the cells of the fast formats' first as written, read by Arrow
    if plain is not None:
        local = pd.Series(plain, index=s.index)
        has_time = local.notna()
        todo = todo & ~has_time
    todo_fast = todo.copy()
    if todo.any():
        fast_like = pc.or_(
            pc.invert(pc.string_is_ascii(text_arrow)), pc.match_substring_regex(text_arrow, _FAST_LIKE)
        )
        todo_fast = todo & pc.fill_null(fast_like, False).to_numpy(zero_copy_only=False).astype(bool)
    for fmt in _FAST_FORMATS:
        if not todo_fast.any():
            break
        got = pd.to_datetime(s[todo_fast], format=fmt, errors="coerce")
        ok = got.notna()
        if ok.any():
            idx = ok[ok].index
            local.loc[idx] = got[ok].astype("datetime64[us]")
            has_time.loc[idx] = "%H" in fmt
            todo.loc[idx] = False
            todo_fast.loc[idx] = False
    order_note, order_examples = "", {}
    if todo.any():
        slow = _parse_slow(s[todo], day_first, column_day_first, seen)
        order_note = slow.attrs.get("order_note", "")
        order_examples = {note: cell for note, (_row, cell) in slow.attrs.get("order_examples", {}).items()}
        local.loc[slow.index] = slow["local"]
        has_time.loc[slow.index] = slow["has_time"].astype(bool)
        offset_min.loc[slow.index] = slow["offset_min"]
    parsed = local.notna()
    bad = ~blank & ~parsed
    has_offset = offset_min.notna()
    naive_timed = parsed & has_time & ~has_offset
    at_midnight = naive_timed & (local == local.dt.normalize())
    midnight_column = bool(naive_timed.any() and at_midnight[naive_timed].all())
    all_midnight = midnight_column
    if midnight is not None:
        midnight_column = midnight
    if midnight_column:
        has_time = has_time & ~naive_timed  # a date-only source written as midnight
    date_only = parsed & ~has_time
    zone = ZoneInfo(timezone)
    utc = pd.Series(pd.NaT, index=s.index, dtype="datetime64[us]")
    local_date = pd.Series(pd.NaT, index=s.index, dtype="datetime64[us]")
    utc[date_only] = local[date_only]
    local_date[date_only] = local[date_only].dt.normalize()
    naive = parsed & has_time & ~has_offset
    clock_change = []
    if naive.any():
        lv = local[naive]
        read_in = ZoneInfo(source_zone) if source_zone else zone
        converted = lv.dt.tz_localize(
            read_in, ambiguous=np.ones(len(lv), dtype=bool), nonexistent="shift_forward"
        )
        other = lv.dt.tz_localize(read_in, ambiguous=np.zeros(len(lv), dtype=bool), nonexistent="NaT")
        clock_change = list(lv.index[(other.isna() | (other != converted)).to_numpy(dtype=bool)])
        utc[naive] = converted.dt.tz_convert("UTC").dt.tz_localize(None).astype("datetime64[us]")
        local_date[naive] = (
            converted.dt.tz_convert(zone).dt.tz_localize(None).dt.normalize().astype("datetime64[us]")
            if source_zone
            else lv.dt.normalize()
        )
    explicit = parsed & has_time & has_offset
    if explicit.any():
        shifted = local[explicit] - pd.to_timedelta(offset_min[explicit], unit="min")
        utc[explicit] = shifted.astype("datetime64[us]")
        local_date[explicit] = (
            shifted.dt.tz_localize("UTC")
            .dt.tz_convert(zone)
            .dt.tz_localize(None)
            .dt.normalize()
            .astype("datetime64[us]")
        )
    today_local = pd.Timestamp(now_utc).tz_localize("UTC").tz_convert(zone).tz_localize(None).normalize()
    future = (has_time & parsed & (utc > pd.Timestamp(now_utc))) | (date_only & (local_date > today_local))
    return ParsedStamps(
        utc,
        date_only.astype(bool),
        local_date,
        bad,
        future.astype(bool),
        midnight_column,
        order_note,
        int(naive.sum()),
        bool(naive_timed.any()),
        all_midnight,
        order_examples,
        clock_change,
        local.where(parsed),
    )


# ---------------------------------------------------------------- typing each field
