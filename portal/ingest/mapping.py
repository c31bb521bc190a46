"""Column mapping: which column of the file feeds which field, suggested, chosen, saved and offered again."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from portal.i18n import Both, listed, t
from portal.ingest.cells import NOT_RATED, PLACEHOLDERS, digit_stamps, parse_number, simple_numbers
from portal.ingest.header import column_label, repeated_names
from portal.ingest.header_words import (  # noqa: F401 - normalise_header, header_words re-exported
    as_written,
    ask_gap,
    asks_whether,
    contains_words,
    ends_with_noun,
    header_words,
    is_business_hours,
    is_duration,
    is_grouping,
    is_name_part,
    normalise_header,
)
from portal.ingest.kinds import Kind
from portal.ingest.label_scales import scale_points
from portal.ingest.saved_mappings import (  # noqa: F401 - re-exported: callers name them mapping.*
    SavedMapping,
    best_saved_mapping,
    load_mapping,
    save_mapping,
    saved_mappings,
)
from portal.ingest.split_stamps import only_dates, stamp_field, time_columns, time_key
from portal.ingest.values import suggest_value

SAMPLE_ROWS = 1000  # the values a suggestion looks at: the file's first rows
_SAMPLE_VALUES = 100  # ... and at most this many distinct values of a column (a choice column has a few)


def _sample_values(frame: pd.DataFrame | None, header: str) -> list[str]:
    """The distinct non-blank cells of a column in the file's first rows (placeholders such as N/A left out)."""
    if frame is None or header not in frame.columns:
        return []
    cells = frame[header].iloc[:SAMPLE_ROWS].dropna().astype(str).str.strip()
    return [v for v in pd.unique(cells) if v and v.casefold() not in PLACEHOLDERS]


def _unique(frame: pd.DataFrame, header: str) -> bool:
    """Every non-blank cell of the column's first rows differs from the others (as an id's do)."""
    cells = frame[header].iloc[:SAMPLE_ROWS].dropna().astype(str).str.strip()
    cells = cells[cells != ""]
    return not cells.empty and not cells.duplicated().any()


def _looks_like_choice(kind: Kind, values: list[str]) -> str | None:
    """The choice field whose values these mostly are (more than half of the distinct values that are not plain
    numbers are its spellings or synonyms: "Email", "Phone", "Portal" are channels), else None."""
    values = values[:_SAMPLE_VALUES]
    words = [
        v
        for v, number in zip(values, simple_numbers(pd.Series(values, dtype=object)), strict=True)
        if not number
    ]
    if not words:
        return None
    for f in kind.fields:
        if f.type == "choice" and 2 * sum(suggest_value(f, v) is not None for v in words) > len(words):
            return f.name
    return None


def _values_are(kind: Kind, f, frame: pd.DataFrame | None, header: str) -> bool:
    """Whether a column's values are ``f``'s, for a field with values (a header naming it by a head noun may
    name something else: 订单状态 is an order's, 会员类型 a customer's): a choice field's spellings, or text its
    ``suggest`` puts in a group, in more than half of the distinct values. A field without values: True."""
    if not f.has_values:
        return True
    values = _sample_values(frame, header)[:_SAMPLE_VALUES]
    if f.type == "choice":
        return bool(values) and _looks_like_choice(kind, values) == f.name
    return f.suggest is not None and 2 * sum(f.suggest(v) is not None for v in values) > len(values)


def _mostly_plain_numbers(values: list[str]) -> bool:
    """More than half of the values are numbers that are no stamp (a duration, a count): Unix time, compact
    dates and Excel serial date-times (``cells.DIGIT_STAMP``) are stamps."""
    cells = pd.Series(values, dtype=object)
    plain = simple_numbers(cells) & ~digit_stamps(cells) & (cells != "").to_numpy(dtype=bool)
    return 2 * int(plain.sum()) > len(values)


def _mostly_numbers(values: list[str], f=None) -> bool:
    """Most values are numbers; for a rating-scale field (``f``, validation's rule) a point given as its
    option's text ("5 - Very satisfied", "非常满意") counts as one."""
    if not values:
        return True
    cells = pd.Series(values, dtype=object)
    number = parse_number(cells)
    if f is not None and f.type == "int" and f.min_value is not None and f.max_value is not None:
        if f.max_value <= 10:
            number = number.where(number.notna(), scale_points(cells, f.min_value, f.max_value))
    return 2 * int(number.notna().sum()) >= len(values)


def _rating_points(values: list[str], f) -> bool:
    """Whether a column's values are rating field ``f``'s points (``Field.rating_aliases``): more than half of
    its distinct rated values are a point of ``f.min_value``-``f.max_value`` (a whole number, or a label or stars
    ``scale_points`` reads) and no number lies off that scale (a 1-10 score is another scale's)."""
    values = [v for v in values[:_SAMPLE_VALUES] if v.casefold() not in NOT_RATED]
    if not values:
        return False
    cells = pd.Series(values, dtype=object)
    number = parse_number(cells)
    on_scale = number.between(f.min_value, f.max_value) & (number % 1 == 0)
    if (number.notna() & ~on_scale).any():
        return False
    read = on_scale | scale_points(cells, f.min_value, f.max_value).notna()
    return 2 * int(read.sum()) > len(values)


# Headers that name a choice field in some exports and something else in others: suggested only for a column
# whose values are mostly that field's (a 311 export's "State" is a US state; f07's "state" holds 已撤销, 处理中)
_ALIASES_CONFIRMED_BY_VALUES = {"status": ("state",)}


def suggest_mapping(
    kind: Kind, headers: list[str], frame: pd.DataFrame | None = None
) -> dict[str, str | None]:
    """For each field, the file column most likely meant: exact template/alias headers first, then a header
    holding a template header or alias as whole words ("Date Received (local)" holds "date received"; never a
    piece of a word: "NC" is not "urgency", "RequestSource" not "source"), the longest alias first. A
    suggestion the user confirms in the form; each column is used once.

    A header naming a unit of time (minutes, hrs, 时长 ...) is a duration, never suggested for a stamp but for a
    duration field (not one in business hours: ``is_business_hours``), and only such a header; one naming a
    group ("Q2_NPS_GROUP", "NPS category", 分组) holds classes, never suggested for a number. Given the
    file's cells (``frame``; its first rows are looked at), a stamp is not suggested a column whose values are
    mostly numbers that are no stamp (Unix time, compact dates and Excel serials are stamps: ``cells.DIGIT_STAMP``), a number
    field is not suggested a column whose values are mostly not numbers (Zendesk's "Satisfaction Score": good / bad / offered) unless the header is the
    field's own template header (its words are then the rows' errors), and a text field not a column whose
    values are mostly a choice field's values, template header or not (Freshdesk's "Source": Email, Phone,
    Portal are channels): that column is suggested for the choice field when it has none. Last, a header left
    over that a field lists among its ``leftover_aliases`` goes to it when the file has the paired field's column
    (QA's 得分 beside 总分 and 评分项 is the criterion score). A header that may mean something else is suggested
    only when its values are the field's (``_ALIASES_CONFIRMED_BY_VALUES``: "state" holding 已撤销, 处理中 is the
    status; a "State" of CA, NY is a US state), and one a rating field lists among its ``rating_aliases`` only when
    its values are the rating's points (a work order's 评价结果 of 满意 / 非常满意, not of 好评 / 差评)."""
    words = {h: header_words(h) for h in headers}
    values: dict[str, list[str]] = {}
    looks_like: dict[str, str | None] = {}

    def fits(f, h: str) -> bool:
        if f.type == "duration":  # a header naming a duration, never one in business hours (no moment)
            return is_duration(words[h]) and not is_business_hours(words[h])
        if f.type in ("timestamp", "date") and is_duration(words[h]):
            return False
        if f.type in ("int", "number") and is_grouping(words[h]):
            return False
        if f.name == "name" and is_name_part(words[h]):
            return False
        if frame is None or f.type not in ("int", "number", "text", "timestamp", "date"):
            return True
        if h not in values:
            values[h] = _sample_values(frame, h)
        # a column under the field's own template header is taken as it is: a word in a number column, a
        # number in a stamp column is the row's error, said (tests/test_bad_files.py)
        template = normalise_header(h) in (normalise_header(f.name), normalise_header(f.header_zh))
        if f.type in ("timestamp", "date"):
            return template or not _mostly_plain_numbers(values[h])
        if f.type in ("int", "number"):
            return template or _mostly_numbers(values[h], f)
        if h not in looks_like:
            looks_like[h] = _looks_like_choice(kind, values[h])
        # an id column keeps its header even when its values read as a choice's (tickets P1, P2 are no
        # priorities: a derived id instead would change with the next export's status): an id differs per row
        return looks_like[h] is None or (
            f.name.endswith("_id") and f.name in kind.key_fields and _unique(frame, h)
        )

    by_norm: dict[str, str] = {}
    for h in headers:
        by_norm.setdefault(normalise_header(h), h)
    chosen: dict[str, str | None] = {f.name: None for f in kind.fields}
    used: set[str] = set()
    for f in kind.fields:
        for candidate in f.headers:
            h = by_norm.get(normalise_header(candidate))
            if h is not None and h not in used and fits(f, h):
                chosen[f.name] = h
                used.add(h)
                break
    by_written: dict[str, str] = {}
    for h in headers:
        by_written.setdefault(as_written(h), h)

    def takeas_written(aliases_of) -> None:
        # a tool's header, as written, for a field still without a column (kinds.Field.tool_aliases)
        for f in kind.fields:
            for alias in aliases_of(f) if chosen[f.name] is None else ():
                h = by_written.get(as_written(alias))
                if h is not None and h not in used and fits(f, h):
                    chosen[f.name] = h
                    used.add(h)
                    break

    takeas_written(lambda f: f.tool_aliases)
    offers = []  # (0 whole words, 1 a head noun, 2 a question; alias length in words, field order, header order, field, header)
    for fi, f in enumerate(kind.fields):
        if chosen[f.name] is not None:
            continue
        for candidate in f.headers:
            alias = header_words(candidate)
            for hi, h in enumerate(headers):
                if h not in used and contains_words(words[h], alias) and fits(f, h):
                    offers.append((0, -len(alias), fi, hi, f.name, h))
        for noun in f.head_nouns:  # 投诉门店, 受理渠道: after every whole-word match
            for hi, h in enumerate(headers):
                if (
                    h not in used
                    and ends_with_noun(words[h], noun)
                    and not asks_whether(h)
                    and fits(f, h)
                    and _values_are(kind, f, frame, h)
                ):
                    offers.append((1, -1, fi, hi, f.name, h))
        # 问卷星 "2、您对本次服务的总体满意度：": after the head nouns, the tightest question first
        for hi, h in enumerate(headers):
            gap = ask_gap(f, h) if h not in used else None
            if gap is not None and fits(f, h) and _values_are(kind, f, frame, h):
                offers.append((2, gap, fi, hi, f.name, h))
    for *_, name, h in sorted(offers):
        if chosen[name] is None and h not in used:
            chosen[name] = h
            used.add(h)
    # a header left over after every field's own (得分 beside 总分) may be a field's that has none yet
    for f in kind.fields:
        for alias, beside in f.leftover_aliases:
            h = by_norm.get(normalise_header(alias))
            if (
                chosen[f.name] is None
                and chosen.get(beside)
                and h is not None
                and h not in used
                and fits(f, h)
            ):
                chosen[f.name] = h
                used.add(h)
    # a header that names the field only when its values say so (f07's "state": 已撤销, 处理中)
    for name, aliases in _ALIASES_CONFIRMED_BY_VALUES.items():
        if frame is None or name not in chosen or chosen[name] is not None:
            continue  # no cells to look at, no such field in this kind, or the field has its column
        for alias in aliases:
            h = by_norm.get(normalise_header(alias))
            if h is not None and h not in used and _looks_like_choice(kind, _sample_values(frame, h)) == name:
                chosen[name] = h
                used.add(h)
                break
    # a header that names a rating only when its values are the rating's points (a work order's 评价结果)
    for f in kind.fields:
        for alias in f.rating_aliases if frame is not None and chosen[f.name] is None else ():
            h = by_norm.get(normalise_header(alias))
            if h is not None and h not in used and _rating_points(_sample_values(frame, h), f):
                chosen[f.name] = h
                used.add(h)
                break
    # a column a text field's header matched but whose values are a choice field's goes to that field
    for h in headers:
        name = looks_like.get(h)
        if name and h not in used and chosen[name] is None:
            chosen[name] = h
            used.add(h)
    # last, a tool's header that names other things elsewhere, as written, for a field still without a column
    takeas_written(lambda f: f.fallback_aliases)
    chosen.update(_time_columns(kind, headers, frame, chosen, used))
    return chosen


# a date header and its time-of-day header differ by one word: 受理日期 / 受理时刻, Date Received / Time Received
_DATE_TIME_WORDS = (("date", ("time",)), ("日期", ("时间", "时刻")))


def _as_time_headers(date_header: str) -> list[tuple[str, ...]]:
    """The words a time column beside ``date_header`` would have as its header (受理日期 -> 受理时间, 受理时刻)."""
    words = header_words(date_header)
    out = []
    for i, w in enumerate(words):
        for date_word, time_words in _DATE_TIME_WORDS:
            if date_word in w:
                out += [words[:i] + (w.replace(date_word, tw),) + words[i + 1 :] for tw in time_words]
    return out


def _time_columns(
    kind: Kind, headers: list[str], frame: pd.DataFrame | None, chosen: dict[str, str | None], used: set[str]
) -> dict[str, str | None]:
    """A stamp split over a date column and a time-of-day column (受理日期 + 受理时刻 "14:03:27"): for each timestamp
    field, the time column (under ``split_stamps.time_key``) when the field's column holds dates only and a
    column left over holds times of day only and pairs with it (its header is the date's with 日期 / date made
    时间, 时刻 / time, or one of the field's own headers). A field suggested a column of times only (受理时间 is
    received_at's alias) takes the date column it pairs with instead; a field without a column takes a pair
    whose time header, or the one the date header makes (受理日期 -> 受理时间), is the field's. Changes
    ``chosen`` and ``used``; returns the time columns."""
    stamp_fields = [f for f in kind.fields if f.type == "timestamp"]
    if frame is None or not stamp_fields:
        return {}
    times = [h for h in time_columns(frame, headers, SAMPLE_ROWS) if not is_duration(header_words(h))]
    if not times:
        return {}

    def pair(date_header: str, time_header: str) -> bool:
        return header_words(time_header) in _as_time_headers(date_header)

    # (a column is read as stamps only when it is a stamp's or a time column pairs with it: the suggestion stays
    # quick)
    stamp_columns = {chosen[f.name] for f in stamp_fields}
    dates = [
        h
        for h in headers
        if h not in times
        and (h in stamp_columns or any(pair(h, t) for t in times))
        and only_dates(_sample_values(frame, h))
    ]

    def names(f, *words: tuple[str, ...]) -> bool:
        own = {header_words(h) for h in f.headers}
        return any(w in own for w in words)

    out: dict[str, str | None] = {}
    for f in stamp_fields:
        column = chosen[f.name]
        if column in times:  # the field's own header holding times: the date column beside it
            found = [(d, column) for d in dates if d not in used and pair(d, column)]
        elif column in dates:
            found = [
                (column, t) for t in times if t not in used and (pair(column, t) or names(f, header_words(t)))
            ]
        elif column is None:
            found = [
                (d, t)
                for d in dates
                for t in times
                if d not in used
                and t not in used
                and pair(d, t)
                and names(f, header_words(d), header_words(t), *_as_time_headers(d))
            ]
        else:
            continue
        if found:
            d, t = found[0]
            chosen[f.name] = d
            out[time_key(f.name)] = t
            used.update((d, t))
    return out


def apply_mapping(frame: pd.DataFrame, mapping: Mapping[str, str | None]) -> pd.DataFrame:
    """The file's text cells under field names (only the fields that are mapped)."""
    cols = {field: column for field, column in mapping.items() if column}
    out = pd.DataFrame({field: frame[column] for field, column in cols.items()}, index=frame.index)
    return out


def check_mapping(
    kind: Kind, headers: list[str], mapping: Mapping[str, str | None]
) -> list[tuple[str, dict]]:
    """Problems of the mapping itself: unknown fields, columns not in the file, a column used twice,
    required fields not mapped. Each is (i18n key, values)."""
    problems: list[tuple[str, dict]] = []
    names = set(kind.field_names)
    labels = {f.name: f for f in kind.fields}
    for field_name, column in mapping.items():
        stamp = stamp_field(field_name)
        if field_name not in names and not (stamp in labels and labels[stamp].type == "timestamp"):
            problems.append(("ingest.mapping.unknown_field", {"field": field_name}))
        elif column and column not in headers:
            problems.append(
                ("ingest.mapping.no_such_column", {"field": field_name, "column": column_label(column)})
            )
        elif column and stamp and not mapping.get(stamp):  # a time of day with no date to complete
            f = labels[stamp]
            problems.append(
                (
                    "ingest.mapping.time_without_date",
                    {"column": column_label(column), "label": Both(f.label("en"), f.label("zh"))},
                )
            )
    used: dict[str, list[str]] = {}
    for field_name, column in mapping.items():
        if column:
            used.setdefault(column, []).append(field_name)
    for column, fields in used.items():
        if len(fields) > 1:
            problems.append(
                (
                    "ingest.mapping.column_twice",
                    {
                        "column": column_label(column),
                        "fields": Both(
                            ", ".join(_key_label(labels, f, "en") for f in fields),
                            "、".join(_key_label(labels, f, "zh") for f in fields),
                        ),
                    },
                )
            )
    # a column whose name the file gives more than one column (header.name_repeats): which one is meant is unknown
    repeated = repeated_names(headers)
    for field_name, column in mapping.items():
        if column in repeated:
            name = repeated[column]
            same = [h for h in headers if repeated.get(h, "").casefold() == name.casefold()]
            problems.append(
                (
                    "ingest.mapping.repeated_name",
                    {
                        "name": name,
                        # each language names the columns its own way: 备注 (column 4) / 备注(第 4 列)
                        "columns": listed(column_label(h) for h in same),
                        "column": column_label(column),
                        "label": Both(
                            _key_label(labels, field_name, "en"), _key_label(labels, field_name, "zh")
                        ),
                    },
                )
            )
    for name in kind.required_fields:
        if not mapping.get(name):
            f = labels[name]
            problems.append(
                (
                    "ingest.mapping.required_missing",
                    {"field": name, "label": Both(f.label("en"), f.label("zh"))},
                )
            )
    return problems


def _key_label(labels: Mapping, key: str, lang: str) -> str:
    """A mapping key as the form names it: a field's label, a time column's "<label>: time of day"."""
    stamp = stamp_field(key)
    if stamp in labels:
        return t("ingest.mapping.time_of", lang, label=labels[stamp].label(lang))
    return labels[key].label(lang) if key in labels else key


# ---------------------------------------------------------------- mapping numbered fields by pattern
def pattern_regex(pattern: str) -> re.Pattern:
    """``E{n}`` / ``Q{n}*期望`` -> a regex over headers: ``{n}`` a number (leading zeros allowed), ``*`` any
    text, a space any spacing; case does not matter."""
    parts = []
    for token in re.split(r"(\{n\}|\*|\s+)", pattern.strip()):
        if token == "{n}":
            parts.append(r"0*(?P<n>\d+)")
        elif token == "*":
            parts.append(r".*?")
        elif token and token.isspace():
            parts.append(r"\s*")
        elif token:
            parts.append(re.escape(token))
    return re.compile("^" + "".join(parts) + "$", re.IGNORECASE)


def is_pattern(field_name: str) -> bool:
    return "{n}" in field_name


def expand_patterns(
    kind: Kind, headers: list[str], patterns: Mapping[str, str]
) -> tuple[dict[str, str], list[tuple[str, dict]]]:
    """Map numbered fields in one step: ``{"e{n}": "E{n}"}`` maps e1, e2 ... to the columns E1, E2 ... in
    whatever order the file has them. A number the kind has no field for is left unmapped (the kind's check may
    call that a problem). Returns the mapping and the problems (i18n key, values)."""
    out: dict[str, str] = {}
    problems: list[tuple[str, dict]] = []
    names = set(kind.field_names)
    for field_pattern, column_pattern in patterns.items():
        if not is_pattern(field_pattern) or not is_pattern(column_pattern):
            problems.append(("ingest.mapping.pattern_bad", {"pattern": f"{field_pattern}={column_pattern}"}))
            continue
        regex = pattern_regex(column_pattern)
        found: dict[int, list[str]] = {}
        for h in headers:
            m = regex.match(str(h).strip())
            if m:
                found.setdefault(int(m.group("n")), []).append(h)
        if not found:
            problems.append(("ingest.mapping.pattern_no_match", {"pattern": column_pattern}))
            continue
        for n, columns in sorted(found.items()):
            field_name = field_pattern.replace("{n}", str(n))
            if len(columns) > 1:
                problems.append(
                    ("ingest.mapping.pattern_twice", {"field": field_name, "columns": listed(columns)})
                )
            elif field_name in names:
                out[field_name] = columns[0]
    return out, problems
