"""Shared display pieces: tables with their CSV export, charts, the demo banner."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from portal import export
from portal.ui.core import is_demo, t

MISSING = "—"


def download_csv(df: pd.DataFrame, file_name: str, key: str) -> None:
    st.download_button(
        t("common.download_csv"), export.to_csv_bytes(df), file_name=file_name, mime="text/csv", key=key
    )


def _column_config(df: pd.DataFrame) -> dict[str, Any]:
    """Readable defaults: dates without a midnight time, integers with thousands separators."""
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
    return config


def table(df: pd.DataFrame, file_name: str, key: str, column_config: dict | None = None, **kwargs) -> None:
    """A sortable table with its CSV export (formula-leading cells neutralised). Missing values show as "—"
    (the export keeps them empty)."""
    config = _column_config(df)
    config.update(column_config or {})
    kwargs.setdefault("placeholder", MISSING)
    st.dataframe(df, hide_index=True, width="stretch", key=f"{key}_table", column_config=config, **kwargs)
    download_csv(df, file_name, key=f"{key}_csv")


def chart(fig, key: str) -> None:
    st.plotly_chart(fig, width="stretch", key=key, config={"displaylogo": False})


@st.cache_resource(max_entries=512, show_spinner=False)
def _built(name: str, _build: Callable[..., Any], *args: Any, **kwargs: Any):
    # cache_resource: the figure object itself is kept (no pickling); st.plotly_chart only reads it (to_dict).
    # The builder is keyed by its qualified name (a function cannot be hashed).
    return _build(*args, **kwargs)


def chart_of(build: Callable[..., Any], *args: Any, key: str, **kwargs: Any) -> None:
    """``chart(build(*args), key)`` with the built figure cached under its inputs (the query results, which
    are themselves cached per data version, plus language and labels): a rerun on unchanged data draws the
    same figure without rebuilding it in plotly (issue 14: building was half of a cached rerun's CPU).
    ``build`` must be a pure function of its arguments."""
    chart(_built(f"{build.__module__}.{build.__qualname__}", build, *args, **kwargs), key)


def demo_banner() -> None:
    if is_demo():
        st.info(t("app.demo_banner"), icon=":material/science:")
