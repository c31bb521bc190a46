-- Add unknown store codes to the master data for an import batch (the code is also the name; undo removes them).
insert into stores (store_code, name, created_batch_id)
select unnest($codes), unnest($codes), $batch_id
