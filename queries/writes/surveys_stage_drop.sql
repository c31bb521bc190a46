-- Drop the staging table of a survey import once its rows are written.
drop table if exists survey_stage
