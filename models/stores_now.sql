-- The stores as they are now: every column of stores, with region_id the region a later stores upload gave the
-- store (store_assignments, migration 025) where there is one, else the store's own region_id (its first one).
-- Every query that means the store's current region reads this view; facts keep the region they were stamped
-- with, and store_region_history says which region a store had on a date.
-- Parameters: none (a view). Grain: one row per store (store_id).
create or replace view stores_now as
select
    s.* replace (case when a.store_id is not null then a.region_id else s.region_id end as region_id)
from stores as s
left join store_assignments as a on a.store_id = s.store_id;
