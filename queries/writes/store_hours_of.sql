-- The opening hours some stores have before a settings write replaces them (writes.set_store_hours: the audit's
-- "was"). Parameters: $store_ids. Grain: one row per store and open weekday.
select store_id, iso_dow, opens_at, closes_at from store_hours where list_contains($store_ids, store_id)
