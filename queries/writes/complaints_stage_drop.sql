-- Drop the staging table of a complaint import once its rows are written.
drop table if exists ingest_stage
