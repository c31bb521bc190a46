"""The photo an inspector took of a finding with the tablet form is shown with the corrective action it opened, beside
the after-photo: the manager who verifies the work compares the two (the PDCA loop's check). The form kept the photo
(``fives_item_scores.photo_path``) but no page showed it, so the store's "before" was lost to everyone after the
submit.
"""

from __future__ import annotations

import io

import duckdb
import pytest
from PIL import Image

from portal.fives_intake import photos
from tests.apptest.conftest import page_opener
from tests.apptest.test_fives_pages import build_db

pytestmark = pytest.mark.usefixtures("fresh_query_cache")


def _jpeg(colour) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(out, "JPEG")
    return out.getvalue()


def _captions(at) -> list[str]:
    """The captions of every image the run shows."""
    return [img.caption for element in at.get("image") for img in element.proto.imgs]


@pytest.mark.parametrize(("lang", "before", "after"), [("en", "Photo at the inspection", "After-photo"),
                                                       ("zh", "检查时照片", "整改后照片")])  # fmt: skip
def test_the_findings_photo_is_shown_with_its_action(tmp_path, monkeypatch, lang, before, after):
    monkeypatch.setenv("PORTAL_PHOTO_DIR", str(tmp_path / "photos"))
    db = build_db(tmp_path / "photos.duckdb")
    finding = photos.store_photo(_jpeg((200, 40, 40)))
    con = duckdb.connect(str(db))
    try:
        inspection, item = con.execute(
            "select inspection_id, item_code from corrective_actions where action_id = 1"
        ).fetchone()
        con.execute(
            "update fives_item_scores set photo_path = ? where inspection_id = ? and item_code = ?",
            [finding, inspection, item],
        )
    finally:
        con.close()
    open_page = page_opener(db, monkeypatch, "pages/fives_actions.py")

    at = open_page("manager", lang, action="1")
    assert at.selectbox(key="fives_actions_pick").value == 1
    assert _captions(at) == [before]  # no after-photo yet

    at = open_page("inspector", lang, action="1")
    at.text_area(key="fives_actions_1_done_text").input("Boxes moved to the stockroom")
    next(b for b in at.button if b.label in ("Submit what was done", "提交整改情况")).click().run()
    assert not at.exception
    con = duckdb.connect(str(db))  # the after-photo as the submit keeps it (AppTest cannot fill an uploader)
    try:
        con.execute(
            "update corrective_actions set after_photo_path = ? where action_id = 1",
            [photos.store_photo(_jpeg((40, 200, 40)))],
        )
    finally:
        con.close()

    at = open_page("manager", lang, action="1")
    assert _captions(at) == [before, after]  # before and after, side by side


def test_an_action_without_a_findings_photo_shows_none(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_PHOTO_DIR", str(tmp_path / "photos"))
    open_page = page_opener(build_db(tmp_path / "nophoto.duckdb"), monkeypatch, "pages/fives_actions.py")
    at = open_page("manager", action="1")
    assert _captions(at) == []
