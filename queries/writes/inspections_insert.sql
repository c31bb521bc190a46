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
),

region_then as (
    select f.inspection_id, h.region_id
    from firsts as f
    join store_region_history as h
        on h.store_id = f.store_id and h.valid_from <= f.inspected_on
       and (h.valid_to is null or f.inspected_on < h.valid_to)
    qualify row_number() over (partition by f.inspection_id order by h.valid_from desc) = 1
)

select f.inspection_id, f.store_id, coalesce(r.region_id, s.region_id), f.template_id, f.inspected_on, f.inspector_user,
       coalesce(f.inspector, $display_name), $batch_id, $batched_at
from firsts as f
join stores_now as s on s.store_id = f.store_id
left join region_then as r on r.inspection_id = f.inspection_id
order by f.row_no
