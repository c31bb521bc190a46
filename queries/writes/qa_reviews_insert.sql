-- Insert the staged QA reviews that are new, in file order, as rows of the batch.
insert into qa_reviews (source_id, agent_id, complaint_id, reviewed_on, reviewer, score, comment, batch_id, created_at)
select source_id, agent_id, complaint_id, reviewed_on, reviewer, score, comment, $batch_id, $batched_at
from qa_stage
where existing_id is null
order by row_no
