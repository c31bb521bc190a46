-- How many of an import's rows (ingest_rows) there are, how many have a key a stored complaint already has, and
-- the range of their places among the valid rows (row_seq): a file of new keys only, numbered 0 .. n - 1, is
-- inserted without the stage (complaints_insert_new gives the row at place k the id first_id + k).
select
    count(*) as n_rows,
    count(c.complaint_id) as n_stored,
    min(r.row_seq) as first_seq,
    max(r.row_seq) as last_seq
from ingest_rows as r
left join complaints as c on c.source = r.source and c.source_id = r.source_id
