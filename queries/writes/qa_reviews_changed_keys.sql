-- The keys of the stored QA reviews the staged import changes (one column row_key), for their before-images.
create or replace temp table qa_changed as
select existing_id as row_key from qa_stage where is_changed
