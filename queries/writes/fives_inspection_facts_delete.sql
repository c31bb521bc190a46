-- Drop the stored 5S inspection facts of the stores being refreshed ($store_ids; empty = every store).
delete from fives_inspection_facts where in_selection($store_ids, store_id)
