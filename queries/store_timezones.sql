-- The time zones of the caller's active stores, the zone of most stores first (the Upload form offers them first).
-- Parameters: scope (the caller's stores: master data by each store's current region). Grain: one row per time
-- zone.
select
    s.timezone,
    count(*) as store_count
from stores_now as s
where s.is_active
  and s.timezone is not null
  and in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, s.store_id, s.region_id)
group by s.timezone
order by store_count desc, s.timezone
