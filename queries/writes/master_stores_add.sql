-- Add unknown store codes to the master data for an import batch (the code is also the name; undo removes them).
-- The store takes the import's time zone ($timezone: the zone the file's stamps were read in; NULL: the default)
-- and the Chinese name the file gives it ($names_zh: one per code, NULL where the file has none).
insert into stores (store_code, name, name_zh, timezone, created_batch_id)
select unnest($codes), unnest($codes), unnest($names_zh::varchar[]), coalesce($timezone, 'Asia/Shanghai'), $batch_id
