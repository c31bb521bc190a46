"""QA reviews page: its whole figure set (portal.qa.figures: five DuckDB queries) and a pandas twin.

``qa_reviews_page`` times the page's figures with default filters (last 90 days, chain-wide): the reviews of the
period with the score each counts with (critical failure, dispute corrections and removals), the previous period
for the QA score, every dispute, the sign-offs and open disputes per team. ``qa_reviews_page_pandas`` computes
the same from the tables in memory (filter first, then derive); ``normalise`` brings both into one shape and
tests/test_qa_bench.py checks that they agree.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd

from bench import periods
from bench.registry import register
from portal.qa import figures
from portal.scope import Scope


def qa_reviews_page_duckdb(con) -> figures.QaFigures:
    f = periods.page_filters(con)  # the page's period: its days in the reporting zone (bench/periods.py)
    return figures.figures(con, Scope.everything(), f.start, f.end)


# ---------------------------------------------------------------- pandas
def _scored(frames, start, end) -> pd.DataFrame:
    """The reviews of ``start``..``end`` with their effective score (the rule of models/qa_review_scores.sql)."""
    r = frames["qa_reviews"]
    day = pd.to_datetime(r["reviewed_on"])
    r = r[(day >= pd.Timestamp(start)) & (day <= pd.Timestamp(end))]
    c = frames["qa_review_criteria"]
    c = c[c["qa_review_id"].isin(r["qa_review_id"])]
    failed = set(c.loc[c["is_critical"] & (c["score"] < c["max_score"]), "qa_review_id"])
    d = frames["qa_disputes"]
    d = d[d["qa_review_id"].isin(r["qa_review_id"])]
    accepted = (
        d[d["status"] == "accepted"]
        .sort_values(["decided_at", "dispute_id"])
        .drop_duplicates("qa_review_id", keep="last")
        .set_index("qa_review_id")
    )
    out = r.assign(
        resolution=r["qa_review_id"].map(accepted["resolution"]),
        corrected=r["qa_review_id"].map(accepted["corrected_score"]),
        critical_failed=r["qa_review_id"].isin(failed),
    )
    out["effective_score"] = np.where(
        out["resolution"] == "removed",
        np.nan,
        np.where(
            out["resolution"] == "corrected",
            out["corrected"],
            np.where(out["critical_failed"], 0.0, out["score"]),
        ),
    )
    out["is_excluded"] = out["resolution"] == "removed"
    agents = frames["agents"].set_index("agent_id")
    complaints = frames["complaints"]
    linked = complaints[complaints["complaint_id"].isin(out["complaint_id"])].set_index("complaint_id")
    return out.assign(
        team_id=out["agent_id"].map(agents["team_id"]),
        agent_code=out["agent_id"].map(agents["agent_code"]),
        agent_name=out["agent_id"].map(agents["name"]),
        complaint=out["complaint_id"].map(linked["source_id"]),
    )


def _triples(ids, scores, excluded) -> list[tuple]:
    """(review id, effective score rounded, or None when removed, excluded) sorted by id."""
    return sorted(
        (int(i), None if pd.isna(s) else round(float(s), 6), bool(x))
        for i, s, x in zip(ids, scores, excluded, strict=True)
    )


def qa_reviews_page_pandas(frames) -> dict:
    f = periods.twin_filters(frames)
    days = (f.end - f.start).days + 1
    reviews = _scored(frames, f.start, f.end)
    previous = _scored(frames, f.start - timedelta(days=days), f.start - timedelta(days=1))
    d = frames["qa_disputes"]
    open_ids = d.loc[d["status"] == "open", "qa_review_id"]
    all_reviews = frames["qa_reviews"].merge(frames["agents"][["agent_id", "team_id"]], on="agent_id")
    teams = frames["teams"].set_index("team_id")
    by_team = (
        pd.DataFrame(
            {
                "team_id": reviews["team_id"],
                "reviews": 1,
                "excluded_reviews": reviews["is_excluded"].astype(int),
            }
        )
        .groupby("team_id")
        .sum()
        .join(
            all_reviews[all_reviews["qa_review_id"].isin(open_ids)].groupby("team_id").size().rename("open")
        )
        .fillna(0)
    )
    counted = reviews.loc[~reviews["is_excluded"], "effective_score"]
    return {
        "reviews": _triples(reviews["qa_review_id"], reviews["effective_score"], reviews["is_excluded"]),
        "qa_score": (round(float(counted.mean()), 6), len(counted)),
        "previous": len(previous.loc[~previous["is_excluded"]]),
        "complaints": int(reviews["complaint"].notna().sum()),
        "open_disputes": int((d["status"] == "open").sum()),
        "sign_offs": len(frames["scorecard_sign_offs"]),
        "by_team": {
            (int(t), teams.loc[t, "team_code"]): (int(row.open), int(row.reviews), int(row.excluded_reviews))
            for t, row in by_team.iterrows()
        },
    }


def normalise(figs: figures.QaFigures) -> dict:
    """The DuckDB figure set in the twin's shape."""
    r = figs.reviews
    teams = figs.by_team
    teams = teams[teams["reviews"] > 0]
    return {
        "reviews": _triples(r["qa_review_id"], r["effective_score"], r["is_excluded"]),
        "qa_score": (round(figs.qa_score.value, 6), figs.qa_score.n),
        "previous": figs.qa_score.previous_n,
        "complaints": int(r["complaint"].notna().sum()),
        "open_disputes": int(figs.open_disputes.value),
        "sign_offs": len(figs.sign_offs),
        "by_team": {
            (int(t.team_id), t.team_code): (int(t.open_disputes), int(t.reviews), int(t.excluded_reviews))
            for t in teams.itertuples()
        },
    }


register("qa_reviews_page", qa_reviews_page_duckdb, qa_reviews_page_pandas)
