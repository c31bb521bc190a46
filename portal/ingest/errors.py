"""The error log of an import: every row problem as (row, column, value, reason, detail), gathered column by
column by the checks (portal/ingest/validation.py and the kinds' own), and rendered as text in a language."""

from __future__ import annotations

import numpy as np
import pandas as pd

from portal.i18n import t

ERROR_COLUMNS = ["row", "column", "value", "reason", "detail"]


class ErrorLog:
    """Row problems gathered column by column; ``frame()`` gives one row per problem."""

    def __init__(self) -> None:
        self._parts: list[pd.DataFrame] = []

    def add(self, rows, column: str, reason: str, values=None, detail=None) -> None:
        rows = pd.Index(rows)
        if len(rows) == 0:
            return
        if isinstance(values, pd.Series):
            vals = values.reindex(rows).fillna("").astype(str).to_numpy()
        else:
            vals = np.full(len(rows), "" if values is None else str(values), dtype=object)
        if isinstance(detail, pd.Series):
            det = detail.reindex(rows).fillna("").astype(str).to_numpy()
        else:
            det = np.full(len(rows), "" if detail is None else str(detail), dtype=object)
        self._parts.append(
            pd.DataFrame(
                {
                    "row": rows.to_numpy(dtype="int64"),
                    "column": column,
                    "value": vals,
                    "reason": reason,
                    "detail": det,
                }
            )
        )

    def frame(self) -> pd.DataFrame:
        if not self._parts:
            return pd.DataFrame(
                {c: pd.Series(dtype="int64" if c == "row" else object) for c in ERROR_COLUMNS}
            )
        return pd.concat(self._parts, ignore_index=True).sort_values(
            ["row", "column"], kind="stable", ignore_index=True
        )

    def rows(self) -> set[int]:
        return set().union(*(set(p["row"]) for p in self._parts)) if self._parts else set()

    def __len__(self) -> int:
        return sum(len(p) for p in self._parts)


def error_messages(errors: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The errors with their reason rendered as text in ``lang`` (row, column, value, reason)."""
    out = errors[["row", "column", "value"]].copy()
    if errors.empty:
        out["reason"] = pd.Series(dtype=object)
        return out
    pairs = errors[["reason", "detail"]].drop_duplicates()
    text = {(r, d): t(r, lang, detail=d) for r, d in pairs.itertuples(index=False)}
    out["reason"] = [text[(r, d)] for r, d in zip(errors["reason"], errors["detail"], strict=True)]
    return out
