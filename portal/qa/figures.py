"""The QA review pages' figure set: the reviews of a period with the score each counts with, the disputes, the
sign-offs, open disputes per team, and two headline figures (SQL in queries/qa_*.sql; no Streamlit).

- QA score = mean of the reviews' effective scores (models/qa_review_scores.sql) over the reviews of the period
  not removed by a dispute; n = those reviews; low confidence under the scorecards' low-confidence n (SPEC §3:
  scorecards, fewer than 5 items; the setting ``scorecard_low_confidence_n``, as the cards' QA score reads it);
  compared with the period of the same length just before.
- Open disputes = disputes waiting for a decision in the caller's scope (whatever the review's date).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from portal import db, settings
from portal.filters import Filters
from portal.kpi import Figure
from portal.scope import Scope


@dataclass(frozen=True)
class QaFigures:
    reviews: pd.DataFrame  # queries/qa_review_list.sql
    disputes: pd.DataFrame  # queries/qa_disputes.sql
    sign_offs: pd.DataFrame  # queries/qa_sign_offs.sql
    by_team: pd.DataFrame  # queries/qa_open_disputes.sql
    qa_score: Figure
    open_disputes: Figure


def qa_score(reviews: pd.DataFrame, previous: pd.DataFrame | None, low_confidence_n: int) -> Figure:
    """From the period's reviews (qa_review_list) and the previous period's summary (qa_score_summary);
    ``low_confidence_n``: the setting scorecard_low_confidence_n (its default is settings.DEFAULTS')."""
    counted = reviews.loc[~reviews["is_excluded"].astype(bool), "effective_score"]
    before_n = 0 if previous is None or previous.empty else int(previous["n"].iloc[0])
    return Figure(
        key="qa_score",
        unit="points",
        area="qa",
        value=float(counted.mean()) if len(counted) else None,
        n=len(counted),
        previous_value=float(previous["qa_score"].iloc[0]) if before_n else None,
        previous_n=before_n,
        low_confidence_n=low_confidence_n,
        no_data_reason=None if len(counted) else "qa.no_data.reviews",
    )


def open_disputes(disputes: pd.DataFrame) -> Figure:
    n_open = int((disputes["status"] == "open").sum())
    return Figure(
        key="open_disputes",
        unit="count",
        area="qa",
        value=float(n_open),
        n=n_open,
        better="lower",
        low_confidence_n=0,
    )


def figures(
    con,
    scope: Scope,
    start: date,
    end: date,
    agent_ids: tuple[int, ...] = (),
    low_confidence_n: int | None = None,
    rolling: bool = False,
    lang: str = "en",
) -> QaFigures:
    """Everything the QA reviews page shows for ``scope`` and the review dates ``start``..``end``.
    ``low_confidence_n``: the setting scorecard_low_confidence_n (None: read from ``con``; a page passes its
    settings snapshot's). ``rolling``: the dates are a window that rolls with today (the page's default last 90
    days): compared with as many days just before, even where they happen to be whole months. ``lang``: the
    teams' names in the table by team."""
    if low_confidence_n is None:
        low_confidence_n = int(settings.get(con, "scorecard_low_confidence_n"))
    params = {"start_on": start, "end_on": end, "agent_ids": list(agent_ids)}
    # the dashboards' previous period (whole months: the months before; a rolling window: the days before)
    before_period = Filters(start, end, rolling=rolling).previous()
    before = params | {"start_on": before_period.start, "end_on": before_period.end}
    reviews = db.run_query(con, "qa_review_list", params, scope)
    previous = db.run_query(con, "qa_score_summary", before, scope)
    disputes = db.run_query(con, "qa_disputes", {"dispute_statuses": []}, scope)
    return QaFigures(
        reviews=reviews,
        disputes=disputes,
        sign_offs=db.run_query(con, "qa_sign_offs", {}, scope),
        by_team=db.run_query(con, "qa_open_disputes", params | {"lang": lang}, scope),
        qa_score=qa_score(reviews, previous, low_confidence_n),
        open_disputes=open_disputes(disputes),
    )
