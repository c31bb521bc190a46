"""What an upload kind is: a small declarative object plugged into the generic flow of portal.ingest."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from portal.ingest.cells import CJK_GAP, simplified

# "duration": the time from another stamp to this field's ``gives`` (portal.ingest.durations; the kind reads it)
FIELD_TYPES = ("text", "code", "int", "number", "timestamp", "date", "choice", "duration")
_CHOICE_NOISE = re.compile(r"[\s_\-/]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def normalise_choice_text(text: str) -> str:
    """How a choice is compared: case, spaces (any: no-break, ideographic; none between two Chinese characters),
    ``_``, ``-``, ``/`` and Traditional characters (已關閉 is 已关闭: ``cells.simplified``) do not matter."""
    return CJK_GAP.sub("", _CHOICE_NOISE.sub(" ", simplified(str(text).strip().casefold())))


def choice_map(spellings: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """``{stored value: accepted spellings}`` -> the ``choices`` of a Field (the value itself is accepted)."""
    out: dict[str, str] = {}
    for value, words in spellings.items():
        for word in (value, *words):
            out[normalise_choice_text(word)] = value
    return out


def zh_choice(field: Field, value: str) -> str:
    """The Chinese spelling the importer accepts for a choice value (the first one it lists), else the value."""
    stored = field.choices.get(normalise_choice_text(value)) if field.choices else None
    if stored is None:
        return value
    for spelling, target in field.choices.items():
        if target == stored and _CJK.search(spelling) and " " not in spelling:
            return spelling
    return value


@dataclass(frozen=True)
class Field:
    """One column of a kind. ``name`` is also the English template header; ``header_zh`` the Chinese one.
    ``label_en`` is what the upload form calls the field in English (``label(lang)``; the Chinese label is the
    Chinese header)."""

    name: str
    header_zh: str
    type: str = "text"
    required: bool = False
    # False: a required field's column must be mapped, but its cells may be blank (the kind checks them: a QA
    # review's agent and date may stand on its first row only)
    required_cells: bool = True
    aliases: tuple[str, ...] = ()  # other headers seen in real exports, in either language
    # headers naming the field with its language (门店名称(英文), 门店英文名称): taken before the template headers, which
    # a file carrying both writes in the other language (a store list's 门店名称 beside 门店英文名称 is the Chinese name)
    marked_aliases: tuple[str, ...] = ()
    # (header, field) pairs: a header that is first another field's alias (QA's 得分 is an overall score), offered
    # to this field when it is left over (that field took a better header: 总分) and the file has a column for the
    # paired field (a criterion score beside a criterion): mapping.suggest_mapping
    leftover_aliases: tuple[tuple[str, str], ...] = ()
    # headers that name a rating ("int" min-max) field only when the column's values are its points (a work
    # order's 评价结果 may hold 满意 / 非常满意 or 好评 / 差评, or a written comment): mapping.suggest_mapping
    rating_aliases: tuple[str, ...] = ()
    # a header a tool gives the field that names other things within longer headers (ServiceNow's "Number": a
    # "Customer phone number" is no id): taken only as written (case, spaces, a trailing colon or bracketed
    # qualifier aside), right after the exact headers and before any whole-word match ("sys_id" beside "Number"
    # holds the word "id"): mapping.suggest_mapping
    tool_aliases: tuple[str, ...] = ()
    # headers a tool gives the field that name other things in other files (ServiceNow's "Location", "Assigned
    # to"; BambooHR's "Employee #"): taken as written, as ``tool_aliases``, and only when no other header was
    # suggested for the field (a "Store Name" beside "Location" stays the store's)
    fallback_aliases: tuple[str, ...] = ()
    # Chinese nouns that name the field at the end of a longer header (投诉门店, 受理渠道, 工单分类, 处理客服):
    # suggested after every whole-word match, for a field with values only when the column's values are its
    head_nouns: tuple[str, ...] = ()
    # What a survey question asks when it asks for this field: a question header (a survey tool's column named by
    # its question, 问卷星 "3、您向朋友推荐我们的可能性有多大？": header_words.question_text) whose text holds every
    # piece of one entry, in order (("推荐", "可能") is the likelihood to recommend; a piece ending in "$" ends the
    # question: ("门店是$",)); suggested after the head nouns
    asks: tuple[tuple[str, ...], ...] = ()
    choices: Mapping[str, str] | None = None  # "choice": accepted spelling (lower-case) -> stored value
    min_value: float | None = None
    max_value: float | None = None
    example: str = ""
    label_en: str = ""
    # lenient: a cell the field cannot use never rejects the row. A choice value nobody mapped counts under
    # ``unknown_value`` (None: left blank, the kind infers it) and the file's text is kept beside it; a stamp
    # that does not parse (or lies in the future) is left blank. Either is counted in a preview notice.
    lenient: bool = False
    unknown_value: str | None = None
    # False: the kind has no column for the file's own text of this choice (a survey's channel): the preview
    # must not say it is kept
    keeps_text: bool = True
    # A free-text field whose values are also counted in standard groups (the complaint's category): the file's
    # text is stored as it is, its group comes from the value map, then ``suggest`` (text -> group or None),
    # else ``unknown_value`` (portal.ingest.values).
    groups: tuple[str, ...] = ()
    suggest: Callable[[str], str | None] | None = None
    # False: a column only other tools' exports carry (a survey tool's response type); read when a file has it,
    # left out of the portal's own templates, whose users would never fill it
    in_template: bool = True
    # A "number" score on its min-max scale that exports may give on another (a QA score 0-100 seen as 0-1, out
    # of 5 or of 10): a column whose header states another scale or whose scores show a small one is refused as
    # a whole (portal/ingest/scales.py), as a rating ("int", top <= 10) column is
    score_scale: bool = False
    # The field whose cell on the same row is this score's own maximum (QA's overall score: 满分, "Max"): the scores
    # of rows that give one are on a known scale, left out of the ``score_scale`` check (8 of 满分 10 is no 0-10
    # scale to refuse: the kind converts it), nor judged against the field's top (150 of 满分 200 is the kind's to
    # judge); those of the other rows are judged as before
    max_field: str | None = None
    # A "number" a cell may give with its maximum (QA tools' points: 17/20, 8.5 / 10, 17分/20分): typed as the
    # number before the slash, the maximum kept beside as ``<name>_out_of`` for the kind to convert (a score above
    # the field's top is then no range error here: 150/200 is the kind's to judge)
    fractions: bool = False
    # A "date" field whose cells may carry a time of day (a survey's submit time): where one does, that time as
    # the file writes it (its wall clock, no zone or offset applied) is kept beside the date as
    # ``<name>_written_at`` (NaT for a date-only cell)
    keeps_time: bool = False
    # A "date" that may lie after today (an HR roster's leave date, 离职日期, set ahead): not refused as in the future
    future_ok: bool = False
    # A survey answer ("int" rating): survey tools' codes for no answer (问卷星's -2 skipped and -3 not shown; the
    # SPSS-style -1, -9, -99, 999 where the column has no other value out of range) are read as blank, said once
    # per column (scales.skip_codes)
    skip_codes: bool = False
    # A survey answer ("int" rating, 1-5, 1-7 or the 0-10 recommend): a column labelled with another scale's
    # options (seven satisfaction levels or agreement words on 1-5, satisfaction words or five agreement levels
    # on 1-7, a numbered label naming another scale's end on any: "5 - Strongly agree" on 1-7) is one problem of
    # the whole file (label_scales.other_scale_labels). Not a complaint's optional satisfaction: an export is not
    # refused for it, its words read as before (each unknown one its row's error)
    other_scales_refused: bool = False
    # A complaint's optional satisfaction (1-5): only labels the portal would read on another point than they
    # mean are the whole file's problem (a seven-level set, 满意 with 比较满意, read as 4 both; "7 - Extremely
    # satisfied"): label_scales.other_scale_labels(read_only=True). A word it never reads stays its row's error
    misread_scales_refused: bool = False
    # A "duration" field: the timestamp field it gives (a complaint's 首响时长: its first response, received_at plus
    # the duration) where the file has no stamp of its own; a file mapping it carries that field (``Kind.present``)
    gives: str | None = None

    def __post_init__(self) -> None:
        if self.type not in FIELD_TYPES:
            raise ValueError(f"Field {self.name}: unknown type {self.type!r}")
        if self.type == "choice" and not self.choices:
            raise ValueError(f"Field {self.name}: a choice field needs choices")

    def label(self, lang: str = "en") -> str:
        """The field's name for people in ``lang`` (the form's labels), not its id."""
        if lang == "zh":
            return self.header_zh
        return self.label_en or self.name.replace("_", " ").capitalize()

    @property
    def has_values(self) -> bool:
        """Whether the file's values of this field are mapped to standard ones (a choice, or grouped text)."""
        return self.type == "choice" or bool(self.groups)

    @property
    def headers(self) -> tuple[str, ...]:
        """Every header accepted for this field without asking: language-marked ones, template headers, aliases."""
        return (*self.marked_aliases, self.name, self.header_zh, *self.aliases)


# ---------------------------------------------------------------- master-data code fields, shared by kinds
STORE_CODE_ALIASES = (
    "store",
    "store id",
    "store no",
    "shop code",
    "shop",
    "branch",
    "location code",  # a site's code, id or name where the stores are called locations (the name matched to a code)
    "location id",
    "location name",
    "门店",
    "门店代码",
    "门店编号",
    "店铺编码",
    # a store's name where the code should be (matched by name, codes.resolve_codes): Chinese CRM exports
    "门店名称",
    "所属门店",
    "门店名",
    "店铺名称",
)
AGENT_CODE_ALIASES = (
    "agent",
    "agent id",
    "assignee",
    "handler",
    "case owner",
    "ticket owner",
    "staff code",
    "staff no",
    "staff number",
    "客服专员",
    "客服编码",
    "处理人",
    "处理人工号",
    "负责人",
    "坐席工号",
    "客服工号",
    "工号",
)


def store_code_field(required: bool = False) -> Field:
    """The store code column (matched to the master data with ``CheckContext.match_codes``)."""
    return Field(
        "store_code",
        "门店编码",
        "code",
        label_en="Store code",
        required=required,
        example="S001",
        aliases=STORE_CODE_ALIASES,
        head_nouns=("门店", "店铺"),
        fallback_aliases=("location",),  # ServiceNow's incident Location, a survey's "Location" question
    )


def store_name_zh_field() -> Field:
    """The stores' Chinese names (optional): a store the import adds to the master data takes its name here."""
    return Field(
        "store_name_zh",
        "门店中文名称",
        "text",
        label_en="Store name in Chinese",
        example="北京王府井店",
        aliases=(
            "store name zh",
            "store name (chinese)",
            "chinese store name",
            "门店中文名",
            "门店名称（中文）",
        ),
    )


def agent_code_field(required: bool = False) -> Field:
    """The agent code column (matched to the master data with ``CheckContext.match_codes``)."""
    return Field(
        "agent_code",
        "客服专员编码",
        "code",
        label_en="Agent code",
        required=required,
        example="A001",
        aliases=AGENT_CODE_ALIASES,
        head_nouns=("客服", "坐席", "客服专员"),
        fallback_aliases=("assigned to", "assigned agent"),  # ServiceNow's
    )


@dataclass
class Counts:
    """What a kind's commit wrote."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    master_added: dict[str, list[str]] = field(default_factory=dict)


OPTION_TYPES = ("choice", "code", "date")


class Refused(ValueError):
    """Something the user asked for is refused: ``reason`` is an i18n key with ``values``; the message is English."""

    def __init__(self, reason: str, english: str, **values):
        super().__init__(english.format(**values) if values else english)
        self.reason = reason
        self.values = values


class OptionRefused(Refused):
    """``Kind.configure`` cannot use a setting of the upload."""


@dataclass(frozen=True)
class KindOption:
    """A setting of one upload of a kind, asked before the column mapping (form) or given as ``--<name>`` (CLI),
    e.g. the survey instrument, or one store and date for a whole web-form export. ``Kind.configure`` turns the
    chosen values into the kind this upload uses."""

    name: str  # also the CLI flag: --name
    label_key: str  # i18n key of the form label
    type: str = "code"  # choice | code | date
    help: str = ""  # CLI help
    # (con, lang) -> [(value, label in lang)], "choice" only
    choices: Callable[[Any, str], list[tuple[str, str]]] | None = None


@dataclass(frozen=True)
class Table:
    """A table that holds a kind's rows, declared so the core can undo a batch (``batches.undo_batch``).

    - ``batch_column``: rows the batch inserted carry its id there; undo deletes them. None for child rows.
    - ``snapshot``: rows a batch updates keep their before-image (``CommitContext.snapshot``); undo restores them,
      and a later committed batch that snapshotted the same rows blocks the undo.
    - ``parent``: (column, parent table) for child rows that belong to a row of another declared table (e.g. the
      answers of a survey response, a store's region history): deleted with a parent the batch inserted (one with
      a ``batch_column``: master rows are swept after the undo instead); with ``snapshot`` their list per parent
      is kept and restored whole. A child table with its own ``batch_column`` also loses the rows the batch wrote.
    - ``updated_batch_column``: the batch that last updated a row, and ``master``: (column, master table) pairs;
      a later batch that inserted or updated a row using master data this batch added blocks the undo.
    """

    name: str
    key: str = ""
    batch_column: str | None = "batch_id"
    snapshot: bool = False
    parent: tuple[str, str] | None = None
    updated_batch_column: str | None = None
    master: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Kind:
    """An upload kind: its fields, its row rules (``check``), its writes (``commit``) and the tables that hold
    its rows (``tables``, in undo order: dependent rows first). See the portal.ingest docstring."""

    name: str
    title_key: str
    fields: tuple[Field, ...]
    key_fields: tuple[str, ...]
    upload_roles: frozenset[str]
    check: Callable[[Any], None]
    commit: Callable[[Any, Any], Counts]
    tables: tuple[Table, ...] = ()
    add_missing_roles: frozenset[str] = frozenset()
    template_rows: tuple[Mapping[str, str], ...] = ()
    needs_timezone: bool = False
    # Optional per-upload settings (see KindOption) and the kind they make: configure(con, {name: value}) -> Kind;
    # raises OptionRefused (an i18n key and its values; the message in English) for a value it cannot use.
    options: tuple[KindOption, ...] = ()
    configure: Callable[[Any, Mapping[str, Any]], Kind] | None = None
    # Numbered fields the form offers to map in one step by a column pattern (mapping.expand_patterns):
    # (field pattern with {n}, i18n key of its label), e.g. ("e{n}", "...expectation columns").
    patterns: tuple[tuple[str, str], ...] = ()
    # The kind's own reader, for files that are not one table (e.g. filled-in 5S inspection sheets):
    # (con, data, file_name, limit_mb, lang, scope) -> RawTable; None: reading.read_upload. See pipeline.read.
    read: Callable[[Any, bytes, str, int | None, str, Any], Any] | None = None
    # The Upload page takes several files of this kind at once (each checked and committed as its own batch).
    many_files: bool = False
    # Called with the undo's cursor after the kind's rows were put back (same transaction): derived tables
    # the kind keeps in step with its rows (e.g. the 5S fact tables) are refreshed there. None: nothing.
    after_undo: Callable[[Any], None] | None = None
    # Called with the undo's cursor and the batch id before anything is put back (same transaction): raises
    # ``Refused`` when rows that are not the kind's own depend on the batch's rows (e.g. disputes of QA reviews
    # the batch added), which the undo would otherwise leave behind or lose. None: nothing to check.
    before_undo: Callable[[Any, int], None] | None = None
    # The frame of valid typed rows the kind's commit registers as ``ingest_rows``; a kind that has one can
    # import a large CSV in chunks (portal.ingest.stream: its commit then finds ``ingest_rows`` in place,
    # ``CommitContext.staged``). None: whole files only.
    rows_frame: Callable[[Any], Any] | None = None
    # An XLSX number formatted with leading zeros (0000: 101 shown 0101) is read as shown (portal.ingest.xlsx_padded):
    # the master-data lists, whose codes are first created from it. Other kinds read the stored number, as before.
    zero_padded_codes: bool = False
    # A workbook of several sheets with the same columns (one per month: a 质检表 workbook) is read as one table of
    # them all when no sheet is chosen (portal.ingest.sheets_as_one.read_like_sheets). Other kinds read one sheet.
    sheets_as_one: bool = False
    # Its date fields' cells written without a year (10月3日, 10/3) take the one year (and month) the sheet states in a
    # title row above its header or in its name (portal.ingest.stated_year: a 质检表). Other kinds refuse them.
    year_from_title: bool = False

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no field {name!r}")

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def required_fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)

    @property
    def reads_times(self) -> bool:
        """Whether the kind's files hold stamps (a date with its time of day: a "timestamp" field, or a "date" that
        keeps its time, a survey's submit time), which the zone an upload names is then worth naming beside: a
        moment is dated in it. Stores, agents, QA reviews and 5S inspections give dates alone."""
        return any(f.type == "timestamp" or f.keeps_time for f in self.fields)

    def present(self, mapped) -> frozenset[str]:
        """The fields a file carries: those ``mapped`` to a column, and the stamps their durations give."""
        names = frozenset(mapped)
        return names | {f.gives for f in self.fields if f.gives and f.name in names}

    def may_upload(self, roles) -> bool:
        return bool(self.upload_roles & set(roles))

    def may_add_missing(self, roles) -> bool:
        return bool(self.add_missing_roles & set(roles))
