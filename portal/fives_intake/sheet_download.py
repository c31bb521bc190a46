"""The printable inspection sheet (XLSX, A4): header block, one row per item, score validation, both languages.

``sheet_parse`` reads back exactly this layout (and hand-edited variants of it).
"""

from __future__ import annotations

import io
import secrets
from datetime import date

from portal.fives_intake.template import TemplateSpec
from portal.i18n import listed, t

TABLE_HEADER_ROW = 8  # the item table's header; items follow


def new_inspection_id(store_code: str, inspected_on: date) -> str:
    """A sheet's inspection id: store, date and a short random part (two sheets of one day stay apart)."""
    return f"{store_code}-{inspected_on:%Y%m%d}-{secrets.token_hex(2).upper()}"


def build_sheet(
    template: TemplateSpec,
    store_code: str,
    store_name: str,
    inspected_on: date,
    inspector: str,
    lang: str = "en",
    inspection_id: str | None = None,
) -> bytes:
    """An XLSX inspection sheet for one store and date in ``lang``, printable on A4 (fit to width)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    inspection_id = inspection_id or new_inspection_id(store_code, inspected_on)
    wb = Workbook()
    ws = wb.active
    ws.title = store_code[:31] or "Sheet"
    thin = Side(style="thin", color="999999")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")

    ws["A1"] = f"{template.name(lang)} · {template.label}"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:E1")
    header = (
        ("fives_intake.sheet.store", store_code, store_name),
        ("fives_intake.sheet.date", inspected_on, None),
        ("fives_intake.sheet.inspector", inspector or None, None),
        ("fives_intake.sheet.template", template.label, None),
        ("fives_intake.sheet.inspection_id", inspection_id, None),
    )
    for offset, (key, value, extra) in enumerate(header):
        r = 2 + offset
        ws.cell(r, 1, t(key, lang)).font = bold
        cell = ws.cell(r, 2, value)
        cell.border = box
        if isinstance(value, date):
            cell.number_format = "yyyy-mm-dd"
            cell.alignment = Alignment(horizontal="left")
        if extra:
            ws.cell(r, 3, extra)
    ws.cell(7, 1, t("fives_intake.sheet.instructions", lang)).font = Font(italic=True, color="555555")
    ws.merge_cells("A7:E7")

    columns = ("section", "code", "item", "score", "comment")
    for c, key in enumerate(columns, start=1):
        cell = ws.cell(TABLE_HEADER_ROW, c, t(f"fives_intake.sheet.col.{key}", lang))
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="DDE5F0")
        cell.border = box
        cell.alignment = Alignment(wrap_text=True, vertical="center")

    validations: dict[tuple[int, ...], DataValidation] = {}
    r = TABLE_HEADER_ROW + 1
    for section in sorted(template.sections, key=lambda s: s.position):
        items = template.items_of(section.code)
        if not items:
            continue
        first = r
        for item in items:
            ws.cell(r, 1, section.name(lang) if r == first else None)
            ws.cell(r, 2, item.code)
            text = item.text(lang) + (
                f"  [{t('fives_intake.sheet.red_line', lang)}]" if item.is_red_line else ""
            )
            ws.cell(r, 3, text)
            ws.cell(r, 4, None)
            ws.cell(r, 5, None)
            for c in range(1, 6):
                ws.cell(r, c).border = box
                ws.cell(r, c).alignment = wrap
            ws.cell(r, 4).alignment = Alignment(horizontal="center", vertical="top")
            scale = template.scores_for(item)
            if scale not in validations:
                allowed = ",".join([*(str(i) for i in scale), "N/A"])
                dv = DataValidation(type="list", formula1=f'"{allowed}"', allow_blank=True)
                dv.error = t("fives_intake.sheet.validation_error", lang, scores=listed(scale))
                dv.errorTitle = t("fives_intake.sheet.col.score", lang)
                dv.prompt = t("fives_intake.sheet.validation_prompt", lang, scores=listed(scale))
                dv.showErrorMessage = True
                dv.showInputMessage = True
                ws.add_data_validation(dv)
                validations[scale] = dv
            validations[scale].add(f"D{r}")
            r += 1
        if r - 1 > first:
            ws.merge_cells(start_row=first, start_column=1, end_row=r - 1, end_column=1)
        ws.cell(first, 1).font = bold

    for letter, width in (("A", 16), ("B", 8), ("C", 58), ("D", 9), ("E", 34)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = f"A{TABLE_HEADER_ROW + 1}"
    ws.print_title_rows = f"{TABLE_HEADER_ROW}:{TABLE_HEADER_ROW}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = f"{template.label} · {inspection_id} · &P / &N"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def sheet_file_name(store_code: str, inspected_on: date, lang: str) -> str:
    return f"5S_{store_code}_{inspected_on:%Y%m%d}{'_zh' if lang == 'zh' else ''}.xlsx"
