-- Insert the staged survey responses that are new, in file order, as rows of the batch.
insert into survey_responses (source_response_id, store_id, region_id, responded_on, channel, overall_satisfaction,
                              recommend_score, comment, complaint_id, instrument_id, batch_id, created_at)
select source_response_id, store_id, region_id, responded_on, channel, overall_satisfaction, recommend_score,
       comment, complaint_id, instrument_id, $batch_id, $batched_at
from survey_stage
where existing_id is null
order by row_no
