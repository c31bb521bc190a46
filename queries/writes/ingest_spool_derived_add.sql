-- A chunk's new distinct rows (the registered frame complaint_derived_chunk) into the derived ids given so far.
insert into complaint_derived_earlier
select source, key_id, legacy_id, ordinal, stored_n, is_alike_unmatched, alike_id from complaint_derived_chunk
