-- SERVQUAL importance points of the responses the staged import writes (new, or changed with a block).
insert into servqual_importance (response_id, dimension_code, points)
select r.response_id, p.dimension_code, p.points
from survey_stage as s
join survey_responses as r on r.source_response_id = s.source_response_id
join survey_importance_rows as p on p.row_no = s.row_no
where s.existing_id is null or s.block_changed or (s.row_changed and $has_block)
