"""The tablet form's refused submit says what is wrong and where: the item, which of its answers and why, in the
page's language, and keeps every answer. Before, a photo gone from the server (the photo folder cleaned, a restored
backup) refused the submit with the upload page's generic "25 of 25 rows are invalid; nothing was written. Correct
them, or choose to skip invalid rows." (no item named, a choice the form does not offer), and the item's card showed
no photo and no way to remove it, so the inspector could never submit."""

from __future__ import annotations

from datetime import date

import pytest

from portal import db
from portal.fives_intake import form, photos
from portal.fives_intake import template as tpl
from tests.apptest.conftest import ROLE_USERS, texts
from tests.apptest.test_fives_intake_pages import button, open_page, own_db, rows  # noqa: F401 - the fixture

ITEMS = [f"{p}{i}" for p in ("SO", "SE", "SH", "ST", "SU") for i in range(1, 6)]
GONE = "0" * 40 + ".jpg"  # a well-formed photo name that is not stored


def _draft_with_a_lost_photo(path) -> None:
    con = db.connect(path)
    try:
        template = tpl.default_template(tpl.load_all(con))
        draft = form.Draft(1, template.template_id, date.today(), section=2)  # Shine open
        for code in ITEMS:
            draft.answer(code)["score"] = 3
        draft.answer("SH2").update(photo=GONE, comment="Dust on the tins")
        form.save_draft(con, ROLE_USERS["inspector"].username, draft)
    finally:
        con.close()


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "Not submitted; your answers are kept. Correct this and submit again:\n\n- SH2 There is no dust on the "
            "goods, photo: the photo is no longer stored on the server. Remove it (the item's Remove photo button) "
            "and take it again, or submit without it.",
        ),
        (
            "zh",
            "未提交，已填写的内容均已保留。请更正以下内容后重新提交：\n\n- SH2 商品表面无灰尘，照片：照片已不在服务器上。"
            "请删除该照片(检查项的“删除照片”按钮)后重新拍摄，或不附照片提交。",
        ),
    ],
    ids=["en", "zh"],
)
def test_a_refused_submit_names_the_item_and_keeps_the_answers(own_db, lang, said):  # noqa: F811
    _draft_with_a_lost_photo(own_db)
    at = open_page("inspector", "pages/fives_inspect.py", lang)
    labels = {"en": ("Submit the inspection", "Remove photo"), "zh": ("提交检查", "删除照片")}[lang]
    button(at, labels[0]).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == [said]
    assert "rows are invalid" not in texts(at) and "行无效" not in texts(at)
    # kept: the section, its scores and comment on screen, and the draft (no inspection id marked submitting)
    assert [c.value for c in at.segmented_control] == [3, 3, 3, 3, 3]
    assert at.text_input(key="fives_inspect_comment_SH2").value == "Dust on the tins"
    assert rows(own_db, "select count(*) from import_batches") == [[0]]
    assert rows(own_db, "select json_extract(draft, '$.submitting') from fives_drafts") == [[None]]
    # the item's card says its photo is gone and offers to remove it; removed, the submit goes through
    warned = [w.value for w in at.warning]
    assert len(warned) == 1 and warned[0].startswith(
        ("This item's photo is no longer stored", "此检查项的照片已不在")
    )
    button(at, labels[1]).click().run()
    # removed: the warning and its button are gone in that same run (they stayed up one run after it)
    assert not at.warning and labels[1] not in [b.label for b in at.button]
    button(at, labels[0]).click().run()
    assert not at.error, [e.value for e in at.error]
    assert rows(own_db, "select count(*), min(photo_path) from fives_item_scores") == [[25, None]]


def test_a_removed_photo_leaves_the_card_in_the_same_run(own_db):  # noqa: F811
    from tests.test_fives_photos_drafts import jpeg_with_exif

    con = db.connect(own_db)
    try:
        template = tpl.default_template(tpl.load_all(con))
        draft = form.Draft(1, template.template_id, date.today(), section=2)
        draft.answer("SH2")["photo"] = photos.store_photo(jpeg_with_exif())  # PORTAL_PHOTO_DIR: own_db's
        form.save_draft(con, ROLE_USERS["inspector"].username, draft)
    finally:
        con.close()
    at = open_page("inspector", "pages/fives_inspect.py")
    assert len(at.get("image")) == 1 and not at.warning  # the photo, kept, with its Remove photo button
    button(at, "Remove photo").click().run()
    assert not at.exception, [e.value for e in at.exception]
    # removed: the photo and its button are gone in that same run (they stayed up one run after it)
    assert "Remove photo" not in [b.label for b in at.button]
    assert not at.get("image")
    kept = rows(own_db, "select json_extract_string(draft, '$.items.SH2.photo') from fives_drafts")
    assert kept == [[None]]
