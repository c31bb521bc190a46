"""The ``inspections`` upload kind: 5S inspections as one row per inspection x item, from a flat CSV / XLSX, from
filled-in inspection sheets (read by ``sheet_parse`` into the same rows) or from the tablet form.

Rules (tests/test_fives_intake_kind.py):
- Flat columns: inspection id, store, date, inspector, template (``FIVES_RETAIL v2``; blank or absent: the newest
  version of the default template), item code, score (0..the item's maximum, ``N/A``, and the spellings of
  ``words.score_of``: ``3分``, ``三``; ``a/b`` only when b is the item's maximum), comment, photo (a stored photo's
  name: the tablet form). A score header stating another scale than the checklist's (``得分（1-5分）`` over 0-4)
  refuses the file in one message naming the column and both scales (scores are never rescaled); a score column
  headed as a pass/fail result (是否合格) holding 1 and 0 on a checklist scored 0-4 refuses it in one message naming
  the column (a 1 may be a pass or 1 point: ``flat_scores``).
- An inspection without an id gets ``<store>:<date>:<inspector>`` (one inspection per store, day and inspector),
  unless an inspection of that store, date and inspector (the user the name is decided to be: ``_inspector_users``)
  is stored already, under any id: then it is that one (``_match_stored``), unchanged or refused as below.
- An inspection is written whole or not at all: every item of its template once, one store, date, inspector and
  template; a problem in one of its rows makes all its rows invalid (skip-invalid skips the whole inspection).
- Key: the inspection id. An inspection already imported with the same scores and comments is unchanged; with
  other scores it is refused (inspections are never rescored: undo its batch first); with the same scores and
  another comment the rows whose comment differs are refused as such (a stored inspection is never changed in
  place: undo its batch first, then import the corrected file).
- Scope: the uploader's stores (an inspector: their own); an inspection id of a store outside it is refused.
- Commit: ``fives_inspections`` (batch_id, source_id = the inspection id, region of the store on the date,
  template_id, inspector_username = the user the file's inspector names (the uploader when it names nobody; none for
  a name that is no user's: ``_inspector_users``), inspector_name = the file's inspector or the uploader's name),
  ``fives_item_scores`` (score null and is_not_applicable for N/A, comment, photo_path) and the corrective
  actions of each new inspection (``portal.fives.actions.open_actions_for``). Undo removes all three (generic, by the tables).
- Undo is refused while a corrective action of an inspection the batch added is past open (in progress, submitted,
  verified): it would delete what was done and the after-photo (``refuse_undo_of_worked_actions``). A batch whose
  actions are all still open is undone with them. The tablet form's inspections are such batches too.
  Commit and undo bring the stored 5S facts of the stores touched in step (``writes.refresh_fives_facts``).
"""

from __future__ import annotations

import pandas as pd

from portal import writes
from portal.fives.actions import open_actions_for
from portal.fives_intake import flat_scores, photos, words
from portal.fives_intake import stored as stored_rows
from portal.fives_intake import template as tpl
from portal.fives_intake.fields import FIELDS
from portal.fives_intake.upload import read_inspections
from portal.i18n import Both, listed, t
from portal.ingest import validation
from portal.ingest.codes import name_key
from portal.ingest.core import CheckContext, CommitContext, NothingWritten
from portal.ingest.errors import values_detail
from portal.ingest.kinds import Counts, Kind, Table

KIND_NAME = "inspections"
KEY_FIELDS = ("inspection_id", "item_code")  # a row: one item of one inspection
TABLES = (
    Table("corrective_actions", batch_column=None, parent=("inspection_id", "fives_inspections")),
    Table("fives_item_scores", batch_column=None, parent=("inspection_id", "fives_inspections")),
    Table("fives_inspections", key="inspection_id", master=(("store_id", "stores"),)),
)


def _text(v: pd.DataFrame, name: str) -> pd.Series:
    """The column's cells as stripped text (object dtype), None for a blank cell, so that ``is None`` tells a blank
    cell; a column the file lacks reads as a blank one. Built as objects, not by ``Series.map``: under pandas 3
    ``map`` infers ``str`` for text beside None and turns each None into NaN (a blank checklist cell beside
    ``FIVES_RETAIL v2`` was then refused as an unknown checklist, a blank item code crashed the check)."""
    cells = v[name].astype(object) if name in v.columns else pd.Series(None, index=v.index, dtype=object)
    return pd.Series(
        [(str(x).strip() or None) if isinstance(x, str) or pd.notna(x) else None for x in cells],
        index=v.index,
        dtype=object,
    )


def _score(text, max_score, allowed=None, pass_fail=False):
    """(score, not applicable, error key) of one score cell; ``allowed``: the template's scale (e.g. 0/1/2/4);
    ``pass_fail``: the file's score column is headed as a result (是否合格), where 是 / 否 are a tick / a cross."""
    if text is None:
        return None, False, "fives_intake.error.no_score"
    if words.is_formula_error(text):
        return None, False, "fives_intake.error.score_formula"
    if words.is_not_applicable(text):
        return None, True, None
    out_of = words.score_out_of(text)
    # 3/5 on an item scored 0-4: refused, never rescaled
    if out_of is not None and max_score is not None and out_of != max_score:
        return None, False, "fives_intake.error.score_out_of"
    value = words.score_of(text)
    if value is None and max_score is not None:
        value = words.score_word(text, max_score, pass_fail)  # 满分, a tick, a cross, 是 / 否
    if value is None or isinstance(value, float):
        return None, False, "fives_intake.error.bad_score"
    if max_score is not None and not 0 <= value <= max_score:
        return None, False, "fives_intake.error.out_of_range"
    if allowed and value not in allowed:
        return None, False, "fives_intake.error.not_allowed"
    return int(value), False, None


def check_rows(ctx: CheckContext) -> None:
    v, cur = ctx.values, ctx.cur
    templates = tpl.load_all(cur)
    default = tpl.default_template(templates)
    for name in ("inspection_id", "inspector", "template", "item_code", "score", "comment", "photo"):
        v[name] = _text(v, name)
    v["item_code"] = pd.Series(
        [c.upper() if c else None for c in v["item_code"]], index=v.index, dtype=object
    )
    ctx.match_codes("store_code", error_values=v["store_code"])
    # template: its label, or the newest version of the default one
    by_label = {t.label.upper(): t for t in templates.values()}

    def find(label):
        if label is None:
            return default
        parsed = tpl.parse_label(label)
        if not parsed:
            return None
        code, version = parsed
        return templates.get((code, version)) if version else tpl.latest(templates, code)

    found = {label: find(label) for label in v["template"].drop_duplicates()}
    v["template_id"] = v["template"].map(lambda x: found[x].template_id if found[x] else None).astype("Int64")
    ctx.add_error(v["template_id"].isna(), "template", "fives_intake.error.unknown_template")
    by_id = {t.template_id: t for t in by_label.values()}
    items = [
        by_id[t].item(c) if pd.notna(t) and c else None
        for t, c in zip(v["template_id"], v["item_code"], strict=True)
    ]
    v["max_score"] = pd.Series([i.max_score if i else None for i in items], index=v.index, dtype="Int64")
    known = pd.Series([i is not None for i in items], index=v.index)
    ctx.add_error(
        ~known & v["template_id"].notna() & v["item_code"].notna(),
        "item_code",
        "fives_intake.error.unknown_item",
    )
    # scores
    scales = [by_id[t].scores_for(i) if i else None for t, i in zip(v["template_id"], items, strict=True)]
    pass_fail = words.is_result_header(ctx.mapping.get("score") or "")
    parsed = [
        _score(s, m if pd.notna(m) else None, a, pass_fail)
        for s, m, a in zip(v["score"], v["max_score"], scales, strict=True)
    ]
    v["score_value"] = pd.Series([p[0] for p in parsed], index=v.index, dtype="Int64")
    v["is_na"] = pd.Series([p[1] for p in parsed], index=v.index, dtype=bool)
    reasons = pd.Series([p[2] for p in parsed], index=v.index, dtype=object)
    scale_text = pd.Series([", ".join(map(str, a)) if a else "" for a in scales], index=v.index)
    # a header stating another scale: one file error, none of its rows' (their scores are on another scale)
    other_scale = flat_scores.header_scale_differs(ctx, by_id)
    # a result column (是否合格) of 1 and 0 over items scored 0-4: one file error (a 1: a pass or 1 point?)
    other_scale |= flat_scores.result_numbers(ctx, by_id)
    for reason in reasons.dropna().unique():
        detail = scale_text if reason == "fives_intake.error.not_allowed" else v["max_score"].astype(str)
        ctx.add_error(known & ~other_scale & (reasons == reason), "score", reason, detail=detail)
    worded = [
        (text, p[0])
        for text, p, k in zip(v["score"], parsed, known, strict=True)
        if k and p[0] is not None and p[2] is None and words.score_of(text) is None
    ]
    if worded:
        ctx.add_notice(
            "fives_intake.notice.score_words",
            column=ctx.column_of("score"),
            n=len(worded),
            readings=words.score_readings(worded),
        )
    # photos: only names of stored photos (the tablet form's); a stored photo's name whose file is gone is an error,
    # any other text a file's own photo name (IMG_003.jpg): not imported, said once, as on a sheet (a helper's
    # probe: each such cell refused its row, and the whole inspection with it)
    text = v["photo"].map(lambda p: isinstance(p, str)).astype(bool)
    own = text & v["photo"].map(lambda p: isinstance(p, str) and photos.is_photo_name(p)).astype(bool)
    bad_photo = own & v["photo"].map(lambda p: isinstance(p, str) and photos.photo_file(p) is None).astype(
        bool
    )
    ctx.add_error(bad_photo, "photo", "fives_intake.error.photo")
    named = text & ~own
    if named.any():
        rows = [int(r) for r in named[named].index]
        more = len(rows) > 10
        header = ctx.column_of("photo")
        ctx.add_notice(
            "fives_intake.foreign.photos_not_imported",
            header=header,
            n=len(rows),
            rows=listed(rows[:10], more),
        )
        v.loc[named, "photo"] = None
    # inspection ids
    derived = (
        v["store_code"].fillna("?").astype(str) + ":" + v["inspected_on"].dt.strftime("%Y-%m-%d").fillna("?")
    )
    derived = derived + ":" + v["inspector"].fillna("")
    no_id = v["inspection_id"].isna()
    if no_id.any():
        ctx.add_notice("fives_intake.notice.derived_ids", n=int(no_id.sum()))
    v["inspection_id"] = v["inspection_id"].fillna(derived)
    _match_stored(ctx, no_id)
    _check_inspections(ctx, by_id)
    ctx.check_scope(
        "fives_inspections",
        {"inspection_id": "source_id"},
        "fives_intake.error.key_out_of_scope",
        row_on=v["inspected_on"],
    )
    _whole_inspections(ctx)


def _check_inspections(ctx: CheckContext, by_id: dict) -> None:
    """One store, date, inspector and template per inspection; every item of its template; already imported."""
    v = ctx.values
    groups = v.groupby("inspection_id", sort=False)
    for col in ("store_code", "inspected_on", "inspector", "template_id"):
        mixed = groups[col].transform(lambda s: s.astype(str).nunique(dropna=False)) > 1
        ctx.add_error(mixed, col if col != "template_id" else "template", "fives_intake.error.mixed")
    missing = {}
    for key, g in groups:
        t = by_id.get(g["template_id"].iloc[0]) if pd.notna(g["template_id"].iloc[0]) else None
        if t is not None:
            lacking = [i.code for i in t.ordered_items() if i.code not in set(g["item_code"].dropna())]
            if lacking:
                missing[key] = ", ".join(lacking)
    lacks = v["inspection_id"].map(missing)
    ctx.add_error(lacks.notna(), "item_code", "fives_intake.error.missing_items", detail=lacks)
    # already imported: unchanged when every score and comment is the same, refused otherwise
    batch_of, old_scores, old_comments = stored_rows.scores(ctx.cur, v["inspection_id"].dropna().unique())
    new_scores = stored_rows.file_scores(v)
    rescored = {sid: batch_of[sid] for sid, scores in old_scores.items() if new_scores.get(sid) != scores}
    v["is_existing"] = v["inspection_id"].isin(list(old_scores))
    reason = v["inspection_id"].map(rescored)
    # the rows whose score differs name their score cell (a sheet: D13, not only the id cell B6); the other rows
    # of the inspection are refused with it, naming the inspection (on a sheet: one message, its id cell)
    differs = reason.notna() & pd.Series(
        [
            sid in rescored
            and (code, None if na or pd.isna(score) else int(score), bool(na)) not in old_scores[sid]
            for sid, code, score, na in zip(
                v["inspection_id"], v["item_code"], v["score_value"], v["is_na"], strict=True
            )
        ],
        index=v.index,
    )
    ctx.add_error(
        differs,
        "score",
        "fives_intake.error.rescored_item",
        detail=_rescored_items(v, differs, rescored, old_scores),
    )
    ctx.add_error(reason.notna() & ~differs, "inspection_id", "fives_intake.error.rescored", detail=reason)
    # the same scores with another comment: the rows whose comment differs, named as such
    same_scores = v["is_existing"] & reason.isna()
    other_comment = same_scores & pd.Series(
        [
            old_comments.get((sid, code), "") != comment
            for sid, code, comment in zip(
                v["inspection_id"], v["item_code"], v["comment"].fillna(""), strict=True
            )
        ],
        index=v.index,
    )
    ctx.add_error(
        other_comment,
        "comment",
        "fives_intake.error.comment_changed",
        detail=v["inspection_id"].map(batch_of),
    )


def _rescored_items(v: pd.DataFrame, differs: pd.Series, rescored: dict, old_scores: dict) -> pd.Series:
    """The detail of each score cell that differs from the stored inspection: its batch, the stored score and the
    file's (``errors.values_detail``: "imported in batch 2 with 2 for this item, not 3"); N/A as the words
    ``fives_intake.score.na``, an item the stored inspection lacks as ``fives_intake.score.none``."""
    stored = {(sid, code): (score, na) for sid, scores in old_scores.items() for code, score, na in scores}

    def said(score, na, found=True) -> Both:
        if not found:
            return Both(t("fives_intake.score.none", "en"), t("fives_intake.score.none", "zh"))
        if na:
            return Both(t("fives_intake.score.na", "en"), t("fives_intake.score.na", "zh"))
        return Both(str(int(score)), str(int(score)))

    out = {}
    for row in v.index[differs.to_numpy()]:
        sid, code = v.at[row, "inspection_id"], v.at[row, "item_code"]
        old = stored.get((sid, code))
        new_na, new_score = bool(v.at[row, "is_na"]), v.at[row, "score_value"]
        out[row] = values_detail(
            batch=rescored[sid],
            old=said(*(old or (None, False)), found=old is not None),
            new=said(None if new_na or pd.isna(new_score) else new_score, new_na),
        )
    return pd.Series(out, dtype=object).reindex(v.index)


def _match_stored(ctx: CheckContext, no_id: pd.Series) -> None:
    """An inspection the file gives without an id is the stored inspection of the same store, date and decided
    inspector (``_inspector_users``; the name itself for a name that is no user's), whatever id it was stored
    under: it takes that id, so that the rules of an inspection already imported apply (unchanged when the same,
    refused when rescored). The same sheet with its id cell cleared was once a second inspection of that visit,
    with its corrective actions and repeat findings counted twice. Of several such stored inspections, the one
    with the same scores, else the earliest imported."""
    v = ctx.values
    rows = v[no_id & v["store_id"].notna() & v["inspected_on"].notna()]
    if rows.empty:
        return
    days = rows["inspected_on"].dt.date
    stored = writes.run(
        ctx.cur,
        "inspections_of_visits",
        {"store_ids": sorted({int(x) for x in rows["store_id"]}), "days": sorted(set(days))},
    ).fetchall()
    if not stored:
        return
    decided = _inspector_users(ctx.cur, ctx.user, rows["inspector"])
    _, old_scores, _ = stored_rows.scores(ctx.cur, {r[0] for r in stored})
    new_scores = stored_rows.file_scores(rows)
    found: dict[str, str] = {}
    firsts = rows.groupby("inspection_id", sort=False).first()
    for derived, (store_id, day, name) in zip(
        firsts.index,
        zip(firsts["store_id"], firsts["inspected_on"].dt.date, firsts["inspector"], strict=True),
        strict=True,
    ):
        user = ctx.user.username if name is None else decided[name]
        same = [
            sid
            for sid, s_store, s_day, s_user, s_name in stored
            if s_store == store_id
            and s_day == day
            and s_user == user
            and (user is not None or name_key(str(s_name or "")) == name_key(str(name or "")))
        ]
        if same:
            found[derived] = next((s for s in same if old_scores.get(s) == new_scores[derived]), same[0])
    if found:
        matched = no_id & v["inspection_id"].isin(list(found))
        v.loc[matched, "inspection_id"] = v.loc[matched, "inspection_id"].map(found)
        ctx.add_notice("fives_intake.notice.matched_stored", n=int(matched.sum()), ids=listed(found.values()))


def _whole_inspections(ctx: CheckContext) -> None:
    v = ctx.values
    # an item given twice in one inspection (a flat file: SO1 scored 4, then 1 further down) is an error of the
    # repeat, found here so that its inspection is refused whole; the pipeline's own check of repeated keys
    # later names the same row with the same message (one message: ErrorLog drops the copy). Before, the repeat
    # alone was skipped and the inspection stored with the first score: a failed 1 lost, no action opened.
    validation.duplicate_keys(v, KEY_FIELDS, ctx.errors, ctx.column_of(KEY_FIELDS[-1]))
    bad_rows = ctx.errors.rows()
    if not bad_rows:
        return
    bad = v.loc[v.index.isin(list(bad_rows)), "inspection_id"].dropna()
    others = v["inspection_id"].isin(list(set(bad))) & ~v.index.isin(list(bad_rows))
    # the rows at fault (first three), so that one bad score is found among the 24 it holds back (tablet probe)
    fault = {i: ", ".join(map(str, sorted(rows)[:3])) for i, rows in bad.groupby(bad).groups.items()}
    ctx.add_error(
        others, "inspection_id", "fives_intake.error.other_row_invalid", detail=v["inspection_id"].map(fault)
    )


def commit_rows(cur, ctx: CommitContext) -> Counts:
    rows = ctx.rows[~ctx.rows["is_existing"].astype(bool)]
    unchanged = len(ctx.rows) - len(rows)
    # the inspections the sheet holds as stored: marked, so that an undo of the batch that wrote them waits for
    # this one (review: it deleted them from under it, and its file could not be imported again)
    held = ctx.rows.loc[ctx.rows["is_existing"].astype(bool), "inspection_id"].astype(str).unique().tolist()
    if held and stored_rows.count(cur, held) < len(held):  # one was undone since the check: it would be lost
        raise NothingWritten("ingest.refused.held_since_preview", "Stored rows changed since the check.")
    writes.mark_held_inspections(cur, ctx.batch_id, held)
    if rows.empty:
        return Counts(0, 0, unchanged)
    frame = pd.DataFrame(
        {
            "inspection_id": rows["inspection_id"].astype(str),
            "store_id": rows["store_id"].astype("Int64"),
            "inspected_on": rows["inspected_on"].dt.date,
            "inspector": rows["inspector"].astype(object).where(rows["inspector"].notna(), None),
            "template_id": rows["template_id"].astype("Int64"),
            "item_code": rows["item_code"].astype(str),
            "score": rows["score_value"].astype("Int64"),
            "is_na": rows["is_na"].astype(bool),
            "comment": rows["comment"].astype(object).where(rows["comment"].notna(), None),
            "photo": rows["photo"].astype(object).where(rows["photo"].notna(), None),
        }
    ).reset_index(names="row_no")
    resolved = _inspector_users(cur, ctx.user, frame["inspector"])
    frame["inspector_user"] = [ctx.user.username if x is None else resolved[x] for x in frame["inspector"]]
    cur.register("inspection_rows", frame)
    try:
        ctx.run("inspections_insert", {"display_name": ctx.user.display_name})
        ctx.run("inspection_scores_insert")
    finally:
        cur.unregister("inspection_rows")
    new_ids = cur.execute(
        "select inspection_id from fives_inspections where batch_id = ? order by inspection_id",
        [ctx.batch_id],
    ).fetchall()
    for (inspection_id,) in new_ids:
        open_actions_for(cur, inspection_id, username=ctx.user.username)
    writes.refresh_fives_facts(cur)  # the stored facts of the stores this commit touched
    return Counts(len(rows), 0, unchanged)


def _inspector_users(cur, user, named: pd.Series) -> dict:
    """Who inspected, decided once at import (``fives_inspections.inspector_username``; the figures key on it,
    else on the name): each name the file gives -> the user it names (login or display name, width, case and
    spaces aside: "Ivan  Petrov", ＩＶＡＮ), the uploader for a row naming nobody (the tablet form names its
    user), None for a name that is no user's (an auditor without an account, keyed by the name). A clerk
    uploading every auditor's sheets was each sheet's inspector before."""
    people = writes.run(cur, "inspection_people").fetchall()
    by_key: dict[str, set[str]] = {}
    for username, display in people:
        for text in (username, display):
            if text:
                by_key.setdefault(name_key(str(text)), set()).add(str(username))
    out: dict = {}
    for name in named.dropna().unique():
        found = by_key.get(name_key(str(name)), set())
        if user.username in found or name_key(str(name)) == name_key(user.display_name or ""):
            out[name] = user.username
        else:
            out[name] = next(iter(found)) if len(found) == 1 else None  # two users of one name: by the name
    return out


def refuse_undo_of_worked_actions(cur, batch_id: int) -> None:
    """A batch whose inspections have corrective actions someone has worked on (past open) is not undone: the
    undo would delete the actions with their inspections, and with them what was done and the after-photo."""
    from portal.ingest.batches import UndoRefused

    worked = writes.run(cur, "fives_actions_worked_in_batch", {"batch_id": batch_id}).fetchall()
    if not worked:
        return
    names = [
        Both(
            f"{store} {day:%Y-%m-%d} {item} ({t(f'fives.action_status.{status}', 'en').lower()})",
            f"{store} {day:%Y-%m-%d} {item}({t(f'fives.action_status.{status}', 'zh')})",
        )
        for store, day, item, status in worked[:10]
    ]
    more = len(worked) > 10
    raise UndoRefused(
        "ingest.undo.actions_worked",
        "Corrective actions of inspections in this batch have been worked on ({actions}); undoing it would delete "
        "them with what was done and their after-photos. Keep this batch: to correct an inspection, inspect the "
        "store again (a new inspection).",
        actions=Both(listed([n.en for n in names], more).en, listed([n.zh for n in names], more).zh),
    )


def template_rows() -> tuple[dict[str, str], ...]:
    """One whole inspection on the default checklist (every item once: an inspection is imported whole)."""
    base = {"inspection_id": "S001-20261102-A1", "store_code": "S001", "inspected_on": "2026-11-02"}
    base |= {"inspector": "Ivan Inspector", "template": "FIVES_RETAIL v1", "photo": ""}
    notes = {"SO2": ("1", "Expired goods on shelf 3"), "SH3": ("N/A", "No fitting room")}
    codes = [f"{p}{i}" for p in ("SO", "SE", "SH", "ST", "SU") for i in range(1, 6)]
    return tuple(
        base | {"item_code": c, "score": notes.get(c, ("4", ""))[0], "comment": notes.get(c, ("", ""))[1]}
        for c in codes
    )


KIND = Kind(
    name=KIND_NAME,
    title_key="ingest.kind.inspections",
    fields=FIELDS,
    key_fields=KEY_FIELDS,
    upload_roles=frozenset({"admin", "manager", "inspector"}),
    add_missing_roles=frozenset(),
    check=check_rows,
    commit=commit_rows,
    tables=TABLES,
    template_rows=template_rows(),
    read=read_inspections,
    many_files=True,
    after_undo=writes.refresh_fives_facts,
    before_undo=refuse_undo_of_worked_actions,
)
