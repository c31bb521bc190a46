"""5S intake (issue 11): checklists (templates) and their versions, the printable inspection sheet, reading
filled-in sheets, the ``inspections`` upload kind, the tablet form's drafts and photos.

Modules: ``template`` (TemplateSpec values, loading, point scales), ``editor`` (a version as editable tables and
back), ``words`` (section synonyms, labels, score spellings, dates), ``sheet_parse`` (workbook bytes ->
inspections + messages, pure), ``sheet_layout`` (a sheet's item table, header block, store and date cells),
``sheet_download`` (the A4 XLSX sheet), ``fields`` (the flat layout), ``upload``
(``Kind.read``: sheets or a flat file -> the kind's rows), ``kind`` (the ``inspections`` upload kind), ``form``
(the tablet form's draft, progress, submit through the kind), ``photos`` (images re-encoded without metadata).
The results side (figures, dashboard, corrective-action workflow) is ``portal.fives``; a committed inspection
opens its actions through ``portal.fives.actions.open_actions_for``.
"""
