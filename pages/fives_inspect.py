"""5S inspection form for a tablet: one section at a time, score buttons, a comment and a photo per item, a
draft kept on the server, submit = one import batch (like an uploaded sheet)."""

import streamlit as st

from portal import ui, ui_fives_intake
from portal.fives_intake import form
from portal.fives_intake import template as tpl
from portal.text import md_plain

user = ui.page_guard("fives_inspect")
st.title(ui.t("page.fives_inspect"))
ui_fives_intake.touch_targets()
con = ui.connection()
stores = ui.query("filter_stores", fresh=True)  # the user's own stores (scope in the SQL)
draft = form.load_draft(con, user.username)
if draft is not None and (done := form.receipt(con, draft, ui.lang())) is not None:
    # the draft's inspection is stored: the submit went through (in this session, or one a server restart cut
    # off), said on every load above the start form until the next inspection started replaces the draft
    ui_fives_intake.say_submitted(done, draft, stores)
    ui_fives_intake.forget_item_widgets()
    draft = None
elif draft is not None and (gone := form.undone(con, draft)) is not None:
    ui_fives_intake.say_undone(gone)  # its answers are back below: why, and what to do
elif draft is not None and form.interrupted(con, draft):
    st.warning(ui.t("fives_intake.form.interrupted"))
if stores.empty:
    # a chain-wide reader (an admin) with no store has a database without stores, not a scope to ask for
    empty_chain = user.scope.all_stores
    st.info(ui.t("fives_intake.form.no_stores_yet" if empty_chain else "fives_intake.form.no_stores"))
    st.stop()

if draft is not None and not form.may_inspect(
    con, user, draft.store_id, draft.inspected_on
):  # scope changed since the draft
    form.discard_draft(con, user.username)
    draft = None
if draft is None:
    ui_fives_intake.start_form(con, user, stores)
    st.stop()

template = tpl.load(con, draft.template_id)
loaded = draft.to_json()
store = stores.set_index("store_id").loc[draft.store_id]
sections = sorted(template.sections, key=lambda s: s.position)
st.markdown(
    f"**{md_plain(store['store_code'])} {md_plain(store['store_name'])}** · {draft.inspected_on:%Y-%m-%d} · "
    # the checklist by its name in the page's language (it showed the code, "FIVES_RETAIL v1", in Chinese too)
    + md_plain(
        ui.t("fives_intake.form.template", name=template.shown_name(ui.lang()), version=template.version)
    )
)
draft.section = min(max(draft.section, 0), len(sections) - 1)
section = sections[draft.section]
with st.container(key=ui_fives_intake.SECTION_TOP):  # scrolled to after a change of section
    progress = st.empty()  # filled after the items: it counts this run's answers
    st.subheader(
        ui.t("fives_intake.form.section", k=draft.section + 1, n=len(sections), name=section.name(ui.lang()))
    )
ui_fives_intake.seed_widgets(template, draft)
first = sum(len(template.items_of(s.code)) for s in sections[: draft.section])
for k, item in enumerate(template.items_of(section.code), start=first + 1):
    ui_fives_intake.item_card(item, k, draft, template.scores_for(item))
done, total = form.progress(template, draft)
progress.progress(done / total, text=ui.t("fives_intake.form.progress", done=done, total=total))
if draft.to_json() != loaded:
    form.save_draft(con, user.username, draft)

back, forward, submit = st.columns(3)
if back.button(
    ui.t("fives_intake.form.back"),
    disabled=draft.section == 0,
    use_container_width=True,
    key="fives_inspect_back",
):
    draft.section -= 1
    form.save_draft(con, user.username, draft)
    ui_fives_intake.scroll_to_section_top_next_run()
    st.rerun()
if forward.button(
    ui.t("fives_intake.form.next"),
    disabled=draft.section == len(sections) - 1,
    use_container_width=True,
    key="fives_inspect_next",
):
    if low := form.low_without_comment(con, template, draft, section.code):
        st.error(ui.t("fives_intake.form.comment_needed_next", items=form.item_names(low, ui.lang())))
    else:
        draft.section += 1
        form.save_draft(con, user.username, draft)
        ui_fives_intake.scroll_to_section_top_next_run()
        st.rerun()
if submit.button(
    ui.t("fives_intake.form.submit"), type="primary", use_container_width=True, key="fives_inspect_submit"
):
    missing = form.unanswered(template, draft)
    if missing:
        # each by its section and words, not its code alone ("ST5"), so that it is found in the form
        st.error(ui.t("fives_intake.form.missing", items=ui_fives_intake.items_named(template, missing)))
    else:
        with st.spinner(ui.t("app.loading")):
            outcome = form.submit(con, user, draft, template, str(store["store_code"]), ui.lang())
        if outcome.error:
            st.error(outcome.error)
        else:  # the next run finds the inspection stored and says so (form.receipt)
            ui.clear_caches()
            st.rerun()
with st.expander(ui.t("fives_intake.form.discard_title")):
    if st.button(ui.t("fives_intake.form.discard"), key="fives_inspect_discard"):
        form.discard_draft(con, user.username)
        for key in [k for k in st.session_state if k.startswith("fives_inspect_")]:
            del st.session_state[key]
        st.rerun()
ui_fives_intake.scroll_to_section_top(draft.section)  # last: drawn after the new section's items
