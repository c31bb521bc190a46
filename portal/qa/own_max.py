"""A QA score that carries its own maximum (portal/qa/kind.py's checks): an overall score written with it in the
cell (17/20) or beside it in a max score column (得分 17, 满分 20), read out of it and stored out of 100."""

from __future__ import annotations

import pandas as pd

from portal.ingest.core import CheckContext
from portal.ingest.errors import values_detail
from portal.qa import form


def score_fractions(ctx: CheckContext) -> pd.Series:
    """A score written with its maximum in the cell (Playvox's 17/20: typed 17, ``score_out_of`` 20) is stored out
    of 100 (85), said once; one over 0 (5/0) or above its maximum (22/20) is an error of its row. Before, each was
    refused as "not a number". Returns each row's maximum so written (NaN: none)."""
    v = ctx.values
    if "score_out_of" not in v.columns:  # no overall score column
        return pd.Series(float("nan"), index=v.index)
    out_of = pd.to_numeric(v.pop("score_out_of"), errors="coerce").astype(float)
    score = pd.to_numeric(v["score"], errors="coerce").astype(float)
    given = out_of.notna() & score.notna()
    zero, over = given & out_of.le(0), given & out_of.gt(0) & (score > out_of)
    ctx.add_error(zero, "score", "qa.import.error.score_fraction_zero")
    ctx.add_error(over, "score", "qa.import.error.score_over_max", detail=out_of.map(lambda x: f"{x:g}"))
    fine = given & ~zero & ~over
    if fine.any():
        v.loc[fine, "score"] = (score[fine] / out_of[fine] * 100).round(2)
    converted = fine & out_of.ne(100.0)
    if converted.any():
        first = converted.idxmax()
        ctx.add_notice(
            "qa.import.notice.score_fraction",
            n=int(converted.sum()),
            column=ctx.column_of("score"),
            written=str(ctx.raw.at[first, "score"]).strip(),
            score=f"{score[first]:g}",
            max=f"{out_of[first]:g}",
            converted=f"{v.at[first, 'score']:g}",
        )
    return out_of.where(given)


def overall_out_of_max(ctx: CheckContext, v: pd.DataFrame, typed: pd.DataFrame, fractions: pd.Series) -> None:
    """A review scored as one number out of the max score on its row (a 质检表's 得分 17 of 满分 20) is stored out
    of 100 (85), said once; one above its max (22 of 20) is an error of its row. Before, 17 was stored. A score
    written with its own maximum (17/20, ``score_fractions``) is converted already: a max score on its row that
    gives another maximum is an error of the row (which of the two is meant cannot be told)."""
    if "max_score" not in typed.columns:
        return
    other_max = form.fraction_max_differs(v, typed["max_score"], fractions)
    detail = pd.to_numeric(typed["max_score"], errors="coerce").map(lambda x: f"{x:g}", na_action="ignore")
    ctx.add_error(other_max, "score", "qa.import.error.score_fraction_max", detail=detail)
    out_of = form.overall_max_scores(v, typed["max_score"]).where(fractions.reindex(v.index).isna())
    score = pd.to_numeric(v["score"], errors="coerce").astype(float)
    # of 满分 100 the score is as it stands, yet above its max too (150 of 100)
    of_max = form.overall_max_scores(v, typed["max_score"], keep_100=True).where(
        fractions.reindex(v.index).isna()
    )
    over = of_max.notna() & (score > of_max)
    detail = of_max.map(lambda x: f"{x:g}", na_action="ignore")
    ctx.add_error(over, "score", "qa.import.error.score_over_max", detail=detail)
    # a score above 100 the typing left to the kind (it has a max score on its row: validation's ``own_max``)
    # that no own maximum here takes (its review has criteria, whose max scores they are): out of range, as before
    written = (
        pd.to_numeric(typed["score"], errors="coerce").astype(float) if "score" in typed.columns else score
    )
    beyond = written.gt(100) & ~over & ~other_max & out_of.isna() & fractions.reindex(v.index).isna()
    ctx.add_error(beyond, "score", "ingest.error.out_of_range", detail="0–100")
    fine = out_of.notna() & ~over
    if not fine.any():
        return
    v.loc[fine, "score"] = (score[fine] / out_of[fine] * 100).round(2)
    first = fine.idxmax()
    ctx.add_notice(
        "qa.import.notice.score_out_of_max",
        n=int(fine.sum()),
        column=ctx.column_of("score"),
        max_column=ctx.column_of("max_score"),
        score=f"{score[first]:g}",
        max=f"{out_of[first]:g}",
        converted=f"{v.at[first, 'score']:g}",
    )


def criterion_fractions(ctx: CheckContext) -> None:
    """A criterion score written with its maximum in the cell (4/5: typed 4, ``criterion_score_out_of`` 5) is that
    score out of it: its max score is the cell's where the max score column is blank or absent; one the column
    gives otherwise (4/5 beside 10) is an error of the row naming both, as which is meant cannot be told, and a
    maximum of 0 (4/0) is "the maximum score must be above 0". Before, each was refused as "not a number"."""
    v = ctx.values
    if "criterion_score_out_of" not in v.columns:  # no criterion score column
        return
    out_of = pd.to_numeric(v.pop("criterion_score_out_of"), errors="coerce").astype(float)
    score = pd.to_numeric(v["criterion_score"], errors="coerce").astype(float)
    given = out_of.notna() & score.notna()
    if not given.any():
        return
    if "max_score" not in v.columns:
        v["max_score"] = pd.Series(float("nan"), index=v.index, dtype="Float64")
    column = pd.to_numeric(v["max_score"], errors="coerce").astype(float)
    zero = given & out_of.le(0)
    other = given & ~zero & column.notna() & column.ne(out_of)
    ctx.add_error(zero, "criterion_score", "qa.import.error.max_score")
    detail = pd.Series(
        [values_detail(written=f"{w:g}", column=f"{c:g}") for w, c in zip(out_of, column, strict=True)],
        index=v.index,
    )
    ctx.add_error(
        other, "criterion_score", "qa.import.error.criterion_fraction_max", detail=detail.where(other)
    )
    v.loc[zero | other, "criterion_score"] = float("nan")  # that error alone, not also "above its maximum"
    # the cell's maximum where the column gives none (a row without a criterion keeps its blank: its max score
    # would else be read as its overall score's)
    named = v["criterion"].notna() if "criterion" in v.columns else pd.Series(False, index=v.index)
    fill = given & ~zero & column.isna() & named
    v.loc[fill, "max_score"] = out_of[fill]
