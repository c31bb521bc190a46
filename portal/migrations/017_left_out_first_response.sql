-- 017_left_out_first_response: a complaint answered at a time the import could not use. A first-response stamp
-- that did not parse, lies in the future or is earlier than the received time is left out of the durations
-- (SPEC: "left out of the durations and reported; the complaint still counts for volume"), but the file says
-- the complaint was answered: it is not unanswered, and its 24 h commitment is neither met nor missed
-- (models/complaint_facts_calendar.sql). Rows written before keep false (DuckDB adds no column with a
-- constraint: read null as false).
alter table complaints add column first_response_left_out boolean default false;
