"""Master data: 6 regions, 60 stores, 10 teams, 150 agents, the same for every seed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from portal.demo.base import (
    FAST_AGENTS,
    FAST_STORES,
    FIVES_WEAK_STORES,
    MASTER_SEED,
    MOVED_STORE,
    SLOW_AGENTS,
    SLOW_STORES,
    Clock,
    _dates,
)

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
# each city's Chinese name and its stores' districts (in store order): the store's Chinese name is
# city + district + 店, e.g. 北京王府井店 for "Beijing 01"
CITIES_ZH = {
    "Beijing": ("北京", ("王府井", "西单", "中关村", "望京", "国贸")),
    "Tianjin": ("天津", ("滨江道", "小白楼", "南开", "河西")),
    "Shijiazhuang": ("石家庄", ("中山路", "万达广场")),
    "Shanghai": ("上海", ("南京东路", "徐家汇", "陆家嘴", "五角场", "静安寺", "七宝")),
    "Hangzhou": ("杭州", ("湖滨", "武林广场", "滨江")),
    "Nanjing": ("南京", ("新街口", "河西")),
    "Suzhou": ("苏州", ("观前街",)),
    "Guangzhou": ("广州", ("天河城", "北京路", "珠江新城", "番禺")),
    "Shenzhen": ("深圳", ("华强北", "福田", "南山", "宝安")),
    "Xiamen": ("厦门", ("中山路", "思明")),
    "Wuhan": ("武汉", ("江汉路", "光谷", "楚河汉街", "武广")),
    "Changsha": ("长沙", ("五一广场", "黄兴路", "梅溪湖")),
    "Zhengzhou": ("郑州", ("二七广场", "郑东新区", "花园路")),
    "Chengdu": ("成都", ("春熙路", "太古里", "高新")),
    "Chongqing": ("重庆", ("解放碑", "观音桥", "沙坪坝")),
    "Xi'an": ("西安", ("钟楼", "小寨")),
    "Urumqi": ("乌鲁木齐", ("友好路",)),
    "Shenyang": ("沈阳", ("中街", "太原街", "浑南")),
    "Dalian": ("大连", ("青泥洼桥", "西安路")),
    "Harbin": ("哈尔滨", ("中央大街", "秋林", "哈西")),
}
TEAM_REGIONS = (1, 1, 2, 2, 3, 3, 4, 4, 5, 6)
_ZH_NUMERALS = "一二三四五六七八九十"
TEAM_SIZES = (14, 14, 15, 15, 13, 13, 17, 17, 15, 17)  # 150 agents, sized to each team's load
# agents who left (is_active false) or joined inside the window: code -> days before today
LEFT_AGENTS = {"A020": 200, "A058": 150, "A096": 90, "A140": 40}
NEW_AGENTS = {"A015": 300, "A045": 250, "A075": 200, "A105": 150, "A135": 100, "A150": 60}

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
    "明", "超", "秀英", "霞", "平", "刚", "桂英", "鹏", "华", "玲", "婷", "宇", "浩", "晨", "欣",
]  # fmt: skip


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
                city_zh, districts = CITIES_ZH[city]
                stores.append((region_id, f"{city} {k:02d}", tz, f"{city_zh}{districts[k - 1]}店"))
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
            "name_zh": [s[3] for s in stores],
            # the region each store was created with: a later move is a store_assignments row (below), as a
            # stores upload records it, so every reader of the current region goes through stores_now
            "region_id": np.where(np.arange(n_stores) == moved_ix, moved_from, store_region),
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
    assignments = pd.DataFrame({"store_id": [moved_ix + 1], "region_id": [int(store_region[moved_ix])]})
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
            # 华北一组: the region's name without 区, the team's number in Chinese numerals
            "name_zh": [
                f"{REGIONS[r - 1][3].removesuffix('区')}{_ZH_NUMERALS[TEAM_REGIONS[: i + 1].count(r) - 1]}组"
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
            "store_assignments": assignments,
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
