"""Users (admin): add users, set roles and scope, reset passwords, deactivate."""

import streamlit as st

from portal import navigation, ui, users

admin = ui.page_guard("users")
st.title(ui.t("page.users"))
st.caption(ui.t("users.caption"))

accounts = ui.query("user_accounts")
regions = ui.query("filter_regions")
stores = ui.query("filter_stores")
teams_agents = ui.query("master_teams_agents")
region_names = dict(
    zip(regions["region_id"], regions["region_code"] + " " + regions["region_name_" + ui.lang()], strict=True)
)
store_names = dict(zip(stores["store_id"], stores["store_code"] + " " + stores["store_name"], strict=True))
teams = teams_agents.drop_duplicates("team_id")
team_names = dict(zip(teams["team_id"], teams["team_code"] + " " + teams["team_name"], strict=True))
agent_rows = teams_agents.dropna(subset=["agent_id"])
agent_names = dict(
    zip(
        agent_rows["agent_id"].astype(int),
        agent_rows["agent_code"] + " " + agent_rows["agent_name"],
        strict=True,
    )
)
role_label = lambda r: ui.t(f"role.{r}")  # noqa: E731


def scope_fields(prefix: str, current: dict | None = None) -> dict:
    current = current or {}
    region = st.selectbox(
        ui.t("users.scope_region"),
        [None, *region_names],
        key=f"{prefix}_region",
        index=(
            [None, *region_names].index(current.get("scope_region_id"))
            if current.get("scope_region_id") in region_names
            else 0
        ),
        format_func=lambda r: ui.t("users.none") if r is None else region_names[r],
    )
    store_ids = st.multiselect(
        ui.t("users.scope_stores"),
        list(store_names),
        format_func=store_names.get,
        default=[s for s in (current.get("scope_store_ids") or []) if s in store_names],
        key=f"{prefix}_stores",
    )
    team = st.selectbox(
        ui.t("users.scope_team"),
        [None, *team_names],
        key=f"{prefix}_team",
        index=(
            [None, *team_names].index(current.get("scope_team_id"))
            if current.get("scope_team_id") in team_names
            else 0
        ),
        format_func=lambda x: ui.t("users.none") if x is None else team_names[x],
    )
    agent = st.selectbox(
        ui.t("users.agent"),
        [None, *agent_names],
        key=f"{prefix}_agent",
        index=(
            [None, *agent_names].index(current.get("agent_id"))
            if current.get("agent_id") in agent_names
            else 0
        ),
        format_func=lambda x: ui.t("users.none") if x is None else agent_names[x],
    )
    return {
        "scope_region_id": region,
        "scope_store_ids": store_ids or None,
        "scope_team_id": team,
        "agent_id": agent,
    }


ui.table(
    accounts.drop(columns=["scope_region_id", "scope_team_id", "agent_id"]), "users.csv", key="users_list"
)

tab_add, tab_edit = st.tabs([ui.t("users.add"), ui.t("users.edit")])
with tab_add, st.form("users_add_form", clear_on_submit=True):
    username = st.text_input(ui.t("auth.username"), key="users_add_username")
    display_name = st.text_input(ui.t("users.display_name"), key="users_add_display")
    email = st.text_input(ui.t("users.email"), key="users_add_email")
    roles = st.multiselect(
        ui.t("users.roles"), navigation.ROLES, format_func=role_label, key="users_add_roles"
    )
    scope = scope_fields("users_add")
    password = st.text_input(ui.t("users.initial_password"), type="password", key="users_add_password")
    if st.form_submit_button(ui.t("users.add"), type="primary"):
        try:
            users.create_user(
                ui.connection(),
                username=username,
                display_name=display_name,
                password=password,
                roles=roles,
                email=email or None,
                created_by=admin.username,
                **scope,
            )
            st.success(ui.t("users.created", name=username))
        except users.UserError as exc:
            st.error(str(exc))

with tab_edit:
    name = st.selectbox(ui.t("users.pick"), accounts["username"].tolist(), key="users_edit_pick")
    if name:
        row = accounts.set_index("username").loc[name].to_dict()
        with st.form("users_edit_form"):
            new_roles = st.multiselect(
                ui.t("users.roles"),
                navigation.ROLES,
                default=list(row["roles"]),
                format_func=role_label,
                key="users_edit_roles",
            )
            changes = scope_fields("users_edit", row)
            active = st.checkbox(ui.t("users.active"), value=bool(row["is_active"]), key="users_edit_active")
            new_password = st.text_input(
                ui.t("users.reset_password"), type="password", key="users_edit_password"
            )
            if st.form_submit_button(ui.t("users.save"), type="primary"):
                try:
                    users.update_user(
                        ui.connection(),
                        name,
                        changed_by=admin.username,
                        roles=new_roles,
                        is_active=active,
                        **changes,
                    )
                    if new_password:
                        users.set_password(ui.connection(), name, new_password, changed_by=admin.username)
                    ui.clear_caches()
                    st.success(ui.t("users.saved"))
                except users.UserError as exc:
                    st.error(ui.t("users.cannot_remove_last_admin") if "last admin" in str(exc) else str(exc))
