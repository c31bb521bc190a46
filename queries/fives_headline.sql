-- 5S headline figures of a period and of the period before it: overall %, stores in the failing band, repeat
-- findings; and the corrective actions open and overdue now.
-- Parameters: scope; filters ($start_on, $end_on, $region_ids, $store_ids); the previous period
--   ($previous_start_on, $previous_end_on: the days just before $start_on); band thresholds ($excellent_min,
--   $good_min, $needs_improvement_min); $low_confidence_n (fives_low_confidence_n); $today (overdue: not verified
--   with due_on before it).
-- Grain: two rows, period = 'current' and 'previous'. The overall % is the mean over the period's inspections
-- (each its own overall %); a store's band is that of its mean, judged only on at least $low_confidence_n scored
-- inspections of the period (SPEC §3: never a pass or a fail on fewer): stores_n counts the stores with a scored
-- inspection, judged_stores_n those judged, failing_stores_n those judged failing. The action counts are the
-- same on both rows: every action of the selected stores, whatever the period (the loop now). covered_from (the
-- same on both rows): the first day of inspections in the scope and selection, whatever the period, NULL when there
-- is none (portal.kpi.comparison_of: no change where the data begins after the previous period's first day).
-- result: rows (two rows, read as frames.Rows: portal.db.run_query)
with
inspections as materialized (
    -- one pass of the fact macro over both periods (the repeat flag does not depend on the period)
    select
        s.*,
        case when s.inspected_on between $start_on and $end_on then 'current' else 'previous' end as period
    from fives_inspection_scores(
        scope_all_stores := $scope_all_stores, scope_store_ids := $scope_store_ids,
        scope_region_ids := $scope_region_ids,
        start_on := least($previous_start_on, $start_on), end_on := $end_on,
        region_ids := $region_ids, store_ids := $store_ids
    ) as s
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, s.store_id, s.region_id)  -- the macro filters too
      and (s.inspected_on between $start_on and $end_on
           or s.inspected_on between $previous_start_on and $previous_end_on)
),

periods as (
    select * from (values ('current'), ('previous')) as p (period)
),

by_period as (
    select
        period,
        count(*) as inspections_n,
        count(overall_pct) as scored_inspections_n,
        avg(overall_pct) as overall_pct,
        coalesce(sum(failed_n), 0)::bigint as failed_items_n,
        coalesce(sum(repeat_n), 0)::bigint as repeat_findings_n,
        -- the inspections whose store was inspected on an earlier day: none, and the repeat count is "no data"
        count(*) filter (where previous_inspection_id is not null) as repeat_judged_n,
        -- the repeat count's n: the failed items that could repeat, those of an inspection with an earlier one
        -- (a first inspection's failed items have no previous inspection to repeat from)
        coalesce(sum(failed_n) filter (where previous_inspection_id is not null), 0)::bigint as repeat_basis_n
    from inspections
    group by period
),

store_means as (
    select period, store_id, avg(overall_pct) as mean_pct, count(overall_pct) as scored_n
    from inspections
    group by period, store_id
    having count(overall_pct) > 0
),

stores as (
    select
        period,
        count(*) as stores_n,
        count(*) filter (where scored_n >= $low_confidence_n) as judged_stores_n,
        count(*) filter (
            where scored_n >= $low_confidence_n
              and fives_band(mean_pct, $excellent_min, $good_min, $needs_improvement_min) = 'failing'
        ) as failing_stores_n
    from store_means
    group by period
),

actions as (
    select
        count(*) as actions_n,
        count(*) filter (where a.status <> 'verified') as open_actions_n,
        count(*) filter (where fives_action_overdue(a.status, a.due_on, $today)) as overdue_actions_n
    from corrective_actions as a
    join fives_inspections as i on i.inspection_id = a.inspection_id
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, a.store_id, i.region_id)
      and in_selection($store_ids, a.store_id)
      and in_selection($region_ids, i.region_id)
),

covered as (
    select min(inspected_on) as covered_from
    from fives_inspections
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, store_id, region_id)
      and in_selection($region_ids, region_id)
      and in_selection($store_ids, store_id)
),

final as (
    select
        p.period,
        coalesce(b.inspections_n, 0) as inspections_n,
        coalesce(b.scored_inspections_n, 0) as scored_inspections_n,
        b.overall_pct,
        coalesce(s.stores_n, 0) as stores_n,
        coalesce(s.judged_stores_n, 0) as judged_stores_n,
        coalesce(s.failing_stores_n, 0) as failing_stores_n,
        coalesce(b.failed_items_n, 0) as failed_items_n,
        coalesce(b.repeat_findings_n, 0) as repeat_findings_n,
        coalesce(b.repeat_judged_n, 0) as repeat_judged_n,
        coalesce(b.repeat_basis_n, 0) as repeat_basis_n,
        a.actions_n,
        a.open_actions_n,
        a.overdue_actions_n,
        c.covered_from
    from periods as p
    left join by_period as b on b.period = p.period
    left join stores as s on s.period = p.period
    cross join actions as a
    cross join covered as c
)

select * from final
order by period
