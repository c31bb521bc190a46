-- Complaint figures broken down: weekly trends, channel mix, category Pareto, category x store, store and
-- agent tables, backlog by age and severity.
-- Parameters: scope (stores and agents); filters ($start_at, $end_at, $region_ids, $store_ids, $channels,
--   $categories, $severities, $business_hours, $report_tz: the reporting time zone); $as_of (SLA elapsed, backlog and its age); $sla_hours;
--   $target_high_hours, $target_normal_hours, $target_low_hours (resolution targets by severity);
--   $weeks_only (the weekly rows only: no 'summary' row and no breakdown by key, for a caller that draws the
--   weekly trend alone, such as the overview over its whole window);
--   $hot_spots: 'with' (every row), 'without' (no 'channel', 'category_store' or 'source_category' row: the
--   Complaints page's first paint, which draws the hot-spot tabs but the Pareto's groups when they are opened,
--   issue 14), 'only' (those three dimensions alone: what such a tab reads when it is opened), 'breaches' (every
--   row but the 'channel' ones: the overview's week with its alerts, which reads the SLA breaches of category x
--   store and the store rows, never the channel mix, whose aggregate is left to run over no rows).
-- Grain: one row per dimension x value. dimension is one of
--   'received_week'  week_start (ISO week, in $report_tz) of receipt: volume (finished_day_count: received before
--                    the local day of $as_of), first response, SLA (sla_undecided_count, here and in the tables by
--                    key: answers on a date only that the dates cannot judge, out of the SLA's n);
--   'resolved_week'  week_start of resolution: resolution time, reopen, recovery;
--   'channel', 'category' (category_group), 'category_store' (category_group x store_id: complaint_count and
--   breach_count, the response-SLA breaches: 24 h elapsed and not answered within them),
--   'source_category' (category_raw: the source's own category, null = none given, with its group; counts),
--   'store' (store_id; null = no store, e.g. online), 'agent' (agent_id; null = unassigned; the complaints the
--   reader's agent scope holds by the agent's team on the received date, as the complaint list names them:
--   agent_team_spans, complaint_received_on; one row per agent x team held on those dates, team_code that team:
--   an agent moved in the period has a row for each team, as a team lead counts the complaints of her team;
--   agent_team_id that team's id, the complaint list's $agent_team_id of the row (0: no team on those dates, no
--   team_code); null: not looked up, a manager's or admin's row of an agent never moved, whose complaints are all
--   the agent's),
--   'backlog_age' (severity x age_bucket of the complaints open at $as_of, backlog_count only),
--   'summary' (one row: the period's tiles, every column of complaint_summary; null in the other rows where a
--   column is the summary's alone). With $weeks_only: the 'received_week' and 'resolved_week' rows only.
-- Definitions: the module docstring of portal/complaints.py.
-- Counts: coalesce(count_if(condition), 0)::bigint, as in complaint_totals (models/complaint_totals.sql: why).
with
-- one row per complaint a figure of the period can touch, with its flags and durations: the table macro
-- complaint_facts (models/complaint_facts.sql), shared by every complaint query. Materialized (read by every part
-- below) without the columns no part reads: the copy of every row costs by its width
facts as materialized (
    select f.* exclude (complaint_id, region_id, status, first_response_at)
    from complaint_facts(
        scope_all_stores := $scope_all_stores, scope_store_ids := $scope_store_ids,
        scope_region_ids := $scope_region_ids,
        start_at := $start_at, end_at := $end_at, region_ids := $region_ids, store_ids := $store_ids,
        channels := $channels, categories := $categories, severities := $severities,
        business_hours := $business_hours, as_of := $as_of, sla_as_of := $sla_as_of, sla_hours := $sla_hours,
        target_high_hours := $target_high_hours, target_normal_hours := $target_normal_hours,
        target_low_hours := $target_low_hours, report_tz := $report_tz
    ) as f
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, f.store_id, f.region_id)  -- the macro filters too
),

-- the rows the 'summary' row and the breakdowns by key count: all of them, or none with $weeks_only (the
-- overview's trend over its whole window), so that those aggregates run over no rows. Not materialized: read
-- by four parts, DuckDB would otherwise copy every row of facts once more (a filter on a constant is free;
-- the copy cost ~30 ms of this statement's ~510 ms of CPU at bench scale 10). None with $hot_spots 'only'
keyed_facts as not materialized (
    select * from facts where not $weeks_only and $hot_spots <> 'only'
),

-- the rows the hot spots count (the channel mix, category x store, the source's own categories): all of them,
-- none with $weeks_only or $hot_spots 'without' (issue 14: ~60 ms of CPU at bench scale 10 that the page's first
-- paint does not show)
hot_facts as not materialized (
    select * from facts where not $weeks_only and $hot_spots <> 'without'
),

-- the rows the channel mix counts: hot_facts' with $hot_spots 'with' or 'only'; none with 'breaches' (the
-- overview's week reads category x store's breaches, not the channel mix)
channel_facts as not materialized (
    select * from facts where not $weeks_only and $hot_spots in ('with', 'only')
),

-- the rows of the weekly parts: all of them, none with $hot_spots 'only'
week_facts as not materialized (
    select * from facts where $hot_spots <> 'only'
),

-- The reporting zone's UTC offset at the start and at the end of each UTC day of the period (and a day either
-- side): on a day whose two offsets are equal a stamp's local time is the stamp plus that offset, a cheap
-- addition where timezone() per row cost a third of this query's time; a day holding a change of offset
-- (daylight saving) is converted stamp by stamp, so every week is exact
zone_days as (
    select
        g.day_at::date as utc_day,
        timezone($report_tz, timezone('UTC', g.day_at)) - g.day_at as start_offset,
        timezone($report_tz, timezone('UTC', g.day_at + interval 1 day)) - (g.day_at + interval 1 day)
            as end_offset
    from generate_series(
        $start_at::timestamp::date::timestamp - interval 1 day,
        $end_at::timestamp + interval 1 day,
        interval 1 day
    ) as g (day_at)
),

by_received_week as (
    select
        'received_week' as dimension,
        date_trunc('week', r.received_local_at)::date as week_start,
        count(*) as complaint_count,
        count(r.first_response_hours) as first_response_n,
        hours_quantiles(r.first_response_hours) as first_response_quantiles,
        coalesce(count_if(r.is_sla_elapsed), 0)::bigint as sla_elapsed_count,
        coalesce(count_if(r.is_sla_elapsed and r.is_answered_within_sla), 0)::bigint as sla_met_count,
        -- answers on a date only that the dates cannot judge: out of the SLA's n, counted (as the tile says)
        coalesce(count_if(r.is_sla_undecided), 0)::bigint as sla_undecided_count,
        -- received before the local day of $as_of: the week in progress's volume over its finished days
        coalesce(count_if(r.received_local_at::date
            < timezone($report_tz, timezone('UTC', $as_of::timestamp))::date), 0)::bigint as finished_day_count
    from (
        select
            f.*,
            -- a date-only receipt's received_at is its date's midnight in $report_tz (complaint_facts)
            case when z.start_offset = z.end_offset then f.received_at + z.start_offset
                else timezone($report_tz, timezone('UTC', f.received_at)) end as received_local_at
        from week_facts as f
        left join zone_days as z on z.utc_day = f.received_at::date
        where f.is_received_in_period
    ) as r
    group by all
),

by_resolved_week as (
    select
        'resolved_week' as dimension,
        date_trunc('week', case when z.start_offset = z.end_offset then f.resolution_at + z.start_offset
            else timezone($report_tz, timezone('UTC', f.resolution_at)) end)::date as week_start,
        count(f.resolution_hours) as resolution_n,
        hours_quantiles(f.resolution_hours) as resolution_quantiles,
        coalesce(count_if(f.is_reopen_known), 0)::bigint as reopen_base_count,  -- reopens: where the data tells
        coalesce(count_if(f.is_reopened), 0)::bigint as reopened_count,
        coalesce(count_if(f.is_resolved and f.post_resolution_csat is not null), 0)::bigint as recovery_n,
        coalesce(count_if(f.is_resolved and f.post_resolution_csat >= 4), 0)::bigint as recovered_count
    from week_facts as f
    left join zone_days as z on z.utc_day = f.resolution_at::date
    where f.is_resolution_in_period
    group by all
),

-- one aggregate block for three breakdowns by a single key; grouping() says which key a row is for (a null
-- store_id or agent_id is a real group: no store, unassigned). The agent rows count a complaint for its agent only
-- where the reader's agent scope holds it by the agent's team on its received date, as complaint_list.sql names the
-- agent (a manager's or admin's scope holds every agent: no look-up, a branch DuckDB drops; before, a left join on
-- an empty spans side still passed every row)
by_key as (
    select
        case when grouping(category_group) = 0 then 'category'
             when grouping(store_id) = 0 then 'store'
             else 'agent' end as dimension,
        category_group,
        store_id,
        agent_id,
        agent_team_id,
        coalesce(count_if(is_received_in_period), 0)::bigint as complaint_count,
        coalesce(count_if(is_received_in_period and first_response_hours is not null), 0)::bigint as first_response_n,
        hours_quantiles(case when is_received_in_period then first_response_hours end) as first_response_quantiles,
        coalesce(count_if(is_received_in_period and is_sla_elapsed), 0)::bigint as sla_elapsed_count,
        coalesce(count_if(is_received_in_period and is_sla_elapsed and is_answered_within_sla), 0)::bigint
            as sla_met_count,
        coalesce(count_if(is_received_in_period and is_sla_undecided), 0)::bigint as sla_undecided_count,
        coalesce(count_if(is_resolution_in_period and resolution_hours is not null), 0)::bigint as resolution_n,
        hours_quantiles(case when is_resolution_in_period then resolution_hours end) as resolution_quantiles,
        coalesce(count_if(is_backlog), 0)::bigint as backlog_count,
        coalesce(count_if(is_resolution_in_period and is_reopen_known), 0)::bigint as reopen_base_count,
        coalesce(count_if(is_resolution_in_period and is_reopened), 0)::bigint as reopened_count,
        coalesce(count_if(is_resolution_in_period and is_resolved and post_resolution_csat is not null), 0)::bigint
            as recovery_n,
        coalesce(count_if(is_resolution_in_period and is_resolved and post_resolution_csat >= 4), 0)::bigint
            as recovered_count
    from (
        -- a reader whose scope holds every agent (a manager, an admin): the rows of agents never moved as they are,
        -- no team looked up (their team on any date is their team now: final); a moved agent's rows take the branch
        -- below, so that each is counted under the team it was received in
        select * from keyed_facts
        where $scope_all_agents and not coalesce(agent_id in (select h.agent_id from agent_team_history as h), false)
        union all by name
        -- any other reader: the agent's team on the received date (agent_team_spans, complaint_received_on, as
        -- complaint_list.sql); a complaint outside the reader's agent scope joins the unassigned ones (agent_id
        -- null), a group final drops for this reader
        select
            f.* exclude (agent_id, received_on),
            case when in_agent_scope($scope_all_agents, $scope_team_id, $scope_agent_id, t.team_id, f.agent_id)
                then f.agent_id end as agent_id,
            -- 0: no team on the received date (team ids start at 1), a row of its own that names no team (the
            -- team now, before: a manager's row of a moved agent's days without a team said the team he is in now)
            case when in_agent_scope($scope_all_agents, $scope_team_id, $scope_agent_id, t.team_id, f.agent_id)
                then coalesce(t.team_id, 0) end as agent_team_id
        from (
            -- the received date: complaint_received_on, by the day's single UTC offset where the day has one (a
            -- cheap addition, as by_received_week; timezone() per row was ~100 ms of CPU for a team lead's
            -- figures at bench scale 10)
            select
                kf.*,
                case when not kf.received_date_only and z.start_offset = z.end_offset
                    then (kf.received_at + z.start_offset)::date
                    else complaint_received_on(kf.received_at, kf.received_date_only, $report_tz)
                end as received_on
            from keyed_facts as kf
            left join zone_days as z on z.utc_day = kf.received_at::date
            where not $scope_all_agents or kf.agent_id in (select h.agent_id from agent_team_history as h)
        ) as f
        left join agent_team_spans() as t
            on t.agent_id = f.agent_id
            and f.received_on >= t.valid_from and f.received_on < t.valid_to
    )
    group by grouping sets ((category_group), (store_id), (agent_id, agent_team_id))
),

-- the channel mix (a hot spot): by_key's figures by channel, over channel_facts (a grouping set of by_key before,
-- which the first paint could not leave out; the agents' team look-up is by_key's alone)
by_channel as (
    select
        'channel' as dimension,
        channel,
        coalesce(count_if(is_received_in_period), 0)::bigint as complaint_count,
        coalesce(count_if(is_received_in_period and first_response_hours is not null), 0)::bigint as first_response_n,
        hours_quantiles(case when is_received_in_period then first_response_hours end) as first_response_quantiles,
        coalesce(count_if(is_received_in_period and is_sla_elapsed), 0)::bigint as sla_elapsed_count,
        coalesce(count_if(is_received_in_period and is_sla_elapsed and is_answered_within_sla), 0)::bigint
            as sla_met_count,
        coalesce(count_if(is_received_in_period and is_sla_undecided), 0)::bigint as sla_undecided_count,
        coalesce(count_if(is_resolution_in_period and resolution_hours is not null), 0)::bigint as resolution_n,
        hours_quantiles(case when is_resolution_in_period then resolution_hours end) as resolution_quantiles,
        coalesce(count_if(is_backlog), 0)::bigint as backlog_count,
        coalesce(count_if(is_resolution_in_period and is_reopen_known), 0)::bigint as reopen_base_count,
        coalesce(count_if(is_resolution_in_period and is_reopened), 0)::bigint as reopened_count,
        coalesce(count_if(is_resolution_in_period and is_resolved and post_resolution_csat is not null), 0)::bigint
            as recovery_n,
        coalesce(count_if(is_resolution_in_period and is_resolved and post_resolution_csat >= 4), 0)::bigint
            as recovered_count
    from channel_facts
    group by channel
),

-- the period's complaints by category group, source category and store: one aggregate over the rows, from which
-- the category x store cells and the source's own categories are summed (two aggregates over every row cost ~20
-- ms more at bench scale 10)
by_category_source_store as materialized (
    select
        category_group,
        category_raw,
        store_id,
        count(*) as complaint_count,
        -- response-SLA breaches: 24 h elapsed and not answered within them (the overview's brief names the
        -- category and stores holding most)
        coalesce(count_if(is_sla_elapsed and not is_answered_within_sla), 0)::bigint as breach_count
    from hot_facts
    where is_received_in_period
    group by all
),

by_category_store as (
    select
        'category_store' as dimension,
        category_group,
        store_id,
        sum(complaint_count)::bigint as complaint_count,
        sum(breach_count)::bigint as breach_count
    from by_category_source_store
    group by all
),

-- the source's own categories (issue 9), beside the standard groups: counts, share and running share
by_source_category as (
    select
        'source_category' as dimension,
        category_raw,
        category_group,
        sum(complaint_count)::bigint as complaint_count
    from by_category_source_store
    group by all
),

by_backlog_age as (
    select
        'backlog_age' as dimension,
        severity,
        case
            when age_hours < 24 then 'lt_1d'
            when age_hours < 72 then 'd1_3'
            when age_hours < 168 then 'd3_7'
            else 'gt_7d'
        end as age_bucket,
        count(*) as backlog_count
    from keyed_facts
    where is_backlog
    group by all
),

unioned as (
    select * from by_received_week
    union all by name select * from by_resolved_week
    union all by name select * from by_key
    union all by name select * from by_channel
    union all by name select * from by_category_store
    union all by name select * from by_source_category
    union all by name select * from by_backlog_age
),

final as (
    select
        u.dimension,
        u.week_start,
        u.channel,
        u.category_group,
        u.category_raw,
        u.store_id,
        st.store_code,
        store_label(st.name, st.name_zh, $lang) as store_name,
        u.agent_id,
        a.agent_code,
        a.name as agent_name,
        u.agent_team_id,
        t.team_code,
        u.severity,
        u.age_bucket,
        u.complaint_count,
        u.finished_day_count,
        u.breach_count,
        -- channel mix and Pareto: share of the period's complaints; for categories also the running share
        100.0 * u.complaint_count / nullif(sum(u.complaint_count) over (partition by u.dimension), 0)
            as share_pct,
        case when u.dimension in ('category', 'source_category') then
            100.0 * sum(u.complaint_count) over (
                partition by u.dimension
                order by u.complaint_count desc, coalesce(u.category_raw, u.category_group), u.category_group
                rows between unbounded preceding and current row
            ) / nullif(sum(u.complaint_count) over (partition by u.dimension), 0)
        end as cumulative_pct,
        u.first_response_n,
        u.first_response_quantiles[1] as first_response_median_hours,
        u.first_response_quantiles[2] as first_response_p90_hours,
        u.sla_elapsed_count,
        u.sla_met_count,
        u.sla_undecided_count,
        100.0 * u.sla_met_count / nullif(u.sla_elapsed_count, 0) as sla_attainment_pct,
        u.resolution_n,
        u.resolution_quantiles[1] as resolution_median_hours,
        u.resolution_quantiles[2] as resolution_p90_hours,
        u.backlog_count,
        u.reopen_base_count,
        u.reopened_count,
        100.0 * u.reopened_count / nullif(u.reopen_base_count, 0) as reopen_rate_pct,
        u.recovery_n,
        u.recovered_count,
        100.0 * u.recovered_count / nullif(u.recovery_n, 0) as recovery_rate_pct
    from unioned as u
    left join stores as st on st.store_id = u.store_id
    left join agents_now as a on a.agent_id = u.agent_id
    -- an agent row's team: the one its complaints were received in (by_key; 0: none, no team matches), else (an
    -- agent never moved) the team now
    left join teams as t on t.team_id = coalesce(u.agent_team_id, a.team_id)
    -- the unassigned agent row (with, for a reader whose scope does not hold every agent, the complaints of agents
    -- outside it: by_key) only for a reader whose scope holds every agent, as in_agent_scope holds a null agent
    where u.dimension <> 'agent' or u.agent_id is not null or $scope_all_agents
)

-- the period's tiles (the columns of complaint_summary, in its order, first) as one more row, from the same pass
-- over its rows: the Complaints page and the overview take the current period's summary from here instead of a
-- second statement
select 'summary' as dimension, t.* from complaint_totals('keyed_facts') as t
where not $weeks_only and $hot_spots <> 'only'
union all by name
select * from final
order by dimension, week_start, complaint_count desc, channel, category_raw, category_group, store_code,
    -- team_code: a moved agent's rows of two teams with equal counts, in one order on every run
    agent_code, team_code, severity, age_bucket
