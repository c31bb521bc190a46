-- 012_overview: the overview's records (issue 13). Acknowledgements and snoozes of alerts, and every weekly
-- brief as issued (kept unchanged, so last month's brief reads as it was).
create sequence seq_alert_ack_id start 1;
create sequence seq_brief_id start 1;

create table overview_alert_acks (
    ack_id bigint primary key default nextval('seq_alert_ack_id'),
    scope_key varchar not null,          -- the reader's scope (portal.overview.records.scope_key)
    condition_key varchar not null,      -- area:kind:figure:store (portal.overview.sources.Alert)
    fingerprint varchar not null,        -- the condition's state when acknowledged (since when it holds)
    action varchar not null check (action in ('acknowledge', 'snooze')),
    snooze_until date,                   -- a snooze: quiet before this day
    note varchar not null,
    username varchar not null,
    created_at timestamp not null default current_timestamp
);

create table overview_briefs (
    brief_id bigint primary key default nextval('seq_brief_id'),
    week varchar not null,               -- ISO week, e.g. 2026-W47
    scope_key varchar not null,
    lang varchar not null,
    body_markdown varchar not null,
    body_json json not null,
    issued_by varchar,
    issued_at timestamp not null default current_timestamp
);
