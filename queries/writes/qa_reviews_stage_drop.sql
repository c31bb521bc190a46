-- Drop the temporary table of a QA-review import once its rows are written.
drop table if exists qa_stage
