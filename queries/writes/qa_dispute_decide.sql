-- The decision on an open dispute (accepted: corrected or removed; or rejected); returns the id if it was open.
update qa_disputes
set status = $status,
    resolution = $resolution,
    corrected_score = $corrected_score,
    decision_comment = $comment,
    decided_by = $username,
    decided_at = $now
where dispute_id = $dispute_id and status = 'open'
returning dispute_id
