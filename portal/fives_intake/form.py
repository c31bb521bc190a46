"""The tablet form's logic (no Streamlit): the server-side draft, progress, and the flat rows a submitted form
becomes, so that it is imported exactly like an uploaded file (one ``inspections`` batch, undoable).

A draft is JSON: ``{"section": index of the open section, "items": {code: {"score": int | null, "na": bool,
"comment": str, "photo": file name | null}}}`` with store, template and date in their own columns; once submitted
also ``"inspection_id"`` (the id it is stored under, the same at every attempt) and, while a submit runs,
``"submitting": true``.

A submit survives the server being killed (``kill -9``) at any moment, and the inspector is told what became of it:
the draft is written with its inspection id and the submitting mark before the import, and stays after it as the
submit's receipt: every page load that finds its inspection stored (``receipt``) says so (batch, score, actions) above
the start form, until the next inspection started replaces the draft. Killed before the import's commit: the draft
is found with the mark and no inspection (``interrupted``): the page says the submit did not go through and keeps the
answers. Killed after it, even after the page had begun to say so: the next load says it was saved. A submit of a
draft whose inspection is stored already (a second tap, a retry) writes nothing twice: the stored inspection is its
receipt. Before, a kill between the commit and the draft's delete kept the draft, whose
second submit stored the inspection and its corrective actions twice (a new random id each time), and a kill after
the delete showed the empty start form without a word.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from portal import db, writes
from portal.fives_intake.fields import FLAT_HEADERS
from portal.fives_intake.kind import KIND
from portal.fives_intake.sheet_download import new_inspection_id
from portal.fives_intake.template import ItemSpec, TemplateSpec
from portal.i18n import t
from portal.ingest import pipeline, reading
from portal.scope import store_rows_outside


@dataclass
class Draft:
    store_id: int
    template_id: int
    inspected_on: date
    section: int = 0
    items: dict[str, dict] = field(default_factory=dict)
    inspection_id: str | None = None  # given at the first submit, kept for every retry
    submitting: bool = False  # a submit started and has not come back (refused or stored)

    def answer(self, code: str) -> dict:
        return self.items.setdefault(code, {"score": None, "na": False, "comment": "", "photo": None})

    def to_json(self) -> str:
        body: dict = {"section": self.section, "items": self.items}
        if self.inspection_id:
            body["inspection_id"] = self.inspection_id
        if self.submitting:
            body["submitting"] = True
        return json.dumps(body, ensure_ascii=False, sort_keys=True)


def load_draft(con, username: str) -> Draft | None:
    cur = con.cursor()
    try:
        row = cur.execute(
            "select store_id, template_id, inspected_on, draft from fives_drafts where username = ?",
            [username],
        ).fetchone()
    finally:
        cur.close()
    if row is None:
        return None
    body = json.loads(row[3]) if isinstance(row[3], str) else row[3]
    return Draft(
        int(row[0]),
        int(row[1]),
        row[2],
        int(body.get("section", 0)),
        dict(body.get("items", {})),
        body.get("inspection_id") or None,
        bool(body.get("submitting")),
    )


def save_draft(con, username: str, draft: Draft) -> None:
    writes.save_fives_draft(
        con, username, draft.store_id, draft.template_id, draft.inspected_on, draft.to_json()
    )


def discard_draft(con, username: str) -> None:
    writes.delete_fives_draft(con, username)


def is_answered(answer: dict | None) -> bool:
    return bool(answer) and (answer.get("na") or answer.get("score") is not None)


def progress(template: TemplateSpec, draft: Draft) -> tuple[int, int]:
    """(items answered, items on the checklist)."""
    return sum(is_answered(draft.items.get(i.code)) for i in template.items), len(template.items)


def unanswered(template: TemplateSpec, draft: Draft) -> list[str]:
    return [i.code for i in template.ordered_items() if not is_answered(draft.items.get(i.code))]


def low_without_comment(
    con, template: TemplateSpec, draft: Draft, section: str | None = None
) -> list[ItemSpec]:
    """The items scored low (the template's fail rule, models/fives_item_failed.sql: at or below 1 of 4; such a
    score opens a corrective action, whose finding is the comment) that have no comment, in checklist order;
    ``section``: only that section's items. Uploaded sheets are not held to this (SPEC asks no comment of them)."""
    waiting = [
        (item, a)
        for item in template.ordered_items()
        if section is None or item.section == section
        for a in [draft.items.get(item.code) or {}]
        if not a.get("na") and a.get("score") is not None and not (a.get("comment") or "").strip()
    ]
    if not waiting:
        return []
    cur = con.cursor()
    try:
        failed = {
            code
            for (code,) in cur.execute(
                "select s.code from (select unnest($codes) as code, unnest($scores) as score, "
                "unnest($maxes) as max_score) as s "
                "where fives_item_failed(s.score, s.max_score, "
                "(select fail_ratio from fives_templates where template_id = $template_id), false)",
                {
                    "codes": [i.code for i, _ in waiting],
                    "scores": [int(a["score"]) for _, a in waiting],
                    "maxes": [i.max_score for i, _ in waiting],
                    "template_id": template.template_id,
                },
            ).fetchall()
        }
    finally:
        cur.close()
    return [i for i, _ in waiting if i.code in failed]


def item_names(items: list[ItemSpec], lang: str) -> str:
    """``SO2 Expired goods are removed, SH1 …`` in ``lang`` (its list separator)."""
    return t("text.list_separator", lang).join(f"{i.code} {i.text(lang).rstrip('.。 ')}" for i in items)


def flat_rows(
    template: TemplateSpec, draft: Draft, store_code: str, inspector: str, inspection_id: str
) -> list[dict[str, str]]:
    rows = []
    for item in template.ordered_items():
        a = draft.items.get(item.code) or {}
        rows.append(
            {
                "inspection_id": inspection_id,
                "store_code": store_code,
                "inspected_on": draft.inspected_on.isoformat(),
                "inspector": inspector,
                "template": template.label,
                "item_code": item.code,
                "score": "N/A" if a.get("na") else ("" if a.get("score") is None else str(int(a["score"]))),
                "comment": (a.get("comment") or "").strip(),
                "photo": a.get("photo") or "",
            }
        )
    return rows


def flat_csv(rows: list[dict[str, str]]) -> bytes:
    """The rows as a UTF-8 CSV in the flat upload layout."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FLAT_HEADERS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def may_inspect(con, user, store_id: int, on: date) -> bool:
    """The server-side rule of the form: only a store whose inspection on the day ``on`` the user may write, by
    the region it will be stored with (the store's region that day: a store that moved is its old region's
    before the move)."""
    rows = pd.DataFrame({"row_no": [0], "store_id": [int(store_id)], "row_on": [pd.Timestamp(on)]})
    with db.cursor(con) as cur:
        return not store_rows_outside(cur, user.scope, rows)


@dataclass(frozen=True)
class Outcome:
    batch_id: int | None = None
    actions: int = 0
    error: str | None = None
    overall_pct: float | None = None  # the inspection's overall % (None: every item N/A)
    sections_n: int = 0  # the sections it rests on (those with an applicable item)
    # the inspected store: a receipt names it even when it has left the user's list
    store_code: str | None = None
    store_name: str | None = None


def receipt(con, draft: Draft, lang: str = "en") -> Outcome | None:
    """What became of the draft's submit: the stored inspection's batch, corrective actions and overall % (with
    the sections it rests on) and its store's code and name (in ``lang``), or None while the draft's inspection
    is not stored (queries/writes/fives_form_receipt.sql)."""
    if not draft.inspection_id:
        return None
    with db.cursor(con) as cur:
        row = writes.run(
            cur,
            "fives_form_receipt",
            {"source_id": draft.inspection_id, "store_id": draft.store_id, "lang": lang},
        ).fetchone()
    if row is None:
        return None
    batch, pct, sections, actions, code, name = row
    return Outcome(
        int(batch), int(actions), None, None if pct is None else float(pct), int(sections), code, name
    )


@dataclass(frozen=True)
class Undone:
    batch_id: int
    undone_at: object  # a UTC timestamp
    undone_by: str  # the person's display name


def batch_file_name(inspection_id: str) -> str:
    """The file name a submit's import batch is stored under (what Import history lists)."""
    return f"tablet-form-{inspection_id}.csv"


def undone(con, draft: Draft) -> Undone | None:
    """The draft's submit was stored and its batch undone since (Import history): the batch, when and by whom;
    None when the draft was never stored, or its inspection is stored (``receipt``). Before, the form came back
    with the undone inspection's answers and no word (queries/writes/fives_form_undone.sql). A draft still marked
    submitting (killed after the commit) is undone all the same: a submit after the undo takes a new inspection
    id (``submit``), so a kill of that one is ``interrupted``, not this."""
    if not draft.inspection_id:
        return None
    with db.cursor(con) as cur:
        row = writes.run(
            cur, "fives_form_undone", {"file_name": batch_file_name(draft.inspection_id)}
        ).fetchone()
    if row is None or receipt(con, draft) is not None:
        return None
    return Undone(int(row[0]), row[1], str(row[2] or ""))


def interrupted(con, draft: Draft) -> bool:
    """The draft's last submit started and never came back (the server stopped): nothing of it is stored (and
    nothing was: a stored submit undone since is ``undone``)."""
    return draft.submitting and receipt(con, draft) is None and undone(con, draft) is None


def submit(con, user, draft: Draft, template: TemplateSpec, store_code: str, lang: str = "en") -> Outcome:
    """Import the draft as one ``inspections`` batch through the upload pipeline (same rules, same records,
    undoable) under the draft's inspection id (given at the first attempt, kept in the draft before the import).
    The draft stays as the submit's receipt (``receipt``) until the next inspection is started. A refusal comes back as ``Outcome.error`` (the draft is kept, unmarked): a store outside the user's scope, a low
    score without a comment (``low_without_comment``), what the import refuses. A draft whose inspection is stored
    already is not imported again: its receipt comes back."""
    if not may_inspect(con, user, draft.store_id, draft.inspected_on):
        return Outcome(error=t("fives_intake.form.not_your_store", lang))
    stored = receipt(con, draft)
    if stored is not None:
        return stored
    low = low_without_comment(con, template, draft)
    if low:
        return Outcome(error=t("fives_intake.form.comment_needed", lang, items=item_names(low, lang)))
    if draft.inspection_id and undone(con, draft) is not None:
        draft.inspection_id = None  # its batch was undone: this submit is a new one (``undone``)
    draft.inspection_id = draft.inspection_id or new_inspection_id(store_code, draft.inspected_on)
    draft.submitting = True
    save_draft(
        con, user.username, draft
    )  # before the import: a kill from here on leaves a draft that says so
    data = flat_csv(flat_rows(template, draft, store_code, user.display_name, draft.inspection_id))
    options = pipeline.ImportOptions(lang=lang)
    try:
        _, result = pipeline.import_bytes(
            con, KIND, data, batch_file_name(draft.inspection_id), None, options, user
        )
    except (reading.FileRefused, pipeline.NothingWritten) as exc:
        prepared = getattr(exc, "prepared", None)  # the rows' check, when the commit refused them
        if prepared is not None and prepared.n_invalid and exc.reason in _ROW_REFUSALS:
            return _refused(con, user, draft, refusal_text(prepared, template, lang))
        return _refused(con, user, draft, t(exc.reason, lang, **exc.values))
    # stored: the draft is now the submit's receipt (killed before this line: receipt() finds it all the same)
    draft.submitting = False
    save_draft(con, user.username, draft)
    return receipt(con, draft) or Outcome(int(result.batch_id))


# the refusals of the rows themselves: only these are said item by item (``refusal_text``); a refusal of the whole
# submit that ``core.refusals`` puts first (the user's role, the same file imported already) is said as it is
_ROW_REFUSALS = ("ingest.refused.invalid_rows", "ingest.refused.no_valid_rows")
# where a refused row's column is on the form: an item's own answer, or the inspection as a whole
_ITEM_FIELDS = {"score": "score", "comment": "comment", "photo": "photo", "item_code": "score"}
# a reason the form says in its own words (the inspector sees no file, only the item's controls)
_FORM_REASONS = {"fives_intake.error.photo": "fives_form.error.photo"}


def refusal_text(prepared, template: TemplateSpec, lang: str) -> str:
    """What the import refused of a submitted form, where it is: one line per item and answer (``SH2 Floor, fridges
    and counters are clean, photo: …``) or per problem of the inspection as a whole (its store, date, checklist),
    in checklist order, each said once; the consequence every other row of the inspection carries
    (``other_row_invalid``) is left out. Before, the form said only the generic "25 of 25 rows are invalid;
    nothing was written. Correct them, or choose to skip invalid rows.", naming no item and offering a choice the
    form does not have."""
    from portal.text import md_plain

    errors = prepared.errors
    keep = errors["reason"] != "fives_intake.error.other_row_invalid"
    rendered = prepared.error_messages(lang)["reason"][keep]  # the upload's own words, in ``lang``
    order = {i.code: k for k, i in enumerate(template.ordered_items())}
    items = {i.code: i for i in template.items}
    lines: dict[tuple, str] = {}
    for (row, column, reason), said in zip(
        errors.loc[keep, ["row", "column", "reason"]].itertuples(index=False), rendered, strict=True
    ):
        code = str(prepared.values.at[row, "item_code"]) if column in _ITEM_FIELDS else None
        why = t(_FORM_REASONS[reason], lang) if reason in _FORM_REASONS else said
        if code in items:
            where = f"{code} {md_plain(items[code].text(lang).rstrip('.。 '))}"
            field_name = t(f"fives_form.field.{_ITEM_FIELDS[column]}", lang)
            key = (0, order[code], column, why)
        else:
            where, field_name = t("fives_form.whole", lang), t(f"fives_form.field.{column}", lang)
            key = (-1, 0, column, why)
        lines.setdefault(key, t("fives_form.problem", lang, where=where, field=field_name, reason=why))
    if not lines:  # nothing said row by row (cannot happen while rows are invalid): the import's own words
        return t("ingest.refused.no_valid_rows", lang)
    listed_lines = "\n".join(f"- {lines[k]}" for k in sorted(lines))
    return f"{t('fives_form.refused', lang)}\n\n{listed_lines}"


def _refused(con, user, draft: Draft, error: str) -> Outcome:
    draft.submitting = False
    save_draft(con, user.username, draft)
    return Outcome(error=error)
