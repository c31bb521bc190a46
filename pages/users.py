"""Users (admin): add users, set roles and scope, reset passwords, deactivate."""

import streamlit as st

from portal import navigation, ui, user_admin, users

admin = ui.page_guard("users")
st.title(ui.t("page.users"))
st.caption(ui.t("users.caption"))

accounts = ui.query("user_accounts", fresh=True)
names = user_admin.labels(
    ui.query("filter_regions"), ui.query("filter_stores"), ui.query("master_teams_agents"), ui.lang()
)
ui.table(
    user_admin.accounts_view(accounts, names, ui.lang(), ui.report_timezone()), "users.csv", key="users_list"
)


def pick(label: str, options: dict, current, key: str):
    choices = [None, *options]
    return st.selectbox(
        label,
        choices,
        filter_mode="contains",
        index=choices.index(current) if current in options else 0,
        key=key,
        format_func=lambda x: ui.t("users.none") if x is None else options[x],
        placeholder=ui.t("common.no_options"),
    )


def scope_fields(prefix: str, current: dict) -> dict:
    regions = {user_admin.WHOLE_CHAIN: ui.t("users.whole_chain"), **names.regions}  # for managers
    return {
        "scope_region_id": pick(
            ui.t("users.scope_region"), regions, user_admin.region_choice(current), f"{prefix}_region"
        ),
        "scope_store_ids": st.multiselect(
            ui.t("users.scope_stores"),
            list(names.stores),
            filter_mode="contains",
            format_func=names.stores.get,
            placeholder=ui.t("users.choose"),
            key=f"{prefix}_stores",
            default=[s for s in current.get("scope_store_ids", []) if s in names.stores],
        )
        or None,
        "scope_team_id": pick(
            ui.t("users.scope_team"), names.teams, current.get("scope_team_id"), f"{prefix}_team"
        ),
        "agent_id": pick(ui.t("users.agent"), names.agents, current.get("agent_id"), f"{prefix}_agent"),
    }


def roles_field(key: str, default=()) -> list[str]:
    return st.multiselect(
        ui.t("users.roles"),
        navigation.ROLES,
        default=list(default),
        key=key,
        placeholder=ui.t("users.choose"),
        format_func=lambda r: ui.t(f"role.{r}"),
    )


ADD_KEYS = ("username", "display", "email", "roles", "region", "stores", "team", "agent", "password")
created = st.session_state.pop("users_add_created", None)
if created:  # the form empties only after a user was added; a refusal keeps what was typed (issue 10)
    for field in ADD_KEYS:
        st.session_state.pop(f"users_add_{field}", None)

saved = st.session_state.pop(
    "users_edit_saved", None
)  # the user just saved: the table above shows the change
tab_add, tab_edit = st.tabs([ui.t("users.add"), ui.t("users.edit")])
with tab_add, st.form("users_add_form", enter_to_submit=False):
    if created:
        st.success(ui.t("users.created", name=created))
    new = {
        "username": st.text_input(ui.t("auth.username"), key="users_add_username"),
        "display_name": st.text_input(ui.t("users.display_name"), key="users_add_display"),
        "email": st.text_input(ui.t("users.email"), key="users_add_email") or None,
        "roles": roles_field("users_add_roles"),
        **scope_fields("users_add", {}),
        "password": st.text_input(ui.t("users.initial_password"), type="password", key="users_add_password"),
    }
    if st.form_submit_button(ui.t("users.add"), type="primary"):
        try:
            users.create_user(ui.connection(), created_by=admin.username, **user_admin.stored_scope(new))
        except users.UserError as exc:
            st.error(ui.t(exc.key, **exc.values))
        else:
            ui.clear_caches()
            st.session_state["users_add_created"] = new["username"]
            st.rerun()

with tab_edit:
    name = st.selectbox(
        ui.t("users.pick"),
        accounts["username"].tolist(),
        filter_mode="contains",
        key="users_edit_pick",
        placeholder=ui.t("common.no_options"),
    )
    if name:
        current = user_admin.current_scope(accounts, name)
        prefix = f"users_edit_{name}"  # keys per user: a new pick starts from that user's values
        with st.form("users_edit_form", enter_to_submit=False):
            if saved == name:
                st.success(ui.t("users.saved"))
            left, right = st.columns(2)
            changes = {
                "display_name": left.text_input(
                    ui.t("users.display_name"), value=current["display_name"], key=f"{prefix}_display"
                ).strip()
                or current["display_name"],
                "email": right.text_input(
                    ui.t("users.email"), value=current["email"] or "", key=f"{prefix}_email"
                ).strip()
                or None,
                "roles": roles_field(f"{prefix}_roles", current["roles"]),
                **scope_fields(prefix, current),
                "is_active": st.checkbox(
                    ui.t("users.active"), value=current["is_active"], key=f"{prefix}_active"
                ),
            }
            new_password = st.text_input(
                ui.t("users.reset_password"), type="password", key=f"{prefix}_password"
            )
            if st.form_submit_button(ui.t("users.save"), type="primary"):
                try:
                    changes = user_admin.stored_scope(changes)
                    # the changes and the password reset in one transaction: all stored or none
                    users.update_user(
                        ui.connection(),
                        name,
                        changed_by=admin.username,
                        new_password=new_password or None,
                        **changes,
                    )
                    ui.clear_caches()
                    st.session_state["users_edit_saved"] = name
                    st.rerun()  # as after an add: the accounts table is drawn again with the saved values
                except users.UserError as exc:
                    st.error(ui.t(exc.key, **exc.values))
