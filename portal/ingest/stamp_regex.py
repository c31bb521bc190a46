"""Named groups of a regular expression read out of a column of cells (``extract``), as ``Series.str.extract``
reads them, the fast way for the column's length: pyarrow's RE2 for a long column, Python's ``re`` for a short
one. The stamp families' patterns (``stamp_patterns``) and split_stamps' times of day are read so."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from portal.ingest.cells import as_arrow

_GROUP_NAMES = re.compile(r"\(\?P<([A-Za-z_][A-Za-z0-9_]*)>")


def _re2_forms(pattern: str) -> list[str]:
    """``pattern`` as RE2 (pyarrow) takes it: RE2 has no back-references, so the US family's "the same
    separator twice" becomes one pattern per separator."""
    if "(?P=sep)" not in pattern:
        return [pattern]
    return [
        pattern.replace("(?P<sep>[/.-])", f"(?P<sep>{re.escape(c)})").replace("(?P=sep)", re.escape(c))
        for c in "/.-"
    ]


# cells: below it a column's stamps are read by Python's regex (compiled once and cached), at and above by RE2's
# (pyarrow). The eight stamp families over a mixed column (median of 5, a quiet 2-core machine), Python against
# RE2: 20 cells 10 ms against 29, 200 cells 13 against 25, 1,000 cells 24 against 28, 2,000 cells 40 against 34.
PYTHON_REGEX_BELOW = 1000


def extract(values: pd.Series, pattern: str) -> pd.DataFrame:
    """``values.str.extract(pattern)`` (named groups; NaN where a cell does not match or a group takes no
    part), column-wide: pyarrow's RE2 first, Python's ``re`` only for cells RE2 cannot read as Python does.
    The same result by construction: RE2's ``\\d`` and ``\\s`` are ASCII-only and its ``$`` is the end of the
    text, while Python's take Unicode digits and spaces, \\v and \\x1c-\\x1f, and an end before a last newline;
    nothing else in these patterns differs. So a cell RE2 matches reads the same in both, and a cell it does not
    match can only match in Python when it holds one of those characters (``_python_only``): those cells, and
    only those, go to Python (issue 14: Python's regex took 3 s for a US-format column of 300,000 cells).
    A column of fewer than ``PYTHON_REGEX_BELOW`` cells is read by Python's regex alone: pyarrow's way costs some
    3 ms a call whatever the length (the compiled forms and the frames around them), three times Python's over 20
    cells. Both ways give a group that took no part, or took "", as NaN."""
    if len(values) < PYTHON_REGEX_BELOW:
        return values.str.extract(pattern).replace("", np.nan)
    names = _GROUP_NAMES.findall(pattern)
    text = as_arrow(values)
    if isinstance(text, pa.ChunkedArray):
        text = text.combine_chunks()
    found = {name: pa.nulls(len(text), pa.string()) for name in names}
    matched = pa.array(np.zeros(len(text), dtype=bool))
    for form in _re2_forms(pattern):
        # matched first without the groups (4-6 ms against 15-49 ms a 100,000-cell column): a form none takes is skipped
        hit = pc.and_not(pc.fill_null(pc.match_substring_regex(text, form), False), matched)
        if not pc.any(hit).as_py():
            continue
        got = pc.extract_regex(text, form)
        for name in names:
            part = pc.struct_field(got, name)
            part = pc.if_else(pc.equal(part, ""), None, part)  # a group that took no part ("" from RE2)
            found[name] = pc.if_else(hit, part, found[name])
        matched = pc.or_(matched, hit)
    expected = values.iloc[:0].str.extract(pattern).dtypes.to_dict()
    out = pd.DataFrame(
        {
            n: pd.Series(found[n].to_pandas(types_mapper=_PANDAS_STR.get).array, index=values.index)
            for n in names
        },
        index=values.index,
    ).astype(expected)
    python_only = ~matched.to_numpy(zero_copy_only=False) & _python_only(text)
    if python_only.any():
        rest = values[python_only]
        out.loc[rest.index] = rest.str.extract(pattern).to_numpy()
    return out


_PANDAS_STR = {pa.string(): pd.StringDtype("pyarrow", na_value=np.nan)}  # pandas' own str columns


# a character where Python's regex classes may differ from RE2's: \n (Python's $), \v and \x1c-\x1f (Python's
# \s), or anything beyond ASCII but the CJK ideographs (Unicode digits and spaces; an ideograph is neither)
_PYTHON_ONLY = r"[\n\x0b\x1c-\x1f]|[^\x00-\x7f\x{4e00}-\x{9fff}]"


def _python_only(text: pa.Array) -> np.ndarray:
    """Cells Python's regex may read otherwise than RE2 (``_PYTHON_ONLY``): a Chinese stamp such as
    2026年3月1日 下午 2:30 is not one of them."""
    special = pc.match_substring_regex(text, _PYTHON_ONLY)
    return pc.fill_null(special, False).to_numpy(zero_copy_only=False).astype(bool)
