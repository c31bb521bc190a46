-- 5S corrective-action loop per store, at a glance: opened in the period, closed in time or late, overdue and
-- still open now, repeat findings of the period (null for a store without an inspection in it).
-- Parameters: scope; filters ($start_on, $end_on, $region_ids, $store_ids, $report_tz); $today (overdue: not
--   verified with due_on before it, models/fives_action_overdue.sql; the reporting zone's day).
-- Grain: one row per store with an inspection in the period or an action not yet verified. closed = verified (the
-- PDCA loop closes at Check); in time = verified on or before the due date, days in the reporting time zone
-- ($report_tz, as $today and every dashboard day: README, Days and weeks). open = not verified, of which awaiting
-- verification = submitted: each action is closed or open, never both.
-- result: small (a row per store, read by frames.small_frame: portal.db.run_query)
with
actions as materialized (
    select
        a.store_id,
        a.status,
        a.due_on,
        i.inspected_on between $start_on and $end_on as is_opened_in_period,
        a.status = 'verified' as is_closed,
        fives_action_closed_in_time(a.verified_at, a.due_on, $report_tz) as is_closed_in_time,
        fives_action_overdue(a.status, a.due_on, $today) as is_overdue
    from corrective_actions as a
    join fives_inspections as i on i.inspection_id = a.inspection_id
    join stores as st on st.store_id = a.store_id
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, a.store_id, i.region_id)
      and in_selection($store_ids, a.store_id)
      and in_selection($region_ids, i.region_id)
),

inspections as (
    select
        s.store_id,
        count(*) as inspections_n,
        -- null for a store with no earlier inspection: nothing could repeat yet (previous_inspection_id)
        case when bool_or(s.previous_inspection_id is not null) then sum(s.repeat_n)::bigint end
            as repeat_findings_n
    from fives_inspection_scores(
        scope_all_stores := $scope_all_stores, scope_store_ids := $scope_store_ids,
        scope_region_ids := $scope_region_ids,
        start_on := $start_on, end_on := $end_on, region_ids := $region_ids, store_ids := $store_ids
    ) as s
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, s.store_id, s.region_id)  -- the macro filters too
    group by s.store_id
),

by_store as (
    select
        store_id,
        count(*) filter (where is_opened_in_period) as opened_n,
        count(*) filter (where is_opened_in_period and is_closed_in_time) as closed_in_time_n,
        count(*) filter (where is_opened_in_period and is_closed and not is_closed_in_time) as closed_late_n,
        count(*) filter (where is_overdue) as overdue_n,
        count(*) filter (where not is_closed) as open_n,
        count(*) filter (where status = 'submitted') as awaiting_verification_n
    from actions
    group by store_id
),

final as (
    select
        coalesce(b.store_id, i.store_id) as store_id,
        st.store_code,
        store_label(st.name, st.name_zh, $lang) as store_name,
        coalesce(i.inspections_n, 0) as inspections_n,
        coalesce(b.opened_n, 0) as opened_n,
        coalesce(b.closed_in_time_n, 0) as closed_in_time_n,
        coalesce(b.closed_late_n, 0) as closed_late_n,
        coalesce(b.overdue_n, 0) as overdue_n,
        coalesce(b.open_n, 0) as open_n,
        coalesce(b.awaiting_verification_n, 0) as awaiting_verification_n,
        -- null ("no data") for a store listed for its open actions alone: no inspection in the period, so
        -- nothing could repeat (a 0 there would claim a clean period)
        i.repeat_findings_n
    from by_store as b
    full join inspections as i on i.store_id = b.store_id
    join stores as st on st.store_id = coalesce(b.store_id, i.store_id)
    where i.store_id is not null or b.open_n > 0
)

select * from final
order by overdue_n desc, repeat_findings_n desc nulls last, store_code
