"""The downloadable complaint templates: shipped files are what the code makes, and each imports cleanly."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from python_calamine import CalamineWorkbook

from portal.auth import User
from portal.ingest import pipeline, reading, registry, templates
from portal.scope import Scope

KIND = registry.kind("complaints")
ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())
VARIANTS = [(lang, fmt) for lang in ("en", "zh") for fmt in templates.FORMATS]


def cells(data: bytes) -> list[list]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return book.get_sheet_by_name(book.sheet_names[0]).to_python()


@pytest.mark.parametrize(("lang", "fmt"), VARIANTS)
def test_shipped_template_is_what_the_code_makes(lang, fmt):
    shipped = (templates.TEMPLATES_DIR / templates.template_file_name(KIND, lang, fmt)).read_bytes()
    made = templates.template_bytes(KIND, lang, fmt)
    if fmt == "csv":
        assert shipped == made
    else:
        assert cells(shipped) == cells(made)


@pytest.mark.parametrize(("lang", "fmt"), VARIANTS)
def test_each_template_imports_without_errors(con, lang, fmt):
    data = templates.template_bytes(KIND, lang, fmt)
    raw = reading.read_upload(data, templates.template_file_name(KIND, lang, fmt))
    fields = templates.template_fields(KIND)  # not the durations only other systems' exports give
    expected_headers = [f.name if lang == "en" else f.header_zh for f in fields]
    assert raw.headers == expected_headers
    prepared, result = pipeline.import_bytes(
        con, KIND, data, "t." + fmt, None, pipeline.ImportOptions(now=datetime(2026, 6, 1)), ADMIN
    )
    assert prepared.mapping == {f.name: None for f in KIND.fields} | {
        f.name: h for f, h in zip(fields, expected_headers, strict=True)
    }
    assert prepared.errors.empty and result.rows_added == len(KIND.template_rows) == 2


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.parametrize("fmt", templates.FORMATS)
def test_chinese_templates_use_chinese_values_that_import_as_the_english_ones(con, fmt):
    zh = templates.template_frame(KIND, "zh")
    # channel, category, severity and status in Chinese under the Chinese headers (codes and ids stay)
    for header in ("渠道", "类别", "严重程度", "状态"):
        assert all(_has_chinese(v) for v in zh[header]), (header, list(zh[header]))
    assert zh["渠道"].tolist() == ["热线", "在线"] and zh["状态"].tolist() == ["已关闭", "已响应"]
    data = templates.template_bytes(KIND, "zh", fmt)
    prepared, result = pipeline.import_bytes(
        con, KIND, data, "zh." + fmt, None, pipeline.ImportOptions(now=datetime(2026, 6, 1)), ADMIN
    )
    assert prepared.errors.empty and result.rows_added == 2
    stored = con.execute(
        "select source_id, channel, category_raw, category_group, severity, status from complaints order by 1"
    ).fetchall()
    # the standard values of the English template's hotline / product quality / normal / closed rows
    assert stored == [
        ("T-000123", "hotline", "产品质量", "product_quality", "normal", "closed"),
        ("T-000124", "online", "配送", "delivery", "high", "responded"),
    ]


@pytest.mark.parametrize("fmt", templates.FORMATS)
def test_chinese_survey_template_channels_import(con, fmt):
    kind = registry.kind("surveys")
    zh = templates.template_frame(kind, "zh")
    assert zh["渠道"].tolist() == ["门店", "应用"]
    data = templates.template_bytes(kind, "zh", fmt)
    prepared, result = pipeline.import_bytes(
        con, kind, data, "zh." + fmt, None, pipeline.ImportOptions(now=datetime(2026, 6, 1)), ADMIN
    )
    assert prepared.errors.empty and result.rows_added == 2
    stored = con.execute("select source_response_id, channel from survey_responses order by 1").fetchall()
    assert stored == [("R-000123", "in_store"), ("R-000124", "app")]


def test_each_template_file_is_built_once_per_content(monkeypatch):
    """The Upload page offers the four templates on every run: a file is built once, then served again; a kind
    with other columns or rows (a configured kind) gets its own file, not another's."""
    import openpyxl

    built = []
    real = openpyxl.Workbook
    monkeypatch.setattr(openpyxl, "Workbook", lambda *a, **k: built.append(1) or real(*a, **k))
    templates._file_bytes.cache_clear()
    first = [templates.template_bytes(KIND, lang, fmt) for lang, fmt in VARIANTS]
    again = [templates.template_bytes(KIND, lang, fmt) for lang, fmt in VARIANTS]
    assert again == first and len(built) == 2  # one XLSX per language, built once
    other = registry.kind("surveys")
    assert templates.template_bytes(other, "en", "xlsx") != first[1] and len(built) == 3
    header = list(templates.template_frame(other).columns)
    assert cells(templates.template_bytes(other, "en", "xlsx"))[0] == header
    assert (
        templates.template_bytes(other, "en", "csv").decode("utf-8-sig").splitlines()[0].split(",") == header
    )
