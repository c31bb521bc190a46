-- Complaint import check: the stored first response, resolution and close time of each file row's complaint, which
-- the stage keeps where the file gives none (no such column, or a stamp the import left out); compared with the
-- file's received time (portal/ingest/complaints_kept.py). Grain: one row per file row whose complaint is stored
-- (complaint_kept_keys: row_no, source, source_id), in row_no order. The received time too: a date-only stamp of
-- a later export keeps a stored precise one on its date (portal/ingest/complaints_precise.py, every stamp).
select
    k.row_no,
    c.received_at,
    c.received_date_only,
    c.first_response_at,
    c.first_response_date_only,
    c.resolved_at,
    c.resolved_date_only,
    c.closed_at,
    c.closed_date_only
from complaint_kept_keys as k
join complaints as c on c.source = k.source and c.source_id = k.source_id
order by k.row_no
