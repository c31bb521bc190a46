"""The effective score of a QA review: the pure functions and models/qa_review_scores.sql, worked by hand."""

from datetime import date

import pytest

from portal.qa import scoring
from portal.qa.scoring import Criterion
from tests import qa_fixture


def test_weighted_criteria_worked_by_hand():
    # greet 5/5 weight 1 -> 1.0; solve 6/10 weight 3 -> 0.6; verify 10/10 weight 1 -> 1.0
    # 100 x (1 x 1.0 + 3 x 0.6 + 1 x 1.0) / (1 + 3 + 1) = 100 x 3.8 / 5 = 76
    form = [Criterion("greet", 5, 5, 1), Criterion("solve", 6, 10, 3), Criterion("verify", 10, 10, 1, True)]
    assert scoring.criteria_score(form) == pytest.approx(76.0)
    assert not scoring.critical_failed(form)
    assert scoring.effective_score(76.0, scoring.critical_failed(form)) == 76.0


def test_critical_failure_makes_the_review_zero():
    # greet 4/5 w1 -> 0.8; verify 0/10 w1 critical -> 0; form 100 x 0.8 / 2 = 40, but the critical item failed
    form = [Criterion("greet", 4, 5, 1), Criterion("verify", 0, 10, 1, True)]
    assert scoring.criteria_score(form) == pytest.approx(40.0)
    assert scoring.critical_failed(form)
    assert scoring.effective_score(40.0, True) == 0.0


def test_a_critical_item_short_of_full_marks_fails():
    assert Criterion("verify", 9, 10, 1, True).failed_critical
    assert not Criterion("verify", 9, 10, 1, False).failed_critical


def test_no_criteria_or_no_weight_gives_no_score():
    assert scoring.criteria_score([]) is None
    assert scoring.criteria_score([Criterion("a", 3, 5, 0)]) is None


def test_a_not_applicable_criterion_is_left_out_and_the_weights_rescaled():
    # the tester's EV-1002: greeting 5/5 w1 -> 1.0; solution N/A w3 -> left out; closing 4/5 w1 -> 0.8
    # 100 x (1 x 1.0 + 1 x 0.8) / (1 + 1) = 90 (counting N/A as 0 would give 100 x 1.8 / 5 = 36)
    form = [Criterion("greeting", 5, 5, 1), Criterion("solution", None, 10, 3), Criterion("closing", 4, 5, 1)]
    assert scoring.criteria_score(form) == pytest.approx(90.0)
    assert scoring.criteria_score([*form[:1], Criterion("solution", float("nan"), 10, 3), form[2]]) == 90.0
    # an N/A critical criterion does not fail the review; an applicable failed one still makes it 0:
    # greet 5/5 w1, verify N/A critical, solve 6/10 w3 -> 100 x (1 + 1.8) / 4 = 70
    na_critical = [
        Criterion("greet", 5, 5, 1),
        Criterion("verify", None, 10, 1, True),
        Criterion("solve", 6, 10, 3),
    ]
    assert scoring.criteria_score(na_critical) == pytest.approx(70.0)
    assert not scoring.critical_failed(na_critical) and not na_critical[1].failed_critical
    # greet 5/5 w1, solve N/A w3, verify 0/10 critical w1 -> form 100 x 1 / 2 = 50, counts 0
    failed = [
        Criterion("greet", 5, 5, 1),
        Criterion("solve", None, 10, 3),
        Criterion("verify", 0, 10, 1, True),
    ]
    assert scoring.criteria_score(failed) == pytest.approx(50.0)
    assert scoring.effective_score(50.0, scoring.critical_failed(failed)) == 0.0
    # every criterion N/A: no score (never 0)
    assert scoring.criteria_score([Criterion("a", None, 5, 1), Criterion("b", None, 10, 3)]) is None


def test_dispute_resolutions():
    assert scoring.effective_score(40.0, True, "corrected", 65.0) == 65.0  # the correction stands
    assert scoring.effective_score(80.0, False, "removed") is None
    with pytest.raises(ValueError):
        scoring.effective_score(80.0, False, "corrected", None)


def test_total_matches_within_half_a_point():
    assert scoring.total_matches(76.4, 76.0)
    assert not scoring.total_matches(77.0, 76.0)
    assert scoring.total_matches(None, 76.0)


def test_a_total_of_0_matches_a_failed_critical_criterion_as_the_weighted_score_does():
    # SPEC: a failed critical criterion makes the review 0; the form's weighted score is 50 here
    assert scoring.total_matches(0.0, 50.0, critical_failure=True)
    assert scoring.total_matches(0.4, 50.0, critical_failure=True)
    assert scoring.total_matches(50.0, 50.0, critical_failure=True)
    assert not scoring.total_matches(30.0, 50.0, critical_failure=True)
    assert not scoring.total_matches(0.0, 50.0)  # no critical failed: 0 is not the form's total


def test_periods():
    assert scoring.period_start(date(2026, 10, 14), "week") == date(2026, 10, 12)  # a Monday
    assert scoring.period_start(date(2026, 10, 14), "month") == date(2026, 10, 1)
    assert scoring.period_start(date(2026, 11, 30), "quarter") == date(2026, 10, 1)
    assert scoring.period_end(date(2026, 10, 1), "quarter") == date(2026, 12, 31)
    assert scoring.period_end(date(2026, 2, 1), "month") == date(2026, 2, 28)
    assert scoring.recent_periods(date(2026, 1, 15), "month", 3) == [
        date(2026, 1, 1),
        date(2025, 12, 1),
        date(2025, 11, 1),
    ]


def test_model_matches_the_rule(con):
    qa_fixture.load_qa_reviews(con)
    rows = con.execute(
        "select source_id, form_score, n_criteria, critical_failed, effective_score, is_excluded, team_id "
        "from qa_review_scores() order by qa_review_id"
    ).fetchall()
    assert rows == [
        ("QA-1", 80.0, 0, False, 80.0, False, 1),
        ("QA-2", 76.0, 3, False, 76.0, False, 1),
        ("QA-3", 40.0, 2, True, 0.0, False, 1),  # critical failure -> 0
        ("QA-4", 90.0, 0, False, 90.0, False, 1),
        ("QA-5", 70.0, 0, False, 70.0, False, 2),
    ]
    # A001's QA score: mean of 80, 76, 0 = 52 on n = 3
    mean, n = con.execute(
        "select avg(effective_score), count(*) from qa_review_scores() where agent_id = 1 and not is_excluded"
    ).fetchone()
    assert (mean, n) == (pytest.approx(52.0), 3)
