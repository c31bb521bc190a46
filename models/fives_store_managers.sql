-- The store's manager, the owner of its corrective actions (SPEC.md §3): the active user with the manager role
-- whose scope names the store most narrowly: an explicit store list holding it, then the store's region, then
-- the whole chain; ties by username. A store without one falls back to the owner of its latest action (the
-- demo data's store manager names), else null.
-- Parameters: none.
-- Grain: one row per store (store_id) with owner (a username, a name, or null).
-- depends on: stores_now
create or replace macro fives_store_managers() as table
with
candidates as (
    select
        s.store_id,
        u.username,
        case
            when list_contains(coalesce(u.scope_store_ids, []), s.store_id) then 1
            when u.scope_region_id = s.region_id then 2
            when u.scope_region_id is null and len(coalesce(u.scope_store_ids, [])) = 0 then 3
        end as closeness
    from stores_now as s
    cross join users as u
    where u.is_active and list_contains(u.roles, 'manager')
),

managers as (
    select store_id, any_value(username) as username
    from (
        select store_id, username, closeness, row_number() over (
            partition by store_id order by closeness, username
        ) as pick
        from candidates
        where closeness is not null
    )
    where pick = 1
    group by store_id
),

latest_owner as (
    select store_id, arg_max(owner, action_id) as owner
    from corrective_actions
    where owner is not null
    group by store_id
),

final as (
    select s.store_id, coalesce(m.username, lo.owner) as owner
    from stores as s
    left join managers as m on m.store_id = s.store_id
    left join latest_owner as lo on lo.store_id = s.store_id
)

select * from final
