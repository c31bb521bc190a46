"""Charts: a DataFrame in, a plotly figure out, always with a title, units and readable axes."""

from __future__ import annotations

import pandas as pd
import plotly.colors
import plotly.graph_objects as go
import plotly.io as pio

from portal.i18n import t

# The template is set once for the process: every figure made after this import starts from it (plotly copies
# the registered default without validating it). Set per figure in base_layout it cost 20 ms a chart, 42% of
# a cached rerun's CPU (issue 14).
TEMPLATE = "plotly_white"
pio.templates.default = TEMPLATE

PALETTE = {"primary": "#1f6feb", "good": "#2da44e", "bad": "#cf222e", "neutral": "#8c959f", "warn": "#bf8700"}

# Series of one chart (teams, metrics, stores): ten qualitative colours (Tableau 10, plotly's qualitative.T10), then the same colours dashed and with other markers, so that no two of up to 40 lines look alike (the team
# trend's ten teams shared six colours: T01 and T07 were one colour).
SERIES_COLOURS = tuple(plotly.colors.qualitative.T10)
SERIES_DASHES = ("solid", "dash", "dot", "dashdot")
SERIES_MARKERS = ("circle", "square", "diamond", "triangle-up")


def series_style(i: int) -> dict:
    """The line and marker of a chart's ``i``-th series (``add_scatter(..., **series_style(i))``): a colour of
    its own up to ten series, beyond that a dash and marker of its own as well."""
    cycle = (i // len(SERIES_COLOURS)) % len(SERIES_DASHES)
    colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
    return {
        "line": {"color": colour, "dash": SERIES_DASHES[cycle]},
        "marker": {"color": colour, "symbol": SERIES_MARKERS[cycle]},
    }


# The legend at the bottom of the figure (container coordinates), the plot's bottom margin grown by plotly to
# fit it: at y = -0.2 of the plot (paper coordinates) a legend that wrapped onto a second row in a half-width
# column grew up into the x axis's title ("各指标得分(近六期)" on the agent's home page and the scorecards).
LEGEND_BELOW = {
    "orientation": "h",
    "yref": "container",
    "yanchor": "bottom",
    "y": 0,
    "x": 0,
    "xanchor": "left",
}


def base_layout(
    fig: go.Figure, title: str, x_title: str | None = None, y_title: str | None = None
) -> go.Figure:
    if pio.templates.default != TEMPLATE:
        # importing streamlit sets its own default ("streamlit"): when that import came after this module's,
        # set ours again (this figure explicitly, the next ones by default)
        pio.templates.default = TEMPLATE
        fig.update_layout(template=TEMPLATE)
    fig.update_layout(
        colorway=list(SERIES_COLOURS),  # series a chart leaves uncoloured
        # the title below plotly's tool bar (top right, ~28 px): a long title in a narrow chart ran under it
        title={
            "text": title,
            "x": 0,
            "xanchor": "left",
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": 32},
        },
        margin={"l": 10, "r": 10, "t": 64, "b": 10},
        height=360,
        hovermode="x unified",
        legend=LEGEND_BELOW,
    )
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    return fig


WEEK_MS = 7 * 24 * 3600 * 1000


BREAK_AFTER = "，：、；。）)"  # a line may end after these (Chinese punctuation, a closing bracket)


def text_lines(text: str, width: int = 52) -> list[str]:
    """``text`` broken into lines of at most ``width`` units (a Chinese character counts two, anything else one):
    plotly never wraps a title, and a long one ran past its chart's edge. An overflowing line breaks at its last
    space (not around "=", nor between a number and its unit), before an opening bracket or after Chinese
    punctuation or a closing bracket (，：、；。）)) that fits; only a line with none is split between two
    characters, next to a Chinese one where it can (never inside a Latin word), and never so that a single
    character is left alone on the next line (it broke "12 家门店" into "12 家门" and "店")."""
    import unicodedata

    def wide(c: str) -> bool:
        return unicodedata.east_asian_width(c) in "WF"

    def units(part: str) -> int:
        return sum(2 if wide(c) else 1 for c in part)

    def breaks(i: int) -> bool:  # a line may end before rest[i]
        before, after = rest[i - 1], rest[i + 1 : i + 2]
        if rest[i] in "(（" or before in BREAK_AFTER:
            return True
        # a space, but not inside "n = 12" nor between a number and its unit ("12 家门店", "12 stores")
        return rest[i] == " " and "=" not in (before, after) and not (before.isdigit() and after.isalpha())

    lines: list[str] = []
    rest = " ".join(text.split())
    while units(rest) > width:
        fit = 0  # the most characters that fit
        while units(rest[: fit + 1]) <= width:
            fit += 1
        cuts = [i for i in range(fit, 0, -1) if len(rest[i:].strip()) > 1]  # never a lone character after
        cut = next((i for i in cuts if breaks(i)), None)
        if (
            cut is None
        ):  # no space nor punctuation: between two characters, one of them Chinese if any (and no
            # line starting with a comma or a closing bracket)
            inner = (i for i in cuts if (wide(rest[i - 1]) or wide(rest[i])) and rest[i] not in BREAK_AFTER)
            cut = next(inner, cuts[0] if cuts else fit)
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        lines.append(rest)
    return lines


def week_ticks(fig: go.Figure, week_starts) -> None:
    """Date ticks on the week starts (Mondays), every week or every 2nd/4th/8th when there are many."""
    starts = pd.to_datetime(pd.Series(week_starts)).dropna()
    if starts.empty:
        return
    step = next((k for k in (1, 2, 4, 8, 13, 26) if len(starts) / k <= 12), 52)
    fig.update_xaxes(tick0=starts.min(), dtick=WEEK_MS * step)


def hover(label: str, value: str, lang: str, box: str = "") -> str:
    """A hover template "label: value" written as ``lang`` writes it ("label：value" in Chinese: i18n key
    text.label_value); ``box``: the hover box's side label (plotly's ``<extra>``, empty = none)."""
    return t("text.label_value", lang, label=label, value=value) + f"<extra>{box}</extra>"


def whole_number_axis(fig: go.Figure, top: float, axis: str = "y") -> None:
    """A count axis from 0 with whole-number ticks (no 0.2, 0.4 ... on small counts)."""
    update = fig.update_yaxes if axis == "y" else fig.update_xaxes
    update(rangemode="tozero", tickformat=",d", **({"dtick": 1} if top <= 5 else {}))
    if top <= 0:
        update(range=[0, 1])


def empty_note(fig: go.Figure, text: str) -> None:
    """A chart with nothing to show says so in its middle."""
    fig.add_annotation(
        text=text,
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        showarrow=False,
        font={"size": 14, "color": "#57606a"},
    )


def row_counts(status: pd.DataFrame, lang: str) -> go.Figure:
    """Horizontal bars: rows per kind of data (Data status page)."""
    labels = [t(f"status.kind.{k}", lang) for k in status["kind"]]
    fig = go.Figure(
        go.Bar(
            x=status["row_count"],
            y=labels,
            orientation="h",
            marker_color=PALETTE["primary"],
            hovertemplate=hover("%{y}", "%{x:,}", lang),
        )
    )
    fig.update_yaxes(autorange="reversed")
    # a log scale: 60 stores and 250,000 complaints both show (a kind with no rows has no bar)
    # ticks at the powers of ten only: with a few rows of each kind (an inspector's 5S), plotly's ticks between
    # them (0.2, 0.5, 2, 5) were written as whole numbers, "0 0 0 1 1 1 2 3 … 10" (fresh-install probe)
    fig.update_xaxes(type="log", tickformat=",d", dtick=1)
    fig.update_layout(hovermode="closest")
    return base_layout(fig, t("status.chart_title", lang), t("status.rows_log", lang), None)


# plotly.js's own words (the modebar's tooltips, its notices), looked up by their English text
PLOTLY_WORDS = (
    "plotly.download_png",
    "plotly.download",
    "plotly.zoom",
    "plotly.pan",
    "plotly.box_select",
    "plotly.lasso_select",
    "plotly.zoom_in",
    "plotly.zoom_out",
    "plotly.autoscale",
    "plotly.reset_axes",
    "plotly.reset",
    "plotly.reset_view",
    "plotly.reset_views",
    "plotly.spikelines",
    "plotly.hover_closest",
    "plotly.hover_compare",
    "plotly.hover_toggle",
    "plotly.preparing_image",
    "plotly.image_done",
    "plotly.image_failed",
    "plotly.legend_isolate",
    "plotly.zoom_back",
)


def plotly_config(lang: str) -> dict:
    """``st.plotly_chart``'s config: no plotly logo; on a Chinese page plotly's own words (the modebar's tooltips,
    its notices) in Chinese. Streamlit's bundled plotly.js registers no locale but reads a chart's own
    (``config.locales``); its number and date formats stay plotly's default (dates are written numerically).
    The Fullscreen button Streamlit adds gets its words by CSS (``ui_dash.chrome_words``)."""
    config: dict = {"displaylogo": False}
    if lang != "en":
        words = {t(key, "en"): t(key, lang) for key in PLOTLY_WORDS}
        config |= {"locale": "zh-CN", "locales": {"zh-CN": {"dictionary": words}}}
    return config


# the arrays of a trace that hold its points (a scatter's x and y, a heat map's z, a pie's values, a radar's r)
_POINT_ARRAYS = ("x", "y", "z", "values", "r")


def _any_value(array) -> bool:
    """Whether a trace's array (a list, or plotly's typed array ``{"dtype", "bdata"}``) holds one value not null."""
    if isinstance(array, dict) and "bdata" in array:
        import base64

        import numpy as np

        values = np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"]))
        return bool(len(values)) and not (values.dtype.kind == "f" and bool(np.isnan(values).all()))
    if isinstance(array, list | tuple):
        return any(_any_value(v) if isinstance(v, list | tuple | dict) else not _null(v) for v in array)
    return not _null(array)


def _null(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def has_points(spec: dict) -> bool:
    """Whether a figure's dict draws any point: some trace whose every point array holds a value (a chart of a
    period and selection without data came out as empty axes running -1 to 1: a helper's probe, session 54)."""
    for trace in spec.get("data", ()):
        arrays = [trace[k] for k in _POINT_ARRAYS if k in trace]
        if arrays and all(_any_value(a) for a in arrays):
            return True
    return False
