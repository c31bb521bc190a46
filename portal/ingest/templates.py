"""The downloadable templates: for every kind, CSV and XLSX, with English or Chinese headers.

``python -m portal templates`` writes them to data/templates/ (the committed files come from this code).
"""

from __future__ import annotations

import functools
import io
import re
from pathlib import Path

import pandas as pd

from portal.config import PROJECT_ROOT
from portal.i18n import t
from portal.ingest import registry
from portal.ingest.kinds import Field, Kind, zh_choice

TEMPLATES_DIR = PROJECT_ROOT / "data" / "templates"
FORMATS = ("csv", "xlsx")


# Sample text of free-text fields in the Chinese templates (the importer reads both: categories by keyword).
ZH_SAMPLE_TEXT = {
    "product quality": "产品质量",
    "delivery": "配送",
    # the 5S flat layout's example comments and inspector (a tablet reviewer: English in the Chinese template)
    "Expired goods on shelf 3": "3号货架有过期商品",
    "No fitting room": "本店无试衣间",
    "Ivan Inspector": "王检查员",
}


def _sample(field: Field, value: str, lang: str) -> str:
    if lang != "zh" or not value:
        return value
    if field.type == "choice":
        return zh_choice(field, value)
    return ZH_SAMPLE_TEXT.get(value, value)


def template_fields(kind: Kind) -> list[Field]:
    """The kind's fields its template carries (not the columns only other tools' exports have)."""
    return [f for f in kind.fields if f.in_template]


def template_frame(kind: Kind, lang: str = "en") -> pd.DataFrame:
    """Header row in ``lang`` (English = field names, Chinese = ``header_zh``) and the kind's example rows,
    whose choice values and sample categories are in Chinese in the Chinese template (codes, ids, numbers,
    dates and the source system stay as they are)."""
    fields = template_fields(kind)
    headers = [f.name if lang == "en" else f.header_zh for f in fields]
    rows = [[_sample(f, row.get(f.name, ""), lang) for f in fields] for row in kind.template_rows]
    return pd.DataFrame(rows, columns=headers, dtype=object)


def template_bytes(kind: Kind, lang: str = "en", fmt: str = "csv") -> bytes:
    frame = template_frame(kind, lang)
    if fmt not in FORMATS:
        raise ValueError(f"unknown template format {fmt!r}")
    # the Upload page offers four templates on every run: each file is built once per process and content
    # (an XLSX costs ~20 ms of openpyxl); a configured kind (a survey's instrument) has its own columns
    rows = tuple(tuple(row) for row in frame.itertuples(index=False))
    widths = tuple(max(12, len(f.name) + 2) for f in template_fields(kind))
    return _file_bytes(fmt, t(kind.title_key, lang), tuple(frame.columns), rows, widths)


@functools.lru_cache(maxsize=64)
def _file_bytes(
    fmt: str, title: str, columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...], widths: tuple[int, ...]
) -> bytes:
    if fmt == "csv":
        frame = pd.DataFrame(list(rows), columns=list(columns), dtype=object)
        return frame.to_csv(index=False).encode("utf-8-sig")  # BOM: Excel on Chinese Windows reads it right
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    # the kind's name in the template's language (the Chinese template's sheet said "inspections"); a
    # sheet name may not hold []:*?/\ and has at most 31 characters
    sheet.title = re.sub(r"[\[\]:*?/\\]", " ", title)[:31]
    sheet.append(list(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(1, i).column_letter].width = width
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def template_file_name(kind: Kind, lang: str, fmt: str) -> str:
    return f"{kind.name}_template{'' if lang == 'en' else '_zh'}.{fmt}"


def write_templates(folder: Path | None = None) -> list[Path]:
    """Write every kind's templates into ``folder`` (data/templates by default); returns the paths."""
    folder = Path(folder or TEMPLATES_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in registry.kinds().values():
        for lang in ("en", "zh"):
            for fmt in FORMATS:
                path = folder / template_file_name(kind, lang, fmt)
                data = template_bytes(kind, lang, fmt)
                if fmt == "xlsx" and path.exists() and _same_xlsx(path.read_bytes(), data):
                    written.append(path)
                    continue  # an XLSX embeds its save time: keep the file when nothing changed
                path.write_bytes(data)
                written.append(path)
    return written


def _same_xlsx(old: bytes, new: bytes) -> bool:
    from python_calamine import CalamineWorkbook

    def cells(data: bytes):
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        return [book.get_sheet_by_name(n).to_python() for n in book.sheet_names]

    try:
        return cells(old) == cells(new)
    except Exception:
        return False
