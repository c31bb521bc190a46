-- The columns and types of the spool of a complaint export read in chunks (portal.ingest.stream.Spool):
-- complaints.ROW_COLUMNS of the valid rows of every chunk, which the commit statements read as the relation
-- ingest_rows (complaints_stage). A temporary table left empty: each chunk's rows are cast to its columns.
create temp table ingest_spool_rows (
    row_no BIGINT,
    source VARCHAR,
    source_id VARCHAR,
    received_at TIMESTAMP,
    received_date_only BOOLEAN,
    channel VARCHAR,
    category_raw VARCHAR,
    category_group VARCHAR,
    severity VARCHAR,
    store_code VARCHAR,
    agent_code VARCHAR,
    first_response_at TIMESTAMP,
    first_response_date_only BOOLEAN,
    resolved_at TIMESTAMP,
    resolved_date_only BOOLEAN,
    closed_at TIMESTAMP,
    closed_date_only BOOLEAN,
    first_response_left_out BOOLEAN,
    resolved_left_out BOOLEAN,
    closed_left_out BOOLEAN,
    first_response_stored_before BOOLEAN,  -- a stored stamp kept, before the received time (complaints_kept)
    resolved_stored_before BOOLEAN,
    closed_stored_before BOOLEAN,
    status_given VARCHAR,
    channel_raw VARCHAR,
    status_raw VARCHAR,
    severity_raw VARCHAR,
    reopen_count BIGINT,
    post_resolution_csat BIGINT,
    older_noticed BOOLEAN,  -- named in the preview's older-state notice (complaints_older)
    row_seq BIGINT  -- the row's place among the valid rows of the file (0 on), set by the spool
)
