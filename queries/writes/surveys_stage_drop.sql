-- Drop the temporary tables of a survey import once its rows are written.
drop table if exists survey_changed;
drop table if exists survey_stage
