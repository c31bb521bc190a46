"""ui.built: a value built once per identical inputs (same objects, equal plain values), rebuilt otherwise."""

from __future__ import annotations

import pandas as pd
import plotly.io as pio

from portal import charts
from portal.ui.display import built

CALLS: list[tuple] = []


def _build(frame: pd.DataFrame, lang: str) -> tuple:
    CALLS.append((id(frame), lang))
    return (len(frame), lang)


def test_same_objects_build_once_and_new_objects_rebuild():
    CALLS.clear()
    frame = pd.DataFrame({"a": [1, 2, 3]})
    first = built(_build, frame, "en")
    again = built(_build, frame, "en")
    assert first is again and len(CALLS) == 1  # same frame object, equal string: one build
    built(_build, frame, "zh")  # another language: a second build
    assert len(CALLS) == 2
    # an equal but new frame (a new figure set after an import): built anew, by identity not by content
    built(_build, pd.DataFrame({"a": [1, 2, 3]}), "en")
    assert len(CALLS) == 3


def test_every_chart_has_the_white_template_even_after_streamlit_reset_the_default():
    import plotly.graph_objects as go
    import streamlit  # noqa: F401 - its import sets pio.templates.default = "streamlit"

    white = go.Figure(layout={"template": "plotly_white"}).to_dict()["layout"]["template"]
    pio.templates.default = "streamlit"  # as an import of streamlit after portal.charts leaves it
    first = charts.base_layout(go.Figure(), "t").to_dict()["layout"]["template"]
    second = charts.base_layout(go.Figure(), "t").to_dict()["layout"]["template"]
    assert first == white and second == white and pio.templates.default == "plotly_white"
