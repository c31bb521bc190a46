"""What the Users page shows (pickers' labels, the accounts table, translated) and the rules of a user's roles and
scope that ``users.create_user`` / ``update_user`` and the page apply (no Streamlit here)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from portal import zones
from portal.i18n import listed, t
from portal.navigation import ROLES


def id_list(value) -> list[int]:
    """A DuckDB list cell (None, list or numpy array) as a list of ints."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return []
    return [int(v) for v in list(value)]


def optional_id(value) -> int | None:
    return None if value is None or value is pd.NA or pd.isna(value) else int(value)


@dataclass(frozen=True)
class Labels:
    regions: dict[int, str]
    stores: dict[int, str]
    teams: dict[int, str]
    agents: dict[int, str]


def labels(regions: pd.DataFrame, stores: pd.DataFrame, teams_agents: pd.DataFrame, lang: str) -> Labels:
    teams = teams_agents.dropna(subset=["team_id"]).drop_duplicates(
        "team_id"
    )  # agents without a team: no team
    agents = teams_agents.dropna(subset=["agent_id"])
    return Labels(
        regions={
            int(r.region_id): f"{r.region_code} {getattr(r, 'region_name_' + lang)}"
            for r in regions.itertuples()
        },
        stores={int(s.store_id): f"{s.store_code} {s.store_name}" for s in stores.itertuples()},
        teams={int(x.team_id): f"{x.team_code} {x.team_name}" for x in teams.itertuples()},
        agents={int(a.agent_id): f"{a.agent_code} {a.agent_name}" for a in agents.itertuples()},
    )


def accounts_view(accounts: pd.DataFrame, names: Labels, lang: str, timezone: str = "UTC") -> pd.DataFrame:
    """One row per user with translated headers, role names and store codes instead of ids; the lockout and
    last sign-in in the reporting zone ``timezone`` (their columns say which, as the audit log's does)."""
    store_codes = {k: v.split(" ", 1)[0] for k, v in names.stores.items()}
    zone = zones.zone_name(timezone, lang)
    return pd.DataFrame(
        {
            t("auth.username", lang): accounts["username"],
            t("users.display_name", lang): accounts["display_name"],
            t("users.email", lang): accounts["email"],
            t("users.roles", lang): [
                t("text.list_separator", lang).join(t(f"role.{r}", lang) for r in id_roles)
                for id_roles in accounts["roles"]
            ],
            t("common.region", lang): accounts["scope_region_code"],
            t("common.store", lang): [
                t("text.list_separator", lang).join(store_codes.get(s, str(s)) for s in id_list(v))
                for v in accounts["scope_store_ids"]
            ],
            t("users.team", lang): accounts["scope_team_code"],
            t("users.agent_code", lang): accounts["agent_code"],
            t("users.active", lang): accounts["is_active"],
            t("users.col.locked_until", lang, zone=zone): zones.local_column(
                accounts["locked_until"], timezone
            ),
            t("users.col.last_login", lang, zone=zone): zones.local_column(
                accounts["last_login_at"], timezone
            ),
        }
    )


def current_scope(accounts: pd.DataFrame, username: str) -> dict:
    row = accounts.set_index("username").loc[username]
    email = row["email"] if "email" in row.index and isinstance(row["email"], str) else None
    return {
        "display_name": str(row["display_name"]) if "display_name" in row.index else username,
        "email": email,
        "roles": [str(r) for r in row["roles"]],
        "is_active": bool(row["is_active"]),
        "scope_region_id": optional_id(row["scope_region_id"]),
        "scope_store_ids": id_list(row["scope_store_ids"]),
        "scope_team_id": optional_id(row["scope_team_id"]),
        "agent_id": optional_id(row["agent_id"]),
    }


# The roles a region means something for (SPEC §1: a manager's region; a team lead's region). An inspector sees
# their store(s) and an agent their own rows: a region on such a user is refused, and ignored if a row has one
# (users.scope_for).
REGION_ROLES = frozenset({"manager", "team_lead"})
# The roles each other scope field means something for (users.scope_for reads it for them only): a store list for a
# manager, a team lead or an inspector; a team for a team lead; an agent for an agent user. An admin sees
# everything, so no scope field means anything beside the Admin role. Such a field is refused, not saved and listed.
UNUSED_FIELDS = (
    ("scope_store_ids", frozenset({"manager", "team_lead", "inspector"}), "users.err.stores_unused"),
    ("scope_team_id", frozenset({"team_lead"}), "users.err.team_unused"),
    ("agent_id", frozenset({"agent"}), "users.err.agent_unused"),
)
# check_role_rules' arguments, in order, as a user's row names them
ROLE_RULE_FIELDS = ("roles", "agent_id", "scope_store_ids", "scope_team_id", "scope_region_id")


def validate_roles(roles) -> list[str]:
    """The roles chosen, each once, all known (``users.create_user`` / ``update_user``)."""
    from portal.users import UserError

    roles = [r for r in dict.fromkeys(roles or []) if r]
    if not roles:
        raise UserError("users.err.no_role")
    bad = [r for r in roles if r not in ROLES]
    if bad:
        raise UserError("users.err.unknown_role", roles=listed(bad), known=listed(ROLES))
    return roles


def check_role_rules(roles, agent_id, scope_store_ids, scope_team_id, scope_region_id=None) -> None:
    """What each role needs, and what it cannot have (SPEC §1): an agent their agent and no other role (their scope
    is their own rows: in_agent_scope lets the agent id win over a team and all_agents over the agent id, so one
    scope cannot hold both; agent + inspector was saved and then unlinked), an inspector stores, a team lead a
    team; no scope field on an admin (they see everything); a region only on a manager or team lead (an inspector
    given one saw and wrote for the whole region), stores, a team or an agent only on the roles of UNUSED_FIELDS
    (an admin with a store, a manager with a team were saved and listed as if they meant something)."""
    from portal.users import UserError

    roles = set(roles)
    given = {"scope_store_ids": bool(id_list(scope_store_ids)), "scope_team_id": scope_team_id is not None}
    given["agent_id"] = agent_id is not None
    if "agent" in roles and len(roles) > 1:
        raise UserError("users.err.agent_alone")
    if "admin" in roles and (scope_region_id is not None or any(given.values())):
        raise UserError("users.err.admin_scope")
    if scope_region_id is not None and not roles & REGION_ROLES:
        raise UserError("users.err.region_unused")
    if "agent" in roles and agent_id is None:
        raise UserError("users.err.agent_needs_agent")
    if "inspector" in roles and not scope_store_ids:
        raise UserError("users.err.inspector_needs_store")
    if "team_lead" in roles and scope_team_id is None:
        raise UserError("users.err.lead_needs_team")
    for field, field_roles, message in UNUSED_FIELDS:
        if given[field] and not roles & field_roles:
            raise UserError(message)


WHOLE_CHAIN = "chain"  # the region picker's "Whole chain": stored as no region and no stores


def region_choice(current: dict) -> int | str | None:
    """The region picker's value for a user's stored scope: "Whole chain" for a manager with neither a region
    nor stores (what that scope means, ``users.scope_for``), else the region (or None)."""
    chain = "manager" in current.get("roles", ()) and current.get("scope_region_id") is None
    return WHOLE_CHAIN if chain and not current.get("scope_store_ids") else current.get("scope_region_id")


def stored_scope(fields: dict) -> dict:
    """The form's scope fields as stored. "Whole chain" is no region and no stores (its stores chosen too:
    refused); a manager with no region, no stores and not "Whole chain" is refused: clearing a regional
    manager's region saved them as chain-wide without a word (audit of the admin pages)."""
    from portal.users import UserError

    out = dict(fields)
    if out.get("scope_region_id") == WHOLE_CHAIN:
        if out.get("scope_store_ids"):
            raise UserError("users.err.chain_and_stores")
        out["scope_region_id"] = None
    elif "manager" in (out.get("roles") or ()) and out.get("scope_region_id") is None:
        if not out.get("scope_store_ids"):
            raise UserError("users.err.manager_scope")
    return out
