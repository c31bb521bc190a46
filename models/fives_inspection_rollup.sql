-- 5S inspection scores of some stores, from the stored section facts (fives_section_facts): what the write
-- path stores in fives_inspection_facts; the figures read the stored rows through fives_inspection_scores.
-- overall % = sum(section % x section weight) / sum(section weight) over the sections that have a percentage
-- (the plain mean of the five when the template leaves every section weight at 1); null when none has one.
-- previous_inspection_id: the store's previous inspection (the item facts', fives_item_rollup: the last one of an
-- earlier day), null for its first: nothing could repeat there (a repeat count resting on none is "no data").
-- Parameters: store_ids (the stores to compute; empty = every store).
-- Grain: one row per inspection (inspection_id).
-- depends on: in_selection
create or replace macro fives_inspection_rollup(store_ids) as table
with
sections as (
    select * from fives_section_facts where in_selection(store_ids, store_id)
),

previous as (
    select inspection_id, max(previous_inspection_id) as previous_inspection_id
    from fives_item_facts
    where in_selection(store_ids, store_id)
    group by inspection_id
),

final as (
    select
        inspection_id,
        any_value(store_id) as store_id,
        any_value(region_id) as region_id,
        any_value(template_id) as template_id,
        any_value(inspected_on) as inspected_on,
        any_value(inspector) as inspector,
        count(section_pct) as sections_scored_n,
        sum(items_n)::bigint as items_n,
        sum(applicable_n)::bigint as applicable_n,
        sum(excluded_n)::bigint as excluded_n,
        sum(failed_n)::bigint as failed_n,
        sum(repeat_n)::bigint as repeat_n,
        count(*) filter (where is_red_line_failed) as red_line_sections_n,
        sum(section_pct * section_weight) filter (where section_pct is not null)
            / nullif(sum(section_weight) filter (where section_pct is not null), 0) as overall_pct
    from sections
    group by inspection_id
)

select f.*, p.previous_inspection_id
from final as f
left join previous as p on p.inspection_id = f.inspection_id
