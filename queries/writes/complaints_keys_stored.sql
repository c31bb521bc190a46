-- How many of an import's rows (ingest_rows) there are, and how many have a key a stored complaint already has: a file of new keys only is inserted without the stage (complaints_insert_new).
select count(*) as n_rows, count(c.complaint_id) as n_stored
from ingest_rows as r
left join complaints as c on c.source = r.source and c.source_id = r.source_id
