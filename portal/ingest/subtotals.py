"""Subtotal, total or average rows partway through a file (a 质检表's 小计 under a review's criteria, an agent's
平均; a ticket export's 小计 under each day's tickets, "Subtotal"): no record's rows, passed over with one notice
naming them, as a report's totals rows at the end of the file are (portal/ingest/footer.py).

Such a row: its first filled cell (of the mapped columns, in the file's order) is a totals word
(``footer.is_totals_word``), and the cells a record of the kind always has (``blank``: a QA review's agent and
date, a complaint's store, status, channel and agent) are blank or the totals word itself (a summary report's
"Subtotal" in the column it groups by). A row with such a word that has one of them is data, checked as any
other (a review whose id is "Total"); so is one the typing already refused a cell holding something of (its
errors stand, nothing is passed over unsaid); a blank required cell (a subtotal's received time) is no such
refusal.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import pyarrow.compute as pc

from portal.i18n import listed
from portal.ingest import cells, footer
from portal.ingest.core import CheckContext
from portal.ingest.footer import is_totals_word


def subtotal_rows(text: pd.DataFrame, order: list[str], blank: Sequence[str]) -> pd.Series:
    """Rows of ``text`` (the file's cleaned cells by field, ``order``: the fields in the file's column order) that
    are subtotals: the first filled cell a totals word, the cells of ``blank`` blank (a missing column: blank)."""
    filled = text[order].fillna("").astype(str).apply(lambda column: column.str.strip())
    first = filled.apply(lambda row: next((c for c in row if c), ""), axis=1) if order else None
    found = pd.Series(False, index=text.index) if first is None else first.map(is_totals_word).astype(bool)
    for name in blank:
        if name in filled.columns:
            # blank, or the totals word itself: a summary report writes "Subtotal" in the column it groups by
            # (Salesforce's cases by store: the store column)
            found &= filled[name].eq("") | filled[name].map(is_totals_word).astype(bool)
    return found


def _first_cells(raw: pd.DataFrame, order: list[str]) -> pd.Series:
    """Each row's first filled cell of the columns ``order`` (stripped; "" for none): the first column's, else
    the next filled one, column by column over the rows still blank (a Python loop per row took 4.6 s a million
    rows whose first mapped column was an empty one: a review)."""
    first = raw[order[0]].fillna("").astype(str).str.strip()
    for name in order[1:]:
        empty = first.eq("")
        if not empty.any():
            break
        first = first.where(~empty, raw[name].fillna("").astype(str).str.strip())
    return first


def _refused_rows(ctx: CheckContext, rows: pd.Index) -> set[int]:
    """Of ``rows``, those the typing refused a cell of that holds something (a date that is none): data, its
    errors standing. A blank required cell (a subtotal row's received time) or a totals word is no such refusal."""
    errors = ctx.errors.frame()
    errors = errors[errors["row"].isin(rows)]
    value = errors["value"].fillna("").astype(str).str.strip()
    held = value.ne("") & ~value.map(is_totals_word).astype(bool)
    return set(errors.loc[held.to_numpy(), "row"].astype(int))


def pass_over_subtotals(ctx: CheckContext, blank: Sequence[str], notice: str) -> None:
    """Leave the subtotal rows (``subtotal_rows``) out of the check and the commit, said once with their rows in
    the notice ``notice`` (its values: n, rows)."""
    positions = {h: i for i, h in enumerate(ctx.headers)}
    order = sorted(
        (name for name in ctx.raw.columns if name in ctx.present),
        key=lambda name: positions.get(ctx.mapping.get(name) or "", len(positions)),
    )
    if not order:
        return
    # the rows whose first filled cell may be a totals word, told column-wide (a ticket file of a million rows
    # has a handful), then each checked as ``subtotal_rows`` checks it
    # NFKC first, as ``is_totals_word`` reads a cell (小　计 with an ideographic space, Ｓｕｂｔｏｔａｌ: a review)
    first = pc.utf8_normalize(cells.as_arrow(_first_cells(ctx.raw, order)), "NFKC")
    candidate = pc.fill_null(
        pc.match_substring_regex(first, pattern=footer.TOTALS.pattern, ignore_case=True), False
    ).to_numpy(zero_copy_only=False)
    if not candidate.any():
        return
    raw = ctx.raw.loc[candidate.astype(bool)]
    text = pd.DataFrame(
        {name: cells.clean_cells(raw[name].fillna("").astype(str))[0] for name in order}, index=raw.index
    )
    found = subtotal_rows(text, order, blank) & ~raw.index.isin(list(_refused_rows(ctx, raw.index)))
    if not found.any():
        return
    rows = [int(r) for r in found[found].index]
    ctx.values = ctx.values.drop(index=rows)
    ctx.raw = ctx.raw.drop(index=rows)
    ctx.errors.drop_rows(rows)  # a subtotal's blank required cells (its received time) are no record's errors
    ctx.add_notice(notice, n=len(rows), rows=listed(rows[:10], more=len(rows) > 10))
