"""Upload page, a file Excel saved as text: "Unicode Text (*.txt)" (UTF-16, tab separated) and "Text (Tab
delimited) (*.txt)" are named .txt, a tab-separated export often .tsv. The command line read them; the page's
file box refused them before they were read ("Invalid file extension: `.txt`"), so a store's file had to be
renamed first (probe of real-world files, session 40)."""

from __future__ import annotations

import pytest

from tests.apptest.conftest import make_app, texts
from tests.apptest.test_upload_pages import button, rows

HEADER = ["投诉编号", "接收时间", "渠道", "类别", "门店编码", "客服专员编码", "首次响应时间", "状态"]
LINES = [
    ["TXT-1", "2026-03-01 09:30", "热线", "产品质量", "S001", "A001", "2026-03-01 10:05", "已响应"],
    ["TXT-2", "2026-03-01 11:15", "在线", "配送", "S002", "A002", "", "处理中"],
]


def _unicode_text() -> bytes:
    text = "\r\n".join("\t".join(cells) for cells in [HEADER, *LINES]) + "\r\n"
    return b"\xff\xfe" + text.encode("utf-16-le")  # Excel's "Unicode Text": UTF-16 LE with its BOM


@pytest.mark.parametrize("name", ["unicode_text.txt", "export.tsv"])
def test_a_text_file_excel_saved_is_read_and_committed(own_db, name):
    at = make_app("admin").switch_page("pages/upload.py").run()
    at.file_uploader(key="upload_file").upload(name, _unicode_text(), "text/plain").run()
    assert not at.exception, [e.value for e in at.exception]
    assert f"{name}: 2 rows, 8 columns (utf-16)." in texts(at)
    button(at, "Check the file").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "2 rows: 2 valid, 0 invalid." in texts(at)
    button(at, "Commit the import").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Batch 1 committed: 2 added, 0 updated, 0 unchanged, 0 skipped." in texts(at)
    assert rows(own_db, "select source_id, channel, store_id from complaints order by 1") == [
        ["TXT-1", "hotline", 1],
        ["TXT-2", "online", 2],
    ]
