"""What the upload page shows of a prepared file: first rows, errors, whether a commit can go ahead."""

from __future__ import annotations

import pandas as pd

from portal.i18n import t
from portal.ingest.pipeline import DEFAULT_TIMEZONE, Prepared
from portal.ingest.validation import error_messages

PREVIEW_ROWS = 20
# Offered first in the time-zone list; any IANA name works from the command line.
TIMEZONES = (
    DEFAULT_TIMEZONE,
    "Asia/Hong_Kong",
    "Asia/Taipei",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Asia/Seoul",
    "Asia/Bangkok",
    "Asia/Kolkata",
    "Asia/Dubai",
    "Europe/London",
    "Europe/Paris",
    "Europe/Berlin",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Australia/Sydney",
    "UTC",
)
_HIDDEN_SUFFIXES = ("_local_date",)
_HIDDEN = {"status_given", "store_id", "agent_id"}


def first_rows(prepared: Prepared, n: int = PREVIEW_ROWS) -> pd.DataFrame:
    """The first ``n`` rows as they will be stored (UTC times, mapped values), with the file's row number
    and whether the row is valid."""
    values = prepared.values.head(n)
    keep = [c for c in values.columns if c not in _HIDDEN and not c.endswith(_HIDDEN_SUFFIXES)]
    out = values[keep].copy()
    out.insert(0, "valid", prepared.valid_mask.head(n).to_numpy())
    out.insert(0, "row", out.index.to_numpy())
    return out.reset_index(drop=True)


def error_table(prepared: Prepared, lang: str) -> pd.DataFrame:
    """Every error with row, column, value and the reason in ``lang``; columns named in ``lang``."""
    table = error_messages(prepared.errors, lang)
    return table.rename(columns={c: t(f"ingest.col.{c}", lang) for c in table.columns})


def commit_blockers(prepared: Prepared) -> list[tuple[str, dict]]:
    """Why a commit would be refused (i18n key, values); empty when it can go ahead."""
    out: list[tuple[str, dict]] = []
    if prepared.file_errors:
        out.append(("ingest.refused.mapping", {}))
    if prepared.duplicate_of is not None:
        out.append(
            (
                "ingest.refused.same_file",
                {
                    "batch_id": prepared.duplicate_of["batch_id"],
                    "created_at": prepared.duplicate_of["created_at"],
                },
            )
        )
    if not prepared.file_errors and prepared.n_invalid and not prepared.options.skip_invalid:
        out.append(("ingest.refused.invalid_rows", {"n": prepared.n_invalid, "total": prepared.n_rows}))
    if not prepared.file_errors and prepared.n_valid == 0:
        out.append(("ingest.refused.no_valid_rows", {}))
    return out
