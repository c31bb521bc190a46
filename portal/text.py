"""Text from data shown as plain text (issue 15 item 2): nothing a user or a file supplies renders as markup.

Streamlit renders Markdown in alerts, captions, labels and ``st.markdown`` (links, images that make the
viewer's browser fetch an address, ``:colour[...]`` directives, ``:material/...:`` icons, LaTeX); plotly
renders a subset of HTML in tick labels, legends and hover text (``<a href>`` becomes a link). Every value
that comes from data goes through ``md_plain`` before it reaches Markdown (``ui.t`` does it for every
placeholder value) and ``escape_figure`` before a chart is drawn (``ui.chart``). Streamlit-free.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

# backslash-escapable ASCII punctuation that starts Markdown syntax (CommonMark allows escaping any of it):
# with "[" and "]" escaped no link or image can form, so "(", ")" and "!" stay as they are; "_" only where
# it could open or close emphasis (not inside a word like overall_satisfaction)
_MD_SPECIAL = re.compile(r"([\\`*\[\]#~<>$&]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z]))")
# ':' starts Streamlit's directives (:red[..], :material/icon:, :emoji:) and URL schemes (http://): escaped
# unless a digit, a space or the end follows (09:00, "Note: ...")
_MD_COLON = re.compile(r":(?=[^\d\s])")
_WWW = re.compile(r"(?i)\bwww\.")  # GFM autolinks "www.example.com"
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")
# invisible / direction controls that make shown text differ from stored text
BIDI_AND_ZERO_WIDTH = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def code_name(code: Any, name: Any) -> str:
    """An agent or a team as the tables and captions name it, its code and name ("A003 Agent Three", "T2 Team
    Two"); the code alone where the name is none (None, NaN, empty) or the code itself."""
    if not isinstance(name, str):  # None, NaN, pd.NA: no name
        return str(code) if name is None or bool(pd.isna(name)) else f"{code} {name}"
    return str(code) if name in ("", str(code)) else f"{code} {name}"


def md_plain(value: Any) -> Any:
    """``value`` as Markdown that shows exactly its text. Numbers and dates pass unchanged (no markup)."""
    if value is None or isinstance(value, bool | int | float | Decimal | dt.date | dt.time | np.number):
        return value
    text = BIDI_AND_ZERO_WIDTH.sub("", _LINE_BREAKS.sub(" ", str(value)))
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _MD_COLON.sub(r"\\:", text)
    return _WWW.sub(lambda m: m.group(0)[:-1] + "\\.", text)


# what opens a block at the start of a line (a list, a setext heading's underline, a rule): escaped by md_lines
_LINE_START = re.compile(r"^(\s*)([-+=])|^(\s*\d+)([.)])")


def md_lines(value: Any) -> str:
    """A note of several lines (a coaching note) as Markdown that shows exactly its text, its line breaks kept:
    each line ``md_plain``, and what would open a list, heading or rule at its start escaped."""
    lines = _LINE_BREAKS.split(str(value if value is not None else ""))
    return "  \n".join(_LINE_START.sub(_escape_mark, md_plain(line)) for line in lines)


def _escape_mark(found: re.Match) -> str:
    return f"{found[1]}\\{found[2]}" if found[2] else f"{found[3]}\\{found[4]}"


def html_plain(value: Any) -> Any:
    """A label for plotly: HTML special characters escaped (plotly shows ``&lt;a&gt;`` as ``<a>``)."""
    if isinstance(value, str):
        return html.escape(BIDI_AND_ZERO_WIDTH.sub("", value), quote=False)
    return value


_TRACE_TEXT = ("x", "y", "text", "hovertext", "labels", "ids", "parents", "r", "theta")


def _escaped(values: Any) -> Any:
    if isinstance(values, str):
        return html_plain(values)
    if isinstance(values, np.ndarray):
        if values.dtype.kind in "OUS":
            return np.array([_escaped(v) for v in values.tolist()], dtype=object)
        return values
    if isinstance(values, list | tuple):
        return type(values)(_escaped(v) for v in values)
    return values


def escape_figure(fig):
    """Every text from data in a plotly figure (categories on axes, legends, hover and bar texts) escaped of
    HTML, in place, once (a cached figure is not escaped twice); returns the figure. Axis titles and chart
    titles are the portal's own (left as they are)."""
    if getattr(fig, "_portal_plain", False):
        return fig
    for trace in fig.data:
        for attr in _TRACE_TEXT:
            if attr in trace and trace[attr] is not None:
                value = trace[attr]
                escaped = _escaped(value)
                if escaped is not value:
                    trace[attr] = escaped
        if "name" in trace and isinstance(trace.name, str):
            trace.name = html_plain(trace.name)
        if "legendgroup" in trace and isinstance(trace.legendgroup, str):
            trace.legendgroup = html_plain(trace.legendgroup)

    def axis_plain(axis) -> None:
        for attr in ("ticktext", "tickvals", "categoryarray"):
            if axis[attr] is not None:
                axis[attr] = _escaped(axis[attr])

    fig.for_each_xaxis(axis_plain)
    fig.for_each_yaxis(axis_plain)
    fig._portal_plain = True
    return fig
