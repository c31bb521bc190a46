-- 005_action_status_submitted: corrective actions use the statuses of SPEC.md (portal/vocab.py
-- ACTION_STATUSES: open, in_progress, submitted, verified). Earlier demo data wrote 'done' for an action whose
-- owner reported it finished; that is 'submitted' (waiting for verification).
update corrective_actions set status = 'submitted' where status = 'done';
