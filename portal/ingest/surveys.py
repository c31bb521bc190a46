"""The survey kind: one row per response, with an optional SERVQUAL block answered on one instrument.

A survey file names its instrument (``--instrument CODE`` / the form's choice; the default is SERVQUAL22):
its items give the fields ``e1..eN`` (expectation) and ``p1..pN`` (perception), its dimensions the fields
``importance_<dimension>`` (points that sum to 100). ``kind_for(instrument, store_code=..., responded_on=...)``
builds the kind for one upload; ``KIND`` (registered) is the kind of the default instrument, which is also what
the templates show.

Rules (each has a test in tests/test_survey_import*.py)
-------------------------------------------------------
- Key: the response id. A file without a response-id column gets ids derived from each row's store and submit
  time, or from its content when the file gives dates alone (portal/ingest/survey_ids.py): uploading the same
  rows again is recognised. A response id that exists already is updated when its content changed (before-images kept for
  undo, answers included) and counted unchanged otherwise; a field the file does not carry keeps its stored value.
- Web-form exports lack a store or date column: the upload then sets one store and one date for the whole file
  (they also fill blank cells of a store or date column).
- overall satisfaction 1-5: a response without it but with SERVQUAL or recommend answers is kept, counted for
  those and left out of the index and CSAT (the preview says how many); one that answers nothing is refused.
- likelihood to recommend 0-10, E and P within the instrument's scale,
  importance points 0-100 that sum to 100 (+/- 0.5) when a row gives any (its blank ones then count 0).
- A blank answer is missing, never 0: it is not stored, and the respondent is kept for the other items.
- An instrument that does not match the file is a problem of the whole file: some of its items have no column,
  or the file has answer columns (E23, P23, ...) beyond its items.
- Unknown store codes as for complaints (listed; a manager or admin may add them); a store outside the
  uploader's scope, or a response id that belongs to a store outside it, makes the row invalid.
- A complaint id links a post-resolution survey to the complaint with that source id; an unknown one is an error.
- Region: the region the store had on the response date (store_region_history), else its current one.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from functools import partial
from zoneinfo import ZoneInfo

import pandas as pd

from portal import db, instruments, settings, writes
from portal.i18n import listed
from portal.ingest import response_types, scales, survey_ids
from portal.ingest import servqual_columns as servqual
from portal.ingest.core import CheckContext, CommitContext
from portal.ingest.kinds import Counts, Kind, KindOption, OptionRefused, Table
from portal.ingest.response_types import is_qualtrics_export
from portal.ingest.survey_fields import DEFAULT_INSTRUMENT, base_fields, template_rows
from portal.instruments import Instrument
from portal.vocab import SURVEY_CHANNELS as CHANNELS

__all__ = ["CHANNELS", "DEFAULT_INSTRUMENT", "is_qualtrics_export"]
KIND_NAME = "surveys"
UPLOAD_ROLES = frozenset({"admin", "manager", "inspector"})
ADD_MISSING_ROLES = frozenset({"admin", "manager"})
TABLES = (
    Table("servqual_answers", batch_column=None, snapshot=True, parent=("response_id", "survey_responses")),
    Table(
        "servqual_importance", batch_column=None, snapshot=True, parent=("response_id", "survey_responses")
    ),
    Table("survey_responses", key="response_id", snapshot=True, master=(("store_id", "stores"),)),
)


# ---------------------------------------------------------------- checks
def _note_other_stores(ctx: CheckContext, file_store: str, own: pd.Series) -> None:
    """The store chosen for the file fills the store column's blank cells only: where the column names other
    stores (``own``: the rows whose cell was not blank; their codes as matched to the stored ones, so S1 or
    the store's name for the chosen S001 is that store), a notice says so with how many rows and which stores (a
    helper's probe: --store S009 beside a column of S002 stored every row under S002 without a word)."""
    given = ctx.values.loc[own, "store_code"].dropna().astype(str).str.strip()
    other = given[given.str.casefold() != file_store.strip().casefold()]
    if not other.empty:
        stores = sorted(other.unique())
        ctx.add_notice(
            "sat.import.notice.file_store_beside_column",
            n=len(other),
            store=file_store,
            column=ctx.column_of("store_code"),
            stores=listed(stores[:10], more=len(stores) > 10),
        )


def check_rows(
    ctx: CheckContext, *, instrument: Instrument, file_store: str | None, file_date: date | None
) -> None:
    v, present = ctx.values, ctx.present
    servqual.file_problems(ctx, instrument)
    if instrument.instrument_id is None:
        raise ValueError("the survey kind needs a stored instrument")
    # store and date: the file's column, its blank cells (or the whole column) from the upload's setting
    own = v["store_code"].notna() if file_store is not None and "store_code" in present else None
    if file_store is not None:
        v["store_code"] = v["store_code"].fillna(file_store) if "store_code" in present else file_store
    if file_date is not None:
        stamp = pd.Timestamp(file_date)
        v["responded_on"] = v["responded_on"].fillna(stamp) if "responded_on" in present else stamp
    if "store_code" not in v:
        v["store_code"] = None
    ctx.match_codes("store_code", error_values=v["store_code"])
    if own is not None:
        _note_other_stores(ctx, file_store, own)
    # response ids
    if "response_id" in present:
        blank = v["response_id"].isna()
        ctx.add_error(blank, "response_id", "ingest.error.required", values=pd.Series("", index=v.index))
    else:  # no id column: ids from the store and submit time, or the content (portal.ingest.survey_ids)
        v["response_id"] = survey_ids.derived_ids(ctx, instrument)
    ctx.check_scope(
        "survey_responses",
        {"response_id": "source_response_id"},
        "sat.import.error.key_out_of_scope",
        row_on=v["responded_on"] if "responded_on" in v.columns else pd.Series(pd.NaT, index=v.index),
    )
    _check_other_store(ctx)
    _check_changed_answers(ctx, instrument)
    _check_complaints(ctx)
    response_types.check_response_type(ctx)
    servqual.check_servqual(ctx, instrument)
    _check_overall(ctx, instrument)
    _check_recommend_scale(ctx)


RECOMMEND_SMALL_TOP = 5  # a recommend question asked on 1-5 (问卷星's 5 stars) instead of NPS's 0-10
RECOMMEND_SMALL_MIN = 20  # answers enough that none above 5 shows the scale, not only unhappy respondents


def _check_recommend_scale(ctx: CheckContext) -> None:
    """A recommend column of many answers none above 5 may be a 1-5 question: said, since NPS reads it on 0-10
    and counts every answer a detractor (a probe: 40 answers of 3, 4 and 5 gave an NPS of -95.2 unsaid). Judged over
    the whole file: the survey kind is never read in chunks (no ``rows_frame``: portal.ingest.stream); a kind that is
    would need it decided file-wide, as the stream decides the day order."""
    if "recommend_score" not in ctx.present:
        return
    n = scales.none_above(ctx.values["recommend_score"], RECOMMEND_SMALL_TOP, RECOMMEND_SMALL_MIN)
    if n is not None:
        ctx.add_notice(
            "sat.import.notice.recommend_small_scale", column=ctx.column_of("recommend_score"), n=n
        )


def _check_overall(ctx: CheckContext, instrument: Instrument) -> None:
    """A response without overall satisfaction counts for what it answers (SERVQUAL, recommend) and is left out
    of the index and CSAT, said in a notice; one that answers nothing at all is refused."""
    v = ctx.values
    blank = pd.Series(True, index=v.index)
    overall = v["overall_satisfaction"].isna() if "overall_satisfaction" in ctx.present else blank
    answered = pd.Series(False, index=v.index)
    for name in [*servqual.answer_field_names(instrument), "recommend_score"]:
        if name in ctx.present:
            answered |= v[name].notna()
    # a row already refused keeps its own message: an unreadable overall satisfaction is not also "no answer",
    # and no refused row is counted as kept in the notice (a tester's 问卷星 export, answers as words: every row
    # refused, and the notice said they counted for SERVQUAL and NPS)
    found = ctx.errors.frame()
    unreadable = v.index.isin(found.loc[found["column"] == ctx.column_of("overall_satisfaction"), "row"])
    refused_before = v.index.isin(found["row"])
    refused = overall & ~answered & ~unreadable
    ctx.add_error(refused, "overall_satisfaction", "sat.import.error.no_answer")
    kept = overall & answered & ~refused_before
    if kept.any():
        ctx.add_notice("sat.import.notice.no_overall", n=int(kept.sum()))


def _check_other_store(ctx: CheckContext) -> None:
    """A response id that already belongs to a stored response of another store, or of another day (more than a
    day apart), is refused: a re-import updates a response, it never moves it to another store or day. Survey
    tools number each questionnaire's answers 1, 2, 3 (问卷星's 序号), so a second store's file (or the same
    store's next questionnaire) with the same numbers would have overwritten the first one's responses (found by
    a tester and a probe of real exports; an uploader limited to some stores was already stopped by the scope
    check)."""
    v = ctx.values
    if "store_id" not in v.columns:
        return
    found = ctx.errors.frame()  # a key already refused (outside the uploader's scope) keeps that one message
    refused = found.loc[found["column"] == ctx.column_of("response_id"), "row"]
    columns = ["response_id", "store_id"] + (["responded_on"] if "responded_on" in v.columns else [])
    keys = v.loc[~v.index.isin(refused), columns].dropna(subset=["response_id"])
    if keys.empty:
        return
    if "responded_on" not in keys.columns:
        keys = keys.assign(responded_on=pd.NaT)
    keys = keys.assign(responded_on=pd.to_datetime(keys["responded_on"]).dt.date)
    with db.registered(ctx.cur, "survey_check_keys", keys.reset_index(names="row_no")):
        found = ctx.cur.execute(
            "select k.row_no, coalesce(s.store_code, '-'), r.store_id is distinct from k.store_id, "
            "strftime(r.responded_on, '%Y-%m-%d') from survey_check_keys as k "
            "join survey_responses as r on r.source_response_id = k.response_id "
            "left join stores as s on s.store_id = r.store_id "
            "where r.store_id is distinct from k.store_id "
            "   or abs(date_diff('day', r.responded_on, k.responded_on::date)) > 1"
        ).fetchall()
    if found:
        other_store = pd.Series({int(row): code for row, code, moved, _ in found if moved}, dtype=object)
        mask = pd.Series(v.index.isin(other_store.index), index=v.index)
        ctx.add_error(mask, "response_id", "sat.import.error.id_of_other_store", detail=other_store)
        # the same store, a response id stored with another day (more than a day apart): another questionnaire
        # numbered its answers the same way (问卷星's 序号 restarts at 1); an update would have replaced June's
        # answers with July's (probe of real exports). A correction of a response keeps its day.
        other_day = pd.Series({int(row): day for row, _, moved, day in found if not moved}, dtype=object)
        mask = pd.Series(v.index.isin(other_day.index), index=v.index)
        ctx.add_error(mask, "response_id", "sat.import.error.id_of_other_day", detail=other_day)


CHANGED_IDS_SHOWN = 10  # response ids a notice names


def _check_changed_answers(ctx: CheckContext, instrument: Instrument) -> None:
    """Stored responses whose answers (overall satisfaction, recommend, comment, and the SERVQUAL block's E, P and
    importance points when the file has one) this file would replace or blank, named in a notice before the commit
    (an answer the stored response left blank and the file gives is filled in, counted in another notice): a
    second questionnaire of the same store and day numbered 1, 2, 3 like the first (问卷星's 序号) overwrote the
    first's answers unsaid ("3 updated", the index 65.6 -> 31.2; a probe; and E=6,P=6 -> E=7,P=2 with the same
    overall and recommend, a later probe). The portal keeps the response date, not its time, so a correction and
    another questionnaire of that day cannot be told apart: the uploader is told which responses change."""
    v = ctx.values
    found = ctx.errors.frame()
    rows = v[~v.index.isin(found["row"])]
    if rows.empty or rows["response_id"].isna().all():
        return
    answers = pd.DataFrame({"row_no": rows.index, "response_id": rows["response_id"].to_numpy()})
    for name in ("overall_satisfaction", "recommend_score", "comment"):
        given = rows[name] if name in rows.columns else pd.Series(None, index=rows.index, dtype=object)
        answers[name] = given.astype("Int64" if name != "comment" else object).to_numpy()
    # the commit rewrites a stored response's SERVQUAL block when the file has one (answer or importance columns)
    block = [
        *servqual.answer_field_names(instrument),
        *(f"importance_{d.code}" for d in instrument.dimensions),
    ]
    flags = {
        "has_recommend": "recommend_score" in ctx.present,
        "has_comment": "comment" in ctx.present,
        "has_block": any(f in ctx.present for f in block),
    }
    items, points = servqual.answer_rows(rows, instrument), servqual.importance_rows(rows, instrument)
    with (
        db.registered(ctx.cur, "survey_check_answers", answers),
        db.registered(ctx.cur, "survey_check_items", items),
        db.registered(ctx.cur, "survey_check_points", points),
    ):
        found = writes.run(ctx.cur, "surveys_changed_answers", flags).fetchall()
    ids = [str(response_id) for _, response_id, is_changed, _ in found if is_changed]
    if ids:
        shown = listed(ids[:CHANGED_IDS_SHOWN], len(ids) > CHANGED_IDS_SHOWN)
        ctx.add_notice("sat.import.notice.answers_changed", n=len(ids), ids=shown)
    # a stored response given answers it had blank (a column the earlier file did not map, a later comment) loses
    # nothing: no change to warn of (a false "do not commit" on each response a re-export adopted), only said
    filled = sum(1 for _, _, is_changed, is_filled in found if is_filled and not is_changed)
    if filled:
        ctx.add_notice("sat.import.notice.answers_filled", n=filled)


def _check_complaints(ctx: CheckContext) -> None:
    v = ctx.values
    v["linked_complaint_id"] = pd.Series(pd.NA, index=v.index, dtype="Int64")
    if "complaint_id" not in ctx.present or v["complaint_id"].isna().all():
        return
    refs = sorted(v["complaint_id"].dropna().unique())
    found = ctx.cur.execute(
        "select source_id, min(complaint_id), count(*) from complaints where source_id in (select unnest($refs)) "
        "group by source_id",
        {"refs": refs},
    ).fetchall()
    ids = {r[0]: r[1] for r in found if r[2] == 1}
    ambiguous = {r[0] for r in found if r[2] > 1}
    v["linked_complaint_id"] = v["complaint_id"].map(ids).astype("Int64")
    given = v["complaint_id"].notna()
    ctx.add_error(
        given & v["complaint_id"].isin(list(ambiguous)),
        "complaint_id",
        "sat.import.error.ambiguous_complaint",
    )
    ctx.add_error(
        given & ~v["complaint_id"].isin(list(ambiguous)) & v["linked_complaint_id"].isna(),
        "complaint_id",
        "sat.import.error.unknown_complaint",
    )


# ---------------------------------------------------------------- commit
def _rows_frame(rows: pd.DataFrame) -> pd.DataFrame:
    columns = {
        "response_id": object,
        "store_code": object,
        "responded_on": "datetime64[us]",
        "channel": object,
        "overall_satisfaction": "Int64",
        "recommend_score": "Int64",
        "comment": object,
        "linked_complaint_id": "Int64",
        "instrument_id": "Int64",
    }
    out = pd.DataFrame(index=rows.index)
    for col, dtype in columns.items():
        series = rows[col] if col in rows.columns else pd.Series(None, index=rows.index, dtype=object)
        if dtype is object:
            out[col] = series.astype(object).where(series.notna(), None)
        else:
            out[col] = series.astype(dtype)
    out["responded_on"] = out["responded_on"].dt.date
    return out.reset_index(names="row_no")


def commit_rows(cur, ctx: CommitContext, *, instrument: Instrument) -> Counts:
    """Stage the responses against the stored ones, then update the changed ones (before-images kept, their
    SERVQUAL block rewritten when the file has one) and insert the new ones (queries/writes/surveys_*.sql)."""
    present, rows = ctx.present, ctx.rows
    has_block = bool(rows["has_servqual_block"].any()) if "has_servqual_block" in rows else False
    flags = {
        "has_store": True,
        "has_date": True,  # a survey file always sets store and date (column or upload)
        "has_channel": "channel" in present,
        "has_recommend": "recommend_score" in present,
        "has_comment": "comment" in present,
        "has_complaint": "complaint_id" in present,
        "has_block": has_block,
    }
    cur.register("survey_rows", _rows_frame(rows))
    cur.register("survey_answer_rows", servqual.answer_rows(rows, instrument))
    cur.register("survey_importance_rows", servqual.importance_rows(rows, instrument))
    try:
        master_added = ctx.add_missing_codes("survey_rows", ["store_code"])
        ctx.run("surveys_stage", flags)
        added, updated, unchanged = ctx.counts("survey_stage")
        if (
            updated or unchanged
        ):  # held unchanged too: an undo of the batch that wrote them waits for this one
            ctx.snapshot("survey_responses", "survey_stage")
        if updated:
            if has_block:
                ctx.run("surveys_answers_clear")
                ctx.run("surveys_importance_clear")
            ctx.run("surveys_update")
        if added:
            ctx.run("surveys_insert")
        if added or (updated and has_block):
            ctx.run("surveys_answers_insert", {"has_block": has_block})
            ctx.run("surveys_importance_insert", {"has_block": has_block})
        ctx.run("surveys_stage_drop")
    finally:
        for name in ("survey_rows", "survey_answer_rows", "survey_importance_rows"):
            cur.unregister(name)
    return Counts(added, updated, unchanged, master_added)


# ---------------------------------------------------------------- the kind
def kind_for(
    instrument: Instrument, *, store_code: str | None = None, responded_on: date | None = None
) -> Kind:
    """The survey kind for one upload: the instrument's fields, and the store and date set for the whole file."""
    store_code = store_code.strip().upper() if store_code else None
    return Kind(
        name=KIND_NAME,
        title_key="sat.import.kind",
        fields=base_fields(store_required=store_code is None, date_required=responded_on is None)
        + servqual.item_fields(instrument)
        + servqual.importance_fields(instrument),
        key_fields=("response_id",),
        upload_roles=UPLOAD_ROLES,
        add_missing_roles=ADD_MISSING_ROLES,
        check=partial(check_rows, instrument=instrument, file_store=store_code, file_date=responded_on),
        commit=partial(commit_rows, instrument=instrument),
        tables=TABLES,
        template_rows=template_rows(instrument),
        needs_timezone=False,
        options=OPTIONS,
        configure=configure,
        patterns=PATTERNS,
    )


def instrument_choices(con, lang: str = "en") -> list[tuple[str, str]]:
    """(reference, label) of every stored instrument, the default first; the name in ``lang``."""
    return [
        (f"{i.code}:{i.version}", f"{i.label} · {i.name_zh if lang == 'zh' else i.name_en}")
        for i in instruments.all_instruments(con)
    ]


def file_date_limit(con) -> date:
    """The latest date a whole file's date may be: today in the reporting time zone (the upload's default zone)."""
    return datetime.now(ZoneInfo(settings.report_timezone(con))).date()


def configure(con, values: Mapping[str, object]) -> Kind:
    """The kind of one upload from its settings: instrument (code, 'CODE:version' or None for the default),
    store (a store code for the whole file) and date (a date or 'YYYY-MM-DD' for the whole file)."""
    reference = str(values.get("instrument") or "").strip()
    if reference:
        code, version = instruments.parse_reference(reference)
        instrument = instruments.load(con, code, version)
    else:
        instrument = instruments.load(con)
    if instrument is None:
        labels = [i.label for i in instruments.all_instruments(con)]
        known = listed(labels) if labels else "-"
        raise OptionRefused(
            "sat.import.bad_instrument",
            "Unknown instrument {code}; instruments: {known}.",
            code=reference,
            known=known,
        )
    day = values.get("date")
    if isinstance(day, str):
        day = day.strip() or None
    if isinstance(day, str):
        try:
            day = date.fromisoformat(day)
        except ValueError as exc:
            raise OptionRefused(
                "sat.import.bad_date",
                "The date for the whole file must be YYYY-MM-DD, not {value}.",
                value=day,
            ) from exc
    # SPEC §4: dates that are not in the future; a date column's future date is refused, and so is the whole
    # file's (a probe: --date 2027-12-25 stored every response, and filled blank date cells, on that day)
    today = file_date_limit(con) if day is not None else None
    if day is not None and day > today:
        raise OptionRefused(
            "sat.import.future_date",
            "The date for the whole file, {value}, is in the future (today is {today}).",
            value=day.isoformat(),
            today=today.isoformat(),
        )
    store = str(values.get("store") or "").strip() or None
    return kind_for(instrument, store_code=store, responded_on=day)


OPTIONS = (
    KindOption(
        "instrument",
        "sat.import.instrument",
        "choice",
        choices=instrument_choices,
        help="surveys: the instrument the survey used, CODE or CODE:VERSION (default: the default instrument)",
    ),
    KindOption(
        "store",
        "sat.import.store",
        "code",
        help="surveys: one store code for the whole file (a web-form export without a store column)",
    ),
    KindOption(
        "date",
        "sat.import.date",
        "date",
        help="surveys: one date (YYYY-MM-DD) for the whole file (an export without a date column)",
    ),
)
PATTERNS = (("e{n}", "sat.import.pattern_e"), ("p{n}", "sat.import.pattern_p"))

KIND = kind_for(DEFAULT_INSTRUMENT)
