"""What the reader of 5S sheets says about a sheet it refuses, and its notes, follow the language the preview is
shown in, not the one the workbook was read in: a workbook read in English and previewed in Chinese said
"Item SE1: the score 5 is outside 0 to 4. 该工作表未导入。" (the parser's message was rendered at the read, only the
suffix at the preview), and the other way round."""

from __future__ import annotations

import pytest

from portal.fives_intake.kind import KIND
from portal.i18n import t
from portal.ingest import pipeline, preview, reading
from tests.fives_intake_fixture import ADMIN
from tests.test_fives_intake_kind import opts
from tests.test_fives_intake_sheet_errors import db, sheet, workbook  # noqa: F401 - db: the fixture

# S002's SE1 is on row 14, its score in column D (tests/test_fives_intake_sheet_errors.py)
EN = "Item SE1: the score 5 is outside 0 to 4. This sheet is not imported."
ZH = "检查项 SE1：得分 5 超出 0 至 4 的范围。 该工作表未导入。"


@pytest.mark.parametrize("read_in", ["en", "zh"])
def test_a_refused_sheets_row_message_is_in_the_previews_language(db, read_in):  # noqa: F811
    data = workbook(sheet(db), sheet(db, store="S002", iid="S002-X", SE1=5))
    raw = pipeline.read(db, KIND, data, "j.xlsx", lang=read_in)
    prepared = pipeline.prepare(db, KIND, raw, None, opts(lang=read_in), ADMIN)
    assert preview.error_table(prepared, "en").values.tolist() == [["S002", 14, "D", "5", EN]]
    assert preview.error_table(prepared, "zh").values.tolist() == [["S002", 14, "D", "5", ZH]]


@pytest.mark.parametrize("read_in", ["en", "zh"])
def test_the_parsers_notes_are_in_the_previews_language(db, read_in):  # noqa: F811
    # SO1 written 满分 (full marks): read as 4, said in a note of the parser
    raw = pipeline.read(db, KIND, workbook(sheet(db, SO1="满分")), "n.xlsx", lang=read_in)
    notes = [v for k, v in raw.notes if k == "fives_intake.parse.note"]
    assert len(notes) == 1
    en, zh = t("fives_intake.parse.note", "en", **notes[0]), t("fives_intake.parse.note", "zh", **notes[0])
    assert "SO1 满分" in en and "SO1 满分" in zh
    assert en != zh
    assert not any(
        "\u4e00" <= ch <= "\u9fff" for ch in en.replace("满分", "")
    )  # no Chinese but the cell's word
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh.replace("满分", ""))


@pytest.mark.parametrize("read_in", ["en", "zh"])
def test_a_workbook_refused_whole_is_said_in_the_language_asked(db, read_in):  # noqa: F811
    data = workbook(sheet(db, store="S002", iid="S002-X", SE1=5))
    with pytest.raises(reading.FileRefused) as refused:
        pipeline.read(db, KIND, data, "r.xlsx", lang=read_in)
    en = t(refused.value.reason, "en", **refused.value.values)
    zh = t(refused.value.reason, "zh", **refused.value.values)
    assert "Item SE1: the score 5 is outside 0 to 4." in en and "检查项" not in en
    assert "检查项 SE1：得分 5 超出 0 至 4 的范围。" in zh and "Item SE1" not in zh
