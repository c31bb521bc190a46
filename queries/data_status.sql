-- Data status: for each kind of data the caller may see, how many rows, the dates covered, the last import.
-- Parameters: scope. Grain: one row per kind of data.
with
stores_in_scope as (
    select store_id from stores
    where in_store_scope($scope_all_stores, $scope_store_ids, store_id)
),

last_import as (
    select kind, max(created_at) as last_import_at
    from import_batches
    where status = 'committed'
    group by kind
),

counts as (
    select 'stores' as kind, 1 as sort_order, count(*) as row_count,
           min(opened_on) as first_on, max(opened_on) as last_on
    from stores where store_id in (select store_id from stores_in_scope)
    union all
    select 'agents', 2, count(*), min(a.hired_on), max(a.hired_on)
    from agents as a
    left join teams as t on t.team_id = a.team_id
    where in_agent_scope($scope_all_agents, $scope_team_id, $scope_agent_id, a.team_id, a.agent_id)
      and ($scope_all_stores or a.home_store_id in (select store_id from stores_in_scope))
    union all
    select 'complaints', 3, count(*), min(received_at)::date, max(received_at)::date
    from complaints
    where in_store_scope($scope_all_stores, $scope_store_ids, store_id)
    union all
    select 'survey_responses', 4, count(*), min(responded_on), max(responded_on)
    from survey_responses
    where in_store_scope($scope_all_stores, $scope_store_ids, store_id)
    union all
    select 'servqual_responses', 5, count(*), min(responded_on), max(responded_on)
    from survey_responses as r
    where in_store_scope($scope_all_stores, $scope_store_ids, r.store_id)
      and exists (select 1 from servqual_answers as a where a.response_id = r.response_id)
    union all
    select 'qa_reviews', 6, count(*), min(q.reviewed_on), max(q.reviewed_on)
    from qa_reviews as q
    join agents as a on a.agent_id = q.agent_id
    where in_agent_scope($scope_all_agents, $scope_team_id, $scope_agent_id, a.team_id, a.agent_id)
      and ($scope_all_stores or a.home_store_id in (select store_id from stores_in_scope))
    union all
    select 'inspections', 7, count(*), min(inspected_on), max(inspected_on)
    from fives_inspections
    where in_store_scope($scope_all_stores, $scope_store_ids, store_id)
    union all
    select 'corrective_actions', 8, count(*), min(created_at)::date, max(created_at)::date
    from corrective_actions
    where in_store_scope($scope_all_stores, $scope_store_ids, store_id)
),

final as (
    select c.kind, c.row_count, c.first_on, c.last_on, li.last_import_at
    from counts as c
    left join last_import as li
        on li.kind = case c.kind
            when 'survey_responses' then 'surveys'
            when 'servqual_responses' then 'surveys'
            when 'corrective_actions' then 'inspections'
            else c.kind end
    order by c.sort_order
)

select * from final
