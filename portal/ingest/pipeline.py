"""The generic flow: prepare (map, type, check, find duplicates) and commit (one transaction, one batch)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from portal import db
from portal.auth import User
from portal.ingest import batches, mapping, validation
from portal.ingest.batches import BatchResult
from portal.ingest.kinds import Kind
from portal.ingest.reading import RawTable, read_upload
from portal.ingest.validation import ErrorLog

DEFAULT_TIMEZONE = "Asia/Shanghai"
DEFAULT_SOURCE = "ticketing"


class NothingWritten(ValueError):
    """The commit was refused and nothing was written; ``reason`` is an i18n key."""

    def __init__(self, reason: str, english: str, **values):
        super().__init__(english.format(**values) if values else english)
        self.reason = reason
        self.values = values


def valid_timezone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


@dataclass(frozen=True)
class ImportOptions:
    timezone: str = DEFAULT_TIMEZONE
    source: str = DEFAULT_SOURCE
    skip_invalid: bool = False
    add_missing: bool = False
    lang: str = "en"  # language of the stored error report
    now: datetime | None = None  # UTC, naive; "not in the future" is checked against it (tests fix it)

    def __post_init__(self) -> None:
        if not valid_timezone(self.timezone):
            raise ValueError(f"Unknown time zone {self.timezone!r}; use an IANA name such as Asia/Shanghai.")

    def now_utc(self) -> datetime:
        return self.now or datetime.now(UTC).replace(tzinfo=None)

    def as_json(self) -> dict[str, Any]:
        return {
            "timezone": self.timezone,
            "source": self.source,
            "skip_invalid": self.skip_invalid,
            "add_missing": self.add_missing,
        }


@dataclass
class CheckContext:
    """What a kind's ``check`` works with; it adds errors, notices, unknown codes and derived columns."""

    kind: Kind
    values: pd.DataFrame
    raw: pd.DataFrame
    present: frozenset[str]
    options: ImportOptions
    user: User
    cur: Any
    errors: ErrorLog
    mapping: Mapping[str, str | None]
    notices: list[tuple[str, dict]] = field(default_factory=list)
    unknown_codes: dict[str, list[str]] = field(default_factory=dict)
    headers: list[str] = field(default_factory=list)  # every header of the file, mapped or not
    file_errors: list[tuple[str, dict]] = field(default_factory=list)

    def column_of(self, field_name: str) -> str:
        return self.mapping.get(field_name) or field_name

    def add_error(self, mask: pd.Series, field_name: str, reason: str, values=None, detail=None) -> None:
        rows = mask[mask.fillna(False).astype(bool)].index
        if values is None and field_name in self.raw.columns:
            values = self.raw[field_name]
        self.errors.add(rows, self.column_of(field_name), reason, values, detail)

    def add_notice(self, key: str, **values) -> None:
        self.notices.append((key, values))

    def add_file_error(self, key: str, **values) -> None:
        """A problem of the whole file found by the kind (e.g. columns that do not fit): nothing can commit."""
        self.file_errors.append((key, values))

    @property
    def may_add_missing(self) -> bool:
        return self.options.add_missing and self.kind.may_add_missing(self.user.roles)


@dataclass
class CommitContext:
    cur: Any
    batch_id: int
    rows: pd.DataFrame
    present: frozenset[str]
    options: ImportOptions
    user: User
    batched_at: datetime
    add_missing: bool


@dataclass
class Prepared:
    kind: Kind
    raw: RawTable
    mapping: dict[str, str | None]
    options: ImportOptions
    values: pd.DataFrame
    errors: pd.DataFrame
    file_errors: list[tuple[str, dict]]
    notices: list[tuple[str, dict]]
    unknown_codes: dict[str, list[str]]
    duplicate_of: dict[str, Any] | None
    valid_mask: pd.Series

    @property
    def n_rows(self) -> int:
        return len(self.values)

    @property
    def n_valid(self) -> int:
        return int(self.valid_mask.sum())

    @property
    def n_invalid(self) -> int:
        return self.n_rows - self.n_valid

    @property
    def present(self) -> frozenset[str]:
        return frozenset(f for f, c in self.mapping.items() if c)

    def error_rows(self) -> list[int]:
        return sorted(set(self.errors["row"]))


def prepare(
    con,
    kind: Kind,
    raw: RawTable,
    column_mapping: Mapping[str, str | None] | None,
    options: ImportOptions,
    user: User,
) -> Prepared:
    """Map, type and check every row of ``raw``; nothing is written."""
    chosen = (
        dict(column_mapping) if column_mapping is not None else mapping.suggest_mapping(kind, raw.headers)
    )
    chosen = {f: chosen.get(f) or None for f in kind.field_names} | {
        f: c for f, c in chosen.items() if f not in kind.field_names
    }
    file_errors = mapping.check_mapping(kind, raw.headers, chosen)
    usable = {f: c for f, c in chosen.items() if c and f in kind.field_names and c in raw.headers}
    text = mapping.apply_mapping(raw.frame, usable)
    errors = ErrorLog()
    parse_notices: list[tuple[str, dict]] = []
    values = validation.parse_fields(
        kind,
        text,
        lambda f: usable.get(f) or f,
        errors,
        timezone=options.timezone,
        now_utc=options.now_utc(),
        notices=parse_notices,
    )
    cur = con.cursor()
    try:
        ctx = CheckContext(
            kind,
            values,
            text,
            frozenset(usable),
            options,
            user,
            cur,
            errors,
            usable,
            headers=list(raw.headers),
        )
        if not file_errors:
            kind.check(ctx)
            key_column = ctx.column_of(kind.key_fields[-1])
            validation.duplicate_keys(ctx.values, kind.key_fields, errors, key_column)
    finally:
        cur.close()
    error_frame = errors.frame()
    valid_mask = pd.Series(~ctx.values.index.isin(error_frame["row"].unique()), index=ctx.values.index)
    return Prepared(
        kind=kind,
        raw=raw,
        mapping=chosen,
        options=options,
        values=ctx.values,
        errors=error_frame,
        file_errors=file_errors + ctx.file_errors,
        notices=list(raw.notes) + parse_notices + ctx.notices,
        unknown_codes=ctx.unknown_codes,
        duplicate_of=batches.find_committed_by_hash(con, kind.name, raw.file_hash),
        valid_mask=valid_mask,
    )


def commit(con, prepared: Prepared, user: User) -> BatchResult:
    """Write the prepared rows as one import batch, in one transaction (see the package docstring)."""
    kind, options = prepared.kind, prepared.options
    if not kind.may_upload(user.roles):
        raise NothingWritten("ingest.refused.role", "Your role may not upload {kind}.", kind=kind.name)
    if prepared.file_errors:
        raise NothingWritten(
            "ingest.refused.mapping", "The column mapping is incomplete; nothing was written."
        )
    if options.add_missing and not kind.may_add_missing(user.roles):
        raise NothingWritten(
            "ingest.refused.add_missing_role",
            "Only a manager or an admin may add unknown codes to the master data.",
        )
    if prepared.duplicate_of is not None:
        d = prepared.duplicate_of
        raise NothingWritten(
            "ingest.refused.same_file",
            "This file was already imported as batch {batch_id} on {created_at:%Y-%m-%d %H:%M} UTC; nothing was "
            "written. Undo that batch first to import it again.",
            batch_id=d["batch_id"],
            created_at=d["created_at"],
        )
    if prepared.n_invalid and not options.skip_invalid:
        raise NothingWritten(
            "ingest.refused.invalid_rows",
            "{n} of {total} rows are invalid; nothing was written. Correct them, or choose to skip invalid rows.",
            n=prepared.n_invalid,
            total=prepared.n_rows,
        )
    if prepared.n_valid == 0:
        raise NothingWritten("ingest.refused.no_valid_rows", "No row is valid; nothing was written.")
    batches.sweep_master_data(con)
    rows = prepared.values[prepared.valid_mask]
    skipped = prepared.n_invalid
    report = None
    if skipped:
        report = batches.build_error_report(
            validation.error_messages(prepared.errors, options.lang), prepared.raw.frame
        )

    def work(cur) -> BatchResult:
        batch_id, batched_at = batches.open_batch(
            cur,
            kind=kind.name,
            file_name=prepared.raw.file_name,
            file_hash=prepared.raw.file_hash,
            size_bytes=prepared.raw.size_bytes,
            source=options.source,
            created_by=user.username,
            rows_in_file=prepared.n_rows,
            options=options.as_json() | {"mapping": {k: v for k, v in prepared.mapping.items() if v}},
        )
        ctx = CommitContext(
            cur, batch_id, rows, prepared.present, options, user, batched_at, options.add_missing
        )
        counts = kind.commit(cur, ctx)
        batches.close_batch(
            cur,
            batch_id,
            added=counts.added,
            updated=counts.updated,
            unchanged=counts.unchanged,
            skipped=skipped,
            error_report_csv=report,
        )
        batches.audit(
            cur,
            user.username,
            "upload",
            batch_id,
            {
                "kind": kind.name,
                "file_name": prepared.raw.file_name,
                "file_hash": prepared.raw.file_hash,
                "rows_in_file": prepared.n_rows,
                "rows_added": counts.added,
                "rows_updated": counts.updated,
                "rows_unchanged": counts.unchanged,
                "rows_skipped": skipped,
                "master_added": counts.master_added,
            },
        )
        return BatchResult(
            batch_id,
            kind.name,
            prepared.n_rows,
            counts.added,
            counts.updated,
            counts.unchanged,
            skipped,
            counts.master_added,
        )

    return db.in_transaction(con, work)


def import_bytes(
    con,
    kind: Kind,
    data: bytes,
    file_name: str,
    column_mapping: Mapping[str, str | None] | None,
    options: ImportOptions,
    user: User,
    limit_mb: int | None = None,
) -> tuple[Prepared, BatchResult]:
    """Read, prepare and commit in one call (the CLI and the benchmark use this path)."""
    raw = read_upload(data, file_name, limit_mb)
    prepared = prepare(con, kind, raw, column_mapping, options, user)
    return prepared, commit(con, prepared, user)
