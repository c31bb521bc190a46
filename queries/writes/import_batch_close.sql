-- Record what an import batch wrote: its row counts and the error report of the rows it skipped.
update import_batches set
    rows_added = $rows_added,
    rows_updated = $rows_updated,
    rows_unchanged = $rows_unchanged,
    rows_skipped = $rows_skipped,
    error_report_csv = $error_report_csv
where batch_id = $batch_id
