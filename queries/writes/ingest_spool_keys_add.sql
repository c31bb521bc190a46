-- A chunk's keys (the registered frame ingest_spool_chunk_keys) into the spool.
insert into ingest_spool_keys select row_no, row_key from ingest_spool_chunk_keys
