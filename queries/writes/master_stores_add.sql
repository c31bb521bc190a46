-- Add unknown store codes to the master data for an import batch (the code is also the name; undo removes them).
-- The store takes the import's time zone ($timezone: the zone the file's stamps were read in; NULL: the default).
insert into stores (store_code, name, timezone, created_batch_id)
select unnest($codes), unnest($codes), coalesce($timezone, 'Asia/Shanghai'), $batch_id
