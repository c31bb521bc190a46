"""Shared display pieces: tables with their CSV export, charts, the demo banner."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from portal import export
from portal.text import escape_figure
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
    """A plotly chart; its labels from data are escaped of HTML first (``text.escape_figure``)."""
    st.plotly_chart(escape_figure(fig), width="stretch", key=key, config={"displaylogo": False})


def demo_banner() -> None:
    if is_demo():
        st.info(t("app.demo_banner"), icon=":material/science:")
