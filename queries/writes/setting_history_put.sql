-- Record a setting's new value in its history (a setting a past period keeps: portal/settings.py HISTORY_KEYS),
-- before the setting itself is written: the first change also records the value it replaces (the settings row,
-- else $was: the default) as in force since the beginning.
-- Parameters: $key, $value (JSON text), $was (JSON text: the default), $updated_by.
insert into setting_history (key, value, saved_at, saved_by)
select $key, coalesce((select s.value from settings as s where s.key = $key), $was::json), timestamp '1900-01-01', null
where not exists (select 1 from setting_history as h where h.key = $key)
union all
select $key, $value::json, current_timestamp, $updated_by
