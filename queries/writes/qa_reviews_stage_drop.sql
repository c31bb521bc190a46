-- Drop the temporary tables of a QA-review import once its rows are written.
drop table if exists qa_changed;
drop table if exists qa_stage
