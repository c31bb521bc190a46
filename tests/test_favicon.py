"""The favicon is an image drawn in code (served by the portal), not a name the browser fetches from Google."""

from pathlib import Path

from portal.charts import PALETTE
from portal.favicon import SIZE, favicon


def test_favicon_is_an_image_of_the_primary_colour_with_white_bars():
    image = favicon()
    assert image.size == (SIZE, SIZE)
    primary = tuple(int(PALETTE["primary"][i : i + 2], 16) for i in (1, 3, 5))
    assert image.getpixel((SIZE // 2, 4))[:3] == primary  # the background, above the bars
    assert image.getpixel((0, 0))[3] == 0  # the rounded corner is transparent
    assert image.getpixel((47, 50))[:3] == (255, 255, 255)  # inside the tallest bar
    assert image.getpixel((47, 4))[:3] == primary  # above it


def test_app_sets_the_drawn_favicon_not_a_material_icon():
    source = (Path(__file__).resolve().parents[1] / "app.py").read_text(encoding="utf-8")
    assert "page_icon=favicon()" in source
    assert ":material/" not in source.split("st.set_page_config(", 1)[1].split(")", 1)[0]
