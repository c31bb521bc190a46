-- 018_qa_criterion_not_applicable: a QA form's criterion may be not applicable (N/A: the interaction had no such
-- step). It is stored with no score (as a 5S item's N/A), left out of the review's weighted score with the other
-- criteria's weights rescaled (portal/qa/scoring.py), and never fails the review when critical
-- (models/qa_review_scores.sql). The score checks (>= 0, <= max_score) pass a null score.
alter table qa_review_criteria alter column score drop not null;
