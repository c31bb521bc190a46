-- Every item of every 5S inspection of the period, scored or not, with the fail rule and the repeat flag.
-- fives_item_results(...) is a table macro over fives_inspections, fives_items (the inspection's own template
-- version: an inspection is never rescored), fives_item_scores and fives_templates.
-- Parameters: the caller's store scope (scope_all_stores, scope_store_ids); the filters (start_on, end_on:
--   inspection dates, both inclusive; region_ids: the region the store had on the day; store_ids; empty = all).
-- Grain: one row per inspection x template item (inspection_id, item_code).
-- is_excluded: N/A or not scored (left out of every percentage and counted as excluded, never as 0).
-- is_repeat: the item failed here and in the store's previous inspection (whatever its date or region), the
-- repeat finding of SPEC.md §3.
-- depends on: in_store_scope, in_selection, fives_item_failed
create or replace macro fives_item_results(
    scope_all_stores, scope_store_ids, start_on, end_on, region_ids, store_ids
) as table
with
store_inspections as (
    -- every inspection of the stores in scope, all dates: the previous inspection may be before the period
    select
        i.inspection_id,
        i.store_id,
        i.region_id,
        i.template_id,
        i.inspected_on,
        coalesce(i.inspector_username, i.inspector_name) as inspector,
        lag(i.inspection_id) over (
            partition by i.store_id order by i.inspected_on, i.inspection_id
        ) as previous_inspection_id,
        lag(i.inspected_on) over (
            partition by i.store_id order by i.inspected_on, i.inspection_id
        ) as previous_inspected_on
    from fives_inspections as i
    where in_store_scope(scope_all_stores, scope_store_ids, i.store_id)
      and in_selection(store_ids, i.store_id)
),

period_inspections as (
    select *
    from store_inspections as si
    where si.inspected_on between start_on and end_on
      and in_selection(region_ids, si.region_id)
),

needed as (
    -- the period's inspections and the previous inspection of each (for the repeat flag)
    select inspection_id, true as is_in_period from period_inspections
    union all
    select previous_inspection_id, false from period_inspections
    where previous_inspection_id is not null
      and previous_inspection_id not in (select pi.inspection_id from period_inspections as pi)
),

item_rows as (
    select
        si.*,
        n.is_in_period,
        it.item_code,
        it.section_code,
        it.position as item_position,
        it.weight as item_weight,
        it.max_score,
        coalesce(it.is_red_line, false) as is_red_line,
        sc.score,
        coalesce(sc.is_not_applicable, false) as is_not_applicable,
        sc.score is null or coalesce(sc.is_not_applicable, false) as is_excluded,
        fives_item_failed(sc.score, it.max_score, t.fail_ratio, sc.is_not_applicable) as is_failed,
        sc.comment as item_comment
    from needed as n
    join store_inspections as si on si.inspection_id = n.inspection_id
    join fives_templates as t on t.template_id = si.template_id
    join fives_items as it on it.template_id = si.template_id
    left join fives_item_scores as sc on sc.inspection_id = si.inspection_id and sc.item_code = it.item_code
),

final as (
    select
        p.* exclude (is_in_period),
        p.is_failed and coalesce(prev.is_failed, false) as is_repeat,
        prev.score as previous_score
    from item_rows as p
    left join item_rows as prev
        on prev.inspection_id = p.previous_inspection_id and prev.item_code = p.item_code
    where p.is_in_period
)

select * from final
