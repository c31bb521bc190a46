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

from portal.ingest import subtotals
from portal.ingest.core import CheckContext

_NO_REVIEW_CELLS = ("agent_code", "reviewed_on")


def pass_over_subtotals(ctx: CheckContext) -> None:
    """Leave the subtotal rows out of the check and the commit, said once with their rows
    (``portal.ingest.subtotals``: a totals word first, no agent and no date)."""
    subtotals.pass_over_subtotals(ctx, _NO_REVIEW_CELLS, "qa.import.notice.subtotal_rows")
