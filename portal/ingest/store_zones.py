"""A store's time zone as people write it in a stores file: the IANA name (Asia/Shanghai), a fixed offset (UTC+8,
GMT+08:00, +08:00) or a name that means one zone only (北京时间, Beijing, China Standard Time). Read as the IANA
zone it stands for; anything else (an offset of part of an hour, which no IANA zone is; an abbreviation such as
CST, which is China's and the US Central's) is no zone, and the stores kind refuses the row naming the column."""

from __future__ import annotations

import re
import unicodedata

from portal.ingest.cells import simplified
from portal.ingest.core import valid_timezone

# names that mean one zone (lower case, spaces and 时间 / time aside)
_NAMED = {
    **dict.fromkeys(
        ("北京", "beijing", "中国标准", "中国", "china standard", "china", "上海", "shanghai"),
        "Asia/Shanghai",
    ),
    **dict.fromkeys(("香港", "hong kong", "hongkong"), "Asia/Hong_Kong"),
    **dict.fromkeys(("台北", "taipei"), "Asia/Taipei"),
    **dict.fromkeys(("东京", "tokyo"), "Asia/Tokyo"),
    **dict.fromkeys(("新加坡", "singapore"), "Asia/Singapore"),
    **dict.fromkeys(("utc", "gmt", "协调世界", "世界协调", "格林尼治", "格林威治"), "UTC"),
}
_OFFSET = re.compile(r"^(?:utc|gmt)?\s*(?P<sign>[+-])\s*(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?$")
_TIME_WORD = re.compile(r"(?:标准时间|时间|时区|\s+(?:standard\s+)?time(?:\s+zone)?)$")


def store_zone(text: str) -> str | None:
    """The IANA zone ``text`` stands for (``Etc/GMT-8`` for UTC+8: POSIX writes the sign the other way round),
    None when it stands for none or for more than one."""
    given = unicodedata.normalize("NFKC", str(text)).strip()
    if valid_timezone(given):
        return given
    key = " ".join(simplified(given.casefold()).split())
    named = _NAMED.get(_TIME_WORD.sub("", key).strip()) or _NAMED.get(key)
    if named:
        return named
    m = _OFFSET.match(key)
    if m is None or int(m.group("minutes") or 0) or int(m.group("hours")) > 14:
        return None
    hours = int(m.group("hours"))
    if hours == 0:
        return "UTC"
    # Etc/GMT-14 (UTC+14) exists, Etc/GMT+13 / +14 (UTC-13 / -14) do not: no zone, the row refused (review)
    zone = f"Etc/GMT{'-' if m.group('sign') == '+' else '+'}{hours}"
    return zone if valid_timezone(zone) else None
