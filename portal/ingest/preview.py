"""What the upload page shows of a prepared file: first rows, errors, whether a commit can go ahead."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd

from portal import db, settings
from portal.auth import User
from portal.i18n import t
from portal.ingest.core import DEFAULT_TIMEZONE, Prepared, refusals

PREVIEW_ROWS = 20


def first_rows_caption(kind, zone: str, lang: str) -> str:
    """The caption above the preview's first rows: the zone its times are shown in (``zone``, as the page names
    it) only for a kind whose files hold stamps (``Kind.reads_times``); stores, agents, QA reviews and 5S
    inspections show dates alone, so a zone there would mean nothing."""
    if kind.reads_times:
        return t("ingest.preview.first_rows", lang, zone=zone)
    return t("ingest.preview.first_rows_plain", lang)


# Offered after the stores' own zones in the time-zone lists; then every IANA zone (timezone_choices).
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


def timezone_choices(con, first: str, scope) -> list[str]:
    """The Upload form's time zones: ``first`` (the saved mapping's zone, else the reporting zone), the reporting
    zone, the zones of the active stores in ``scope`` (most stores first: S052's Asia/Urumqi was missing from a fixed list),
    the common ones (TIMEZONES), then every other IANA zone in name order; each once. Streamlit's select box
    finds one by typing part of its name."""
    stores = db.run_query(con, "store_timezones", scope=scope)["timezone"].tolist()
    known = settings.known_timezones()
    head = [first, settings.report_timezone(con), *(z for z in stores if z in known), *TIMEZONES]
    return list(dict.fromkeys([*head, *sorted(known)]))


# Columns the checks derive from the fields that are worth seeing before a commit (label: ingest.preview.col.*)
DERIVED_COLUMNS = ("category_group",)
VALID_MARKS = {True: "✓", False: "✗"}


def _cell(value, field_type: str | None, date_only: bool = False) -> str:
    """One preview cell as text: blank for nothing, dates without a midnight time, minutes without seconds,
    whole numbers with thousands separators."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp | datetime | date):
        stamp = pd.Timestamp(value)
        return stamp.strftime("%Y-%m-%d" if date_only or field_type == "date" else "%Y-%m-%d %H:%M")
    if isinstance(value, bool | np.bool_):
        return VALID_MARKS[bool(value)]
    if isinstance(value, int | np.integer):
        return f"{int(value):,}"
    if isinstance(value, float | np.floating):
        return f"{float(value):,g}"
    return str(value)


# Where a choice field's standard values have their labels (i18n prefixes, the kind's own first)
_CHOICE_LABELS = {
    "channel": ("{kind}.channel", "complaints.channel", "sat.channel"),
    "status": ("complaints.state",),
    "severity": ("complaints.severity",),
    "category_group": ("complaints.category",),
}


def choice_label(kind_name: str, field: str, value, lang: str = "en") -> str:
    """A stored standard value as people read it (``in_store`` -> "In store" / "门店"); itself when unlabelled."""
    from portal.i18n import TABLE

    if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
        return ""
    area = "sat" if kind_name == "surveys" else kind_name
    for prefix in _CHOICE_LABELS.get(field, ()):
        key = f"{prefix.format(kind=area)}.{value}"
        if key in TABLE:
            return t(key, lang)
    return str(value)


def first_rows(
    prepared: Prepared, lang: str = "en", n: int = PREVIEW_ROWS, timezone: str | None = None
) -> pd.DataFrame:
    """The first ``n`` rows as they will be stored (mapped values), for people: the file's row number (read from
    worksheets: the sheet and its row), whether
    the row is valid (✓ / ✗), then the kind's fields under their labels in ``lang`` and the derived standard
    category; every cell as text (blank for nothing). Standard values show by their labels; a time is shown
    in ``timezone`` (the reporting zone; its column says which) or, without one, in UTC as stored."""
    from portal import zones

    values = (prepared.values if prepared.head is None else prepared.head).head(n)  # head: read in chunks
    fields = {f.name: f for f in prepared.kind.fields}
    sheet_cells = prepared.raw.cells
    places = [sheet_cells.of(int(r)) for r in values.index] if sheet_cells is not None else []
    out = pd.DataFrame(
        {
            t("ingest.col.row", lang): pd.array(
                [p.row for p in places] if places else values.index, dtype="Int64"
            ),
            t("ingest.preview.col.valid", lang): [
                VALID_MARKS[bool(v)] for v in prepared.valid_mask.head(len(values)).to_numpy()
            ],
        }
    )
    if places:  # read from worksheets: each row's sheet first, its row as the sheet shows it
        out.insert(0, t("ingest.col.sheet", lang), [p.sheet for p in places])
    for column in values.columns:
        field = fields.get(column)
        if field is None and column not in DERIVED_COLUMNS:
            continue  # internal: ids, local dates, date-only flags, the raw category
        flag_column = f"{column}_date_only"
        date_only = (
            values[flag_column].fillna(False).astype(bool).tolist()
            if flag_column in values.columns
            else [False] * len(values)
        )
        label = field.label(lang) if field else t(f"ingest.preview.col.{column}", lang)
        kind_of = field.type if field else None
        if kind_of == "choice" or column in DERIVED_COLUMNS:
            out[label] = [choice_label(prepared.kind.name, column, v, lang) for v in values[column]]
            continue
        cells = values[column]
        if timezone and kind_of == "timestamp":  # stored in UTC; shown in the reporting zone, saying so
            cells = pd.Series(
                [v if flag else zones.local(v, timezone) for v, flag in zip(cells, date_only, strict=True)],
                dtype=object,
            )
            label = t("zones.column", lang, label=label, zone=zones.zone_name(timezone, lang))
        out[label] = [_cell(v, kind_of, flag) for v, flag in zip(cells, date_only, strict=True)]
    return out


def error_table(prepared: Prepared, lang: str) -> pd.DataFrame:
    """Every error with row, column, value and the reason in ``lang`` (read from worksheets: the sheet first, its
    row and column letter); columns named in ``lang``."""
    table = prepared.error_messages(lang)
    return table.rename(columns={c: t(f"ingest.col.{c}", lang) for c in table.columns})


def commit_blockers(prepared: Prepared, user: User) -> list[tuple[str, dict]]:
    """Why a commit by ``user`` would be refused (i18n key, values), by the commit's own rules
    (``core.refusals``); empty when it can go ahead."""
    return [(r.reason, dict(r.values)) for r in refusals(prepared, user)]
