-- The keys of the stored complaints the staged import changes (one column row_key), for their before-images.
create or replace temp table ingest_changed as
select existing_id as row_key from ingest_stage where is_changed
