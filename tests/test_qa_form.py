"""The row rules of a QA form export (portal/qa/form.py), on typed rows as the import's parsing leaves them."""

import math

import pandas as pd
import pytest

from portal.qa import form

COLUMNS = ["review_id", "agent_code", "reviewed_on", "reviewer", "score", "criterion", "criterion_score",
           "max_score", "weight", "critical", "complaint_id", "comment"]  # fmt: skip
NA = None


def frame(rows):
    v = pd.DataFrame(rows, columns=COLUMNS, index=range(2, 2 + len(rows)))
    v["reviewed_on"] = pd.to_datetime(v["reviewed_on"])
    for c in ("score", "criterion_score", "max_score", "weight"):
        v[c] = pd.to_numeric(v[c])
    return v


def prepared(rows):
    v = form.criteria_columns(form.fill_review_columns(frame(rows)))
    return v, form.review_scores(v)


def flagged(errors):
    """{(row, field, reason)} of a list of row errors."""
    return {(row, f, reason) for mask, f, reason in errors for row in mask[mask.fillna(False)].index}


FORM = [  # R1 on its first row only; greet 5/5 w1, solve 6/10 w3, verify 10/10 w1 critical -> 76
    ["R1", "A001", "2026-10-12", "Quinn", 76, "greet", 5, 5, 1, "no", "C-9", "good"],
    ["R1", NA, NA, NA, NA, "solve", 6, 10, 3, NA, NA, NA],
    ["R1", NA, NA, NA, NA, "verify", 10, 10, 1, "yes", NA, NA],
    ["R2", "A002", "2026-10-13", "Quinn", 80, NA, NA, NA, NA, NA, NA, NA],  # one overall score
    ["R3", "A001", "2026-10-14", "Quinn", NA, "greet", 80, NA, NA, NA, NA, NA],  # max blank -> 100, weight 1
    ["R3", "A001", "2026-10-14", "Quinn", NA, "verify", 0, 1, 2, "yes", NA, NA],  # critical failed
]


def test_a_clean_form_has_no_errors_and_scores_by_hand():
    v, scores = prepared(FORM)
    assert (
        flagged(form.row_errors(v) + form.review_errors(v, scores) + form.disagreements(frame(FORM))) == set()
    )
    reviews = form.reviews_frame(v, scores).set_index("review_id")
    # R1: 100 x (1 x 5/5 + 3 x 6/10 + 1 x 10/10) / 5 = 76; R2: 80 as given
    # R3: 100 x (1 x 80/100 + 2 x 0/1) / 3 = 26.67, with a failed critical criterion (it will count 0)
    assert reviews["form_score"].to_dict() == {"R1": 76.0, "R2": 80.0, "R3": 26.67}
    assert reviews["critical_failed"].to_dict() == {"R1": False, "R2": False, "R3": True}
    assert reviews.loc["R1", "agent_code"] == "A001" and reviews.loc["R1", "complaint_id"] == "C-9"
    crit = form.criteria_frame(v)
    assert len(crit) == 5 and crit["is_critical"].tolist() == [False, False, True, False, True]


def test_review_columns_must_agree():
    rows = [
        ["R1", "A001", "2026-10-12", "Quinn", NA, "greet", 5, 5, 1, NA, NA, NA],
        ["R1", "A002", "2026-10-12", "Quinn", NA, "solve", 5, 5, 1, NA, NA, NA],
    ]
    assert flagged(form.disagreements(frame(rows))) == {
        (2, "agent_code", "qa.import.error.review_disagrees"),
        (3, "agent_code", "qa.import.error.review_disagrees"),
    }


def test_row_rules():
    rows = [
        ["R1", "A001", "2026-10-12", NA, NA, "greet", NA, 5, 1, NA, NA, NA],  # no criterion score
        ["R2", "A001", "2026-10-12", NA, NA, NA, 4, 5, 1, NA, NA, NA],  # a score without a criterion
        ["R3", "A001", "2026-10-12", NA, NA, "greet", 6, 5, 1, NA, NA, NA],  # over its max
        ["R4", NA, NA, NA, 70, NA, NA, NA, NA, NA, NA, NA],  # no agent, no date
    ]
    v, _ = prepared(rows)
    assert flagged(form.row_errors(v)) == {
        (2, "criterion_score", "qa.import.error.criterion_score_missing"),
        (3, "criterion", "qa.import.error.criterion_missing"),
        (4, "criterion_score", "qa.import.error.over_max"),
        (5, "agent_code", "qa.import.error.agent_missing"),
        (5, "reviewed_on", "qa.import.error.date_missing"),
    }


def test_review_rules():
    rows = [
        ["R1", "A001", "2026-10-12", NA, NA, NA, NA, NA, NA, NA, NA, NA],  # no score at all
        ["R2", "A001", "2026-10-12", NA, NA, "greet", 4, 5, 0, NA, NA, NA],  # weights sum to 0
        ["R3", "A001", "2026-10-12", NA, 90, "greet", 4, 5, 1, NA, NA, NA],  # total 90, criteria 80
        ["R4", "A001", "2026-10-12", NA, 80.4, "greet", 4, 5, 1, NA, NA, NA],  # within half a point
    ]
    v, scores = prepared(rows)
    assert flagged(form.review_errors(v, scores)) == {
        (2, "score", "qa.import.error.no_score"),
        (3, "weight", "qa.import.error.zero_weight"),
        (4, "score", "qa.import.error.total_mismatch"),
    }
    assert math.isnan(scores.loc["R2", "criteria_score"])


def test_a_failed_critical_criterion_lets_the_total_be_0_or_the_weighted_score():
    # greet 5/5, verify 0/10 critical -> weighted 50, counts 0: a total of 0 or 50 agrees, 30 does not
    rows = [
        [rid, "A001", "2026-10-12", NA, total, crit, score, max_score, 1, critical, NA, NA]
        for rid, total in (("R1", 0), ("R2", 50), ("R3", 30), ("R4", 0))
        for crit, score, max_score, critical in (
            ("greet", 5, 5, "no"),
            ("verify", 0 if rid != "R4" else 10, 10, "yes" if rid != "R4" else "no"),
        )
    ]
    v, scores = prepared(rows)
    assert scores["critical_failed"].to_dict() == {"R1": True, "R2": True, "R3": True, "R4": False}
    # R3: neither 50 nor 0; R4: nothing failed, its total 0 differs from 100
    assert flagged(form.review_errors(v, scores)) == {
        (6, "score", "qa.import.error.total_mismatch"),
        (8, "score", "qa.import.error.total_mismatch"),
    }


def test_a_review_is_written_whole_or_not_at_all():
    v, _ = prepared(FORM)
    invalid = pd.Series([False, True, False, False, False, False], index=v.index)
    assert form.whole_reviews(v, invalid).tolist() == [True, False, True, False, False, False]


@pytest.mark.parametrize("critical", ["yes", "no", NA])
def test_critical_defaults_to_no(critical):
    v, _ = prepared([["R1", "A001", "2026-10-12", NA, NA, "x", 1, 2, 1, critical, NA, NA]])
    assert v["is_critical"].tolist() == [critical == "yes"]
