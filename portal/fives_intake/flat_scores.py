"""Checks of a flat 5S file's score column as a whole (``kind.check_rows``): what its header says of the scores
under it. Each refuses the file in one message naming the column, none per row: the scores are on another scale,
or say something else than points, so no row of them is read.

- A header stating another scale than the checklist's (``得分（1-5分）`` over items scored 0-4):
  ``header_scale_differs``, judged as a sheet's header is (``sheet_scores.header_scale_differs``).
- A header naming a pass/fail result (是否合格, 检查结果, Result) over 1 and 0 on a checklist scored above 1:
  ``result_numbers``, as a sheet's result column is (``sheet_scores.result_numbers``): a 1 may be a pass or 1
  point. Numbers above 1 beside them are points; a 0 alone is a fail or 0 points either way.
"""

from __future__ import annotations

import pandas as pd

from portal.fives_intake import sheet_scores, words
from portal.ingest.core import CheckContext


def header_scale_differs(ctx: CheckContext, by_id: dict) -> pd.Series:
    """The rows whose checklist the score column's header contradicts (``得分（1-5分）``, ``Score (1-5)`` over items
    scored 0-4; judged as a sheet's header, ``sheet_scores.header_scale_differs``), each such checklist one error of
    the file naming the column and both scales: its scores are never rescaled (a 1 of 1-5 is not a 1 of 0-4)."""
    v = ctx.values
    header = ctx.mapping.get("score") or ""
    off = pd.Series(False, index=v.index)
    for template_id in v["template_id"].dropna().unique():
        template = by_id[template_id]
        expected = sheet_scores.checklist_scale(template)
        stated = sheet_scores.header_scale_differs(header, expected)
        if stated is not None:
            ctx.add_file_error(
                "fives_intake.error.scale_differs",
                column=header,
                stated=sheet_scores.scale_text(stated),
                expected=sheet_scores.scale_text(expected),
                template=template.label,
            )
            off |= v["template_id"] == template_id
    return off


def result_numbers(ctx: CheckContext, by_id: dict) -> pd.Series:
    """The rows of each checklist scored above 1 whose scores, under a score column headed as a pass/fail result
    (``words.is_result_header``), are numbers 0 and 1 with a 1 among them: one error of the file naming the column
    and the checklist's top score (a 1 there may be a pass or 1 point of 4, which cannot be told)."""
    v = ctx.values
    header = ctx.mapping.get("score") or ""
    off = pd.Series(False, index=v.index)
    if not words.is_result_header(header):
        return off
    for template_id in v["template_id"].dropna().unique():
        template = by_id[template_id]
        top = max(i.max_score for i in template.items)
        rows = v["template_id"] == template_id
        numbers = {words.score_of(s) for s in v.loc[rows, "score"] if s is not None} - {None}
        if top > 1 and 1 in numbers and numbers <= {0, 1}:
            ctx.add_file_error(
                "fives_intake.error.result_numbers", column=header, max=top, template=template.label
            )
            off |= rows
    return off
