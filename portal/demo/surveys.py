"""Survey responses: overall satisfaction, recommendation, comments, SERVQUAL answers and importance points."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from portal.demo.base import (
    INSTRUMENT_ID,
    SERVQUAL_SHARE,
    Clock,
    _categorical,
    _local_day,
    _nullable,
    day_weights,
    improvement,
)
from portal.demo.complaints import (
    Complaints,
)
from portal.demo.master import (
    Master,
    region_at,
)

# Share of the responses per channel (values of portal.vocab.SURVEY_CHANNELS, in the order they are drawn);
# post-resolution surveys go out by text message.
SURVEY_CHANNEL_SHARE = {"in_store": 0.40, "app": 0.26, "online": 0.20, "sms": 0.08, "email": 0.06}
POST_RESOLUTION_CHANNEL = "sms"
LINKED_SURVEY_SHARE = 0.06
COMMENT_SHARE = 0.18
COMMENTS = {
    "positive": (
        ("服务很好，店员很热情。", "退换货很顺利，点赞！", "环境干净，购物体验不错。", "问题当天就解决了，谢谢。",
         "店员很专业，推荐的商品很合适。"),
        ("Friendly staff and quick checkout.", "The refund was handled fast, thank you.",
         "Clean store, easy to find everything."),
    ),
    "neutral": (
        ("整体还可以，排队有点久。", "商品不错，就是价格偏高。", "客服回复有点慢。"),
        ("OK overall, the queue was a bit long.", "Fine, but some shelves were empty."),
    ),
    "negative": (
        ("投诉三天都没人回复。", "店员态度很差，不会再来了。", "送货晚了两天，也没有通知。", "退款一直没到账。",
         "价签和结账价格不一致。"),
        ("Nobody called me back about my complaint.", "Staff were rude at the counter.",
         "The delivery was late and nobody told me.", "Still waiting for my refund."),
    ),
}  # fmt: skip

SERVQUAL_DIMENSIONS = ("tangibles", "reliability", "responsiveness", "assurance", "empathy")
SERVQUAL_ITEM_DIM = np.array([0] * 4 + [1] * 5 + [2] * 4 + [3] * 4 + [4] * 5)  # items 1..22
EXPECTATION_MEAN = np.array([5.7, 6.4, 6.1, 6.1, 5.8])
PERCEPTION_MEAN = np.array([5.4, 5.15, 5.3, 5.7, 5.2])
PERCEPTION_LOADING = np.array([0.30, 0.70, 0.55, 0.35, 0.40])  # how much each moves with satisfaction
IMPORTANCE_ALPHA = 3 * np.array([1.8, 3.2, 2.4, 2.0, 1.8])
IMPORTANCE_SHARE = 0.40


# ---------------------------------------------------------------- surveys


def _comments(rng, overall: np.ndarray) -> pd.Categorical:
    """A Chinese or English comment on COMMENT_SHARE of the responses, in tune with the score."""
    pools, offsets = [], {}
    for sentiment, (zh, en) in COMMENTS.items():
        for lang, texts in (("zh", zh), ("en", en)):
            offsets[sentiment, lang] = (len(pools), len(texts))
            pools.extend(texts)
    n = len(overall)
    sentiment = np.where(overall >= 4, 0, np.where(overall == 3, 1, 2))
    zh = rng.random(n) < 0.7
    names = list(COMMENTS)
    start = np.array([[offsets[s, lang][0] for lang in ("zh", "en")] for s in names])
    count = np.array([[offsets[s, lang][1] for lang in ("zh", "en")] for s in names])
    lang = np.where(zh, 0, 1)
    code = start[sentiment, lang] + (rng.random(n) * count[sentiment, lang]).astype(np.int64)
    code = np.where(rng.random(n) < COMMENT_SHARE, code, -1)
    return pd.Categorical.from_codes(code, categories=pools)


def _importance_points(rng, n: int) -> np.ndarray:
    """Whole points per dimension summing to exactly 100 (largest remainders get the leftover points)."""
    raw = rng.dirichlet(IMPORTANCE_ALPHA, size=n) * 100
    points = np.floor(raw).astype(np.int64)
    leftover = 100 - points.sum(axis=1)
    rank = np.argsort(np.argsort(-(raw - points), axis=1), axis=1)
    return points + (rank < leftover[:, None])


@dataclass
class Surveys:
    responses: pd.DataFrame
    answers: pd.DataFrame
    importance: pd.DataFrame


def build_surveys(rng, master: Master, clock: Clock, complaints: Complaints, n: int) -> Surveys:
    # post-resolution surveys: a share of the resolved complaints that had a store and an answer
    candidates = np.flatnonzero(complaints.is_resolved & (complaints.csat > 0) & (complaints.store_ix >= 0))
    n_linked = min(round(LINKED_SURVEY_SHARE * n), len(candidates))
    linked = np.sort(rng.choice(candidates, size=n_linked, replace=False))
    l_day = _local_day(clock, complaints.resolved_at_s[linked], complaints.offset_s[linked])
    l_day = np.minimum(l_day + rng.integers(0, 3, n_linked), clock.n_days - 1)
    l_overall = complaints.csat[linked]

    n_reg = n - n_linked
    r_day = rng.choice(clock.n_days, size=n_reg, p=day_weights(clock))
    r_store = rng.choice(len(master.store_codes), size=n_reg, p=master.store_weight)
    r_latent = (
        master.store_sat_eff[r_store] + 0.3 * improvement(clock, r_day) - 0.05 + rng.normal(0, 1, n_reg)
    )
    r_overall = 1 + np.searchsorted(np.array([-1.75, -1.28, -0.77, 0.12]), r_latent)

    day = np.concatenate([r_day, l_day])
    store = np.concatenate([r_store, complaints.store_ix[linked]])
    overall = np.concatenate([r_overall, l_overall])
    latent = np.concatenate([r_latent, (l_overall - 3.9) * 0.7 + rng.normal(0, 0.5, n_linked)])
    drawn = list(SURVEY_CHANNEL_SHARE)
    channel = np.concatenate(
        [
            rng.choice(len(drawn), size=n_reg, p=list(SURVEY_CHANNEL_SHARE.values())),
            np.full(n_linked, drawn.index(POST_RESOLUTION_CHANNEL)),
        ]
    )
    complaint_id = np.concatenate([np.zeros(n_reg, dtype=np.int64), linked + 1])
    order = np.argsort(day, kind="stable")
    day, store, overall, latent, channel, complaint_id = (
        a[order] for a in (day, store, overall, latent, channel, complaint_id)
    )
    recommend = np.clip(np.round(2.2 * overall - 1.0 + rng.normal(0, 1.3, n)), 0, 10).astype(np.int64)
    has_servqual = rng.random(n) < SERVQUAL_SHARE
    ids = np.arange(1, n + 1)
    responses = pd.DataFrame(
        {
            "response_id": ids,
            "store_id": store + 1,
            "region_id": region_at(master, clock, store, day),
            "responded_on": clock.dates(day),
            "channel": _categorical(channel, drawn),
            "overall_satisfaction": overall,
            "recommend_score": recommend,
            "comment": _comments(rng, overall),
            "complaint_id": _nullable(complaint_id, complaint_id > 0),
            "instrument_id": _nullable(np.full(n, INSTRUMENT_ID), has_servqual),
        }
    )

    # SERVQUAL: expectation above perception, reliability the widest gap, perceptions move with satisfaction
    sq = np.flatnonzero(has_servqual)
    m, k = len(sq), len(SERVQUAL_ITEM_DIM)
    dim = SERVQUAL_ITEM_DIM[None, :]
    e_bias = rng.normal(0, 0.4, (m, 1))
    p_bias = rng.normal(0, 0.35, (m, 1))
    expectation = np.clip(np.round(EXPECTATION_MEAN[dim] + e_bias + rng.normal(0, 0.6, (m, k))), 1, 7)
    perception = np.clip(
        np.round(
            PERCEPTION_MEAN[dim]
            + PERCEPTION_LOADING[dim] * latent[sq, None]
            + 0.2 * improvement(clock, day[sq])[:, None]
            + p_bias
            + rng.normal(0, 0.7, (m, k))
        ),
        1,
        7,
    )
    answered = rng.random((m, k)) >= 0.015  # a blank answer is a missing row
    answers = pd.DataFrame(
        {
            "response_id": np.repeat(ids[sq], k)[answered.ravel()],
            "item_no": np.tile(np.arange(1, k + 1), m)[answered.ravel()],
            "expectation": expectation.ravel()[answered.ravel()].astype(np.int64),
            "perception": perception.ravel()[answered.ravel()].astype(np.int64),
        }
    )
    weighted = sq[rng.random(m) < IMPORTANCE_SHARE]
    points = _importance_points(rng, len(weighted))
    n_dim = len(SERVQUAL_DIMENSIONS)
    importance = pd.DataFrame(
        {
            "response_id": np.repeat(ids[weighted], n_dim),
            "dimension_code": _categorical(np.tile(np.arange(n_dim), len(weighted)), SERVQUAL_DIMENSIONS),
            "points": points.ravel().astype(float),
        }
    )
    return Surveys(responses, answers, importance)
