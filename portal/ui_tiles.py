"""KPI tiles on a page: one ``st.metric`` per ``portal.kpi.Figure`` with the words of its ``TileText``.

Every page draws its headline figures through ``figure_tiles``, so that a value, a change, its colour and
arrow and the status line look the same everywhere (the numbers are formatted by ``portal.kpi``).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from portal import kpi
from portal.kpi import Figure, TileText

MISSING = "—"


def figure_tiles(
    figures: Sequence[Figure],
    lang: str,
    texts: Sequence[TileText] | None = None,
    *,
    per_row: int | None = None,
) -> None:
    """The figures as bordered metric tiles, ``per_row`` to a row (default: all in one row).

    ``texts`` gives each figure's label, help, the delta's description and the lines under it (an area's
    ``display.tile_texts``); by default the generic ``kpi.tile_text``.
    """
    figures = list(figures)
    texts = list(texts) if texts is not None else [kpi.tile_text(f, lang) for f in figures]
    if len(texts) != len(figures):
        raise ValueError("one TileText per figure")
    per_row = per_row or len(figures) or 1
    for start in range(0, len(figures), per_row):
        row = st.columns(per_row)
        for column, fig, text in zip(
            row, figures[start : start + per_row], texts[start : start + per_row], strict=False
        ):
            with column:
                _tile(fig, text, lang)


def _tile(fig: Figure, text: TileText, lang: str) -> None:
    delta_color, delta_arrow = kpi.delta_style(fig)
    delta_color = text.delta_color or delta_color
    st.metric(
        text.label,
        kpi.format_value(fig, lang),
        delta=kpi.format_change(fig, lang),
        # the help says why no change is shown (previous period not covered by the data) or that the period is
        # in progress; the change's description says "period in progress" too (none without a change)
        help=kpi.with_change_note(fig, text.help, lang),
        delta_color=delta_color,
        delta_arrow=delta_arrow,
        border=True,
        delta_description=kpi.vs_previous(fig, text.vs_previous, lang),
    )
    for line, colour in text.captions:
        st.caption(f":{colour}[{line}]" if colour else line)


def _once_styler(shown: pd.DataFrame) -> Styler:
    """A Styler whose styles are computed and translated once: st.dataframe calls ``_compute`` and
    ``_translate`` on every rerun, which for a table kept between reruns (``ui.built``) gives the same result
    each time (issue 14: styling the complaint tables was a third of a cached rerun's CPU). A plain Styler
    (Streamlit accepts no subclass) with both methods memoised on the instance; nobody changes it once it is
    drawn."""
    styler = shown.style
    lock = threading.RLock()
    computed: list[bool] = []
    translated: dict = {}
    compute, translate = styler._compute, styler._translate

    def _compute():
        with lock:
            if not computed:
                compute()
                computed.append(True)
        return styler

    def _translate(*args, **kwargs):
        key = (args, tuple(sorted(kwargs.items())))
        with lock:
            if key not in translated:
                translated[key] = translate(*args, **kwargs)
            return translated[key]

    styler._compute, styler._translate = _compute, _translate
    return styler


def marked_table(
    shown: pd.DataFrame,
    statuses: Mapping[str, Sequence[str | None]],
    formats: Mapping[str, str] | None = None,
) -> Styler:
    """A table whose cells are marked against their targets with the one rule of ``portal.kpi``: the status
    symbol in front of the value (✓ meets, ✗ misses, ◌ low confidence) and its colour, so a miss reads
    without colour too. ``statuses``: per column label, one status per row (None: no target); ``formats``:
    per column label a ``str.format`` spec such as ``"{:,.1f}"`` (the marked columns show their number this
    way; st.dataframe sorts on the numbers underneath)."""
    formats = dict(formats or {})
    styler = _once_styler(shown)
    for column, marks in statuses.items():
        if column not in shown.columns:
            continue
        marks = list(marks)
        spec = formats.get(column, "{:,.1f}")
        for status in set(marks):
            rows = [shown.index[i] for i, m in enumerate(marks) if m == status]

            def fmt(value, status=status, spec=spec):
                if value is None or pd.isna(value):
                    return MISSING
                return kpi.cell_text(spec.format(value), status)

            styler = styler.format(fmt, subset=pd.IndexSlice[rows, [column]])
        css = [kpi.STATUS_CELL_STYLES.get(m or "", "") for m in marks]
        styler = styler.apply(lambda _col, css=css: css, axis=0, subset=[column])
    return styler
