-- 014_complaint_partial_data: what an import's file said about a complaint's status and reopens (issue 9: no
-- figure without data). status_known: the status came from the file's (mapped) status, or from the stamps of a
-- file that carries resolution or close times; a complaint whose status nobody knows is never counted as
-- backlog. reopen_known: the file carried a reopen count or a readable status. Rows written before (and the
-- demo's) keep true. (DuckDB adds no column with a constraint: read null as true.)
alter table complaints add column status_known boolean default true;
alter table complaints add column reopen_known boolean default true;
