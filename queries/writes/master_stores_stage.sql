-- Stage an upload of stores against the stored ones: one row per file row with the stored store's id
-- (existing_id, null for a new store), its region id (stored_region_id: the region it has now, stores_now), and
-- whether a stored store changes (is_changed).
-- A blank Chinese name, time zone, opening date or open flag (or a column the file does not carry) keeps the stored
-- value; a blank name (a Chinese one read as the Chinese name: master_rows.chinese_names_to_zh) keeps the stored
-- name, a new store's is its Chinese name; a new store's blank time zone is $timezone (the reporting zone), its
-- blank open flag true.
create or replace temp table master_store_stage as
with rows as (
    select
        r.row_no,
        r.store_code,
        coalesce(r.name, s.name, r.name_zh) as name,
        s.store_id as existing_id,
        coalesce(r.name_zh, s.name_zh) as name_zh,
        coalesce(g.region_id, s.region_id) as region_id,
        coalesce(r.timezone, s.timezone, $timezone) as timezone,
        coalesce(r.opened_on, s.opened_on) as opened_on,
        coalesce(r.is_active, s.is_active, true) as is_active,
        s.region_id as stored_region_id,
        row(s.name, s.name_zh, s.region_id, s.timezone, s.opened_on, s.is_active) as stored
    from master_store_rows as r
    left join regions as g on g.region_code = r.region_code
    left join stores_now as s on s.store_code = r.store_code
)

select
    * exclude (stored),
    existing_id is not null
    and row(name, name_zh, region_id, timezone, opened_on, is_active) is distinct from stored as is_changed
from rows
