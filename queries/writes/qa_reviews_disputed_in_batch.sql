-- The QA reviews a batch added that agents have disputed (open or decided): undoing the batch would delete them
-- and leave their disputes behind, so the undo is refused while any exist.
-- Parameters: $batch_id. Grain: one row per disputed review, by its source id.
select distinct r.source_id
from qa_reviews as r
join qa_disputes as d on d.qa_review_id = r.qa_review_id
where r.batch_id = $batch_id
order by r.source_id
