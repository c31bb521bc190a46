-- The complaints behind a complaint figure, one page of them: the Complaints list (pages/complaint_list.py).
-- Parameters: scope (stores; agents for the agent selection); the complaint filters and targets of
--   complaint_facts ($start_at .. $target_low_hours, $report_tz); $which ('received': received in the period,
--   'open': the backlog at $as_of, 'resolved': resolved in the period); $statuses, $age_buckets (lt_1d, d1_3,
--   d3_7, gt_7d: age at $as_of), $agent_ids (lists, empty = all); $overdue ('' any, 'sla': the 24 h response
--   window ran out unanswered or answered late, 'resolution': resolved later than its severity's target or
--   open longer than it); $sort (an allow-listed key: received_at, age, first_response, resolution, store,
--   agent, category, status, severity) and $descending; $limit, $offset (the page). Never string-formatted.
-- Grain: one row per complaint; total_count is the number of rows on every page (count over the whole list).
with
facts as (
    select f.*
    from complaint_facts(
        scope_all_stores := $scope_all_stores, scope_store_ids := $scope_store_ids,
        start_at := $start_at, end_at := $end_at, region_ids := $region_ids, store_ids := $store_ids,
        channels := $channels, categories := $categories, severities := $severities,
        business_hours := $business_hours, as_of := $as_of, sla_as_of := $sla_as_of, sla_hours := $sla_hours,
        target_high_hours := $target_high_hours, target_normal_hours := $target_normal_hours,
        target_low_hours := $target_low_hours, report_tz := $report_tz
    ) as f
    where in_store_scope($scope_all_stores, $scope_store_ids, f.store_id)
),

bucketed as (
    select
        f.*,
        case
            when not f.is_backlog then null
            when f.age_hours < 24 then 'lt_1d'
            when f.age_hours < 72 then 'd1_3'
            when f.age_hours < 168 then 'd3_7'
            else 'gt_7d'
        end as age_bucket,
        f.is_sla_elapsed and not f.is_answered_within_sla as is_sla_missed,
        coalesce(f.resolution_hours > f.resolution_target_hours, false)
            or (f.is_backlog and f.age_hours > f.resolution_target_hours) as is_resolution_overdue
    from facts as f
),

chosen as (
    select
        b.*,
        c.source_id,
        c.status,
        c.first_response_at,
        s.store_code,
        store_label(s.name, s.name_zh, $lang) as store_name,
        a.agent_code,
        a.name as agent_name
    from bucketed as b
    join complaints as c on c.complaint_id = b.complaint_id
    left join stores as s on s.store_id = b.store_id
    left join agents as a on a.agent_id = b.agent_id
    where case $which
            when 'open' then b.is_backlog
            when 'resolved' then b.is_resolution_in_period
            else b.is_received_in_period
        end
      and in_selection($statuses, c.status)
      and in_selection($age_buckets, b.age_bucket)
      and (len($agent_ids) = 0
           or (list_contains($agent_ids, b.agent_id)
               and in_agent_scope($scope_all_agents, $scope_team_id, $scope_agent_id, a.team_id, b.agent_id)))
      and case $overdue
            when 'sla' then b.is_sla_missed
            when 'resolution' then b.is_resolution_overdue
            else true
        end
),

final as (
    select
        complaint_id,
        source_id,
        timezone($report_tz, timezone('UTC', received_at)) as received_local,
        received_date_only,
        store_code,
        store_name,
        agent_code,
        agent_name,
        channel,
        category_group,
        severity,
        status,
        first_response_hours,
        resolution_hours,
        case when is_backlog then age_hours end as age_hours,
        age_bucket,
        is_sla_missed,
        is_resolution_overdue,
        resolution_target_hours,
        count(*) over () as total_count
    from chosen
    order by
        case when $descending then null else
            case $sort
                when 'age' then age_hours
                when 'first_response' then first_response_hours
                when 'resolution' then resolution_hours
                when 'received_at' then epoch(received_at)
            end
        end asc nulls last,
        case when $descending then
            case $sort
                when 'age' then age_hours
                when 'first_response' then first_response_hours
                when 'resolution' then resolution_hours
                when 'received_at' then epoch(received_at)
            end
        end desc nulls last,
        case when $descending then null else
            case $sort
                when 'store' then store_code
                when 'agent' then agent_code
                when 'category' then category_group
                when 'status' then status
                when 'severity' then severity
            end
        end asc nulls last,
        case when $descending then
            case $sort
                when 'store' then store_code
                when 'agent' then agent_code
                when 'category' then category_group
                when 'status' then status
                when 'severity' then severity
            end
        end desc nulls last,
        received_at desc,
        complaint_id
    limit $limit offset $offset
)

select * from final
