"""Survey instruments: the questionnaire versions, one version's items, and adding another (file or form)."""

import pandas as pd
import streamlit as st

from portal import export, instrument_tables, instruments, ui
from portal.i18n import listed

user = ui.page_guard("instruments")
st.title(ui.t("page.instruments"))
st.caption(ui.t("inst.caption"))
lang = ui.lang()

listing = ui.query("servqual_instruments")
ui.table(instrument_tables.listing_table(listing, lang), "instruments.csv", key="instruments_list")
known = instruments.all_instruments(ui.connection())
shown = st.selectbox(
    ui.t("inst.show"),
    known,
    format_func=lambda i: f"{i.label} · {i.name(lang)}",
    key="instruments_show",
    placeholder=ui.t("common.no_options"),
    disabled=not known,  # greyed out when empty (Streamlit does so only for its own placeholder)
)
if shown is not None:
    ui.table(
        instrument_tables.items_table(shown, lang),
        f"instrument_{shown.code}_v{shown.version}_items.csv",
        key="instruments_items",
    )
    st.download_button(
        ui.t("inst.download"),
        export.to_csv_bytes(pd.DataFrame(instruments.to_rows(shown))),
        file_name=f"instrument_{shown.code}_v{shown.version}.csv",
        key="instruments_download",
    )


def offer(candidate: instruments.Instrument | None, problems: list, key: str) -> None:
    """Show what a definition holds (or every problem), and store it on request."""
    for reason, values in problems:
        st.error(ui.t(reason, **values))
    if candidate is None:
        return
    st.success(
        ui.t(
            "inst.checked",
            code=candidate.code,
            items=len(candidate.items),
            dims=len(candidate.dimensions),
            names=listed(d.name(lang) for d in candidate.dimensions),
        )
    )
    if st.button(ui.t("inst.save"), type="primary", key=f"instruments_{key}_save"):
        stored = instruments.add(ui.connection(), candidate, user.username)
        ui.clear_caches()
        st.session_state["instruments_added"] = ui.t(
            "inst.added",
            code=stored.code,
            version=stored.version,
            items=len(stored.items),
            dims=len(stored.dimensions),
        )
        st.rerun()


if "instruments_added" in st.session_state:
    st.success(st.session_state.pop("instruments_added"))
st.subheader(ui.t("inst.add"))
file_tab, form_tab = st.tabs([ui.t("inst.from_file"), ui.t("inst.in_form")])
with file_tab:
    st.caption(ui.t("inst.file_help"))
    upload = st.file_uploader(ui.t("inst.file"), type=["csv", "xlsx", "json"], key="instruments_file")
    if upload is not None:
        offer(
            *instruments.try_parse(lambda: instruments.parse_file(upload.getvalue(), upload.name)), key="file"
        )
with form_tab:
    seed = shown or (known[0] if known else None)
    a, b, c = st.columns(3)
    code = a.text_input(ui.t("inst.code"), key="instruments_form_code")
    name_en = b.text_input(ui.t("inst.name_en"), key="instruments_form_name_en")
    name_zh = c.text_input(ui.t("inst.name_zh"), key="instruments_form_name_zh")
    rows = pd.DataFrame(instruments.to_rows(seed) if seed else [], columns=list(instruments.FILE_COLUMNS))
    edited = st.data_editor(
        rows[list(instruments.EDITOR_COLUMNS)],
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        # each column by its name in the reader's language, with the file's column name it stands for
        column_config={c: ui.t(f"inst.editor.{c}") + f" ({c})" for c in instruments.EDITOR_COLUMNS},
        key="instruments_form_items",
    )
    st.caption(ui.t("inst.items_editor"))
    if code and st.toggle(ui.t("inst.preview"), key="instruments_form_check"):
        offer(
            *instruments.try_parse(
                lambda: instruments.from_rows(
                    edited.to_dict("records"), code=code, name_en=name_en, name_zh=name_zh
                )
            ),
            key="form",
        )
