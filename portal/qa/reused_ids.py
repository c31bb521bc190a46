"""A review id reused for another review (portal/qa/kind.py's checks).

A 质检表 numbers its reviews 1, 2, 3 (序号, or a 质检编号 column holding row numbers) and starts again on the next
month's sheet. The import keys reviews by their id and takes a stored id as a correction of that review: before,
the next sheet's review 1 (A002, 12-03) replaced the stored review 1 (A001, 11-03), counted "updated", and
A001's review was gone unsaid. A row whose id is stored as a review of another agent on another date is another
review, not a correction: an error of its review id naming the stored review (the agent's code and its date), so
nothing is replaced (with "skip invalid rows" it is left out and kept in the error report). A correction of the
agent alone, or of the date alone, updates the review as before. A row whose id is already refused as another
scope's review (``key_out_of_scope``) is not named again: its agent and date are not the uploader's to read.

A row whose id is stored as a review of the same agent on another date may be either: a correction of the date,
or the next month's review 1 of the same agent (it replaced the stored one unsaid, "1 updated"). It is not
refused (a date is corrected so): each such review is named in one notice before the commit, its old and new
date, as the survey import names stored responses a file would change (``surveys._check_changed_answers``).
"""

from __future__ import annotations

import pandas as pd

from portal import db, writes
from portal.i18n import Both, listed
from portal.ingest.core import CheckContext
from portal.ingest.errors import values_detail

REASON = "qa.import.error.review_id_reused"
DATES_CHANGED = "qa.import.notice.review_dates_changed"
AGENTS_CHANGED = "qa.import.notice.review_agents_changed"
DATES_SHOWN = 10  # reviews the notice names
_OUT_OF_SCOPE = ("qa.import.error.key_out_of_scope", "qa.import.error.key_out_of_scope_of_review")


def check_reused_ids(ctx: CheckContext) -> None:
    """Rows whose review id is stored with another agent and another date (after ``match_codes``: ``agent_id``):
    errors; with the same agent and another date: named in a notice (``_note_dates_changed``)."""
    v = ctx.values
    on = pd.to_datetime(v["reviewed_on"], errors="coerce").dt.date
    given = v["review_id"].notna() & v["agent_id"].notna() & on.notna()
    if not given.any():
        return
    keys = v.loc[given, ["review_id"]].reset_index(names="row_no")
    with db.registered(ctx.cur, "qa_check_rows", keys):
        stored = writes.run(ctx.cur, "qa_reviews_stored_keys").fetchall()
    if not stored:
        return
    old = pd.DataFrame(stored, columns=["row_no", "agent_id", "agent_code", "reviewed_on"]).set_index(
        "row_no"
    )
    old = old.reindex(v.index)
    other = old["agent_id"].notna() & (v["agent_id"] != old["agent_id"]) & (on != old["reviewed_on"])
    other = other.fillna(False).astype(bool)
    errors = ctx.errors.frame()
    outside = errors.loc[errors["reason"].isin(_OUT_OF_SCOPE), "row"]
    other &= ~v.index.isin(list(outside))
    _note_dates_changed(ctx, on, old, ~other)
    _note_agents_changed(ctx, on, old)
    if not other.any():
        return
    detail = pd.Series(
        [
            values_detail(agent=str(old.at[row, "agent_code"]), date=old.at[row, "reviewed_on"].isoformat())
            for row in other[other].index
        ],
        index=other[other].index,
        dtype=object,
    )
    ctx.add_error(other, "review_id", REASON, detail=detail)


def _note_agents_changed(ctx: CheckContext, on: pd.Series, old: pd.DataFrame) -> None:
    """One notice naming the reviews (id, stored agent -> file's agent) whose stored id is another agent's review of
    the same date: a correction of the agent, or two team leads' sheets both numbered 1, 2 on one day (a helper's
    probe: an admin's upload of the second gave the first's reviews to other agents, "2 updated", unsaid)."""
    v = ctx.values
    moved = old["agent_id"].notna() & (v["agent_id"] != old["agent_id"]) & (on == old["reviewed_on"])
    moved = moved.fillna(False).astype(bool) & ~v.index.isin(list(ctx.errors.rows()))
    if not moved.any():
        return
    changes = pd.DataFrame(
        {
            "id": v.loc[moved, "review_id"],
            "old": old.loc[moved, "agent_code"],
            "new": v.loc[moved, "agent_code"],
        }
    ).drop_duplicates("id")
    shown = [f"{r.id} ({r.old} → {r.new})" for r in changes.head(DATES_SHOWN).itertuples()]
    ctx.add_notice(AGENTS_CHANGED, n=len(changes), reviews=listed(shown, len(changes) > DATES_SHOWN))


def _note_dates_changed(ctx: CheckContext, on: pd.Series, old: pd.DataFrame, rest: pd.Series) -> None:
    """One notice naming the reviews (id, stored date -> file's date) whose stored id is the same agent's review
    of another date, among the rows not refused so far (``rest``: not another agent's review)."""
    v = ctx.values
    moved = old["agent_id"].notna() & (v["agent_id"] == old["agent_id"]) & (on != old["reviewed_on"])
    moved = moved.fillna(False).astype(bool) & rest & ~v.index.isin(list(ctx.errors.rows()))
    if not moved.any():
        return
    changes = pd.DataFrame(
        {"id": v.loc[moved, "review_id"], "old": old.loc[moved, "reviewed_on"], "new": on[moved]}
    ).drop_duplicates("id")  # a review's rows (its criteria) give one date: named once
    shown = []
    for r in changes.head(DATES_SHOWN).itertuples():
        dates = f"{r.old.isoformat()} → {r.new.isoformat()}"
        shown.append(Both(f"{r.id} ({dates})", f"{r.id}({dates})"))
    ctx.add_notice(DATES_CHANGED, n=len(changes), reviews=listed(shown, len(changes) > DATES_SHOWN))
