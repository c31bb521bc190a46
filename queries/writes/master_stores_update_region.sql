-- Give the stored stores of an upload of stores the region the file names where it differs (the check let
-- through only stores no other row refers to: DuckDB cannot update a referenced row's foreign key).
update stores as s set region_id = g.region_id
from master_store_stage as g
where s.store_id = g.existing_id and g.region_id is distinct from g.stored_region_id
