-- Open an import batch (one per commit); returns its id and time. Closed by import_batch_close.
insert into import_batches (
    kind, file_name, file_hash, file_size_bytes, source, created_by, rows_in_file, options, created_at
)
values (
    $kind, $file_name, $file_hash, $size_bytes, $source, $created_by, $rows_in_file, $options,
    current_timestamp at time zone 'UTC'
)
returning batch_id, created_at
