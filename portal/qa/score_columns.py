"""A 质检表 with a second overall score column the mapping left unread (portal/qa/kind.py's checks).

A sheet scored as one number may carry two columns under overall score headers: 总分 100 (the sheet's maximum) and
得分 85 (the review's score), or the other way round. The mapping takes one (总分, the template header) and leaves
the other unread; before, every review was stored with the first column's number (100), the other column unsaid.
Which of the two is the review's score cannot be told from the file, so a row where they give different numbers
is an error of the mapped score column naming the other column and both numbers (refused, not guessed); the user
maps the column that holds the score, and the other as the maximum score if it is the maximum. Where the two agree
on every row the file is read as before. Rows with a criterion are left alone: an unread 得分 beside them is the
criteria's score (said once for the file by the kind's ``criterion_score_unmapped``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from portal.i18n import Both
from portal.ingest import cells
from portal.ingest.core import CheckContext
from portal.ingest.errors import values_detail
from portal.ingest.header_words import normalise_header

REASON = "qa.import.error.other_score_column"


def _numbers(text: pd.Series) -> pd.Series:
    """The numbers of a column's cells as the typing reads them (85, 85分, 85%); NaN for blanks and the rest."""
    clean, _ = cells.clean_cells(text.fillna("").astype(str))
    return pd.to_numeric(cells.parse_number(clean), errors="coerce").astype(float)


def unread_score_columns(ctx: CheckContext) -> list[str]:
    """The file's columns no field reads whose header is one of the overall score's own headers (得分 beside 总分)."""
    if ctx.frame is None or "score" not in ctx.present:
        return []
    names = {normalise_header(h) for h in ctx.kind.field("score").headers}
    used = {c for c in ctx.mapping.values() if c}
    return [
        h for h in ctx.headers if h not in used and h in ctx.frame.columns and normalise_header(h) in names
    ]


def check_other_score_columns(ctx: CheckContext) -> None:
    """Rows without a criterion whose overall score differs from an unread overall score column's number: an error
    of the score column naming the other column and both numbers (``REASON``)."""
    others = unread_score_columns(ctx)
    if not others:
        return
    v = ctx.values
    one_number = pd.Series(True, index=v.index)
    if "criterion" in ctx.raw.columns:
        criterion, _ = cells.clean_cells(ctx.raw["criterion"].fillna("").astype(str))
        one_number = pd.Series(criterion.eq("").to_numpy(), index=ctx.raw.index).reindex(
            v.index, fill_value=True
        )
    score = _numbers(ctx.raw["score"]).reindex(v.index)
    flagged = pd.Series(False, index=v.index)
    f, top = ctx.kind.field("score"), ctx.kind.field("max_score")
    for column in others:
        other = _numbers(ctx.frame[column].reindex(v.index))
        differ = one_number & score.notna() & other.notna() & ~flagged
        differ &= ~pd.Series(np.isclose(score.fillna(0), other.fillna(0)), index=v.index)
        if not differ.any():
            continue
        detail = pd.Series(
            [
                values_detail(
                    other=column,
                    value=f"{o:g}",
                    score=f"{s:g}",
                    field=Both(f.label("en"), f.label("zh")),
                    max_field=Both(top.label("en"), top.label("zh")),
                )
                for s, o in zip(score[differ], other[differ], strict=True)
            ],
            index=differ[differ].index,
            dtype=object,
        )
        ctx.add_error(differ, "score", REASON, detail=detail)
        flagged |= differ
