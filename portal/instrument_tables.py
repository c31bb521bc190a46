"""The Survey instruments page's tables: the stored instruments and one instrument's items, headed in the
user's language (the model and its storage: ``portal.instruments``)."""

from __future__ import annotations

import pandas as pd

from portal.i18n import t
from portal.instruments import Instrument
from portal.rounding import half_up


def listing_table(listing: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The instruments list (queries/servqual_instruments.sql) with headers in the user's language."""

    return pd.DataFrame(
        {
            t("inst.col.code", lang): listing["instrument_code"],
            t("inst.col.version", lang): listing["version"],
            t("inst.col.name", lang): listing["name_zh" if lang == "zh" else "name_en"],
            t("inst.col.scale", lang): listing["scale_min"].astype(str)
            + "-"
            + listing["scale_max"].astype(str),
            t("inst.col.dimensions", lang): listing["dimensions_n"],
            t("inst.col.items", lang): listing["items_n"],
            t("inst.col.responses", lang): listing["responses_n"],
            t("inst.col.default", lang): listing["is_default"],
            t("inst.col.created", lang): listing["created_at"],
            t("inst.col.created_by", lang): listing["created_by_name"],
        }
    )


def items_table(instrument: Instrument, lang: str) -> pd.DataFrame:

    return pd.DataFrame(
        {
            t("sat.col.item", lang): [i.label for i in instrument.items],
            t("sat.col.dimension", lang): [
                instrument.dimension(i.dimension_code).name(lang) for i in instrument.items
            ],
            t("sat.col.item_text", lang): [i.text(lang) for i in instrument.items],
            t("sat.col.weight", lang): [
                half_up(instrument.dimension(i.dimension_code).weight or 0, 1) for i in instrument.items
            ],
        }
    )
