"""What the 5S sheet parser (``sheet_parse``) returns: a message with its place (sheet, row, column), an item's
score row, a parsed inspection and the workbook's result. Pure values; ``sheet_parse`` re-exports them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from portal.fives_intake.template import TemplateSpec
from portal.i18n import t


@dataclass(frozen=True)
class Message:
    level: str  # "error" (the sheet is refused) or "notice" (read, with a remark)
    key: str  # i18n key
    values: dict = field(default_factory=dict)
    sheet: str | None = None
    row: int | None = None  # as the spreadsheet shows it (1-based)
    column: str | None = None  # column letter

    @property
    def cell(self) -> str:
        return f"{self.column or ''}{self.row or ''}"

    def text(self, lang: str = "en") -> str:
        said = t(self.key, lang, **self.values)
        place = where(lang, self.sheet, self.row, self.column)
        return t("text.label_value", lang, label=place, value=said) if place else said


def where(lang: str, sheet, row=None, column=None) -> str:
    """ "Sheet S001, row 4, column B" as far as a message has a place: without its column for a whole row, the
    sheet alone for a whole sheet, nothing for the whole file (never "row -, column -")."""
    if _blank(sheet) and _blank(row):
        return ""
    values = {"sheet": "-" if _blank(sheet) else sheet, "row": row, "column": column}
    if _blank(row):
        return t("fives_intake.msg.where_sheet", lang, **values)
    if _blank(column):
        return t("fives_intake.msg.where_row", lang, **values)
    return t("fives_intake.msg.where", lang, **values)


def _blank(value) -> bool:
    if value is None or value is pd.NA or value != value:  # (value != value: NaN; pd.NA: no row of an Int64)
        return True
    return str(value).strip() in ("", "-")


@dataclass(frozen=True)
class ScoreRow:
    item_code: str
    score: int | None  # None when not applicable
    not_applicable: bool
    comment: str
    row: int
    columns: dict[str, str] = field(default_factory=dict)  # flat field -> its column letter on the row


@dataclass
class ParsedInspection:
    sheet: str
    store: str
    inspected_on: date
    inspector: str
    template: TemplateSpec
    scores: list[ScoreRow]
    inspection_id: str | None = None
    # header field (store, date, inspector, template, inspection_id) -> (row, column letter) of its value
    header_cells: dict[str, tuple[int, str]] = field(default_factory=dict)


class Messages:
    """``errors`` and ``notices`` of a result's ``messages`` (a parse of the portal's sheets, another company's)."""

    messages: list[Message]

    @property
    def errors(self) -> list[Message]:
        return [m for m in self.messages if m.level == "error"]

    @property
    def notices(self) -> list[Message]:
        return [m for m in self.messages if m.level == "notice"]


@dataclass
class ParseResult(Messages):
    inspections: list[ParsedInspection]
    messages: list[Message]
    sheets_read: int = 0
