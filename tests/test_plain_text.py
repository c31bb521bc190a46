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


# what the probe put in store names, coaching notes and acknowledgement notes: an outside image, a link, a colour
PAYLOAD = "![pix](http://probe.example/p.png) [go](http://probe.example) :red[**URGENT**]"
PAYLOAD_MD = r"!\[pix\](http\://probe.example/p.png) \[go\](http\://probe.example) \:red\[\*\*URGENT\*\*\]"


def _store_alert():
    from datetime import datetime

    from portal.overview import sources_fives
    from portal.overview.sources import window_for

    window = window_for(datetime(2026, 11, 26, 20, 0), timezone="Asia/Shanghai")
    actions = pd.DataFrame({"store_code": ["S002"], "overdue_count": [3], "open_count": [5]})
    (alert,) = sources_fives.store_alerts(pd.DataFrame(), actions, pd.DataFrame(), window, None)
    return window, alert


def test_store_names_in_alerts_and_the_brief_show_as_typed():
    # 23 image requests to an outside host from the admin's Overview: the alerts, the quieted list and the brief
    from portal.overview import brief

    window, alert = _store_alert()
    names = {"S002": f"S002 {PAYLOAD}"}
    sentence = brief.alert_sentence(window, alert, "en", names)
    assert sentence.markdown == (
        f"Corrective actions overdue at S002 {PAYLOAD_MD}: 3 (n = 5 open, as of 2026-11-27)."
    )
    assert sentence.text == f"Corrective actions overdue at S002 {PAYLOAD}: 3 (n = 5 open, as of 2026-11-27)."
    weekly = brief.Brief("2026-W47", "en", "*", (sentence,))
    assert f"- {sentence.markdown} [details]" in weekly.markdown() and "![pix](" not in weekly.markdown()
    assert (
        weekly.to_json()["sentences"][0]["text"] == sentence.text
    )  # the JSON for machines: the words as such
    assert "markdown" not in weekly.to_json()["sentences"][0]


def test_a_coaching_note_keeps_its_lines_and_renders_nothing():
    note = f"# Well done\n---\n1. greet\n- {PAYLOAD}"
    assert (
        text.md_lines(note) == rf"\# Well done  " "\n" r"\---  " "\n" r"1\. greet  " "\n" rf"\- {PAYLOAD_MD}"
    )
    assert text.md_lines(None) == ""


def test_the_store_views_caption_names_the_store_as_typed():
    from portal.overview import store

    window, _ = _store_alert()
    view = store.StoreView(2, "S002", PAYLOAD, 1, window, (), (), (), whole_chain=True)
    caption = store.caption(view, {1: "[East](http://probe.example)"}, "en", "2026-W47")
    assert (
        PAYLOAD_MD in caption and r"\[East\](http\://probe.example)" in caption and "](http://" not in caption
    )


def test_an_agent_or_team_is_named_by_one_rule_code_and_name():
    """text.code_name: "A003 Agent Three"; the code alone where the name is none, empty or the code. The complaint
    list's caption, the filter bar's team and the QA import's "in another team" message use it (each had a copy,
    the QA one writing "T2 nan" for a NaN name)."""
    from portal.complaints import listing
    from portal.qa import kind
    from portal.ui import filter_bar

    assert text.code_name("A003", "Agent Three") == "A003 Agent Three"
    assert text.code_name("T2", "二组") == "T2 二组"
    for none in (None, float("nan"), pd.NA, "", "T2"):
        assert text.code_name("T2", none) == "T2", none
    assert text.code_name(7, None) == "7"
    assert listing.code_name is kind.code_name is filter_bar.code_name is text.code_name
