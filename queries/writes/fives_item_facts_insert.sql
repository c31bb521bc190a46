-- Store the 5S item facts of the stores being refreshed ($store_ids; empty = every store), computed by the
-- model fives_item_rollup (after the finer facts it reads are stored).
insert into fives_item_facts by name
select * from fives_item_rollup($store_ids)
