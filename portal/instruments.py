"""Survey instruments (questionnaire versions): read, check, add, load.

An instrument has dimensions (code, names in both languages, default importance weight) and numbered items
(1..N, each in one dimension, text in both languages), answered on a scale (1-7 by default). Migration 002 ships
the default, SERVQUAL22 version 1 (22 items in the five RATER dimensions). An admin adds another from a file
(``python -m portal instrument add FILE``) or in the Survey instruments page; adding a code that exists makes
its next version, so surveys already imported keep the version they were answered on.

Definition files
----------------
- JSON: ``{"instrument_code", "name_en", "name_zh", "scale_min", "scale_max",
  "dimensions": [{"code", "name_en", "name_zh", "weight"}...], "items": [{"item_no", "dimension", "text_en",
  "text_zh"}...]}`` (scale and weights optional).
- CSV or XLSX, one row per item, with the columns of ``FILE_COLUMNS``; the instrument and dimension columns
  repeat on every row (the first non-blank value counts, a contradiction is an error). The instrument's name may
  also come as ``instrument_name`` or ``name`` (JSON: ``name``).
- Items are numbered 1..N, or named by any code (issue 9): ``item_no`` cells that are not all whole numbers, or
  an ``item_code`` column (JSON: ``code`` / ``item_code``), number the items 1..N in file order and keep each
  code; survey files then name answer columns by the code (``E_T1``, ``T1 P``, ``期望T1``, ...).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import PurePath
from typing import Any

from portal import writes
from portal.i18n import listed, t
from portal.ingest.reading import FileRefused, read_upload
from portal.instrument_items import cell_text, item_names, json_item_names

CODE_RE = re.compile(r"^[A-Z][A-Z0-9_-]{1,39}$")
DIMENSION_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
SCALE_LIMITS = (1, 7)  # servqual_answers holds 1..7 (migration 001)
MAX_ITEMS = 200

FILE_COLUMNS = (
    "instrument_code",
    "instrument_name_en",
    "instrument_name_zh",
    "scale_min",
    "scale_max",
    "item_no",
    "item_code",
    "dimension_code",
    "dimension_name_en",
    "dimension_name_zh",
    "dimension_weight",
    "text_en",
    "text_zh",
)
REQUIRED_FILE_COLUMNS = ("item_no", "dimension_code", "text_en")
# Items are named by numbers 1..N or by any codes (issue 9): a file whose item_no cells are not all whole numbers
# (or that has an item_code column) numbers its items 1..N in file order and keeps each cell as the item's code.
EDITOR_COLUMNS = (
    "item_no",
    "item_code",
    "dimension_code",
    "dimension_name_en",
    "dimension_name_zh",
    "dimension_weight",
    "text_en",
    "text_zh",
)


@dataclass(frozen=True)
class Dimension:
    code: str
    name_en: str
    name_zh: str
    weight: float | None = None  # default importance points; None = equal shares

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


@dataclass(frozen=True)
class Item:
    item_no: int  # 1..N within the instrument: what the stored answers refer to
    dimension_code: str
    text_en: str
    text_zh: str
    code: str = (
        ""  # the questionnaire's own name of the item (T1, REL-2, Q5a); "" when its number is its name
    )

    def text(self, lang: str) -> str:
        return self.text_zh if lang == "zh" else self.text_en

    @property
    def label(self) -> str:
        """The item's name as people know it: its code, else its number."""
        return self.code or str(self.item_no)


@dataclass(frozen=True)
class Instrument:
    code: str
    name_en: str
    name_zh: str
    dimensions: tuple[Dimension, ...]
    items: tuple[Item, ...]
    scale_min: int = 1
    scale_max: int = 7
    instrument_id: int | None = None  # None until stored
    version: int | None = None
    is_default: bool = False

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en

    @property
    def label(self) -> str:
        return f"{self.code} v{self.version}" if self.version is not None else self.code

    @property
    def item_numbers(self) -> tuple[int, ...]:
        return tuple(i.item_no for i in self.items)

    def dimension(self, code: str) -> Dimension:
        for d in self.dimensions:
            if d.code == code:
                return d
        raise KeyError(code)

    def items_of(self, dimension_code: str) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.dimension_code == dimension_code)


@dataclass
class InstrumentError(ValueError):
    """The definition cannot be stored; ``problems`` are (i18n key, values) pairs, all of them at once."""

    problems: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def __str__(self) -> str:

        return "; ".join(t(key, "en", **values) for key, values in self.problems)


# ---------------------------------------------------------------- reading a definition


def _number(value, key: str, problems, **where) -> float | None:
    text = cell_text(value)
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        problems.append((key, {"value": text, **where}))
        return None


def from_rows(
    rows: Sequence[Mapping[str, Any]],
    *,
    code: str | None = None,
    name_en: str | None = None,
    name_zh: str | None = None,
) -> Instrument:
    """An instrument from flat rows (one per item, columns of ``FILE_COLUMNS``); raises InstrumentError."""
    problems: list[tuple[str, dict]] = []
    if not rows:
        raise InstrumentError([("inst.err.no_items", {})])
    columns = set().union(*(r.keys() for r in rows))
    if "item_code" in columns and "item_no" not in columns:
        rows = [{**r, "item_no": r.get("item_code")} for r in rows]
        columns = columns | {"item_no"}
    missing = [c for c in REQUIRED_FILE_COLUMNS if c not in columns]
    if missing:
        raise InstrumentError([("inst.err.missing_columns", {"columns": listed(missing)})])

    def first(col: str) -> str:
        values = {cell_text(r.get(col)) for r in rows} - {""}
        if len(values) > 1:
            problems.append(("inst.err.contradiction", {"column": col, "values": listed(sorted(values))}))
        return min(values) if values else ""

    scale_min = _number(first("scale_min"), "inst.err.bad_number", problems, column="scale_min")
    scale_max = _number(first("scale_max"), "inst.err.bad_number", problems, column="scale_max")
    dims: dict[str, dict[str, Any]] = {}
    items: list[Item] = []
    named = item_names(rows, problems)
    for index, r in enumerate(rows, start=2):
        dim = cell_text(r.get("dimension_code")).lower()
        if index - 2 not in named:
            continue
        item_no, item_code = named[index - 2]
        entry = dims.setdefault(dim, {"name_en": set(), "name_zh": set(), "weight": set()})
        for col, key in (
            ("dimension_name_en", "name_en"),
            ("dimension_name_zh", "name_zh"),
            ("dimension_weight", "weight"),
        ):
            if cell_text(r.get(col)):
                entry[key].add(cell_text(r.get(col)))
        items.append(Item(item_no, dim, cell_text(r.get("text_en")), cell_text(r.get("text_zh")), item_code))
    dimensions = []
    for dim, entry in dims.items():
        for key in ("name_en", "name_zh", "weight"):
            if len(entry[key]) > 1:
                problems.append(
                    (
                        "inst.err.dimension_contradiction",
                        {"dimension": dim, "column": key, "values": listed(sorted(entry[key]))},
                    )
                )
        weight = _number(
            min(entry["weight"]) if entry["weight"] else None,
            "inst.err.bad_number",
            problems,
            column=f"dimension_weight ({dim})",
        )
        # (its own variable: the loop once reused ``name_en`` and the instrument took its last dimension's name)
        dim_name_en = min(entry["name_en"]) if entry["name_en"] else dim.replace("_", " ").capitalize()
        dimensions.append(
            Dimension(dim, dim_name_en, min(entry["name_zh"]) if entry["name_zh"] else dim_name_en, weight)
        )
    instrument = Instrument(
        code=(code or first("instrument_code")).upper(),
        name_en=name_en or first("instrument_name_en") or first("instrument_name") or first("name"),
        name_zh=name_zh or first("instrument_name_zh"),
        dimensions=tuple(dimensions),
        items=tuple(items),
        scale_min=int(scale_min) if scale_min is not None else 1,
        scale_max=int(scale_max) if scale_max is not None else 7,
    )
    problems.extend(check(instrument))
    if problems:
        raise InstrumentError(problems)
    return normalised(instrument)


def from_json(data: Mapping[str, Any]) -> Instrument:
    """An instrument from its JSON form (see the module docstring); raises InstrumentError."""
    if not isinstance(data, Mapping):
        raise InstrumentError([("inst.err.bad_json", {"detail": "not an object"})])
    dims = data.get("dimensions") or []
    items = data.get("items") or []
    try:
        instrument = Instrument(
            code=cell_text(data.get("instrument_code") or data.get("code")).upper(),
            name_en=cell_text(data.get("name_en") or data.get("name")),
            name_zh=cell_text(data.get("name_zh")),
            dimensions=tuple(
                Dimension(
                    cell_text(d.get("code")).lower(),
                    cell_text(d.get("name_en")),
                    cell_text(d.get("name_zh")) or cell_text(d.get("name_en")),
                    float(d["weight"]) if d.get("weight") not in (None, "") else None,
                )
                for d in dims
            ),
            items=tuple(
                Item(
                    number,
                    cell_text(i.get("dimension") or i.get("dimension_code")).lower(),
                    cell_text(i.get("text_en")),
                    cell_text(i.get("text_zh")),
                    code,
                )
                for i, (number, code) in zip(items, json_item_names(items), strict=True)
            ),
            scale_min=int(data.get("scale_min") or 1),
            scale_max=int(data.get("scale_max") or 7),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InstrumentError([("inst.err.bad_json", {"detail": str(exc)})]) from exc
    problems = check(instrument)
    if problems:
        raise InstrumentError(problems)
    return normalised(instrument)


def parse_file(data: bytes, file_name: str) -> Instrument:
    """An instrument from an uploaded definition file (JSON, CSV or XLSX); raises InstrumentError."""
    if PurePath(file_name).suffix.lower() == ".json":
        try:
            return from_json(json.loads(data.decode("utf-8-sig")))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InstrumentError([("inst.err.bad_json", {"detail": str(exc)})]) from exc

    try:
        raw = read_upload(data, file_name)
    except FileRefused as exc:
        raise InstrumentError([(exc.reason, exc.values)]) from exc
    frame = raw.frame.rename(columns=lambda c: str(c).strip().lower())
    return from_rows(frame.to_dict("records"))


def check(instrument: Instrument) -> list[tuple[str, dict[str, Any]]]:
    """Every problem of a definition, as (i18n key, values)."""
    problems: list[tuple[str, dict[str, Any]]] = []
    if not CODE_RE.match(instrument.code or ""):
        problems.append(("inst.err.bad_code", {"code": instrument.code}))
    if not instrument.name_en:
        problems.append(("inst.err.no_name", {}))
    lo, hi = SCALE_LIMITS
    if not (lo <= instrument.scale_min < instrument.scale_max <= hi):
        problems.append(
            (
                "inst.err.bad_scale",
                {"low": instrument.scale_min, "high": instrument.scale_max, "min": lo, "max": hi},
            )
        )
    if not instrument.items:
        problems.append(("inst.err.no_items", {}))
        return problems
    if len(instrument.items) > MAX_ITEMS:
        problems.append(("inst.err.too_many_items", {"n": len(instrument.items), "max": MAX_ITEMS}))
    numbers = [i.item_no for i in instrument.items]
    doubled = sorted({n for n in numbers if numbers.count(n) > 1})
    if doubled:
        problems.append(("inst.err.item_twice", {"items": listed(doubled)}))
    if sorted(set(numbers)) != list(range(1, len(set(numbers)) + 1)):
        problems.append(("inst.err.item_numbers", {"n": len(set(numbers))}))
    codes = [d.code for d in instrument.dimensions]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        problems.append(("inst.err.dimension_twice", {"dimension": code}))
    for d in instrument.dimensions:
        if not DIMENSION_RE.match(d.code):
            problems.append(("inst.err.bad_dimension_code", {"dimension": d.code}))
        if not d.name_en:
            problems.append(("inst.err.no_dimension_name", {"dimension": d.code}))
        if d.weight is not None and d.weight < 0:
            problems.append(("inst.err.bad_weight", {"dimension": d.code, "weight": d.weight}))
        if not instrument.items_of(d.code):
            problems.append(("inst.err.empty_dimension", {"dimension": d.code}))
    for i in instrument.items:
        if i.dimension_code not in codes:
            problems.append(
                ("inst.err.unknown_dimension", {"item": i.item_no, "dimension": i.dimension_code})
            )
        if not i.text_en:
            problems.append(("inst.err.no_text", {"item": i.item_no}))
    weights = [d.weight for d in instrument.dimensions]
    given = [w for w in weights if w is not None]
    if given and len(given) != len(weights):
        problems.append(("inst.err.some_weights", {}))
    elif given and abs(sum(given) - 100) > 0.01:
        problems.append(("inst.err.weights_sum", {"total": sum(given)}))
    return problems


def normalised(instrument: Instrument) -> Instrument:
    """Items in number order, missing Chinese texts filled with the English, weights default to equal shares."""
    dims = instrument.dimensions
    if any(d.weight is None for d in dims):
        share = 100.0 / len(dims)
        dims = tuple(replace(d, weight=share) for d in dims)
    items = tuple(
        sorted(
            (replace(i, text_zh=i.text_zh or i.text_en) for i in instrument.items), key=lambda i: i.item_no
        )
    )
    return replace(instrument, dimensions=dims, items=items, name_zh=instrument.name_zh or instrument.name_en)


def to_rows(instrument: Instrument) -> list[dict[str, Any]]:
    """The flat file form (one row per item): what ``from_rows`` reads back."""
    rows = []
    for i in instrument.items:
        d = instrument.dimension(i.dimension_code)
        rows.append(
            {
                "instrument_code": instrument.code,
                "instrument_name_en": instrument.name_en,
                "instrument_name_zh": instrument.name_zh,
                "scale_min": instrument.scale_min,
                "scale_max": instrument.scale_max,
                "item_no": i.item_no,
                "item_code": i.code,
                "dimension_code": d.code,
                "dimension_name_en": d.name_en,
                "dimension_name_zh": d.name_zh,
                "dimension_weight": d.weight,
                "text_en": i.text_en,
                "text_zh": i.text_zh,
            }
        )
    return rows


def try_parse(read) -> tuple[Instrument | None, list[tuple[str, dict[str, Any]]]]:
    """(instrument, []) when ``read()`` gives a sound definition, else (None, its problems)."""
    try:
        return read(), []
    except InstrumentError as exc:
        return None, exc.problems


# ---------------------------------------------------------------- the database


def _load_one(cur, row) -> Instrument:
    instrument_id = row[0]
    dims = cur.execute(
        "select dimension_code, name_en, name_zh, default_weight from instrument_dimensions "
        "where instrument_id = ? order by position",
        [instrument_id],
    ).fetchall()
    items = cur.execute(
        "select item_no, dimension_code, text_en, text_zh, coalesce(item_code, '') from instrument_items "
        "where instrument_id = ? order by item_no",
        [instrument_id],
    ).fetchall()
    return Instrument(
        code=row[1],
        version=row[2],
        name_en=row[3],
        name_zh=row[4],
        scale_min=row[5],
        scale_max=row[6],
        is_default=row[7],
        instrument_id=instrument_id,
        dimensions=tuple(Dimension(*d) for d in dims),
        items=tuple(Item(*i) for i in items),
    )


_INSTRUMENT_COLUMNS = (
    "instrument_id, instrument_code, version, name_en, name_zh, scale_min, scale_max, is_default"
)


def load(
    con, code: str | None = None, version: int | None = None, *, instrument_id: int | None = None
) -> Instrument | None:
    """One stored instrument: by id, by code and version, by code (its latest version) or the default."""
    cur = con.cursor()
    try:
        if instrument_id is not None:
            where, params = "instrument_id = ?", [instrument_id]
        elif code is None:
            where, params = "is_default", []
        elif version is None:
            where, params = "upper(instrument_code) = upper(?)", [code]
        else:
            where, params = "upper(instrument_code) = upper(?) and version = ?", [code, version]
        row = cur.execute(
            f"select {_INSTRUMENT_COLUMNS} from survey_instruments where {where} "  # noqa: S608 - fixed clauses
            "order by version desc limit 1",
            params,
        ).fetchone()
        return _load_one(cur, row) if row else None
    finally:
        cur.close()


def parse_reference(reference: str) -> tuple[str, int | None]:
    """'SERVQUAL22' -> ('SERVQUAL22', None); 'SERVQUAL22 v2' or 'SERVQUAL22:2' -> ('SERVQUAL22', 2)."""
    found = re.fullmatch(
        r"\s*([A-Za-z][A-Za-z0-9_-]*)\s*(?:(?:[:@]|\s+v|\s*/\s*v?)(\d+))?\s*", reference or ""
    )
    if not found:
        return (reference or "").strip(), None
    return found.group(1).upper(), int(found.group(2)) if found.group(2) else None


def all_instruments(con) -> list[Instrument]:
    cur = con.cursor()
    try:
        rows = cur.execute(
            f"select {_INSTRUMENT_COLUMNS} from survey_instruments "  # noqa: S608 - fixed column list
            "order by is_default desc, instrument_code, version"
        ).fetchall()
        return [_load_one(cur, r) for r in rows]
    finally:
        cur.close()


def add(con, instrument: Instrument, username: str | None) -> Instrument:
    """Store a checked instrument as a new version of its code (1 for a new code); audited. Returns it stored."""
    problems = check(instrument)
    if problems:
        raise InstrumentError(problems)
    instrument = normalised(instrument)

    header = {
        "instrument_code": instrument.code,
        "name_en": instrument.name_en,
        "name_zh": instrument.name_zh,
        "scale_min": instrument.scale_min,
        "scale_max": instrument.scale_max,
    }
    instrument_id, version = writes.add_instrument(
        con, header, instrument.dimensions, instrument.items, username
    )
    return replace(instrument, instrument_id=instrument_id, version=version, is_default=False)
