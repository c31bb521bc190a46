-- The stores of some codes, inside a settings write (writes.set_store_hours): code and id.
-- Parameters: $store_codes.
select store_code, store_id from stores where list_contains($store_codes, store_code)
