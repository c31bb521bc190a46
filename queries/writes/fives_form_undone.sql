-- The tablet form's submit undone since (portal.fives_intake.form.undone): the import batch a draft's submit was
-- stored as (its file name holds the draft's inspection id), undone on the Import history page, read on a load of
-- the form that finds the draft's inspection no longer stored, so that the form says why its answers are back.
-- Parameters: $file_name (form.batch_file_name of the draft's inspection id).
-- Returns: batch_id, undone_at (UTC), undone_by (the person's display name); the last such batch, or no row.
select batch_id, undone_at, user_label(undone_by) as undone_by
from import_batches
where kind = 'inspections'
  and file_name = $file_name
  and status = 'undone'
order by undone_at desc, batch_id desc
limit 1
