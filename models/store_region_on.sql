-- The region a store had on a date, written once: the region a fact row of that store and date is stamped with
-- (surveys_stage, inspections_insert, complaints_stage) and the region an upload's row is checked against before
-- it is written (portal/scope.py, store_rows_out_of_scope), so a caller may write exactly the rows they will see.
-- Parameters: row_store_id (the row's store), row_date (the row's date: a survey's response date, an inspection's
--   date, a complaint's received date in the reporting zone, complaint_received_on; null: the store's current
--   region).
-- Grain: a scalar macro, one region id per row: the store_region_history row holding the date (the latest begun
--   where two overlap); a date before the store's first row: the region of that first row (a store uploaded without
--   opened_on has history only from its upload day, master_store_history_new, and a row dated before it stays with
--   the region the store then had, not one it moved to later); else the store's current region (stores_now: a store
--   without history, a null date, a date in a gap between rows); null for a row without a store.
-- depends on: stores_now
-- The subqueries' aliases are the macro's own (a caller's "s.store_id" passed in would otherwise name them).
create or replace macro store_region_on(row_store_id, row_date) as
    coalesce(
        (
            select coalesce(
                arg_max(region_on_history.region_id, region_on_history.valid_from) filter (
                    where region_on_history.valid_from <= row_date
                      and (region_on_history.valid_to is null or row_date < region_on_history.valid_to)
                ),
                case
                    when bool_and(row_date < region_on_history.valid_from)
                        then arg_min(region_on_history.region_id, region_on_history.valid_from)
                end
            )
            from store_region_history as region_on_history
            where region_on_history.store_id = row_store_id
        ),
        (select region_on_now.region_id from stores_now as region_on_now where region_on_now.store_id = row_store_id)
    );
