"""What reading an upload produces, and how it refuses: ``RawTable`` and ``FileRefused``."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


class FileRefused(ValueError):
    """The file as a whole cannot be read; nothing was written. ``reason`` is an i18n key."""

    def __init__(self, reason: str, english: str, **values):
        super().__init__(english.format(**values) if values else english)
        self.reason = reason
        self.values = values


@dataclass
class RawTable:
    file_name: str
    file_hash: str
    size_bytes: int
    headers: list[str]
    frame: pd.DataFrame  # columns = headers, index = spreadsheet row number, cells str
    encoding: str | None = None  # None for spreadsheets
    sheet: str | None = None
    delimiter: str | None = None
    repaired_cells: int = 0  # double-encoded UTF-8 cells repaired
    notes: list[tuple[str, dict]] = field(default_factory=list)

    @property
    def n_rows(self) -> int:
        return len(self.frame)
