-- 019_response_known: whether the file a complaint came from told first responses at all. An export without a
-- first-response column (Freshdesk's default export gives only "First response time (in hrs)", a duration) says
-- nothing about whether or when a complaint was answered: such a complaint is in neither part of the 24 h
-- commitment (models/complaint_facts_calendar.sql), where before it counted as a breach once 24 h had passed,
-- answered or not, resolved or not. A later file with first responses makes it known. Rows written before (and
-- the demo's) keep true. (DuckDB adds no column with a constraint: read null as true.)
alter table complaints add column response_known boolean default true;
