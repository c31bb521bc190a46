"""The Upload page's value table (issue 9): each distinct value of the file's choice columns with its row count,
mapped to a standard value (pre-filled with the suggestion or the saved choice); applied by checking the file
again, saved with the column mapping under its name. Logic: portal.ingest.values."""

from __future__ import annotations

import dataclasses

import streamlit as st

from portal import ui
from portal import ui_upload_file as upload_file
from portal.auth import User
from portal.ingest import mapping, pipeline, values
from portal.text import md_plain

SHOWN = 60  # values per field in the table, most frequent first (a category column may hold hundreds)
STATE_KEY = "upload_value_map"  # {kind name: {field: {file value: standard}}}, what the next check uses


def _label(kind_name: str, field: str, value: str) -> str:
    if not value:
        return ui.t("ingest.values.none")
    label = values.standard_label(kind_name, field, value)
    return value if label is None else f"{label.text(ui.lang())} ({value})"


def current_map(kind_name: str) -> dict[str, dict[str, str]]:
    return st.session_state.get(STATE_KEY, {}).get(kind_name, {})


def set_map(kind_name: str, value_map: dict[str, dict[str, str]]) -> None:
    st.session_state.setdefault(STATE_KEY, {})[kind_name] = value_map


def value_form(prepared: pipeline.Prepared, user: User) -> None:
    """The value table of a checked file; "Apply" checks the file again with the chosen values."""
    report = prepared.value_report
    if not report:
        return
    kind = prepared.kind
    fields = {f.name: f for f in kind.fields}
    form = f"upload_values_{kind.name}_{prepared.raw.file_hash[:12]}"
    with st.form(form, enter_to_submit=False):
        st.markdown(f"**{ui.t('ingest.values.title')}**")
        shown = [fields[name].label(ui.lang()) for name in dict.fromkeys(r.field for r in report)]
        st.caption(ui.t("ingest.values.help", fields=("、" if ui.lang() == "zh" else ", ").join(shown)))
        # values not shown (beyond SHOWN, the rarest) keep the choice made before, else their suggestion
        chosen: dict[str, dict[str, str]] = {f: dict(v) for f, v in current_map(kind.name).items()}
        for name in dict.fromkeys(r.field for r in report):
            f = fields[name]
            st.markdown(
                f"*{f.label(ui.lang())}* ← {md_plain(prepared.mapping.get(name))}"
            )  # the file's header
            options = ["", *values.allowed_values(f)]
            grid = st.columns(3)
            # one choice per value however it is spelt (電話熱線 and 电话热线 are one: the map applies one to both)
            field_rows = values.spellings([r for r in report if r.field == name])
            if len(field_rows) > SHOWN:
                rest = [r for group in field_rows[SHOWN:] for r in group]
                n = len(field_rows) - SHOWN
                st.caption(ui.t("ingest.values.more", n=n, rows=sum(r.rows for r in rest), shown=SHOWN))
            for i, group in enumerate(field_rows[:SHOWN]):
                current = group[0].standard or ""
                pick = grid[i % 3].selectbox(
                    ui.t(
                        "ingest.values.value",
                        value="” / “".join(r.value for r in group),
                        n=sum(r.rows for r in group),
                    )
                    + ("" if all(r.how != "unmapped" for r in group) else " ⚠"),
                    options,
                    index=options.index(current) if current in options else 0,
                    format_func=lambda v, n=name: _label(kind.name, n, v),
                    key=f"{form}_{name}_{i}",
                    placeholder=ui.t("common.no_options"),
                )
                chosen.setdefault(name, {}).update((r.value, pick) for r in group)
        save_as = st.text_input(ui.t("ingest.save_as"), key=f"{form}_save_as")
        applied = st.form_submit_button(ui.t("ingest.values.apply"))
    if not applied:
        return
    set_map(kind.name, chosen)
    options = dataclasses.replace(prepared.options, value_map=chosen)
    con = ui.connection()
    with st.spinner(ui.t("ingest.working")):
        done = upload_file.prepare(kind, prepared.raw, prepared.mapping, options, user)  # kept in the session
    if save_as.strip():
        if done.file_errors:
            st.error(ui.t("ingest.mapping.not_saved"))
        else:
            mapping.save_mapping(
                con,
                kind.name,
                save_as,
                prepared.mapping,
                user.username,
                {"timezone": options.timezone, "source": options.source, "values": chosen},
            )
            st.session_state["upload_flash"] = ui.t("ingest.mapping_saved", name=save_as.strip())
    st.rerun()
