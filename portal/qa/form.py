"""A QA form export read as QA reviews: the row rules, as pure functions over the typed rows of a file.

The file is *long*: one row per review x criterion, as QA tools export a scored form (a review scored as one
number is one row without a criterion). Columns: review id, agent code, review date, reviewer, overall score,
criterion, criterion score, max score, weight, critical (yes/no), complaint id, comment. The review's own
columns (agent, date, reviewer, score, complaint, comment) may repeat on every row or stand on its first row
only; where they repeat they must agree. The review id may stand on the first row only too (Excel's merged id
cells saved to CSV): a row with a criterion and nothing else of its review takes the id of the row above
(``fill_review_ids``).

Rules (tests/test_qa_form.py):
- a review needs an agent and a date (on one of its rows) and a score: its overall score, or its criteria;
- a criterion scores 0..max score (max score blank: 100, i.e. a percentage), weight >= 0 (blank: 1), and a
  review's criteria weigh more than 0 together; a criterion appears once per review (the core's key check);
  criteria without a max score whose scores are all on a small scale (4, 5, 4: a 5-point form) refuse the file
  (``criteria_on_small_scale``): read out of 100 they made a review of 4.33;
- a criterion scored N/A (``N/A``, ``n/a``, ``不适用``, ``无需评分``, a dash ``-``, and the 5S spellings:
  ``NOT_APPLICABLE``) does not apply to the interaction: it is left out of the weighted score, the other
  criteria's weights rescaled (``scoring.criterion_parts``), never counted 0, and a critical one does not fail;
  it is stored with no score. A review whose every criterion is N/A has no score and is refused. A criterion
  with no score at all (a blank cell, or another placeholder such as ``null``) is an error, as a blank 5S item
  is: the reviewer may have forgotten it, and reading it as N/A would raise the score unseen;
- with criteria, the form score is the weighted criteria score (portal/qa/scoring.py); an overall score in the
  file must then agree with it within half a point (it is the same form's total) or, when a critical criterion
  failed, be 0 (the tool applied the critical rule: ``scoring.total_matches``);
- a critical criterion below its max score makes the review count 0 (the model, not the import, applies it);
- a review is written whole or not at all: one invalid row makes every row of its review invalid.
"""

from __future__ import annotations

import math

import pandas as pd

from portal.fives_intake import words
from portal.ingest import scales
from portal.qa import scoring

# A criterion score cell that says "does not apply": the 5S spellings (portal/fives_intake/words.py) and what
# QA forms write besides (a dash in a criterion's score cell is the form's "not scored: does not apply"). The
# typing reads each of them as blank (portal/ingest/cells.PLACEHOLDERS): this tells N/A from a blank cell.
NOT_APPLICABLE = frozenset({"无需评分", "不需评分", "不评分", "免评", "不涉及", "-", "--", "—", "–", "－"})
REVIEW_FIELDS = ("agent_code", "reviewed_on", "reviewer", "score", "complaint_id", "comment")
# the review's cells a row continuing the review above leaves blank: a remark (备注) beside a criterion is that
# criterion's, gathered into the review's comment (``review_comments``), not a review of its own (a helper's
# probe: a 质检表's remark on its second criterion row made that row a review without an agent, date or id)
CONTINUATION_FIELDS = tuple(name for name in REVIEW_FIELDS if name != "comment")
KEY = "review_id"
_NO_REVIEW = object()  # fill_review_ids: a row no continuation row below it may take its id from

# (mask, field, reason i18n key, values for the message or None)
RowError = tuple[pd.Series, str, str]


def _blank(series: pd.Series) -> pd.Series:
    return series.isna() | series.astype(str).str.strip().eq("")


def _column(v: pd.DataFrame, name: str, default=None) -> pd.Series:
    if name in v.columns:
        return v[name]
    return pd.Series(default, index=v.index, dtype=object if default is None else type(default))


def disagreements(v: pd.DataFrame) -> list[RowError]:
    """Rows whose review columns differ from another row of the same review (blank cells agree)."""
    out = []
    for name in CONTINUATION_FIELDS:  # remarks that differ are the criteria's: gathered, not refused
        if name not in v.columns:
            continue
        given = v[name].where(~_blank(v[name]))
        distinct = given.groupby(v[KEY]).transform("nunique")
        out.append(((distinct > 1) & given.notna(), name, "qa.import.error.review_disagrees"))
    return out


def fill_review_ids(ids: pd.Series, continuation: pd.Series) -> pd.Series:
    """The review id of every row: a continuation row (``continuation``: its id cell and its review's own cells
    blank, a criterion given, as a merged id cell saved to CSV leaves it) takes the id of the row above, the row
    above's own filled in first; any other row keeps its id (a blank one stays blank: the row above it was no row
    of a review to continue)."""
    given = ids.astype(object).where(ids.notna(), None)
    breaks = given.isna() & ~continuation
    # a blank row that is no continuation stops the filling: the rows below it do not reach over it
    carried = given.where(~breaks, _NO_REVIEW).ffill()
    filled = given.where(~continuation, carried)
    return filled.where(filled.ne(_NO_REVIEW) & filled.notna(), None)


def fill_review_columns(v: pd.DataFrame) -> pd.DataFrame:
    """Every row carries its review's columns (blank cells take the review's given value; the comment: its rows'
    remarks, ``review_comments``)."""
    v = v.copy()
    for name in CONTINUATION_FIELDS:
        if name in v.columns:
            given = v[name].where(~_blank(v[name]))
            v[name] = given.groupby(v[KEY]).transform("first")
    if "comment" in v.columns:
        v["comment"] = review_comments(v)
    return v


def review_comments(v: pd.DataFrame) -> pd.Series:
    """Each row's review comment: the one remark its review's rows give (once, however many rows repeat it), else
    their remarks in row order, each after its criterion ("开场白: 语速过快; 业务准确性: 政策解释错误")."""
    given = v["comment"].where(~_blank(v["comment"]))
    criterion = _column(v, "criterion")
    criterion = criterion.where(~_blank(criterion))
    out = pd.Series(None, index=v.index, dtype=object)
    for _, rows in given.groupby(v[KEY], sort=False).groups.items():
        remarks = given.loc[rows].dropna()
        if remarks.empty:
            continue
        if remarks.nunique() == 1:
            text = str(remarks.iloc[0])
        else:
            text = "; ".join(
                f"{criterion.loc[r]}: {remark}" if pd.notna(criterion.loc[r]) else str(remark)
                for r, remark in remarks.items()
            )
        out.loc[rows] = text
    return out


def is_not_applicable(text) -> bool:
    """A criterion score cell meaning "not applicable" (N/A, 不适用, 无需评分, -...)."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return False
    said = words.norm_keep(text)
    # a blank cell is no score, not N/A (words.is_not_applicable reads "" as its "-/-" with the punctuation gone)
    return bool(said) and (said in NOT_APPLICABLE or words.is_not_applicable(said))


def criteria_without_max(v: pd.DataFrame) -> pd.Series:
    """Criterion scores without a max score (typed rows, before ``criteria_columns`` reads that as 100)."""
    given = _column(v, "criterion").notna() & _column(v, "criterion_score").notna()
    return given & _column(v, "max_score").isna()


def criteria_on_small_scale(v: pd.DataFrame) -> tuple[int, int, float] | None:
    """Criteria scored without a max score whose scores show a small scale (``scales.smaller_scale``): (the
    scale's top, how many, the largest), else None."""
    without_max = criteria_without_max(v)
    return scales.smaller_scale(v.loc[without_max, "criterion_score"], 100) if without_max.any() else None


def criteria_columns(v: pd.DataFrame, score_text: pd.Series | None = None) -> pd.DataFrame:
    """The criterion columns with their defaults: max score 100, weight 1, critical False; ``not_applicable``:
    a criterion whose score cell (``score_text``, the file's text: the typing reads N/A as blank) says N/A."""
    v = v.copy()
    v["criterion"] = _column(v, "criterion").where(~_blank(_column(v, "criterion")))
    v["criterion_score"] = pd.to_numeric(_column(v, "criterion_score"), errors="coerce")
    said_na = pd.Series(False, index=v.index)
    if score_text is not None:
        text = score_text.reindex(v.index)
        said_na = text.map(is_not_applicable, na_action="ignore").fillna(False).astype(bool)
    v["not_applicable"] = v["criterion"].notna() & v["criterion_score"].isna() & said_na
    v["max_score"] = pd.to_numeric(_column(v, "max_score"), errors="coerce").fillna(100.0)
    v["weight"] = pd.to_numeric(_column(v, "weight"), errors="coerce").fillna(1.0)
    v["is_critical"] = _column(v, "critical").eq("yes").fillna(False).astype(bool)
    return v


def _without_criteria(v: pd.DataFrame) -> pd.Series:
    """Rows of reviews scored as one number: none of the review's rows names a criterion."""
    return ~v["criterion"].notna().groupby(v[KEY], dropna=False).transform("any").astype(bool)


def overall_max_scores(v: pd.DataFrame, max_given: pd.Series, keep_100: bool = False) -> pd.Series:
    """The max score a review scored as one number gives on its row (``max_given``: the typed max score cells,
    before ``criteria_columns`` reads a blank as 100): its overall score is out of it (得分 17, 满分 20: 85 of 100).
    NaN where the row gives none, 100 (already 0-100) or no usable one (<= 0: ``row_errors`` says so), or where the
    review has criteria (the max score is then each criterion's). ``keep_100``: a max of 100 too (a score above it
    is above its max)."""
    given = pd.to_numeric(max_given.reindex(v.index), errors="coerce").astype(float)
    usable = _without_criteria(v) & pd.to_numeric(v["score"], errors="coerce").notna() & given.gt(0)
    return given.where(usable & (keep_100 | given.ne(100.0)))


def fraction_max_differs(v: pd.DataFrame, max_given: pd.Series, fractions: pd.Series) -> pd.Series:
    """Rows of a review scored as one number whose overall score was written with its maximum (``fractions``:
    17/20 gives 20) beside a max score cell that gives another (100): which is the score's cannot be told."""
    given = pd.to_numeric(max_given.reindex(v.index), errors="coerce").astype(float)
    written = fractions.reindex(v.index).astype(float)
    return _without_criteria(v) & written.notna() & given.notna() & given.ne(written)


def critical_without_criteria(v: pd.DataFrame) -> pd.Series:
    """Rows of a review scored as one number marked critical (a fatal error, 致命错误 是) with a score above 0: the
    mark is no criterion's, and whether the tool already applied it (a failed critical step makes the review 0)
    cannot be told, so neither the score nor 0 is taken (after ``criteria_columns``)."""
    score = pd.to_numeric(v["score"], errors="coerce")
    return _without_criteria(v) & v["is_critical"] & score.gt(0).fillna(False).astype(bool)


def row_errors(
    v: pd.DataFrame, date_given: pd.Series | None = None, score_given: pd.Series | None = None
) -> list[RowError]:
    """The rules of single rows (after ``fill_review_columns`` and ``criteria_columns``). ``date_given``: rows
    whose review has a date cell on one of its rows, readable or not (None: every row without a date). A date the
    typing refused (not a date, in the future) already has its own error there: "no date" would be a second,
    wrong one on the same cell; the review's other rows are left out with it (``whole_reviews``).
    ``score_given``: rows with a criterion score cell, readable or not: one the typing refused (-1, out of range)
    has its error, not also "the criterion has no score"."""
    has_criterion = v["criterion"].notna()
    has_score = v["criterion_score"].notna()
    if score_given is not None:
        has_score_cell = has_score | score_given.reindex(v.index, fill_value=False).astype(bool)
    else:
        has_score_cell = has_score
    no_date = v["reviewed_on"].isna()
    if date_given is not None:
        no_date &= ~date_given.reindex(v.index, fill_value=False).astype(bool)
    return [
        (v["agent_code"].isna(), "agent_code", "qa.import.error.agent_missing"),
        (no_date, "reviewed_on", "qa.import.error.date_missing"),
        (
            has_criterion & ~has_score_cell & ~v["not_applicable"],
            "criterion_score",
            "qa.import.error.criterion_score_missing",
        ),
        (has_score & ~has_criterion, "criterion", "qa.import.error.criterion_missing"),
        (v["max_score"] <= 0, "max_score", "qa.import.error.max_score"),
        (has_score & (v["criterion_score"] > v["max_score"]), "criterion_score", "qa.import.error.over_max"),
    ]


def date_cells_given(v: pd.DataFrame, date_cells: pd.Series) -> pd.Series:
    """Rows whose review has a non-blank date cell (``date_cells``: the cleaned text of the file's date column)
    on any of its rows."""
    given = pd.Series(date_cells.reindex(v.index).fillna("").astype(str).str.strip().ne(""), index=v.index)
    return given.groupby(v[KEY], dropna=False).transform("any").astype(bool)


def review_scores(v: pd.DataFrame) -> pd.DataFrame:
    """One row per review (index: review id): n_criteria (N/A ones too), n_applicable, total_weight (of the
    applicable ones), criteria_score (``scoring.form_score``: NaN when every criterion is N/A or they weigh 0),
    critical_failed (an applicable critical criterion below its max)."""
    scored = v["criterion_score"].notna() | v["not_applicable"]
    crit = v[v["criterion"].notna() & scored & (v["max_score"] > 0)]
    points, weight = scoring.criterion_parts(crit["criterion_score"], crit["max_score"], crit["weight"])
    part = crit.assign(
        points=points,
        counted_weight=weight,
        applicable=~crit["not_applicable"],
        failed=crit["is_critical"] & (crit["criterion_score"] < crit["max_score"]),  # NaN < max: False
    )
    grouped = part.groupby(KEY).agg(
        n_criteria=("criterion", "size"),
        n_applicable=("applicable", "sum"),
        total_weight=("counted_weight", "sum"),
        points=("points", "sum"),
        critical_failed=("failed", "any"),
    )
    out = pd.DataFrame(index=pd.Index(v[KEY].dropna().unique(), name=KEY)).join(grouped)
    out["n_criteria"] = out["n_criteria"].fillna(0).astype(int)
    out["n_applicable"] = out["n_applicable"].fillna(0).astype(int)
    out["critical_failed"] = out["critical_failed"].fillna(False).astype(bool)
    out["criteria_score"] = scoring.form_score(out["points"], out["total_weight"])
    return out.drop(columns=["points"])


def review_errors(v: pd.DataFrame, scores: pd.DataFrame, row_bad: pd.Series | None = None) -> list[RowError]:
    """The rules of whole reviews, marked on the review's first row; reviews with an invalid row (``row_bad``)
    are not judged (their score is a consequence of that row)."""
    judged = ~v[KEY].duplicated()
    if row_bad is not None:
        # dropna=False: a row whose id was refused (blank key) still gets a boolean (issue 15: a 300-character
        # review id made the transform float and the check a TypeError traceback)
        judged &= ~row_bad.groupby(v[KEY], dropna=False).transform("any").astype(bool)
    per_row = scores.reindex(v[KEY]).set_axis(v.index)
    total = pd.to_numeric(_column(v, "score"), errors="coerce")
    with_criteria = per_row["n_criteria"] > 0
    # scoring.total_matches over the file: the weighted score, or with a failed critical criterion also 0
    mismatch = with_criteria & per_row["criteria_score"].notna() & total.notna()
    mismatch &= (total - per_row["criteria_score"]).abs() > scoring.SCORE_TOLERANCE
    mismatch &= ~(
        per_row["critical_failed"].eq(True)
        & ((total - scoring.FAILED_CRITICAL_SCORE).abs() <= scoring.SCORE_TOLERANCE)
    )
    all_na = with_criteria & per_row["n_applicable"].eq(0)
    return [
        (judged & ~with_criteria & total.isna(), "score", "qa.import.error.no_score"),
        (judged & all_na, "criterion_score", "qa.import.error.all_not_applicable"),
        (
            judged & with_criteria & ~all_na & per_row["criteria_score"].isna(),
            "weight",
            "qa.import.error.zero_weight",
        ),
        (judged & mismatch, "score", "qa.import.error.total_mismatch"),
    ]


def unweighted_mixed_maxima(v: pd.DataFrame, weight_given: pd.Series) -> pd.DataFrame:
    """Reviews whose applicable criteria have different max scores and no weight in the file (``weight_given``:
    rows with a weight cell, before ``criteria_columns`` reads a blank as 1), where the two readings of such a form
    differ by more than ``scoring.SCORE_TOLERANCE``: as points (the sum of the scores over the sum of the maxima, a
    质检表's 问候 10 + 业务 60 + 流程 30) and with equal weights (the mean of the percentages). Which one the form
    means cannot be told, so neither is stored, unless the file's overall score agrees with the equal weights (the
    reading the portal computes: the tool's own total says so) or a critical criterion failed (0 either way). One
    row per such review (index: review id): points, equal (the two scores), maxima (the max scores in file order)."""
    crit = v[v["criterion"].notna() & v["criterion_score"].notna() & (v["max_score"] > 0)]
    given = weight_given.reindex(v.index, fill_value=False).astype(bool)
    weighted = given[v["criterion"].notna()].groupby(v[KEY]).any()
    crit = crit[~crit[KEY].map(weighted).fillna(False).astype(bool)]
    columns = ["points", "equal", "maxima"]
    if crit.empty:
        return pd.DataFrame(columns=columns)
    # a failed critical criterion makes the review 0 whichever way it is read: nothing to tell apart
    failed = (crit["is_critical"] & (crit["criterion_score"] < crit["max_score"])).groupby(crit[KEY]).any()
    crit = crit[~crit[KEY].map(failed).fillna(False).astype(bool)]  # a row of no review (its id blank): none
    if crit.empty:
        return pd.DataFrame(columns=columns)
    grouped = crit.groupby(KEY, sort=False)
    points = 100 * grouped["criterion_score"].sum() / grouped["max_score"].sum()
    equal = 100 * (crit["criterion_score"] / crit["max_score"]).groupby(crit[KEY], sort=False).mean()
    mixed = grouped["max_score"].nunique() > 1
    total = pd.to_numeric(_column(crit, "score"), errors="coerce").groupby(crit[KEY], sort=False).first()
    told = ((total - equal).abs() <= scoring.SCORE_TOLERANCE).fillna(False).astype(bool)
    found = mixed & ((points - equal).abs() > scoring.SCORE_TOLERANCE) & ~told
    maxima = grouped["max_score"].agg(lambda m: [f"{x:g}" for x in m])
    return pd.DataFrame({"points": points, "equal": equal, "maxima": maxima})[found][columns]


def whole_reviews(v: pd.DataFrame, invalid: pd.Series) -> pd.Series:
    """Rows of a review that has an invalid row (but are valid themselves): the review is left out whole."""
    review_bad = invalid.groupby(v[KEY]).transform("any")
    return review_bad & ~invalid


def reviews_frame(v: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """The reviews to write from valid rows: one row each, with the form score."""
    first = v.drop_duplicates(KEY).set_index(KEY)
    out = first.loc[:, [c for c in REVIEW_FIELDS if c in first.columns]].join(scores)
    total = pd.to_numeric(_column(out, "score"), errors="coerce")
    out["form_score"] = out["criteria_score"].where(out["n_criteria"] > 0, total).round(2)
    return out.reset_index()


def criteria_frame(v: pd.DataFrame) -> pd.DataFrame:
    crit = v[v["criterion"].notna()]
    return crit.loc[
        :, [KEY, "criterion", "criterion_score", "max_score", "weight", "is_critical"]
    ].reset_index(drop=True)
