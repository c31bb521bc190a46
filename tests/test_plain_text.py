"""Nothing from data renders as markup (issue 15 item 2): Markdown and plotly HTML from store codes, names and
file texts are shown as plain text; Streamlit's own table download (which does not neutralise formulas) is off."""

import json
import tomllib

import pandas as pd

from portal import text
from portal.complaints import charts as charts_complaints
from portal.config import PROJECT_ROOT

LINK = "<a href='http://x'>S998</a>"
IMAGE = "![x](http://x)"


def test_markdown_from_data_is_plain():
    assert text.md_plain(IMAGE) == r"!\[x\](http\://x)"
    assert text.md_plain(LINK) == r"\<a href='http\://x'\>S998\</a\>"
    assert text.md_plain(":red[alarm] :material/home: www.x.com $x$") == (
        r"\:red\[alarm\] \:material/home: www\.x.com \$x\$"
    )
    assert text.md_plain("line\n\n# heading") == r"line \# heading"
    assert text.md_plain("_em_ overall_satisfaction *b*") == r"\_em\_ overall_satisfaction \*b\*"
    # what needs no escaping stays readable: times, dates, numbers, plain words
    assert text.md_plain("2026-11-23 09:00, S001 Store A.") == "2026-11-23 09:00, S001 Store A."
    assert text.md_plain(12.5) == 12.5 and text.md_plain(None) is None


def test_bidi_and_zero_width_characters_are_dropped_from_display():
    assert text.md_plain("S\u202e100\u200b") == "S100"


def test_store_codes_in_the_heat_map_are_not_links():
    frame = pd.DataFrame(
        {
            "category_group": ["product", "service"],
            "store_code": [LINK, "S001"],
            "store_id": [998, 1],  # the heat map's input carries the store ids (issue 10 drill-down)
            "complaint_count": [3, 4],
        }
    )
    fig = text.escape_figure(charts_complaints.heat_map(frame, "en"))
    spec = json.dumps(fig.to_plotly_json(), default=str)
    assert "<a href" not in spec and "&lt;a href='http://x'&gt;S998&lt;/a&gt;" in spec
    # the tick values still name the same categories as the trace's x (the column stays labelled)
    assert list(fig.layout.xaxis.tickvals) == list(fig.data[0].x)
    # escaping twice (a cached figure drawn again) changes nothing
    assert text.escape_figure(fig).to_plotly_json() == fig.to_plotly_json()


def test_streamlits_table_download_is_off():
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["disableDataExport"] is True
