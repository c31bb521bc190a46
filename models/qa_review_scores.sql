-- The score each QA review counts with in an agent's QA score (SPEC §3), written once.
-- qa_review_scores() is a table macro without parameters (models/ holds macros only: tests/test_models.py).
-- Parameters: none. Grain: one row per QA review (qa_reviews), every review, also removed ones.
--   form_score      the review's score as imported (for a criteria form: the weighted criteria score,
--                   100 x sum(weight x score / max_score) / sum(weight) over the applicable criteria: an N/A
--                   criterion, stored with a null score, is left out; portal/qa/scoring.py)
--   n_criteria      criteria rows behind it, N/A ones too (0: scored as one overall number)
--   critical_failed a critical criterion scored below its max_score (an N/A one never fails)
--   resolution      of the newest accepted dispute: 'corrected', 'removed', or null
--   effective_score the corrected score if an accepted dispute corrected it; else 0 if a critical
--                   criterion failed; else form_score; null when a dispute removed the review
--   is_excluded     removed from the score by an accepted dispute (leave it out of means and n)
--   open_dispute_id the dispute waiting for a decision, or null
-- Columns: qa_review_id, source_id, agent_id, team_id (the agent's team on reviewed_on: agent_team_spans, so a review
--   dated before a move to another team stays the old team's, its lead's to read and decide), home_store_id (the
--   agent's on reviewed_on, likewise: a review from before a move to another region's store stays the old region's), reviewed_on, reviewer, complaint_id, comment, batch_id, form_score, n_criteria, critical_failed,
--   decided_dispute_id, resolution, corrected_score, effective_score, is_excluded, open_dispute_id.
-- An agent's QA score = avg(effective_score) over the rows not is_excluded; its n = count of those rows.
-- Scope is applied by the query that reads it (agent_in_scope on team_id, agent_id, home_store_id).
-- depends on: agent_team_spans
create or replace macro qa_review_scores() as table
with
criteria as (
    select
        qa_review_id,
        count(*) as n_criteria,
        bool_or(is_critical and coalesce(score < max_score, false)) as critical_failed
    from qa_review_criteria
    group by qa_review_id
),

decided as (
    select qa_review_id, dispute_id as decided_dispute_id, resolution, corrected_score
    from qa_disputes
    where status = 'accepted'
    qualify row_number() over (partition by qa_review_id order by decided_at desc, dispute_id desc) = 1
),

open_disputes as (
    select qa_review_id, max(dispute_id) as open_dispute_id
    from qa_disputes
    where status = 'open'
    group by qa_review_id
),

final as (
    select
        r.qa_review_id,
        r.source_id,
        r.agent_id,
        t.team_id,
        t.home_store_id,
        r.reviewed_on,
        r.reviewer,
        r.complaint_id,
        r.comment,
        r.batch_id,
        r.score as form_score,
        coalesce(c.n_criteria, 0) as n_criteria,
        coalesce(c.critical_failed, false) as critical_failed,
        d.decided_dispute_id,
        d.resolution,
        d.corrected_score,
        case
            when d.resolution = 'removed' then null
            when d.resolution = 'corrected' then d.corrected_score
            when coalesce(c.critical_failed, false) then 0.0
            else r.score
        end as effective_score,
        coalesce(d.resolution = 'removed', false) as is_excluded,
        o.open_dispute_id
    from qa_reviews as r
    left join agent_team_spans() as t
        on t.agent_id = r.agent_id and r.reviewed_on >= t.valid_from and r.reviewed_on < t.valid_to
    left join criteria as c on c.qa_review_id = r.qa_review_id
    left join decided as d on d.qa_review_id = r.qa_review_id
    left join open_disputes as o on o.qa_review_id = r.qa_review_id
)

select * from final
