-- Drop the stored 5S item facts of the stores being refreshed ($store_ids; empty = every store).
delete from fives_item_facts where in_selection($store_ids, store_id)
