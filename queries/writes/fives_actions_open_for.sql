-- Placeholder of portal.fives.actions.open_actions_for (the 5S results side owns the rule): open a corrective
-- action for every item of inspection $inspection_id scored at or below a quarter of its maximum (1 of 4; N/A
-- never), owner the store's manager (a manager user whose store list holds the store, else one whose region
-- does), due fives_action_due_days (setting, default 14) after the inspection; never twice for one item.
insert into corrective_actions (inspection_id, store_id, item_code, description, owner, due_on, status)
select
    i.inspection_id,
    i.store_id,
    s.item_code,
    'Not met: ' || it.text_en || ' / 未达标：' || it.text_zh || coalesce(' — ' || nullif(trim(s.comment), ''), ''),
    (
        select u.username
        from users as u
        where list_contains(u.roles, 'manager') and u.is_active
          and (list_contains(coalesce(u.scope_store_ids, []), i.store_id)
               or (coalesce(len(u.scope_store_ids), 0) = 0 and u.scope_region_id = st.region_id))
        order by list_contains(coalesce(u.scope_store_ids, []), i.store_id) desc, u.username
        limit 1
    ),
    i.inspected_on + coalesce(
        (select try_cast(value::varchar as integer) from settings where key = 'fives_action_due_days'), 14
    ),
    'open'
from fives_inspections as i
join fives_item_scores as s on s.inspection_id = i.inspection_id
join fives_items as it on it.template_id = i.template_id and it.item_code = s.item_code
join stores as st on st.store_id = i.store_id
where i.inspection_id = $inspection_id
  and not s.is_not_applicable and s.score is not null
  and s.score * 4 <= it.max_score
  and not exists (
      select 1 from corrective_actions as a where a.inspection_id = i.inspection_id and a.item_code = s.item_code
  )
