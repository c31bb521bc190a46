"""The error log of an import: every row problem as (row, column, value, reason, detail), gathered column by
column by the checks (portal/ingest/validation.py and the kinds' own), and rendered as text in a language."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from portal.i18n import Both, listed, t
from portal.ingest.header import column_text
from portal.ingest.raw import SheetCells

ERROR_COLUMNS = ["row", "column", "value", "reason", "detail"]
# reasons whose detail is a list (", " between its items): rendered with the language's list separator
LIST_DETAILS = frozenset(
    {
        "ingest.error.ambiguous_store",
        "ingest.error.ambiguous_agent",
        "ingest.error.store_name_part",
        "ingest.error.alike_store",
        "ingest.error.alike_agent",
        "master.error.ambiguous_team",
        "master.error.ambiguous_region",
        "fives_intake.error.other_row_invalid",  # the rows at fault (the file's rows; a sheet's: below)
    }
)
# the reasons whose detail names rows of the file (frame rows): a workbook's are said as its sheet shows them
ROW_DETAILS = frozenset({"fives_intake.error.other_row_invalid"})
# reasons whose detail holds the message's named values (``values_detail``), some of them in both languages
VALUES_DETAILS = frozenset(
    {
        "ingest.error.store_region_out_of_scope",
        "ingest.error.code_name_disagree_store",
        "ingest.error.code_name_disagree_agent",
        "ingest.error.name_column_disagree_agent",
        "ingest.error.name_column_disagree_store",
        "ingest.error.unknown_choice",
        "ingest.error.two_times_of_day",
        "fives_intake.error.rescored_item",
        "fives_intake.error.sheet_refused",
        "qa.import.error.agent_team_out_of_scope",
        "qa.import.error.criterion_fraction_max",
        "qa.import.error.other_score_column",
        "qa.import.error.review_id_reused",
        "qa.import.error.unweighted_maxima",
        "ingest.error.older_export_response",
        "ingest.error.older_export_resolved",
        "ingest.error.older_export_closed",
        "ingest.error.older_export_reopens",
        "qa.import.error.agent_left_team",
        "qa.import.error.agent_region_out_of_scope",
        "qa.import.error.agent_not_in_your_stores",
        "master.error.employed_but_left",
        "ingest.error.month_not_stated",
    }
)
SHEET_ERROR_COLUMNS = [
    "sheet",
    "row",
    "column",
    "value",
    "reason",
]  # rendered, of a table read from worksheets


# the reasons a check empties the cell for (its value refused for what it holds): "a value is required" of the
# same cell is left out beside them. Any other reason of the cell (a review missing items, a duplicate) is a
# second problem, and the blank cell stays its own message.
EMPTYING_REASONS = ("ingest.error.id_shortened_by_excel", "ingest.error.too_long")


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
        # the same problem found twice (a kind's own check and the pipeline's) is one message
        frame = pd.concat(self._parts, ignore_index=True).drop_duplicates(ignore_index=True)
        # a cell refused for what it holds (an id Excel shortened, one too long) was emptied: "a value is
        # required" of the same cell would only contradict the message that says why
        required = (frame["reason"] == "ingest.error.required").to_numpy()
        if required.any():
            cells = pd.MultiIndex.from_frame(frame[["row", "column"]])
            emptied = frame["reason"].isin(EMPTYING_REASONS).to_numpy()
            frame = frame[~(required & cells.isin(cells[emptied]))]
        # a date of another month than the file states (portal.ingest.stated_year) is that error alone, not also
        # "a date without its year": the year was stated, the month is what is wrong
        no_year = (frame["reason"] == "ingest.error.no_year").to_numpy()
        if no_year.any():
            cells = pd.MultiIndex.from_frame(frame[["row", "column"]])
            other_month = (frame["reason"] == "ingest.error.month_not_stated").to_numpy()
            frame = frame[~(no_year & cells.isin(cells[other_month]))]
        return frame.sort_values(["row", "column"], kind="stable", ignore_index=True)

    def drop_rows(self, rows) -> None:
        """Forget the problems of ``rows`` (rows left out of the file: a subtotal's blank required cells)."""
        drop = set(rows)
        self._parts = [p[~p["row"].isin(drop)] for p in self._parts]
        self._parts = [p for p in self._parts if len(p)]

    def rows(self) -> set[int]:
        return set().union(*(set(p["row"]) for p in self._parts)) if self._parts else set()

    def __len__(self) -> int:
        return sum(len(p) for p in self._parts)


def values_detail(**values) -> str:
    """The detail of a reason in VALUES_DETAILS: its named values as JSON (a ``Both`` as its two texts), so that
    the message is rendered in the language asked for (``error_messages``)."""
    return json.dumps(
        {k: list(v) if isinstance(v, Both) else v for k, v in values.items()},
        ensure_ascii=False,
        sort_keys=True,
    )


def rows_with_ids(v: pd.DataFrame, mask: pd.Series, shown: int = 10):
    """The first rows of ``mask`` as the sheet numbers them, each with its id (``source_id``: "5 (1005)"), for a
    notice that must say which complaints it means (the probe could not tell which ticket a left-out stamp was)."""
    rows = mask[mask.fillna(False).astype(bool)].index
    ids = v["source_id"] if "source_id" in v else pd.Series("", index=v.index)
    items = [f"{row} ({ids.loc[row]})" if isinstance(ids.loc[row], str) else str(row) for row in rows[:shown]]
    return listed(items, more=len(rows) > shown)


def _message(reason: str, detail: str, lang: str) -> str:
    if reason in LIST_DETAILS:
        return t(reason, lang, detail=listed(detail.split(", ")))
    if reason in VALUES_DETAILS:
        values = json.loads(detail)
        return t(reason, lang, **{k: Both(*v) if isinstance(v, list) else v for k, v in values.items()})
    return t(reason, lang, detail=detail)


def error_messages(errors: pd.DataFrame, lang: str = "en", cells: SheetCells | None = None) -> pd.DataFrame:
    """The errors with their reason rendered as text in ``lang`` (row, column, value, reason), one per error, in
    their order. ``cells`` (a table read from worksheets, ``RawTable.cells``): each error says where its cell
    is as the workbook shows it — the sheet first, then its row and column letter ("-": no cell of its own),
    a repeated key names the sheet and row of its first occurrence, and the same message at the same cell is
    given once (the index keeps the errors' own labels)."""
    out = errors[["row", "column", "value"]].copy()
    if errors.empty:
        out["reason"] = pd.Series(dtype=object)
        return out if cells is None else out.assign(sheet=pd.Series(dtype=object))[SHEET_ERROR_COLUMNS]
    pairs = errors[["reason", "detail"]].drop_duplicates()
    text = {(r, d): _message(r, d, lang) for r, d in pairs.itertuples(index=False)}
    out["reason"] = [text[(r, d)] for r, d in zip(errors["reason"], errors["detail"], strict=True)]
    if cells is None:  # a column named by its position in each language's words: 备注(第 4 列)
        names = {c: column_text(c, lang) for c in out["column"].unique() if isinstance(c, str)}
        if any(c != name for c, name in names.items()):
            out["column"] = out["column"].map(lambda c: names.get(c, c))
        return _causes_first(out, errors["reason"])
    places = [cells.of(int(r), c) for r, c in zip(errors["row"], errors["column"], strict=True)]
    for k, (reason, detail, column) in enumerate(
        zip(errors["reason"], errors["detail"], errors["column"], strict=True)
    ):
        if reason == "ingest.error.duplicate" and str(detail).isdigit():  # detail: the first row's frame row
            first = cells.of(int(detail), column)
            out.iloc[k, out.columns.get_loc("reason")] = t(
                "ingest.error.duplicate_in_sheet", lang, sheet=first.sheet, row=first.row
            )
        elif reason in ROW_DETAILS and detail:
            rows = [str(cells.of(int(r), column).row) for r in str(detail).split(", ") if r.isdigit()]
            out.iloc[k, out.columns.get_loc("reason")] = t(reason, lang, detail=listed(rows))
    out["sheet"] = [p.sheet for p in places]
    out["row"] = pd.array([p.row for p in places], dtype="Int64")  # <NA>: a message of the whole sheet
    out["column"] = [p.column or "-" for p in places]
    out = _causes_first(out, errors["reason"])
    # a problem of a cell above the item table (the store, the date, the inspection id) is found on every item
    # row of its sheet: one message, not one per item (the out-of-scope store was said 25 times); the index
    # keeps the first error's label, so that the error report joins each message to its row's cells
    return out[SHEET_ERROR_COLUMNS].drop_duplicates()


# reasons that only follow from another row's error: listed after the errors that cause them
CONSEQUENCES = frozenset({"fives_intake.error.other_row_invalid"})


def _causes_first(out: pd.DataFrame, reasons: pd.Series) -> pd.DataFrame:
    """The errors with those that follow from another row's (``CONSEQUENCES``) after the rest, each part in its
    order: one bad score held back its inspection's other 24 rows, and the table, in row order, showed the cause
    19th (tablet probe, session 55)."""
    follows = reasons.isin(CONSEQUENCES).to_numpy()
    if not follows.any() or follows.all():
        return out
    return pd.concat([out[~follows], out[follows]])


def key_text(keys: pd.DataFrame) -> pd.Series:
    """Each row's key as a message shows it, its parts joined by " / " (column-wise)."""
    shown = keys.astype(str)
    text = shown.iloc[:, 0]
    for name in shown.columns[1:]:
        text = text + " / " + shown[name]
    return text
