-- 008_scorecard_weight_versions: scorecard weights, floors, targets and minimum n, versioned by the period
-- from which they apply (SPEC.md §3 Agent scorecards). Supersedes the unversioned scorecard_weights of 001:
-- its rows (if any) become version 1, effective from the beginning; without rows, version 1 holds the
-- defaults of portal/scorecards/weights.py (DEFAULT_RULES; the reasoning is written there).
-- A period is scored with the version whose effective_from is the latest on or before the period's first
-- day (ties: the higher version); a past period therefore keeps the version it was scored with.

create sequence seq_scorecard_weight_version start 1;

create table scorecard_weight_versions (
    version integer primary key default nextval('seq_scorecard_weight_version'),
    effective_from date not null,            -- first day of the first period scored with this version
    note varchar,
    created_by varchar,
    created_at timestamp not null default current_timestamp
);

-- One row per version x metric (every metric of vocab.SCORECARD_METRICS, weight 0 when not used).
create table scorecard_weight_rules (
    version integer not null references scorecard_weight_versions (version),
    metric_code varchar not null,
    weight double not null check (weight between 0 and 100),
    floor_value double not null,             -- the raw value that scores 0
    target_value double not null,            -- the raw value that scores 100 (lower than floor: lower is better)
    min_n integer not null check (min_n >= 1),   -- fewer items: the metric is left out, the others rescaled
    primary key (version, metric_code)
);

insert into scorecard_weight_versions (version, effective_from, note, created_by)
values (1, date '1900-01-01', 'initial', 'system');
select nextval('seq_scorecard_weight_version');

-- the rows of the old table, when an admin had set any
insert into scorecard_weight_rules (version, metric_code, weight, floor_value, target_value, min_n)
select 1, metric_code, weight, floor_value, target_value, min_n from scorecard_weights;

-- the defaults for every metric the old table did not hold (weight 0 then, so the old weights still sum
-- to 100); keep in step with portal/scorecards/weights.py DEFAULT_RULES
insert into scorecard_weight_rules (version, metric_code, weight, floor_value, target_value, min_n)
select
    d.version, d.metric_code,
    case when exists (select 1 from scorecard_weights) then 0.0 else d.weight end,
    d.floor_value, d.target_value, d.min_n
from (values
    (1, 'qa_score', 40.0, 60.0, 90.0, 3),
    (1, 'post_resolution_csat', 25.0, 45.0, 80.0, 10),
    (1, 'sla_attainment', 20.0, 75.0, 95.0, 10),
    (1, 'resolution_median', 15.0, 72.0, 24.0, 5),
    (1, 'reopen_rate', 0.0, 20.0, 5.0, 10),
    (1, 'complaints_handled', 0.0, 20.0, 60.0, 1)
) as d (version, metric_code, weight, floor_value, target_value, min_n)
where d.metric_code not in (select r.metric_code from scorecard_weight_rules as r);

drop table scorecard_weights;
