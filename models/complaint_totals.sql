-- The tiles' figures of one period, one row: complaint_totals(facts_table) aggregates the rows of
-- complaint_facts(...) that the calling statement holds under the name facts_table (a CTE, 'facts'), so that
-- complaint_summary (one period's tiles) and complaint_breakdowns (the period's breakdowns, with its tiles as the
-- 'summary' row: one pass over the period's rows for both, issue 14) count them with the same definitions.
-- Parameters: facts_table (the name of the calling statement's CTE holding the rows of complaint_facts(...)).
-- Grain: one row; its columns are those of queries/complaint_summary.sql (documented there). Definitions: the
-- module docstring of portal/complaints/__init__.py.
-- The counts are coalesce(count_if(condition), 0)::bigint, not count(case when condition then 1 end): the same
-- rows counted without a CASE per row (issue 14: complaint_breakdowns ~8 % and complaint_summary ~4 % less CPU at
-- bench scale 10). count_if gives a HUGEINT, and null where no row has a non-null condition (no row at all, or
-- post_resolution_csat >= 4 on rows without a rating): the coalesce makes that 0, as count(case ...) gives.
-- depends on: hours_quantiles
create or replace macro complaint_totals(facts_table) as table
with
totals as (
    select
        coalesce(count_if(is_received_in_period), 0)::bigint as complaint_count,
        coalesce(count_if(is_received_in_period and is_cancelled), 0)::bigint as cancelled_count,
        -- not answered (yet): no first-response stamp, none left out at import, from a file that tells first
        -- responses (one without that column says nothing about answers: migration 019)
        coalesce(
            count_if(is_received_in_period and not is_cancelled and not is_answered and is_response_known), 0
        )::bigint as unanswered_count,
        coalesce(count_if(is_received_in_period and received_date_only), 0)::bigint as received_date_only_count,
        coalesce(count_if(is_received_in_period and is_business_hours), 0)::bigint as business_hours_count,
        coalesce(count_if(is_received_in_period and first_response_hours is not null), 0)::bigint as first_response_n,
        coalesce(count_if(is_received_in_period and not is_cancelled and is_first_response_date_only), 0)::bigint
            as first_response_date_only_count,
        hours_quantiles(case when is_received_in_period then first_response_hours end) as first_response_quantiles,
        coalesce(count_if(is_received_in_period and is_sla_elapsed), 0)::bigint as sla_elapsed_count,
        coalesce(count_if(is_received_in_period and is_sla_elapsed and is_answered_within_sla), 0)::bigint
            as sla_met_count,
        -- answers on a date-only stamp whose window has run out but whose dates cannot judge it: in neither part
        coalesce(count_if(is_received_in_period and is_sla_undecided), 0)::bigint as sla_undecided_count,
        coalesce(count_if(is_resolution_in_period and is_resolved), 0)::bigint as resolved_count,
        coalesce(count_if(is_resolution_in_period and resolution_hours is not null), 0)::bigint as resolution_n,
        coalesce(count_if(is_resolution_in_period and is_resolved and is_resolution_date_only), 0)::bigint
            as resolution_date_only_count,
        hours_quantiles(case when is_resolution_in_period then resolution_hours end) as resolution_quantiles,
        coalesce(count_if(is_resolution_in_period and resolution_hours <= resolution_target_hours), 0)::bigint
            as resolution_within_target_count,
        coalesce(count_if(is_resolution_in_period and is_reopen_known), 0)::bigint as reopen_base_count,
        coalesce(count_if(is_resolution_in_period and not is_reopen_known), 0)::bigint as reopen_unknown_count,
        coalesce(count_if(is_resolution_in_period and is_reopened), 0)::bigint as reopened_count,
        coalesce(count_if(is_resolution_in_period and is_resolved and post_resolution_csat is not null), 0)::bigint
            as recovery_n,
        coalesce(count_if(is_resolution_in_period and is_resolved and post_resolution_csat >= 4), 0)::bigint
            as recovered_count,
        -- issue 9: what the data holds (no figure without data) and whole-day durations of date-only stamps
        coalesce(count_if(is_received_in_period and not is_cancelled and is_answered
                        and not is_first_response_left_out), 0)::bigint
            as first_response_stamp_count,
        coalesce(count_if(is_received_in_period and not is_cancelled and not is_status_known), 0)::bigint
            as status_unknown_count,
        coalesce(count_if(is_received_in_period and not is_cancelled and is_status_known), 0)::bigint
            as status_known_count,
        -- when (or whether) it was resolved is not in the data: no readable status, or resolved or closed with
        -- no resolution or close time (a file without those columns, or the column empty)
        coalesce(count_if(is_received_in_period and not is_cancelled
                        and (not is_status_known or (is_resolved and resolution_at is null))), 0)::bigint
            as resolution_unknown_count,
        coalesce(count_if(is_received_in_period and first_response_days is not null), 0)::bigint
            as first_response_days_n,
        quantile_cont(case when is_received_in_period then first_response_days end, [0.5, 0.9])
            as first_response_days_quantiles,
        coalesce(count_if(is_received_in_period and first_response_days = 0), 0)::bigint
            as answered_same_day_count,
        coalesce(count_if(is_received_in_period and first_response_days <= 1), 0)::bigint
            as answered_within_1d_count,
        coalesce(count_if(is_received_in_period and first_response_days <= 7), 0)::bigint
            as answered_within_7d_count,
        coalesce(count_if(is_resolution_in_period and resolution_days is not null), 0)::bigint as resolution_days_n,
        quantile_cont(case when is_resolution_in_period then resolution_days end, [0.5, 0.9])
            as resolution_days_quantiles,
        coalesce(count_if(is_backlog), 0)::bigint as backlog_count,
        coalesce(count_if(is_backlog and age_hours < 24), 0)::bigint as backlog_lt_1d_count,
        coalesce(count_if(is_backlog and age_hours >= 24 and age_hours < 72), 0)::bigint as backlog_1_3d_count,
        coalesce(count_if(is_backlog and age_hours >= 72 and age_hours < 168), 0)::bigint as backlog_3_7d_count,
        coalesce(count_if(is_backlog and age_hours >= 168), 0)::bigint as backlog_gt_7d_count
    from query_table(facts_table)
),

final as (
    select
        complaint_count,
        cancelled_count,
        unanswered_count,
        received_date_only_count,
        business_hours_count,
        first_response_n,
        first_response_date_only_count,
        first_response_quantiles[1] as first_response_median_hours,
        first_response_quantiles[2] as first_response_p90_hours,
        sla_elapsed_count,
        sla_met_count,
        100.0 * sla_met_count / nullif(sla_elapsed_count, 0) as sla_attainment_pct,
        sla_undecided_count,
        resolved_count,
        resolution_n,
        resolution_date_only_count,
        resolution_quantiles[1] as resolution_median_hours,
        resolution_quantiles[2] as resolution_p90_hours,
        resolution_within_target_count,
        100.0 * resolution_within_target_count / nullif(resolution_n, 0) as resolution_within_target_pct,
        reopen_base_count,
        reopen_unknown_count,
        reopened_count,
        100.0 * reopened_count / nullif(reopen_base_count, 0) as reopen_rate_pct,
        recovery_n,
        recovered_count,
        100.0 * recovered_count / nullif(recovery_n, 0) as recovery_rate_pct,
        backlog_count,
        backlog_lt_1d_count,
        backlog_1_3d_count,
        backlog_3_7d_count,
        backlog_gt_7d_count,
        first_response_stamp_count,
        status_unknown_count,
        status_known_count,
        first_response_days_n,
        first_response_days_quantiles[1] as first_response_median_days,
        first_response_days_quantiles[2] as first_response_p90_days,
        answered_same_day_count,
        answered_within_1d_count,
        answered_within_7d_count,
        100.0 * answered_same_day_count / nullif(first_response_days_n, 0) as answered_same_day_pct,
        100.0 * answered_within_1d_count / nullif(first_response_days_n, 0) as answered_within_1d_pct,
        100.0 * answered_within_7d_count / nullif(first_response_days_n, 0) as answered_within_7d_pct,
        resolution_days_n,
        resolution_days_quantiles[1] as resolution_median_days,
        resolution_days_quantiles[2] as resolution_p90_days,
        resolution_unknown_count
    from totals
)

select * from final;
