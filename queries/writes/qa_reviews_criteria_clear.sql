-- Remove the criteria of the stored QA reviews the staged import changes (the file's criteria replace them).
delete from qa_review_criteria
where qa_review_id in (select row_key from qa_changed)
