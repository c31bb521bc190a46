-- Store the 5S section facts of the stores being refreshed ($store_ids; empty = every store), computed by the
-- model fives_section_rollup (after the finer facts it reads are stored).
insert into fives_section_facts by name
select * from fives_section_rollup($store_ids)
