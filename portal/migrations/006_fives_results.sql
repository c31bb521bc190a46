-- 006_fives_results: what the 5S figures and the corrective-action workflow need beyond 001 (SPEC.md §2, §3).
-- Template side: a red-line item caps its section at 0 when failed; a template's fail rule (an item fails at or
-- below this share of its maximum: 1 of 4 = 0.25) and, for another company's point scale (0/1/2/4), the
-- scores its items allow (null: every whole number 0..max_score).
alter table fives_items add column is_red_line boolean default false;
update fives_items set is_red_line = false where is_red_line is null;
alter table fives_templates add column fail_ratio double default 0.25;
update fives_templates set fail_ratio = 0.25 where fail_ratio is null;
alter table fives_templates add column allowed_scores smallint[];

-- Corrective actions: open -> in_progress -> submitted (what was done, optional after-photo) -> verified, or
-- sent back (-> in_progress with a reason). closed_at is when the work was submitted as done (cleared when sent
-- back); verified_at / verified_by when a manager accepted it. Every change also writes an audit row.
alter table corrective_actions add column started_at timestamp;
alter table corrective_actions add column submitted_at timestamp;
alter table corrective_actions add column submitted_by varchar;
alter table corrective_actions add column done_text varchar;
alter table corrective_actions add column after_photo_path varchar;
alter table corrective_actions add column verified_by varchar;
alter table corrective_actions add column sent_back_at timestamp;
alter table corrective_actions add column sent_back_by varchar;
alter table corrective_actions add column sent_back_reason varchar;
alter table corrective_actions add column sent_back_count integer default 0;
update corrective_actions set sent_back_count = 0 where sent_back_count is null;
alter table corrective_actions add column updated_at timestamp;
