"""Issue 9 on the complaint tiles: date-only stamps counted in whole days, and no figure without data.

- Date-only stamps. A duration figure (first response, resolution: median and p90) is given in whole days when
  more of the period's durations rest on a date-only stamp than have hour precision (``duration_unit``): its
  value and n are then the summary's ``*_days`` columns (every duration with a date-only stamp, in whole days
  between the two local dates of the reporting zone; models/complaint_facts.sql), no hour target applies and
  its label says "whole days". Otherwise it stays in hours and the date-only durations are left out (the
  page's definitions say how many). With first responses in days three shares follow the SLA tile: answered the
  same day, within 1 day, within 7 days. The SLA judges an answer on a date-only stamp where its dates decide it
  (models/complaint_facts_calendar.sql: for 24 h, the day it came is met, two days or more after missed); the day
  after is in neither part, counted (``sla_undecided_count``, said under the tile); when no answer of the period
  could be judged and some could not, it has no data (``SLA_DATE_ONLY``).
- No figure without data (``Figure.no_data_reason``, never 0, never coloured): first response times when no
  complaint of the period (not cancelled) has a first-response time, "not answered yet" where the file records
  first responses (migration 019), else "the export has none"; the SLA only in the second case (a complaint
  still unanswered after 24 h is a breach: 0 %, not "no data"); resolution times, the reopen and the recovery
  rate when no complaint was resolved in the period (``resolution_gap``: "the data holds no resolution times"
  where the period's complaints have no readable status or were resolved without a resolution or close time,
  else "none resolved in this period" while complaints are open or received); the reopen rate when none
  of the complaints resolved in the period came from a file that told reopens; the recovery rate when none of
  them has a post-resolution satisfaction answer; the backlog when nothing is known to be open and every
  complaint received in the period has a status nobody could read.
A change needs both periods on the same footing: against a previous period without data or in other units,
none is shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from portal.kpi import CHANGE_NO_PREVIOUS, CHANGE_OTHER_UNITS, Figure

# A duration figure is given in whole days when more of its durations rest on a date-only stamp than have
# hour precision: then its value and n are the summary's ``<figure>_days`` columns (every duration with a
# date-only stamp, counted in whole days between the two local dates) and its label says so; otherwise hours,
# the date-only ones left out (the page's definitions say how many).
_DAYS_N = {"first_response": "first_response_days_n", "resolution": "resolution_days_n"}
_HOURS_N = {"first_response": "first_response_n", "resolution": "resolution_n"}
# (figure key, summary column): shares of the answered complaints, n = first_response_days_n, higher is better
DAY_SHARES = (
    ("answered_same_day", "answered_same_day_pct"),
    ("answered_within_1d", "answered_within_1d_pct"),
    ("answered_within_7d", "answered_within_7d_pct"),
)
# why a figure has no data (i18n keys, both languages in portal/i18n/complaints.py)
NO_FIRST_RESPONSE = "complaints.no_data.first_response"
NOT_ANSWERED = "complaints.no_data.not_answered"
SLA_DATE_ONLY = "complaints.no_data.sla_date_only"
NO_REOPEN = "complaints.no_data.reopen"
NO_RESOLUTION = "complaints.no_data.resolution"
NOT_RESOLVED = "complaints.no_data.not_resolved"
NO_RECOVERY = "complaints.no_data.recovery"
# the figures counted over the complaints resolved in the period (none resolved: ``resolution_gap`` says why)
RESOLVED_FIGURES = ("resolution_median", "resolution_p90", "reopen_rate", "recovery_rate")
NO_STATUS = "complaints.no_data.status"


def _count(row: Mapping[str, Any], key: str) -> int:
    return int(row.get(key) or 0)


def duration_unit(row: Mapping[str, Any], kind: str) -> str:
    """``"days"`` when the period's ``kind`` durations (first_response, resolution) rest more on date-only
    stamps than on hour-precise ones, else ``"hours"``."""
    return "days" if _count(row, _DAYS_N[kind]) > _count(row, _HOURS_N[kind]) else "hours"


def first_response_gap(row: Mapping[str, Any]) -> str | None:
    """Why no complaint (not cancelled) received in the period has a first-response time, if none has:
    ``NOT_ANSWERED`` when some of them come from a file that records first responses (``unanswered_count``,
    migration 019: they are simply not answered yet), else ``NO_FIRST_RESPONSE`` (their files have no such column,
    or the import left the stamps out). None when one has, or nothing was received."""
    live = _count(row, "complaint_count") - _count(row, "cancelled_count")
    if live == 0 or _count(row, "first_response_stamp_count") > 0:
        return None
    return NOT_ANSWERED if _count(row, "unanswered_count") > 0 else NO_FIRST_RESPONSE


def resolution_gap(row: Mapping[str, Any]) -> str | None:
    """Why no complaint was resolved in the period, if none was: ``NO_RESOLUTION`` when some complaint received
    in it (not cancelled) has a resolution the data cannot tell (``resolution_unknown_count``: no readable status,
    or resolved or closed without a resolution or close time: the export has none, or the column is empty), else
    ``NOT_RESOLVED`` when complaints were received in it or are open (none resolved yet). None when one was
    resolved, or there is nothing at all (``kpi.NONE_IN_PERIOD``)."""
    if _count(row, "resolved_count") > 0:
        return None
    if _count(row, "resolution_unknown_count") > 0:
        return NO_RESOLUTION
    live = _count(row, "complaint_count") - _count(row, "cancelled_count")
    return NOT_RESOLVED if live > 0 or _count(row, "backlog_count") > 0 else None


def lacks_reopen(row: Mapping[str, Any]) -> bool:
    """Complaints were resolved in the period, none of them from a file that said whether it was reopened."""
    return _count(row, "reopen_base_count") == 0 and _count(row, "reopen_unknown_count") > 0


def lacks_status(row: Mapping[str, Any]) -> bool:
    """Nothing is known to be open, and every complaint received in the period has a status nobody read."""
    return (
        _count(row, "backlog_count") == 0
        and _count(row, "status_known_count") == 0
        and _count(row, "status_unknown_count") > 0
    )


def _in_days(fig: Figure, current: Mapping[str, Any], previous: Mapping[str, Any], kind: str) -> Figure:
    stat = "median" if fig.key.endswith("median") else "p90"
    column = f"{kind}_{stat}_days"
    same = duration_unit(previous, kind) == "days"
    return replace(
        fig,
        unit="days",
        value=current.get(column),
        n=_count(current, _DAYS_N[kind]),
        previous_value=previous.get(column) if same else None,
        previous_n=_count(previous, _DAYS_N[kind]) if same else 0,
        no_previous=CHANGE_NO_PREVIOUS if same else CHANGE_OTHER_UNITS,
        target=None,
        targets_by=None,
        label_key=f"complaints.tile.{fig.key}_days",
    )


def data_rules(fig: Figure, current: Mapping[str, Any], previous: Mapping[str, Any]) -> Figure:
    """One tile under issue 9's rules: no data (and why) where the data lacks its inputs, whole days where its
    durations rest on date-only stamps; a previous period without data gives no change."""

    def reason(row: Mapping[str, Any]) -> str | None:
        if fig.key.startswith("first_response"):
            return first_response_gap(row)
        if fig.key == "sla_attainment":
            # complaints not answered yet are judged: a breach once their 24 h have passed (SPEC §3)
            if first_response_gap(row) == NO_FIRST_RESPONSE:
                return NO_FIRST_RESPONSE
            if _count(row, "sla_elapsed_count") == 0 and _count(row, "sla_undecided_count") > 0:
                return SLA_DATE_ONLY
        if fig.key in RESOLVED_FIGURES and resolution_gap(row) is not None:
            return resolution_gap(row)
        if fig.key == "reopen_rate" and lacks_reopen(row):
            return NO_REOPEN
        if (
            fig.key == "recovery_rate"
            and _count(row, "recovery_n") == 0
            and _count(row, "resolved_count") > 0
        ):
            return NO_RECOVERY
        if fig.key == "backlog" and lacks_status(row):
            return NO_STATUS
        return None

    why = reason(current)
    if why is not None:
        return replace(fig, value=None, no_data_reason=why, previous_value=None, previous_n=0)
    for kind in ("first_response", "resolution"):
        if fig.key in (f"{kind}_median", f"{kind}_p90") and duration_unit(current, kind) == "days":
            return _in_days(fig, current, previous, kind)
    if reason(previous) is not None:
        return replace(fig, previous_value=None, previous_n=0)
    if any(
        fig.key in (f"{k}_median", f"{k}_p90") and duration_unit(previous, k) == "days"
        for k in ("first_response", "resolution")
    ):
        return replace(fig, previous_value=None, previous_n=0, no_previous=CHANGE_OTHER_UNITS)
    return fig


def day_shares(
    current: Mapping[str, Any], previous: Mapping[str, Any], low_confidence_n: int
) -> list[Figure]:
    """Shares of the period's complaints answered the same day, within 1 and within 7 days (whole days between
    the local dates of receipt and first response): shown when first responses are counted in days."""
    same = duration_unit(previous, "first_response") == "days"
    n = _DAYS_N["first_response"]
    return [
        Figure(
            key=key,
            unit="pct",
            value=current.get(column),
            n=_count(current, n),
            area="complaints",
            previous_value=previous.get(column) if same else None,
            previous_n=_count(previous, n) if same else 0,
            no_previous=CHANGE_NO_PREVIOUS if same else CHANGE_OTHER_UNITS,
            better="higher",
            low_confidence_n=low_confidence_n,
        )
        for key, column in DAY_SHARES
    ]
