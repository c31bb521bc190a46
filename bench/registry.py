"""The benchmark's cases: each area registers its own in a module ``bench/cases_<area>.py``.

``register(name, duckdb_fn, pandas_fn=None, kind="page")``:
- kind "page": ``duckdb_fn(con)`` computes a page's whole figure set with default filters (last 90 days,
  ``Scope.everything()``); ``pandas_fn(frames)`` computes the same figures with pandas from
  ``frames: dict[str, pd.DataFrame]`` (the tables loaded in memory, keyed by table name).
- kind "import": ``duckdb_fn(con)`` runs an import; import cases run after every page case, on the same
  database, so they must leave it as they found it (undo their batch) or be idempotent.
"""

from __future__ import annotations

import importlib
import pkgutil
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

KINDS = ("page", "import")


@dataclass(frozen=True)
class Case:
    name: str
    duckdb_fn: Callable[[Any], Any]
    pandas_fn: Callable[[dict], Any] | None
    kind: str
    module: str


CASES: dict[str, Case] = {}


def register(
    name: str,
    duckdb_fn: Callable[[Any], Any],
    pandas_fn: Callable[[dict], Any] | None = None,
    kind: str = "page",
) -> Case:
    """Add a case; a name registered twice or an unknown kind is an error."""
    if kind not in KINDS:
        raise ValueError(f"Benchmark case {name!r}: kind must be one of {KINDS}, not {kind!r}")
    if name in CASES:
        raise ValueError(
            f"Benchmark case {name!r} is registered twice ({CASES[name].module} and {duckdb_fn.__module__})"
        )
    case = Case(name, duckdb_fn, pandas_fn, kind, duckdb_fn.__module__)
    CASES[name] = case
    return case


def load_cases() -> dict[str, str]:
    """Import every ``bench/cases_*.py``; returns the modules that failed to import, with their error."""
    import bench

    failed = {}
    for info in sorted(pkgutil.iter_modules(bench.__path__), key=lambda i: i.name):
        if not info.name.startswith("cases_"):
            continue
        try:
            importlib.import_module(f"bench.{info.name}")
        except Exception as exc:  # noqa: BLE001 - one broken module must not stop the others
            failed[info.name] = "".join(traceback.format_exception_only(exc)).strip()
    return failed
