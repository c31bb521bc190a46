"""The words hand-edited 5S sheets use: section names and synonyms, header labels, score spellings.

Pure data and small normalising functions; the parser (``sheet_parse``) reads cells with them.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from portal.i18n import listed

# Every way a sheet names an S (English, Japanese romaji, the 4S/5S "S" words, Chinese simplified and traditional).
SECTION_WORDS: dict[str, tuple[str, ...]] = {
    "sort": ("sort", "sorting", "seiri", "整理", "1s"),
    "set_in_order": (
        "set in order",
        "set in place",
        "seiton",
        "straighten",
        "straightening",
        "simplify",
        "整顿",
        "整頓",
        "2s",
    ),
    "shine": ("shine", "seiso", "seisou", "sweep", "scrub", "sanitize", "清扫", "清掃", "3s"),
    "standardize": (
        "standardize",
        "standardise",
        "standardization",
        "seiketsu",
        "systematize",
        "systematise",
        "清洁",
        "清潔",
        "4s",
    ),
    "sustain": (
        "sustain",
        "shitsuke",
        "self discipline",
        "selfdiscipline",
        "discipline",
        "素养",
        "素養",
        "5s",
    ),
}

# Labels of the header block (left of the value) and of the item table's columns, both languages.
HEADER_LABELS: dict[str, tuple[str, ...]] = {
    "store": ("store", "store code", "shop", "门店", "门店编号", "门店代码", "店铺", "店号", "门店名称"),
    "date": ("date", "inspection date", "inspected on", "日期", "检查日期", "检查时间"),
    "inspector": ("inspector", "inspected by", "auditor", "检查人", "检查员", "检查人员", "稽核人"),
    "template": (
        "template",
        "checklist",
        "checklist version",
        "template version",
        "检查表",
        "检查表版本",
        "模板",
    ),
    "inspection_id": ("inspection id", "inspection no", "sheet id", "检查编号", "检查单号", "编号id"),
}
# A foreign sheet's pass/fail column (√ / ×, read by ``score_word``) is its score column when it has no column
# headed as a score (sheet_layout.find_table prefers that one)
RESULT_LABELS = ("result", "results", "check result", "检查结果", "结果", "是否合格")
COLUMN_LABELS: dict[str, tuple[str, ...]] = {
    "section": (
        "section",
        "5s",
        "s",
        "category",
        "area",
        "类别",
        "项目类别",
        "分区",
        "区分",
        "5s项目",
        "分类",
    ),
    "code": ("code", "item code", "no", "item no", "编号", "检查项编号", "项目编号", "代码"),
    "item": (
        "item",
        "check item",
        "checkpoint",
        "standard",
        "criteria",
        "检查项",
        "检查项目",
        "检查内容",
        "检查标准",
        "项目",
        "内容",
    ),
    "score": ("score", "points", "rating", "得分", "实得分", "评分", "分数", "打分", *RESULT_LABELS),
    "comment": (
        "comment",
        "comments",
        "remark",
        "remarks",
        "note",
        "notes",
        "finding",
        "备注",
        "说明",
        "问题描述",
        "意见",
    ),
}
# A row whose first text is one of these ends the item table (summaries and free tables below the items).
END_LABELS = (
    "total",
    "overall",
    "sum",
    "subtotal",
    "section score",
    "score summary",
    "area to improve",
    "areas to improve",
    "areas for improvement",
    "corrective action",
    "corrective actions",
    "action plan",
    "signature",
    "signed",
    "合计",
    "总分",
    "小计",
    "总计",
    "得分率",
    "需改进",
    "需改善",
    "待改进事项",
    "整改措施",
    "纠正措施",
    "合格率",  # a pass/fail sheet's totals row (its share of items passed)
    "pass rate",
)
# A signature line below the items: the word alone or first (签字：, Signature), or a role before it (督导签字：,
# 店长签名, Inspector signature): a short label, a role of a few characters or words, then the word; an item's text
# that ends in 签字 (交接班按标准清单进行并签字) is longer than a role. A short item can read the same (是否签字,
# 员工签名, Visitor log signature): such a label ends the table only on a row with no score or mark and no item
# (sheet_layout.is_signature_line), not by itself as END_LABELS do.
SIGNATURE_LABELS = ("signature", "signed", "签字", "签名")
_SIGNATURE_LABEL = re.compile(
    r"(?:[\u4e00-\u9fff]{1,5}(?:签字|签名|签章)(?:确认)?|(?:[a-z]+ ){1,2}signature)(?: .*)?"
)
NOT_APPLICABLE = ("n/a", "na", "n.a.", "n a", "not applicable", "-/-", "不适用", "无此项", "不涉及", "免")
MARKS = ("x", "✓", "✔", "√", "v", "y", "yes", "•", "●", "1")
# A score written as a word or a mark (``score_word``): full marks or a tick is the item's maximum, a cross 0. Not
# "x", "v" or "y": under a column per score they mark the score chosen (MARKS), in a score cell they say nothing.
FULL_MARKS = ("满分", "full marks", "full score")
PASS_MARKS = ("✓", "✔", "√", "☑", "✅")
FAIL_MARKS = ("✗", "✘", "×", "✕", "✖", "☒", "❌")
# The words a pass/fail column (headed as a result: ``RESULT_LABELS``, e.g. 是否合格) is filled in with, read as a
# tick or a cross there only: elsewhere "y" or "yes" marks a column per score and "no" says nothing
PASS_WORDS = ("是", "合格", "通过", "y", "yes", "pass", "ok")
FAIL_WORDS = ("否", "不合格", "不通过", "n", "no", "fail", "ng")
FORMULA_ERRORS = (
    "#ref!",
    "#div/0!",
    "#value!",
    "#name?",
    "#num!",
    "#null!",
    "#n/a",
    "#spill!",
    "#calc!",
    "#error!",
)
# Not 〇: the digit zero in Chinese, but also the circle a 5S sheet marks a pass with (✓ ✗ 〇 △); which one it is
# cannot be told, so a score written 〇 is refused at its cell, as ○ and △ are
_ZH_DIGITS = {
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}

_NOISE = re.compile(r"[\s_\-/\\:：()（）\[\]【】.,，、;；'\"]+")


def norm(value) -> str:
    """Case, width (full-width digits), spaces, punctuation and colons do not matter."""
    text = unicodedata.normalize("NFKC", str(value if value is not None else "")).strip().casefold()
    return _NOISE.sub(" ", text).strip()


def is_formula_error(text: str) -> bool:
    return norm_keep(text) in FORMULA_ERRORS


def norm_keep(value) -> str:
    """Trimmed, NFKC, lower-case, punctuation kept (formula errors, N/A)."""
    return unicodedata.normalize("NFKC", str(value if value is not None else "")).strip().casefold()


def _label_parts(text: str) -> list[str]:
    """A bilingual label "Store / 门店" or "门店 Store" matches on either part."""
    raw = unicodedata.normalize("NFKC", str(text)).strip().casefold().rstrip(":：")
    raw = re.sub(r"[(（][^)）]*[)）]", " ", raw).strip() or raw  # "Score (0-4 or N/A)"
    parts = [raw, *re.split(r"[/|\n]", raw)]
    # "门店 store": split Chinese from Latin; a Chinese run written against Latin or digits is a word of a title
    # (门店5S检查表, 5S检查表), no label of its own
    parts += re.findall(r"(?<![a-z0-9])[\u4e00-\u9fff]+(?![a-z0-9])", raw)
    parts += [" ".join(re.findall(r"[a-z0-9]+", raw))]
    return [norm(p) for p in parts if norm(p)]


def table_labels() -> dict:
    """The headers an item table is found by, for the message that found none: {"items": ..., "scores": ...}."""
    return {"items": listed(COLUMN_LABELS["item"]), "scores": listed(COLUMN_LABELS["score"])}


def match_label(text, table: dict[str, tuple[str, ...]]) -> str | None:
    """Which label of ``table`` a cell is (exactly, after normalising), or None."""
    if text is None or str(text).strip() == "":
        return None
    parts = _label_parts(str(text))
    for key, words in table.items():
        normed = {norm(w) for w in words}
        if any(p in normed for p in parts):
            return key
    return None


def section_of(text) -> tuple[str | None, bool]:
    """(section code, guessed) for a cell naming an S: exact synonym, then one S named inside the text (with
    numbering, a point note or a suffix around it: 一、整理, 整理（20分）, 整理区域), then a close spelling
    (``Substain`` -> sustain, guessed=True). (None, False) when nothing fits or the text names two S."""
    t = norm(text)
    if not t:
        return None, False
    t = re.sub(r"^(\d+\s*s?|s\s*\d+)\s+", "", t) or t  # "1 Sort", "S1 Sort", "1s 整理"
    for code, words in SECTION_WORDS.items():
        if t in words:
            return code, False
    # a Chinese name is two characters, written against the text around it (整理区域): found at any length
    hits = {
        code
        for code, words in SECTION_WORDS.items()
        for w in words
        if (len(w) > 2 or not w.isascii()) and re.search(rf"(^|[^a-z]){re.escape(w)}([^a-z]|$)", t)
    }
    if len(hits) == 1:
        return hits.pop(), False
    latin = " ".join(re.findall(r"[a-z]+", t))
    if latin:
        pool = {
            w: code for code, words in SECTION_WORDS.items() for w in words if re.fullmatch(r"[a-z ]+", w)
        }
        close = difflib.get_close_matches(latin, list(pool), n=1, cutoff=0.75)
        if close:
            return pool[close[0]], True
    return None, False


def is_end_label(text) -> bool:
    """A totals row or a table below the items (END_LABELS): ends the item table whatever else the row holds."""
    t = norm(text)
    return bool(t) and any(t == norm(w) or t.startswith(norm(w) + " ") for w in END_LABELS)


def is_subtotal_label(text) -> bool:
    """A section's subtotal row label: 小计 or Subtotal, alone or with the section's name (整理小计, Sort subtotal).
    Between two sections' items it is passed over; with no item below it ends the table as a total does."""
    t = norm(text)
    return "小计" in t or re.search(r"(^| )sub ?total( |$)", t) is not None


def is_signature_label(text) -> bool:
    """A signature line's label (签字：, 督导签字：, Inspector signature): it ends the item table only on a row
    with no score or mark that is no item (``sheet_layout.is_signature_line``)."""
    t = norm(text)
    return bool(t) and (
        any(t == norm(w) or t.startswith(norm(w) + " ") for w in SIGNATURE_LABELS)
        or _SIGNATURE_LABEL.fullmatch(t) is not None
    )


def is_not_applicable(text) -> bool:
    return norm_keep(text) in NOT_APPLICABLE or norm(text) in {norm(w) for w in NOT_APPLICABLE}


def is_mark(text) -> bool:
    return norm_keep(text) in MARKS


_OUT_OF = re.compile(r"(\d+)\s*/\s*(\d+)")


def _score_text(value) -> str:
    """A score cell's text without its unit or label around it: "3分", "得分：3", "3 pts" -> "3"."""
    t = unicodedata.normalize("NFKC", str(value)).strip().casefold()
    t = re.sub(r"\s*(分|points?|pts?\.?|score)$", "", t).strip()
    return re.sub(r"^(得分|score)\s*[:：]?\s*", "", t)


def score_out_of(value) -> int | None:
    """The maximum a score written as points of a maximum names (``3/4``, ``3/5分``): 4, 5; None otherwise."""
    if isinstance(value, bool | int | float) or value is None:
        return None
    m = _OUT_OF.fullmatch(_score_text(value))
    return int(m.group(2)) if m else None


def score_of(value) -> int | float | None:
    """A score written as a number or text: 3, 3.0, "3", "3分", "3 pts", "三", "３", "3/4" (the numerator).
    Returns an int, a non-integer float (refused by the caller) or None when the text is no number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    t = _score_text(value)
    m = _OUT_OF.fullmatch(t)
    if m:
        return int(m.group(1))
    if re.fullmatch(r"[+]?\d+", t):
        return int(t)
    if re.fullmatch(r"[+]?\d*\.\d+|\d+\.", t):
        f = float(t)
        return int(f) if f.is_integer() else f
    if t and all(ch in _ZH_DIGITS for ch in t):
        if len(t) == 1:
            return _ZH_DIGITS[t]
        if t == "十" or (len(t) == 2 and t[0] == "十"):
            return 10 + (_ZH_DIGITS[t[1]] if len(t) == 2 else 0)
    return None


def score_word(text, max_score: int, pass_fail: bool = False) -> int | None:
    """The points of a score written as a word or a mark: 满分 (full marks) or a tick (✓ √ ✔: a pass) the item's
    ``max_score``, a cross (✗ × ✘: a fail) 0; in a pass/fail column (``pass_fail``: ``is_result_header``) also
    the words of a pass (是, 合格, 通过, Y, yes, pass, OK) and of a fail (否, 不合格, 不通过, N, no, fail, NG), case
    and width aside; None for any other text."""
    t = norm_keep(text)
    if (
        t in FULL_MARKS
        or norm(text) in FULL_MARKS
        or t in PASS_MARKS
        or (pass_fail and norm(text) in PASS_WORDS)
    ):
        return max_score
    if t in FAIL_MARKS or (pass_fail and norm(text) in FAIL_WORDS):
        return 0
    return None


def is_result_header(header) -> bool:
    """A column header naming a pass/fail result (是否合格, 检查结果, Result), not a score."""
    return match_label(header, {"result": RESULT_LABELS}) is not None


# the points an item was given: 分数 and Points head a score column too, but beside one of these they are the item's
# maximum (序号 | 检查内容 | 分数 | 得分: 分数 holds 4 on every row, 得分 the scores given)
AWARDED_LABELS = ("score", "得分", "实得分", "评分", "打分", "rating")


def score_header_rank(header) -> int:
    """Which of a row's score-labelled columns holds the scores: a pass/fail result column 0, a column headed with
    another score word (分数, Points) 1, one headed as the points given (``AWARDED_LABELS``) 2; the highest wins."""
    if is_result_header(header):
        return 0
    return 2 if match_label(header, {"awarded": AWARDED_LABELS}) is not None else 1


def score_readings(read: list[tuple[str, int]]):
    """How score words were read, for a notice: "满分 = 4, ✗ = 0" (each distinct reading once, the first ten)."""
    shown = list(dict.fromkeys(f"{text} = {points}" for text, points in read))
    return listed(shown[:10], more=len(shown) > 10)


# a date written day.month.year or month.day.year: one separator twice, a four-digit year, a time may follow
_DMY_OR_MDY = re.compile(r"(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{4})(?:[ T].*)?")


@dataclass(frozen=True)
class DateReading:
    """How ``read_date`` read a cell: ``order`` is "" (a date cell, ISO, Chinese or a serial number), "dmy",
    "mdy" or "stamp" (a complaint import's stamp: RFC 2822, Unix time, compact); ``ambiguous`` when both parts are
    12 or less and differ (3/11/2026), with ``other`` the reading not taken (the caller names both); ``zone``: the
    time zone a stamp that is a moment (an offset, GMT, Unix time) was given its date in."""

    value: date | None
    order: str = ""
    ambiguous: bool = False
    other: date | None = None
    zone: str = ""


def _ymd(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def read_date(value, day_first: bool | None = None, timezone: str = "UTC") -> DateReading:
    """A header date as staff type it: a date cell, an Excel serial day, ``2026-11-23`` (``/`` ``.`` ``年月日``
    between the parts, a weekday or time after it), and day.month.year or month.day.year as the complaint
    and survey files are read (``portal.ingest.stamps``): dotted ones (``23.11.2026``, ``2.11.2026``) day
    first; slashed or dashed ones as they only can be when a part is above 12 (``23/11/2026`` day first,
    ``11/23/2026`` month first); an ambiguous one (``3/11/2026``) in the file's order (``day_first``: what the
    workbook's other dates show, ``date_order.day_order``), else month first (the portal's default, as US exports
    write them), with ``ambiguous`` set so that the reader says which reading was taken. Any other text or
    number is read as the complaint imports read a stamp (``_stamp_date``): RFC 2822, Unix time (10 or 13
    digits), compact (``20250210``, ``20250210032208``), and an ISO date and time with an offset is a moment
    too (its date in ``timezone``); a number cell from 20000 to 80000 stays an Excel serial
    day (45698 is 2025-02-10), so a bare 8-digit number is a compact date."""
    if isinstance(value, datetime):
        return DateReading(value.date())
    if isinstance(value, date):
        return DateReading(value)
    if isinstance(value, int | float) and 20000 < value < 80000:  # an Excel serial day number
        return DateReading(date(1899, 12, 30) + timedelta(days=int(value)))
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number cell: 20250210.0 is 20250210
    text = unicodedata.normalize("NFKC", str(value)).strip() if value is not None else ""
    m = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?", text)
    if m:
        if re.search(r"\d:\d\d.*(Z|UTC|GMT|[+-]\d\d:?\d\d)$", text):  # 2026-11-23T20:00Z: a moment,
            moment = _stamp_date(text, timezone)  # read as the same moment written RFC 2822 is
            if moment.zone:
                return moment
        return DateReading(_ymd(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    m = _DMY_OR_MDY.fullmatch(text)
    if not m:
        return _stamp_date(text, timezone)
    first, sep, second, year = int(m.group(1)), m.group(2), int(m.group(3)), int(m.group(4))
    dmy, mdy = _ymd(year, second, first), _ymd(year, first, second)
    if sep == ".":  # dotted: European, day first
        return DateReading(dmy, "dmy")
    if first > 12 or second > 12 or first == second:
        return DateReading(dmy, "dmy") if first > 12 else DateReading(mdy, "mdy")
    if day_first:
        return DateReading(dmy, "dmy", True, mdy)
    return DateReading(mdy, "mdy", True, dmy)


def _stamp_date(text: str, timezone: str) -> DateReading:
    """``text`` read by the complaint imports' stamp reader (``stamps.parse_timestamps``), as a flat file's date
    column is: the date a date-only or naive stamp writes (``Tue, 10 Feb 2025``, ``20250210032208``), and for a
    moment (an offset or GMT, Unix time: UTC) its date in ``timezone`` (``zone`` set). Unreadable: None."""
    if not text:
        return DateReading(None)
    import pandas as pd

    from portal.ingest import stamps

    parsed = stamps.parse_timestamps(pd.Series([text], dtype=object), timezone)
    day = parsed.local_date.iloc[0]
    if pd.isna(day):
        return DateReading(None)
    moment = not parsed.date_only.iloc[0] and parsed.naive_count == 0
    return DateReading(day.date(), "stamp", zone=timezone if moment else "")


def parse_date(value, day_first: bool | None = None, timezone: str = "UTC") -> date | None:
    return read_date(value, day_first, timezone).value


def date_example(value, today: date | None = None) -> str:
    """An ISO date built from what an unreadable date cell holds, for the message asking to write it so: its
    four-digit year (else this year), a month and a day among its numbers (a part above 12 is the day; a
    number out of range becomes the nearest one), e.g. ``11月23日`` -> ``2026-11-23``, ``31/02/2026`` ->
    ``2026-02-28``, ``next Tuesday`` -> today's date."""
    today = today or date.today()
    numbers = [int(n) for n in re.findall(r"\d+", unicodedata.normalize("NFKC", str(value or "")))]
    years = [n for n in numbers if 1000 <= n <= 9999]
    year = years[0] if years else today.year
    parts = [n for n in numbers if n < 100][:2]
    if not parts:
        return today.isoformat()
    month, day = (parts + [1])[:2]
    if month > 12 and day <= 12:
        month, day = day, month
    month = min(max(month, 1), 12)
    last = ((date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)).day
    return date(year, month, min(max(day, 1), last)).isoformat()
