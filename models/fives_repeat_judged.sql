-- Whether an inspection's findings can be judged as repeats: it has a previous inspection (the store's last one
-- of an earlier day, whatever its date or region: fives_item_rollup's previous_inspection_id, stored with the
-- item facts beside the repeat flag it decides). A store's first inspection has no repeat to find: its repeat
-- count is "no data" (a repeat needs an earlier inspection), never 0 (SPEC.md §3: a repeat finding is the same
-- item failed in two consecutive inspections of a store). Read from the inspection's own facts, so that a scoped
-- reader's answer rests on the rows of their scope alone.
-- Parameters: row_inspection_id (the inspection's).
-- Grain: a scalar macro, one boolean per inspection.
create or replace macro fives_repeat_judged(row_inspection_id) as
    exists (
        select 1 from fives_item_facts as f
        where f.inspection_id = row_inspection_id and f.previous_inspection_id is not null
    );
