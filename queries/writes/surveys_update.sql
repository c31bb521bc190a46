-- Update the stored survey responses that the staged import changes.
update survey_responses as r set
    store_id = s.store_id,
    region_id = s.region_id,
    responded_on = s.responded_on,
    channel = s.channel,
    overall_satisfaction = s.overall_satisfaction,
    recommend_score = s.recommend_score,
    comment = s.comment,
    complaint_id = s.complaint_id,
    instrument_id = s.instrument_id
from survey_stage as s
where r.response_id = s.existing_id and s.is_changed
