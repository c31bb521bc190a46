"""The Data status table: each kind of data under its label, its last import in the reporting zone."""

from __future__ import annotations

import pandas as pd

from portal import zones
from portal.i18n import t


def table(status: pd.DataFrame, timezone: str, lang: str) -> pd.DataFrame:
    """The ``data_status`` rows as shown and exported: translated kinds and headers; the last import (stored UTC)
    in ``timezone`` to the whole second, its header naming the zone (the page showed UTC with microseconds under
    a bare "Last import")."""
    shown = status.assign(
        kind=[t(f"status.kind.{k}", lang) for k in status["kind"]],
        last_import_at=zones.local_column(status["last_import_at"], timezone),
    )
    return shown.rename(
        columns={
            "kind": t("status.kind", lang),
            "row_count": t("status.rows", lang),
            "first_on": t("status.first", lang),
            "last_on": t("status.last", lang),
            "last_import_at": t("status.last_import", lang, zone=zones.zone_name(timezone, lang)),
        }
    )
