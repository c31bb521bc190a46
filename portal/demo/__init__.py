"""The demo data set: two years of a retail chain's service data, ending today, realistic and deterministic.

``generate(con, scale, seed)`` draws every fact with numpy in whole arrays (no Python loop over complaints,
surveys or scores; the few loops run over channels, teams or tables) and writes it through DataFrames in
one transaction, replacing all data rows. The reference data of migration 002, users, audit log, column
mappings, scorecard weights and settings (other than ``demo_data``) are kept.

The generator is a subpackage: ``base`` (sizes, stories, the time frame, array helpers), ``master`` (regions,
stores, teams, agents), ``complaints``, ``surveys``, ``fives_qa`` (QA reviews, 5S inspections and corrective
actions) and ``write`` (one transaction replacing the data rows). Every value list comes from ``portal.vocab``;
only the probabilities and shapes are the demo's own.

Master data (6 regions, 60 stores, 10 teams, 150 agents) is the same for every seed, so users made against it
(the demo users) stay valid when the demo is generated again; the facts depend on the seed and on ``as_of``.
The same seed and ``as_of`` give the same rows.

Stories built in, for the dashboards to show:
- stores S007 and S031 respond and resolve slowly and satisfy less; S015 and S044 are fast;
- agents A012 and A077 are slow, reopen more and score low in QA; A033 and A101 are fast and score high;
- a process change IMPROVEMENT_DAYS_AGO days before today cuts response and resolution times and lifts
  satisfaction, SERVQUAL perceptions and 5S scores;
- store S043 moved from region R4 Central to R1 North MOVED_DAYS_AGO days ago, recorded as a stores upload records
  a move (stores.region_id R4, the region it was created with; store_assignments R1; its history keeps both);
- 5S failures concentrate in stores S012, S023, S048, in a few hard items and in some chronic store x item
  pairs (repeat findings); S012 and S048 also close their corrective actions late; three inspectors per region
  take turns at its stores, one strict and one lenient (the inspector-consistency view);
- online and app complaints sometimes belong to no store; a backlog is open; some complaints are reopened,
  some cancelled; one in fifty resolved complaints lacks its first response time, as real exports do.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np

from portal import db, writes
from portal.demo.base import (
    BASE_COMPLAINTS,
    BASE_QA_REVIEWS,
    BASE_SURVEYS,
    FAST_AGENTS,
    FAST_STORES,
    FIVES_WEAK_STORES,
    IMPROVEMENT_DAYS_AGO,
    MOVED_DAYS_AGO,
    MOVED_STORE,
    SLOW_AGENTS,
    SLOW_STORES,
    WINDOW_DAYS,
    make_clock,
)
from portal.demo.complaints import CHANNELS, build_complaints  # the channels the demo draws (no "other")
from portal.demo.fives_qa import build_fives, build_qa_reviews, fives_inspector_names
from portal.demo.master import LEFT_AGENTS, NEW_AGENTS, build_master
from portal.demo.surveys import SERVQUAL_DIMENSIONS, build_surveys
from portal.demo.write import _clear_conflicting_master_rows, _write
from portal.vocab import COMPLAINT_STATUSES as STATUSES

__all__ = [
    "CHANNELS",
    "FAST_AGENTS",
    "FAST_STORES",
    "FIVES_WEAK_STORES",
    "IMPROVEMENT_DAYS_AGO",
    "LEFT_AGENTS",
    "MOVED_DAYS_AGO",
    "MOVED_STORE",
    "NEW_AGENTS",
    "SERVQUAL_DIMENSIONS",
    "SLOW_AGENTS",
    "SLOW_STORES",
    "STATUSES",
    "WINDOW_DAYS",
    "fives_inspector_names",
    "generate",
]


def generate(con, scale: float = 1.0, seed: int = 7, *, as_of: datetime | None = None) -> dict[str, int]:
    """Replace all data rows with the demo data set; returns the rows written per table.

    ``as_of`` (naive UTC, default now) is the moment the data ends at; the last day is today.
    """
    if not scale > 0:
        raise ValueError("scale must be positive")
    clock = make_clock(as_of)
    master = build_master(clock)
    rng_complaints, rng_surveys, rng_qa, rng_fives = np.random.default_rng(seed).spawn(4)
    complaints = build_complaints(rng_complaints, master, clock, max(1, round(BASE_COMPLAINTS * scale)))
    surveys = build_surveys(rng_surveys, master, clock, complaints, max(1, round(BASE_SURVEYS * scale)))
    qa = build_qa_reviews(rng_qa, master, clock, complaints, max(1, round(BASE_QA_REVIEWS * scale)))
    fives = build_fives(rng_fives, master, clock)
    frames = {
        **master.frames,
        "complaints": complaints.frame,
        "complaint_status_history": complaints.history,
        "survey_responses": surveys.responses,
        "servqual_answers": surveys.answers,
        "servqual_importance": surveys.importance,
        "qa_reviews": qa,
        "fives_inspections": fives.inspections,
        "fives_item_scores": fives.scores,
        "corrective_actions": fives.actions,
    }
    meta = {"generated_at": clock.as_of.isoformat(), "scale": scale, "seed": seed}
    _clear_conflicting_master_rows(con, master.frames)

    def write(cur) -> dict[str, int]:
        counts = _write(cur, frames, meta, clock.as_of)
        writes.refresh_fives_facts(cur, everything=True)  # the 5S facts (ids are reused: every store)
        return counts

    return db.in_transaction(con, write)
