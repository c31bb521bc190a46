-- Store the 5S inspection facts of the stores being refreshed ($store_ids; empty = every store), computed by the
-- model fives_inspection_rollup (after the finer facts it reads are stored).
insert into fives_inspection_facts by name
select * from fives_inspection_rollup($store_ids)
