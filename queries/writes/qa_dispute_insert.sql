-- An agent's dispute of one of their QA reviews; returns its id.
insert into qa_disputes (qa_review_id, agent_id, reason, raised_by, raised_at, status)
values ($qa_review_id, $agent_id, $reason, $username, $now, 'open')
returning dispute_id
