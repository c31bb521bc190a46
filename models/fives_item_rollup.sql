-- Every item of every 5S inspection of some stores, scored or not, with the fail rule and the repeat flag,
-- computed from the source tables: what the write path stores in fives_item_facts (portal.writes
-- .refresh_fives_facts); the figures read the stored rows through fives_item_results.
-- Over fives_inspections, fives_items (the inspection's own template version: an inspection is never
-- rescored), fives_item_scores and fives_templates.
-- Parameters: store_ids (the stores to compute; empty = every store). Whole stores: an item's repeat flag
-- depends on the store's previous inspection, whatever its date.
-- Grain: one row per inspection x template item (inspection_id, item_code); columns as fives_item_facts.
-- is_excluded: N/A or not scored (left out of every percentage and counted as excluded, never as 0).
-- is_repeat: the item failed here and in the store's previous inspection (the last of an earlier day: one of the
-- same day is no previous one), the repeat finding of SPEC.md §3; the same item: the same code of the same
-- checklist (template_code, any version).
-- depends on: in_selection, fives_item_failed, inspection_inspector
create or replace macro fives_item_rollup(store_ids) as table
with
store_days as (
    -- each day a store was inspected, with its previous inspection day and that day's last inspection
    select
        store_id,
        inspected_on,
        lag(max(inspection_id)) over (partition by store_id order by inspected_on) as previous_inspection_id,
        lag(inspected_on) over (partition by store_id order by inspected_on) as previous_inspected_on
    from fives_inspections
    where in_selection(store_ids, store_id)
    group by store_id, inspected_on
),

store_inspections as (
    -- every inspection of the stores, all dates, with the store's previous inspection: the last one of the
    -- store's previous inspection day (two inspections of one day, e.g. two auditors, are not consecutive: the
    -- later one was never a repeat of the earlier one's findings)
    select
        i.inspection_id,
        i.store_id,
        i.region_id,
        i.template_id,
        i.inspected_on,
        inspection_inspector(i.inspector_name, i.inspector_username) as inspector,
        d.previous_inspection_id,
        d.previous_inspected_on
    from fives_inspections as i
    join store_days as d on d.store_id = i.store_id and d.inspected_on = i.inspected_on
    where in_selection(store_ids, i.store_id)
),

item_rows as (
    select
        si.*,
        it.item_code,
        t.template_code,
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
    from store_inspections as si
    join fives_templates as t on t.template_id = si.template_id
    join fives_items as it on it.template_id = si.template_id
    left join fives_item_scores as sc on sc.inspection_id = si.inspection_id and sc.item_code = it.item_code
),

final as (
    select
        p.* exclude (template_code),  -- the columns of fives_item_facts (its insert is by name)
        p.is_failed and coalesce(prev.is_failed, false) as is_repeat,
        prev.score as previous_score
    from item_rows as p
    -- the same item: its code in the same checklist (any version of it). Another company's sheet names its items
    -- by section (SO1, SE2 ...) as the default checklist does: its SE2 "Fire exit clear" is not the default's SE2
    -- "Price tags match the goods" (a helper's audit, session 55: two repeats counted that were no repeat)
    left join item_rows as prev
        on prev.inspection_id = p.previous_inspection_id and prev.item_code = p.item_code
        and prev.template_code = p.template_code
)

select * from final
