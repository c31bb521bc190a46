-- Every step taken on one corrective action, oldest first: who, when, which step and the text written (what was
-- done, why it was sent back). The action panel's history: a resubmission replaces the text kept on the action
-- itself, so a verifier could not see what had been sent back (5S probe). From the audit log, which keeps every
-- step; an action with no logged step (one whose steps came with imported or generated data) gives the steps its
-- own stamps keep (the last of each kind).
-- Parameters: $action_id; the reader's store scope (an action of another store gives no row).
with action as (
    select * from corrective_actions
    where action_id = $action_id
      and in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, store_id,
          (select i.region_id from fives_inspections as i where i.inspection_id = corrective_actions.inspection_id))
),
logged as (
    select
        l.logged_at,
        l.audit_id as seq,
        l.username,
        json_extract_string(l.details, '$.step') as step,
        json_extract_string(l.details, '$.text') as text
    from action as a
    join audit_log as l
        on l.action = 'corrective_action' and l.target = 'corrective_action:' || a.action_id
),
stamped as (
    select started_at as logged_at, 1 as seq, null as username, 'start' as step, null as text
    from action where started_at is not null
    union all
    select sent_back_at, 2, sent_back_by, 'send_back', sent_back_reason from action where sent_back_at is not null
    union all
    select submitted_at, 3, submitted_by, 'submit', done_text
    from action where submitted_at is not null and status in ('submitted', 'verified')
    union all
    select verified_at, 4, verified_by, 'verify', null
    from action where verified_at is not null and status = 'verified'
),
steps as (
    select * from logged
    union all
    select * from stamped where not exists (select 1 from logged)
)
select s.logged_at, coalesce(u.display_name, s.username, '—') as who, s.step, s.text
from steps as s
left join users as u on u.username = s.username
order by s.logged_at, s.seq
