-- 001_schema: the whole data model of SPEC.md §2.
-- Times are UTC TIMESTAMPs; a stamp that came as a date only keeps a *_date_only flag.
-- Fact rows keep the region their store had when they happened (history is never rewritten).
-- Schema only: the macros over these tables (the scope rules in_store_scope, in_agent_scope, in_selection, and
-- the fact macros) live in models/, re-applied on every read-write connection (portal/db.py apply_models).

create sequence seq_region_id start 1;
create sequence seq_store_id start 1;
create sequence seq_team_id start 1;
create sequence seq_agent_id start 1;
create sequence seq_user_id start 1;
create sequence seq_complaint_id start 1;
create sequence seq_response_id start 1;
create sequence seq_qa_review_id start 1;
create sequence seq_instrument_id start 1;
create sequence seq_template_id start 1;
create sequence seq_inspection_id start 1;
create sequence seq_action_id start 1;
create sequence seq_batch_id start 1;
create sequence seq_audit_id start 1;
create sequence seq_mapping_id start 1;

-- ---------------------------------------------------------------- master data
create table regions (
    region_id integer primary key default nextval('seq_region_id'),
    region_code varchar not null unique,
    name_en varchar not null,
    name_zh varchar not null
);

create table stores (
    store_id integer primary key default nextval('seq_store_id'),
    store_code varchar not null unique,
    name varchar not null,
    region_id integer references regions (region_id),
    timezone varchar not null default 'Asia/Shanghai',
    opened_on date,
    is_active boolean not null default true,
    created_batch_id bigint
);

-- Which region a store belonged to when; the current row has valid_to null.
create table store_region_history (
    store_id integer not null references stores (store_id),
    region_id integer not null references regions (region_id),
    valid_from date not null,
    valid_to date
);

-- Opening hours per ISO weekday (1 = Monday .. 7 = Sunday), local time of the store.
create table store_hours (
    store_id integer not null references stores (store_id),
    iso_dow smallint not null check (iso_dow between 1 and 7),
    opens_at time not null,
    closes_at time not null,
    primary key (store_id, iso_dow)
);

create table teams (
    team_id integer primary key default nextval('seq_team_id'),
    team_code varchar not null unique,
    name varchar not null,
    region_id integer references regions (region_id)
);

create table agents (
    agent_id integer primary key default nextval('seq_agent_id'),
    agent_code varchar not null unique,
    name varchar not null,
    team_id integer references teams (team_id),
    home_store_id integer references stores (store_id),
    is_active boolean not null default true,
    hired_on date,
    created_batch_id bigint
);

-- ---------------------------------------------------------------- users and access
create table users (
    user_id integer primary key default nextval('seq_user_id'),
    username varchar not null unique,
    display_name varchar not null,
    email varchar,
    password_hash varchar not null,          -- bcrypt only
    roles varchar[] not null,                -- admin, manager, team_lead, inspector, agent
    scope_region_id integer references regions (region_id),   -- null with no store list = whole chain
    scope_store_ids integer[],               -- explicit store list (inspectors, store managers)
    scope_team_id integer references teams (team_id),
    agent_id integer references agents (agent_id),            -- the agent an agent-role user is
    is_active boolean not null default true,
    failed_attempts integer not null default 0,
    locked_until timestamp,
    password_changed_at timestamp,
    created_at timestamp not null default current_timestamp,
    last_login_at timestamp
);

create table audit_log (
    audit_id bigint primary key default nextval('seq_audit_id'),
    logged_at timestamp not null default current_timestamp,
    username varchar,
    action varchar not null,                 -- login, login_failed, lockout, logout, upload, undo, settings, user_change, password_change
    target varchar,
    details json
);

-- ---------------------------------------------------------------- settings
create table settings (
    key varchar primary key,
    value json not null,
    updated_at timestamp not null default current_timestamp,
    updated_by varchar
);

-- Scorecard metric weights with floor and target (linear 0-100 between them); weights sum to 100.
create table scorecard_weights (
    metric_code varchar primary key,
    weight double not null,
    floor_value double not null,
    target_value double not null,
    min_n integer not null default 5,
    updated_at timestamp not null default current_timestamp,
    updated_by varchar
);

-- ---------------------------------------------------------------- imports
create table import_batches (
    batch_id bigint primary key default nextval('seq_batch_id'),
    kind varchar not null,                   -- complaints, surveys, inspections, qa_reviews, demo
    file_name varchar,
    file_hash varchar,                       -- sha256 of the uploaded bytes
    file_size_bytes bigint,
    source varchar,
    created_by varchar,
    created_at timestamp not null default current_timestamp,
    rows_in_file integer not null default 0,
    rows_added integer not null default 0,
    rows_updated integer not null default 0,
    rows_unchanged integer not null default 0,
    rows_skipped integer not null default 0,
    status varchar not null default 'committed',   -- committed, undone
    undone_at timestamp,
    undone_by varchar,
    options json,
    error_report_csv varchar                 -- the skipped rows with row, column and reason
);

-- The state of a row before a batch changed it, so that undo restores it exactly.
create table batch_row_snapshots (
    batch_id bigint not null,
    table_name varchar not null,
    row_key varchar not null,
    before_json json not null
);

create table column_mappings (
    mapping_id integer primary key default nextval('seq_mapping_id'),
    kind varchar not null,
    name varchar not null,
    mapping json not null,                   -- {"field": "source column", ...}
    options json,
    created_by varchar,
    created_at timestamp not null default current_timestamp,
    unique (kind, name)
);

-- ---------------------------------------------------------------- complaints
create table complaints (
    complaint_id bigint primary key default nextval('seq_complaint_id'),
    source varchar not null,
    source_id varchar not null,
    received_at timestamp not null,
    received_date_only boolean not null default false,
    channel varchar not null,                -- hotline, online, in_store, social_media, email, app
    category_raw varchar,
    category_group varchar not null default 'other',
    severity varchar not null default 'normal',   -- high, normal, low
    store_id integer references stores (store_id),
    region_id integer references regions (region_id),
    agent_id integer references agents (agent_id),
    first_response_at timestamp,
    first_response_date_only boolean not null default false,
    resolved_at timestamp,
    resolved_date_only boolean not null default false,
    closed_at timestamp,
    closed_date_only boolean not null default false,
    status varchar not null,                 -- open, responded, resolved, closed, reopened, cancelled
    reopen_count integer not null default 0,
    post_resolution_csat smallint check (post_resolution_csat between 1 and 5),
    batch_id bigint,
    updated_batch_id bigint,
    created_at timestamp not null default current_timestamp,
    updated_at timestamp,
    unique (source, source_id)
);

-- Every status a complaint was seen in, with when it changed; never overwritten.
create table complaint_status_history (
    complaint_id bigint not null,
    status varchar not null,
    changed_at timestamp not null,
    batch_id bigint
);

-- ---------------------------------------------------------------- surveys
create table survey_instruments (
    instrument_id integer primary key default nextval('seq_instrument_id'),
    instrument_code varchar not null,
    version integer not null default 1,
    name_en varchar not null,
    name_zh varchar not null,
    scale_min smallint not null default 1,
    scale_max smallint not null default 7,
    is_default boolean not null default false,
    created_at timestamp not null default current_timestamp,
    created_by varchar,
    unique (instrument_code, version)
);

create table instrument_dimensions (
    instrument_id integer not null references survey_instruments (instrument_id),
    dimension_code varchar not null,
    position smallint not null,
    name_en varchar not null,
    name_zh varchar not null,
    default_weight double not null,          -- importance points used when respondents give none
    primary key (instrument_id, dimension_code)
);

create table instrument_items (
    instrument_id integer not null references survey_instruments (instrument_id),
    item_no smallint not null,
    dimension_code varchar not null,
    text_en varchar not null,
    text_zh varchar not null,
    primary key (instrument_id, item_no)
);

create table survey_responses (
    response_id bigint primary key default nextval('seq_response_id'),
    source_response_id varchar not null unique,   -- from the file, or derived from the row's content
    store_id integer references stores (store_id),
    region_id integer references regions (region_id),
    responded_on date not null,
    channel varchar,
    overall_satisfaction smallint check (overall_satisfaction between 1 and 5),
    recommend_score smallint check (recommend_score between 0 and 10),
    comment varchar,
    complaint_id bigint,
    instrument_id integer references survey_instruments (instrument_id),
    batch_id bigint,
    created_at timestamp not null default current_timestamp
);

-- One row per response x item; a blank answer is a missing row or a null, never a zero.
create table servqual_answers (
    response_id bigint not null,
    item_no smallint not null,
    expectation smallint check (expectation between 1 and 7),
    perception smallint check (perception between 1 and 7)
);

create table servqual_importance (
    response_id bigint not null,
    dimension_code varchar not null,
    points double not null check (points between 0 and 100)
);

-- ---------------------------------------------------------------- QA reviews
create table qa_reviews (
    qa_review_id bigint primary key default nextval('seq_qa_review_id'),
    source_id varchar not null unique,
    agent_id integer not null references agents (agent_id),
    complaint_id bigint,
    reviewed_on date not null,
    reviewer varchar,
    score double not null check (score between 0 and 100),
    comment varchar,
    batch_id bigint,
    created_at timestamp not null default current_timestamp
);

-- ---------------------------------------------------------------- 5S
create table fives_templates (
    template_id integer primary key default nextval('seq_template_id'),
    template_code varchar not null,
    version integer not null default 1,
    name_en varchar not null,
    name_zh varchar not null,
    is_default boolean not null default false,
    created_at timestamp not null default current_timestamp,
    created_by varchar,
    unique (template_code, version)
);

create table fives_sections (
    template_id integer not null references fives_templates (template_id),
    section_code varchar not null,           -- sort, set_in_order, shine, standardize, sustain
    position smallint not null,
    name_en varchar not null,
    name_zh varchar not null,
    weight double not null default 1,
    primary key (template_id, section_code)
);

create table fives_items (
    template_id integer not null references fives_templates (template_id),
    item_code varchar not null,
    section_code varchar not null,
    position smallint not null,
    text_en varchar not null,
    text_zh varchar not null,
    weight double not null default 1,
    max_score smallint not null default 4,
    primary key (template_id, item_code)
);

create table fives_inspections (
    inspection_id bigint primary key default nextval('seq_inspection_id'),
    source_id varchar unique,
    store_id integer not null references stores (store_id),
    region_id integer references regions (region_id),
    template_id integer not null references fives_templates (template_id),
    inspected_on date not null,
    inspector_username varchar,
    inspector_name varchar,
    comment varchar,
    batch_id bigint,
    created_at timestamp not null default current_timestamp
);

create table fives_item_scores (
    inspection_id bigint not null,
    item_code varchar not null,
    score smallint,                          -- null when not applicable
    is_not_applicable boolean not null default false,
    comment varchar,
    photo_path varchar
);

create table corrective_actions (
    action_id bigint primary key default nextval('seq_action_id'),
    inspection_id bigint not null,
    store_id integer not null references stores (store_id),
    item_code varchar not null,
    description varchar,
    owner varchar,
    due_on date not null,
    status varchar not null default 'open',  -- open, in_progress, submitted, verified (005: done -> submitted)
    created_at timestamp not null default current_timestamp,
    closed_at timestamp,
    verified_at timestamp
);
