"""Inspection photos: images only, size-limited, re-encoded (JPEG, at most 2000 px) so that no metadata (EXIF,
GPS, maker notes) and nothing but pixels is kept. Stored as files in ``PORTAL_PHOTO_DIR`` (default
data/photos/), named by the SHA-256 of the re-encoded bytes (the same photo twice is one file; a batch's undo
leaves the file, which no row then names). ``fives_item_scores.photo_path`` holds the name.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from pathlib import Path

from portal.config import PROJECT_ROOT

MAX_SIDE = 2000
MAX_PIXELS = 40_000_000  # refuse decompression bombs before decoding
NAME_RE = re.compile(r"^[0-9a-f]{40}\.jpg$")


class PhotoRefused(ValueError):
    """``key`` is the i18n key of the reason; the message is English."""

    def __init__(self, key: str, english: str, **values) -> None:
        super().__init__(english.format(**values))
        self.key, self.values = key, values


def photo_dir() -> Path:
    return Path(os.environ.get("PORTAL_PHOTO_DIR") or PROJECT_ROOT / "data" / "photos")


def limit_mb() -> float:
    """Largest accepted photo in MB: ``PORTAL_PHOTO_LIMIT_MB`` (default 8)."""
    try:
        return max(0.1, float(os.environ.get("PORTAL_PHOTO_LIMIT_MB", "8")))
    except ValueError:
        return 8.0


def reencode(data: bytes, max_mb: float | None = None) -> bytes:
    """The image as a metadata-free JPEG; ``PhotoRefused`` when too large or not an image."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    max_mb = limit_mb() if max_mb is None else max_mb
    if len(data) > max_mb * 1024 * 1024:
        raise PhotoRefused(
            "fives_intake.photo.too_large",
            "The photo is {size:.1f} MB, over the limit of {limit:g} MB.",
            size=len(data) / 1024 / 1024,
            limit=max_mb,
        )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in {"JPEG", "PNG", "WEBP", "GIF", "BMP", "MPO"}:
                raise PhotoRefused(
                    "fives_intake.photo.not_image", "The file is not a photo (JPEG, PNG or WebP)."
                )
            if probe.width * probe.height > MAX_PIXELS:
                raise PhotoRefused("fives_intake.photo.too_large_px", "The photo has too many pixels.")
            probe.verify()
        with Image.open(io.BytesIO(data)) as img:
            img = ImageOps.exif_transpose(img)  # keep the orientation, then drop the EXIF block
            img = img.convert("RGB")
            img.thumbnail((MAX_SIDE, MAX_SIDE))
            clean = Image.new("RGB", img.size)
            clean.paste(img)
            out = io.BytesIO()
            clean.save(out, "JPEG", quality=85, optimize=True)
            return out.getvalue()
    except PhotoRefused:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise PhotoRefused(
            "fives_intake.photo.not_image", "The file is not a photo (JPEG, PNG or WebP)."
        ) from exc


def store_photo(data: bytes, max_mb: float | None = None) -> str:
    """Re-encode and keep a photo; returns its file name (the value of ``photo_path``)."""
    clean = reencode(data, max_mb)
    name = hashlib.sha256(clean).hexdigest()[:40] + ".jpg"
    folder = photo_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    if not target.exists():
        tmp = target.with_suffix(".part")
        tmp.write_bytes(clean)
        tmp.replace(target)
    return name


def is_photo_name(name: str) -> bool:
    return bool(NAME_RE.match(name or ""))


def photo_file(name: str) -> Path | None:
    """The stored file of a photo name, or None (unknown or not a photo name: never a path outside the folder)."""
    if not is_photo_name(name):
        return None
    path = photo_dir() / name
    return path if path.is_file() else None
