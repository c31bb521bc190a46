-- 010_complaint_raw_values: the source's own channel, status and severity text kept beside the standard value
-- (issue 9: a value nobody mapped never rejects the row; it counts under 'other' / the inferred status /
-- 'normal' and the file's text stays visible). NULL where the file had no such column or a blank cell.
alter table complaints add column channel_raw varchar;
alter table complaints add column status_raw varchar;
alter table complaints add column severity_raw varchar;
