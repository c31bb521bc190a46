-- Remove the criteria of the stored QA reviews the staged import changes (the file's criteria replace them).
delete from qa_review_criteria
where qa_review_id in (select existing_id from qa_stage where is_changed)
