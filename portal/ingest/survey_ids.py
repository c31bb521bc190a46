"""The ids of a survey file without a response-id column (Google Forms' Timestamp, 问卷星 without 序号).

A response is identified by its store and its submit time: where the date column carries a time of day, a row's
id rests on the store, that time to the second as the file writes it (its wall clock, before the source time zone
or an offset is applied: the same file gives the same ids whichever zone the upload chooses; resting on the UTC
instant, a re-import in another zone stored every response twice) and a counter for the rows of the file sharing
both (queries/writes/surveys_derived_ids.sql). Before, every id rested on the row's content: the same cumulative export
with one more column mapped stored each response again, and two respondents of one store and day who answered
alike in two files were one (the second counted "unchanged"). A file with dates alone keeps content ids (nothing
else tells its responses apart: the same answers again count as the same response, said in the notice).

A response stored under a content id ('F-') keeps it: a row whose own id is not stored takes the id of a stored
content-id response of the same store and date whose answers agree (the file's overall satisfaction, and its
recommendation, comment and SERVQUAL answers where the file carries them, the same or not stored), one to one,
fewest answers not stored first, then in file order; said in a notice.
"""

from __future__ import annotations

import hashlib

import pandas as pd

from portal import writes
from portal.db import registered
from portal.ingest import name_beside_code
from portal.ingest import servqual_columns as servqual
from portal.ingest.core import CheckContext
from portal.instruments import Instrument


def content_ids(v: pd.DataFrame, fields: list[str]) -> pd.Series:
    """Ids from each row's content (its mapped fields with store and date); the k-th repeat gets '-k'."""
    parts = [v[f].astype(str).where(v[f].notna(), "") for f in fields]
    content = pd.Series("", index=v.index, dtype=object)
    for f, p in zip(fields, parts, strict=True):
        content = content + f + "=" + p + "\x1f"
    digest = content.map(lambda s: "F-" + hashlib.sha256(s.encode("utf-8")).hexdigest()[:20])
    repeat = digest.groupby(digest).cumcount() + 1
    return digest.where(repeat == 1, digest + "-" + repeat.astype(str))


def _column(v: pd.DataFrame, name: str, dtype=object) -> pd.Series:
    if name not in v.columns:
        return pd.Series(None, index=v.index, dtype=dtype)
    series = v[name]
    return series.astype(object).where(series.notna(), None) if dtype is object else series.astype(dtype)


def derived_ids(ctx: CheckContext, instrument: Instrument) -> pd.Series:
    """The response id of each row of a file without an id column (see the module); adds the preview's notices.
    Needs the store codes matched and the store and date filled from the upload's settings."""
    v, present = ctx.values, ctx.present
    # the content id (not the survey tool's response type: a file read before it was a field keeps its ids)
    content = [f for f in ctx.kind.field_names if f in present and f not in ("response_id", "response_type")]
    for extra in ("store_code", "responded_on"):
        if extra not in content:
            content.append(extra)
    written = "responded_on_written_at"
    at = v[written] if written in v.columns else pd.Series(pd.NaT, index=v.index)
    keys = pd.DataFrame(
        {
            "store_code": _column(v, "store_code"),
            "responded_on": pd.to_datetime(v["responded_on"]).dt.date,
            "written_at": pd.to_datetime(at),
            "content_id": content_ids(v, content),
            "overall_satisfaction": _column(v, "overall_satisfaction", "Int64"),
            "recommend_score": _column(v, "recommend_score", "Int64"),
            "comment": _column(v, "comment"),
        },
        index=v.index,
    ).reset_index(names="row_no")
    block = any(f in present for f in servqual.answer_field_names(instrument))
    flags = {
        "has_recommend": "recommend_score" in present,
        "has_comment": "comment" in present,
        "has_block": block,
    }
    items = servqual.answer_rows(v, instrument)
    with registered(ctx.cur, "survey_derived_keys", keys), registered(ctx.cur, "survey_derived_items", items):
        found = writes.run(ctx.cur, "surveys_derived_ids", flags).fetchall()
    ids: dict[int, str] = {}
    taken: set[str] = set()
    pairs = []
    for row_no, own_id, _is_stored, candidate, misses, response_id in found:
        ids[int(row_no)] = own_id
        if candidate is not None:
            pairs.append((misses, row_no, response_id, candidate))
    adopted = set()
    for _, row_no, _, candidate in sorted(pairs):  # fewest answers not stored first, then file order
        if row_no not in adopted and candidate not in taken:
            ids[int(row_no)] = candidate
            taken.add(candidate)
            adopted.add(row_no)
    _refuse_exact_repeats(ctx, keys)
    timed = int(keys["written_at"].notna().sum())
    if timed:
        ctx.add_notice("sat.import.notice.derived_ids", n=timed, column=ctx.column_of("responded_on"))
    if timed < len(keys):
        ctx.add_notice("sat.import.notice.derived_ids_content", n=len(keys) - timed)
    if adopted:
        ctx.add_notice("sat.import.notice.derived_ids_adopted", n=len(adopted))
    return pd.Series([ids[int(r)] for r in keys["row_no"]], index=v.index, dtype=object)


# a survey tool's number of each response that no field reads (问卷星's 序号, 腾讯问卷's 编号): the same number on two
# rows alike is one response twice, different numbers two respondents
NUMBER_HEADERS = ("序号", "编号", "答卷序号", "no", "no.")


def _refuse_exact_repeats(ctx: CheckContext, keys: pd.DataFrame) -> None:
    """A row with the store, the submit time (to the second), every answer and the response number (``NUMBER_
    HEADERS``) of an earlier row is that response exported twice (two date ranges of 问卷星 pasted into one file
    overlap on a day): an error naming the earlier row, as a repeated response id is. Before, it took the id '-2'
    and counted twice (a helper's probe: the index 58.3 over 6 where the file's 5 responses give 70.0; the two
    exports imported one by one said "1 unchanged"). Without a number column, rows alike at one second may be two
    respondents (a busy store's QR code): kept, as before; so are rows alike with a date alone."""
    number = _number_column(ctx)
    timed = keys[keys["written_at"].notna()]
    if number is None or timed.empty:
        return
    numbers = ctx.frame[number].reindex(ctx.values.index).astype("string").str.strip().replace("", pd.NA)
    numbers = numbers.reindex(timed["row_no"]).to_numpy()
    alike = [
        timed["store_code"].fillna(""),
        timed["written_at"].dt.floor("s"),
        timed["content_id"].str.split("-").str[:2].str.join("-"),
    ]
    if not _numbers_name_responses(alike, numbers):
        return
    first = timed.groupby([*alike, numbers], sort=False, dropna=True)["row_no"].transform("min")
    # a blank number tells nothing: that row stays (NaN from the group by, never a repeat)
    repeat = first.notna() & (first != timed["row_no"])
    if repeat.any():
        rows = pd.Series(ctx.values.index.isin(timed.loc[repeat, "row_no"]), index=ctx.values.index)
        detail = pd.Series(first[repeat].to_numpy(), index=timed.loc[repeat, "row_no"].to_numpy())
        ctx.add_error(rows, "responded_on", "sat.import.error.repeated_response", detail=detail)


def _numbers_name_responses(alike: list[pd.Series], numbers) -> bool:
    """Whether the number column numbers responses: no number on two rows that differ (store, second, answers).
    A column holding one survey's code on every row, or a page number, is not one: two respondents alike at one
    second beside it are two responses, as without it (review of session 53: a constant 编号 refused them)."""
    frame = pd.DataFrame({f"k{i}": s.to_numpy() for i, s in enumerate(alike)}).assign(number=numbers)
    frame = frame[frame["number"].notna()]
    if frame.empty:
        return False
    return bool((frame.drop_duplicates().groupby("number", sort=False).size() <= 1).all())


def _number_column(ctx: CheckContext) -> str | None:
    return name_beside_code.unread_column(ctx, NUMBER_HEADERS)
