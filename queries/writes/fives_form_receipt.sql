-- The tablet form's receipt (portal.fives_intake.form.receipt): what became of a draft's submit, read on every
-- load of the form so a page killed mid-submit says whether the inspection is stored. One row while the draft's
-- inspection is stored, else none.
-- Parameters: $source_id (the draft's inspection id, given at its first submit), $store_id, $lang (the store's
--   name in the reader's language).
-- Returns: batch_id, overall_pct (null: every item N/A), sections_scored_n, actions_n (the corrective actions it
--   opened), store_code, store_name (the receipt names the store even when it has left the user's list).
select
    i.batch_id,
    f.overall_pct,
    coalesce(f.sections_scored_n, 0) as sections_scored_n,
    (select count(*) from corrective_actions as a where a.inspection_id = i.inspection_id) as actions_n,
    s.store_code,
    store_label(s.name, s.name_zh, $lang) as store_name
from fives_inspections as i
left join fives_inspection_facts as f on f.inspection_id = i.inspection_id
left join stores as s on s.store_id = i.store_id
where i.source_id = $source_id
  and i.store_id = $store_id
