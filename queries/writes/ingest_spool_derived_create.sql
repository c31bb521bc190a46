-- The derived ids an id-less complaint export read in chunks has given so far (queries/writes/complaints_derived_ids.sql):
-- one row per distinct row of the earlier chunks (source, the hash of its lasting cells key_id, the hash of its
-- every mapped cell legacy_id, its number among the file's rows alike ordinal, the stored complaints alike
-- stored_n, whether its chunk refused it as alike but unmatched, and the key of the rows alike alike_id: the hash of
-- its received time and its store, channel and category as stored), so a later chunk numbers its rows alike on
-- from there and gives a full repeat its first row's id, and the file's decision on rows alike is checked at its
-- end (ingest_spool_alike_refused). A temporary table.
create temp table complaint_derived_earlier (
    source VARCHAR,
    key_id VARCHAR,
    legacy_id VARCHAR,
    ordinal BIGINT,
    stored_n BIGINT,
    is_alike_unmatched BOOLEAN,
    alike_id UBIGINT
)
