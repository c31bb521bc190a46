-- The keys of the stored survey responses the staged import changes (one column row_key), for their before-images.
create or replace temp table survey_changed as
select existing_id as row_key from survey_stage where is_changed
