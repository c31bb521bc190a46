-- Update the stored QA reviews that the staged import changes (the agent apart: qa_reviews_update_agent).
update qa_reviews as r set
    reviewed_on = s.reviewed_on,
    reviewer = s.reviewer,
    score = s.score,
    complaint_id = s.complaint_id,
    comment = s.comment
from qa_stage as s
where r.qa_review_id = s.existing_id and s.is_changed
