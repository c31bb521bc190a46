"""Streamlit pieces of the 5S intake pages: large touch targets, one item card of the tablet form, the sheet
download. The logic lives in portal.fives_intake."""

from __future__ import annotations

import dataclasses

import streamlit as st

from portal import navigation, ui
from portal.fives_intake import form, photos, sheet_download
from portal.fives_intake import template as tpl
from portal.fives_intake.template import ItemSpec, TemplateSpec
from portal.i18n import Both, listed
from portal.text import md_plain

NA = "N/A"

# Tablet: score buttons, navigation and the corrective actions' steps at least 48 px high (touch-target guidance),
# bigger text; the form page and the actions page (where the store submits what was done).
TOUCH_CSS = """
<style>
div[data-testid="stButtonGroup"] button { min-height: 52px; min-width: 64px; font-size: 1.15rem; }
div[data-testid="stButton"] button, div[data-testid="stFormSubmitButton"] button {
  min-height: 52px; font-size: 1.05rem; }
div[data-testid="stTextInput"] input { min-height: 44px; font-size: 1.05rem; }
.st-key-fives_inspect_section_top { scroll-margin-top: 4.5rem; }
</style>
"""


def touch_targets() -> None:
    st.markdown(TOUCH_CSS, unsafe_allow_html=True)


# The form's section heading (progress and "Section k of n"): a container keyed so, whose class is st-key-<key>.
SECTION_TOP = "fives_inspect_section_top"
_SCROLL_FLAG = "fives_inspect_scroll_to_top"
# Streamlit keeps the page's scroll position across reruns: after "Next section" at the bottom of a section the
# inspector saw the end of the new one. This brings the heading into view (below Streamlit's fixed header,
# TOUCH_CSS's scroll-margin-top), trying for up to a second while the heading is not drawn yet; no heading: no-op.
_SCROLL_JS = """<div data-section="{section}" hidden></div><script>
(() => {{
  let tries = 0;
  const go = () => {{
    const top = document.querySelector(".st-key-{key}");
    if (top) top.scrollIntoView({{block: "start"}});
    else if (++tries < 20) setTimeout(go, 50);
  }};
  requestAnimationFrame(go);
}})();
</script>"""


def scroll_to_section_top_next_run() -> None:
    """Ask the next run (the one that draws the new section) to scroll its heading into view."""
    st.session_state[_SCROLL_FLAG] = True


def scroll_to_section_top(section: int) -> None:
    """Drawn last on the page: when the section has just changed, a script that scrolls to its heading (run
    once: the element is there only in that run; ``section`` makes each one new for the browser)."""
    if st.session_state.pop(_SCROLL_FLAG, False):
        st.html(_SCROLL_JS.format(section=int(section), key=SECTION_TOP), unsafe_allow_javascript=True)


def _key(kind: str, code: str) -> str:
    return f"fives_inspect_{kind}_{code}"


def seed_widgets(template: TemplateSpec, draft: form.Draft) -> None:
    """Put the draft's answers into the widgets of the open section (``draft.section``; after a reload or a change
    of section the widgets start from the draft), and forget the widget state of every other section: the draft
    holds their answers. A widget state kept from a section left earlier came back empty when the inspector
    returned to it ("Previous section" showed a scored section blank and saved it so, losing its scores)."""
    sections = sorted(template.sections, key=lambda s: s.position)
    open_section = sections[draft.section].code if 0 <= draft.section < len(sections) else None
    for item in template.items:
        keys = (_key("score", item.code), _key("comment", item.code))
        if item.section != open_section:
            for key in keys:
                st.session_state.pop(key, None)
            continue
        a = draft.items.get(item.code) or {}
        if keys[0] not in st.session_state:
            st.session_state[keys[0]] = NA if a.get("na") else a.get("score")
        if keys[1] not in st.session_state:
            st.session_state[keys[1]] = a.get("comment") or ""


def item_card(item: ItemSpec, number: int, draft: form.Draft, scale: tuple[int, ...]) -> None:
    """One item: its text, a button per score of ``scale`` and N/A, a comment and an optional photo; updates
    ``draft``."""
    lang = ui.lang()
    answer = draft.answer(item.code)
    with st.container(border=True):
        red = f" · :red[{ui.t('fives_intake.sheet.red_line')}]" if item.is_red_line else ""
        st.markdown(f"**{number}. {md_plain(item.text(lang))}**  \n:gray[{md_plain(item.code)}]{red}")
        choice = st.segmented_control(
            ui.t("fives_intake.form.score", max=item.max_score),
            [*scale, NA],
            format_func=lambda v: ui.t("fives_intake.form.na") if v == NA else str(v),
            key=_key("score", item.code),
        )
        answer["na"] = choice == NA
        answer["score"] = None if choice in (None, NA) else int(choice)
        answer["comment"] = st.text_input(
            ui.t("fives_intake.form.comment"),
            key=_key("comment", item.code),
            placeholder=ui.t("fives_intake.form.comment_hint"),
        )
        _photo(item, answer)


def _photo(item: ItemSpec, answer: dict) -> None:
    from portal import ui_dash

    upload = ui_dash.photo_uploader(
        ui.t("fives_intake.form.photo", limit=f"{photos.limit_mb():g}"),
        _key("photo", item.code),
        photos.limit_mb(),
        ui.lang(),
    )
    done_key = _key("photo_done", item.code)
    if upload is not None and st.session_state.get(done_key) != upload.file_id:
        try:
            answer["photo"] = photos.store_photo(upload.getvalue())
        except photos.PhotoRefused as exc:
            st.error(ui.t(exc.key, **exc.values))
        st.session_state[done_key] = upload.file_id
    _photo_kept(item, answer)


def _photo_kept(item: ItemSpec, answer: dict) -> None:
    """The draft's photo on the item's card with its Remove photo button: the photo, or a warning when the draft
    keeps a photo gone from the server (the submit refuses it). The button is drawn first and a removal clears the
    block in the same run: drawn after the photo or the warning, the button left them up one run after it."""
    if not answer.get("photo"):
        return
    stored = photos.photo_file(answer["photo"])
    block = st.empty()
    left, right = block.container().columns([3, 1])
    if right.button(ui.t("fives_intake.form.photo_remove"), key=_key("photo_remove", item.code)):
        answer["photo"] = None
        block.empty()
    elif stored is None:
        left.warning(ui.t("fives_form.photo_gone"))
    else:
        left.image(str(stored), width=240, caption=ui.t("fives_intake.form.photo_kept"))


def sheet_download_form(template: TemplateSpec, stores, user) -> None:
    """Store, date and language -> the printable XLSX sheet."""
    labels = dict(zip(stores["store_code"], stores["store_code"] + " " + stores["store_name"], strict=True))
    names = dict(zip(stores["store_code"], stores["store_name"], strict=True))
    a, b, c = st.columns(3)
    store = a.selectbox(
        ui.t("fives_intake.sheet.store"),
        list(labels),
        filter_mode="contains",
        format_func=labels.get,
        key="fives_sheet_store",
        placeholder=ui.t("common.no_options"),
        disabled=not labels,  # an inspector without stores: greyed out, not an empty list that opens
    )
    day = b.date_input(ui.t("fives_intake.sheet.date"), value=ui.today(), key="fives_sheet_date")
    languages = {g: ui.t(f"ingest.template_lang.{g}") for g in ("en", "zh")}  # a plain dict: AppTest formats
    lang = c.selectbox(  # labels outside the session, where ui.t would fall back to English
        ui.t("fives_intake.form.sheet_lang"),
        list(languages),
        format_func=languages.get,
        index=1 if ui.lang() == "zh" else 0,
        key="fives_sheet_lang",
        placeholder=ui.t("common.no_options"),
    )
    if store is None:
        return
    st.download_button(
        ui.t("fives_intake.form.sheet_button"),
        sheet_download.build_sheet(template, store, names[store], day, user.display_name, lang),
        file_name=sheet_download.sheet_file_name(store, day, lang),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="fives_sheet_download",
    )


def section_columns() -> dict:
    return {
        "section": st.column_config.TextColumn(ui.t("fives_intake.tpl.col.section")),
        "name_en": st.column_config.TextColumn(ui.t("fives_intake.tpl.col.name_en"), required=True),
        "name_zh": st.column_config.TextColumn(ui.t("fives_intake.tpl.col.name_zh"), required=True),
        "weight": st.column_config.NumberColumn(ui.t("fives_intake.tpl.col.weight"), min_value=0.1, step=0.1),
    }


def item_columns(template: TemplateSpec) -> dict:
    names = {s.code: s.name(ui.lang()) for s in template.sections}
    return {
        "section": st.column_config.SelectboxColumn(
            ui.t("fives_intake.tpl.col.section"), options=list(names), required=True, width="small"
        ),
        "code": st.column_config.TextColumn(
            ui.t("fives_intake.tpl.col.code"), required=True, width="small", max_chars=16
        ),
        "text_en": st.column_config.TextColumn(
            ui.t("fives_intake.tpl.col.text_en"), required=True, width="large"
        ),
        "text_zh": st.column_config.TextColumn(
            ui.t("fives_intake.tpl.col.text_zh"), required=True, width="large"
        ),
        "weight": st.column_config.NumberColumn(
            ui.t("fives_intake.tpl.col.weight"), min_value=0.1, step=0.1, default=1.0
        ),
        "max_score": st.column_config.NumberColumn(
            ui.t("fives_intake.tpl.col.max_score"), min_value=1, max_value=10, step=1, default=4
        ),
        "red_line": st.column_config.CheckboxColumn(ui.t("fives_intake.tpl.col.red_line"), default=False),
    }


def forget_item_widgets() -> None:
    """Drop the item widgets' state of a submitted inspection (scores, comments, photos: the next inspection's
    widgets start from its own draft), keeping the start form's choices."""
    keep = {"fives_inspect_store", "fives_inspect_day", "fives_inspect_start"}
    for key in [k for k in st.session_state if k.startswith("fives_inspect_") and k not in keep]:
        del st.session_state[key]


def items_named(template: TemplateSpec, codes: list[str]) -> str:
    """Items as the form shows them, each with its section: "Standardize · ST5 Checklists are current", one
    after another in the page's language (a missing score named by "ST5" alone was hard to find, tablet probe)."""
    lang = ui.lang()
    named = []
    for code in codes:
        item = template.item(code)
        section = template.section(item.section) if item is not None else None
        text = item.text(lang).rstrip(".。") if item is not None else ""
        words = md_plain(f"{code} {text}".strip())  # shown as markdown
        named.append(f"{section.name(lang)} · {words}" if section is not None else words)
    return ("；" if lang == "zh" else "; ").join(named)  # an item's words may hold a comma


def say_undone(gone: form.Undone) -> None:
    """The draft's inspection was stored and its batch undone since: the answers below are the undone ones."""
    from portal import zones

    zone = ui.report_timezone()
    at = f"{zones.stamp_text(gone.undone_at, zone)} ({zones.zone_name(zone, ui.lang())})"
    st.warning(ui.t("fives_intake.form.undone", batch=gone.batch_id, at=at, by=gone.undone_by))


def say_submitted(done: form.Outcome, draft: form.Draft, stores) -> None:
    """The stored inspection of ``draft``: its store and day, batch, overall % with the sections it rests on, and
    the corrective actions it opened."""
    from portal.fives.display import pct

    known = stores[stores["store_id"] == draft.store_id]
    if len(known):
        store = f"{known.iloc[0]['store_code']} {known.iloc[0]['store_name']}"
    else:  # the store left the user's list since: the receipt's own code and name, never the internal id
        store = " ".join(str(v) for v in (done.store_code, done.store_name) if v) or "—"
    values = {"store": store, "day": f"{draft.inspected_on:%Y-%m-%d}", "batch": done.batch_id}
    if done.overall_pct is None:
        ui.outcome(ui.t("fives_intake.form.submitted_no_score", actions=done.actions, **values))
    else:
        from portal.fives import figures as fives

        band = fives.load_settings(ui.settings_snapshot()).band(done.overall_pct)  # one inspection's own band
        score = pct(done.overall_pct, ui.lang()) + (f" {ui.t(f'fives.band.{band}')}" if band else "")
        ui.outcome(
            ui.t(
                "fives_intake.form.submitted",
                score=score,
                sections=done.sections_n,
                actions=done.actions,
                **values,
            )
        )
    # where the inspector goes next: the actions it opened, and the batch (to undo it)
    user = ui.current_user()
    roles = user.roles if user is not None else ()
    left, right = st.columns(2)
    if done.actions and navigation.allowed(navigation.page("fives_actions"), roles):
        left.page_link("pages/fives_actions.py", label=ui.t("fives_intake.form.open_actions", n=done.actions))
    if navigation.allowed(navigation.page("import_history"), roles):
        right.page_link("pages/import_history.py", label=ui.t("fives_intake.form.open_history"))


def start_form(con, user, stores) -> None:
    """No draft yet: the printable sheet, then store and day to start an inspection (own stores, checked here)."""
    current = tpl.default_template(tpl.load_all(con))
    with st.expander(ui.t("fives_intake.form.sheet_title")):
        sheet_download_form(current, stores, user)
    st.caption(ui.t("fives_intake.form.start_caption"))
    labels = dict(zip(stores["store_id"], stores["store_code"] + " " + stores["store_name"], strict=True))
    store_id = st.selectbox(
        ui.t("fives_intake.sheet.store"),
        list(labels),
        filter_mode="contains",
        format_func=labels.get,
        key="fives_inspect_store",
        placeholder=ui.t("common.no_options"),
        disabled=not labels,
    )
    day = st.date_input(
        ui.t("fives_intake.sheet.date"), value=ui.today(), max_value=ui.today(), key="fives_inspect_day"
    )
    if st.button(ui.t("fives_intake.form.start"), type="primary", key="fives_inspect_start"):
        if not form.may_inspect(con, user, int(store_id), day):
            st.error(ui.t("fives_intake.form.not_your_store"))
            st.stop()
        form.save_draft(con, user.username, form.Draft(int(store_id), current.template_id, day))
        st.rerun()


def foreign_sheet_form(con, user, templates) -> None:
    """Another company's sheet -> a new checklist (items and scale read, confirmed and edited here, saved) and its
    scores -> an inspection on it (one import batch). Admin only (the templates page)."""
    from dataclasses import replace

    from portal import writes
    from portal.fives_intake import editor, foreign
    from portal.ingest import pipeline, preview

    lang = ui.lang()
    st.caption(ui.t("fives_intake.foreign.help"))
    upload = st.file_uploader(
        ui.t("fives_intake.foreign.file"), type=["xlsx", "xlsm"], key="fives_templates_foreign_file"
    )
    if upload is None:
        return
    data = upload.getvalue()
    sheet = foreign.read_foreign(data, upload.name, ui.report_timezone())
    if sheet.errors:
        lines = "\n".join(f"- {_plain(m, lang).text(lang)}" for m in sheet.errors)
        st.error(f"{ui.t('fives_intake.foreign.refused')}\n\n{lines}")
        return
    st.info(
        ui.t(
            "fives_intake.foreign.read",
            sheet=sheet.sheet,
            n=len(sheet.items),
            scale=listed(sheet.scale),
            store=sheet.store,
            day=sheet.inspected_on,
            inspector=sheet.inspector or "—",
        )
    )
    if sheet.notices:  # e.g. how scores written 满分, ✓ or ✗ were read
        st.info("\n".join(f"- {_plain(m, lang).text(lang)}" for m in sheet.notices))
    key = "fives_templates_foreign"
    a, b, c = st.columns(3)
    code = a.text_input(ui.t("fives_intake.foreign.code"), foreign.suggested_code(sheet), key=f"{key}_code")
    name_en = b.text_input(ui.t("fives_intake.tpl.name_en"), sheet.title, key=f"{key}_name_en")
    name_zh = c.text_input(ui.t("fives_intake.tpl.name_zh"), sheet.title, key=f"{key}_name_zh")
    scale_text = ", ".join(map(str, sheet.scale))  # an input's text, read back by foreign.parse_scale
    scale = st.text_input(ui.t("fives_intake.foreign.scale"), scale_text, key=f"{key}_scale")
    default = tpl.default_template(templates)
    draft = foreign.draft_template(sheet, code or "OTHER", name_en, name_zh, default, templates)
    st.markdown(f"**{ui.t('fives_intake.tpl.editing', label=draft.label)}**")
    items = st.data_editor(
        editor.items_table(draft),
        disabled=["section", "code"],  # the sheet's scores follow the codes
        hide_index=True,
        column_config=item_columns(draft),
        width="stretch",
        key=f"{key}_items",
    )
    if not st.button(ui.t("fives_intake.foreign.save"), type="primary", key=f"{key}_save"):
        return
    allowed = foreign.parse_scale(scale)
    if allowed is None:
        st.error(ui.t("fives_intake.foreign.bad_scale"))
        return
    candidate, problems = foreign.confirmed(draft, items, allowed)
    if problems:
        for problem, values in problems:
            st.error(ui.t(problem, **values))
        return
    template_id, _ = writes.add_fives_template_version(
        con, replace(candidate, code=draft.code), user.username
    )
    saved = tpl.load(con, template_id)
    ui.clear_caches()
    try:
        _, result = foreign.import_scores(con, sheet, saved, data, user, lang)
    except pipeline.NothingWritten as exc:
        st.error(
            ui.t(
                "fives_intake.foreign.not_imported", label=saved.label, reason=ui.t(exc.reason, **exc.values)
            )
        )
        errors = preview.error_table(exc.prepared, lang)
        if not errors.empty:
            ui.table(errors, "foreign_sheet_errors.csv", key=f"{key}_errors")
        return
    st.session_state["fives_templates_flash"] = ui.t(
        "fives_intake.foreign.saved", label=saved.label, batch_id=result.batch_id, n=result.rows_added
    )
    st.rerun()


def _plain(message, lang: str):
    """A sheet's message with what it quotes of the sheet (its name, cell values) as plain Markdown, as ``ui.t``
    shows its values (a value in both languages in ``lang``)."""
    values = {
        name: md_plain(value.text(lang) if isinstance(value, Both) else value)
        for name, value in message.values.items()
    }
    return dataclasses.replace(message, values=values, sheet=md_plain(message.sheet))
