"""The upload kinds the portal knows: each module listed here defines ``KIND`` (a portal.ingest.kinds.Kind)."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from functools import cache

from portal.ingest.kinds import Kind

# Append a kind's module here (one line); its name is the CLI word and import_batches.kind.
KIND_MODULES = (
    "portal.ingest.complaints",
    "portal.ingest.surveys",
    "portal.fives_intake.kind",
    "portal.qa.kind",
    "portal.ingest.master_stores",
    "portal.ingest.master_agents",
)


@cache
def kinds() -> dict[str, Kind]:
    found: dict[str, Kind] = {}
    for module_name in KIND_MODULES:
        kind = importlib.import_module(module_name).KIND
        if kind.name in found:
            raise ValueError(f"Upload kind {kind.name!r} is registered twice")
        found[kind.name] = kind
    return found


def kind(name: str) -> Kind:
    return kinds()[name]


# The kind a role's own work is about comes first in its choice (the Upload page opens on it): store staff upload
# inspection sheets, team leads QA reviews (SPEC §1); admins and managers keep the registry order.
FIRST_FOR_ROLE = {"inspector": "inspections", "team_lead": "qa_reviews"}


def kinds_for(roles: Iterable[str]) -> list[Kind]:
    """The kinds a user with these roles may upload: a role's own kind first (``FIRST_FOR_ROLE``, unless the user
    also has a role without one, e.g. admin), then registry order."""
    roles = set(roles)
    allowed = [k for k in kinds().values() if k.may_upload(roles)]
    own = {FIRST_FOR_ROLE.get(r) for r in roles}
    if None in own:  # a role that uploads everything alike (admin, manager): the registry order
        return allowed
    return sorted(allowed, key=lambda k: k.name not in own)  # stable: the rest keep their order


@cache
def header_fields() -> dict[str, frozenset[str]]:
    """Every template header and alias of every kind's fields, as ``header_words.normalise_header`` compares
    them -> the fields it names (``kind.field``): the one vocabulary of header words, by which a row under the
    header that names the same columns in the other language or in other words is recognised (``header_again``)."""
    from portal.ingest.header_words import normalise_header

    out: dict[str, set[str]] = {}
    for k in kinds().values():
        for f in k.fields:
            for h in f.headers:
                out.setdefault(normalise_header(h), set()).add(f"{k.name}.{f.name}")
    return {h: frozenset(names) for h, names in out.items()}
