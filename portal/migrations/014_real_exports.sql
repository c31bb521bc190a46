-- 014_real_exports (issue 9). Complaints: what an import's file said about a complaint's status and reopens
-- (no figure without data). status_known: the status came from the file's (mapped) status, or from the stamps of a
-- file that carries resolution or close times; a complaint whose status nobody knows is never counted as
-- backlog. reopen_known: the file carried a reopen count or a readable status. Rows written before (and the
-- demo's) keep true. (DuckDB adds no column with a constraint: read null as true.)
alter table complaints add column status_known boolean default true;
alter table complaints add column reopen_known boolean default true;
-- Survey items named by any code (issue 9): item_no stays the item's number within its instrument (1..N, what
-- servqual_answers refer to); item_code is the name the questionnaire gives it (T1, REL-2, Q5a); null: the
-- number is its name.
alter table instrument_items add column item_code varchar;
