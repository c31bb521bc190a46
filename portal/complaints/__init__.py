"""The Complaints area (SPEC.md §3 Complaints): figures for the page, ``kpi complaints`` and the bench.

The package: ``figures`` (SQL calls and arithmetic: ``figures(run, filters, goals)`` returns a
``ComplaintFigures``, its tiles ``portal.kpi.Figure``), ``detail`` (one complaint), ``display`` (tables,
labels, the words around the tiles), ``export`` (JSON and text for ``kpi complaints``), ``charts``.

Definitions (what every figure counts)
-------------------------------------
- Period: the Filters' dates as days of the reporting time zone, ``$start_at`` inclusive to ``$end_at``
  exclusive (UTC).
- As of: the backlog is taken *as of* the end of the period or now, whichever is earlier (now rounded down
  to the full hour, so cached figures are reused: ``as_of.py``); the previous period's backlog as of its own end. SLA
  windows are judged now (``sla_as_of``, migration 004), in both periods: a complaint received on a past
  period's last day counts once its 24 h have run out. Tests pass ``as_of`` (and ``sla_as_of``).
- Received side: volume, first response, SLA attainment, channel mix, categories and weekly volume count the
  complaints *received* in the period. Cancelled complaints count in the volume.
- Resolution side: resolution time, reopen rate and recovery rate count the complaints whose resolution stamp
  falls in the period. The resolution stamp is ``resolved_at`` (the last resolution if reopened), or
  ``closed_at`` for a closed complaint without one. A complaint is *resolved* when its status is resolved or
  closed.
- Cancelled: counted in volume, never as resolved, never in a duration, the SLA or the backlog — a cancelled
  complaint with a closed date is cancelled, not resolved.
- First response time (FRT) = first_response_at − received_at; resolution time = resolution stamp −
  received_at. Median and 90th percentile by linear interpolation (as numpy / pandas do by default).
- Response SLA attainment = complaints answered within ``response_sla_hours`` (24 h) / complaints whose
  24 h have elapsed by ``sla_as_of`` (now), answered or not. Unanswered after 24 h is a breach; a complaint still inside
  its 24 h counts in neither part, even when already answered.
- Backlog = complaints not cancelled, received before *as of*, and not resolved (or closed) by *as of*,
  whatever their receipt date, by age since receipt in calendar time: <1 d, 1-3 d, 3-7 d, >7 d. The current
  status decides whether a complaint is open (a reopened one is open again); its resolution stamp decides
  since when it is resolved, and a resolved complaint without a stamp counts as resolved before *as of*
  (complaint_status_history is not replayed).
- Reopen rate = complaints reopened at least once (reopen_count > 0, or status reopened) / complaints whose
  resolution stamp falls in the period (including those reopened since).
- Recovery rate = resolved complaints of the period with post-resolution satisfaction >= 4 / those of them
  with an answer to that question.
- Resolution within target: resolution time <= the complaint's severity target (resolution_target_hours).
- Not answered yet (``unanswered_count``, under the median FRT's tile): complaints received in the period, not
  cancelled, without a first-response stamp (nor one the import left out), from a file that tells first
  responses (migration 019: one without that column says nothing about answers). They are in no response time.

Date-only stamps (issue 9). A stamp that came as a date only (``*_date_only``) is that date of the reporting
zone: complaint_facts reads it as the UTC instant its date begins in ``$report_tz``, so it counts on its own
date for volume, the period, weeks and the backlog in every zone (west of UTC too). It is left out of every
hour-precision figure (FRT, resolution time) but its duration is counted in whole days (``first_response_days``,
``resolution_days``: local date minus local date). A duration figure whose durations rest mostly on date-only
stamps is given in whole days (median, p90), and with first responses in days the shares answered the same day /
within 1 day / within 7 days follow the SLA tile (``portal.complaints.partial``). The SLA judges an answer on a
date-only stamp where the dates decide it (within the window even from the earliest receipt to the end of the
answer's day: met; beyond it even from the latest receipt to the start of that day: missed; for 24 h, the same day
and two days or more after) and leaves the rest out (``sla_undecided_count``: for 24 h, the day after); business
hours judge none of them. An unanswered complaint received on a date only is a breach once the window has run out
from its day's end (the latest it can have come; on opening hours, on the store's clock), in neither part before.
The summary counts the left-out ones (``first_response_date_only_count``,
``resolution_date_only_count``, ``received_date_only_count``, ``sla_undecided_count``).

No figure without data (issue 9, ``portal.complaints.partial``): first response times have no data when no
complaint of the period has a first-response time ("not answered yet" where its file records first responses),
the SLA only when none of them comes from such a file (an unanswered one is a breach after 24 h); the reopen
rate counts only complaints whose file told reopens (``complaints.reopen_known``) and has no data when none did;
the backlog counts only complaints whose status the file or its stamps told (``complaints.status_known``) and
has no data when none did.

Business hours. With ``Filters.business_hours`` durations (FRT, resolution time, SLA windows) count only the
store's opening hours (store_hours, per ISO weekday, local time of the store's time zone; a weekday without
a row is closed; closing at or before opening means open until midnight). Complaints without a store, or at
a store without opening hours (or closed all week), keep calendar hours: ``business_hours_count`` says how
many were counted in business hours. The SLA window becomes 24 *business* hours. Backlog age stays calendar
time. UTC stamps go to the store's local clock through a per-day UTC offset table; a day on which the offset
changes (daylight saving) is converted stamp by stamp, so the count is exact on those days too. Holidays
are not modelled (store_hours has none).

Tables. The store table has one row for complaints without a store; the agent table one for unassigned
complaints (shown to chain-wide agent scopes only). Groups appear when they hold a complaint received or
resolved in the period, or open at *as of*.

Scope. Rows are restricted inside the SQL (``in_store_scope``; the agent table also ``in_agent_scope``).
A complaint without a store is visible only to a chain-wide scope. Days and weeks are those of the
reporting time zone (``Filters.timezone``, from settings.report_timezone).
"""

from __future__ import annotations

from portal.complaints.detail import (
    DETAIL_QUERY,
    HISTORY_QUERY,
    RECORD_QUERIES,
    ComplaintDetail,
    complaint_details,
)
from portal.complaints.display import (
    display_formats,
    display_table,
    table_statuses,
    target_text,
    tile_texts,
    trend_sla_note,
    value_label,
)
from portal.complaints.export import text_summary, to_json
from portal.complaints.figures import (
    BREAKDOWNS_QUERY,
    PREVIOUS_SUMMARY_QUERY,
    SUMMARY_QUERY,
    TILE_SPECS,
    ComplaintFigures,
    HotSpots,
    Targets,
    agent_table,
    as_of_for,
    backlog_by_age,
    breakdowns,
    category_by_store,
    category_pareto,
    channel_mix,
    comparison_at,
    figures,
    hot_spots,
    is_empty,
    period_end,
    previous_summary,
    query_params,
    rounded_now,
    sla_breaches,
    source_category_pareto,
    store_table,
    summary,
    summary_of,
    targets,
    tiles,
    to_local,
    week_starts,
    weekly_trend,
)

__all__ = [
    "BREAKDOWNS_QUERY",
    "DETAIL_QUERY",
    "HISTORY_QUERY",
    "PREVIOUS_SUMMARY_QUERY",
    "RECORD_QUERIES",
    "SUMMARY_QUERY",
    "TILE_SPECS",
    "ComplaintDetail",
    "ComplaintFigures",
    "HotSpots",
    "Targets",
    "agent_table",
    "as_of_for",
    "backlog_by_age",
    "breakdowns",
    "category_by_store",
    "category_pareto",
    "sla_breaches",
    "source_category_pareto",
    "channel_mix",
    "comparison_at",
    "complaint_details",
    "display_formats",
    "display_table",
    "table_statuses",
    "figures",
    "hot_spots",
    "is_empty",
    "period_end",
    "previous_summary",
    "query_params",
    "rounded_now",
    "store_table",
    "summary",
    "summary_of",
    "target_text",
    "targets",
    "text_summary",
    "tile_texts",
    "tiles",
    "to_json",
    "to_local",
    "trend_sla_note",
    "value_label",
    "week_starts",
    "weekly_trend",
]
