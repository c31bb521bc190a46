-- The 5S fail rule, written once: is an item's score a failure? (SPEC.md §3: at or below 1 of 4.)
-- Parameters: score (null: not scored), max_score, fail_ratio (the template's rule: a failure is at or below
--   this share of the maximum; 0.25 = 1 of 4, 1 of 5 on a 1-5 scale), is_not_applicable.
-- Grain: a scalar macro, one boolean per item score. N/A and unscored items never fail. A failure opens a
-- corrective action (fives_actions_to_open); a red-line item that fails puts its section at 0.
create or replace macro fives_item_failed(score, max_score, fail_ratio, is_not_applicable) as
    score is not null
    and not coalesce(is_not_applicable, false)
    and max_score > 0
    and score <= coalesce(fail_ratio, 0.25) * max_score + 1e-9;
