"""Master-data codes in an upload: a file's store and agent codes (or names) matched to the master data.

``resolve_codes`` is the matching itself (no database); ``match_codes`` is what a kind's ``check`` runs through
``CheckContext.match_codes``: it looks the master data up, adds the id column, notices and errors.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

import pandas as pd

from portal.i18n import Both, listed
from portal.ingest import name_beside_code
from portal.ingest.cells import UNASSIGNED, distinct_mask, map_distinct
from portal.ingest.errors import values_detail
from portal.ingest.header_words import names_field
from portal.text import code_name

if TYPE_CHECKING:
    from portal.auth import User
    from portal.ingest.core import CheckContext
    from portal.ingest.kinds import Kind


class MasterCode(NamedTuple):
    """A master-data code field a kind may carry."""

    lookup: str  # id, code, then the names a file may give instead of the code
    table: str
    id_col: str
    reason: str  # error of an unknown code
    ambiguous: str  # error of a name several rows of the master data share (detail: their codes)
    alike: str  # error of a code written like several codes but for zeros or case (detail: them)


MASTER_CODES: dict[str, MasterCode] = {
    "store_code": MasterCode(
        "select store_id, store_code, name, name_zh from stores",
        "stores",
        "store_id",
        "ingest.error.unknown_store",
        "ingest.error.ambiguous_store",
        "ingest.error.alike_store",
    ),
    "agent_code": MasterCode(
        "select agent_id, agent_code, name from agents",
        "agents",
        "agent_id",
        "ingest.error.unknown_agent",
        "ingest.error.ambiguous_agent",
        "ingest.error.alike_agent",
    ),
}


def unknown_codes_hint(
    kind: Kind, user: User, field_name: str, add_missing: bool, cli: bool = False
) -> str | None:
    """What the list of a file's unknown codes tells the user to do, as their rights allow (an i18n key; None
    when they chose to add them): tick "Add unknown … codes" (``--add-missing`` on the command line) only when they
    may; else correct the codes, or ask who may add them. A probe's team lead was told to tick a box they do not
    have, then on the command line to use ``--add-missing``, which refused them. Who may: ``Kind.add_missing_roles``
    (a manager or an admin), and only a user who sees the whole chain adds stores (``CommitContext.add_missing_codes``)."""
    if add_missing:
        return None
    if not kind.may_add_missing(user.roles):
        return "ingest.unknown_codes.ask_hint"
    if MASTER_CODES[field_name].table == "stores" and not user.scope.all_stores:
        return "ingest.unknown_codes.ask_chain_hint"
    return "ingest.unknown_codes.add_hint_cli" if cli else "ingest.unknown_codes.add_hint"


def _zero_key(code: str) -> str:
    return re.sub(r"(?<!\d)0+(?=\d)", "", code.casefold())


def name_key(name: str) -> str:
    """A name as a file's cell is compared with it: NFKC, case-insensitive, spaces ignored ("南京东路 旗舰店" is
    "南京东路旗舰店")."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name)).casefold()


_TOKEN = re.compile(r"[0-9A-Za-z]+")
_ZEROS = re.compile("0+")  # a code of zeros: an export's "none"
_FORMULA = re.compile(r"\s*[=@]")  # a spreadsheet formula kept as text


def _code_inside(
    value: str, by_case: Mapping[str, list[str]], by_zero: Mapping[str, list[str]]
) -> tuple[str, str] | None:
    """The one master code a value holds as a word of its own ("Store S012 Nanjing Rd", "Agent One (A001)"): its
    runs of Latin letters and digits, each matched as a code alone is (case, then lost zeros); a code of one
    character, or of no digit, is no word to go by. (code, the word as written); None when no code, or several,
    are found."""
    found: dict[str, str] = {}
    for token in _TOKEN.findall(unicodedata.normalize("NFKC", value)):
        if len(token) < 2 or not any(ch.isdigit() for ch in token):
            continue
        hit = by_case.get(token.casefold(), [])
        if len(hit) != 1:
            hit = by_zero.get(_zero_key(token), [])
        if len(hit) == 1:
            found.setdefault(hit[0], token)
    return next(iter(found.items())) if len(found) == 1 else None


def _loose_key(text: str) -> str:
    """A name with its punctuation, brackets and spaces left out (NFKC, case-insensitive): what is left of a cell
    once the code it holds is taken out ("北京西单店（S001）" -> "北京西单店")."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text)).casefold()


def _named_besides(value: str, held: tuple[str, str], by_loose: Mapping[str, set[str]]) -> list[str]:
    """The master codes whose name is what ``value`` holds beside its code (``held``: the code and its word), when
    that name is not the code's own: "S001 北京西单店" with 北京西单店 S002's. Empty when the rest names the code
    itself or nothing known (words of an address: "Store S012 Nanjing Rd" keeps S012)."""
    code, token = held
    text = unicodedata.normalize("NFKC", value)
    rest = re.sub(rf"(?<![0-9A-Za-z]){re.escape(token)}(?![0-9A-Za-z])", " ", text, count=1)
    named = by_loose.get(_loose_key(rest), set()) if _loose_key(rest) else set()
    return [] if not named or code in named else sorted(named)


@dataclass(frozen=True)
class ResolvedCodes:
    codes: pd.Series  # each code as the master data writes it (a value not matched: as given)
    unknown: pd.Series  # mask: a value matched to no master code
    repairs: dict[str, str]  # {given: master code}
    ambiguous: dict[str, list[str]]  # {given: the codes of the several master rows named so}
    merged: dict[str, str] = field(default_factory=dict)  # {given: the one spelling of a new code}
    alike: frozenset[str] = frozenset()  # of ``ambiguous``: written like several codes
    # {given: [the code it holds, the codes whose name it holds beside it]}: a code and another row's name
    disagree: dict[str, list[str]] = field(default_factory=dict)


def resolve_codes(
    codes: pd.Series,
    master: Iterable[str],
    names: Mapping[str, Iterable[str | None]] | None = None,
    spellings: Spellings | None = None,
    inside: bool = True,
) -> ResolvedCodes:
    """Each code as the master data writes it.

    A code not found as written is matched case-insensitively, then to the master code equal once leading zeros
    of every digit run are dropped (Excel turns 0042 into 42), when exactly one such code exists; else, when
    ``names`` ({master code: its names}) are given, to the one master code one of whose names equals the value
    (NFKC, case-insensitive, spaces ignored: "北京王府井店" or "beijing 01" for S001), else to the one master code
    it holds as a word of its own (``_code_inside``: "Store S012 Nanjing Rd" for S012; two codes match none;
    ``inside=False``: not, as for a team code, where T1-B is a new team and not T1). A
    name several master rows share matches none of them: listed in ``ambiguous`` with their codes; so is a value
    written like several master codes but for case or leading zeros (T0001 or S1 beside T1 and T01, S001 and S01;
    also in ``alike``), never a new code. Values matched
    to no master code are matched among themselves as a code is (``_one_spelling``: S099 and s099 are one new
    code, listed in ``merged``), so that adding them adds one store or agent; ``spellings``: a file read in chunks
    (``Spellings``), whose spelling is chosen over the whole file."""
    master = list(master)
    exact = set(master)
    by_case: dict[str, list[str]] = {}
    by_zero: dict[str, list[str]] = {}
    for m in master:
        by_case.setdefault(m.casefold(), []).append(m)
        by_zero.setdefault(_zero_key(m), []).append(m)
    by_name: dict[str, set[str]] = {}
    by_loose: dict[str, set[str]] = {}
    for code, code_names in (names or {}).items():
        for name in code_names:
            if isinstance(name, str) and name.strip():
                by_name.setdefault(name_key(name), set()).add(code)
                by_loose.setdefault(_loose_key(name), set()).add(code)
    repairs: dict[str, str] = {}
    ambiguous: dict[str, list[str]] = {}
    alike: set[str] = set()
    disagree: dict[str, list[str]] = {}
    for code in pd.Series(codes.dropna().unique()):
        if code in exact:
            continue
        hit = by_case.get(code.casefold(), [])
        if len(hit) != 1:
            hit = by_zero.get(_zero_key(code), [])
            if len(hit) > 1:
                ambiguous[code] = sorted(hit)
                alike.add(code)
                continue
        if len(hit) != 1:
            named = sorted(by_name.get(name_key(code), ()))
            if len(named) > 1:
                ambiguous[code] = named
            hit = named
        if not hit and inside:
            held = _code_inside(code, by_case, by_zero)
            others = _named_besides(code, held, by_loose) if held else []
            if others:  # a code and another row's name: which is meant cannot be told
                disagree[code] = [held[0], *others]
                continue
            hit = [held[0]] if held else []
        if len(hit) == 1:
            repairs[code] = hit[0]
    resolved = codes.map(lambda c: repairs.get(c, c) if c is not None else None) if repairs else codes
    unknown = resolved.notna() & ~resolved.isin(exact)
    merged = _one_spelling(resolved[unknown & ~resolved.isin([*ambiguous, *disagree])], spellings)
    if merged:
        respelt = resolved.isin(list(merged))
        resolved = resolved.copy()
        resolved[respelt] = resolved[respelt].map(merged)
    return ResolvedCodes(resolved, unknown, repairs, ambiguous, merged, frozenset(alike), disagree)


@dataclass
class Spellings:
    """The spelling of each new code of a file read in chunks (``portal.ingest.stream``), chosen once for the whole
    file as ``_one_spelling`` chooses it for a file read whole: ``given`` ({group: code}, from an earlier pass over
    the chunks; None: each chunk chooses from its rows), ``seen`` ({group: {spelling: [rows, first row]}}, added up
    over the chunks) and ``chosen`` (each chunk's choice per group), to tell a chunk that chose otherwise."""

    given: dict[str, str] | None = None
    seen: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    chosen: dict[str, set[str]] = field(default_factory=dict)

    def file_choice(self) -> tuple[dict[str, str], bool]:
        """The whole file's spelling per group (most rows; a tie: the first in the file), and whether some chunk
        chose otherwise."""
        choice = {
            group: min(written, key=lambda c: (-written[c][0], written[c][1]))
            for group, written in self.seen.items()
        }
        return choice, any(self.chosen.get(g, {c}) != {c} for g, c in choice.items())


def _one_spelling(unknown: pd.Series, spellings: Spellings | None = None) -> dict[str, str]:
    """New codes (``unknown``: values matched to no master code) written alike but for letter case, full-width
    characters, outer spaces or leading zeros (S099, s099, Ｓ０９９, S99: ``_zero_key``, as a master code is
    matched): one code, written as most of their rows write it (NFKC, trimmed; a tie: the first in the file).
    {value: its code}, for each value written otherwise."""
    if unknown.empty:
        return {}
    rows = unknown.value_counts()
    spellings_here = pd.unique(unknown.to_numpy(dtype=object))  # in the file's order
    plain = {c: unicodedata.normalize("NFKC", c).strip() for c in spellings_here}
    group_of = {c: _zero_key(plain[c]) for c in spellings_here}
    groups: dict[str, dict[str, int]] = {}
    for c in spellings_here:
        written = groups.setdefault(group_of[c], {})
        written[plain[c]] = written.get(plain[c], 0) + int(rows[c])
    if spellings is not None:  # a chunk: what it shows adds up over the file; the file's choice, once known
        firsts = pd.Series(unknown.index, index=unknown.to_numpy(dtype=object))
        firsts = firsts[
            ~firsts.index.duplicated()
        ]  # each spelling's first row (the chunk's rows in file order)
        for c in spellings_here:
            seen = spellings.seen.setdefault(group_of[c], {}).setdefault(plain[c], [0, int(firsts[c])])
            seen[0] += int(rows[c])
            seen[1] = min(seen[1], int(firsts[c]))
    merged = {}
    for c in spellings_here:
        group = group_of[c]
        written = groups[group]
        code = max(written, key=written.__getitem__)  # the first of the most written
        if spellings is not None:
            if spellings.given is not None:
                code = spellings.given.get(group, code)
            spellings.chosen.setdefault(group, set()).add(code)
        if code != c:
            merged[c] = code
    return merged


def match_codes(ctx: CheckContext, field_name: str, error_values: pd.Series | None = None) -> None:
    """Match a master-data code column (``store_code``, ``agent_code``) to the master data: codes repaired
    and names given instead of codes matched (noticed), the id column added (``store_id``, ``agent_id``;
    NA when unknown or absent), unknown codes listed and, unless the user may and chose to add them, errors
    of their rows. A name several master rows share, or a code written like several master codes but for case or
    leading zeros (S1 beside S001 and S01), is an error of its rows naming their codes (never added to the master
    data)."""
    spec = MASTER_CODES[field_name]
    v = ctx.values
    if field_name not in v.columns:
        v[spec.id_col] = pd.NA
        return
    unassigned = pd.Series(
        distinct_mask(v[field_name], lambda c: c.strip().casefold() in UNASSIGNED), index=v.index
    )
    if unassigned.any():  # no agent (no store), never a new code named so
        v[field_name] = v[field_name].where(~unassigned, None)
    master = ctx.cur.execute(spec.lookup).df()
    codes = master[field_name]
    names = dict(zip(codes, master.iloc[:, 2:].itertuples(index=False), strict=True))
    spellings = ctx.spool.spellings(field_name) if ctx.spool is not None else None
    found = resolve_codes(v[field_name].astype(object), codes, names, spellings)
    resolved = found.codes
    v[field_name] = resolved
    ids = dict(zip(codes, master[spec.id_col], strict=True))
    v[spec.id_col] = map_distinct(resolved, ids).astype("Int64")
    if found.repairs:
        ctx.add_notice(
            "ingest.notice.codes_repaired",
            column=ctx.column_of(field_name),
            pairs=listed(f"{a} → {b}" for a, b in sorted(found.repairs.items())),
        )
    if found.merged:
        ctx.add_notice(
            "ingest.notice.new_codes_merged",
            column=ctx.column_of(field_name),
            pairs=listed(f"{a} → {b}" for a, b in sorted(found.merged.items())),
        )
    ambiguous = resolved.isin(list(found.ambiguous))
    if ambiguous.any():
        candidates = resolved.map(lambda c: ", ".join(found.ambiguous.get(c, ())))
        alike = resolved.isin(list(found.alike))
        for mask, reason in ((ambiguous & ~alike, spec.ambiguous), (alike, spec.alike)):
            if mask.any():
                ctx.add_error(mask, field_name, reason, values=error_values, detail=candidates)
    disagree = resolved.isin(list(found.disagree))
    if disagree.any():  # never stored on either of the two it names, never added as a new one
        _refuse_disagreeing(ctx, field_name, found.disagree, names, resolved.where(disagree), error_values)
    beside = name_beside_code.disagreeing_names(ctx, field_name, resolved, names, name_key)
    if beside is not None:  # 工号 A012 beside 姓名 李娜, A001's name: never stored on either
        column, tags, pairs = beside
        reason = f"ingest.error.name_column_disagree_{MASTER_CODES[field_name].table.removesuffix('s')}"
        _refuse_disagreeing(ctx, field_name, pairs, names, tags, error_values, reason, column)
    unknown = found.unknown & ~ambiguous & ~disagree
    # an unknown code of zeros ("0", "000") is an export's "none" (a numeric id 0), not a new store or agent:
    # never added, an error of its rows that says to leave the cell empty
    zeros = unknown & distinct_mask(resolved.where(unknown), _ZEROS.fullmatch) if unknown.any() else unknown
    if zeros.any():
        ctx.add_error(zeros, field_name, "ingest.error.zero_code", values=error_values)
        unknown = unknown & ~zeros
    # a spreadsheet formula kept as text (=HYPERLINK(...), @SUM(...)) is not a code: never a new store or agent
    formulas = unknown & distinct_mask(resolved.where(unknown), _FORMULA.match) if unknown.any() else unknown
    if formulas.any():
        ctx.add_error(formulas, field_name, "ingest.error.formula_code", values=error_values)
        unknown = unknown & ~formulas
    if field_name == "store_code" and unknown.any():
        # part of a stored store's name ("北京王府井" or "王府井店" for S001 北京王府井店), not a code: never a new
        # store (a helper's probe: "add unknown codes" added both as stores), an error naming the store meant
        keys = stored_name_keys(names)
        like = {c: named for c in resolved[unknown].unique() if (named := part_of_names(c, keys))}
        if like:
            partial = unknown & resolved.isin(list(like))
            detail = resolved.map(lambda c: ", ".join(like.get(c, ())))
            ctx.add_error(
                partial, field_name, "ingest.error.store_name_part", values=error_values, detail=detail
            )
            unknown = unknown & ~partial
    if unknown.any():
        ctx.unknown_codes[field_name] = sorted(resolved[unknown].unique())
        if not ctx.may_add_missing:
            ctx.add_error(unknown, field_name, spec.reason, values=error_values)
        elif field_name == "store_code" and not ctx.user.scope.all_stores:
            # a new store would belong to no region of the uploader's: only a chain-wide user adds stores
            ctx.add_error(unknown, field_name, "ingest.error.new_store_out_of_scope", values=error_values)


_DIGIT = re.compile(r"\d")


def stored_name_keys(names: Mapping[str, Iterable[str | None]]) -> list[tuple[str, str]]:
    """Each stored row's names as ``part_of_names`` compares them: (its label "S001 北京王府井店", the name's
    ``_loose_key``), worked out once per check."""
    return [
        (code_name(code, name), key)
        for code, code_names in names.items()
        for name in code_names
        if isinstance(name, str) and (key := _loose_key(name))
    ]


def part_of_names(value: str, keys: list[tuple[str, str]]) -> list[str]:
    """The stored rows one of whose names holds ``value`` (punctuation, spaces and case aside; ``keys``:
    ``stored_name_keys``), for a value that is no code: no digit, and two Chinese characters or four letters at
    least. A value that holds a stored name is not one of them: a new store "上海万达店" beside a stored "万达店"
    (a review). Empty for any other value."""
    key = _loose_key(value)
    wide = sum(1 for ch in key if unicodedata.east_asian_width(ch) in "WF")
    if _DIGIT.search(key) or (wide < 2 and len(key) < 4):
        return []
    return sorted({label for label, other in keys if key in other and key != other})


def _refuse_disagreeing(
    ctx, field_name, disagree, names, values: pd.Series, error_values, reason=None, column=None
) -> None:
    """An error of each row whose cell holds one master row's code and another's name, naming both (their code and
    name, the Chinese name in Chinese where the master data has one); ``reason`` and ``column``: a name column
    beside the code column names the other (``name_beside_code``)."""

    def label(code: str) -> Both:
        held = [n for n in names.get(code, ()) if isinstance(n, str) and n.strip()]
        en = held[0] if held else ""
        zh = held[1] if len(held) > 1 else en
        return Both(f"{code} ({en})" if en else code, f"{code}({zh})" if zh else code)

    reason = reason or f"ingest.error.code_name_disagree_{MASTER_CODES[field_name].table.removesuffix('s')}"
    for given, (held, *others) in disagree.items():
        named = [label(c) for c in others]
        detail = values_detail(
            held=label(held),
            named=Both(", ".join(n.en for n in named), "、".join(n.zh for n in named)),
            **({"column": column} if column is not None else {}),
        )
        ctx.add_error(values == given, field_name, reason, values=error_values, detail=detail)


_UNUSED_ROWS, _UNUSED_SAMPLE = 1000, 100  # an unused column's first rows looked at, at most so many values


def note_unused_code_columns(ctx: CheckContext, frame: pd.DataFrame) -> None:
    """A column no field reads whose values are mostly the master data's store (agent) codes or names, while the
    kind's store (agent) field has no column: said in a notice naming the column and how to map it, never left
    unsaid (a hotline export's 投诉门店 of S008, S009 was not suggested and every complaint was stored without a
    store, the column only listed among those not used). A column whose header names the field is left alone:
    it was offered, and the user took it out."""
    used = {c for c in ctx.mapping.values() if c}
    for field_name, spec in MASTER_CODES.items():
        if field_name not in ctx.kind.field_names or ctx.mapping.get(field_name):
            continue
        # a column whose header names the field was offered for it: left unmapped, the user's choice
        f = ctx.kind.field(field_name)
        unused = [h for h in ctx.headers if h not in used and h in frame.columns and not names_field(f, h)]
        if not unused:
            continue
        master = ctx.cur.execute(spec.lookup).df()
        codes = master[field_name]
        names = dict(zip(codes, master.iloc[:, 2:].itertuples(index=False), strict=True))
        for column in unused:
            cells = frame[column].iloc[:_UNUSED_ROWS].dropna().astype(str).str.strip()
            values = pd.Series(pd.unique(cells[cells != ""])[:_UNUSED_SAMPLE], dtype=object)
            if values.empty:
                continue
            found = resolve_codes(values, codes, names)
            if 2 * int((~found.unknown).sum()) > len(values):
                ctx.add_notice(
                    "ingest.notice.unused_code_column",
                    column=column,
                    label=Both(f.label("en"), f.label("zh")),
                    values=listed(values[~found.unknown].head(3), int((~found.unknown).sum()) > 3),
                    field=field_name,
                )
                used.add(column)
                break
