-- The complaints behind a complaint figure, one page of them: the Complaints list (pages/complaint_list.py).
-- Parameters: scope (stores; agents for the agent selection); the complaint filters and targets of
--   complaint_facts ($start_at .. $target_low_hours, $report_tz); $which ('received': received in the period,
--   'open': the backlog at $as_of, 'resolved': resolved in the period); $statuses, $age_buckets (lt_1d, d1_3,
--   d3_7, gt_7d: age at $as_of), $agent_ids (lists, empty = all); $agent_team_id (null: any; else only the
--   complaints whose agent was in that team on the received date, 0: in no team: a by-agent table row's, one agent x
--   team held);
--   $overdue ('' any, 'sla': the 24 h response
--   window ran out unanswered or answered late, 'resolution': resolved later than its severity's target or
--   open longer than it); $sort (an allow-listed key: received_at, age, first_response, resolution, store,
--   agent, category, status, severity) and $descending; $limit, $offset (the page). Never string-formatted.
--   $received_from: the lower bound of received_at the list can need (its period's start for 'received', else
--   none): complaint_facts ranges the scan with it.
-- Speed (issue 10): one scan of complaint_facts; the filters, the count and the sort run on its narrow rows
--   (the store and agent codes joined for sorting and the agent scope); the wide columns (source id, names,
--   the local receipt time) are joined for the page's rows only, after the limit.
-- Agent: named (agent_code, agent_name) only when in the caller's agent scope (in_agent_scope: a team lead, her
--   team's agents; an agent, themself; a manager or admin, all) with the team the agent was in on the complaint's
--   received date (agent_team_spans, complaint_received_on), as a QA review goes by its date; another team's agent is
--   is_other_team_agent with no code or name (SPEC §1: a team lead sees the scorecards of her own team's agents
--   only), also for the sort by agent and the agent selection.
-- Grain: one row per complaint; total_count is the number of rows on every page (count over the whole list).
with
in_period as (
    select
        f.complaint_id,
        f.store_id,
        f.agent_id,
        f.channel,
        f.category_group,
        f.severity,
        f.status,
        f.received_at,
        f.received_date_only,
        f.first_response_hours,
        f.resolution_hours,
        f.resolution_target_hours,
        f.is_backlog,
        f.age_hours,
        case
            when not f.is_backlog then null
            when f.age_hours < 24 then 'lt_1d'
            when f.age_hours < 72 then 'd1_3'
            when f.age_hours < 168 then 'd3_7'
            else 'gt_7d'
        end as age_bucket,
        f.is_sla_elapsed and not f.is_answered_within_sla as is_sla_missed,
        coalesce(f.resolution_hours > f.resolution_target_hours, false)
            or (f.is_backlog and f.age_hours > f.resolution_target_hours) as is_resolution_overdue,
        s.store_code,
        coalesce(
            f.agent_id is not null and in_agent_scope(
                $scope_all_agents, $scope_team_id, $scope_agent_id,
                t.team_id, f.agent_id
            ),
            false
        ) as is_agent_in_scope,
        a.agent_code as any_agent_code,
        t.team_id as agent_team_id
    from (
        -- the received date, for the team look-up below only: none when the caller's scope holds every agent
        select
            facts.*,
            case when not $scope_all_agents or $agent_team_id is not null
                then complaint_received_on(facts.received_at, facts.received_date_only, $report_tz)
            end as received_on
        from complaint_facts(
            scope_all_stores := $scope_all_stores, scope_store_ids := $scope_store_ids,
            scope_region_ids := $scope_region_ids,
            start_at := $start_at, end_at := $end_at, region_ids := $region_ids, store_ids := $store_ids,
            channels := $channels, categories := $categories, severities := $severities,
            business_hours := $business_hours, as_of := $as_of, sla_as_of := $sla_as_of, sla_hours := $sla_hours,
            target_high_hours := $target_high_hours, target_normal_hours := $target_normal_hours,
            target_low_hours := $target_low_hours, report_tz := $report_tz, received_from := $received_from
        ) as facts
    ) as f
    left join stores as s on s.store_id = f.store_id
    left join agents_now as a on a.agent_id = f.agent_id
    -- the agent's team on the received date (agent_team_spans), looked up only for a caller whose scope does not hold
    -- every agent (a manager's or admin's list needs no team: in_agent_scope holds for all) or that asks for one team
    left join (select * from agent_team_spans() where not $scope_all_agents or $agent_team_id is not null) as t
        on t.agent_id = f.agent_id
        and f.received_on >= t.valid_from and f.received_on < t.valid_to
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, f.store_id, f.region_id)
      and case $which
            when 'open' then f.is_backlog
            when 'resolved' then f.is_resolution_in_period
            else f.is_received_in_period
        end
      and in_selection($statuses, f.status)
      and in_selection($age_buckets, age_bucket)
      and case $overdue
            when 'sla' then is_sla_missed
            when 'resolution' then is_resolution_overdue
            else true
        end
),

chosen as (
    -- the agent's code only where the caller may see the agent; the agent selection within those, and within the
    -- team on the received date asked for
    select * exclude (any_agent_code), case when is_agent_in_scope then any_agent_code end as agent_code
    from in_period
    where (len($agent_ids) = 0 or (list_contains($agent_ids, agent_id) and is_agent_in_scope))
      and ($agent_team_id is null or (agent_id is not null and coalesce(agent_team_id, 0) = $agent_team_id))
),

keyed as (
    -- the allow-listed sort key ($sort), ascending or descending ($descending), as two numeric and two text
    -- keys of which the unused ones are null; ties: newest first, then the id
    select
        *,
        case when not $descending then
            case $sort
                when 'age' then age_hours
                when 'first_response' then first_response_hours
                when 'resolution' then resolution_hours
                when 'received_at' then epoch(received_at)
            end
        end as number_up,
        case when $descending then
            case $sort
                when 'age' then age_hours
                when 'first_response' then first_response_hours
                when 'resolution' then resolution_hours
                when 'received_at' then epoch(received_at)
            end
        end as number_down,
        case when not $descending then
            case $sort
                when 'store' then store_code
                when 'agent' then agent_code
                when 'category' then category_group
                when 'status' then status
                when 'severity' then severity
            end
        end as text_up,
        case when $descending then
            case $sort
                when 'store' then store_code
                when 'agent' then agent_code
                when 'category' then category_group
                when 'status' then status
                when 'severity' then severity
            end
        end as text_down
    from chosen
),

paged as (
    -- the count over the whole list and one page of it, in one pass over the narrow rows
    select *, count(*) over () as total_count
    from keyed
    order by number_up asc nulls last, number_down desc nulls last, text_up asc nulls last,
        text_down desc nulls last, received_at desc, complaint_id
    limit $limit offset $offset
)

select
    p.complaint_id,
    c.source_id,
    timezone($report_tz, timezone('UTC', p.received_at)) as received_local,
    p.received_date_only,
    p.store_code,
    store_label(s.name, s.name_zh, $lang) as store_name,
    p.agent_code,
    case when p.is_agent_in_scope then a.name end as agent_name,
    p.agent_id is not null and not p.is_agent_in_scope as is_other_team_agent,
    p.channel,
    p.category_group,
    p.severity,
    p.status,
    p.first_response_hours,
    p.resolution_hours,
    case when p.is_backlog then p.age_hours end as age_hours,
    p.age_bucket,
    p.is_sla_missed,
    p.is_resolution_overdue,
    p.resolution_target_hours,
    p.total_count
from paged as p
join complaints as c on c.complaint_id = p.complaint_id
left join stores as s on s.store_id = p.store_id
left join agents as a on a.agent_id = p.agent_id
order by  -- the page's order again (a join keeps none)
    p.number_up asc nulls last, p.number_down desc nulls last, p.text_up asc nulls last,
    p.text_down desc nulls last, p.received_at desc, p.complaint_id
