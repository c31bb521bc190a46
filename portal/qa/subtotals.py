"""A 质检表's subtotal, total or average rows partway through the file (a review's 小计 under its criteria, an
agent's 平均 or 合计, "Subtotal", "Average"): no review's rows, passed over with one notice naming them, as a
report's totals rows at the end of the file are (portal/ingest/footer.py). Before, each had three errors (no
agent, no criterion, no date) and blocked the file.

Such a row: its first filled cell (of the mapped columns, in the file's order) is a totals word
(``footer.is_totals_word``), and its agent and date cells are blank. A row with such a word that has an agent or a
date is data, checked as any other (a review whose id is "Total"); so is one the typing already refused a cell of
(its errors stand, nothing is passed over unsaid).
"""

from __future__ import annotations

import pandas as pd

from portal.i18n import listed
from portal.ingest import cells
from portal.ingest.core import CheckContext
from portal.ingest.footer import is_totals_word

_NO_REVIEW_CELLS = ("agent_code", "reviewed_on")


def subtotal_rows(text: pd.DataFrame, order: list[str]) -> pd.Series:
    """Rows of ``text`` (the file's cleaned cells by field, ``order``: the fields in the file's column order) that
    are subtotals: the first filled cell a totals word, the agent and date cells blank (a missing column: blank)."""
    filled = text[order].fillna("").astype(str).apply(lambda column: column.str.strip())
    first = filled.apply(lambda row: next((c for c in row if c), ""), axis=1) if order else None
    found = pd.Series(False, index=text.index) if first is None else first.map(is_totals_word).astype(bool)
    for name in _NO_REVIEW_CELLS:
        if name in filled.columns:
            found &= filled[name].eq("")
    return found


def pass_over_subtotals(ctx: CheckContext) -> None:
    """Leave the subtotal rows (``subtotal_rows``) out of the check and the commit, said once with their rows."""
    positions = {h: i for i, h in enumerate(ctx.headers)}
    order = sorted(
        (name for name in ctx.raw.columns if name in ctx.present),
        key=lambda name: positions.get(ctx.mapping.get(name) or "", len(positions)),
    )
    text = pd.DataFrame(
        {name: cells.clean_cells(ctx.raw[name].fillna("").astype(str))[0] for name in order},
        index=ctx.raw.index,
    )
    found = subtotal_rows(text, order) & ~ctx.raw.index.isin(list(ctx.errors.rows()))
    if not found.any():
        return
    rows = [int(r) for r in found[found].index]
    ctx.values = ctx.values.drop(index=rows)
    ctx.raw = ctx.raw.drop(index=rows)
    ctx.add_notice("qa.import.notice.subtotal_rows", n=len(rows), rows=listed(rows[:10], more=len(rows) > 10))
