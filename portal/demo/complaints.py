"""Complaints and their status history: channels, categories, severities, times, reopens, recovery."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from portal import vocab
from portal.demo.base import (
    DAY_S,
    HOUR_S,
    Clock,
    _categorical,
    _choice_by_group,
    _hours_to_s,
    _nullable,
    _ts,
    day_weights,
    improvement,
)
from portal.demo.master import (
    TEAM_REGIONS,
    TEAM_SIZES,
    Master,
    region_at,
)

# ---------------------------------------------------------------- shapes, keyed by the values of portal.vocab

# Per channel: share of complaints, first response time factor, share of its complaints without a store, and the
# probability of each category group (in vocab.CATEGORY_GROUPS order): a Pareto-like spread, shifted by channel.
CHANNEL_SHAPE = {
    "hotline": (0.34, 0.45, 0.0, (0.36, 0.22, 0.12, 0.08, 0.12, 0.04, 0.06)),
    "online": (0.22, 1.0, 0.45, (0.30, 0.12, 0.30, 0.08, 0.13, 0.01, 0.06)),
    "in_store": (0.18, 0.6, 0.0, (0.30, 0.32, 0.02, 0.10, 0.08, 0.14, 0.04)),
    "social_media": (0.08, 1.3, 0.15, (0.34, 0.30, 0.12, 0.07, 0.07, 0.05, 0.05)),
    "email": (0.06, 1.9, 0.10, (0.33, 0.17, 0.17, 0.08, 0.17, 0.02, 0.06)),
    "app": (0.12, 0.9, 0.35, (0.29, 0.12, 0.31, 0.09, 0.13, 0.01, 0.05)),
}
# Per category group: resolution time factor, probability of high severity, and how a ticketing system names
# it (several raw names per group; the "other" ones are the source's catch-alls that map to nothing more precise).
CATEGORY_SHAPE = {
    "product_quality": (
        1.1,
        0.16,
        ("商品质量问题", "产品质量-破损", "产品质量-过期", "Product defect", "食品异物"),
    ),
    "service_attitude": (0.7, 0.12, ("服务态度差", "员工态度", "Staff attitude", "收银员服务问题")),
    "delivery": (1.3, 0.08, ("配送延迟", "送货慢", "Delivery late", "配送-错发漏发")),
    "price": (0.8, 0.04, ("价格争议", "价签不符", "Price mismatch", "促销价未生效")),
    "returns_after_sales": (1.5, 0.08, ("退换货", "售后维修", "Refund request", "退款慢")),
    "store_environment": (0.9, 0.07, ("门店环境", "卫生问题", "Store cleanliness", "排队时间长")),
    "other": (1.0, 0.05, ("其他", "咨询转投诉", "Other", "系统工单-未分类")),
}
LOW_SEVERITY_P = 0.22
# Per severity: first response and resolution time factors.
SEVERITY_SHAPE = {"high": (0.6, 0.55), "normal": (1.0, 1.0), "low": (1.3, 1.8)}

CHANNELS = tuple(c for c in vocab.COMPLAINT_CHANNELS if c in CHANNEL_SHAPE)  # the demo has no "other"
CATEGORY_GROUPS = vocab.CATEGORY_GROUPS
SEVERITIES = vocab.SEVERITIES
STATUSES = vocab.COMPLAINT_STATUSES
CHANNEL_P = np.array([CHANNEL_SHAPE[c][0] for c in CHANNELS])
CHANNEL_FRT_LOG = np.log([CHANNEL_SHAPE[c][1] for c in CHANNELS])
NO_STORE_P = np.array([CHANNEL_SHAPE[c][2] for c in CHANNELS])
CATEGORY_P = np.array([CHANNEL_SHAPE[c][3] for c in CHANNELS])  # rows: channels, columns: category groups
CATEGORY_RES_LOG = np.log([CATEGORY_SHAPE[g][0] for g in CATEGORY_GROUPS])
CATEGORY_HIGH_P = np.array([CATEGORY_SHAPE[g][1] for g in CATEGORY_GROUPS])
CATEGORY_RAW = tuple(CATEGORY_SHAPE[g][2] for g in CATEGORY_GROUPS)
SEVERITY_FRT_LOG = np.log([SEVERITY_SHAPE[s][0] for s in SEVERITIES])
SEVERITY_RES_LOG = np.log([SEVERITY_SHAPE[s][1] for s in SEVERITIES])
# local hour of day at which complaints arrive (retail: late morning and evening peaks)
HOUR_P = np.array([
    0.4, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.2, 2.8, 5.0, 7.2, 7.8,
    6.8, 6.4, 6.4, 6.5, 6.4, 6.2, 6.8, 7.6, 7.4, 5.6, 3.5, 1.8,
])  # fmt: skip
WORK_START_H, WORK_END_H = 8, 22  # the service desk's hours: complaints outside them wait until 08:00


# ---------------------------------------------------------------- complaints


@dataclass
class Complaints:
    frame: pd.DataFrame
    history: pd.DataFrame
    store_ix: np.ndarray
    agent_ix: np.ndarray
    offset_s: np.ndarray
    resolved_at_s: np.ndarray  # the final resolution, where resolved
    is_resolved: np.ndarray
    first_resolved: np.ndarray  # resolved at least once (the QA sample)
    first_resolved_s: np.ndarray
    reopen_count: np.ndarray
    csat: np.ndarray  # 0 where unanswered


def _earlier(rng, clock: Clock, late: np.ndarray, day, sec, channel, store_ix, offset) -> tuple:
    """The complaints of the last local day later than now given a day before it, by the days' weights (the day
    ends on today in the reporting zone: at 01:00 there most of its complaints are still to come; moved to
    yesterday they would double its volume), then all rows again in local time order (ids follow time). A store
    in a zone behind the reporting one may be late on the day before too: drawn again until none is."""
    day = day.copy()
    weights = day_weights(clock)
    while late.any():
        last = int(day[late].min())  # every late row is on this day or later: the days before it hold none
        p = weights[:last] / weights[:last].sum()
        day[late] = rng.choice(last, size=int(late.sum()), p=p)
        late = clock.start_s + day * DAY_S + sec - offset > clock.as_of_s
    order = np.lexsort((sec, day))
    return day[order], sec[order], channel[order], store_ix[order], offset[order]


def build_complaints(rng, master: Master, clock: Clock, n: int) -> Complaints:
    # when (local), sorted so that ids follow time
    day = rng.choice(clock.n_days, size=n, p=day_weights(clock))
    sec = rng.choice(24, size=n, p=HOUR_P / HOUR_P.sum()) * HOUR_S + rng.integers(0, HOUR_S, n)
    order = np.lexsort((sec, day))
    day, sec = day[order], sec[order]

    channel = rng.choice(len(CHANNELS), size=n, p=CHANNEL_P)
    in_store = channel == CHANNELS.index("in_store")
    sec = np.where(in_store, np.clip(sec, 10 * HOUR_S, 21 * HOUR_S - 1), sec)
    store_ix = rng.choice(len(master.store_codes), size=n, p=master.store_weight)
    store_ix = np.where(rng.random(n) < NO_STORE_P[channel], -1, store_ix)
    offset = np.where(store_ix >= 0, master.store_offset_s[np.maximum(store_ix, 0)], 8 * HOUR_S)
    received = clock.start_s + day * DAY_S + sec - offset
    late = received > clock.as_of_s  # later on the last day than now: drawn again among the earlier days
    if late.any():
        day, sec, channel, store_ix, offset = _earlier(rng, clock, late, day, sec, channel, store_ix, offset)
        received = clock.start_s + day * DAY_S + sec - offset
    region = region_at(master, clock, store_ix, day)

    group = _choice_by_group(rng, channel, CATEGORY_P)
    raw_count = np.array([len(r) for r in CATEGORY_RAW])
    raw_offset = np.concatenate([[0], np.cumsum(raw_count)[:-1]])
    raw = raw_offset[group] + (rng.random(n) * raw_count[group]).astype(np.int64)
    u = rng.random(n)
    high, normal, low = (SEVERITIES.index(s) for s in ("high", "normal", "low"))
    severity = np.where(u < CATEGORY_HIGH_P[group], high, np.where(u > 1 - LOW_SEVERITY_P, low, normal))

    # agent: a team of the complaint's region (any team when there is no store), then a member by workload
    team = np.where(
        region > 0,
        master.region_team_start[region]
        + (rng.random(n) * master.region_team_count[region]).astype(np.int64),
        rng.integers(0, len(TEAM_REGIONS), n),
    )
    team_start = np.concatenate([[0], np.cumsum(TEAM_SIZES)[:-1]])
    team_weights = [master.agent_weight[master.agent_team == t] for t in range(len(TEAM_SIZES))]
    agent = team_start[team] + _choice_by_group(rng, team, team_weights)
    away = (day < master.agent_active_from[agent]) | (day >= master.agent_active_to[agent])
    agent = np.where(away, master.agent_buddy[agent], agent)

    # first response: wait for the desk to open, then a log-normal delay
    store_eff = np.where(store_ix >= 0, master.store_log_eff[np.maximum(store_ix, 0)], 0.0)
    agent_eff = master.agent_log_eff[agent]
    weekend = ((clock.start_s // DAY_S + day + 3) % 7) >= 5
    better = improvement(clock, day)
    local_sec = sec
    wait_s = np.where(
        local_sec < WORK_START_H * HOUR_S,
        WORK_START_H * HOUR_S - local_sec,
        np.where(local_sec >= WORK_END_H * HOUR_S, DAY_S - local_sec + WORK_START_H * HOUR_S, 0),
    )
    frt_h = wait_s / HOUR_S + np.exp(
        np.log(5.5)
        + store_eff
        + agent_eff
        + CHANNEL_FRT_LOG[channel]
        + SEVERITY_FRT_LOG[severity]
        + 0.3 * weekend
        - 0.55 * better
        + rng.normal(0, 0.95, n)
    )
    work_h = np.exp(
        np.log(30)
        + SEVERITY_RES_LOG[severity]
        + CATEGORY_RES_LOG[group]
        + 0.7 * store_eff
        + 0.8 * agent_eff
        + 0.15 * weekend
        - 0.35 * better
        + rng.normal(0, 0.8, n)
    )
    frt_at = received + _hours_to_s(frt_h)
    r1_at = frt_at + _hours_to_s(work_h)
    service_attitude = group == CATEGORY_GROUPS.index("service_attitude")
    p_reopen = np.clip(
        0.055
        * np.exp(master.agent_reopen_log[agent])
        * np.where(service_attitude, 1.4, 1.0)
        * (1.25 - 0.3 * better),
        0,
        0.5,
    )
    u = rng.random(n)
    planned_reopens = (u < p_reopen).astype(np.int64) + (u < 0.2 * p_reopen)
    o1 = r1_at + _hours_to_s(rng.lognormal(np.log(30), 0.7, n))
    r2 = o1 + _hours_to_s(rng.lognormal(np.log(20), 0.8, n))
    o2 = r2 + _hours_to_s(rng.lognormal(np.log(40), 0.7, n))
    r3 = o2 + _hours_to_s(rng.lognormal(np.log(20), 0.8, n))
    auto_close = rng.random(n) < 0.88
    close_lag = _hours_to_s(rng.lognormal(np.log(48), 0.5, n))
    cancel_at = received + _hours_to_s(rng.lognormal(np.log(8), 1.0, n))
    missing_frt = rng.random(n) < 0.02

    now = clock.as_of_s
    cancelled = (rng.random(n) < 0.025) & (cancel_at <= now) & (r1_at > cancel_at)
    live = ~cancelled
    responded = live & (frt_at <= now)
    res1 = live & (r1_at <= now)
    re1 = res1 & (planned_reopens >= 1) & (o1 <= now)
    res2 = re1 & (r2 <= now)
    re2 = res2 & (planned_reopens >= 2) & (o2 <= now)
    res3 = re2 & (r3 <= now)
    reopened_now = (re1 & ~res2) | (re2 & ~res3)
    final_res = np.where(res3, r3, np.where(res2, r2, r1_at))
    is_resolved = res1 & ~reopened_now
    closed_at = final_res + close_lag
    is_closed = is_resolved & auto_close & (closed_at <= now)
    status = np.select(
        [cancelled, ~responded, ~res1, reopened_now, is_closed],
        [STATUSES.index(s) for s in ("cancelled", "open", "responded", "reopened", "closed")],
        default=STATUSES.index("resolved"),
    )
    has_frt = np.where(cancelled, frt_at <= cancel_at, responded & ~(missing_frt & res1))
    reopen_count = re1.astype(np.int64) + re2

    # post-resolution satisfaction on 40% of the resolved: faster and without reopens is happier
    resolution_h = (final_res - received) / HOUR_S
    csat_latent = (
        4.1
        - 0.45 * np.log(np.maximum(resolution_h, 0.5) / 36)
        - 0.9 * reopen_count
        + 0.3 * better
        + 0.3 * master.agent_quality[agent]
        + rng.normal(0, 0.9, n)
    )
    answered = is_resolved & (rng.random(n) < 0.4)
    csat = np.where(answered, np.clip(np.round(csat_latent), 1, 5), 0).astype(np.int64)

    ids = np.arange(1, n + 1)
    frame = pd.DataFrame(
        {
            "complaint_id": ids,
            "received_at": _ts(received),
            "channel": _categorical(channel, CHANNELS),
            "category_raw": _categorical(raw, [r for group_raw in CATEGORY_RAW for r in group_raw]),
            "category_group": _categorical(group, CATEGORY_GROUPS),
            "severity": _categorical(severity, SEVERITIES),
            "store_id": _nullable(store_ix + 1, store_ix >= 0),
            "region_id": _nullable(region, region > 0),
            "agent_id": agent + 1,
            "first_response_at": _ts(frt_at, has_frt),
            "resolved_at": _ts(final_res, is_resolved),
            "closed_at": _ts(closed_at, is_closed),
            "status": _categorical(status, STATUSES),
            "reopen_count": reopen_count,
            "post_resolution_csat": _nullable(csat, answered),
        }
    )

    events = [
        (np.ones(n, dtype=bool), "open", received),
        (has_frt, "responded", frt_at),
        (res1, "resolved", r1_at),
        (re1, "reopened", o1),
        (res2, "resolved", r2),
        (re2, "reopened", o2),
        (res3, "resolved", r3),
        (is_closed, "closed", closed_at),
        (cancelled, "cancelled", cancel_at),
    ]
    history = pd.DataFrame(
        {
            "complaint_id": np.concatenate([ids[m] for m, _, _ in events]),
            "status": _categorical(
                np.concatenate([np.full(m.sum(), STATUSES.index(s)) for m, s, _ in events]), STATUSES
            ),
            "changed_at": _ts(np.concatenate([t[m] for m, _, t in events])),
        }
    )
    return Complaints(
        frame=frame,
        history=history,
        store_ix=store_ix,
        agent_ix=agent,
        offset_s=offset,
        resolved_at_s=final_res,
        is_resolved=is_resolved,
        first_resolved=res1,
        first_resolved_s=r1_at,
        reopen_count=reopen_count,
        csat=csat,
    )
