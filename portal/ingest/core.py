"""The import core every upload kind shares: options, the contexts a kind's rules and writes work with, the
refusal rules and the upload scope check (master-data codes: ``codes``).

Layering (imports only point down): reading -> kinds -> mapping -> validation -> codes -> core (this module,
batches)
-> the kinds' modules (complaints, surveys, ...) -> registry -> pipeline, preview, templates.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from portal import db, writes, zones
from portal.auth import User
from portal.i18n import Both, t
from portal.ingest import codes
from portal.ingest.errors import ErrorLog, error_messages, values_detail
from portal.ingest.kinds import Kind, Refused
from portal.ingest.reading import RawTable
from portal.scope import store_rows_outside_regions

DEFAULT_TIMEZONE = "Asia/Shanghai"
DEFAULT_SOURCE = "ticketing"


class NothingWritten(Refused):
    """The commit was refused and nothing was written."""


def unused_columns(headers: Sequence[str], mapping: Mapping[str, str | None]) -> list[str]:
    """The file's columns (in its order) that no field of ``mapping`` reads: the form and the command line name
    them, and a kind whose files carry columns of their own (an HR roster's phone, a store list's manager) says
    them in a notice (``UNREAD_COLUMNS``)."""
    used = {c for c in mapping.values() if c}
    return [h for h in headers if h not in used]


# the notice naming a file's columns no field reads: the command line says no other line of them beside it
UNREAD_COLUMNS = "ingest.notice.unread_columns"


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
    # {field: {file value: standard value}} (portal.ingest.values); "" = no value (the stamps decide a status)
    value_map: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

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
            "value_map": {k: dict(v) for k, v in self.value_map.items() if v},
        }


# ---------------------------------------------------------------- checking rows
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
    # a file read in chunks: its spool (portal.ingest.stream.Spool), which keeps what the earlier chunks gave
    spool: Any = None
    # what the check decided for the whole file that the commit's checks again must decide alike (Prepared.decided)
    decided: dict[str, Any] = field(default_factory=dict)
    frame: pd.DataFrame | None = None  # the file's cells by header, mapped or not (a column no field reads)

    def column_of(self, field_name: str) -> str:
        """The file's column of a field; for a field no column holds (set from the form, or missing), its label in
        the report's language ("Overall satisfaction", 门店), not its id."""
        mapped = self.mapping.get(field_name)
        if mapped:
            return mapped
        try:
            return self.kind.field(field_name).label(self.options.lang)
        except KeyError:
            return field_name

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

    def match_codes(self, field_name: str, error_values: pd.Series | None = None) -> None:
        """Match a master-data code column (``store_code``, ``agent_code``) to the master data: see
        ``codes.match_codes``."""
        codes.match_codes(self, field_name, error_values)

    def check_scope(
        self, table: str, key_columns: Mapping[str, str], key_reason: str, row_on: pd.Series
    ) -> None:
        """The uploader's store scope (chain-wide scope: nothing to check): a row that would be stored outside
        it (its store's region on ``row_on``, the row's date the kind stamps its region by: a store that moved
        is checked by the region it had that day), a row without a store, and a row whose natural key
        (``{field: column of table}``) already belongs to a row of ``table`` of a store outside it are invalid.
        Needs ``store_id`` (``match_codes("store_code")``)."""
        scope, v = self.user.scope, self.values
        if scope.all_stores:
            return
        codes = v["store_code"] if "store_code" in v.columns else pd.Series(None, index=v.index, dtype=object)
        rows = pd.DataFrame(
            {"store_id": v["store_id"].astype("Int64"), "row_on": pd.to_datetime(row_on, errors="coerce")},
            index=v.index,
        ).reset_index(names="row_no")
        outside = store_rows_outside_regions(self.cur, scope, rows).set_index("row_no")
        self._refuse_outside(outside, codes, rows.set_index("row_no")["row_on"])
        blank = pd.Series("", index=v.index)
        self.add_error(codes.isna(), "store_code", "ingest.error.no_store_out_of_scope", values=blank)
        keys = v[list(key_columns)].dropna()
        if keys.empty:
            return
        on = " and ".join(f"t.{writes.quoted(c)} = k.{writes.quoted(f)}" for f, c in key_columns.items())
        with db.registered(self.cur, "ingest_check_keys", keys.reset_index(names="row_no")):
            taken = self.cur.execute(
                f"select k.row_no from ingest_check_keys as k join {writes.quoted(table)} as t on {on} "  # noqa: S608
                "where not in_store_scope(false, $store_ids, $region_ids, t.store_id, t.region_id)",
                {"store_ids": list(scope.store_ids), "region_ids": list(scope.region_ids)},
            ).fetchall()
        if taken:
            mask = pd.Series(v.index.isin([r[0] for r in taken]), index=v.index)
            self.add_error(mask, list(key_columns)[-1], key_reason)

    def _refuse_outside(self, outside: pd.DataFrame, codes: pd.Series, row_on: pd.Series) -> None:
        """Rows outside the scope (``outside``: by row_no, the region each would be stored with): a regional scope
        is told the store, the row's date and the region the store belonged to on it (a store that moved); a row
        without that region or date, or a scope of stores only, that the store is outside."""
        on = row_on.reindex(outside.index)
        named = outside.index[
            outside["region_name_en"].notna() & on.notna() & bool(self.user.scope.region_ids)
        ]
        detail = pd.Series(
            [
                values_detail(
                    store="" if pd.isna(codes.loc[row]) else str(codes.loc[row]),
                    date=on.loc[row].date().isoformat(),
                    region=Both(outside.at[row, "region_name_en"], outside.at[row, "region_name_zh"]),
                )
                for row in named
            ],
            index=named,
            dtype=object,
        )
        mask = pd.Series(self.values.index.isin(list(named)), index=self.values.index)
        self.add_error(
            mask, "store_code", "ingest.error.store_region_out_of_scope", values=codes, detail=detail
        )
        plain = pd.Series(
            self.values.index.isin(list(outside.index.difference(named))), index=self.values.index
        )
        self.add_error(plain, "store_code", "ingest.error.store_out_of_scope", values=codes)


# ---------------------------------------------------------------- writing rows
@dataclass
class CommitContext:
    """What a kind's ``commit`` works with, inside the batch's one transaction."""

    cur: Any
    batch_id: int
    rows: pd.DataFrame
    present: frozenset[str]
    options: ImportOptions
    user: User
    batched_at: datetime
    add_missing: bool
    kind: Kind | None = None
    # the rows are already the relation ``ingest_rows`` (a file read in chunks; ``rows`` then holds only what
    # ``names_zh`` reads: the first name per new store code); see Kind.rows_frame
    staged: bool = False
    decided: Mapping[str, Any] = field(default_factory=dict)  # the preview's (Prepared.decided)

    def run(self, name: str, params: Mapping[str, Any] | None = None):
        """Execute the write statement queries/writes/<name>.sql (``$batch_id``, ``$batched_at`` bound)."""
        return writes.run(
            self.cur, name, {"batch_id": self.batch_id, "batched_at": self.batched_at} | dict(params or {})
        )

    def add_missing_codes(
        self, relation: str, fields: Sequence[str], chain_wide_only: Sequence[str] = ()
    ) -> dict[str, list[str]]:
        """Codes of ``fields`` in the registered ``relation`` that the master data lacks: added as rows of the
        batch when the user chose to (returned by field), else the commit is refused (the master data changed
        since the preview). Only a user with a chain-wide scope adds stores, or the master tables named in
        ``chain_wide_only`` (a kind whose rows the uploader would not see again, e.g. QA reviews of a new
        agent)."""
        added: dict[str, list[str]] = {}
        for field_name in fields:
            table = codes.MASTER_CODES[field_name].table
            code = writes.quoted(field_name)
            missing = [
                r[0]
                for r in self.cur.execute(
                    f"select distinct r.{code} from {writes.quoted(relation)} as r where r.{code} is not null "  # noqa: S608
                    f"and not exists (select 1 from {writes.quoted(table)} as m where m.{code} = r.{code}) order by 1"
                ).fetchall()
            ]
            if missing and not self.add_missing:
                raise NothingWritten(
                    "ingest.refused.master_changed",
                    "The master data changed since the preview; check the file again.",
                )
            if missing and table == "stores" and not self.user.scope.all_stores:
                raise NothingWritten(
                    "ingest.refused.new_store_out_of_scope",
                    "Only a user who sees the whole chain may add new stores; nothing was written.",
                )
            if missing and table in chain_wide_only and not self.user.scope.all_stores:
                raise NothingWritten(
                    "ingest.refused.new_agent_out_of_scope",
                    "Only a user who sees the whole chain may add new agents here; nothing was written.",
                )
            if missing:
                names_zh = self.names_zh(missing) if table == "stores" else None
                writes.add_master_codes(
                    self.cur, table, missing, self.batch_id, self.options.timezone, names_zh=names_zh
                )
                added[field_name] = missing
        return added

    def names_zh(self, codes: Sequence[str]) -> list[str | None]:
        """The Chinese name the file gives each new store (its optional ``store_name_zh`` column: the first
        non-blank value of the code's rows), None where it gives none."""
        rows = self.rows
        if "store_name_zh" not in rows.columns or "store_code" not in rows.columns:
            return [None] * len(codes)
        named = rows[["store_code", "store_name_zh"]].dropna()
        names = named["store_name_zh"].astype(str).str.strip()
        named = named.assign(store_name_zh=names)[names != ""].drop_duplicates("store_code")  # first per code
        first = dict(zip(named["store_code"].astype(str), named["store_name_zh"], strict=True))
        return [first.get(str(code)) for code in codes]

    def counts(self, stage: str) -> tuple[int, int, int]:
        """(added, updated, unchanged) rows of a staged import: ``stage`` holds one row per file row with
        ``existing_id`` (the stored row's key, null for a new row) and ``is_changed``."""
        added, updated, unchanged = self.cur.execute(
            "select count(*) filter (where existing_id is null), count(*) filter (where is_changed), "  # noqa: S608
            f"count(*) filter (where existing_id is not null and not is_changed) from {writes.quoted(stage)}"
        ).fetchone()
        return int(added), int(updated), int(unchanged)

    def snapshot(self, table: str, stage: str) -> None:
        """Keep the before-image of the rows of ``table`` (a declared ``snapshot`` table of the kind) that the
        staged import changes (``stage``: ``existing_id`` where ``is_changed``), and of their declared child rows,
        for undo. Call it before updating them."""
        declared = {t.name: t for t in self.kind.tables}
        main = declared.get(table)
        if main is None or not main.snapshot or main.parent:
            raise ValueError(f"{table} is not a snapshot table of {self.kind.name}")
        writes.snapshot_rows(self.cur, self.batch_id, table, main.key, stage)
        for child in self.kind.tables:
            if child.snapshot and child.parent and child.parent[1] == table:
                columns = [c for c in table_columns(self.cur, child.name) if c != child.parent[0]]
                writes.snapshot_child_rows(
                    self.cur, self.batch_id, child.name, child.parent[0], columns, stage
                )


def table_columns(cur, table: str) -> dict[str, str]:
    """Column name -> type of a table, in order (from the catalog)."""
    rows = cur.execute(
        "select column_name, data_type from information_schema.columns where table_name = ? order by ordinal_position",
        [table],
    ).fetchall()
    return {r[0]: r[1] for r in rows}


def constraint_columns(cur, table: str, *kinds: str) -> set[str]:
    rows = cur.execute(
        "select constraint_column_names from duckdb_constraints() where table_name = ? "
        "and list_contains(?, constraint_type)",
        [table, list(kinds)],
    ).fetchall()
    return {c for r in rows for c in r[0]}


# ---------------------------------------------------------------- prepared imports and their refusal rules
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
    value_report: list = field(default_factory=list)  # values.ValueRow per distinct value of a choice field
    # a file read in chunks (portal.ingest.stream.Spool): ``values`` has no columns (its index: every row),
    # ``raw.frame`` only the invalid rows (for the error report), and the valid rows wait in the spool
    staged: Any = None
    head: pd.DataFrame | None = None  # a file read in chunks: its first rows' values (the preview shows them)
    # what the kind's check decided for the whole file (CheckContext.decided; a file read in chunks: over all its
    # chunks), handed to the commit (CommitContext.decided), whose checks again decide alike
    decided: dict[str, Any] = field(default_factory=dict)
    # the errors rendered as text, by language (``error_messages``); not an init field: ``replace`` starts anew
    _rendered: dict[str, pd.DataFrame] = field(default_factory=dict, init=False, repr=False, compare=False)

    def error_messages(self, lang: str) -> pd.DataFrame:
        """``errors.error_messages`` of the file's errors in ``lang`` (read from worksheets: where each cell is),
        rendered once: the preview (the Upload page's table, the command line's printed errors) and the commit's
        error report read the same frame (they rendered every message twice, session 37: 0.4-1 s of the messy
        bench export's CPU). Callers only read it."""
        if lang not in self._rendered:
            self._rendered[lang] = error_messages(self.errors, lang, self.raw.cells)
        return self._rendered[lang]

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
        return self.kind.present(f for f, c in self.mapping.items() if c)

    def error_rows(self) -> list[int]:
        return sorted(set(self.errors["row"]))


@dataclass(frozen=True)
class Refusal:
    """Why a commit is refused: an i18n key, its English text and values (``error()`` to raise it)."""

    reason: str
    english: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def error(self) -> NothingWritten:
        return NothingWritten(self.reason, self.english, **self.values)


def same_file(batch: Mapping[str, Any]) -> Refusal:
    """The refusal of a file already imported as ``batch`` (``batches.find_committed_by_hash`` with the reporting
    zone and ``may_undo``, ``pipeline.prepare``): found by the preview, or again inside the commit's transaction.
    Someone who may not undo that batch (not an admin, not its uploader) is told neither its number nor to undo
    it: the batch is not on their Import history, and its rows may be another team's or region's."""
    if not batch.get("may_undo"):
        return Refusal(
            "ingest.refused.same_file_other",
            "This file was already imported by someone else; nothing was written. Only an admin may undo that "
            "import.",
        )
    zone = batch.get("report_timezone") or "UTC"  # the reporting zone, with its name
    return Refusal(
        "ingest.refused.same_file",
        "This file was already imported as batch {batch_id} on {created_at:%Y-%m-%d %H:%M} ({zone}); "
        "nothing was written. Undo that batch first to import it again.",
        {
            "batch_id": batch["batch_id"],
            "created_at": zones.local(batch["created_at"], zone),
            "zone": zones.zone_names(zone),
        },
    )


def kind_title(kind: Kind) -> Both:
    """The kind's title for a sentence in both languages ("stores", "5S inspections", "QA reviews"; "门店"), not its
    CLI word: a Chinese refusal read "您的角色无权上传inspections"."""
    en = t(kind.title_key, "en")
    if len(en) > 1 and en[1].islower():
        en = en[0].lower() + en[1:]
    return Both(en, t(kind.title_key, "zh"))


def refusals(prepared: Prepared, user: User) -> list[Refusal]:
    """Every reason the commit of ``prepared`` by ``user`` is refused, the decisive one first; empty when it can
    go ahead. The one rule set of the preview (``preview.commit_blockers``) and the commit."""
    kind, options = prepared.kind, prepared.options
    out: list[Refusal] = []
    if not kind.may_upload(user.roles):
        out.append(
            Refusal("ingest.refused.role", "Your role may not upload {kind}.", {"kind": kind_title(kind)})
        )
    if prepared.file_errors:
        out.append(
            Refusal(
                "ingest.refused.mapping",
                "The column mapping is incomplete or a column cannot be read as mapped (see the problems above); nothing "
                "was written.",
            )
        )
    if options.add_missing and not kind.may_add_missing(user.roles):
        out.append(
            Refusal(
                "ingest.refused.add_missing_role",
                "Only a manager or an admin may add unknown codes to the master data.",
            )
        )
    found = prepared.duplicate_of
    if found is not None and found.get("may_undo"):
        out.append(same_file(found))
    if prepared.file_errors:
        return out
    if prepared.n_invalid and not options.skip_invalid:
        out.append(
            Refusal(
                "ingest.refused.invalid_rows",
                "{n} of {total} rows are invalid; nothing was written. Correct them, or choose to skip invalid "
                "rows.",
                {"n": prepared.n_invalid, "total": prepared.n_rows},
            )
        )
    if prepared.n_valid == 0:
        out.append(Refusal("ingest.refused.no_valid_rows", "No row is valid; nothing was written."))
    elif found is not None and not found.get("may_undo"):
        # another user's batch: the row checks (scope first) come before it, and a file of which no row is
        # valid for this user is refused for its rows alone (the earlier import of another team's rows is
        # none of theirs); with rows they may write, those rows were imported already
        out.append(same_file(found))
    return out
