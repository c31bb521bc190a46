-- Status history of new complaints: their first status, at its stamp.
insert into complaint_status_history (complaint_id, status, changed_at, changed_date_only, batch_id)
select c.complaint_id, s.status, s.status_changed_at, s.status_changed_date_only, $batch_id
from ingest_stage as s
join complaints as c on c.source = s.source and c.source_id = s.source_id
where s.existing_id is null
