"""Typing and checking the rows of a file, vectorised: every problem is (row, column, value, reason).

Timestamps (``parse_timestamps``) accept what real exports hold:
- ISO ``2026-03-01 09:30[:00[.ffffff]]``, with ``T``, with ``/`` or ``.`` between the date parts, with an
  explicit offset (``Z``, ``+08:00``, ``+0800``) — an offset wins over the source time zone;
- US ``3/1/2026 9:30:00 AM`` (month first, 12-hour with AM/PM, or 24-hour without); day first
  (``13/11/2026``, ``01.03.2026``) when the file shows it or the dates are dotted (see ``day_first_in``);
- Chinese ``2026年3月1日 9:30`` and ``2026/3/1 下午 2:30``;
- date-only stamps (``2026-03-01``, ``3/1/2026``, ``2026年3月1日``).
A naive stamp with a time is local time of the source time zone and is stored in UTC
(2026-03-01 09:30 in Asia/Shanghai -> 2026-03-01 01:30 UTC). A date-only stamp is kept as that calendar
date at 00:00, *not* shifted, with ``<field>_date_only`` true. A column whose every stamp is exactly
midnight (and carries no offset) comes from a date-only source: all its stamps are taken as date-only.
In a time zone with daylight saving, an hour that happens twice is read as the first (summer-time) one and
an hour that does not exist is moved forward.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from portal.export import FORMULA_LEADS
from portal.ingest.cells import (  # noqa: F401 - PLACEHOLDERS re-exported
    PLACEHOLDERS,
    as_arrow,
    clean_cells,
    map_distinct,
    parse_number,
    shared_objects,
)
from portal.ingest.errors import ERROR_COLUMNS, ErrorLog, error_messages  # noqa: F401 - re-exported
from portal.ingest.kinds import Field, Kind, normalise_choice_text

_ISO = (
    r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"
    r"(?:(?:T|\s+)(?P<ampm1>上午|下午)?\s*(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d{1,9}))?)?"
    r"\s*(?P<ampm2>[AaPp]\.?[Mm]\.?)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?$"
)
_US = (
    r"^(?P<m>\d{1,2})(?P<sep>[/.-])(?P<d>\d{1,2})(?P=sep)(?P<y>\d{4})"
    r"(?:\s+(?P<ampm1>上午|下午)?\s*(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d{1,9}))?)?"
    r"\s*(?P<ampm2>[AaPp]\.?[Mm]\.?)?)?$"
)
_ZH = (
    r"^(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日?"
    r"(?:\s*(?P<ampm1>上午|下午)?\s*(?P<H>\d{1,2})[:时点](?P<M>\d{2})分?(?:[:]?(?P<S>\d{2})秒?)?)?$"
)
_FAMILIES = (_ISO, _US, _ZH)
# a superset of the ASCII cells day_first_in reads: after what str.strip() drops, 1-2 digits and / or -
_DMY_LIKE = r"^[\t-\r\x1c-\x1f ]*[0-9]{1,2}[/-]"
_FAST_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d")


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


@dataclass
class Decisions:
    """The file-wide readings ``parse_fields`` takes from a whole file's columns, for a file read in chunks
    (``portal.ingest.stream``): given, they are used as they are; ``seen`` records what each chunk showed.

    - ``day_first``: the d/m/y order of every stamp column together (``day_order``); ``...`` = not given.
    - ``midnight``: per stamp field, whether its naive stamps are all at midnight (a date-only source)."""

    day_first: object = ...
    midnight: dict[str, bool] = field(default_factory=dict)
    column_day_first: dict[str, bool] = field(default_factory=dict)  # per stamp field (``_day_first``)
    seen: dict = field(default_factory=dict)


def _to_int(s: pd.Series) -> pd.Series:
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
    if seen is not None:
        seen.update(shown, used=day_first)
    return ~slashed | day_first, order_note(shown, day_first)


def column_order(shown: dict, file_day_first: bool | None) -> bool:
    """A column's d/m/y reading from what it shows (``_day_first``) and the file's order."""
    if file_day_first is not None:
        return file_day_first
    return shown["first_big"] and not shown["second_big"]


def order_note(shown: dict, day_first: bool) -> str:
    """The column's note on its d/m/y reading: "dmy", "ambiguous" (read month first, nothing tells) or ""."""
    if day_first:
        return "dmy"
    if shown["slashed"] and not shown["second_big"] and shown["differ"]:
        return "ambiguous"
    return ""


def day_first_in(columns: list[pd.Series]) -> bool | None:
    """The day order of a file's slashed or dashed dates, taken over all its stamp columns together (a
    ticket's received and answered stamps come from one system): True when some first part is above 12 and
    no second part is, False when some second part is above 12, None when nothing tells."""
    return day_order(*day_order_evidence(columns))


def day_order(first_big: bool, second_big: bool) -> bool | None:
    """``day_first_in`` from what the columns showed (parts of a file read in chunks add up: ``or``)."""
    if second_big:
        return False
    return True if first_big else None


def day_order_evidence(columns: list[pd.Series]) -> tuple[bool, bool]:
    """Whether some first part of a d/m/y-or-m/d/y date is above 12, and whether some second part is."""
    first_big = second_big = False
    for column in columns:
        column = column.astype(str)
        # only cells starting d/m/y-like, or not ASCII (Unicode digits), can tell: found column-wide
        text = as_arrow(column)
        candidate = pc.or_(pc.invert(pc.string_is_ascii(text)), pc.match_substring_regex(text, _DMY_LIKE))
        column = column[pc.fill_null(candidate, False).to_numpy(False)]
        m = column.str.strip().str.extract(r"^(\d{1,2})[/-](\d{1,2})[/-]\d{4}").dropna()
        if m.empty:
            continue
        first_big |= bool((m[0].astype(int) > 12).any())
        second_big |= bool((m[1].astype(int) > 12).any())
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
        m = rest.str.extract(pattern)
        hit = m["y"].notna()
        if not hit.any():
            continue
        m = m[hit]
        rest = rest[~hit]
        if "sep" in m:  # day and month may come either way round
            day_first, out.attrs["order_note"] = _day_first(m, file_day_first, column_day_first, seen)
            month, day = m["m"].copy(), m["d"].copy()
            m["m"], m["d"] = month.where(~day_first, day), day.where(~day_first, month)
            out.loc[m.index, "order"] = np.where(day_first, "dmy", "mdy")
        hour = _to_int(m["H"]) if "H" in m else pd.Series(np.nan, index=m.index)
        has_time = hour.notna()
        ampm = pd.Series("", index=m.index, dtype=object)
        for g in ("ampm1", "ampm2"):
            if g in m:
                ampm = ampm.where(m[g].isna(), m[g].fillna("").str.lower().str.replace(".", "", regex=False))
        pm = ampm.isin(["pm", "下午"])
        am = ampm.isin(["am", "上午"])
        twelve = am | pm
        hour_ok = ~has_time | (twelve & hour.between(1, 12)) | (~twelve & hour.between(0, 23))
        hour = hour.where(~twelve, (hour % 12) + pm.astype(int) * 12)
        minute = _to_int(m["M"]).fillna(0)
        second = _to_int(m["S"]).fillna(0) if "S" in m else pd.Series(0.0, index=m.index)
        frac = m["f"].fillna("").str.slice(0, 6).str.ljust(6, "0") if "f" in m else None
        micro = pd.to_numeric(frac, errors="coerce").fillna(0) if frac is not None else 0
        parts = pd.DataFrame(
            {
                "year": _to_int(m["y"]),
                "month": _to_int(m["m"]),
                "day": _to_int(m["d"]),
                "hour": hour.fillna(0),
                "minute": minute,
                "second": second,
            }
        ).astype("float64")
        in_range = (hour_ok & (minute < 60) & (second < 60)).fillna(False).to_numpy(dtype=bool)
        parts.loc[~in_range] = np.nan
        stamp = pd.to_datetime(parts, errors="coerce")
        stamp = (stamp + pd.to_timedelta(micro, unit="us")).astype("datetime64[us]")
        out.loc[m.index, "local"] = stamp
        out.loc[m.index, "has_time"] = has_time.to_numpy(dtype=bool)
        if "tz" in m:
            tz = m["tz"].dropna()
            if not tz.empty:
                sign = np.where(tz.str.startswith("-"), -1, 1)
                digits = tz.str.replace(":", "", regex=False).str.slice(1)
                minutes = (
                    pd.to_numeric(digits.str.slice(0, 2), errors="coerce") * 60
                    + pd.to_numeric(digits.str.slice(2, 4), errors="coerce")
                ) * sign
                minutes = minutes.where(tz != "Z", 0)
                out.loc[tz.index, "offset_min"] = minutes.astype(float)
    return out


def parse_timestamps(
    text: pd.Series,
    timezone: str,
    now_utc: datetime | None = None,
    day_first: bool | None = None,
    midnight: bool | None = None,
    column_day_first: bool | None = None,
    seen: dict | None = None,
) -> ParsedStamps:
    """Parse a column of stamps (see the module docstring for what is accepted and how it is stored);
    ``day_first`` is the file's day order of d/m/y stamps when known (``day_first_in``); ``midnight`` whether
    the whole column's naive stamps are all at midnight, when known (a file read in chunks: ``Decisions``)."""
    now_utc = now_utc or datetime.now(UTC).replace(tzinfo=None)
    s = text.fillna("").astype(str).str.strip()
    blank = s == ""
    local = pd.Series(pd.NaT, index=s.index, dtype="datetime64[us]")
    has_time = pd.Series(False, index=s.index)
    offset_min = pd.Series(np.nan, index=s.index)
    todo = ~blank
    for fmt in _FAST_FORMATS:
        if not todo.any():
            break
        got = pd.to_datetime(s[todo], format=fmt, errors="coerce")
        ok = got.notna()
        if ok.any():
            idx = ok[ok].index
            local.loc[idx] = got[ok].astype("datetime64[us]")
            has_time.loc[idx] = "%H" in fmt
            todo.loc[idx] = False
    order_note = ""
    if todo.any():
        slow = _parse_slow(s[todo], day_first, column_day_first, seen)
        order_note = slow.attrs.get("order_note", "")
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
    if naive.any():
        lv = local[naive]
        converted = lv.dt.tz_localize(
            zone, ambiguous=np.ones(len(lv), dtype=bool), nonexistent="shift_forward"
        )
        utc[naive] = converted.dt.tz_convert("UTC").dt.tz_localize(None).astype("datetime64[us]")
        local_date[naive] = lv.dt.normalize()
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
    )


# ---------------------------------------------------------------- typing each field
def map_choices(s: pd.Series, choices) -> pd.Series:
    """Each cell's stored value (None when not an accepted spelling); computed once per distinct cell."""
    lookup = {u: choices.get(normalise_choice_text(u)) for u in pd.unique(s.dropna())}
    return map_distinct(s, lookup)


def parse_fields(
    kind: Kind,
    text: pd.DataFrame,
    column_of,
    errors: ErrorLog,
    *,
    timezone: str,
    now_utc: datetime,
    notices: list | None = None,
    decisions: Decisions | None = None,
) -> pd.DataFrame:
    """Type every mapped field of ``text`` (str cells); type, range and required problems go to ``errors``.

    A timestamp field ``x`` gives ``x`` (UTC), ``x_date_only`` and ``x_local_date`` (for ordering checks).
    Required fields that are not mapped at all are a problem of the mapping, not of the rows. ``decisions``:
    the file-wide readings when ``text`` is one chunk of a file (given ones are used; what the chunk showed is
    recorded in ``decisions.seen``).
    """
    typed = pd.DataFrame(index=text.index)
    notices = notices if notices is not None else []
    formula_cells = placeholders = 0
    stamp_fields = [f.name for f in kind.fields if f.type in ("timestamp", "date") and f.name in text.columns]
    evidence = day_order_evidence([text[name].fillna("") for name in stamp_fields])
    day_first = day_order(*evidence)
    if decisions is not None:
        decisions.seen = {"day_order": evidence, "day_first": day_first, "midnight": {}, "columns": {}}
        if decisions.day_first is not ...:
            day_first = decisions.day_first
            decisions.seen["day_first"] = day_first
    for f in kind.fields:
        if f.name not in text.columns:
            continue
        raw = text[f.name].fillna("").astype(str)
        stripped, placeholder = clean_cells(raw, free_text=f.type == "text")
        placeholders += int(placeholder.sum())
        blank = stripped == ""
        col = column_of(f.name)
        if f.required and blank.any() and not f.lenient:
            errors.add(blank[blank].index, col, "ingest.error.required", raw)
        for key in _type_field(
            f, stripped, blank, typed, errors, col, timezone, now_utc, day_first, decisions
        ):
            if isinstance(key, tuple):  # a notice with values of its own
                notices.append((key[0], {"column": col, **key[1]}))
            else:
                notices.append((key, {"column": col}))
        if f.type == "text":
            formula_cells += int(stripped.str.startswith(FORMULA_LEADS).sum())
    if formula_cells:
        notices.append(("ingest.notice.formula_cells", {"n": formula_cells}))
    if placeholders:
        notices.append(("ingest.notice.placeholders", {"n": placeholders}))
    return typed


INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1
MAX_CODE_CHARS = 64  # store / agent codes
MAX_ID_CHARS = 100  # complaint, response and other ids


def date_floor() -> date:
    """The earliest date a file may hold (``PORTAL_MIN_DATE``, default 2000-01-01): 1900 is a typo or an
    empty Excel date, not a complaint."""
    import os

    try:
        return date.fromisoformat(os.environ.get("PORTAL_MIN_DATE", "2000-01-01"))
    except ValueError:
        return date(2000, 1, 1)


def _type_field(
    f: Field,
    s: pd.Series,
    blank: pd.Series,
    typed: pd.DataFrame,
    errors: ErrorLog,
    col: str,
    timezone: str,
    now_utc: datetime,
    day_first: bool | None = None,
    decisions: Decisions | None = None,
) -> list:
    """Add the typed column(s) of ``f``; returns the notices about how the column was read (an i18n key, or
    a key and its values)."""
    if f.type in ("text", "code"):
        # ids and codes are short; free text is bounded by the reader's cell limit (issue 15)
        limit = MAX_CODE_CHARS if f.type == "code" else (MAX_ID_CHARS if f.name.endswith("_id") else None)
        if limit is not None:
            too_long = ~blank & (s.str.len() > limit)
            errors.add(
                too_long[too_long].index, col, "ingest.error.too_long", s.str.slice(0, 40), detail=limit
            )
            s = s.where(~too_long, "")
            blank = blank | too_long
        typed[f.name] = shared_objects(s.where(~blank))
    elif f.type in ("int", "number"):
        number = parse_number(s)
        bad = ~blank & number.isna()
        if f.type == "int":
            not_whole = ~blank & number.notna() & (number != np.floor(number.fillna(0)))
            bad = bad | not_whole
        errors.add(
            bad[bad].index,
            col,
            "ingest.error.not_integer" if f.type == "int" else "ingest.error.not_number",
            s,
        )
        low = f.min_value if f.min_value is not None else -np.inf
        high = f.max_value if f.max_value is not None else np.inf
        if f.type == "int":  # stored as INTEGER: a value beyond it is a row error here, not a failed commit
            low, high = max(low, INT32_MIN), min(high, INT32_MAX)
        out_of_range = ~bad & number.notna() & ~number.between(low, high)
        errors.add(
            out_of_range[out_of_range].index,
            col,
            "ingest.error.out_of_range",
            s,
            detail=f"{_fmt_bound(low)}–{_fmt_bound(high)}",
        )
        number = number.where(~(bad | out_of_range))
        typed[f.name] = number.round().astype("Int64") if f.type == "int" else number.astype("Float64")
    elif f.type == "choice":
        mapped = map_choices(s, f.choices or {})
        bad = ~blank & mapped.isna()
        if f.lenient:
            typed[f.name] = shared_objects(mapped.where(~(bad | blank), f.unknown_value))
            return []
        allowed = ", ".join(sorted(set((f.choices or {}).values())))
        errors.add(bad[bad].index, col, "ingest.error.unknown_choice", s, detail=allowed)
        typed[f.name] = shared_objects(mapped.where(~bad, None))
    elif f.type in ("timestamp", "date"):
        midnight = column_day_first = seen = None
        if decisions is not None:
            midnight = decisions.midnight.get(f.name)
            column_day_first = decisions.column_day_first.get(f.name)
            seen = decisions.seen["columns"].setdefault(f.name, {})
        stamps = parse_timestamps(s, timezone, now_utc, day_first, midnight, column_day_first, seen)
        if decisions is not None:  # (some naive stamp with a time, all at midnight, read as date-only)
            decisions.seen["midnight"][f.name] = (
                stamps.naive_timed,
                stamps.all_midnight,
                stamps.midnight_column,
            )
        floor = pd.Timestamp(date_floor())
        early = ~(stamps.bad | stamps.future) & stamps.local_date.notna() & (stamps.local_date < floor)
        keep = ~(stamps.bad | stamps.future | early)
        if not f.lenient:
            errors.add(stamps.bad[stamps.bad].index, col, "ingest.error.not_a_date", s)
            errors.add(stamps.future[stamps.future].index, col, "ingest.error.future", s)
            errors.add(early[early].index, col, "ingest.error.before_floor", s, detail=f"{floor:%Y-%m-%d}")
        elif not keep.all():
            typed[f"{f.name}_left_out"] = ~keep
        if f.type == "date":
            typed[f.name] = stamps.local_date.where(keep)
        else:
            typed[f.name] = stamps.utc.where(keep)
            typed[f"{f.name}_date_only"] = stamps.date_only & keep
            typed[f"{f.name}_local_date"] = stamps.local_date.where(keep)
        notes = ["ingest.notice.date_only_column"] if stamps.midnight_column else []
        if stamps.order_note == "dmy":
            notes.append("ingest.notice.day_first_column")
        elif stamps.order_note == "ambiguous":
            notes.append("ingest.notice.month_first_column")
        if (
            stamps.naive_count
        ):  # issue 9: the zone these stamps were read in, said (and changeable) before commit
            notes.append(("ingest.notice.zone_assumed", {"n": stamps.naive_count, "zone": timezone}))
        return notes
    return []


def _fmt_bound(x: float) -> str:
    if np.isinf(x):
        return "∞" if x > 0 else "−∞"
    return str(int(x)) if float(x).is_integer() else str(x)


def duplicate_keys(values: pd.DataFrame, key_fields: tuple[str, ...], errors: ErrorLog, column: str) -> None:
    """A natural key seen again inside the file: every repeat after the first is an error naming the first."""
    keys = [k for k in key_fields if k in values.columns]
    if not keys:
        return
    frame = values[keys]
    complete = frame.notna().all(axis=1)
    frame = frame[complete]
    dup = frame.duplicated(keep="first")
    if not dup.any():
        return
    first_row = pd.Series(frame.index, index=frame.index).groupby([frame[k] for k in keys]).transform("min")
    key_text = frame[keys].astype(str).agg(" / ".join, axis=1)
    rows = dup[dup].index
    errors.add(rows, column, "ingest.error.duplicate", key_text, detail=first_row)
