-- Drop the before-images an undone import batch kept.
delete from batch_row_snapshots where batch_id = $batch_id
