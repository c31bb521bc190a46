-- The survey responses a satisfaction figure counts from, written once: the caller's stores and the filters.
-- selected_survey_responses(...) is a table macro (the staging step of every satisfaction and SERVQUAL query):
-- queries/satisfaction_*.sql and queries/servqual_*.sql select from it, passing their bound parameters by name.
-- Parameters: the caller's store scope (scope_all_stores, scope_store_ids); the period (start_on, end_on: dates,
--   both inclusive); region_ids, store_ids, channels (lists, empty = all).
-- Grain: one row per survey response (response_id) given in the period, in scope and selection, with
--   index_points = (overall - 1) / 4 x 100 (null without an overall answer).
-- region_id is the region the store had when the response was given.
-- A macro parameter hides a column of the same name: none is named like a column of survey_responses.
-- depends on: in_store_scope, in_selection
create or replace macro selected_survey_responses(
    scope_all_stores, scope_store_ids, scope_region_ids, start_on, end_on, region_ids, store_ids, channels
) as table
select
    r.response_id,
    r.source_response_id,
    r.instrument_id,
    r.store_id,
    r.region_id,
    r.responded_on,
    r.channel,
    r.overall_satisfaction,
    (r.overall_satisfaction - 1) / 4.0 * 100 as index_points,
    r.recommend_score,
    r.comment,
    r.complaint_id
from survey_responses as r
where r.responded_on between start_on and end_on
  and in_store_scope(scope_all_stores, scope_store_ids, scope_region_ids, r.store_id, r.region_id)
  and in_selection(region_ids, r.region_id)
  and in_selection(store_ids, r.store_id)
  and in_selection(channels, r.channel);
