-- Stored survey responses whose answers a re-import would change (read by the check, before any commit).
-- survey_check_answers (registered by portal.ingest.surveys): row_no, response_id, overall_satisfaction,
-- recommend_score, comment of the file's valid rows. $has_recommend / $has_comment: the file carries the field
-- (one it does not carry keeps its stored value; the overall satisfaction is always the file's, as the commit
-- writes it). Grain: one row per file row that would change a stored response's answers, in file order.
select k.row_no, k.response_id
from survey_check_answers as k
join survey_responses as r on r.source_response_id = k.response_id
where k.overall_satisfaction is distinct from r.overall_satisfaction
   or ($has_recommend and k.recommend_score is distinct from r.recommend_score)
   or ($has_comment and k.comment is distinct from r.comment)
order by k.row_no
