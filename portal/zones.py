"""Times on screen: every time shown is in the reporting zone and says which (北京时间 for Asia/Shanghai)."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd

from portal.i18n import Both

# zones with a name people say (English, Chinese); others show their IANA name + "time" / "时间"
_NAMED = {
    "Asia/Shanghai": ("Beijing time", "北京时间"),
    "Asia/Hong_Kong": ("Hong Kong time", "香港时间"),
    "Asia/Taipei": ("Taipei time", "台北时间"),
    "UTC": ("UTC", "UTC"),
}

_ETC_OFFSET = re.compile(r"^Etc/GMT([+-])(\d{1,2})$")


def zone_name(timezone: str, lang: str) -> str:
    """How a zone is named on screen: 'Beijing time' / '北京时间' for Asia/Shanghai; a fixed offset (Etc/GMT-8, as a
    stores file's UTC+8 is stored) as UTC+8, POSIX's sign turned round."""
    named = _NAMED.get(timezone)
    if named:
        return named[1] if lang == "zh" else named[0]
    offset = _ETC_OFFSET.match(timezone)
    if offset:
        return f"UTC{'-' if offset.group(1) == '+' else '+'}{offset.group(2)}"
    return f"{timezone} 时间" if lang == "zh" else f"{timezone} time"


def zone_choice(timezone: str) -> str:
    """A zone as a list of IANA names offers it: its name, an Etc fixed offset followed by the offset it stands
    for, "Etc/GMT-8 (UTC+8)" (POSIX's sign is the other way round: a bare "GMT-8" invites a wrong correction)."""
    offset = _ETC_OFFSET.match(timezone)
    if offset is None:
        return timezone
    return f"{timezone} ({zone_name(timezone, 'en') if int(offset.group(2)) else 'UTC'})"


def zone_names(timezone: str) -> Both:
    """The zone's name in both languages (``portal.i18n.Both``), for a message made before its language is
    known (an import's refusal): ``t`` fills in the reader's."""
    return Both(zone_name(timezone, "en"), zone_name(timezone, "zh"))


def local(stamp, timezone: str):
    """A stored (naive UTC) timestamp as naive local time in ``timezone``; None/NaT stays missing."""
    if stamp is None or (not isinstance(stamp, str) and pd.isna(stamp)):
        return stamp
    if isinstance(stamp, str):
        stamp = datetime.fromisoformat(stamp)
    stamp = pd.Timestamp(stamp)
    if stamp.tzinfo is None:
        stamp = stamp.tz_localize("UTC")
    return stamp.tz_convert(ZoneInfo(timezone)).tz_localize(None).to_pydatetime()


def local_column(values: pd.Series, timezone: str) -> pd.Series:
    """A column of stored UTC timestamps in local time (naive), to the whole second (a table and its CSV showed
    ``2026-12-05 05:55:36.490014``: the microseconds the portal stamps its own actions with), missing values
    kept."""
    stamps = pd.to_datetime(values, errors="coerce")
    if getattr(stamps.dt, "tz", None) is None:
        stamps = stamps.dt.tz_localize("UTC")
    return stamps.dt.tz_convert(timezone).dt.tz_localize(None).dt.floor("s")


def stamp_text(stamp, timezone: str) -> str:
    """'2026-03-01 09:30' in the zone ('' when missing)."""
    value = local(stamp, timezone)
    if value is None or pd.isna(value):
        return ""
    return value.strftime("%Y-%m-%d %H:%M")
