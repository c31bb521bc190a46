-- A chunk's valid rows (the registered frame ingest_spool_chunk) into the spool (the relation ingest_rows).
insert into ingest_rows by name select * from ingest_spool_chunk
