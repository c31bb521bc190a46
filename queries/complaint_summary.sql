-- Complaint tiles of one period: volume, first response, SLA, resolution, reopen, recovery, backlog by age.
-- Parameters: scope; filters ($start_at, $end_at, $region_ids, $store_ids, $channels, $categories,
--   $severities, $business_hours, $report_tz); $as_of (SLA elapsed, backlog and its age); $sla_hours;
--   $target_high_hours, $target_normal_hours, $target_low_hours (resolution targets by severity).
-- Grain: one row. Definitions: the module docstring of portal/complaints.py. The columns after
-- backlog_gt_7d_count (issue 9) say what the data holds (first-response stamps, known statuses, reopens) and
-- give the whole-day durations of date-only stamps (medians, p90, shares answered within 0 / 1 / 7 days);
-- resolution_unknown_count: complaints received in the period (not cancelled) whose resolution the data cannot
-- tell (no readable status, or resolved or closed without a resolution or close time); sla_undecided_count (after
-- sla_attainment_pct): answers on a date-only stamp whose window has run out but which its dates cannot judge, in
-- neither part of the SLA (models/complaint_facts_calendar.sql). covered_from, last: the
-- first day of complaint data in the scope and the filter's regions and stores, whatever the period, NULL when there
-- is none (models/complaints_covered_from.sql): what the tiles' change against the previous period needs, read here
-- beside the previous period's tiles (issue 14: a statement of its own cost a page about a millisecond of CPU beyond
-- its SQL).
-- Run by: complaints.summary (one period's whole row) and, for the previous period, `kpi complaints --json`
-- (complaints.figures(whole_previous=True): its previous_summary keeps every key of its summary). The pages take a
-- period's tiles from complaint_breakdowns' 'summary' row (complaints.summary_of) and the previous period's from
-- queries/complaint_previous_summary.sql (this statement, the columns a tile's change reads); tests hold both
-- equal to this statement's.
-- result: rows (one row, read as frames.Rows: portal.db.run_query)
with
-- one row per complaint a figure of the period can touch, with its flags and durations: the table macro
-- complaint_facts (models/complaint_facts.sql), shared by every complaint query. Read once (complaint_totals), so
-- not materialized: DuckDB reads only the columns the totals count instead of copying every column of every row
-- first (issue 14: ~17 ms of this statement's ~185 ms of CPU at bench scale 10)
facts as (
    select f.*
    from complaint_facts(
        scope_all_stores := $scope_all_stores, scope_store_ids := $scope_store_ids,
        scope_region_ids := $scope_region_ids,
        start_at := $start_at, end_at := $end_at, region_ids := $region_ids, store_ids := $store_ids,
        channels := $channels, categories := $categories, severities := $severities,
        business_hours := $business_hours, as_of := $as_of, sla_as_of := $sla_as_of, sla_hours := $sla_hours,
        target_high_hours := $target_high_hours, target_normal_hours := $target_normal_hours,
        target_low_hours := $target_low_hours, report_tz := $report_tz
    ) as f
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, f.store_id, f.region_id)  -- the macro filters too
),

-- the first day of complaint data in scope and selection (models/complaints_covered_from.sql), one row
covered as (
    select *
    from complaints_covered_from(
        $scope_all_stores, $scope_store_ids, $scope_region_ids, $region_ids, $store_ids, $report_tz
    )
)

-- the tiles' figures: the model complaint_totals (models/complaint_totals.sql), which complaint_breakdowns shares
select t.*, c.covered_from
from complaint_totals('facts') as t
cross join covered as c
