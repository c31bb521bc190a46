-- Keep a user's tablet-form draft (one per user), replacing the previous one.
insert or replace into fives_drafts (username, store_id, template_id, inspected_on, draft, updated_at)
values ($username, $store_id, $template_id, $inspected_on, $draft, current_timestamp)
