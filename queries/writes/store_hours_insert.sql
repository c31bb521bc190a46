-- One store's opening hours on one weekday (writes.set_store_hours, after store_hours_delete).
-- Parameters: $store_id, $iso_dow (1 = Monday), $opens_at, $closes_at (local time of the store's zone).
insert into store_hours (store_id, iso_dow, opens_at, closes_at) values ($store_id, $iso_dow, $opens_at, $closes_at)
