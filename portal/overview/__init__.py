"""The overview (issue 13): headline figures of every area, alerts, the store view and the weekly brief.

Modules: ``sources`` (the registry of overview sources and their types), ``sources_<area>`` (one per area),
``alerts`` (rules over the weekly series; acknowledgements), ``figures`` (everything the page shows at once),
``brief`` (the weekly brief in plain words), ``store`` (one store against its region and the chain).
"""
