"""QA reviews of resolved complaints, and 5S inspections with item scores and corrective actions."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from portal.demo.base import (
    DAY_S,
    HOUR_S,
    Clock,
    _categorical,
    _hours_to_s,
    _local_day,
    _nullable,
    _ts,
    improvement,
)
from portal.demo.complaints import (
    Complaints,
)
from portal.demo.master import (
    REGIONS,
    Master,
    _person,
    region_at,
)
from portal.vocab import ACTION_STATUSES

QA_REVIEWERS = ("质检 李娜", "质检 王磊", "质检 陈静", "质检 赵强")
QA_COMMENTS = {
    "low": ("未确认客户诉求", "Incorrect policy information given", "开场白不规范", "No empathy statement",
            "承诺时限未兑现"),
    "high": ("处理规范，沟通清晰", "Clear explanation and follow-up", "主动回访，客户满意"),
}  # fmt: skip

FIVES_ITEMS = [f"{p}{i}" for p in ("SO", "SE", "SH", "ST", "SU") for i in range(1, 6)]
# harder items fail more often: stockroom, rest rooms, cleaning schedule, zone photos, training, closing findings
FIVES_ITEM_DIFFICULTY = {"SO5": 0.55, "SE4": 0.3, "SH3": 0.45, "ST1": 0.6, "ST2": 0.5, "SU3": 0.4, "SU4": 0.5}
FIVES_COMMENTS = ("发现多处问题，已要求整改", "Repeat finding, store manager informed", "现场已拍照留存",
                  "Partly fixed during the inspection", "责任人不在岗")  # fmt: skip
FIVES_NA_ITEM = "SH3"  # stores without fitting rooms mark it not applicable
# inspectors per region, taking turns at its stores (a store sees each in turn: the consistency view compares
# them on the same stores); their leniency shifts the penalty: the first is strict, the last lenient
FIVES_INSPECTOR_LENIENCY = (0.3, 0.0, -0.3)


def fives_inspector_names() -> list[str]:
    """The demo's inspectors, region by region, in the order of ``FIVES_INSPECTOR_LENIENCY`` within a region."""
    n = len(FIVES_INSPECTOR_LENIENCY)
    return [f"督导 {_person(r * n + k, 40)}" for r in range(len(REGIONS)) for k in range(n)]


# ---------------------------------------------------------------- QA reviews


def build_qa_reviews(rng, master: Master, clock: Clock, complaints: Complaints, n: int) -> pd.DataFrame:
    """QA reviews sample resolved complaints; the score follows the agent's quality."""
    candidates = np.flatnonzero(complaints.first_resolved)
    picked = np.sort(rng.choice(candidates, size=min(n, len(candidates)), replace=False))
    n = len(picked)
    agent = complaints.agent_ix[picked]
    day = _local_day(clock, complaints.first_resolved_s[picked], complaints.offset_s[picked])
    day = np.minimum(day + rng.integers(1, 10, n), clock.n_days - 1)
    score = np.clip(
        np.round(
            2
            * (
                80
                + 7 * master.agent_quality[agent]
                + 3 * improvement(clock, day)
                - 6 * (complaints.reopen_count[picked] > 0)
                + rng.normal(0, 7, n)
            )
        )
        / 2,
        0,
        100,
    )
    low, high = QA_COMMENTS["low"], QA_COMMENTS["high"]
    pool = list(low) + list(high)
    code = np.where(
        score < 65,
        (rng.random(n) * len(low)).astype(np.int64),
        np.where(score >= 92, len(low) + (rng.random(n) * len(high)).astype(np.int64), -1),
    )
    code = np.where(rng.random(n) < 0.6, code, -1)
    return pd.DataFrame(
        {
            "qa_review_id": np.arange(1, n + 1),
            "agent_id": agent + 1,
            "complaint_id": picked + 1,
            "reviewed_on": clock.dates(day),
            "reviewer": _categorical(master.agent_team[agent] % len(QA_REVIEWERS), QA_REVIEWERS),
            "score": score,
            "comment": pd.Categorical.from_codes(code, categories=pool),
        }
    )


# ---------------------------------------------------------------- 5S


@dataclass
class Fives:
    inspections: pd.DataFrame
    scores: pd.DataFrame
    actions: pd.DataFrame


def build_fives(rng, master: Master, clock: Clock) -> Fives:
    """One inspection per store per month over the last 24 months, items 0-4, actions for items <= 1; the
    region's inspectors (``FIVES_INSPECTOR_LENIENCY``) take turns at each store, month by month."""
    end = clock.end_date
    months = [(end.year + (end.month - 1 - k) // 12, (end.month - 1 - k) % 12 + 1) for k in range(23, -1, -1)]
    first_days = np.array([np.datetime64(date(y, mth, 1), "D") for y, mth in months])
    span = np.array([calendar.monthrange(y, mth)[1] for y, mth in months])
    span[-1] = end.day  # this month: not after today
    n_stores, n_months = len(master.store_codes), len(months)
    store = np.repeat(np.arange(n_stores), n_months)
    month = np.tile(np.arange(n_months), n_stores)
    offset_days = (rng.random(n_stores * n_months) * span[month]).astype(np.int64)
    inspected_on = first_days[month] + offset_days.astype("timedelta64[D]")
    order = np.lexsort((store, inspected_on))
    store, month, inspected_on = store[order], month[order], inspected_on[order]
    n_insp = len(store)
    day_index = (inspected_on - np.datetime64(clock.start_date, "D")).astype(np.int64)
    region = region_at(master, clock, store, day_index)
    inspection_ids = np.arange(1, n_insp + 1)
    n_inspectors = len(FIVES_INSPECTOR_LENIENCY)
    turn = (store + month) % n_inspectors  # deterministic: the rng's draws stay as they were
    inspector_names = fives_inspector_names()
    inspections = pd.DataFrame(
        {
            "inspection_id": inspection_ids,
            "store_id": store + 1,
            "region_id": region,
            "inspected_on": inspected_on,
            "inspector_name": _categorical((region - 1) * n_inspectors + turn, inspector_names),
        }
    )

    # scores: store weakness + item difficulty + chronic store x item problems + time, less 0.4 after the change
    n_items = len(FIVES_ITEMS)
    difficulty = np.array([FIVES_ITEM_DIFFICULTY.get(code, 0.0) for code in FIVES_ITEMS])
    chronic = np.zeros((n_stores, n_items))
    pairs = rng.choice(n_stores * n_items, size=18, replace=False)
    chronic.ravel()[pairs] = 1.9
    better = improvement(clock, day_index)
    penalty = (
        master.store_fives_eff[store][:, None]
        + difficulty[None, :]
        + chronic[store]
        + np.array(FIVES_INSPECTOR_LENIENCY)[turn][:, None]
        + 0.25
        - 0.4 * better[:, None]
        + rng.exponential(0.55, (n_insp, n_items))
        + rng.normal(0, 0.35, (n_insp, n_items))
    )
    score = np.clip(np.round(4 - penalty), 0, 4).astype(np.int64)
    sh3 = FIVES_ITEMS.index(FIVES_NA_ITEM)
    not_applicable = rng.random((n_insp, n_items)) < 0.003
    not_applicable[:, sh3] |= ~master.store_has_fitting_room[store]
    failing = (score <= 1) & ~not_applicable
    comment = np.where(
        failing & (rng.random((n_insp, n_items)) < 0.5),
        (rng.random((n_insp, n_items)) * len(FIVES_COMMENTS)).astype(np.int64),
        -1,
    )
    item_codes = np.tile(np.arange(n_items), n_insp)
    scores = pd.DataFrame(
        {
            "inspection_id": np.repeat(inspection_ids, n_items),
            "item_code": _categorical(item_codes, FIVES_ITEMS),
            "score": _nullable(score.ravel(), ~not_applicable.ravel()),
            "is_not_applicable": not_applicable.ravel(),
            "comment": pd.Categorical.from_codes(comment.ravel(), categories=list(FIVES_COMMENTS)),
        }
    )

    # corrective actions: owner the store manager, due 14 days on; closed late in weak stores
    fail_insp, fail_item = np.nonzero(failing)
    a_store = store[fail_insp]
    n_act = len(fail_insp)
    offset = master.store_offset_s[a_store]
    a_day = day_index[fail_insp]
    created = np.minimum(clock.start_s + a_day * DAY_S + 10 * HOUR_S - offset, clock.as_of_s)
    close_s = _hours_to_s(24 * rng.lognormal(np.log(8) + master.store_action_log_eff[a_store], 0.5, n_act))
    never = rng.random(n_act) < 0.04  # forgotten actions stay open
    closed_at = created + close_s
    is_closed = ~never & (closed_at <= clock.as_of_s)
    verified_at = closed_at + _hours_to_s(24 * rng.lognormal(np.log(3), 0.5, n_act))
    is_verified = is_closed & (verified_at <= clock.as_of_s) & (rng.random(n_act) < 0.9)
    started = (clock.as_of_s - created) > 2 * DAY_S
    status = np.select(
        [is_verified, is_closed, started & (rng.random(n_act) < 0.6)],
        [ACTION_STATUSES.index(s) for s in ("verified", "submitted", "in_progress")],
        default=ACTION_STATUSES.index("open"),
    )
    actions = pd.DataFrame(
        {
            "action_id": np.arange(1, n_act + 1),
            "inspection_id": inspection_ids[fail_insp],
            "store_id": a_store + 1,
            "item_code": _categorical(fail_item, FIVES_ITEMS),
            "owner": master.store_manager[a_store],
            "due_on": inspected_on[fail_insp] + np.timedelta64(14, "D"),
            "status": _categorical(status, ACTION_STATUSES),
            "created_at": _ts(created),
            "closed_at": _ts(closed_at, is_closed),
            "verified_at": _ts(verified_at, is_verified),
        }
    )
    return Fives(inspections, scores, actions)
