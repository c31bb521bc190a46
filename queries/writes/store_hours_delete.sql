-- Remove the opening hours of some stores before their new week is written (writes.set_store_hours).
-- Parameters: $store_ids (the stores whose week is replaced).
delete from store_hours where list_contains($store_ids, store_id)
