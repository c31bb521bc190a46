"""The stamp families ``portal.ingest.stamps`` reads (see its docstring), as regular expressions that pyarrow's RE2
and Python's ``re`` read alike (``stamp_regex.extract``): named groups y, m (or mon), d, H, M, S, f, ampm1 / ampm2, tz."""

from __future__ import annotations

# the part of the day a Chinese clock names before (and Excel's zh-CN "h:mm AM/PM" after) a 12-hour time: 上午 9:05,
# 晚上9:05, 凌晨1:05, 中午12:30, 2026-3-5 9:05 下午 (stamps.day_part_hours reads them)
ZH_DAY_PARTS = {
    "上午": "am",
    "早上": "am",
    "早晨": "am",
    "凌晨": "am",
    "下午": "pm",
    "晚上": "pm",
    "傍晚": "pm",
    "中午": "noon",
    # the night's words that run past midnight: 夜里11:30 is 23:30, 夜里2:00 is 2:00 (stamps.day_part_hours)
    "夜里": "night",
    "夜间": "night",
    "半夜": "night",
    "深夜": "night",
}
# the night's words: 晚上12:00 (夜里12点) is the midnight that ends the day (stamps.day_part_hours), not noon
ZH_NIGHT = ("晚上", "夜里", "夜间", "半夜", "深夜")
AMPM1 = r"(?P<ampm1>" + "|".join(ZH_DAY_PARTS) + r")"
AMPM2 = r"(?P<ampm2>[AaPp]\.?[Mm]\.?|上午|下午)"
# Excel's long Chinese date names the weekday after the day: 2026年3月5日 星期四, 2026年3月5日周四
_ZH_WEEKDAY = r"(?:\s*(?:星期|周|礼拜)[一二三四五六日天])?"

# a stamp's zone: Z, UTC / UT / GMT, an offset of hours and maybe minutes (+08, +0800, +08:00; PostgreSQL prints
# +08), or UTC / GMT with an offset (Google Forms' "GMT+8", "UTC+05:30"); ISO: Java's +08:00[Asia/Shanghai] too
_ZONE = r"Z|(?:UTC?|GMT)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}(?::?\d{2})?"
_SIGNED = r"(?:UTC?|GMT)\s*[+-]\d{1,2}(?::?\d{2})?|[+-]\d{2}(?::?\d{2})?"  # a zone with a signed offset
_IN_BRACKETS = r"\(\s*(?:" + _SIGNED + r")\s*\)"  # as Windows names zones: "(UTC+08:00)", "(GMT+8)"
# the zone of a stamp: also an offset in brackets; a zone without an offset in brackets ("(GMT)", "(Z)") is none
_TZ = r"(?P<tz>" + _ZONE + r"|" + _IN_BRACKETS + r")"
# and, where a signed offset is given, its zone's name in brackets after it (JavaScript's "GMT+0800 (China Standard
# Time)"), never read (stamps._offset_minutes drops it); after a zone without an offset ("GMT (China Standard
# Time)") it is no stamp: the name, not GMT, may be what the clock showed
_TZ_NAMED = r"(?P<tz>(?:" + _SIGNED + r"|" + _IN_BRACKETS + r")(?:\s*\([^()]*\))?|Z|UTC?|GMT)"
_ISO = (
    r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"
    r"(?:(?:T|\s+)" + AMPM1 + r"?\s*(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d{1,9}))?)?"
    r"\s*" + AMPM2 + r"?)?"
    r"\s*(?:" + _TZ_NAMED + r"(?:\[[A-Za-z][A-Za-z0-9_+:/-]*\])?)?$"
)
# a two-digit year (3/5/26, Oracle's 05-MAR-26) is 20YY (stamps._parse_slow): a later one is in the future, an error
_US = (
    r"^(?P<m>\d{1,2})(?P<sep>[/.-])(?P<d>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
    r"(?:\s+" + AMPM1 + r"?\s*(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d{1,9}))?)?"
    r"\s*" + AMPM2 + r"?)?(?:\s*" + _TZ_NAMED + r")?$"
)
_ZH = (
    r"^(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日?"
    + _ZH_WEEKDAY
    + r"(?:\s*"
    + AMPM1
    # a whole hour without its minutes too: 下午3点, 晚上12点, 9点整
    + r"?\s*(?P<H>\d{1,2})(?:[:时点](?P<M>\d{2})分?(?:[:]?(?P<S>\d{2})秒?)?|[时点]整?))?"
    r"(?:\s*" + _TZ_NAMED + r")?$"
)
_MONTH_NAMES = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# also day, month's name and year as Jira (03/Nov/26 2:05 PM, its dd/MMM/yy h:mm a) and Zoho Desk (03 Nov 2026
# 02:05 PM) write them: a slash between, a two-digit year (20YY), a 12-hour time
_RFC2822 = (
    r"(?i)^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?\s*)?(?P<d>\d{1,2})(?:[\s-]+|/)"
    + _MONTH_NAMES
    + r"\.?(?:[\s-]+|/)(?P<y>\d{4}|\d{2})"
    r"(?:,?\s+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d{1,9}))?)?\s*(?P<ampm2>[AaPp]\.?[Mm]\.?)?)?"
    # its zone as the other families read it: RFC 2822's comment after the zone ("+0000 (UTC)") only after a signed
    # offset; a comment alone ("21:15:00 (GMT)") or after a zone without an offset was read as local time
    r"(?:\s*" + _TZ_NAMED + r")?$"
)
_MONTH_FIRST = (
    r"(?i)^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?\s*)?"
    + _MONTH_NAMES
    + r"\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})"
    r"(?:,?\s+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d{1,9}))?)?\s*(?P<ampm2>[AaPp]\.?[Mm]\.?)?)?"
    r"(?:\s*" + _TZ_NAMED + r")?$"
)
# Oracle's default date and timestamp formats (NLS DD-MON-RR, DD-MON-RR HH.MI.SSXFF AM, ... TZR): 05-MAR-26,
# 05-MAR-26 09.05.00.000000 AM, 05-MAR-26 09.05.00.000000 PM +08:00; a four-digit year and colons too
_ORACLE = (
    r"(?i)^(?P<d>\d{1,2})-" + _MONTH_NAMES + r"-(?P<y>\d{4}|\d{2})"
    r"(?:\s+(?P<H>\d{1,2})[.:](?P<M>\d{2})(?:[.:](?P<S>\d{2})(?:[.,](?P<f>\d{1,9}))?)?\s*(?P<ampm2>[AaPp]\.?[Mm]\.?)?)?"
    r"(?:\s*" + _TZ_NAMED + r")?$"
)
# Java's Date.toString() of a GMT zone: ``Tue Nov 03 21:15:00 GMT+08:00 2026`` (a zone's letters, CST, not read)
_JAVA_DATE = (
    r"(?i)^(?:mon|tue|wed|thu|fri|sat|sun)\s+"
    + _MONTH_NAMES
    + r"\s+(?P<d>\d{1,2})\s+(?P<H>\d{1,2}):(?P<M>\d{2})"
    r"(?::(?P<S>\d{2}))?\s+(?P<tz>(?:UTC|GMT)[+-]\d{1,2}(?::?\d{2})?)\s+(?P<y>\d{4})$"
)
_COMPACT = r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?:[T ]?(?P<H>\d{2})(?P<M>\d{2})(?P<S>\d{2})?(?P<tz>Z|[+-]\d{2}(?::?\d{2})?)?)?$"
_FAMILIES = (_ISO, _US, _ZH, _RFC2822, _ORACLE, _MONTH_FIRST, _JAVA_DATE, _COMPACT)
_UNIX = r"^(?:(?P<s>[1-9]\d{9})(?:[.](?P<f>\d{1,6}))?|(?P<ms>[1-9]\d{12}))$"
_MONTHS = {
    name: str(n) for n, name in enumerate(("jan feb mar apr may jun jul aug sep oct nov dec").split(), 1)
}
