-- Update the agent of changed QA reviews, only where it differs (DuckDB rewrites a row whose foreign-key column
-- is in the SET list).
update qa_reviews as r set agent_id = s.agent_id
from qa_stage as s
where r.qa_review_id = s.existing_id and s.is_changed and r.agent_id is distinct from s.agent_id
