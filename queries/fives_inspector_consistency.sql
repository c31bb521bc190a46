-- 5S inspector consistency: each inspector's mean overall % against the other inspectors' mean on the same
-- stores in the period, so that a lenient or strict inspector stands out.
-- Parameters: scope; filters ($start_on, $end_on, $region_ids, $store_ids).
-- Grain: one row per inspector (the inspection_inspector macro: the user the import decided, else the sheet's
-- name; inspector_name: how the page
-- names them, user_label: the user's display name, else that). own_mean_pct: over all their
-- inspections; on the shared stores (stores another inspector also inspected in the period) their mean and
-- the others' mean at those stores, each store weighted by the inspector's own inspections there;
-- difference_pp = own - others there (positive: more lenient). Null where no store was shared.
-- result: small (a row per inspector, read by frames.small_frame: portal.db.run_query)
with
inspections as materialized (
    select s.*
    from fives_inspection_scores(
        scope_all_stores := $scope_all_stores, scope_store_ids := $scope_store_ids,
        scope_region_ids := $scope_region_ids,
        start_on := $start_on, end_on := $end_on, region_ids := $region_ids, store_ids := $store_ids
    ) as s
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, s.store_id, s.region_id)  -- the macro filters too
      and s.overall_pct is not null
),

inspector_store as (
    select coalesce(inspector, '?') as inspector, store_id, avg(overall_pct) as own_mean, count(*) as own_n
    from inspections
    group by all
),

store_totals as (
    select store_id, sum(overall_pct) as total_pct, count(*) as total_n
    from inspections
    group by store_id
),

paired as (
    select
        p.*,
        t.total_n - p.own_n as others_n,
        (t.total_pct - p.own_mean * p.own_n) / nullif(t.total_n - p.own_n, 0) as others_mean
    from inspector_store as p
    join store_totals as t on t.store_id = p.store_id
),

final as (
    select
        inspector,
        sum(own_n)::bigint as inspections_n,
        count(*) as stores_n,
        sum(own_mean * own_n) / sum(own_n) as own_mean_pct,
        count(*) filter (where others_n > 0) as shared_stores_n,
        coalesce(sum(own_n) filter (where others_n > 0), 0)::bigint as shared_inspections_n,
        coalesce(sum(others_n) filter (where others_n > 0), 0)::bigint as others_inspections_n,
        sum(own_mean * own_n) filter (where others_n > 0)
            / sum(own_n) filter (where others_n > 0) as own_shared_mean_pct,
        sum(others_mean * own_n) filter (where others_n > 0)
            / sum(own_n) filter (where others_n > 0) as others_shared_mean_pct
    from paired
    group by inspector
)

select *, user_label(inspector) as inspector_name, own_shared_mean_pct - others_shared_mean_pct as difference_pp
from final
order by difference_pp desc nulls last, inspector
