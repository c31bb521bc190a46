-- Stores the caller may filter by (their scope): the stores in scope now (the store's current region) and, for a
-- regional scope, every store that was ever in one of its regions (store_region_history), whose rows of that time
-- stay the region's (SPEC §2). region_id: the store's current region (master data); region_ids: every region of
-- the caller's scope the store is or was in, so a region picked in the filter lists each store whose rows it may
-- hold (a store moved R1 -> R2: R1's manager [R1], R2's [R2], the whole chain [R1, R2]).
-- Parameters: scope. Grain: one row per store.
with
held as (  -- the store's regions, then and now, inside the caller's scope
    select h.store_id, h.region_id from store_region_history as h
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, h.store_id, h.region_id)
    union
    select s.store_id, s.region_id from stores_now as s
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, s.store_id, s.region_id)
),

regions_held as (
    select store_id, list(region_id order by region_id) as region_ids from held group by store_id
),

final as (
    select s.store_id, s.store_code, store_label(s.name, s.name_zh, $lang) as store_name, s.region_id, r.region_ids
    from stores_now as s
    join regions_held as r on r.store_id = s.store_id
)

select * from final
order by store_code
