-- The later committed batches that stamped rows of a store this batch moved (an upload of stores: its region history
-- row, master_store_history_changed) with the region it moved the store to: complaints (added or updated), survey
-- responses and 5S inspections. Undoing the move would leave those rows under the new region (a fact keeps the
-- region stamped on it), so the undo is refused while any is committed (master_stores.refuse_undo_of_used).
-- Parameters: $batch_id. Grain: one row per moved store x later batch, ordered by store code and batch.
with moved as (
    select h.store_id, h.region_id
    from store_region_history as h
    join stores as s on s.store_id = h.store_id
    where h.batch_id = $batch_id and s.created_batch_id is distinct from $batch_id
),

stamped as (
    select store_id, region_id, unnest([batch_id, updated_batch_id]) as batch_id from complaints
    union all
    select store_id, region_id, batch_id from survey_responses
    union all
    select store_id, region_id, batch_id from fives_inspections
),

final as (
    select distinct s.store_code, f.batch_id
    from stamped as f
    join moved as m on m.store_id = f.store_id and m.region_id = f.region_id
    join stores as s on s.store_id = f.store_id
    join import_batches as b on b.batch_id = f.batch_id and b.status = 'committed'
    where f.batch_id > $batch_id
)

select * from final order by store_code, batch_id
