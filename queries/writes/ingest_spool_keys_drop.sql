-- The keys of a file read in chunks, once every chunk is read: the commit does not read them, and they would hold
-- the commit's memory (13 MB for 400,000 keys).
drop table if exists ingest_spool_keys
