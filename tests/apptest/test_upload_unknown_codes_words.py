"""The Upload page's warning about a file's unknown codes is two sentences: the codes, then what to do about them.
It ran them together with a bare space ("未知的门店编码：S999 只有管理员或……", "Unknown store code: S999 Only an
admin …"): the first sentence had no full stop, so the hint read as part of the list of codes."""

from __future__ import annotations

import pytest

from portal.i18n import inside_sentence, t
from portal.ui import core as ui_core
from tests.apptest.conftest import make_app

# store S999 is not in the fixture's master data; everything else of the row is valid
FILE = b"Ticket No,Opened,Shop,Handler\nU-1,2026-03-01 09:30,S999,A001\n"


@pytest.mark.parametrize(
    ("lang", "check", "expected"),
    [
        (
            "zh",
            "检查文件",
            "未知的门店编码：S999。只有管理员或负责全部门店的经理可以添加新门店：请在文件中更正这些编码，"
            "或请他们添加。",
        ),
        (
            "en",
            "Check the file",
            "Unknown store code: S999. Only an admin or a manager who sees the whole chain may add new stores: "
            "correct them in the file, or ask one of them to add them.",
        ),
    ],
)
def test_the_unknown_codes_warning_ends_its_first_sentence(own_db, monkeypatch, lang, check, expected):
    # AppTest calls the mapping form's format_func between runs, where no session state (so no language) is
    # readable: it would name the "not in the file" option in English and find no such option on a Chinese page
    monkeypatch.setattr(ui_core, "lang", lambda: lang)
    # a regional manager: may not add stores
    at = make_app("manager", lang).switch_page("pages/upload.py").run()
    at.file_uploader(key="upload_file").upload("codes.csv", FILE, "text/csv").run()
    assert not at.exception, [e.value for e in at.exception]
    assert t("ingest.check", lang) == check  # the button's label, as the page shows it
    next(b for b in at.button if b.label == check).click().run()
    assert not at.exception, [e.value for e in at.exception]
    warnings = [w.value for w in at.warning if "S999" in w.value]
    assert warnings == [expected]


def test_a_label_inside_an_english_sentence_drops_its_capital_but_not_an_acronyms():
    assert inside_sentence("Store code", "en") == "store code"
    assert inside_sentence("QA review id", "en") == "QA review id"
    assert inside_sentence("门店编码", "zh") == "门店编码"
