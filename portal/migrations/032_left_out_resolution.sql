-- 032_left_out_resolution: a complaint resolved at a time the import could not use. A resolution stamp that did
-- not parse, lies in the future or is earlier than the received time is left out of the durations (SPEC §4: "left
-- out of the durations and reported"), and the complaint still counts as resolved (its status follows the stamp
-- the file gave). The figures took the close time as its resolution stamp, a resolved_at being blank
-- (models/complaint_facts_calendar.sql): a stamp left out was replaced by another. This flag keeps it out, as
-- first_response_left_out (migration 017) does for an answer. Rows written before keep false: what their file
-- gave is not stored (DuckDB adds no column with a constraint: read null as false).
alter table complaints add column resolved_left_out boolean default false;
