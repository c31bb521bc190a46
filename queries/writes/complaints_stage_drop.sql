-- Drop the temporary tables of a complaint import once its rows are written.
drop table if exists ingest_changed;
drop table if exists ingest_stage
