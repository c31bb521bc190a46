-- Data status: for each kind of data the caller may see, how many rows, the dates covered, the last import.
-- Parameters: scope; $kinds (the kinds of data the caller's roles may see: navigation.visible_data_kinds; a
-- team lead's list has no 5S rows). Grain: one row per kind of data in $kinds.
-- The last import: for a caller who sees every store and agent, the last committed import of the kind; for
-- anyone else, the import that last wrote one of the rows in their scope (the latest batch of those rows), so
-- no one learns when another region's data came in.
with
stores_in_scope as (
    -- master data: by the store's current region (stores_now), not the one it was created with (stores.region_id)
    select store_id from stores_now
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, store_id, region_id)
),

-- whether the caller sees every store and every agent: it only picks which last import is shown (the rows are
-- the caller's scope either way, so this is not an admin-only query)
reader as (
    select $scope_all_agents and $scope_all_stores as is_chain_wide
),

last_import as (
    select kind, max(created_at) as last_import_at
    from import_batches
    where status = 'committed' and (select is_chain_wide from reader)
    group by kind
),

counts as (
    select 'stores' as kind, 1 as sort_order, count(*) as row_count,
           min(opened_on) as first_on, max(opened_on) as last_on, max(created_batch_id) as last_batch_id
    from stores where store_id in (select store_id from stores_in_scope)
    union all
    select 'agents', 2, count(*), min(a.hired_on), max(a.hired_on), max(a.created_batch_id)
    from agents_now as a
    where agent_in_scope(
        $scope_all_stores, $scope_store_ids, $scope_region_ids, $scope_all_agents, $scope_team_id, $scope_agent_id,
        a.team_id, a.agent_id, a.home_store_id, null
    )
    union all
    select 'complaints', 3, count(*), min(received_at)::date, max(received_at)::date,
           max(greatest(batch_id, updated_batch_id))
    from complaints
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, store_id, region_id)
    union all
    select 'survey_responses', 4, count(*), min(responded_on), max(responded_on), max(batch_id)
    from survey_responses
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, store_id, region_id)
    union all
    select 'servqual_responses', 5, count(*), min(responded_on), max(responded_on), max(r.batch_id)
    from survey_responses as r
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, r.store_id, r.region_id)
      and exists (select 1 from servqual_answers as a where a.response_id = r.response_id)
    union all
    select 'qa_reviews', 6, count(*), min(q.reviewed_on), max(q.reviewed_on), max(q.batch_id)
    from qa_reviews as q
    join agents_now as a on a.agent_id = q.agent_id
    left join agent_team_spans() as t
        on t.agent_id = q.agent_id and q.reviewed_on >= t.valid_from and q.reviewed_on < t.valid_to
    where agent_in_scope(  -- a review is its agent's team's (home store's) on its date, as qa_review_scores
        $scope_all_stores, $scope_store_ids, $scope_region_ids, $scope_all_agents, $scope_team_id, $scope_agent_id,
        t.team_id, a.agent_id, t.home_store_id, q.reviewed_on
    )
    union all
    select 'inspections', 7, count(*), min(inspected_on), max(inspected_on), max(batch_id)
    from fives_inspections
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, store_id, region_id)
    union all
    -- actions come with their inspections: the inspections' last import
    select 'corrective_actions', 8, count(*), min(created_at)::date, max(created_at)::date, null
    from corrective_actions as a
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, a.store_id,
        (select i.region_id from fives_inspections as i where i.inspection_id = a.inspection_id))  -- the region of its inspection
),

scoped_last as (
    select c.kind, b.created_at as last_import_at
    from counts as c
    join import_batches as b
        on b.batch_id = coalesce(
            c.last_batch_id,
            case when c.kind = 'corrective_actions'
                then (select i.last_batch_id from counts as i where i.kind = 'inspections') end
        )
    where b.status = 'committed' and not (select is_chain_wide from reader)
),

final as (
    select c.kind, c.row_count, c.first_on, c.last_on, coalesce(li.last_import_at, sl.last_import_at)
        as last_import_at
    from counts as c
    left join scoped_last as sl on sl.kind = c.kind
    left join last_import as li
        on li.kind = case c.kind
            when 'survey_responses' then 'surveys'
            when 'servqual_responses' then 'surveys'
            when 'corrective_actions' then 'inspections'
            else c.kind end
    where list_contains($kinds, c.kind)
    order by c.sort_order
)

select * from final
