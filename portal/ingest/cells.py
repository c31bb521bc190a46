"""Cleaning text cells column-wide (issue 14): what the user meant by a cell, for a whole column at once.

A cell of printable ASCII without outer spaces and not Excel's ``="..."`` wrapper (a "plain" cell, nearly
every cell of a real export) is left as it is by every cleaning step: it has no invisible character, nothing to
trim, and NFKC leaves ASCII alone. Which cells are plain is one pyarrow regex over the column (RE2, in C++);
only the other cells are cleaned in Python, once per distinct value. The rules themselves are in
``_clean_each`` (applied to every cell, they give the same result: the tests check both ways).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

# What exports write for "no value". Read as blank in every field but free text (a comment "-" stays).
PLACEHOLDERS = frozenset(
    {
        "n/a",
        "na",
        "#n/a",
        "n.a.",
        "null",
        "none",
        "nil",
        "nan",
        "nat",
        "-",
        "--",
        "—",
        "–",
        "/",
        "无",
        "空",
        "暂无",
    }
    | {"not applicable", "unknown", "不适用", "未知", "不详"}
    | {"no agent"}  # Freshdesk's agent of an unassigned ticket (it became an agent named "No Agent")
    | {"(blank)", "(空白)", "（空白）"}  # Excel's pivot tables and filters: an empty cell
    | {"无需评分", "不需评分", "不评分", "免评", "不涉及", "无此项"}  # QA forms' "not scored: does not apply"
    | {"(空)", "(跳过)"}  # survey tools' markers (问卷星: no answer, skipped)
)
# A rating nobody gave, as ticketing tools write it in their satisfaction column (Udesk's 未评价, Zendesk's
# "Offered" / "Unoffered": a survey sent or not, never answered): blank in an optional rating field only (a 1-5
# post-resolution satisfaction), where it was refused as "neither a number nor an answer word"
NOT_RATED = frozenset(
    {"未评价", "未评", "未评分", "暂无评价", "无评价", "未打分", "未回评", "未参评", "未邀评", "未邀请评价"}
    | {
        "offered",
        "unoffered",
        "not offered",
        "not rated",
        "unrated",
        "no rating",
        "not answered",
        "no response",
    }
)
# A step not taken yet, as ticketing tools write it in its stamp column (a work order's 首次响应时间 of 未响应 or
# 超时未响应, a resolution time of 未解决): no stamp, in an optional stamp column only. Before, such a cell was a
# stamp "missing a usable time" and the complaint counted as answered (its 24-hour breach unseen)
NOT_YET = frozenset(
    {
        "未响应",
        "未回复",
        "未答复",
        "未应答",
        "尚未响应",
        "尚未回复",
        "超时未响应",
        "超时未回复",
        "待响应",
        "待回复",
    }
    | {
        "未处理",
        "待处理",
        "未解决",
        "尚未解决",
        "超时未解决",
        "待解决",
        "未关闭",
        "尚未关闭",
        "待关闭",
        "未完成",
    }
    | {"not responded", "no reply", "not replied", "unanswered", "awaiting response", "not yet", "pending"}
    | {"not resolved", "unresolved", "not closed", "not solved", "unsolved"}
)
# An unassigned ticket's agent (or store) as CRMs and ticket queues write it: no code, in a code column only (with
# "add unknown codes" each became an agent of that name); elsewhere the words keep their meaning (a status
# "Unassigned" is an open ticket)
UNASSIGNED = frozenset({"unassigned", "not assigned", "未分配", "待分配", "未指派", "未指定"})
# Markers a survey tool writes for "no answer" even in a free-text column (问卷星's "(空)" and "(跳过)", full-width
# brackets too): blank there as well, where any other placeholder is kept as the person's text.
_NO_ANSWER = frozenset({"(空)", "（空）", "(跳过)", "（跳过）"})
_INVISIBLE = r"[\u200b-\u200d\u2060\ufeff\u00ad]"
_EXCEL_TEXT = r'^="(.*)"$'  # ="0042": Excel's way to keep a code as text
_ASCII_PLACEHOLDERS = pa.array(sorted(p for p in PLACEHOLDERS if p.isascii()))


def as_arrow(s: pd.Series) -> pa.Array | pa.ChunkedArray:
    """The column as a pyarrow string array (zero-copy for pandas' pyarrow-backed ``str`` columns); a cell
    that is not text (only in hand-built frames) counts as missing."""
    if hasattr(s.array, "__arrow_array__"):
        return pa.array(s.array)
    text = s.astype(object)
    return pa.array(text.where(text.map(lambda v: isinstance(v, str)), None), pa.string(), from_pandas=True)


def non_ascii(s: pd.Series) -> np.ndarray:
    """Cells holding a character beyond ASCII (only those can hold invisible characters or mojibake)."""
    ascii_only = pc.fill_null(pc.string_is_ascii(as_arrow(s)), True)
    return ~ascii_only.to_numpy(zero_copy_only=False).astype(bool)


def simple_numbers(s: pd.Series) -> np.ndarray:
    """Cells that are blank or a plain decimal number (``-12``, ``4.5``): ``pd.to_numeric`` reads them as
    they are, with no unit, thousands separator or decimal comma to handle."""
    simple = pc.match_substring_regex(as_arrow(s), "^(?:[+-]?[0-9]+(?:[.][0-9]+)?)?$")
    return pc.fill_null(simple, False).to_numpy(zero_copy_only=False).astype(bool)


# An Excel date-time kept as its serial number (a General-formatted cell, or a CSV saved from one): days since
# 1899-12-30 (the 1900 date system), a fraction the time of day; 20000-79999 is 1954-10-03 to 2119-01-17
EXCEL_SERIAL = r"[2-7][0-9]{4}(?:[.][0-9]+)?"
# Numbers that are stamps (portal.ingest.stamps reads them): Unix time, 10 digits (seconds, maybe with a fraction)
# or 13 (milliseconds), a compact date or date and time (20250210, 202502100322, 20250210032208, 20250210 032208),
# or an Excel serial (46341.91666666666)
DIGIT_STAMP = (
    r"^(?:[1-9][0-9]{9}(?:[.][0-9]{1,6})?|[1-9][0-9]{12}|[0-9]{8}(?:[T ]?[0-9]{4}(?:[0-9]{2})?)?|"
    + EXCEL_SERIAL
    + ")$"
)


def digit_stamps(s: pd.Series) -> np.ndarray:
    """Cells written as a stamp in digits (``DIGIT_STAMP``), a valid date or not."""
    stamp = pc.match_substring_regex(as_arrow(s), DIGIT_STAMP)
    return pc.fill_null(stamp, False).to_numpy(zero_copy_only=False).astype(bool)


def plain_mask(s: pd.Series) -> np.ndarray:
    """Cells every cleaning step leaves unchanged (see the module docstring); a missing cell is not plain."""
    arr = as_arrow(s)
    printable = pc.and_(pc.string_is_ascii(arr), pc.ascii_is_printable(arr))  # "" counts as printable
    outer = pc.or_(pc.or_(pc.starts_with(arr, " "), pc.ends_with(arr, " ")), pc.starts_with(arr, '="'))
    plain = pc.and_(printable, pc.invert(outer))
    return pc.fill_null(plain, False).to_numpy(zero_copy_only=False).astype(bool)


def _clean_each(raw: pd.Series, free_text: bool) -> tuple[pd.Series, pd.Series]:
    """The cleaning rules, cell by cell (see ``clean_cells``)."""
    s = raw.str.replace(_INVISIBLE, "", regex=True).str.replace(_EXCEL_TEXT, r"\1", regex=True).str.strip()
    if free_text:
        marker = s.isin(_NO_ANSWER)
        return s.where(~marker, ""), marker
    s = s.str.normalize("NFKC").str.strip()
    placeholder = s.str.casefold().isin(PLACEHOLDERS)
    return s.where(~placeholder, ""), placeholder


def blank_placeholders(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Cleaned free-text cells with the ``PLACEHOLDERS`` ("-", N/A, 无) blank, and which were: for a text counted in
    standard groups (a complaint's category), whose other cells are kept as written. Each distinct value once."""
    said = [v for v in pd.unique(cells) if v and str(v).casefold() in PLACEHOLDERS]
    if not said:
        return cells, pd.Series(False, index=cells.index)
    none = cells.isin(said)
    return cells.where(~none, ""), none


def clean_cells(raw: pd.Series, free_text: bool = False) -> tuple[pd.Series, pd.Series]:
    """Cells as the user meant them: invisible characters (zero-width space, BOM, soft hyphen) dropped,
    ``="0042"`` unwrapped, outer spaces (no-break and ideographic too) trimmed; outside free text also
    full-width letters and digits made plain (Ｓ００１ -> S001) and placeholders (N/A, -, null, 无) blank; in free
    text only a survey tool's no-answer marker (问卷星's "(空)") is blank.
    Returns the cleaned cells and which cells were placeholders. Column-wide: plain cells are kept as they
    are (only ASCII placeholders looked up among them), the others cleaned once per distinct value."""
    plain = plain_mask(raw)
    placeholder = np.zeros(len(raw), dtype=bool)
    if not free_text and plain.any():
        lowered = pc.utf8_lower(as_arrow(raw))
        placeholder = (
            pc.fill_null(pc.is_in(lowered, value_set=_ASCII_PLACEHOLDERS), False).to_numpy(
                zero_copy_only=False
            )
            & plain
        )
    out = raw
    if not plain.all():
        odd = raw[~plain]
        distinct = pd.Series(pd.unique(odd), dtype=raw.dtype if raw.dtype != object else object)
        cleaned, held = _clean_each(distinct, free_text)
        position = pd.Index(distinct).get_indexer(odd)
        out = raw.copy()
        out[~plain] = cleaned.to_numpy(dtype=object)[position]
        placeholder[~plain] = held.to_numpy(dtype=bool)[position]
    if placeholder.any():
        out = out.where(~placeholder, "")
    elif out is raw:
        out = raw.copy()
    return out, pd.Series(placeholder, index=raw.index)


_SAMPLE = 10_000  # cells looked at to tell an id column from a column of codes


def shared_objects(s: pd.Series) -> pd.Series:
    """``s.astype(object)`` (missing cells NaN) in which equal cells share one Python string: a column of a few
    hundred distinct codes costs a pointer per row, not a string per row."""
    if s.dtype == object:  # already objects (its missing cells may be None): as it is
        return s.astype(object)
    if len(s) > 2 * _SAMPLE and s.iloc[:_SAMPLE].nunique() > _SAMPLE // 2:
        return s.astype(
            object
        )  # mostly distinct (an id column): nothing to share, and hashing 1M cells costs
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    table = np.append(np.asarray(uniques, dtype=object), np.nan)  # code -1 (missing) takes the last: NaN
    return pd.Series(table[codes], index=s.index, dtype=object)


def map_distinct(s: pd.Series, lookup: Mapping) -> pd.Series:
    """``s.map(lookup)`` (a dict; a cell it lacks, and a missing cell, give NaN), looked up once per distinct
    cell: pandas maps a dict through an index probe per cell (~0.3 s per million cells of text), this through
    one factorize. Same values and dtype as ``Series.map`` (text comes back as pandas' ``str``)."""
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    table = np.empty(len(uniques) + 1, dtype=object)
    table[:-1] = [lookup.get(u, np.nan) for u in uniques]
    table[-1] = np.nan  # code -1: a missing cell
    table[pd.isna(table)] = np.nan  # None in the lookup reads as NaN, as Series.map gives it
    return pd.Series(table[codes], index=s.index).infer_objects()


_SPACES = re.compile(r"\s+")  # any run of spaces: no-break, ideographic (　), em ... (Python's \s is Unicode)
_CJK = "\u2e80-\u9fff\uf900-\ufaff"
CJK_GAP = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")  # a space between two Chinese characters


def one_space(text: str) -> str:
    """A value's spaces as a reader sees them: a run of any spaces one plain space, none between two Chinese
    characters (服务　态度 is 服务态度), none at the ends ("App 闪退" keeps its space)."""
    return CJK_GAP.sub("", _SPACES.sub(" ", text)).strip()


@functools.cache
def _t2s():
    from opencc import OpenCC  # only when a text is not ASCII

    return OpenCC("t2s")


def simplified(text: str) -> str:
    """``text`` with its Traditional Chinese characters written Simplified (OpenCC's ``t2s``; ``opencc`` pinned in
    requirements.txt), so a header or a coded value in Traditional characters (a Big5 export from Taiwan or Hong
    Kong: 門店編碼, 已關閉, 電話熱線) reads as the Simplified one; the words Taiwan uses for some things (門市 for a
    store) stay aliases of their own. ASCII text is left as it is."""
    return text if text.isascii() else _t2s().convert(text)


def one_space_column(s: pd.Series) -> pd.Series:
    """``one_space`` of each cell (a missing cell NaN), once per distinct cell, as objects in which equal cells
    share one Python string (what ``shared_objects`` gives): one factorize, where ``map_distinct`` and its
    ``infer_objects`` made a new Arrow column and a Python string per row again (~22 ms a column of 100,000
    cells against ~6; issue 14)."""
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    table = np.empty(len(uniques) + 1, dtype=object)
    table[:-1] = [one_space(u) for u in uniques]
    table[-1] = np.nan  # code -1: a missing cell
    return pd.Series(table[codes], index=s.index, dtype=object)


def distinct_mask(s: pd.Series, test: Callable[[str], object]) -> np.ndarray:
    """Which cells pass ``test`` (called with the cell as text), looked up once per distinct cell: a column of a
    few hundred codes costs a few hundred calls, not one Python call per row as pandas' ``.str`` methods cost
    where pyarrow has no kernel (``casefold``, a regex over objects). A missing cell passes none."""
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    table = np.zeros(len(uniques) + 1, dtype=bool)  # code -1 (a missing cell): False
    table[:-1] = [bool(test(str(u))) for u in uniques]
    return table[codes]


def parse_number(s: pd.Series) -> pd.Series:
    """Numbers as exports write them: ``1,234.5`` (thousands), ``4,5`` (a decimal comma), ``9分``, ``20%``.
    Plain decimal numbers and blanks (nearly every cell) are read column-wide; the rules below run on the rest."""
    simple = simple_numbers(s)
    if simple.all():
        return pd.to_numeric(s, errors="coerce")
    if simple.any():
        out = pd.to_numeric(s.where(simple, ""), errors="coerce").astype("float64")
        out[~simple] = _parse_number_text(s[~simple]).astype("float64")
        return out
    return _parse_number_text(s)


def _parse_number_text(s: pd.Series) -> pd.Series:
    t = s.str.replace(r"\s*(?:分|%)$", "", regex=True)
    thousands = t.str.fullmatch(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?").fillna(False)
    decimal_comma = t.str.fullmatch(r"[+-]?\d+,\d+").fillna(False) & ~thousands
    t = t.where(~thousands, t.str.replace(",", "", regex=False))
    t = t.where(~decimal_comma, t.str.replace(",", ".", regex=False))
    return pd.to_numeric(t, errors="coerce")


# A score written with its maximum in the cell, as QA tools export points: 17/20, 8.5 / 10, 17分/20分 (the cells
# are cleaned first: a full-width ／ is a slash)
_FRACTION = r"^\s*([+-]?[0-9]+(?:[.][0-9]+)?)\s*分?\s*/\s*([0-9]+(?:[.][0-9]+)?)\s*分?\s*$"


def split_fractions(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Cells written as a score with its maximum (``17/20``): the score's text (``17``) in place of the cell, and
    the maximum beside (float; NaN in the cells that are not such a fraction, left as they are)."""
    out_of = pd.Series(np.nan, index=s.index, dtype="float64")
    odd = ~simple_numbers(s)  # plain numbers and blanks (nearly every cell) hold no slash
    if not odd.any():
        return s, out_of
    parts = s[odd].str.extract(_FRACTION)
    found = parts[0].notna()
    if not found.any():
        return s, out_of
    s = s.copy()
    s[found[found].index] = parts.loc[found, 0]
    out_of[found[found].index] = pd.to_numeric(parts.loc[found, 1]).astype("float64")
    return s, out_of
