-- QA-review import check: file rows (qa_check_rows: row_no, review_id) whose stored review an agent has disputed
-- (open or decided), with the stored agent and reviewer: a re-import may not change either, or the dispute would
-- belong to another agent's review, or its reviewer could decide it (SPEC §3). Returns row_no, agent_id, reviewer.
select k.row_no, r.agent_id, r.reviewer
from qa_check_rows as k
join qa_reviews as r on r.source_id = k.review_id
where exists (select 1 from qa_disputes as d where d.qa_review_id = r.qa_review_id)
