-- The score each QA review counts with in an agent's QA score (SPEC §3).
-- STAND-IN on the scorecards branch: the sc-reviews branch (migration 009: QA criteria, disputes) owns this
-- file and replaces it with the real view (critical criterion failed -> 0, a dispute's correction or removal);
-- on merge, take theirs. The columns are the same, so agent_period_metrics and the scorecard queries read
-- either unchanged.
-- qa_review_scores() is a table macro without parameters (models/ holds macros only: tests/test_models.py).
-- Parameters: none. Grain: one row per QA review (qa_reviews).
-- Columns: qa_review_id, source_id, agent_id, team_id (the agent's team), reviewed_on, reviewer,
--   complaint_id, comment, batch_id, form_score, n_criteria, critical_failed, decided_dispute_id, resolution,
--   corrected_score, effective_score, is_excluded, open_dispute_id.
-- An agent's QA score = avg(effective_score) over the rows not is_excluded; its n = count of those rows.
-- Scope is applied by the query that reads it (in_agent_scope on team_id, agent_id).
create or replace macro qa_review_scores() as table
select
    r.qa_review_id,
    r.source_id,
    r.agent_id,
    a.team_id,
    r.reviewed_on,
    r.reviewer,
    r.complaint_id,
    r.comment,
    r.batch_id,
    r.score as form_score,
    0 as n_criteria,
    false as critical_failed,
    null::bigint as decided_dispute_id,
    null::varchar as resolution,
    null::double as corrected_score,
    r.score as effective_score,
    false as is_excluded,
    null::bigint as open_dispute_id
from qa_reviews as r
left join agents as a on a.agent_id = r.agent_id
