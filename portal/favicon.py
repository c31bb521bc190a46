"""The portal's favicon, drawn in code: three rising bars on the primary blue.

An image (not a ``:material/…:`` name, which the browser fetches from fonts.gstatic.com, nor an emoji, fetched
from a CDN) is served by the portal itself, so the tab shows its icon on an intranet without internet access.
"""

from __future__ import annotations

from functools import cache

from PIL import Image, ImageDraw

from portal.charts import PALETTE

SIZE = 64
BAR_HEIGHTS = (22, 34, 46)


@cache
def favicon() -> Image.Image:
    """A 64 x 64 RGBA icon (made once per process)."""
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, SIZE - 1, SIZE - 1), radius=12, fill=PALETTE["primary"])
    for i, height in enumerate(BAR_HEIGHTS):
        left = 12 + i * 15
        draw.rectangle((left, 54 - height, left + 10, 54), fill="white")
    return image
