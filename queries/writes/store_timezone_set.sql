-- Set one store's time zone (an admin's choice on the Settings page or `portal settings set-store-zone`).
-- Parameters: $store_code, $timezone (an IANA name, checked by the caller). No RETURNING: DuckDB turns an
-- update with RETURNING into a delete and insert, which a store referenced by complaints refuses.
update stores set timezone = $timezone
where store_code = $store_code
