-- 009_qa_review_loop: QA criteria of a review, the agent's disputes and the team lead's sign-offs (SPEC §3).
-- Schema only; the effective score of a review is models/qa_review_scores.sql.

create sequence seq_qa_dispute_id start 1;
create sequence seq_qa_sign_off_id start 1;

-- One row per review x criterion of a QA form (reviews scored as one overall number have none); rows of the
-- review's import batch (undo: child rows of qa_reviews, portal/qa/kind.py).
-- A criterion scores 0..max_score; a critical criterion short of its max_score fails the whole review (0).
create table qa_review_criteria (
    qa_review_id bigint not null,
    criterion_code varchar not null,
    score double not null check (score >= 0),
    max_score double not null default 100 check (max_score > 0),
    weight double not null default 1 check (weight >= 0),
    is_critical boolean not null default false,
    primary key (qa_review_id, criterion_code),
    check (score <= max_score)
);

-- An agent's dispute of one of their QA reviews and its decision. At most one open dispute per review
-- (checked in portal/writes.py). Decided by someone other than the review's reviewer:
-- accepted (resolution corrected with corrected_score, or removed from the score) or rejected.
create table qa_disputes (
    dispute_id bigint primary key default nextval('seq_qa_dispute_id'),
    qa_review_id bigint not null,
    agent_id integer not null,
    reason varchar not null,
    raised_by varchar not null,
    raised_at timestamp not null default current_timestamp,
    status varchar not null default 'open',          -- vocab.DISPUTE_STATUSES: open, accepted, rejected
    resolution varchar,                              -- vocab.DISPUTE_RESOLUTIONS: corrected, removed
    corrected_score double check (corrected_score between 0 and 100),
    decision_comment varchar,
    decided_by varchar,
    decided_at timestamp,
    check (status in ('open', 'accepted', 'rejected')),
    check (resolution is null or resolution in ('corrected', 'removed')),
    check ((status = 'accepted') = (resolution is not null)),
    check ((resolution = 'corrected') = (corrected_score is not null))
);

-- The team lead's sign-off of an agent's scorecard period, with the coaching note the agent reads.
-- Append-only: signing the same period again adds a row; the newest is the current one.
create table scorecard_sign_offs (
    sign_off_id bigint primary key default nextval('seq_qa_sign_off_id'),
    agent_id integer not null,
    grain varchar not null,                          -- vocab.SCORECARD_GRAINS
    period_start date not null,                      -- first day of the week (Monday), month or quarter
    coaching_note varchar not null,
    signed_by varchar not null,
    signed_at timestamp not null default current_timestamp,
    check (grain in ('week', 'month', 'quarter'))
);
