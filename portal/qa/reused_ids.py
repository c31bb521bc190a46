"""A review id reused for another review (portal/qa/kind.py's checks).

A 质检表 numbers its reviews 1, 2, 3 (序号, or a 质检编号 column holding row numbers) and starts again on the next
month's sheet. The import keys reviews by their id and takes a stored id as a correction of that review: before,
the next sheet's review 1 (A002, 12-03) replaced the stored review 1 (A001, 11-03), counted "updated", and
A001's review was gone unsaid. A row whose id is stored as a review of another agent on another date is another
review, not a correction: an error of its review id naming the stored review (the agent's code and its date), so
nothing is replaced (with "skip invalid rows" it is left out and kept in the error report). A correction of the
agent alone, or of the date alone, updates the review as before. A row whose id is already refused as another
scope's review (``key_out_of_scope``) is not named again: its agent and date are not the uploader's to read.
"""

from __future__ import annotations

import pandas as pd

from portal import db, writes
from portal.ingest.core import CheckContext
from portal.ingest.errors import values_detail

REASON = "qa.import.error.review_id_reused"
_OUT_OF_SCOPE = ("qa.import.error.key_out_of_scope", "qa.import.error.key_out_of_scope_of_review")


def check_reused_ids(ctx: CheckContext) -> None:
    """Rows whose review id is stored with another agent and another date (after ``match_codes``: ``agent_id``)."""
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
