-- QA-review import check: file rows (qa_check_rows: row_no, review_id) whose review id is stored, with the stored
-- review's agent and date: a row giving another agent and another date is another review under a reused id (a
-- sheet's row numbers), not a correction (portal/qa/reused_ids.py). Returns row_no, agent_id, agent_code, reviewed_on.
select k.row_no, r.agent_id, a.agent_code, r.reviewed_on
from qa_check_rows as k
join qa_reviews as r on r.source_id = k.review_id
join agents as a on a.agent_id = r.agent_id
