-- 007_fives_intake: the tablet form's drafts (issue 11). One draft per user, kept server-side so that an
-- inspection half filled in on a tablet survives a reload or a lost connection; deleted when submitted.
-- Photos are files (PORTAL_PHOTO_DIR, default data/photos/, named by the hash of their re-encoded bytes);
-- fives_item_scores.photo_path holds the file name.
create table fives_drafts (
    username varchar primary key,
    store_id integer not null,
    template_id integer not null,
    inspected_on date not null,
    draft json not null,                     -- {"section": k, "items": {code: {"score", "na", "comment", "photo"}}}
    updated_at timestamp not null default current_timestamp
);
