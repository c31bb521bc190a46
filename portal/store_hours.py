"""Stores' opening hours (SPEC 2: store data; SPEC 3: durations in business hours), as an admin sets them.

A week is ``{iso weekday (1 = Monday): (opens, closes) | None}``: a weekday without hours is closed. The
figures read them as ``portal.complaints`` says (local time of the store's zone; a closing time of 00:00 or 24:00
is midnight, the end of the day, 00:00 to 00:00 all day; a closing time before the opening one is refused: hours
past midnight are not modelled, ``_check_hours``). Set on the Settings page (a weekly table) or
with ``python -m portal settings set-store-hours CODES WEEK``, where WEEK is text such as
``mon-fri 09:00-21:00; sat,sun 10:00-18:00`` (also 周一-周五 09:00-21:00；周六 10:00-18:00；周日 休息). Both
write through ``writes.set_store_hours``: the stores' rows replaced, each store's change audited with the week
it had.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import time

from portal.i18n import t

Week = dict[int, tuple[time, time] | None]
DAYS = (1, 2, 3, 4, 5, 6, 7)
MIDNIGHT = time(0, 0)
_EN = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_ZH = ("一", "二", "三", "四", "五", "六", "日")
_DAY_WORDS = {
    **{d: i for i, d in enumerate(_EN, start=1)},
    **{f"周{c}": i for i, c in enumerate(_ZH, start=1)},
    **{f"星期{c}": i for i, c in enumerate(_ZH, start=1)},
    "周天": 7,
    "星期天": 7,
    **{
        name: i
        for i, name in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"), 1
        )
    },
}
_EVERY_DAY = {"daily", "every day", "everyday", "all", "每天", "每日", "全周"}
_CLOSED = {"closed", "休息", "不营业", "关闭", "闭店", "off"}
_TIME = re.compile(r"(\d{1,2})(?::|：|\.)?(\d{2})?")


class HoursError(ValueError):
    """Hours that cannot be used: ``key`` / ``values`` for the message in the reader's language."""

    def __init__(self, key: str, **values) -> None:
        self.key, self.values = key, values
        super().__init__(t(key, "en", **values))


def day_label(day: int, lang: str) -> str:
    return t(f"hours.day.{day}", lang)


def parse_time(text: str) -> time:
    """``9``, ``09:00``, ``9:30``, ``21.30``, ``24:00`` (midnight at the end of the day) as a time."""
    cleaned = unicodedata.normalize("NFKC", str(text or "")).strip()
    match = _TIME.fullmatch(cleaned)
    if not match:
        raise HoursError("hours.err.time", value=cleaned)
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if (hour, minute) == (24, 0):
        return time(0, 0)  # closing at midnight: "at or before opening" reads as open until midnight
    if hour > 23 or minute > 59:
        raise HoursError("hours.err.time", value=cleaned)
    return time(hour, minute)


def _days(text: str) -> list[int]:
    """``mon-fri``, ``sat,sun``, ``周一至周五``, ``周六、周日`` as ISO weekdays."""
    out: list[int] = []
    for part in re.split(r"[,，、/]", text):
        part = part.strip()
        if not part:
            continue
        if part.casefold() in _EVERY_DAY:
            out.extend(DAYS)
            continue
        ends = re.split(r"\s*(?:-|–|—|~|～|至|到)\s*", part)
        try:
            numbers = [_DAY_WORDS[e.strip().casefold()] for e in ends]
        except KeyError as exc:
            raise HoursError("hours.err.day", value=part) from exc
        if len(numbers) == 1:
            out.append(numbers[0])
        elif len(numbers) == 2:
            first, last = numbers
            out.extend(range(first, last + 1) if first <= last else [*range(first, 8), *range(1, last + 1)])
        else:
            raise HoursError("hours.err.day", value=part)
    return out


def parse_week(text: str) -> Week:
    """A week from text: clauses separated by ``;`` (or a new line), each days and ``HH:MM-HH:MM`` or
    ``closed``; a day no clause names is closed; a day named twice is an error."""
    week: Week = dict.fromkeys(DAYS)
    seen: set[int] = set()
    clauses = [
        c.strip() for c in re.split(r"[;；\n]", unicodedata.normalize("NFKC", text or "")) if c.strip()
    ]
    if not clauses:
        raise HoursError("hours.err.empty")
    for clause in clauses:
        match = re.fullmatch(r"(.+?)\s+(\S+?)\s*(?:-|–|—|~|～|至|到)\s*(\S+)", clause)
        closed = next((w for w in _CLOSED if clause.casefold().endswith(w)), None)
        if closed is not None:
            days, hours = _days(clause[: -len(closed)]), None
        elif match:
            days = _days(match.group(1))
            hours = (parse_time(match.group(2)), parse_time(match.group(3)))
            _check_hours(hours, clause)
        else:
            raise HoursError("hours.err.clause", value=clause)
        again = sorted(set(days) & seen)
        if again:
            raise HoursError("hours.err.twice", day=day_label(again[0], "en"), value=clause)
        seen.update(days)
        for day in days:
            week[day] = hours
    return _with_an_open_day(week)


def _check_hours(hours: tuple[time, time], where: str) -> None:
    """Opening and closing times a week can hold: not the same (but 00:00 to 00:00, all day), and not past
    midnight (18:00-02:00 would be counted 18:00-24:00 only: the figures do not carry a day into the next)."""
    opens, closes = hours
    if opens == closes and opens != MIDNIGHT:
        raise HoursError("hours.err.same", value=where)
    if closes != MIDNIGHT and closes < opens:
        raise HoursError("hours.err.overnight", value=where)


def _with_an_open_day(week: Week) -> Week:
    """A week with no open day is refused: saving it would remove the store's hours, and its durations would
    be counted round the clock (calendar hours), the opposite of "closed"."""
    if not any(week.get(d) for d in DAYS):
        raise HoursError("hours.err.all_closed")
    return week


def week_of(rows: Iterable[Mapping]) -> Week:
    """A store's week from its store_hours rows (``iso_dow``, ``opens_at``, ``closes_at``)."""
    week: Week = dict.fromkeys(DAYS)
    for r in rows:
        week[int(r["iso_dow"])] = (_as_time(r["opens_at"]), _as_time(r["closes_at"]))
    return week


def weeks_of(rows) -> dict[str, Week]:
    """``settings_store_hours`` rows (a DataFrame) as each store's week (code -> week), in their order."""
    out: dict[str, Week] = {}
    for code, part in rows.groupby("store_code", sort=False):
        out[str(code)] = week_of(part.dropna(subset=["iso_dow"]).to_dict(orient="records"))
    return out


def _as_time(value) -> time:
    if isinstance(value, time):
        return value
    return parse_time(str(value)[:5])


def _hhmm(value: time, closing: bool = False) -> str:
    """A time as HH:MM; a closing time of midnight as 24:00 (the end of the day)."""
    return "24:00" if closing and value == MIDNIGHT else f"{value:%H:%M}"


def describe(week: Week, lang: str = "en") -> str:
    """``Mon–Fri 09:00–21:00, Sat–Sun 10:00–18:00`` (consecutive days with the same hours joined); closed
    days left out; no hours at all: "no opening hours (calendar hours)"."""
    if not any(week.get(d) for d in DAYS):
        return t("hours.none", lang)
    parts: list[str] = []
    day = 1
    while day <= 7:
        hours = week.get(day)
        last = day
        while last < 7 and week.get(last + 1) == hours:
            last += 1
        if hours:
            days = day_label(day, lang) if last == day else f"{day_label(day, lang)}–{day_label(last, lang)}"
            parts.append(f"{days} {_hhmm(hours[0])}–{_hhmm(hours[1], closing=True)}")
        day = last + 1
    return ("，" if lang == "zh" else ", ").join(parts)


def editor_rows(week: Week, lang: str) -> list[dict]:
    """The Settings page's weekly table: one row per weekday, open or not, its hours (closed: 09:00-21:00
    offered, unticked)."""
    return [
        {
            "day": day_label(day, lang),
            "open": week.get(day) is not None,
            "opens": week[day][0] if week.get(day) else time(9, 0),
            "closes": week[day][1] if week.get(day) else time(21, 0),
        }
        for day in DAYS
    ]


def week_from_rows(rows: list[Mapping], lang: str) -> Week:
    """The weekly table back as a week; an open day needs both times, and they differ."""
    week: Week = dict.fromkeys(DAYS)
    for day, row in zip(DAYS, rows, strict=True):
        if not row.get("open"):
            continue
        opens, closes = row.get("opens"), row.get("closes")
        if opens is None or closes is None:
            raise HoursError("hours.err.missing", day=day_label(day, lang))
        opens, closes = _as_time(opens), _as_time(closes)
        _check_hours((opens, closes), f"{day_label(day, lang)} {_hhmm(opens)}–{_hhmm(closes, closing=True)}")
        week[day] = (opens, closes)
    return _with_an_open_day(week)
