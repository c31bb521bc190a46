-- The rows of an upload (or the inspection form) the caller may not write: each row (store_rows: row_no, store_id,
-- row_on) is checked against the region it will be stored with, its store's region on the row's date
-- (models/store_region_on.sql, the rule the stage and insert statements stamp with), so a regional manager writes
-- their region's rows of a store that moved, from before or after the move, and never another region's.
-- Parameters: scope. Grain: one row per row outside the scope (row_no), with the region it would be stored with
-- (region_id, region_name_en, region_name_zh; null: the store had none), which the refusal names; rows without a
-- store are not checked here.
with
checked as (
    select r.row_no, store_region_on(r.store_id, r.row_on) as region_id, r.store_id
    from store_rows as r
    where r.store_id is not null
),

final as (
    select c.row_no, c.region_id, g.name_en as region_name_en, g.name_zh as region_name_zh
    from checked as c
    left join regions as g on g.region_id = c.region_id
    where not in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, c.store_id, c.region_id)
)

select * from final
order by row_no
