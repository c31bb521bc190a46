"""5S intake (issue 11): checklists (templates) and their versions, the printable inspection sheet, reading
filled-in sheets, the ``inspections`` upload kind, the tablet form's drafts and photos.

Modules: ``template`` (TemplateSpec values, loading), ``words`` (section synonyms, labels, score spellings),
``sheet_parse`` (workbook bytes -> inspections + messages, pure), ``sheet_download`` (the A4 XLSX sheet).
The results side (figures, dashboard, corrective-action workflow) is ``portal.fives``.
"""
