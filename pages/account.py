"""My account: who I am, what I may see, and changing my own password."""

import streamlit as st

from portal import ui, users
from portal.ui.signin import keep_own_session

user = ui.page_guard("account")
st.title(ui.t("page.account"))
st.write(
    ui.t("account.your_roles", roles=ui.t("text.list_separator").join(ui.t(f"role.{r}") for r in user.roles))
)
if user.scope.all_stores:
    st.caption(ui.t("account.your_scope_all"))
elif user.scope.agent_id is not None:
    st.caption(ui.t("account.your_scope_agent"))
else:
    n = len(ui.query("filter_stores"))  # the stores of their list or region (scope in the SQL)
    st.caption(
        ui.t({0: "account.your_scope.none", 1: "account.your_scope.one"}.get(n, "account.your_scope"), n=n)
    )

with st.form("account_password_form", clear_on_submit=True, enter_to_submit=False):
    st.subheader(ui.t("account.change_password"))
    current = st.text_input(ui.t("account.current_password"), type="password", key="account_current")
    new = st.text_input(ui.t("account.new_password"), type="password", key="account_new")
    repeat = st.text_input(ui.t("account.repeat_password"), type="password", key="account_repeat")
    submitted = st.form_submit_button(ui.t("account.change_password"), type="primary")

if submitted:
    if new != repeat:
        st.error(ui.t("account.mismatch"))
    else:
        try:
            version = users.set_password(
                ui.connection(), user.username, new, changed_by=user.username, current_password=current
            )
            keep_own_session(version)
            st.success(ui.t("account.changed"))
        except users.UserError as exc:
            st.error(ui.t(exc.key, **exc.values))
