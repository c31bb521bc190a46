"""The printable scorecard as a PDF: fpdf2 with an embedded CJK font, so Chinese names and labels are real text.

The font is the first found of ``PORTAL_CJK_FONT`` (a .ttf/.otf/.ttc path) and the Debian fonts
``fonts-wqy-microhei`` (installed by ``make run`` / ``make test``), ``fonts-wqy-zenhei``, ``fonts-noto-cjk``.
fpdf2 embeds the subset of glyphs used (the file stays small) as a CID TrueType font with a Unicode map, so
the text can be searched and copied.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from portal.i18n import t
from portal.scorecards.export import PrintableCard

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)


class PdfUnavailable(RuntimeError):
    """No PDF library or no CJK font on this machine; the message says what to install."""


def cjk_font() -> Path | None:
    chosen = os.environ.get("PORTAL_CJK_FONT")
    for candidate in ([chosen] if chosen else []) + list(FONT_CANDIDATES):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def available() -> bool:
    try:
        import fpdf  # noqa: F401
    except ImportError:
        return False
    return cjk_font() is not None


def _pdf():
    try:
        from fpdf import FPDF
    except ImportError as exc:
        raise PdfUnavailable("The PDF export needs the fpdf2 package (pip install fpdf2).") from exc
    font = cjk_font()
    if font is None:
        raise PdfUnavailable(
            "The PDF export needs a Chinese font: apt-get install fonts-wqy-microhei, or set PORTAL_CJK_FONT."
        )
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.set_margins(12, 12, 12)
    pdf.add_font("cjk", "", str(font), collection_font_number=0)
    pdf.set_font("cjk", size=10)
    return pdf


def _text(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—"
    return str(value)


def _table(pdf, frame: pd.DataFrame, widths: list[float] | None = None, size: float = 8) -> None:
    if frame.empty:
        return
    from fpdf.fonts import FontFace

    pdf.set_font("cjk", size=size)
    with pdf.table(
        col_widths=widths,
        text_align="LEFT",
        line_height=size * 0.55,
        headings_style=FontFace(emphasis=None, fill_color=(240, 242, 245)),
    ) as table:
        header = table.row()
        for col in frame.columns:
            header.cell(_text(col))
        for row in frame.itertuples(index=False):
            r = table.row()
            for value in row:
                r.cell(_text(value))
    pdf.ln(2)


def _heading(pdf, text: str) -> None:
    if text:
        pdf.set_font("cjk", size=11)
        pdf.cell(pdf.epw, 7, text, new_x="LMARGIN", new_y="NEXT")


def card_pdf(p: PrintableCard) -> bytes:
    """The card on A4: header, composite and rank, notes, metrics, the trend, the QA reviews with comments."""
    pdf = _pdf()
    pdf.set_title(p.doc_title)
    pdf.add_page()
    width = pdf.epw
    pdf.set_font("cjk", size=16)
    pdf.cell(width, 9, p.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=10)
    for label, value in p.header:
        pdf.cell(
            width, 6, t("text.label_value", p.lang, label=label, value=value), new_x="LMARGIN", new_y="NEXT"
        )
    pdf.ln(1)
    pdf.set_font("cjk", size=14)
    pdf.cell(width, 8, p.composite, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=10)
    pdf.cell(width, 6, p.rank, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=8)
    for note in p.notes:
        pdf.multi_cell(width, 4.5, note, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    _heading(pdf, p.headings[0])
    _table(pdf, p.metrics, [22, 14, 16, 8, 10, 22, 10, 10, 14, 24])
    pdf.set_font("cjk", size=7)
    pdf.multi_cell(width, 4, p.legend, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    _heading(pdf, p.headings[1])
    _table(pdf, pd.DataFrame(p.trend, columns=list(p.trend_header)), [40, 30], 8)
    if not p.reviews.empty:
        _heading(pdf, p.headings[2])
        _table(pdf, p.reviews, [16, 16, 12, 12, 22, 10, 16, 46], 7)
    pdf.set_font("cjk", size=7)
    pdf.multi_cell(width, 4, p.footer, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
