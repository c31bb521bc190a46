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
    expected_headers = [f.name if lang == "en" else f.header_zh for f in KIND.fields]
    assert raw.headers == expected_headers
    prepared, result = pipeline.import_bytes(
        con, KIND, data, "t." + fmt, None, pipeline.ImportOptions(now=datetime(2026, 6, 1)), ADMIN
    )
    assert prepared.mapping == {f.name: h for f, h in zip(KIND.fields, expected_headers, strict=True)}
    assert prepared.errors.empty and result.rows_added == len(KIND.template_rows) == 2
