"""The demo's sizes, stories, time frame and the array helpers every generator shares."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

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
# the zone of most demo stores (master.CITIES): the portal's default reporting zone, whose day the data ends on
ZONE = "Asia/Shanghai"

SLOW_STORES = ("S007", "S031")
FAST_STORES = ("S015", "S044")
SLOW_AGENTS = ("A012", "A077")
FAST_AGENTS = ("A033", "A101")
FIVES_WEAK_STORES = ("S012", "S023", "S048")
MOVED_STORE = "S043"

DAY_S = 86_400
HOUR_S = 3_600


# ---------------------------------------------------------------- time frame


@dataclass(frozen=True)
class Clock:
    """The generated window: WINDOW_DAYS local days ending ``end_date`` (today in ``ZONE`` at ``as_of``: a manager
    in Beijing at 01:00 sees the new day begun, not yesterday's as the last); nothing later than ``as_of_s``."""

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
    else:
        as_of = as_of.replace(tzinfo=None, microsecond=0)
    end = as_of.replace(tzinfo=UTC).astimezone(ZoneInfo(ZONE)).date()
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


def _local_day(clock: Clock, utc_s: np.ndarray, offset_s: np.ndarray) -> np.ndarray:
    return (utc_s + offset_s - clock.start_s) // DAY_S
