"""Shared display pieces: tables with their CSV export, charts, the demo banner."""

from __future__ import annotations

import contextvars
import dataclasses
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st
import streamlit.elements.arrow as st_arrow
from streamlit import dataframe_util

from portal import export
from portal.charts import has_points, plotly_config
from portal.text import escape_figure, md_plain
from portal.ui.core import is_demo, lang, t

MISSING = "—"


def download_csv(df: pd.DataFrame, file_name: str, key: str, *, once: bool = False) -> None:
    """The table's CSV (formula cells neutralised, in the page's language); the click downloads without rerunning
    the page. The file is written when the button is clicked (Streamlit's deferred download, on a thread of its
    own after the run), not on every run: a run wrote every table's CSV and handed the bytes to Streamlit, which
    hashed and kept them for the session (issue 14: the Upload page's error report, a table of every bad row,
    was written again on each click in the form). ``once=True`` when ``df`` is a frame kept between reruns (a
    cached figure set's, or one made by ``built``): a second click takes the bytes written before (``built``)."""
    language = lang()

    def data() -> bytes:
        return built(export.to_csv_bytes, df, language) if once else export.to_csv_bytes(df, language)

    st.download_button(
        t("common.download_csv"), data, file_name=file_name, mime="text/csv", key=key, on_click="ignore"
    )


def _column_config(df: pd.DataFrame) -> dict[str, Any]:
    """Readable defaults: dates without a midnight time, counts with thousands separators (an integer column, or
    a float one of whole numbers: a count holding missing values), decimals as the column was rounded."""
    config: dict[str, Any] = {}
    for col in df.columns:
        series = df[col]
        if pd.api.types.is_datetime64_any_dtype(series):
            stamps = series.dropna()
            date_only = stamps.empty or bool((stamps == stamps.dt.normalize()).all())
            config[col] = (
                st.column_config.DateColumn(format="YYYY-MM-DD")
                if date_only
                else st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm")
            )
        elif pd.api.types.is_integer_dtype(series):
            config[col] = st.column_config.NumberColumn(format="localized")
        elif pd.api.types.is_float_dtype(series) and (places := decimal_places(series)) is not None:
            # every row with the column's decimals: Streamlit drops trailing zeros ("89" under "91.2"); whole
            # numbers (repeat_findings_n, NaN where nothing could repeat) as the integers are, "1,234"
            config[col] = st.column_config.NumberColumn(format=f"%.{places}f" if places else "localized")
    return config


def decimal_places(series: pd.Series, most: int = 3) -> int | None:
    """The decimals a float column was rounded to (0 to ``most``), None when it was not rounded (or is empty)."""
    values = pd.to_numeric(series, errors="coerce").dropna().to_numpy(float)
    values = values[np.isfinite(values)]
    if not len(values):
        return None
    for places in range(most + 1):
        if np.allclose(values, np.round(values, places), rtol=0, atol=1e-9):
            return places
    return None


def text_width(values: Any, label: str = "", *, most: int = 360) -> int:
    """Pixels a text column needs to show its longest entry (or its label) whole: Streamlit sizes a stretched
    table's columns by share, so a long label in the first column was cut ("Responses with SERVQUAL b…",
    "含SERVQUAL量表的答…" on a tablet). Wide (CJK) characters count twice a narrow one; at most ``most``."""
    import unicodedata

    def need(text: str) -> float:
        return sum(14.0 if unicodedata.east_asian_width(c) in "WF" else 7.5 for c in text)

    longest = max([need(str(v)) for v in values if v is not None and not pd.isna(v)] + [need(label)])
    return int(min(most, 24 + longest))


# room for the mark a click on a column heading puts before its title ("↑ " / "↓ "): Streamlit sizes a column to
# its title as drawn before, so a sorted title ran past its column ("↑ Received (Beijing time" at 1440 px). Three
# en spaces, about 21 px at the table's 14 px, after the title: nothing is drawn there.
SORT_MARK_ROOM = "\u2002" * 3
SORT_MARK_PX = (
    21  # the mark's width at the table's 14 px (as text_width counts it: about three narrow characters)
)


def with_sort_room(df: pd.DataFrame, column_config: Mapping[str, Any]) -> dict[str, Any]:
    """``column_config`` with each shown column of ``df`` whose title is about as wide as its widest cell titled
    with room for the sort mark (``SORT_MARK_ROOM``): Streamlit sizes such a column to its title. A column whose
    cells are wider has room for the mark already (room on every column widened the list by 14 %: 1236 -> 1408 px)."""
    out = dict(column_config)
    for col in df.columns:
        conf = out.get(col, {})
        if conf is None:  # hidden
            continue
        conf = {"label": conf} if isinstance(conf, str) else dict(conf)
        label = conf.get("label") or str(col)
        unbounded = 10**9
        if text_width([], label, most=unbounded) + SORT_MARK_PX >= text_width(
            df[col].tolist(), most=unbounded
        ):
            out[col] = {**conf, "label": label + SORT_MARK_ROOM}
    return out


def table(
    df: pd.DataFrame,
    file_name: str,
    key: str,
    column_config: dict | None = None,
    export: pd.DataFrame | None = None,
    once: bool = False,
    **kwargs,
) -> None:
    """A sortable table with its CSV export (formula-leading cells neutralised). Missing values show as "—"
    (the export keeps them empty). ``export``: the frame the CSV holds when it differs from the one shown
    (e.g. without a column of links). ``once``: the CSV's frame is kept between reruns (``download_csv``)."""
    # a kept frame's column formats are worked out once too (its dtypes and stamps do not change)
    config = dict(built(_column_config, df)) if once else _column_config(df)
    config.update(column_config or {})
    kwargs.setdefault("placeholder", MISSING)
    draw = kept_dataframe if once else st.dataframe
    draw(df, hide_index=True, width="stretch", key=f"{key}_table", column_config=config, **kwargs)
    download_csv(df if export is None else export, file_name, key=f"{key}_csv", once=once)


def text_table(df: pd.DataFrame, file_name: str, key: str) -> None:
    """A small table of text whose every cell is shown whole, wrapped within its column (``st.table``), with its
    CSV export: for a few rows whose cells can be long (the store view's comparison, whose "Stores failing" and
    "no data" cells say why; ``st.dataframe`` draws one line per row and cut them at the column's width). Its
    cells and headers are shown as plain text (``st.table`` renders Markdown); missing values as "—"."""
    shown = df.rename(columns=md_plain).map(lambda v: MISSING if pd.isna(v) else md_plain(v))
    with st.container(key=f"{key}_table"):
        st.table(shown, hide_index=True)
    download_csv(df, file_name, key=f"{key}_csv")


def shown_columns(df: pd.DataFrame, shown: Mapping[str, Any]) -> dict[str, Any]:
    """``table``'s keywords that draw ``df``'s columns in ``shown``'s order, each with its ``ShownColumn``'s
    header, help and width (over the table's own date and number formats), a column shown as None hidden; the
    CSV keeps ``df`` as it is."""
    base = _column_config(df)
    on_screen = [c for c in shown if c in df.columns and shown[c] is not None]
    return {
        "column_config": {
            c: {**base.get(c, {}), "label": shown[c].label, "help": shown[c].help, "width": shown[c].width}
            for c in on_screen
        }
        | {c: None for c in shown if c in df.columns and shown[c] is None},
        "column_order": on_screen + [c for c in df.columns if c not in shown],
    }


_KEPT: contextvars.ContextVar[Any] = contextvars.ContextVar("portal_kept_frame", default=None)


def kept_dataframe(data, **kwargs: Any):
    """``st.dataframe(data, **kwargs)`` for a frame or Styler kept between reruns (a cached figure set's, or
    one made by ``built``; nobody changes it): its Arrow bytes and its Styler's display values are made once
    per object, not on every rerun (issue 14: converting and styling the kept tables was a third of a cached
    rerun's script CPU). The element drawn is the same; a frame made anew on each run is simply converted
    anew."""
    token = _KEPT.set(data)
    try:
        return st.dataframe(data, **kwargs)
    finally:
        _KEPT.reset(token)


def _kept(obj: Any) -> bool:
    kept = _KEPT.get()
    if kept is None:
        return False
    return obj is kept or (dataframe_util.is_pandas_styler(kept) and obj is kept.data)


_plain_arrow_bytes = dataframe_util.convert_pandas_df_to_arrow_bytes
_plain_marshall_styler = st_arrow.marshall_styler


def _arrow_bytes(df: pd.DataFrame) -> bytes:
    if not _kept(df):
        return _plain_arrow_bytes(df)
    done = df.__dict__.get("_portal_arrow")
    if done is None:
        done = _plain_arrow_bytes(df)
        object.__setattr__(df, "_portal_arrow", done)  # not a column: pandas' own __setattr__ is bypassed
    return done


def _marshall_styler(proto, styler, default_uuid: str) -> None:
    if not _kept(styler):
        _plain_marshall_styler(proto, styler, default_uuid)
        return
    done = styler.__dict__.get("_portal_styler_proto")
    if done is None or done[0] != default_uuid:
        _plain_marshall_styler(proto, styler, default_uuid)  # writes proto.styler only
        done = (default_uuid, proto.styler.SerializeToString())
        styler._portal_styler_proto = done
    else:
        proto.styler.ParseFromString(done[1])


if getattr(dataframe_util.convert_pandas_df_to_arrow_bytes, "__name__", "") != "_arrow_bytes":  # once
    dataframe_util.convert_pandas_df_to_arrow_bytes = _arrow_bytes
    st_arrow.marshall_styler = _marshall_styler


def chart(fig, key: str) -> None:
    """A plotly chart; its labels from data are escaped of HTML first (``text.escape_figure``). A chart without
    a point says so under its title instead of drawing empty axes (``empty_chart``)."""
    ready = prepared(fig)
    if not ready.points:
        empty_chart(ready)
        return
    st.plotly_chart(ready, width="stretch", key=key, config=plotly_config(lang()))


def empty_chart(ready: _Prepared) -> None:
    """The empty state of a chart with nothing to draw: its title and "no data", said in the page's language."""
    title = (ready.to_dict().get("layout", {}).get("title") or {}).get("text") or ""
    # the title as plain text: ``t`` shows every placeholder value so
    st.info(t("chart.no_data", title=title) if title else t("chart.no_data_untitled"))


class _Spec(dict):
    """A figure's dict with its JSON written once (``spec_json``): ``plotly.io.to_json`` returns it as is."""

    spec_json: str


class _Prepared(go.Figure):
    """A figure for ``st.plotly_chart`` whose dict and JSON are made once (issue 14: a cached rerun copied and
    serialised every chart anew). Streamlit only calls ``to_dict()`` on it and ``plotly.io.to_json`` on that
    dict; nothing else of the figure is used, so it holds only the prepared dict."""

    def __init__(self, spec: _Spec):  # no go.Figure.__init__: nothing reads the figure's own properties
        self._portal_spec = spec
        self._portal_points = has_points(spec)

    @property
    def points(self) -> bool:
        """Whether it draws any point (``chart`` shows an empty state otherwise)."""
        return self._portal_points

    def to_dict(self):
        return self._portal_spec


_plain_to_json = pio.to_json


def _to_json(fig, *args: Any, **kwargs: Any) -> str:
    if isinstance(fig, _Spec):
        return fig.spec_json
    return _plain_to_json(fig, *args, **kwargs)


if getattr(pio.to_json, "__name__", "") != "_to_json":  # once per process (a module reload keeps it)
    pio.to_json = _to_json


def prepared(fig) -> _Prepared:
    """``fig`` escaped (``text.escape_figure``) and ready for ``st.plotly_chart``: its dict and JSON made once per
    figure object (a figure from ``built`` is the same object on every rerun, so reruns reuse them). Callers
    must not change ``fig`` afterwards."""
    if isinstance(fig, _Prepared):
        return fig
    ready = getattr(fig, "_portal_prepared", None)
    if ready is None:
        escape_figure(fig)
        spec = _Spec(fig.to_dict())
        spec.spec_json = _plain_to_json(spec, validate=False)
        ready = _Prepared(spec)
        fig._portal_prepared = ready
    return ready


_PLAIN = (str, int, float, bool, type(None), date, datetime)
_built: OrderedDict[tuple, tuple[tuple, Any]] = OrderedDict()  # key -> (the arguments, kept alive; figure)
_built_lock = threading.Lock()
_BUILT_MAX = 512


def _arg_key(value: Any) -> Any:
    # plain values by value; anything else (the cached figure set's frames) by identity: the entry keeps the
    # object alive, so its id cannot be reused while the entry exists (no hashing of frames on every rerun)
    # (short lists of plain values and mappings with plain keys, made anew on every run, by value too)
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, list | tuple) and all(isinstance(v, _PLAIN) for v in value):
        return ("seq", tuple(value))
    if isinstance(value, dict) and all(isinstance(k, _PLAIN) for k in value):
        # plain keys: by value, each value keyed as an argument is (an alert's acknowledgements: frozen records)
        return ("map", tuple((k, _arg_key(v)) for k, v in value.items()))
    if dataclasses.is_dataclass(value) and value.__dataclass_params__.frozen:  # settings, filters: by value
        fields = tuple(_arg_key(getattr(value, f.name)) for f in dataclasses.fields(value))
        return ("value", type(value), fields)
    return ("id", id(value))


def built(build: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``build(*args, **kwargs)``, kept for the process: when a rerun passes the same objects (the frames of a
    figure set cached by ``figure_set``) and the same plain values, the value built before is returned (charts,
    display tables: issue 14, building plotly figures was half of a cached rerun's CPU). ``build`` must be a
    pure function of its arguments, which nobody mutates; the result is shared, so callers only read it."""
    cache_key = (
        build.__module__,
        build.__qualname__,
        tuple(_arg_key(a) for a in args),
        tuple((name, _arg_key(v)) for name, v in sorted(kwargs.items())),
    )
    with _built_lock:
        hit = _built.get(cache_key)
        if hit is not None:
            _built.move_to_end(cache_key)
    if hit is None:
        hit = ((args, kwargs), build(*args, **kwargs))
        with _built_lock:
            _built[cache_key] = hit
            while len(_built) > _BUILT_MAX:
                _built.popitem(last=False)
    return hit[1]


def chart_of(build: Callable[..., Any], *args: Any, key: str, **kwargs: Any) -> None:
    """``chart(build(*args, **kwargs), key)`` with the figure built once for the same inputs (see ``built``)."""
    chart(built(build, *args, **kwargs), key)


def demo_banner() -> None:
    if is_demo():
        st.info(t("app.demo_banner"), icon=":material/science:")


def lazy_tabs(labels: dict[str, str], key: str, keep: Sequence[str] = ()) -> dict[str, Any]:
    """``st.tabs`` whose closed tabs are not drawn (``on_change="rerun"``: a page draws a tab's content only when
    ``tab.open`` is not False), keyed by a stable id: ``{id: label}`` in, ``{id: tab}`` out.

    Streamlit keeps the open tab by its label, so a language switch (every label changes) would open the first
    tab again; the open tab's id is remembered beside it (``<key>__id``) and that tab stays open in the other
    language.

    ``keep``: the keys of widgets inside the tabs whose choice must outlive a visit to another tab (a store
    picked, a sort order). Streamlit drops the state of a widget that a run does not draw; written back here,
    before any tab is drawn, it is the session's own value and stays (Streamlit's documented way). Only for
    widgets without an explicit default (``index=``, ``value=``), and not inside a form."""
    ids, names = list(labels), list(labels.values())
    state = st.session_state
    for widget in keep:
        if widget in state:
            state[widget] = state[widget]
    remembered = state.get(f"{key}__id")
    if state.get(key) not in names and remembered in labels:
        state[key] = labels[remembered]  # before the widget exists in this run: its value for this run
    tabs = st.tabs(names, key=key, on_change="rerun")
    active = state.get(key)
    if active in names:
        state[f"{key}__id"] = ids[names.index(active)]
    return dict(zip(ids, tabs, strict=True))


def outcome(text: str, kind: str = "success") -> None:
    """A form's outcome: where the page writes it (``st.success``, ``st.error``...) and as a toast, which shows in
    view wherever the page is scrolled. On a tablet the top of the page, where a rerun writes the message, is
    often off-screen: "Batch 2 committed" and "Dispute sent" were 400-800 px above the button tapped, and the tap
    seemed to do nothing (tablet probe, session 55)."""
    getattr(st, kind)(text)
    st.toast(text, icon=":material/check_circle:" if kind == "success" else ":material/error:")
