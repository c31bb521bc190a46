-- The stores whose stored 5S facts are out of step with their inspections: an inspection the facts lack, a
-- stored one that is gone, or one stored with another store, date, template or inspector.
-- (A read inside the refresh's transaction: portal.writes.refresh_fives_facts.)
with
source as (
    select inspection_id, store_id, inspected_on, template_id,
           inspection_inspector(inspector_name, inspector_username) as inspector
    from fives_inspections
),

stored as (
    select inspection_id, store_id, inspected_on, template_id, inspector
    from fives_inspection_facts
),

differ as (
    (select * from source except select * from stored)
    union all
    (select * from stored except select * from source)
)

select distinct store_id from differ order by store_id
