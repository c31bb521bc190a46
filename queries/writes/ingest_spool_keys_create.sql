-- Every row's natural key of a file read in chunks (each part as its length, a colon and its text, joined by |), to find a key that an
-- earlier chunk already had. A temporary table.
create temp table ingest_spool_keys (row_no BIGINT, row_key VARCHAR)
