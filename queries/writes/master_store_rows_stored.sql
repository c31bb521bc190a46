-- The stored stores of the codes an upload of stores names (its check): id, region code, time zone.
-- Parameters: $codes.
select s.store_code, s.store_id, g.region_code as stored_region_code
from stores as s
left join regions as g on g.region_id = s.region_id
where list_contains($codes, s.store_code)
