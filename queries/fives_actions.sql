-- Corrective actions: the list with status, due date, overdue and repeat flags, and the workflow's stamps.
-- Parameters: scope; filters ($start_on, $end_on, $region_ids, $store_ids, $report_tz); $statuses (empty = all);
--   $today (overdue: not verified with due_on before it, submitted work awaiting verification too). Days (today,
--   closed in time: verified_at on or before due_on) are the reporting time zone's ($report_tz), as every
--   dashboard day (README, Days and weeks).
-- People: owner, submitted_by, verified_by, sent_back_by are login names; each *_name beside it is how the page
--   names that person (user_label: the display name, the login name when the user is gone). owner: the one the
--   action was opened with, else (opened while no manager covered its store) the store's manager now
--   (fives_store_managers, SPEC §3: the owner is the store's manager); null while the store still has none (the
--   page says "unassigned"). Before, such an action kept no owner after a manager was added.
-- finding_photo_path: the photo the inspector took of the failed item (the tablet form; null for a sheet), shown
--   beside the after-photo when the work is checked.
-- Grain: one row per action (action_id) opened by an inspection of the period, plus every action of the
-- selected stores not yet verified (whatever its date): the work still to do. Newest first.
with
actions as materialized (
    select a.*, i.inspected_on, i.region_id, i.template_id, st.store_code,
        store_label(st.name, st.name_zh, $lang) as store_name
    from corrective_actions as a
    join fives_inspections as i on i.inspection_id = a.inspection_id
    join stores as st on st.store_id = a.store_id
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, a.store_id, i.region_id)
      and in_selection($store_ids, a.store_id)
      and in_selection($region_ids, i.region_id)
      and in_selection($statuses, a.status)
      and (i.inspected_on between $start_on and $end_on or a.status <> 'verified')
),

repeats as (
    -- the repeat flag of each listed action's item: failed in the store's previous inspection too
    select r.inspection_id, r.item_code, r.is_repeat
    from fives_item_results(
        scope_all_stores := $scope_all_stores, scope_store_ids := $scope_store_ids,
        scope_region_ids := $scope_region_ids,
        start_on := (select min(inspected_on) from actions), end_on := (select max(inspected_on) from actions),
        region_ids := [], store_ids := $store_ids
    ) as r
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, r.store_id, r.region_id)
),

final as (
    select
        a.action_id,
        a.inspection_id,
        a.store_id,
        a.store_code,
        a.store_name,
        a.inspected_on,
        it.section_code,
        a.item_code,
        it.text_en as item_text_en,
        it.text_zh as item_text_zh,
        a.description,
        coalesce(a.owner, m.owner) as owner,
        user_label(coalesce(a.owner, m.owner)) as owner_name,
        a.status,
        a.created_at,
        a.due_on,
        fives_action_overdue(a.status, a.due_on, $today) as is_overdue,
        case when fives_action_overdue(a.status, a.due_on, $today)
            then date_diff('day', a.due_on, $today::date) end as days_overdue,
        coalesce(r.is_repeat, false) as is_repeat,
        a.started_at,
        a.done_text,
        sc.photo_path as finding_photo_path,
        a.after_photo_path,
        a.submitted_at,
        timezone($report_tz, timezone('UTC', a.submitted_at))::date as submitted_on,  -- its day, as due_on's
        a.submitted_by,
        user_label(a.submitted_by) as submitted_by_name,
        a.closed_at,
        fives_action_closed_in_time(a.verified_at, a.due_on, $report_tz) as is_closed_in_time,
        a.verified_at,
        a.verified_by,
        user_label(a.verified_by) as verified_by_name,
        a.sent_back_at,
        a.sent_back_by,
        user_label(a.sent_back_by) as sent_back_by_name,
        a.sent_back_reason,
        coalesce(a.sent_back_count, 0) as sent_back_count
    from actions as a
    left join fives_store_managers() as m on a.owner is null and m.store_id = a.store_id
    left join fives_items as it on it.template_id = a.template_id and it.item_code = a.item_code
    left join fives_item_scores as sc on sc.inspection_id = a.inspection_id and sc.item_code = a.item_code
    left join repeats as r on r.inspection_id = a.inspection_id and r.item_code = a.item_code
)

select * from final
order by is_overdue desc, due_on, action_id
