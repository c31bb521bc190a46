-- The raw facts of every agent's scorecard, per period (SPEC.md §3 Agent scorecards), written once.
-- agent_period_metrics(...) is a table macro: one row per agent x period (every agent that is active and was
-- hired by the period's end: hired_on before its end, or not known; and every agent with any data in the
-- period, e.g. one who has left: inactive), with the counts each metric is computed from; the scoring (0-100
-- against floor and target, composite, rescaling) is portal/scorecards/scoring.py.
-- Grain: one row per agent x period.
-- Parameters: lists of equal length, one element per period, in order (period_no is the 0-based position):
--   period_starts_at, period_ends_at: UTC timestamps of the periods' local midnights (end exclusive);
--   period_starts_on, period_ends_on: the same periods as local dates (end exclusive; QA review dates);
--   sla_as_of: the moment the 24 h windows are judged (now); sla_hours: the response commitment (24).
--   report_tz: the reporting zone, in which a date-only stamp's date begins (complaint_facts; default UTC).
--   scope_*: the caller's scope, as agent_in_scope takes it (default: the whole chain); see Scope below.
-- Complaint facts come from complaint_facts_calendar (chain-wide, calendar hours, no filters): definitions in the
-- module docstring of portal/complaints.py. Per agent (the complaint's assigned agent):
--   handled_n         complaints received in the period, not cancelled
--   sla_elapsed_n     of those received in the period, the ones whose 24 h ran out by sla_as_of
--   sla_met_n         of those, answered within 24 h
--   response_unknown_n  of those received, the ones from a file without first-response times and not answered:
--                     in neither part of the SLA (the card says why it has no data)
--   sla_date_only_n   of those received, the answered ones whose received or first-response stamp is date-only
--                     and whose window has run out, but whose dates cannot place them on either side of it
--                     (is_sla_undecided, as on the dashboard: for 24 h, answered the day after; one answered the
--                     day it came is met, two days or more after missed): in neither part of the SLA (the card
--                     says how many; none judged: the dashboard's reason). An unanswered one: not counted
--   resolution_unknown_n  of those received, the ones whose resolution the data cannot tell (no readable status,
--                     or resolved or closed without a resolution or close time): why nothing resolved is no data
--   resolved_n        complaints resolved (status resolved or closed) with their resolution stamp in the period
--   resolution_n      of those, with an hour-precision resolution time; resolution_median_hours their median
--   reopen_base_n     complaints whose last resolution stamp is in the period, resolved now or reopened since,
--                     from a file that told reopens (is_reopen_known): the reopen rate's base, as on the
--                     complaints dashboard (a complaint reopened since counts: without it, it fell out of its rate)
--   reopened_n        of those, reopened at least once
--   csat_answer_n     of the resolved ones, with a post-resolution satisfaction answer (1-5)
--   csat_satisfied_n  of those, answered 4 or 5
--   qa_n, qa_mean     QA reviews dated in the period that count (qa_review_scores: not is_excluded) and the
--                     mean of their effective_score; qa_open_disputes: reviews of the period with an open dispute
-- Scope: the rows counted are those dated on the days the agent's rows are in the caller's scope
--   (agent_scope_spans: a regional manager, the days its home store was in her stores; any other scope, every day):
--   a complaint by its received day (received) or its resolution day (resolved), a review by reviewed_on; so in the
--   month a home store moves region each region's manager reads the agent's card on the rows of her days (SPEC §2),
--   as her open-dispute tile and the card's reviews (scorecard_qa_reviews) place them. Default: every day (the whole
--   team's standing, scorecard_team_members). scope_days: the days of the period in that scope (period_days: all of
--   them); which agents' cards the caller sees the query reading it decides (in_agent_scope, scope_days > 0).
-- A macro parameter hides a column of the same name: no column below is named like a parameter.
-- depends on: complaint_facts_calendar, qa_review_scores, agent_scope_spans
create or replace macro agent_period_metrics(
    period_starts_at, period_ends_at, period_starts_on, period_ends_on, sla_as_of, sla_hours, report_tz := 'UTC',
    scope_all_stores := true, scope_store_ids := [], scope_region_ids := [], scope_all_agents := true,
    scope_team_id := null, scope_agent_id := null
) as table
with
periods as (
    select
        unnest(period_starts_at) as p_start_at,
        unnest(period_ends_at) as p_end_at,
        unnest(period_starts_on) as p_start_on,
        unnest(period_ends_on) as p_end_on,
        unnest(range(len(period_starts_at))) as period_no
),

spans as materialized (
    -- the days each agent's rows are in the caller's scope (disjoint: a row falls in at most one)
    select s.agent_id, s.valid_from, s.valid_to, s.from_at, s.to_at
    from agent_scope_spans(
        scope_all_stores, scope_store_ids, scope_region_ids, scope_all_agents, scope_team_id, scope_agent_id,
        report_tz := report_tz
    ) as s
),

coverage as (
    select
        s.agent_id,
        p.period_no,
        sum(date_diff('day', greatest(s.valid_from, p.p_start_on), least(s.valid_to, p.p_end_on))) as scope_days
    from spans as s
    join periods as p on s.valid_from < p.p_end_on and p.p_start_on < s.valid_to
    group by all
),

facts as materialized (
    select f.agent_id, f.received_at, f.resolution_at, f.is_cancelled, f.is_resolved, f.is_reopened,
        f.is_sla_elapsed, f.is_answered_within_sla, f.resolution_hours, f.post_resolution_csat,
        f.is_reopen_known, f.is_response_known, f.first_response_at, f.is_status_known,
        f.received_date_only, f.is_sla_undecided
    from complaint_facts_calendar(
        scope_all_stores := true, scope_store_ids := [], scope_region_ids := [],
        start_at := list_min(period_starts_at), end_at := list_max(period_ends_at),
        region_ids := [], store_ids := [], channels := [], categories := [], severities := [],
        business_hours := false, as_of := list_max(period_ends_at), sla_as_of := sla_as_of,
        sla_hours := sla_hours, target_high_hours := 48, target_normal_hours := 72, target_low_hours := 168,
        report_tz := report_tz
    ) as f
    where f.agent_id is not null
),

received as (
    select
        f.agent_id,
        p.period_no,
        count(*) filter (where not f.is_cancelled) as handled_n,
        count(*) filter (where f.is_sla_elapsed) as sla_elapsed_n,
        count(*) filter (where f.is_sla_elapsed and f.is_answered_within_sla) as sla_met_n,
        count(*) filter (
            where not f.is_cancelled and not f.is_response_known and f.first_response_at is null
        ) as response_unknown_n,
        count(*) filter (where f.is_sla_undecided) as sla_date_only_n,
        count(*) filter (
            where not f.is_cancelled and (not f.is_status_known or (f.is_resolved and f.resolution_at is null))
        ) as resolution_unknown_n
    from facts as f
    join periods as p on f.received_at >= p.p_start_at and f.received_at < p.p_end_at
    join spans as s on s.agent_id = f.agent_id and f.received_at >= s.from_at and f.received_at < s.to_at
    group by all
),

resolved as (
    select
        f.agent_id,
        p.period_no,
        count(*) filter (where f.is_resolved) as resolved_n,
        count(f.resolution_hours) as resolution_n,  -- resolution_hours: of a resolved one only
        median(f.resolution_hours) as resolution_median_hours,
        -- the reopen rate's, as the dashboard's (complaint_totals): every complaint whose last resolution is in the
        -- period, also one reopened since (status reopened now): it was resolved in the period and reopened
        count(*) filter (where f.is_reopen_known) as reopen_base_n,
        count(*) filter (where f.is_reopened) as reopened_n,
        count(*) filter (where f.is_resolved and f.post_resolution_csat is not null) as csat_answer_n,
        count(*) filter (where f.is_resolved and f.post_resolution_csat >= 4) as csat_satisfied_n
    from facts as f
    join periods as p on f.resolution_at >= p.p_start_at and f.resolution_at < p.p_end_at
    join spans as s on s.agent_id = f.agent_id and f.resolution_at >= s.from_at and f.resolution_at < s.to_at
    group by all
),

qa as (
    select
        q.agent_id,
        p.period_no,
        count(*) filter (where not q.is_excluded) as qa_n,
        avg(q.effective_score) filter (where not q.is_excluded) as qa_mean,
        count(q.open_dispute_id) as qa_open_disputes
    from qa_review_scores() as q
    join periods as p on q.reviewed_on >= p.p_start_on and q.reviewed_on < p.p_end_on
    join spans as s on s.agent_id = q.agent_id and q.reviewed_on >= s.valid_from and q.reviewed_on < s.valid_to
    group by all
),

grid as (
    -- employed in the period: active, and hired before the period's end (an agent hired later has no row
    -- in the periods before: not "insufficient data" there)
    select
        a.agent_id,
        a.is_active and (a.hired_on is null or a.hired_on < p.p_end_on) as is_employed,
        p.period_no,
        date_diff('day', p.p_start_on, p.p_end_on) as period_days
    from agents as a cross join periods as p
)

select
    g.agent_id,
    g.period_no,
    coalesce(rc.handled_n, 0) as handled_n,
    coalesce(rc.sla_elapsed_n, 0) as sla_elapsed_n,
    coalesce(rc.sla_met_n, 0) as sla_met_n,
    coalesce(rc.response_unknown_n, 0) as response_unknown_n,
    coalesce(rc.sla_date_only_n, 0) as sla_date_only_n,
    coalesce(rc.resolution_unknown_n, 0) as resolution_unknown_n,
    coalesce(rs.resolved_n, 0) as resolved_n,
    coalesce(rs.resolution_n, 0) as resolution_n,
    rs.resolution_median_hours,
    coalesce(rs.reopen_base_n, 0) as reopen_base_n,
    coalesce(rs.reopened_n, 0) as reopened_n,
    coalesce(rs.csat_answer_n, 0) as csat_answer_n,
    coalesce(rs.csat_satisfied_n, 0) as csat_satisfied_n,
    coalesce(q.qa_n, 0) as qa_n,
    q.qa_mean,
    coalesce(q.qa_open_disputes, 0) as qa_open_disputes,
    coalesce(cv.scope_days, 0) as scope_days,
    g.period_days
from grid as g
left join received as rc on rc.agent_id = g.agent_id and rc.period_no = g.period_no
left join resolved as rs on rs.agent_id = g.agent_id and rs.period_no = g.period_no
left join qa as q on q.agent_id = g.agent_id and q.period_no = g.period_no
left join coverage as cv on cv.agent_id = g.agent_id and cv.period_no = g.period_no
where g.is_employed or rc.agent_id is not null or rs.agent_id is not null or q.agent_id is not null
