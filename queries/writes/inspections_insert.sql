-- Insert the new inspections of an upload (one per inspection id of the registered relation inspection_rows) as
-- rows of the batch, with the region the store had on the inspection date and who inspected: inspector_user, the
-- user the sheet names (decided by the kind: portal/fives_intake/kind.py, _inspector_users), else null.
insert into fives_inspections (source_id, store_id, region_id, template_id, inspected_on, inspector_username,
                               inspector_name, batch_id, created_at)
with
firsts as (
    select inspection_id, store_id, inspected_on, inspector, inspector_user, template_id, min(row_no) as row_no
    from inspection_rows
    group by all
)

-- the store's region on the inspection date (models/store_region_on.sql: the upload's scope check's too)
select f.inspection_id, f.store_id, store_region_on(f.store_id, f.inspected_on), f.template_id, f.inspected_on,
       f.inspector_user, coalesce(f.inspector, $display_name), $batch_id, $batched_at
from firsts as f
join stores_now as s on s.store_id = f.store_id
order by f.row_no
