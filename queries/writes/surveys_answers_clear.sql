-- Remove the SERVQUAL answers of stored responses whose block or row the staged import changes.
delete from servqual_answers
where response_id in (select existing_id from survey_stage where block_changed or row_changed)
