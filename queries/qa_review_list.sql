-- QA reviews of the caller's scope in a date range, each with the score it counts with (models/qa_review_scores.sql).
-- Parameters: $start_on, $end_on (dates, inclusive: reviewed_on), $agent_ids (list, empty = all), scope.
-- Scope: agent_in_scope on the reviewed agent (models/agent_in_scope.sql; a manager: the agents whose home store
--   is in their stores); every QA query and write check uses the same rule.
-- Grain: one row per QA review, newest first. criteria: the form's criteria as text ("code score/max"; a failed
-- critical one marked "!"; a not applicable one "code N/A"); dispute_status / resolution: of the review's newest
-- dispute, if any.
-- complaint: the reviewed complaint's source id only where the caller may see that complaint (in_store_scope on its
--   store and the region stamped on it, as complaint_detail.sql answers; an agent: also a complaint assigned to
--   them), else null: a review placed in scope by the agent's team or home store on its date (after a move) may be
--   of a complaint handled before the move, in another team's store or region.
-- The period's reviews are selected first; criteria, disputes and complaint ids are looked up for them only.
with
reviews as (
    select s.*
    from qa_review_scores() as s
    where s.reviewed_on between $start_on and $end_on
      and agent_in_scope(
          $scope_all_stores, $scope_store_ids, $scope_region_ids, $scope_all_agents, $scope_team_id, $scope_agent_id,
          s.team_id, s.agent_id, s.home_store_id, s.reviewed_on
      )
      and in_selection($agent_ids, s.agent_id)
),

criteria as (
    select
        qa_review_id,
        string_agg(
            criterion_code || ' '
            || case when score is null then 'N/A' else format('{:g}/{:g}', score, max_score) end
            || case when is_critical and score < max_score then ' !' else '' end,
            ' · ' order by criterion_code
        ) as criteria
    from qa_review_criteria
    where qa_review_id in (select qa_review_id from reviews)
    group by qa_review_id
),

newest_dispute as (
    select qa_review_id, dispute_id, status as dispute_status, reason, decision_comment
    from qa_disputes
    where qa_review_id in (select qa_review_id from reviews)
    qualify row_number() over (partition by qa_review_id order by dispute_id desc) = 1
),

linked as (
    select complaint_id, source_id
    from complaints as c
    where c.complaint_id in (select complaint_id from reviews)
      and (
          in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, c.store_id, c.region_id)
          or coalesce(c.agent_id = $scope_agent_id, false)
      )
),

final as (
    select
        s.qa_review_id,
        s.source_id,
        s.agent_id,
        a.agent_code,
        a.name as agent_name,
        s.team_id,
        s.reviewed_on,
        s.reviewer,
        l.source_id as complaint,
        s.form_score,
        cr.criteria,
        s.critical_failed,
        s.effective_score,
        s.is_excluded,
        s.resolution,
        d.dispute_id,
        d.dispute_status,
        d.reason as dispute_reason,
        d.decision_comment,
        s.comment
    from reviews as s
    join agents as a on a.agent_id = s.agent_id
    left join linked as l on l.complaint_id = s.complaint_id
    left join criteria as cr on cr.qa_review_id = s.qa_review_id
    left join newest_dispute as d on d.qa_review_id = s.qa_review_id
    order by s.reviewed_on desc, s.qa_review_id desc
)

select * from final
