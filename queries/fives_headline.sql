-- 5S headline figures of one period: chain overall %, stores in the failing band, repeat findings, and the
-- corrective actions open and overdue now.
-- Parameters: scope; filters ($start_on, $end_on, $region_ids, $store_ids); band thresholds ($excellent_min,
--   $good_min, $needs_improvement_min); $today (overdue: open or in progress with due_on before it).
-- Grain: one row. The overall % is the mean over the period's inspections (each its own overall %); a store's
-- band is that of its mean. Actions: every action of the selected stores, whatever the period (the loop now).
with
inspections as materialized (
    select s.*
    from fives_inspection_scores(
        scope_all_stores := $scope_all_stores, scope_store_ids := $scope_store_ids,
        start_on := $start_on, end_on := $end_on, region_ids := $region_ids, store_ids := $store_ids
    ) as s
    where in_store_scope($scope_all_stores, $scope_store_ids, s.store_id)  -- the macro filters too
),

store_means as (
    select store_id, avg(overall_pct) as mean_pct
    from inspections
    group by store_id
    having count(overall_pct) > 0
),

actions as (
    select a.status, a.due_on
    from corrective_actions as a
    join fives_inspections as i on i.inspection_id = a.inspection_id
    where in_store_scope($scope_all_stores, $scope_store_ids, a.store_id)
      and in_selection($store_ids, a.store_id)
      and in_selection($region_ids, i.region_id)
),

final as (
    select
        (select count(*) from inspections) as inspections_n,
        (select count(overall_pct) from inspections) as scored_inspections_n,
        (select avg(overall_pct) from inspections) as overall_pct,
        (select count(*) from store_means) as stores_n,
        (select count(*) from store_means
         where fives_band(mean_pct, $excellent_min, $good_min, $needs_improvement_min) = 'failing')
            as failing_stores_n,
        (select coalesce(sum(failed_n), 0)::bigint from inspections) as failed_items_n,
        (select coalesce(sum(repeat_n), 0)::bigint from inspections) as repeat_findings_n,
        (select count(*) from actions) as actions_n,
        (select count(*) from actions where status <> 'verified') as open_actions_n,
        (select count(*) from actions where status in ('open', 'in_progress') and due_on < $today)
            as overdue_actions_n
)

select * from final
