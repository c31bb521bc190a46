-- The time zones of the active stores, the zone of most stores first (the Upload form offers them first).
-- Parameters: none. Grain: one row per time zone.
select
    s.timezone,
    count(*) as store_count
from stores_now as s
where s.is_active and s.timezone is not null
group by s.timezone
order by store_count desc, s.timezone
