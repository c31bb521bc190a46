"""Exports: CSV that a spreadsheet opens safely (formula-leading cells neutralised)."""

from __future__ import annotations

from datetime import date

import pandas as pd

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Prefix a text cell that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_LEADS):
        return "'" + value
    return value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise)
    return out


def period_tag(start: date, end: date | None = None) -> str:
    """The period an export holds, for its file name: ``YYYYMMDD-YYYYMMDD`` (``YYYYMMDD`` for one day: an
    export as of a date)."""
    if end is None or end == start:
        return f"{start:%Y%m%d}"
    return f"{start:%Y%m%d}-{end:%Y%m%d}"


def period_file_name(stem: str, start: date, end: date | None = None, ext: str = "csv") -> str:
    """An export's file name carrying its period: ``complaints_20260301-20260331.csv``."""
    return f"{stem}_{period_tag(start, end)}.{ext}"


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 with BOM so that Excel on a Chinese Windows opens it with the right characters."""
    return safe_frame(df).to_csv(index=False).encode("utf-8-sig")
