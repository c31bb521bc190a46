-- The corrective actions an inspection opens (SPEC.md §3): one per failed item (fives_item_failed: at or below
-- 1 of 4, or the template's fail rule) that has no action yet; owner the store's manager; due due_days after
-- the inspection date. queries/writes/fives_open_actions.sql inserts exactly these rows; the upload preview
-- and portal.fives.actions.actions_to_open read them.
-- Parameters: inspection (an inspection_id), due_days (settings.fives_action_due_days).
-- Grain: one row per failed item of that inspection without an action (inspection_id, item_code).
-- depends on: fives_item_failed, fives_store_managers
create or replace macro fives_actions_to_open(inspection, due_days) as table
with
failed as (
    select
        i.inspection_id,
        i.store_id,
        it.item_code,
        it.section_code,
        sec.position as section_position,
        it.position,
        sc.score,
        it.max_score,
        coalesce(it.is_red_line, false) as is_red_line,
        'Not met: ' || it.text_en || ' / 未达标：' || it.text_zh
            || coalesce(' — ' || nullif(trim(sc.comment), ''), '') as description,
        i.inspected_on + cast(due_days as integer) as due_on
    from fives_inspections as i
    join fives_templates as t on t.template_id = i.template_id
    join fives_items as it on it.template_id = i.template_id
    left join fives_sections as sec on sec.template_id = it.template_id and sec.section_code = it.section_code
    join fives_item_scores as sc on sc.inspection_id = i.inspection_id and sc.item_code = it.item_code
    where i.inspection_id = inspection
      and fives_item_failed(sc.score, it.max_score, t.fail_ratio, sc.is_not_applicable)
      and not exists (
          select 1 from corrective_actions as a
          where a.inspection_id = i.inspection_id and a.item_code = it.item_code
      )
),

final as (
    select f.*, m.owner
    from failed as f
    left join fives_store_managers() as m on m.store_id = f.store_id
)

select * exclude (section_position, position) from final order by section_position, position
