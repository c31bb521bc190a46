"""Stamps that say "no stamp" (helper probe of real complaint exports): a database or spreadsheet writes an empty
date as a date of its own, never as a blank cell. Such a cell in a later stamp column (first response, resolution,
close) is blank, said in a notice; read as a time it made an open complaint closed or answered at a time left out.

- MySQL's zero date: ``0000-00-00`` (``0000-00-00 00:00:00``);
- the Unix epoch (a time of 0) shown in any zone: a stamp within a day of 1970-01-01 00:00 UTC (``1970-01-01
  08:00:00`` in China);
- an Excel cell holding 0 shown as a date: ``1900-01-00`` (``1900/1/0``), ``1899-12-30`` or ``1899-12-31``, at
  midnight or without a time;
- the number 0 itself (``0``, ``0.0``: an unformatted Excel zero, a Unix time of 0): it was a stamp "missing a
  usable time" and the complaint counted as answered, resolved or closed.

A received time given so stays an error (a complaint needs its received time): only lenient stamp fields are read
so (portal.ingest.validation). The cells are blanked before the column is read, so that they weigh in none of the
column's decisions (its day order, the "all at midnight" rule) and a file read in chunks reads them alike.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from portal.i18n import listed
from portal.ingest.cells import NOT_YET, as_arrow
from portal.ingest.stamps import parse_timestamps

_MIDNIGHT = r"(?:[ T]0{1,2}:00(?::00(?:[.]0+)?)?Z?)?"
_ZERO_DATES = (
    r"^(?:0+(?:[.]0+)?$|(?:0000[-/.]0{1,2}[-/.]0{1,2}|1900[-/.]0?1[-/.]0{1,2}|1899[-/.]12[-/.]3[01])"
    + _MIDNIGHT
    + "$)"
)
# cells that may be the epoch (read as stamps to tell): 1969-12-31, 1970-01-01 or 1970-01-02 with anything after
_NEAR_EPOCH = r"^(?:1969[-/.]12[-/.]31|1970[-/.]0?1[-/.]0?[12])(?:$|[ T])"
_EPOCH = pd.Timestamp("1970-01-01")
_DAY = pd.Timedelta(days=1)


def no_stamp_cells(cells: pd.Series) -> pd.Series:
    """Which cells (stripped text, "" blank) say "no stamp" (the module docstring), by index."""
    text = as_arrow(cells)
    zero = pc.fill_null(pc.match_substring_regex(text, _ZERO_DATES), False).to_numpy(zero_copy_only=False)
    near = pc.fill_null(pc.match_substring_regex(text, _NEAR_EPOCH), False).to_numpy(zero_copy_only=False)
    out = pd.Series(zero.astype(bool), index=cells.index)
    near = near.astype(bool) & ~out.to_numpy()
    if near.any():
        # a time without a zone is taken as written (in UTC): the epoch shown in any zone lies within a day of it
        read = parse_timestamps(cells[near], "UTC", datetime(2100, 1, 1)).utc
        out[read.index] = ((read - _EPOCH).abs() <= _DAY).fillna(False).to_numpy(dtype=bool)
    return out.astype(np.bool_)


def not_yet_blank(f, stripped: pd.Series, column: str, notices: list) -> pd.Series:
    """``stripped`` (the cells of field ``f``) with those of an optional stamp column that say the step has not
    happened (``cells.NOT_YET``: 未响应, 超时未响应, "Pending") blank, said in a notice naming the words: the
    complaint counts as not answered (not resolved, not closed) as the column says. Only cells without a digit
    are looked at (a stamp always holds one). Any other field's cells as they are."""
    if f.type != "timestamp" or f.required:
        return stripped
    wordy = ~stripped.str.contains(r"\d", regex=True) & (stripped != "")
    if not wordy.any():
        return stripped
    not_yet = np.zeros(len(stripped), dtype=bool)
    not_yet[wordy.to_numpy()] = stripped[wordy].str.strip().str.casefold().isin(NOT_YET).to_numpy()
    if not not_yet.any():
        return stripped
    found = sorted(stripped[not_yet].unique())
    more = len(found) > 5
    notices.append(
        (
            "ingest.notice.not_yet",
            {"column": column, "n": int(not_yet.sum()), "words": listed(found[:5], more)},
        )
    )
    return stripped.where(~not_yet, "")
