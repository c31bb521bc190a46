"""The Satisfaction area (SPEC.md §3 Satisfaction): index, CSAT, NPS, SERVQUAL gaps, drivers, comments.

The package: ``figures`` (SQL calls and arithmetic: ``figures(run, filters, cfg)`` returns a
``SatisfactionFigures``, its tiles a ``SatisfactionTiles`` of ``portal.kpi.Figure``), ``gaps`` (its SERVQUAL
figures per instrument, region and store), ``display`` (tables, labels, the words around the tiles, the SERVQUAL
tabs), ``export`` (JSON and text for ``kpi satisfaction``), ``charts``. SERVQUAL weighting, the tests and the instruments stay in portal.servqual, portal.stats and
portal.instruments (shared with the survey import).
"""

from portal.satisfaction.display import (
    View,
    comments_csv,
    comments_table,
    complaint_link,
    dimension_table,
    drivers_table,
    empty_state,
    group_columns_shown,
    group_table,
    instrument_heading,
    items_table,
    number_formats,
    score_tiles,
    servqual_notes,
    servqual_views,
    status_line,
    target_text,
    tile_caption,
    tile_texts,
)
from portal.satisfaction.export import dimension_names, text_summary, to_json
from portal.satisfaction.figures import (
    COMMENT_LIMIT,
    GRAINS,
    TILE_KEYS,
    SatisfactionFigures,
    SatisfactionSettings,
    SatisfactionTiles,
    comments,
    figures,
    load_settings,
    target_for,
    tile_figure,
    tiles,
    trend,
)
from portal.satisfaction.gaps import TOP_ITEMS, InstrumentServqual, servqual_figures, strongest_driver
from portal.satisfaction.ranking import (
    ranking_csv,
    ranking_formats,
    ranking_help,
    ranking_marks,
    ranking_table,
    store_ranking,
)

__all__ = [
    "COMMENT_LIMIT",
    "GRAINS",
    "TILE_KEYS",
    "TOP_ITEMS",
    "InstrumentServqual",
    "SatisfactionFigures",
    "SatisfactionSettings",
    "SatisfactionTiles",
    "View",
    "comments",
    "comments_csv",
    "comments_table",
    "complaint_link",
    "dimension_table",
    "drivers_table",
    "empty_state",
    "figures",
    "target_text",
    "group_columns_shown",
    "group_table",
    "instrument_heading",
    "items_table",
    "load_settings",
    "number_formats",
    "ranking_csv",
    "ranking_formats",
    "ranking_help",
    "ranking_marks",
    "ranking_table",
    "score_tiles",
    "servqual_figures",
    "servqual_notes",
    "servqual_views",
    "store_ranking",
    "strongest_driver",
    "target_for",
    "dimension_names",
    "text_summary",
    "status_line",
    "tile_caption",
    "tile_figure",
    "tile_texts",
    "tiles",
    "to_json",
    "trend",
]
