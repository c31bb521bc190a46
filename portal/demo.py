"""The demo data set: two years of a retail chain's service data, ending today, realistic and deterministic.

``generate(con, scale, seed)`` draws every fact with numpy in whole arrays (no Python loop over complaints,
surveys or scores; the few loops run over channels, teams or tables) and writes it through DataFrames in
one transaction, replacing all data rows. The reference data of migration 002, users, audit log, column
mappings, scorecard weights and settings (other than ``demo_data``) are kept.

Master data (6 regions, 60 stores, 10 teams, 150 agents) is the same for every seed, so users made against it
(the demo users) stay valid when the demo is generated again; the facts depend on the seed and on ``as_of``.
The same seed and ``as_of`` give the same rows.

Stories built in, for the dashboards to show:
- stores S007 and S031 respond and resolve slowly and satisfy less; S015 and S044 are fast;
- agents A012 and A077 are slow, reopen more and score low in QA; A033 and A101 are fast and score high;
- a process change IMPROVEMENT_DAYS_AGO days before today cuts response and resolution times and lifts
  satisfaction, SERVQUAL perceptions and 5S scores;
- store S043 moved from region R4 Central to R1 North MOVED_DAYS_AGO days ago (its history keeps both);
- 5S failures concentrate in stores S012, S023, S048, in a few hard items and in some chronic store x item
  pairs (repeat findings); S012 and S048 also close their corrective actions late;
- online and app complaints sometimes belong to no store; a backlog is open; some complaints are reopened,
  some cancelled; one in fifty resolved complaints lacks its first response time, as real exports do.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from portal import db, settings
from portal.qa import demo as qa_demo

IMPROVEMENT_DAYS_AGO = 270
MOVED_DAYS_AGO = 365
WINDOW_DAYS = 730
BASE_COMPLAINTS = 250_000
BASE_SURVEYS = 120_000
BASE_QA_REVIEWS = 20_000
SERVQUAL_SHARE = 0.30
INSTRUMENT_ID = 1
TEMPLATE_ID = 1
MASTER_SEED = 20240601  # master data is the same for every seed

SLOW_STORES = ("S007", "S031")
FAST_STORES = ("S015", "S044")
SLOW_AGENTS = ("A012", "A077")
FAST_AGENTS = ("A033", "A101")
FIVES_WEAK_STORES = ("S012", "S023", "S048")
MOVED_STORE = "S043"

# ---------------------------------------------------------------- master data definitions

REGIONS = [
    (1, "R1", "North", "华北区"),
    (2, "R2", "East", "华东区"),
    (3, "R3", "South", "华南区"),
    (4, "R4", "Central", "华中区"),
    (5, "R5", "West", "西部区"),
    (6, "R6", "Northeast", "东北区"),
]
# (city, stores, timezone) per region, in store-id order
CITIES = {
    1: [
        ("Beijing", 5, "Asia/Shanghai"),
        ("Tianjin", 4, "Asia/Shanghai"),
        ("Shijiazhuang", 2, "Asia/Shanghai"),
    ],
    2: [
        ("Shanghai", 6, "Asia/Shanghai"),
        ("Hangzhou", 3, "Asia/Shanghai"),
        ("Nanjing", 2, "Asia/Shanghai"),
        ("Suzhou", 1, "Asia/Shanghai"),
    ],
    3: [("Guangzhou", 4, "Asia/Shanghai"), ("Shenzhen", 4, "Asia/Shanghai"), ("Xiamen", 2, "Asia/Shanghai")],
    4: [("Wuhan", 4, "Asia/Shanghai"), ("Changsha", 3, "Asia/Shanghai"), ("Zhengzhou", 3, "Asia/Shanghai")],
    5: [
        ("Chengdu", 3, "Asia/Shanghai"),
        ("Chongqing", 3, "Asia/Shanghai"),
        ("Xi'an", 2, "Asia/Shanghai"),
        ("Urumqi", 1, "Asia/Urumqi"),
    ],
    6: [("Shenyang", 3, "Asia/Shanghai"), ("Dalian", 2, "Asia/Shanghai"), ("Harbin", 3, "Asia/Shanghai")],
}
TEAM_REGIONS = (1, 1, 2, 2, 3, 3, 4, 4, 5, 6)
TEAM_SIZES = (14, 14, 15, 15, 13, 13, 17, 17, 15, 17)  # 150 agents, sized to each team's load
# agents who left (is_active false) or joined inside the window: code -> days before today
LEFT_AGENTS = {"A020": 200, "A058": 150, "A096": 90, "A140": 40}
NEW_AGENTS = {"A015": 300, "A045": 250, "A075": 200, "A105": 150, "A135": 100, "A150": 60}

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
    "明", "超", "秀英", "霞", "平", "刚", "桂英", "鹏", "华", "玲", "婷", "宇", "浩", "晨", "欣",
]  # fmt: skip

# ---------------------------------------------------------------- fact vocabularies and shapes

CHANNELS = ("hotline", "online", "in_store", "social_media", "email", "app")
CHANNEL_P = (0.34, 0.22, 0.18, 0.08, 0.06, 0.12)
CHANNEL_FRT_LOG = np.log([0.45, 1.0, 0.6, 1.3, 1.9, 0.9])
NO_STORE_P = np.array([0.0, 0.45, 0.0, 0.15, 0.10, 0.35])  # share of a channel's complaints without a store

CATEGORY_GROUPS = (
    "product_quality",
    "service_attitude",
    "delivery",
    "price",
    "returns_after_sales",
    "store_environment",
    "other",
)
# probability of each group per channel (rows follow CHANNELS): a Pareto-like spread, shifted by channel
CATEGORY_P = np.array(
    [
        [0.36, 0.22, 0.12, 0.08, 0.12, 0.04, 0.06],
        [0.30, 0.12, 0.30, 0.08, 0.13, 0.01, 0.06],
        [0.30, 0.32, 0.02, 0.10, 0.08, 0.14, 0.04],
        [0.34, 0.30, 0.12, 0.07, 0.07, 0.05, 0.05],
        [0.33, 0.17, 0.17, 0.08, 0.17, 0.02, 0.06],
        [0.29, 0.12, 0.31, 0.09, 0.13, 0.01, 0.05],
    ]
)
CATEGORY_RES_LOG = np.log([1.1, 0.7, 1.3, 0.8, 1.5, 0.9, 1.0])
CATEGORY_HIGH_P = np.array([0.16, 0.12, 0.08, 0.04, 0.08, 0.07, 0.05])
LOW_SEVERITY_P = 0.22
# How a ticketing system names the categories (several raw names per group; the last "other" ones are
# the source's catch-alls that map to nothing more precise).
CATEGORY_RAW = (
    ("商品质量问题", "产品质量-破损", "产品质量-过期", "Product defect", "食品异物"),
    ("服务态度差", "员工态度", "Staff attitude", "收银员服务问题"),
    ("配送延迟", "送货慢", "Delivery late", "配送-错发漏发"),
    ("价格争议", "价签不符", "Price mismatch", "促销价未生效"),
    ("退换货", "售后维修", "Refund request", "退款慢"),
    ("门店环境", "卫生问题", "Store cleanliness", "排队时间长"),
    ("其他", "咨询转投诉", "Other", "系统工单-未分类"),
)
SEVERITIES = ("high", "normal", "low")
SEVERITY_FRT_LOG = np.log([0.6, 1.0, 1.3])
SEVERITY_RES_LOG = np.log([0.55, 1.0, 1.8])
STATUSES = ("open", "responded", "resolved", "closed", "reopened", "cancelled")
# local hour of day at which complaints arrive (retail: late morning and evening peaks)
HOUR_P = np.array([
    0.4, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.2, 2.8, 5.0, 7.2, 7.8,
    6.8, 6.4, 6.4, 6.5, 6.4, 6.2, 6.8, 7.6, 7.4, 5.6, 3.5, 1.8,
])  # fmt: skip
WORK_START_H, WORK_END_H = 8, 22  # the service desk's hours: complaints outside them wait until 08:00

SURVEY_CHANNELS = ("in_store", "app", "online", "sms", "email")
SURVEY_CHANNEL_P = (0.40, 0.26, 0.20, 0.08, 0.06)
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

QA_REVIEWERS = ("质检 李娜", "质检 王磊", "质检 陈静", "质检 赵强")
QA_COMMENTS = {
    "low": ("未确认客户诉求", "Incorrect policy information given", "开场白不规范", "No empathy statement",
            "承诺时限未兑现"),
    "high": ("处理规范，沟通清晰", "Clear explanation and follow-up", "主动回访，客户满意"),
}  # fmt: skip

FIVES_SECTIONS = ("sort", "set_in_order", "shine", "standardize", "sustain")
FIVES_ITEMS = [f"{p}{i}" for p in ("SO", "SE", "SH", "ST", "SU") for i in range(1, 6)]
# harder items fail more often: stockroom, rest rooms, cleaning schedule, zone photos, training, closing findings
FIVES_ITEM_DIFFICULTY = {"SO5": 0.55, "SE4": 0.3, "SH3": 0.45, "ST1": 0.6, "ST2": 0.5, "SU3": 0.4, "SU4": 0.5}
FIVES_COMMENTS = ("发现多处问题，已要求整改", "Repeat finding, store manager informed", "现场已拍照留存",
                  "Partly fixed during the inspection", "责任人不在岗")  # fmt: skip
FIVES_NA_ITEM = "SH3"  # stores without fitting rooms mark it not applicable
ACTION_STATUSES = ("open", "in_progress", "done", "verified")

DATA_TABLES = (  # deleted before generating; children before parents
    *qa_demo.TABLES,
    "complaint_status_history",
    "servqual_answers",
    "servqual_importance",
    "survey_responses",
    "qa_reviews",
    "corrective_actions",
    "fives_item_scores",
    "fives_inspections",
    "complaints",
    "batch_row_snapshots",
    "import_batches",
    "store_hours",
    "store_region_history",
)
SEQUENCES = (
    ("seq_region_id", "regions", "region_id"),
    ("seq_store_id", "stores", "store_id"),
    ("seq_team_id", "teams", "team_id"),
    ("seq_agent_id", "agents", "agent_id"),
    ("seq_complaint_id", "complaints", "complaint_id"),
    ("seq_response_id", "survey_responses", "response_id"),
    ("seq_qa_review_id", "qa_reviews", "qa_review_id"),
    ("seq_inspection_id", "fives_inspections", "inspection_id"),
    ("seq_action_id", "corrective_actions", "action_id"),
)
# master tables: (table, key, identity columns that must match to keep a row, columns refreshed in place)
MASTER = (
    ("regions", "region_id", ("region_code",), ("name_en", "name_zh")),
    ("stores", "store_id", ("store_code", "region_id"), ("name", "timezone", "opened_on", "is_active")),
    ("teams", "team_id", ("team_code", "region_id"), ("name",)),
    ("agents", "agent_id", ("agent_code", "team_id", "home_store_id"), ("name", "is_active", "hired_on")),
)

DAY_S = 86_400
HOUR_S = 3_600


# ---------------------------------------------------------------- time frame


@dataclass(frozen=True)
class Clock:
    """The generated window: WINDOW_DAYS local days ending ``end_date``; nothing later than ``as_of_s``."""

    as_of: datetime  # naive UTC
    end_date: date
    start_date: date
    as_of_s: int  # as_of in epoch seconds
    start_s: int  # local midnight of start_date in epoch seconds (as if local were UTC)
    improvement_day: int
    moved_day: int

    @property
    def n_days(self) -> int:
        return WINDOW_DAYS

    def dates(self, day_index: np.ndarray) -> np.ndarray:
        return np.datetime64(self.start_date, "D") + day_index.astype("timedelta64[D]")


def make_clock(as_of: datetime | None = None) -> Clock:
    if as_of is None:
        as_of = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
        end = date.today()
    else:
        as_of = as_of.replace(tzinfo=None, microsecond=0)
        end = as_of.date()
    start = end - timedelta(days=WINDOW_DAYS - 1)
    epoch = datetime(1970, 1, 1)
    return Clock(
        as_of=as_of,
        end_date=end,
        start_date=start,
        as_of_s=int((as_of - epoch).total_seconds()),
        start_s=(start - epoch.date()).days * DAY_S,
        improvement_day=WINDOW_DAYS - 1 - IMPROVEMENT_DAYS_AGO,
        moved_day=WINDOW_DAYS - 1 - MOVED_DAYS_AGO,
    )


def day_weights(clock: Clock) -> np.ndarray:
    """Relative volume of each day: weekday pattern, seasons, shopping festivals, slow growth."""
    dates = pd.DatetimeIndex(clock.dates(np.arange(clock.n_days)))
    weekday = np.array([1.12, 1.04, 1.0, 0.98, 1.04, 1.22, 1.28])[dates.dayofweek]
    doy = dates.dayofyear.to_numpy()
    season = 1 + 0.10 * np.sin(2 * np.pi * (doy - 80) / 365)
    festival = np.ones(clock.n_days)
    month, day = dates.month.to_numpy(), dates.day.to_numpy()
    festival[(month == 11) & (day >= 10) & (day <= 16)] = 1.7  # Double 11 and its deliveries
    festival[(month == 6) & (day >= 17) & (day <= 21)] = 1.35  # 618
    festival[(doy >= 28) & (doy <= 45)] = 0.75  # around the Spring Festival
    growth = 1 + 0.12 * np.arange(clock.n_days) / clock.n_days
    w = weekday * season * festival * growth
    return w / w.sum()


def improvement(clock: Clock, day: np.ndarray) -> np.ndarray:
    """0 before the process change, rising to 1 over the 30 days after it."""
    return np.clip((day - clock.improvement_day) / 30.0, 0.0, 1.0)


# ---------------------------------------------------------------- master data


@dataclass(frozen=True)
class Master:
    frames: dict[str, pd.DataFrame]
    store_codes: np.ndarray
    store_region: np.ndarray  # current region id per store index
    store_offset_s: np.ndarray  # UTC offset of the store's time zone
    store_weight: np.ndarray  # share of traffic
    store_log_eff: np.ndarray  # log multiplier of response and resolution times
    store_sat_eff: np.ndarray  # shift of the satisfaction latent
    store_fives_eff: np.ndarray  # 5S penalty
    store_action_log_eff: np.ndarray  # log multiplier of corrective-action closing time
    store_manager: np.ndarray
    store_has_fitting_room: np.ndarray
    moved_store_ix: int
    moved_from_region: int
    agent_team: np.ndarray  # team index per agent index
    agent_log_eff: np.ndarray
    agent_quality: np.ndarray  # QA and post-resolution satisfaction shift
    agent_reopen_log: np.ndarray
    agent_weight: np.ndarray  # workload within the team
    agent_active_from: np.ndarray  # day index (negative = before the window)
    agent_active_to: np.ndarray  # day index, exclusive
    agent_buddy: np.ndarray  # who takes over the complaints outside an agent's active days
    region_team_start: np.ndarray  # per region id (index 0 unused)
    region_team_count: np.ndarray


def _person(i: int, offset: int) -> str:
    j = i + offset
    a, b = divmod(j, len(SURNAMES))
    return SURNAMES[b] + GIVEN[(27 * a + b) % len(GIVEN)]


def build_master(clock: Clock) -> Master:
    rng = np.random.default_rng(MASTER_SEED)
    stores = []
    for region_id, cities in CITIES.items():
        for city, count, tz in cities:
            for k in range(1, count + 1):
                stores.append((region_id, f"{city} {k:02d}", tz))
    n_stores = len(stores)
    codes = np.array([f"S{i:03d}" for i in range(1, n_stores + 1)])
    store_region = np.array([s[0] for s in stores])
    moved_ix = int(np.flatnonzero(codes == MOVED_STORE)[0])
    moved_from = int(store_region[moved_ix])
    store_region[moved_ix] = 1
    tz_names = [s[2] for s in stores]
    offsets = np.array([int(ZoneInfo(tz).utcoffset(datetime(2024, 1, 1)).total_seconds()) for tz in tz_names])
    opened = np.datetime64("2012-03-01") + rng.integers(0, 11 * 365, n_stores).astype("timedelta64[D]")

    weight = rng.lognormal(0, 0.35, n_stores)
    log_eff = rng.normal(0, 0.12, n_stores)
    sat_eff = rng.normal(0, 0.12, n_stores)
    for code in SLOW_STORES:
        log_eff[codes == code] = np.log(2.3)
        sat_eff[codes == code] = -0.45
    for code in FAST_STORES:
        log_eff[codes == code] = np.log(0.5)
        sat_eff[codes == code] = 0.3
    fives_eff = rng.normal(0, 0.15, n_stores)
    action_eff = rng.normal(0, 0.15, n_stores)
    for code in FIVES_WEAK_STORES:
        fives_eff[codes == code] = 0.9
    for code in ("S012", "S048"):
        action_eff[codes == code] = np.log(2.5)
    fitting = np.arange(n_stores) % 5 != 4

    store_df = pd.DataFrame(
        {
            "store_id": np.arange(1, n_stores + 1),
            "store_code": codes,
            "name": [s[1] for s in stores],
            "region_id": store_region,
            "timezone": tz_names,
            "opened_on": _dates(opened),
            "is_active": True,
        }
    )
    # the moved store has two rows: the old region until the move (valid_to exclusive), then the new one
    moved_on = np.datetime64(clock.start_date, "D") + clock.moved_day
    nat = np.datetime64("NaT", "D")
    history = pd.DataFrame(
        {
            "store_id": np.append(np.arange(1, n_stores + 1), moved_ix + 1),
            "region_id": np.append(np.where(np.arange(n_stores) == moved_ix, moved_from, store_region), 1),
            "valid_from": _dates(np.append(opened, moved_on)),
            "valid_to": _dates(np.append(np.where(np.arange(n_stores) == moved_ix, moved_on, nat), nat)),
        }
    )
    # opening hours: weekdays 09:00-21:00, weekends 10:00-22:00; the first store of each city 08:00-22:00
    flagship = np.array([s[1].endswith(" 01") for s in stores])
    sid = np.repeat(store_df["store_id"].to_numpy(), 7)
    dow = np.tile(np.arange(1, 8), n_stores)
    weekend = dow >= 6
    is_flag = np.repeat(flagship, 7)
    hours = pd.DataFrame(
        {
            "store_id": sid,
            "iso_dow": dow,
            "opens_at": np.where(is_flag, "08:00", np.where(weekend, "10:00", "09:00")),
            "closes_at": np.where(is_flag | weekend, "22:00", "21:00"),
        }
    )

    n_teams = len(TEAM_REGIONS)
    team_df = pd.DataFrame(
        {
            "team_id": np.arange(1, n_teams + 1),
            "team_code": [f"T{i:02d}" for i in range(1, n_teams + 1)],
            "name": [
                f"{REGIONS[r - 1][2]} Team {TEAM_REGIONS[: i + 1].count(r)}"
                for i, r in enumerate(TEAM_REGIONS)
            ],
            "region_id": TEAM_REGIONS,
        }
    )
    region_team_start = np.zeros(len(REGIONS) + 1, dtype=np.int64)
    region_team_count = np.zeros(len(REGIONS) + 1, dtype=np.int64)
    for r in range(1, len(REGIONS) + 1):
        members = [i for i, tr in enumerate(TEAM_REGIONS) if tr == r]
        region_team_start[r], region_team_count[r] = members[0], len(members)

    n_agents = sum(TEAM_SIZES)
    agent_codes = np.array([f"A{i:03d}" for i in range(1, n_agents + 1)])
    agent_team = np.repeat(np.arange(n_teams), TEAM_SIZES)
    home = np.empty(n_agents, dtype=np.int64)
    for t in range(n_teams):
        region_stores = np.flatnonzero(store_region == TEAM_REGIONS[t]) + 1
        members = np.flatnonzero(agent_team == t)
        home[members] = region_stores[np.arange(len(members)) % len(region_stores)]
    agent_log_eff = rng.normal(0, 0.18, n_agents)
    quality = rng.normal(0, 0.5, n_agents)
    reopen_log = rng.normal(0, 0.2, n_agents)
    for code in SLOW_AGENTS:
        agent_log_eff[agent_codes == code] = np.log(2.4)
        quality[agent_codes == code] = -1.8
        reopen_log[agent_codes == code] = np.log(2.5)
    for code in FAST_AGENTS:
        agent_log_eff[agent_codes == code] = np.log(0.5)
        quality[agent_codes == code] = 1.5
        reopen_log[agent_codes == code] = np.log(0.5)
    last_day = clock.n_days - 1
    active_from = np.full(n_agents, -10_000)
    active_to = np.full(n_agents, 10_000)
    hired = np.datetime64("2016-01-01") + rng.integers(0, 8 * 365, n_agents).astype("timedelta64[D]")
    for code, ago in NEW_AGENTS.items():
        i = int(np.flatnonzero(agent_codes == code)[0])
        active_from[i] = last_day - ago
        hired[i] = np.datetime64(clock.end_date, "D") - ago
    for code, ago in LEFT_AGENTS.items():
        active_to[np.flatnonzero(agent_codes == code)[0]] = last_day - ago
    always = (active_from < 0) & (active_to > last_day)
    buddy = np.arange(n_agents)
    for i in np.flatnonzero(~always):
        team = np.flatnonzero((agent_team == agent_team[i]) & always)
        buddy[i] = team[(i + 1) % len(team)]
    agent_df = pd.DataFrame(
        {
            "agent_id": np.arange(1, n_agents + 1),
            "agent_code": agent_codes,
            "name": [_person(i, 0) for i in range(n_agents)],
            "team_id": agent_team + 1,
            "home_store_id": home,
            "is_active": active_to > last_day,
            "hired_on": _dates(hired),
        }
    )
    region_df = pd.DataFrame(REGIONS, columns=["region_id", "region_code", "name_en", "name_zh"])
    return Master(
        frames={
            "regions": region_df,
            "stores": store_df,
            "store_region_history": history,
            "store_hours": hours,
            "teams": team_df,
            "agents": agent_df,
        },
        store_codes=codes,
        store_region=store_region,
        store_offset_s=offsets,
        store_weight=weight / weight.sum(),
        store_log_eff=log_eff,
        store_sat_eff=sat_eff,
        store_fives_eff=fives_eff,
        store_action_log_eff=action_eff,
        store_manager=np.array([_person(i, 7) for i in range(n_stores)]),
        store_has_fitting_room=fitting,
        moved_store_ix=moved_ix,
        moved_from_region=moved_from,
        agent_team=agent_team,
        agent_log_eff=agent_log_eff,
        agent_quality=quality,
        agent_reopen_log=reopen_log,
        agent_weight=rng.lognormal(0, 0.25, n_agents),
        agent_active_from=active_from,
        agent_active_to=active_to,
        agent_buddy=buddy,
        region_team_start=region_team_start,
        region_team_count=region_team_count,
    )


def region_at(master: Master, clock: Clock, store_ix: np.ndarray, day: np.ndarray) -> np.ndarray:
    """The region each store belonged to on each day (0 where there is no store)."""
    region = np.where(store_ix >= 0, master.store_region[np.maximum(store_ix, 0)], 0)
    before_move = (store_ix == master.moved_store_ix) & (day < clock.moved_day)
    return np.where(before_move, master.moved_from_region, region)


# ---------------------------------------------------------------- helpers


def _choice_by_group(rng, group: np.ndarray, probs) -> np.ndarray:
    """For each row, one index drawn from ``probs[group[row]]`` (one vector draw per group, not per row)."""
    out = np.empty(len(group), dtype=np.int64)
    for g in range(len(probs)):
        rows = np.flatnonzero(group == g)
        p = probs[g] / probs[g].sum()
        out[rows] = rng.choice(len(p), size=len(rows), p=p)
    return out


def _ts(seconds: np.ndarray, present: np.ndarray | None = None) -> np.ndarray:
    """Epoch seconds as datetime64[s], NaT where not ``present``."""
    out = seconds.astype("datetime64[s]")
    if present is not None:
        out[~present] = np.datetime64("NaT")
    return out


def _nullable(values: np.ndarray, present: np.ndarray) -> pd.arrays.IntegerArray:
    return pd.arrays.IntegerArray(values.astype(np.int64), ~present)


def _dates(values: np.ndarray) -> np.ndarray:
    """datetime64 days as ``datetime.date`` objects, so that DuckDB sees DATE, not TIMESTAMP."""
    return np.array(
        [None if np.isnat(v) else v.astype(date) for v in values.astype("datetime64[D]")], dtype=object
    )


def _categorical(codes: np.ndarray, categories) -> pd.Categorical:
    return pd.Categorical.from_codes(codes.astype(np.int64), categories=list(categories))


def _hours_to_s(hours: np.ndarray) -> np.ndarray:
    return np.round(hours * HOUR_S).astype(np.int64)


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
    late = received > clock.as_of_s  # later today than now: move to yesterday
    received, day = received - late * DAY_S, day - late
    region = region_at(master, clock, store_ix, day)

    group = _choice_by_group(rng, channel, CATEGORY_P)
    raw_count = np.array([len(r) for r in CATEGORY_RAW])
    raw_offset = np.concatenate([[0], np.cumsum(raw_count)[:-1]])
    raw = raw_offset[group] + (rng.random(n) * raw_count[group]).astype(np.int64)
    u = rng.random(n)
    severity = np.where(u < CATEGORY_HIGH_P[group], 0, np.where(u > 1 - LOW_SEVERITY_P, 2, 1))

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
    local_sec = sec  # unchanged by the late shift (a whole day)
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


# ---------------------------------------------------------------- surveys


def _local_day(clock: Clock, utc_s: np.ndarray, offset_s: np.ndarray) -> np.ndarray:
    return (utc_s + offset_s - clock.start_s) // DAY_S


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
    channel = np.concatenate(
        [rng.choice(len(SURVEY_CHANNELS), size=n_reg, p=SURVEY_CHANNEL_P), np.full(n_linked, 3)]
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
            "channel": _categorical(channel, SURVEY_CHANNELS),
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
    """One inspection per store per month over the last 24 months, items 0-4, actions for items <= 1."""
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
    inspections = pd.DataFrame(
        {
            "inspection_id": inspection_ids,
            "store_id": store + 1,
            "region_id": region,
            "inspected_on": inspected_on,
            "inspector_name": _categorical(
                region - 1, [f"督导 {_person(i, 40)}" for i in range(len(REGIONS))]
            ),
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
        [ACTION_STATUSES.index(s) for s in ("verified", "done", "in_progress")],
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


# ---------------------------------------------------------------- writing


INSERTS = {
    "regions": "insert into regions (region_id, region_code, name_en, name_zh) "
    "select region_id, region_code, name_en, name_zh from df on conflict do nothing",
    "stores": "insert into stores (store_id, store_code, name, region_id, timezone, opened_on, is_active) "
    "select store_id, store_code, name, region_id, timezone, opened_on::date, is_active from df "
    "on conflict do nothing",
    "store_region_history": "insert into store_region_history (store_id, region_id, valid_from, valid_to) "
    "select store_id, region_id, valid_from::date, valid_to::date from df",
    "store_hours": "insert into store_hours (store_id, iso_dow, opens_at, closes_at) "
    "select store_id, iso_dow, opens_at::time, closes_at::time from df",
    "teams": "insert into teams (team_id, team_code, name, region_id) "
    "select team_id, team_code, name, region_id from df on conflict do nothing",
    "agents": "insert into agents (agent_id, agent_code, name, team_id, home_store_id, is_active, hired_on) "
    "select agent_id, agent_code, name, team_id, home_store_id, is_active, hired_on::date from df "
    "on conflict do nothing",
    "complaints": "insert into complaints (complaint_id, source, source_id, received_at, channel, category_raw, "
    "category_group, severity, store_id, region_id, agent_id, first_response_at, resolved_at, closed_at, status, "
    "reopen_count, post_resolution_csat) "
    "select complaint_id, 'demo', 'TK' || lpad(complaint_id::varchar, 9, '0'), received_at, channel, "
    "category_raw, category_group, severity, store_id, region_id, agent_id, first_response_at, resolved_at, "
    "closed_at, status, reopen_count, post_resolution_csat from df",
    "complaint_status_history": "insert into complaint_status_history (complaint_id, status, changed_at) "
    "select complaint_id, status, changed_at from df",
    "survey_responses": "insert into survey_responses (response_id, source_response_id, store_id, region_id, "
    "responded_on, channel, overall_satisfaction, recommend_score, comment, complaint_id, instrument_id) "
    "select response_id, 'SV' || lpad(response_id::varchar, 9, '0'), store_id, region_id, responded_on::date, "
    "channel, overall_satisfaction, recommend_score, comment, complaint_id, instrument_id from df",
    "servqual_answers": "insert into servqual_answers (response_id, item_no, expectation, perception) "
    "select response_id, item_no, expectation, perception from df",
    "servqual_importance": "insert into servqual_importance (response_id, dimension_code, points) "
    "select response_id, dimension_code, points from df",
    "qa_reviews": "insert into qa_reviews (qa_review_id, source_id, agent_id, complaint_id, reviewed_on, "
    "reviewer, score, comment) "
    "select qa_review_id, 'QA' || lpad(qa_review_id::varchar, 8, '0'), agent_id, complaint_id, "
    "reviewed_on::date, reviewer, score, comment from df",
    "fives_inspections": "insert into fives_inspections (inspection_id, source_id, store_id, region_id, "
    "template_id, inspected_on, inspector_name) "
    "select inspection_id, 'IN' || lpad(inspection_id::varchar, 7, '0'), store_id, region_id, "
    "$template_id, inspected_on::date, inspector_name from df",
    "fives_item_scores": "insert into fives_item_scores (inspection_id, item_code, score, is_not_applicable, "
    "comment) select inspection_id, item_code, score, is_not_applicable, comment from df",
    "corrective_actions": "insert into corrective_actions (action_id, inspection_id, store_id, item_code, "
    "description, owner, due_on, status, created_at, closed_at, verified_at) "
    "select df.action_id, df.inspection_id, df.store_id, df.item_code, "
    "'Not met: ' || i.text_en || ' / 未达标：' || i.text_zh, df.owner, df.due_on::date, df.status, "
    "df.created_at, df.closed_at, df.verified_at from df "
    "join fives_items as i on i.template_id = $template_id and i.item_code = df.item_code::varchar",
}


def _conflicting_master_rows(cur, frames: dict[str, pd.DataFrame]) -> dict[str, list[int]]:
    """Existing master rows that the demo's rows cannot keep (another code or parent at that id), with the
    rows that hang from them."""
    bad: dict[str, set[int]] = {}
    for table, key, identity, _ in MASTER:
        cur.register("demo_master", frames[table])
        match = " and ".join(f"d.{c} is not distinct from t.{c}" for c in (key, *identity))
        rows = cur.execute(
            f"select t.{key} from {table} as t "  # noqa: S608 - names from the MASTER constant
            f"where not exists (select 1 from demo_master as d where {match})"
        ).fetchall()
        cur.unregister("demo_master")
        bad[table] = {r[0] for r in rows}
    for table, column, parent in (
        ("stores", "region_id", "regions"),
        ("teams", "region_id", "regions"),
        ("agents", "team_id", "teams"),
        ("agents", "home_store_id", "stores"),
    ):
        if bad[parent]:
            key = {"stores": "store_id", "teams": "team_id", "agents": "agent_id"}[table]
            rows = cur.execute(
                f"select {key} from {table} where list_contains(?, {column})",  # noqa: S608 - constant names
                [sorted(bad[parent])],
            ).fetchall()
            bad[table] |= {r[0] for r in rows}
    return {t: sorted(ids) for t, ids in bad.items() if ids}


def _clear_conflicting_master_rows(con, frames: dict[str, pd.DataFrame]) -> None:
    """Delete master rows the demo cannot reuse, before the main transaction.

    DuckDB checks a foreign key against rows deleted earlier in the same transaction, so a parent cannot be
    deleted in the transaction that deletes its children: each level goes in its own transaction. This only
    happens when the database holds master data other than the demo's (e.g. imported stores)."""
    cur = con.cursor()
    try:
        bad = _conflicting_master_rows(cur, frames)
        if not bad:
            return
        for column, table in (
            ("scope_region_id", "regions"),
            ("scope_team_id", "teams"),
            ("agent_id", "agents"),
        ):
            if bad.get(table):
                users = cur.execute(
                    f"select username from users where list_contains(?, {column})",  # noqa: S608 - constant names
                    [bad[table]],
                ).fetchall()
                if users:
                    raise db.DatabaseError(
                        f"Users {', '.join(u[0] for u in users)} are tied to {table} that the demo data would "
                        "replace. Change or remove those users first, or generate the demo into a new database."
                    )
    finally:
        cur.close()

    def delete_data(c):
        for table in DATA_TABLES:
            c.execute(f"delete from {table}")  # noqa: S608 - names from the DATA_TABLES constant

    db.in_transaction(con, delete_data)
    key = {"regions": "region_id", "stores": "store_id", "teams": "team_id", "agents": "agent_id"}
    for level in (("agents",), ("stores", "teams"), ("regions",)):

        def delete_level(c, level=level):
            for table in level:
                if bad.get(table):
                    c.execute(
                        f"delete from {table} where list_contains(?, {key[table]})",  # noqa: S608 - constant names
                        [bad[table]],
                    )

        db.in_transaction(con, delete_level)


def _advance_sequences(cur) -> None:
    """Move each sequence past the largest id its table holds, so later inserts do not collide."""
    for seq, table, column in SEQUENCES:
        top = cur.execute(f"select coalesce(max({column}), 0) from {table}").fetchone()[0]  # noqa: S608
        last = cur.execute(
            "select coalesce(last_value, start_value - 1) from duckdb_sequences() where sequence_name = ?",
            [seq],
        ).fetchone()[0]
        if top > last:
            cur.execute(f"select max(nextval('{seq}')) from range({int(top - last)})")  # noqa: S608


def _write(cur, frames: dict[str, pd.DataFrame], meta: dict) -> dict[str, int]:
    for table in DATA_TABLES:
        cur.execute(f"delete from {table}")  # noqa: S608 - names from the DATA_TABLES constant
    counts = {}
    for table, sql in INSERTS.items():
        df = frames[table]
        cur.register("df", df)
        cur.execute(sql, {"template_id": TEMPLATE_ID} if "$template_id" in sql else None)
        cur.unregister("df")
        counts[table] = len(df)
    # master rows that were already there keep their ids; their descriptive columns are refreshed
    # (key and foreign-key columns are never updated: DuckDB treats that as delete + insert)
    for table, key, _, refreshed in MASTER:
        cur.register("df", frames[table])
        sets = ", ".join(f"{c} = df.{c}" for c in refreshed)
        cur.execute(f"update {table} set {sets} from df where {table}.{key} = df.{key}")  # noqa: S608
        cur.unregister("df")
    counts.update(qa_demo.add_review_loop(cur))
    _advance_sequences(cur)
    settings.put(cur, "demo_data", meta, "demo")
    return counts


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
    return db.in_transaction(con, lambda cur: _write(cur, frames, meta))
