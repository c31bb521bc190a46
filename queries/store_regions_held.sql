-- The regions one store held (store_region_history; a store without history: its current region), those of the
-- caller's scope only, each with whether it overlaps the period: the store view compares the store with the region
-- its rows of the period count under for this reader (SPEC §2: a store that changes region keeps its past figures
-- under the old region), the latest such region first, then the latest region of the scope it held at all.
-- Parameters: scope; $store_id; $start_on, $end_on (the period's days, both inclusive).
-- Grain: one row per region-history row of the store (valid_to exclusive; null: still in it).
with
held as (
    select h.region_id, h.valid_from, h.valid_to
    from store_region_history as h
    where h.store_id = $store_id
    union all
    select s.region_id, null as valid_from, null as valid_to
    from stores_now as s
    where s.store_id = $store_id
      and not exists (select 1 from store_region_history as h where h.store_id = s.store_id)
),

final as (
    select
        region_id,
        valid_from,
        valid_to,
        (valid_from is null or valid_from <= $end_on) and (valid_to is null or valid_to > $start_on) as is_in_period
    from held
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, $store_id, region_id)
)

select * from final
order by is_in_period desc, valid_from desc nulls first
