-- SERVQUAL answers of the responses the staged import writes (new, or changed with a SERVQUAL block).
insert into servqual_answers (response_id, item_no, expectation, perception)
select r.response_id, a.item_no, a.expectation, a.perception
from survey_stage as s
join survey_responses as r on r.source_response_id = s.source_response_id
join survey_answer_rows as a on a.row_no = s.row_no
where s.existing_id is null or s.block_changed or (s.row_changed and $has_block)
