-- The QA reviews behind agents' QA scores in a period, with their comments and how each counts.
-- Parameters: scope; $agent_ids (empty = all in scope); $start_on, $end_on (local dates, end inclusive).
-- Grain: one row per QA review (qa_review_scores: effective_score, is_excluded, critical_failed, disputes).
-- Scope: as queries/scorecard_agent_periods.sql places the card and counts its reviews: a team lead's or an agent's
--   by the agent's team on $end_on (the period's last day: agent_team_spans; in_agent_scope), a manager's by each
--   review's date, on the days the home store was in her stores (agent_scope_spans).
select
    q.qa_review_id,
    q.source_id,
    q.agent_id,
    a.agent_code,
    q.reviewed_on,
    q.reviewer,
    q.complaint_id,
    c.source_id as complaint_source_id,
    q.form_score,
    q.effective_score,
    q.critical_failed,
    q.is_excluded,
    q.resolution,
    q.open_dispute_id,
    q.comment
from qa_review_scores() as q
join agents_now as a on a.agent_id = q.agent_id
left join agent_team_spans() as t on t.agent_id = a.agent_id and $end_on >= t.valid_from and $end_on < t.valid_to
left join complaints as c on c.complaint_id = q.complaint_id
join agent_scope_spans(
    $scope_all_stores, $scope_store_ids, $scope_region_ids, $scope_all_agents, $scope_team_id, $scope_agent_id
) as s on s.agent_id = q.agent_id and q.reviewed_on >= s.valid_from and q.reviewed_on < s.valid_to
where coalesce(in_agent_scope($scope_all_agents, $scope_team_id, $scope_agent_id, t.team_id, a.agent_id), false)
  and in_selection($agent_ids, q.agent_id)
  and q.reviewed_on between $start_on and $end_on
order by q.reviewed_on desc, q.qa_review_id desc
