-- The spool of a complaint export read in chunks (portal.ingest.stream): complaints.ROW_COLUMNS of the valid
-- rows of every chunk, the relation the commit statements read (complaints_stage). A temporary table.
create temp table ingest_rows (
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
    status_given VARCHAR,
    channel_raw VARCHAR,
    status_raw VARCHAR,
    severity_raw VARCHAR,
    reopen_count BIGINT,
    post_resolution_csat BIGINT
)
