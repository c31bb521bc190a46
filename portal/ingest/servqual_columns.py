"""The SERVQUAL columns of a survey file on one instrument: the fields ``e1..eN`` (expectation), ``p1..pN``
(perception; an item named by a code, issue 9, keeps its number as the field name and is found by its code:
``E_T1``, ``T1 P``, ``期望T1``) and ``importance_<dimension>`` (points that sum to 100), answer-like headers the instrument lacks,
and the long-form answer and importance rows a commit writes."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from portal.i18n import Both, listed
from portal.ingest.core import CheckContext
from portal.ingest.kinds import Field
from portal.ingest.mapping import normalise_header
from portal.instruments import Instrument

IMPORTANCE_TOLERANCE = 0.5

# A header that looks like an answer column: E12, P3, Q12E, 期望12, 感知 3, expectation 12, Q12_期望, 12感知,
# 期望Q12, Q12 perception ... (normalised: case, spaces and punctuation gone)
_SIDES = r"e|p|exp|perc|expectation|perception|期望值|感知值|期望|感知"
_ITEM_HEADER = re.compile(
    rf"^(?:q(?P<qn>\d+)(?:{_SIDES})|(?:{_SIDES})q?0*(?P<n>\d+)|(?P<sn>\d+)(?:期望值|感知值|期望|感知))$"
)
MANY_UNMAPPED_ITEMS = (
    4  # answer-like columns of the instrument's items left unmapped that the preview warns of
)


def item_fields(instrument: Instrument) -> tuple[Field, ...]:
    lo, hi = instrument.scale_min, instrument.scale_max
    out = []
    for side, zh, words, zh_words in (
        ("e", "期望", ("expectation", "exp"), ("期望值",)),
        ("p", "感知", ("perception", "perc"), ("感知值", "实际感受")),
    ):
        for item in instrument.items:
            n, code = item.item_no, item.code
            if code:  # an item named by a code (issue 9): the file's columns name it by that code
                aliases = (
                    f"{side.upper()}{code}",
                    f"{side.upper()}_{code}",
                    f"{side.upper()} {code}",
                    f"{code}{side.upper()}",
                    f"{code}_{side.upper()}",
                    f"{code} {side.upper()}",
                    *(f"{w} {code}" for w in words),
                    *(f"{code} {w}" for w in words),
                    f"{zh}{code}",
                    f"{code}{zh}",
                    *(f"{w}{code}" for w in zh_words),
                )
            else:
                aliases = (
                    f"{side.upper()}{n:02d}",
                    f"Q{n}{side.upper()}",
                    f"Q{n:02d}{side.upper()}",
                    *(f"{w} {n}" for w in words),
                    *(f"{w}{n}" for w in zh_words),
                    f"{n}{zh}",
                    # 问卷星 / 腾讯问卷 question numbers with the side: Q1_期望, Q1_感知值, 期望Q1, Q1 expectation
                    *(f"Q{n}{w}" for w in (zh, *zh_words)),
                    *(f"Q{n:02d}{w}" for w in (zh, *zh_words)),
                    *(f"{w}Q{n}" for w in (zh, *zh_words)),
                    *(f"{n}{w}" for w in zh_words),
                    *(f"Q{n} {w}" for w in words),
                    *(f"{w} Q{n}" for w in words),
                )
            out.append(
                Field(
                    f"{side}{n}",
                    f"{zh}{item.label}",
                    "int",
                    min_value=lo,
                    max_value=hi,
                    skip_codes=True,
                    other_scales_refused=True,
                    aliases=aliases,
                    example=str(hi - 1 if side == "e" else hi - 2),
                    label_en=f"{words[0].capitalize()} {item.label}",
                )
            )
    return tuple(out)


def importance_fields(instrument: Instrument) -> tuple[Field, ...]:
    return tuple(
        Field(
            f"importance_{d.code}",
            f"重要性_{d.name_zh}",
            "number",
            min_value=0,
            max_value=100,
            aliases=(
                f"I_{d.code}",
                f"importance {d.name_en}",
                f"{d.name_en} importance",
                f"weight {d.code}",
                f"{d.name_zh}重要性",
                f"重要性{d.name_zh}",
            ),
            example=f"{100 / len(instrument.dimensions):g}" if 100 % len(instrument.dimensions) == 0 else "",
            label_en=f"Importance: {d.name_en}",
        )
        for d in instrument.dimensions
    )


def answer_field_names(instrument: Instrument) -> list[str]:
    return [f"{s}{n}" for s in ("e", "p") for n in instrument.item_numbers]


def item_like_headers(headers) -> dict[str, int]:
    """Headers that look like an answer column, with their item number (E12 -> 12, 感知3 -> 3, Q7P -> 7)."""
    out = {}
    for h in headers:
        m = _ITEM_HEADER.match(normalise_header(h))
        if m:
            out[h] = int(m.group("qn") or m.group("n") or m.group("sn"))
    return out


# ---------------------------------------------------------------- helpers
def _ranges(numbers) -> Both:
    numbers = sorted(numbers)
    out, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            out.append(str(start) if start == n else f"{start}-{n}")
            start = None
    return listed(out)


# ---------------------------------------------------------------- checks
def file_problems(ctx: CheckContext, instrument: Instrument) -> None:
    """The instrument must match the file: all of its items mapped (or none), no answer columns beyond it."""
    answer_fields = answer_field_names(instrument)
    mapped = [f for f in answer_fields if f in ctx.present]
    if mapped and len(mapped) < len(answer_fields):
        missing = sorted({int(f[1:]) for f in answer_fields if f not in ctx.present})
        coded = {i.item_no: i.code for i in instrument.items if i.code}
        ctx.add_file_error(
            "sat.import.file.items_missing",
            instrument=instrument.label,
            items=listed(coded[n] for n in missing) if coded else _ranges(missing),
            n=len(instrument.items),
        )
    used = set(ctx.mapping.values())
    unmapped = [
        h for h, n in item_like_headers(ctx.headers).items() if h not in used and n in instrument.item_numbers
    ]
    if len(unmapped) >= MANY_UNMAPPED_ITEMS:  # SERVQUAL answers the import would leave out, unsaid before
        ctx.add_notice(
            "sat.import.notice.items_unmapped",
            n=len(unmapped),
            columns=listed(unmapped[:8], len(unmapped) > 8),
        )
    beyond = {
        h: n
        for h, n in item_like_headers(ctx.headers).items()
        if h not in used and n not in set(instrument.item_numbers)
    }
    if beyond:
        ctx.add_file_error(
            "sat.import.file.extra_items",
            instrument=instrument.label,
            n=len(instrument.items),
            items=_ranges(set(beyond.values())),
            columns=listed(beyond),
        )


def check_servqual(ctx: CheckContext, instrument: Instrument) -> None:
    v = ctx.values
    answers = [f for f in answer_field_names(instrument) if f in ctx.present]
    weights = [f"importance_{d.code}" for d in instrument.dimensions if f"importance_{d.code}" in ctx.present]
    has_block = pd.Series(False, index=v.index)
    if answers:
        has_block |= v[answers].notna().any(axis=1)
    if weights:
        given = v[weights].notna().any(axis=1)
        total = v[weights].fillna(0).sum(axis=1).astype(float)
        bad = given & ((total - 100).abs() > IMPORTANCE_TOLERANCE)
        ctx.add_error(
            bad,
            weights[0],
            "sat.import.error.importance_sum",
            values=total.round(2).astype(str),
            detail=total.round(2).astype(str),
        )
        has_block |= given
    v["instrument_id"] = pd.Series(
        np.where(has_block, instrument.instrument_id, pd.NA), index=v.index, dtype="Int64"
    )
    v["has_servqual_block"] = bool(answers or weights)


# ---------------------------------------------------------------- long form for the commit
def answer_rows(rows: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """Long form: one row per response x item with at least one of E and P given (a blank is not stored)."""
    frames = []
    for n in instrument.item_numbers:
        e, p = f"e{n}", f"p{n}"
        if e not in rows.columns and p not in rows.columns:
            continue
        ev = rows[e] if e in rows.columns else pd.Series(pd.NA, index=rows.index, dtype="Int64")
        pv = rows[p] if p in rows.columns else pd.Series(pd.NA, index=rows.index, dtype="Int64")
        keep = ev.notna() | pv.notna()
        frames.append(
            pd.DataFrame(
                {
                    "row_no": rows.index[keep],
                    "item_no": n,
                    "expectation": ev[keep].astype("Int64"),
                    "perception": pv[keep].astype("Int64"),
                }
            )
        )
    if not frames:
        return pd.DataFrame(
            {
                "row_no": pd.Series(dtype="int64"),
                "item_no": pd.Series(dtype="int64"),
                "expectation": pd.Series(dtype="Int64"),
                "perception": pd.Series(dtype="Int64"),
            }
        )
    return pd.concat(frames, ignore_index=True)


def importance_rows(rows: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """Long form: every dimension of a response that gave any importance points (its blank ones count 0)."""
    cols = {
        d.code: f"importance_{d.code}"
        for d in instrument.dimensions
        if f"importance_{d.code}" in rows.columns
    }
    if not cols:
        return pd.DataFrame(
            {
                "row_no": pd.Series(dtype="int64"),
                "dimension_code": pd.Series(dtype=object),
                "points": pd.Series(dtype="float64"),
            }
        )
    given = rows[list(cols.values())].notna().any(axis=1)
    frames = [
        pd.DataFrame(
            {
                "row_no": rows.index[given],
                "dimension_code": d,
                "points": rows.loc[given, c].astype("Float64").fillna(0).astype("float64"),
            }
        )
        for d, c in cols.items()
    ]
    if len(cols) < len(instrument.dimensions):
        for d in instrument.dimensions:
            if d.code not in cols:
                frames.append(
                    pd.DataFrame({"row_no": rows.index[given], "dimension_code": d.code, "points": 0.0})
                )
    return pd.concat(frames, ignore_index=True)
