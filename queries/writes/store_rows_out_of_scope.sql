-- The rows of an upload (or the inspection form) the caller may not write: each row (store_rows: row_no, store_id,
-- row_on) is checked against the region it will be stored with, its store's region on the row's date
-- (models/store_region_on.sql, the rule the stage and insert statements stamp with), so a regional manager writes
-- their region's rows of a store that moved, from before or after the move, and never another region's.
-- Parameters: scope. Grain: one row per row outside the scope (row_no); rows without a store are not checked here.
select r.row_no
from store_rows as r
where r.store_id is not null
  and not in_store_scope(
      $scope_all_stores, $scope_store_ids, $scope_region_ids, r.store_id, store_region_on(r.store_id, r.row_on)
  )
order by r.row_no
