-- 5S section scores of some stores' inspections, from the stored item facts (fives_item_facts): what the write
-- path stores in fives_section_facts; the figures read the stored rows through fives_section_scores.
-- section % = sum(score x item weight) / sum(max score x item weight) x 100 over the applicable items (N/A and
-- unscored items left out, counted in excluded_n); a failed red-line item puts the section at 0; a section
-- with no applicable item has no percentage (null, never 0). SPEC.md §3.
-- Parameters: store_ids (the stores to compute; empty = every store).
-- Grain: one row per inspection x section of its template (inspection_id, section_code).
-- depends on: in_selection
create or replace macro fives_section_rollup(store_ids) as table
with
items as (
    select * from fives_item_facts where in_selection(store_ids, store_id)
),

by_section as (
    select
        inspection_id,
        section_code,
        any_value(store_id) as store_id,
        any_value(region_id) as region_id,
        any_value(template_id) as template_id,
        any_value(inspected_on) as inspected_on,
        any_value(inspector) as inspector,
        count(*) as items_n,
        count(*) filter (where not is_excluded) as applicable_n,
        count(*) filter (where is_excluded) as excluded_n,
        count(*) filter (where is_not_applicable) as not_applicable_n,
        count(*) filter (where is_failed) as failed_n,
        count(*) filter (where is_repeat) as repeat_n,
        coalesce(sum(score * item_weight) filter (where not is_excluded), 0) as score_weighted,
        coalesce(sum(max_score * item_weight) filter (where not is_excluded), 0) as max_weighted,
        coalesce(bool_or(is_red_line and is_failed), false) as is_red_line_failed
    from items
    group by inspection_id, section_code
),

final as (
    select
        b.*,
        s.position as section_position,
        s.weight as section_weight,
        s.name_en as section_name_en,
        s.name_zh as section_name_zh,
        case
            when b.applicable_n = 0 or b.max_weighted <= 0 then null
            when b.is_red_line_failed then 0.0
            else 100.0 * b.score_weighted / b.max_weighted
        end as section_pct
    from by_section as b
    join fives_sections as s on s.template_id = b.template_id and s.section_code = b.section_code
)

select * from final
