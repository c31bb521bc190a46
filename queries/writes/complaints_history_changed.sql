-- Status history of updated complaints: a row for each whose status the import changes.
insert into complaint_status_history (complaint_id, status, changed_at, changed_date_only, batch_id)
select existing_id, status, status_changed_at, status_changed_date_only, $batch_id
from ingest_stage
where is_changed and status is distinct from old_status
