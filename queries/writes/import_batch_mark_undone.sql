-- Mark an import batch undone (who, when) and drop its before-images: its rows are back as they were.
update import_batches set
    status = 'undone',
    undone_at = current_timestamp at time zone 'UTC',
    undone_by = $username
where batch_id = $batch_id
