"""The one stamp format most exports write, ``YYYY-MM-DD HH:MM:SS``, read column-wide by Arrow and numpy (issue 14:
a million-row complaint import reads four such columns; pandas' ``to_datetime`` took ~25 ms a 100,000-cell column,
this ~8). ``stamps.parse_timestamps`` takes these cells first; pandas' formats read the others as before."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

WIDTH = 19  # 2026-03-01 09:30:00: the first of stamps._FAST_FORMATS ("%Y-%m-%d %H:%M:%S") as written
DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
SIGNS = {4: b"-", 7: b"-", 10: b" ", 13: b":", 16: b":"}


def plain_iso(text: pa.Array | pa.ChunkedArray) -> np.ndarray | None:
    """Each cell written exactly ``YYYY-MM-DD HH:MM:SS`` (19 bytes: ASCII digits and those signs, nothing around)
    as its stamp (datetime64[us]; NaT for every other cell), read by Arrow's ISO 8601 cast. None when no cell is
    so written, or when some such cell is not a real stamp (Arrow refuses a day, hour, minute or second out of
    range, where pandas reads 23:59:60 as the next minute) or lies outside the years 1900-2199: then pandas reads
    them all as before. What Arrow gives is what ``pd.to_datetime(format="%Y-%m-%d %H:%M:%S")`` gives them."""
    if isinstance(text, pa.ChunkedArray):
        text = text.combine_chunks()
    sized = pc.fill_null(pc.equal(pc.binary_length(text), WIDTH), False).to_numpy(zero_copy_only=False)
    if not sized.any():
        return None
    cells = pc.cast(pc.filter(text, sized), pa.binary(WIDTH))  # WIDTH bytes a cell, one after another
    raw = np.frombuffer(cells.buffers()[1], dtype=np.uint8)
    raw = raw[cells.offset * WIDTH : (cells.offset + len(cells)) * WIDTH].reshape(-1, WIDTH)
    written = ((raw[:, DIGITS] - ord("0")) < 10).all(axis=1)  # (a byte below "0" wraps round to above 9)
    for at, sign in SIGNS.items():
        written &= raw[:, at] == ord(sign)
    if not written.any():
        return None
    try:
        read = pc.cast(pc.filter(pc.filter(text, sized), written), pa.timestamp("us"))
    except pa.ArrowInvalid:
        return None
    lo, hi = (pc.year(v).as_py() for v in pc.min_max(read).values())
    if lo < 1900 or hi >= 2200:
        return None
    rows = np.flatnonzero(sized)[written]
    stamps = np.full(len(text), np.datetime64("NaT"), dtype="datetime64[us]")
    stamps[rows] = read.to_numpy(zero_copy_only=False)
    return stamps
