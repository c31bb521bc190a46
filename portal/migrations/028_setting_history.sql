-- 028_setting_history: the values a setting had over time, for a setting a past period must keep (SPEC §3: "a past
-- period keeps the version it was scored with"). The response commitment (response_sla_hours) was read as it is now
-- for every scorecard period: changing it from 24 to 48 h rescored and re-ranked every past month, signed-off ones
-- included, and renamed their "24 h response SLA" column. A period is now scored with the value in force when it
-- ended (portal/settings.py value_at); the dashboards keep reading the setting as it is now.
-- One row per value: saved_at, when it took effect (a baseline row at 1900-01-01: the value held before the first
-- change this table saw). Written with the setting (queries/writes/setting_history_put.sql, portal/settings.py
-- HISTORY_KEYS); none for a setting never changed since this migration: the setting as it is now holds for every
-- period.
create table setting_history (
    key varchar not null,
    value json not null,
    saved_at timestamp not null,
    saved_by varchar
);

-- A value set before this migration: in force since the beginning, as every page has counted it until now (the
-- audit log holds earlier values, but reading them back would change cards already shown and signed off).
insert into setting_history (key, value, saved_at, saved_by)
select key, value, timestamp '1900-01-01', updated_by
from settings
where key = 'response_sla_hours';
