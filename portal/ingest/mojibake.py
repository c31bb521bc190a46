"""Repairing double-encoded UTF-8 in the cells of a read file (text that was UTF-8, read as Windows-1252 and
saved again as UTF-8), column-wide: only non-ASCII cells are looked at."""

from __future__ import annotations

import re

import pandas as pd

from portal.ingest.cells import non_ascii
from portal.ingest.raw import RawTable

# Two characters that UTF-8 text shows when it was decoded as Windows-1252/Latin-1 and saved again as
# UTF-8 ("æŠ•è¯‰" for 投诉): a lead byte 0xC2-0xF4 followed by a continuation byte 0x80-0xBF, as cp1252.
_CONTINUATION = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
MOJIBAKE_RE = re.compile(f"[\u00c2-\u00f4][{_CONTINUATION}]")


def repair_mojibake(raw: RawTable) -> None:
    """Repair text that was UTF-8, read as Windows-1252 and saved again as UTF-8 (ftfy.fix_encoding)."""
    import ftfy

    headers = [ftfy.fix_encoding(h) if MOJIBAKE_RE.search(h) else h for h in raw.headers]
    if headers != raw.headers:
        raw.headers = headers
        raw.frame.columns = headers
    repaired = 0
    for col in raw.frame.columns:
        series = raw.frame[col]
        suspect = pd.Series(False, index=series.index)
        wide = non_ascii(series)  # mojibake is non-ASCII: the regex runs on those cells alone
        if wide.any():
            suspect[wide] = series[wide].str.contains(MOJIBAKE_RE, regex=True).fillna(False).to_numpy(bool)
        if not suspect.any():
            continue
        fixed = series[suspect].map(ftfy.fix_encoding)
        changed = fixed != series[suspect]
        repaired += int(changed.sum())
        raw.frame.loc[fixed.index, col] = fixed
    if repaired:
        raw.repaired_cells = repaired
        raw.notes.append(("ingest.notice.mojibake", {"n": repaired}))
