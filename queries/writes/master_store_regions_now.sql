-- The region each stored store among $codes has now (stores_now) and every stored region named in $regions, with
-- their names: what the preview of an upload of stores compares the file's region codes with to name the stores
-- the file moves to another region. Parameters: $codes (store codes), $regions (region codes).
-- Grain: one row per store (kind 'store') or region (kind 'region'), store_code null on a region's row.
select 'store' as kind, s.store_code, r.region_code, r.name_en, r.name_zh
from stores_now as s
join regions as r on r.region_id = s.region_id
where list_contains($codes, s.store_code)
union all
select 'region' as kind, null as store_code, region_code, name_en, name_zh
from regions
where list_contains($regions, region_code)
