"""Typing and checking the rows of a file, vectorised: every problem is (row, column, value, reason).

Timestamps are read by ``portal.ingest.stamps`` (formats, the d/m/y order, date-only columns).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

import numpy as np
import pandas as pd

from portal import zones
from portal.config import date_floor  # the earliest date a file may hold
from portal.export import FORMULA_LEADS
from portal.i18n import Both, listed, t
from portal.ingest.cells import (
    NOT_RATED,
    blank_placeholders,
    clean_cells,
    map_distinct,
    parse_number,
    shared_objects,
    split_fractions,
)
from portal.ingest.date_order import day_order, order_notice
from portal.ingest.errors import ErrorLog, error_messages, key_text, values_detail  # noqa: F401 - re-exported
from portal.ingest.kinds import Field, Kind, normalise_choice_text, zh_choice
from portal.ingest.label_scales import (
    MIXED,
    REVERSED,
    other_scale_labels,
    reversed_values,
    scale_direction,
    scale_points,
)
from portal.ingest.scales import (
    answers_beyond,
    header_max_agreement,
    option_numbers,
    other_header_scale,
    skip_codes,
    smaller_scale,
)
from portal.ingest.stamp_placeholders import no_stamp_cells, not_yet_blank
from portal.ingest.stamp_reasons import NO_SUCH_DAY, NO_YEAR, NOT_A_DATE, ZONE_LETTERS, why_unreadable
from portal.ingest.stamps import Decisions, day_order_evidence, parse_timestamps


def map_choices(s: pd.Series, choices) -> pd.Series:
    """Each cell's stored value (None when not an accepted spelling); computed once per distinct cell."""
    lookup = {u: choices.get(normalise_choice_text(u)) for u in pd.unique(s.dropna())}
    return map_distinct(s, lookup)


def parse_fields(
    kind: Kind,
    text: pd.DataFrame,
    column_of,
    errors: ErrorLog,
    *,
    timezone: str,
    now_utc: datetime,
    notices: list | None = None,
    decisions: Decisions | None = None,
    column_zones: Mapping[str, str] | None = None,
    file_errors: list | None = None,
) -> pd.DataFrame:
    """Type every mapped field of ``text`` (str cells); type, range and required problems go to ``errors``.

    A timestamp field ``x`` gives ``x`` (UTC), ``x_date_only`` and ``x_local_date`` (for ordering checks).
    Required fields that are not mapped at all are a problem of the mapping, not of the rows. ``decisions``:
    the file-wide readings when ``text`` is one chunk of a file (given ones are used; what the chunk showed is
    recorded in ``decisions.seen``). ``column_zones``: the zone the export gives for a field's times (Qualtrics'
    ImportId row), which its times without an offset are read in, their local dates then taken in ``timezone``.
    ``file_errors``: where a column that cannot be read at all is said (i18n key, values): a rating column whose
    labels do not tell which way its numbers run.
    """
    column_zones = column_zones or {}
    file_errors = file_errors if file_errors is not None else []
    typed = pd.DataFrame(index=text.index)
    notices = notices if notices is not None else []
    formula_cells = placeholders = 0
    stamp_fields = [f.name for f in kind.fields if f.type in ("timestamp", "date") and f.name in text.columns]
    evidence = day_order_evidence([text[name].fillna("") for name in stamp_fields])
    day_first = day_order(*evidence)
    if decisions is not None:
        decisions.seen = {"day_order": evidence, "day_first": day_first, "midnight": {}, "columns": {}}
        if decisions.day_first is not ...:
            day_first = decisions.day_first
            decisions.seen["day_first"] = day_first
    for f in kind.fields:
        if f.name not in text.columns:
            continue
        raw = text[f.name].fillna("").astype(str)
        # an id is no free text: Ｔ-５００ typed with a Chinese input method is the ticket T-500 (it became a
        # second complaint beside it); its width is made plain as a code's is
        is_id = f.name.endswith("_id") and f.name in kind.key_fields
        stripped, placeholder = clean_cells(raw, free_text=f.type == "text" and not is_id)
        if (
            f.groups
        ):  # a text counted in groups (the category): "-", N/A, 无 say none (it was the category "-")
            stripped, said_none = blank_placeholders(stripped)
            placeholder = placeholder | said_none
        if f.type == "int" and not f.required and f.max_value is not None and f.max_value <= 10:
            # an optional rating nobody gave (未评价, Zendesk's "Offered"): blank, as a placeholder is
            unrated = stripped.str.casefold().isin(NOT_RATED) & (stripped != "")
            stripped = stripped.where(~unrated, "")
            placeholder = placeholder | unrated
        placeholders += int(placeholder.sum())
        col = column_of(f.name)
        stripped = not_yet_blank(f, stripped, col, notices)  # 未响应 in a later stamp column: no stamp
        blank = stripped == ""
        if f.required and f.required_cells and blank.any() and not f.lenient:
            errors.add(blank[blank].index, col, "ingest.error.required", raw)
        for key in _type_field(
            f,
            stripped,
            blank,
            typed,
            errors,
            col,
            timezone,
            now_utc,
            day_first,
            decisions,
            column_zones.get(f.name),
            file_errors,
            _own_max(text, f),
            column_of(f.max_field) if f.max_field else None,
        ):
            if isinstance(key, tuple):  # a notice with values of its own
                notices.append((key[0], {"column": col, **key[1]}))
            else:
                notices.append((key, {"column": col}))
        if f.type == "text":
            formula_cells += int(stripped.str.startswith(FORMULA_LEADS).sum())
    if formula_cells:
        notices.append(("ingest.notice.formula_cells", {"n": formula_cells}))
    if placeholders:
        notices.append(("ingest.notice.placeholders", {"n": placeholders}))
    return typed


INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1
MAX_CODE_CHARS = 64  # store / agent codes
MAX_ID_CHARS = 100  # complaint, response and other ids
# a stamp left out, by why (i18n ingest.left_out.<why>; complaints add before_received)
LEFT_OUT_WHY = {
    NOT_A_DATE: "unreadable",
    NO_SUCH_DAY: "no_such_day",
    ZONE_LETTERS: "zone_letters",
    NO_YEAR: "no_year",
}
# Excel's scientific notation of a long number (2.02611E+17; a workbook's number cell over 15 digits is read so:
# sheet_pick.cell_text): no id is written so
EXCEL_SHORTENED_NUMBER = r"[+-]?\d(?:[.,]\d+)?[eE]\+\d{2,3}"


def _type_field(
    f: Field,
    s: pd.Series,
    blank: pd.Series,
    typed: pd.DataFrame,
    errors: ErrorLog,
    col: str,
    timezone: str,
    now_utc: datetime,
    day_first: bool | None = None,
    decisions: Decisions | None = None,
    source_zone: str | None = None,
    file_errors: list | None = None,
    own_max: pd.Series | None = None,
    max_column: str | None = None,
) -> list:
    """Add the typed column(s) of ``f``; returns the notices about how the column was read (an i18n key, or
    a key and its values). ``source_zone``: the zone the export gives for the column's times. ``own_max``: each row's
    own maximum of its score (``_own_max``, NaN: none; in ``max_column``): those rows are left out of the scale
    check, and a header stating the same scale is no other scale."""
    if f.type in ("text", "code"):
        if f.name.endswith("_id"):
            # a long number id that Excel showed as 2.02611E+17 and saved so: its digits are gone, and every
            # such row would be "the same key" as the first; refused as what it is
            shortened = ~blank & s.str.fullmatch(EXCEL_SHORTENED_NUMBER)
            errors.add(shortened[shortened].index, col, "ingest.error.id_shortened_by_excel", s)
            s = s.where(~shortened, "")
            blank = blank | shortened
        # ids and codes are short; free text is bounded by the reader's cell limit (issue 15)
        limit = MAX_CODE_CHARS if f.type == "code" else (MAX_ID_CHARS if f.name.endswith("_id") else None)
        if limit is not None:
            too_long = ~blank & (s.str.len() > limit)
            errors.add(
                too_long[too_long].index, col, "ingest.error.too_long", s.str.slice(0, 40), detail=limit
            )
            s = s.where(~too_long, "")
            blank = blank | too_long
        typed[f.name] = shared_objects(s.where(~blank))
    elif f.type in ("int", "number"):
        maxima, own_max = own_max, None if own_max is None else own_max.notna()
        if f.fractions:  # 17/20: the score 17, out of 20 (``Field.fractions``)
            s, out_of = split_fractions(s)
            typed[f"{f.name}_out_of"] = out_of.where(~blank)
            own_max = out_of.notna() if own_max is None else own_max | out_of.notna()
        number = parse_number(s)
        notes: list = []
        if f.type == "int" and f.min_value is not None and f.max_value is not None and f.max_value <= 10:
            # a rating scale: an answer exported as its option's text ("5 - Very satisfied", "非常满意")
            unread = ~blank & number.isna()
            check_other = (f.other_scales_refused or f.misread_scales_refused) and unread.any()
            read_only = not f.other_scales_refused
            other = (
                other_scale_labels(s[unread], f.min_value, f.max_value, read_only=read_only)
                if check_other
                else None
            )
            if other is not None and file_errors is not None:  # another scale's options: the file's problem
                scale, labels = other
                file_errors.append(
                    (
                        "ingest.file.other_scale_labels",
                        {
                            "column": col,
                            "scale": Both(*(t(f"ingest.scale.{scale}", lang) for lang in ("en", "zh"))),
                            "labels": listed(labels[:5], len(labels) > 5),
                            "field": Both(f.label("en"), f.label("zh")),
                            "expected": f"{_fmt_bound(f.min_value)}–{_fmt_bound(f.max_value)}",
                        },
                    )
                )
                typed[f.name] = pd.Series(pd.NA, index=s.index, dtype="Int64")
                return notes
            if unread.any():
                alone = ~blank & number.notna()  # numbers written alone, before the labelled ones are read
                points, turned = scale_points(s[unread], f.min_value, f.max_value, against=True)
                direction, by_label = scale_direction(s[unread], f.min_value, f.max_value)
                read = points.dropna()
                if len(read):
                    number = number.astype("float64")
                    number[read.index] = read
                    pairs = dict(zip(s[read.index], read.astype(int), strict=True))
                    shown = [f"{text} = {point}" for text, point in list(pairs.items())[:5]]
                    notes.append(
                        (
                            "ingest.notice.scale_labels",
                            {"n": len(read), "answers": listed(shown, len(pairs) > 5)},
                        )
                    )
                    if turned.any():  # a scale running the other way: read by the words, said apart
                        flipped = dict(
                            zip(s[turned[turned].index], read[turned[turned].index].astype(int), strict=True)
                        )
                        shown = [f"{text} = {point}" for text, point in list(flipped.items())[:5]]
                        notes.append(
                            (
                                "ingest.notice.scale_reversed",
                                {"n": int(turned.sum()), "answers": listed(shown, len(flipped) > 5)}
                                | reversed_values(f.min_value, f.max_value),
                            )
                        )
                # the whole column runs one way: a number alone (or with words the portal does not know) on a
                # scale whose labels say 1 is the best is turned too, never kept as it stands beside them
                by_number = pd.Series(False, index=s.index)
                by_number[read.index] = ~by_label.reindex(read.index, fill_value=False)
                alone = alone | by_number
                if direction == REVERSED and alone.any():
                    number[alone] = f.min_value + f.max_value - number[alone]
                    values = {"n": int(alone.sum())} | reversed_values(f.min_value, f.max_value)
                    notes.append(("ingest.notice.scale_reversed_numbers", values))
                elif direction == MIXED and alone.any() and file_errors is not None:
                    file_errors.append(("ingest.file.scale_mixed", {"column": col, "n": int(alone.sum())}))
        if f.skip_codes and f.min_value is not None and f.max_value is not None:
            codes = skip_codes(number, f.min_value, f.max_value)
            if codes.any():  # a survey tool's "no answer": blank, said once per column
                found = sorted({int(x) for x in number[codes]})
                notes.append(("ingest.notice.skip_codes", {"n": int(codes.sum()), "codes": listed(found)}))
                number, blank = number.where(~codes), blank | codes
        bad = ~blank & number.isna()
        scale = f.type == "int" and f.min_value is not None and f.max_value is not None and f.max_value <= 10
        checked = scale or (f.score_scale and f.min_value is not None and f.max_value is not None)
        judged = number if own_max is None else number.where(~own_max)
        header = None
        if checked and maxima is not None and file_errors is not None:
            header = header_max_agreement(col, f.min_value, f.max_value, number, maxima)
            if isinstance(header, tuple):  # 得分（满分10分） beside 满分 20: which maximum is meant?
                words, n, tops = header
                values = {"column": col, "scale": words, "max_column": max_column, "n": n}
                file_errors.append(
                    (
                        "ingest.file.header_max_disagrees",
                        values | {"maxima": listed([f"{x:g}" for x in tops])},
                    )
                )
        refused = isinstance(header, tuple)
        if (
            checked
            and file_errors is not None
            and (refused or _other_scale(f, col, judged, file_errors, header=header is not True))
        ):
            # refused as a whole, not by row
            typed[f.name] = pd.Series(pd.NA, index=s.index, dtype="Int64" if f.type == "int" else "Float64")
            return notes
        if scale:  # words that are no answer the portal knows: not "not a whole number"
            errors.add(
                bad[bad].index,
                col,
                "ingest.error.not_a_scale_answer",
                s,
                detail=f"{_fmt_bound(f.min_value)}–{_fmt_bound(f.max_value)}",
            )
        else:
            errors.add(
                bad[bad].index,
                col,
                "ingest.error.not_integer" if f.type == "int" else "ingest.error.not_number",
                s,
            )
        if f.type == "int":
            not_whole = ~blank & number.notna() & (number != np.floor(number.fillna(0)))
            errors.add(not_whole[not_whole].index, col, "ingest.error.not_integer", s)
            bad = bad | not_whole
        low = f.min_value if f.min_value is not None else -np.inf
        high = f.max_value if f.max_value is not None else np.inf
        if f.type == "int":  # stored as INTEGER: a value beyond it is a row error here, not a failed commit
            low, high = max(low, INT32_MIN), min(high, INT32_MAX)
        out_of_range = ~bad & number.notna() & ~number.between(low, high)
        if own_max is not None:  # a score with its own maximum (17/20, 150 of 满分 200) is judged by the kind
            out_of_range &= ~(own_max.reindex(number.index, fill_value=False).astype(bool) & number.ge(low))
        errors.add(
            out_of_range[out_of_range].index,
            col,
            "ingest.error.out_of_range",
            s,
            detail=f"{_fmt_bound(low)}–{_fmt_bound(high)}",
        )
        number = number.where(~(bad | out_of_range))
        typed[f.name] = number.round().astype("Int64") if f.type == "int" else number.astype("Float64")
        return notes
    elif f.type == "choice":
        mapped = map_choices(s, f.choices or {})
        bad = ~blank & mapped.isna()
        if f.lenient:
            typed[f.name] = shared_objects(mapped.where(~(bad | blank), f.unknown_value))
            return []
        # the accepted values as the template in the reader's language writes them (是、否 in Chinese)
        values = sorted(set((f.choices or {}).values()))
        allowed = Both(listed(values).en, listed([zh_choice(f, v) for v in values]).zh)
        errors.add(
            bad[bad].index, col, "ingest.error.unknown_choice", s, detail=values_detail(detail=allowed)
        )
        typed[f.name] = shared_objects(mapped.where(~bad, None))
    elif f.type in ("timestamp", "date"):
        placeholder_notes: list = []
        if f.lenient:  # a later stamp given as "no stamp" (0000-00-00, the epoch, Excel's 0): blank, said
            no_stamp = no_stamp_cells(s)
            if no_stamp.any():
                s = s.where(~no_stamp, "")
                placeholder_notes.append(("ingest.notice.no_stamp_placeholders", {"n": int(no_stamp.sum())}))
        midnight = column_day_first = seen = None
        if decisions is not None:
            midnight = decisions.midnight.get(f.name)
            column_day_first = decisions.column_day_first.get(f.name)
            seen = decisions.seen["columns"].setdefault(f.name, {})
        stamps = parse_timestamps(
            s, timezone, now_utc, day_first, midnight, column_day_first, seen, source_zone=source_zone
        )
        if decisions is not None:  # (some naive stamp with a time, all at midnight, read as date-only)
            decisions.seen["midnight"][f.name] = (
                stamps.naive_timed,
                stamps.all_midnight,
                stamps.midnight_column,
            )
        floor = pd.Timestamp(date_floor())
        future = stamps.future & (not f.future_ok)
        early = ~(stamps.bad | future) & stamps.local_date.notna() & (stamps.local_date < floor)
        keep = ~(stamps.bad | future | early)
        # which of the unreadable cells name a day that does not exist or a zone by its letters: said so
        why = why_unreadable(s[stamps.bad])
        if not f.lenient:
            for reason, cells in why.groupby("reason", sort=False):
                errors.add(cells.index, col, reason, s, detail=cells["detail"])
            errors.add(future[future].index, col, "ingest.error.future", s)
            errors.add(early[early].index, col, "ingest.error.before_floor", s, detail=f"{floor:%Y-%m-%d}")
        elif not keep.all():
            typed[f"{f.name}_left_out"] = ~keep
            # why each was left out (complaints_order.check_order says it per reason, with the rows)
            left_why = pd.Series(None, index=s.index, dtype=object)
            left_why[why.index] = why["reason"].map(LEFT_OUT_WHY)
            left_why[future] = "future"
            left_why[early] = "before_floor"
            typed[f"{f.name}_left_out_why"] = left_why
        if f.type == "date":
            typed[f.name] = stamps.local_date.where(keep)
            if f.keeps_time:
                typed[f"{f.name}_written_at"] = stamps.written.where(keep & ~stamps.date_only)
        else:
            typed[f.name] = stamps.utc.where(keep)
            typed[f"{f.name}_date_only"] = stamps.date_only & keep
            typed[f"{f.name}_local_date"] = stamps.local_date.where(keep)
        notes = placeholder_notes + (["ingest.notice.date_only_column"] if stamps.midnight_column else [])
        order = order_notice(stamps.order_note, stamps.order_examples)
        if order is not None:
            notes.append(order)
        if stamps.naive_count and source_zone is not None:  # the export says which zone its times are in
            notes.append(("ingest.notice.export_zone", {"n": stamps.naive_count, "zone": source_zone}))
        elif (
            stamps.naive_count
        ):  # issue 9: the zone these stamps were read in, said (and changeable) before commit
            # the zone by the name the preview's caption gives it (北京时间, not Asia/Shanghai), in either language
            notes.append(
                ("ingest.notice.zone_assumed", {"n": stamps.naive_count, "zone": zones.zone_names(timezone)})
            )
        if (
            stamps.clock_change
        ):  # complaint probe: an hour skipped or repeated by a change of the clock, unsaid
            rows = stamps.clock_change
            shown = listed(rows[:10], more=len(rows) > 10)
            zone_used = source_zone or timezone
            notes.append(("ingest.notice.clock_change", {"n": len(rows), "rows": shown, "zone": zone_used}))
        return notes
    return []


def _own_max(text: pd.DataFrame, f: Field) -> pd.Series | None:
    """Each row's own maximum of its ``f`` score in the file (``Field.max_field``: a number above 0 in that column's
    cell, 满分 10 beside 得分 8; NaN where none); None when the field has no such column."""
    if f.max_field is None or f.max_field not in text.columns:
        return None
    cells, _ = clean_cells(text[f.max_field].fillna("").astype(str))
    maxima = parse_number(cells).astype("float64")
    return maxima.where(maxima > 0)


def _other_scale(f: Field, col: str, number: pd.Series, file_errors: list, header: bool = True) -> bool:
    """Whether the column of rating field ``f`` is on another scale than the field's, as its header states
    (``（1-7分）``, ``7分制``) or its answers show (several above the field's top): said once, as a problem of the
    whole file that skipping invalid rows cannot pass, never as each row's "outside the range". A 0-100 score
    (``Field.score_scale``) whose every score is 10 or below is on a small scale (``scales.smaller_scale``)."""
    expected = f"{_fmt_bound(f.min_value)}–{_fmt_bound(f.max_value)}"
    label = Both(f.label("en"), f.label("zh"))
    words = other_header_scale(col, f.min_value, f.max_value) if header else None
    if words is not None:
        file_errors.append(
            (
                "ingest.file.other_scale_header",
                {"column": col, "scale": words, "field": label, "expected": expected},
            )
        )
        return True
    smaller = smaller_scale(number, f.max_value)
    if smaller is not None:  # a 0-100 score given as 0.85, or out of 5 or 10
        top, n, most = smaller
        converted = f"{most * f.max_value / top:g}"
        values = {"column": col, "n": n, "top": top, "most": f"{most:g}", "as_expected": converted}
        file_errors.append(
            ("ingest.file.smaller_scale_values", values | {"field": label, "expected": expected})
        )
        return True
    options = option_numbers(number, f.min_value, f.max_value) if f.other_scales_refused else None
    if options is not None:  # a 0-10 question's options numbered 1-11: each answer one point too high
        last = int(f.max_value) + 1
        values = {"column": col, "n": options, "low": _fmt_bound(f.min_value), "last": last}
        file_errors.append(("ingest.file.option_numbers", values | {"field": label, "expected": expected}))
        return True
    beyond = answers_beyond(number, f.min_value, f.max_value)
    if beyond is not None:
        n, most = beyond
        values = {"column": col, "n": n, "top": _fmt_bound(f.max_value), "most": most}
        file_errors.append(
            ("ingest.file.other_scale_values", values | {"field": label, "expected": expected})
        )
        return True
    return False


def _fmt_bound(x: float) -> str:
    if np.isinf(x):
        return "∞" if x > 0 else "−∞"
    return str(int(x)) if float(x).is_integer() else str(x)


def duplicate_keys(values: pd.DataFrame, key_fields: tuple[str, ...], errors: ErrorLog, column: str) -> None:
    """A natural key seen again inside the file: every repeat after the first is an error naming the first."""
    keys = [k for k in key_fields if k in values.columns]
    if not keys:
        return
    frame = values[keys]
    complete = frame.notna().all(axis=1)
    frame = frame[complete]
    dup = frame.duplicated(keep="first")
    if not dup.any():
        return
    rows = dup[dup].index
    # column-wise (issue 14: a row-wise join of every key took 30 s for 300,000 rows with many repeats)
    first_row = pd.Series(frame.index, index=frame.index).groupby([frame[k] for k in keys], sort=False)
    first_row = first_row.transform("min").loc[rows]
    errors.add(rows, column, "ingest.error.duplicate", key_text(frame.loc[rows, keys]), detail=first_row)
