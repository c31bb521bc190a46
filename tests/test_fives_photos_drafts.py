"""Photos of the tablet form (images only, size-limited, re-encoded without metadata) and its server-side draft."""

from __future__ import annotations

import io
from datetime import date

import pytest
from PIL import Image

from portal.fives_intake import form, photos
from portal.fives_intake import template as tpl


def jpeg_with_exif(size=(640, 480)) -> bytes:
    img = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x8825] = {1: "N", 2: (31.0, 14.0, 0.0)}  # GPS info
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture
def photo_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_PHOTO_DIR", str(tmp_path / "photos"))
    return tmp_path / "photos"


def test_photo_is_reencoded_without_metadata(photo_dir):
    data = jpeg_with_exif()
    assert b"SecretCam" in data
    name = photos.store_photo(data)
    assert photos.is_photo_name(name)
    stored = (photo_dir / name).read_bytes()
    assert b"SecretCam" not in stored
    with Image.open(io.BytesIO(stored)) as img:
        assert img.format == "JPEG" and img.size == (640, 480) and not img.getexif()
    assert photos.store_photo(data) == name  # the same photo is one file
    assert photos.photo_file(name) == photo_dir / name


def test_large_photo_is_scaled_down(photo_dir):
    name = photos.store_photo(jpeg_with_exif((3000, 1500)))
    with Image.open(photo_dir / name) as img:
        assert img.size == (2000, 1000)


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"%PDF-1.4 not an image", "fives_intake.photo.not_image"),
        (b"\x89PNG\r\n\x1a\n broken", "fives_intake.photo.not_image"),
        (b"x" * (2 * 1024 * 1024), "fives_intake.photo.too_large"),
    ],
)
def test_refused_photos(photo_dir, monkeypatch, data, key):
    monkeypatch.setenv("PORTAL_PHOTO_LIMIT_MB", "1")
    with pytest.raises(photos.PhotoRefused) as exc:
        photos.store_photo(data)
    assert exc.value.key == key
    assert not photo_dir.exists() or not any(photo_dir.iterdir())


def test_photo_names_never_leave_the_folder(photo_dir):
    assert photos.photo_file("../../etc/passwd") is None
    assert photos.photo_file("0" * 40 + ".jpg") is None  # well-formed but not stored


def test_draft_survives_and_becomes_flat_rows(con):
    template = tpl.default_template(tpl.load_all(con))
    assert form.load_draft(con, "ivan") is None
    draft = form.Draft(store_id=1, template_id=template.template_id, inspected_on=date(2026, 11, 2))
    draft.answer("SO1")["score"] = 3
    draft.answer("SH3")["na"] = True
    draft.answer("SO2").update(score=1, comment=" Expired milk ")
    draft.section = 2
    form.save_draft(con, "ivan", draft)
    again = form.load_draft(con, "ivan")
    assert again == draft
    assert form.progress(template, again) == (3, 25)
    assert form.unanswered(template, again)[:3] == ["SO3", "SO4", "SO5"]
    rows = form.flat_rows(template, again, "S001", "Ivan", "X-1")
    assert rows[1] == {
        "inspection_id": "X-1",
        "store_code": "S001",
        "inspected_on": "2026-11-02",
        "inspector": "Ivan",
        "template": "FIVES_RETAIL v1",
        "item_code": "SO2",
        "score": "1",
        "comment": "Expired milk",
        "photo": "",
    }
    assert next(r for r in rows if r["item_code"] == "SH3")["score"] == "N/A"
    form.discard_draft(con, "ivan")
    assert form.load_draft(con, "ivan") is None
