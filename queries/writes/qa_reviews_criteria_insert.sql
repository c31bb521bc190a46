-- The criteria of the QA reviews the staged import writes (new ones, and changed ones whose criteria were cleared).
insert into qa_review_criteria (qa_review_id, criterion_code, score, max_score, weight, is_critical)
select r.qa_review_id, c.criterion, c.criterion_score, c.max_score, c.weight, c.is_critical
from qa_stage as s
join qa_reviews as r on r.source_id = s.source_id
join qa_criteria_rows as c on c.review_id = s.source_id
where s.existing_id is null or s.is_changed
