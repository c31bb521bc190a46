"""The stores upload kind (admin): the chain's stores with their regions, the master data every other upload
refers to (SPEC §2). One row per store.

- A new store is created with its region (created too when the file names a new region code, with the region
  names the file gives), time zone (blank: the reporting zone) and opening date, and a region history row.
  Store and region codes are matched to the stored ones by case and leading zeros (R01 is the stored R1:
  ``master_rows.match_stored_codes``), said in a notice; new region codes written alike (R03, R3) are one region.
- 营业状态 (已闭店: no; 营业中, 装修中: yes) is the store's active flag; blank keeps the stored one (new: yes).
- A stored store gets the file's names, time zone and opening date; a blank cell keeps the stored value
  (before-images kept for undo). A stored store the file gives another region is moved: the region is kept in
  store_assignments (the store's own region_id stays the one it was created with: DuckDB cannot change a
  referenced row's key column; portal/ingest/master_rows.py), its open region history row is closed on the
  batch's date in the reporting zone and a new one starts there. Facts keep the region they were stamped with, so the store's past
  figures stay under the old region. Region names the file gives rename stored regions.
- Undo puts renamed and moved stores (their assignment and region history with them) and renamed regions back,
  and removes the stores, regions and history rows the batch created; it is refused while other data refer to
  stores or regions the batch created.
"""

from __future__ import annotations

import pandas as pd

from portal import settings, writes
from portal.i18n import Both, listed, t
from portal.ingest import master_rows
from portal.ingest.core import CheckContext, CommitContext
from portal.ingest.kinds import Counts, Field, Kind, Table, choice_map
from portal.ingest.store_zones import store_zone

# a store list's 营业状态: a store under renovation (装修中), closed for a while (暂停营业) or not open yet (筹备中,
# 待开业) is still the chain's (a probe's list had 暂停营业 and 筹备中, each refused as unknown)
OPEN_CHOICES = choice_map(
    {
        "yes": ("是", "y", "true", "1", "active", "open", "营业中", "营业", "正常营业", "装修中", "装修",
                "暂停营业", "临时闭店", "临时关闭", "筹备中", "待开业", "即将开业", "试营业", "opening soon",
                "temporarily closed"),
        "no": ("否", "n", "false", "0", "inactive", "closed", "已闭店", "闭店", "已关店", "关店", "已关闭",
               "已撤店", "撤店", "已停业", "permanently closed"),
    }
)  # fmt: skip
FIELDS = (
    Field("store_code", "门店编码", "code", required=True, label_en="Store code", example="S001",
          aliases=("store", "store id", "store no", "shop code", "门店代码", "门店编号", "店铺编码")),
    Field("name", "门店名称", "text", required=True, label_en="Store name", example="Beijing Wangfujing",
          aliases=("store name", "shop name", "门店名", "店铺名称", "store name en", "english name"),
          marked_aliases=("store name (english)", "门店名称(英文)", "门店英文名称", "门店英文名", "英文店名", "英文名称")),
    Field("name_zh", "门店中文名称", "text", label_en="Store name in Chinese", example="北京王府井店",
          aliases=("store name zh", "chinese name", "门店中文名", "store name (chinese)", "门店名称(中文)",
                   "中文店名"),
          leftover_aliases=(("门店名称", "name"), ("店铺名称", "name"), ("门店名", "name"))),
    Field("region_code", "区域编码", "code", required=True, label_en="Region code", example="R1",
          aliases=("region", "region id", "区域", "区域代码", "区域编号")),
    Field("region_name_en", "区域英文名称", "text", label_en="Region name (English)", example="North",
          aliases=("region name", "region name en", "region name (english)", "区域名称(英文)", "区域英文名")),
    Field("region_name_zh", "区域中文名称", "text", label_en="Region name (Chinese)", example="北区",
          aliases=("region name zh", "区域名称", "region name (chinese)", "区域名称(中文)", "区域中文名")),
    Field("timezone", "时区", "text", label_en="Time zone (IANA)", example="Asia/Shanghai",
          aliases=("time zone", "tz")),
    # a store opening next month is listed ahead (a probe's store list was refused "in the future"): its region
    # history starts on that day, and rows dated before it count under that region (models/store_region_on.sql)
    Field("opened_on", "开业日期", "date", label_en="Opened on", example="2020-01-01", future_ok=True,
          aliases=("opening date", "opened", "开店日期")),
    # is_active (001_schema): a closed store (已闭店) is not active; blank keeps the stored flag, a new store's is yes
    Field("active", "营业状态", "choice", choices=OPEN_CHOICES, label_en="Open (yes/no)", example="yes",
          in_template=False, aliases=("is active", "store status", "门店状态", "是否营业")),
)  # fmt: skip
TEMPLATE_ROWS = (
    {"store_code": "S001", "name": "Beijing Wangfujing", "name_zh": "北京王府井店", "region_code": "R1",
     "region_name_en": "North", "region_name_zh": "北区", "timezone": "Asia/Shanghai", "opened_on": "2020-01-01"},
    {"store_code": "S002", "name": "Shanghai Nanjing Road", "name_zh": "上海南京路店", "region_code": "R2",
     "region_name_en": "East", "region_name_zh": "东区", "timezone": "", "opened_on": ""},
)  # fmt: skip
TABLES = (
    # history rows the batch wrote are deleted; a moved store's list (its old row reopened) is put back whole
    Table("store_region_history", batch_column="batch_id", snapshot=True, parent=("store_id", "stores")),
    Table("store_assignments", batch_column=None, snapshot=True, parent=("store_id", "stores")),
    Table("stores", key="store_id", batch_column=None, snapshot=True),
    Table("regions", key="region_id", batch_column=None, snapshot=True),
)
OWN_TABLES = ("store_region_history", "store_assignments", "stores", "regions")


def check_rows(ctx: CheckContext) -> None:
    v = ctx.values
    for name in ("name_zh", "region_name_en", "region_name_zh", "timezone", "opened_on", "active"):
        if name not in v.columns:
            v[name] = None
    # 101 for the stored 0101 (Excel dropped the zeros) is that store, not a second one
    master_rows.match_stored_codes(ctx, "store_code", "master_store_codes", "ingest.error.alike_store")
    # and R01 or r1 for the stored R1 is that region: not a second region the stores move to
    master_rows.match_stored_codes(ctx, "region_code", "master_region_codes", "master.error.ambiguous_region")
    master_rows.chinese_names_to_zh(ctx, "name", "name_zh")
    # UTC+8, GMT+08:00, 北京时间, Beijing are read as the IANA zone they stand for (store_zones); other text refused
    zone = v["timezone"].astype(object)
    read = zone.map(lambda z: z if pd.isna(z) else store_zone(str(z)))
    ctx.add_error(zone.notna() & read.isna(), "timezone", "master.error.timezone")
    v["timezone"] = read
    _zone_of_blanks(ctx)
    _notice_moves(ctx)
    master_rows.note_unread_columns(ctx)
    # last: of the valid rows only (an invalid row's region name is not committed)
    master_rows.note_renames(
        ctx,
        "region_code",
        ("region_name_en", "region_name_zh"),
        "regions",
        ("region_code", "name_en", "name_zh"),
        Both("Regions", "区域"),
    )


def _zone_of_blanks(ctx: CheckContext) -> None:
    """A store without a time zone takes the reporting zone: the setting, else the zone most active stores share.
    On a first store list (no setting, no active store) there is none, and the stores would be counted in UTC, every
    local day of a store in China eight hours off: the file's blank cells then take the zone most of its rows give
    (a notice says so), and a file giving none is refused in one message saying how to give one."""
    v = ctx.values
    blank = v["timezone"].isna() & v["store_code"].notna()
    if not blank.any() or settings.get(ctx.cur, "report_timezone") in settings.known_timezones():
        return
    if ctx.cur.execute("select count(*) from stores where is_active").fetchone()[0]:
        return
    given = v["timezone"].dropna()
    if given.empty:
        ctx.add_file_error("master.file.no_zone")
        return
    counts = given.astype(str).value_counts()
    zone = min(counts[counts == counts.max()].index)  # ties: the first by name, as settings.stores_timezone
    v.loc[blank, "timezone"] = zone
    ctx.add_notice("master.notice.zone_of_blanks", n=int(blank.sum()), zone=zone)


def _notice_moves(ctx: CheckContext) -> None:
    """Name each stored store the file gives another region ("S004 moves from East to North") before the commit:
    a move changes whose scope the store's new rows fall in, and the preview said nothing of it."""
    v = ctx.values
    rows = v[v["store_code"].notna() & v["region_code"].notna()]
    if rows.empty:
        return
    codes = sorted({str(c) for c in rows["store_code"]})
    regions = sorted({str(c) for c in rows["region_code"]})
    stored = writes.run(ctx.cur, "master_store_regions_now", {"codes": codes, "regions": regions}).df()
    now = {r.store_code: r for r in stored[stored["kind"] == "store"].itertuples()}
    named = {r.region_code: r for r in stored[stored["kind"] == "region"].itertuples()}
    moves: list[tuple[str, Both, Both]] = []
    for row in rows.drop_duplicates("store_code").itertuples():
        before = now.get(str(row.store_code))
        if before is None or before.region_code == str(row.region_code):
            continue
        given = named.get(str(row.region_code))
        to = Both(
            _text(row.region_name_en)
            or (given.name_en if given is not None else None)
            or str(row.region_code),
            _text(row.region_name_zh)
            or (given.name_zh if given is not None else None)
            or str(row.region_code),
        )
        moves.append((str(row.store_code), Both(before.name_en, before.name_zh), to))
    if moves:
        ctx.add_notice(
            "master.notice.moves",
            moves=Both(
                "; ".join(t("master.notice.move", "en", store=c, old=o, new=n) for c, o, n in moves),
                "；".join(t("master.notice.move", "zh", store=c, old=o, new=n) for c, o, n in moves),
            ),
        )


def _text(value) -> str | None:
    return None if value is None or pd.isna(value) or not str(value).strip() else str(value).strip()


def _frame(ctx: CommitContext) -> pd.DataFrame:
    texts = ("store_code", "name", "name_zh", "region_code", "region_name_en", "region_name_zh", "timezone")
    return master_rows.staged_frame(ctx.rows, texts, dates=("opened_on",), flags=("active",))


def commit_rows(cur, ctx: CommitContext) -> Counts:
    """Regions first (new ones created, renamed ones snapshotted), then the stores staged against the stored
    ones: changed ones snapshotted and updated, new ones inserted with their region history."""
    cur.register("master_store_rows", _frame(ctx))
    try:
        timezone = settings.report_timezone(cur)
        ctx.run("master_regions_stage")
        if cur.execute("select count(*) from master_region_stage").fetchone()[0]:
            ctx.snapshot("regions", "master_region_stage")
            ctx.run("master_regions_update")
        new_regions = [r[0] for r in cur.execute(
            "select distinct region_code from master_store_rows where region_code is not null "
            "and region_code not in (select region_code from regions) order by 1").fetchall()]  # fmt: skip
        ctx.run("master_regions_add")
        ctx.run("master_stores_stage", {"timezone": timezone})
        added, updated, unchanged = ctx.counts("master_store_stage")
        new_stores = [r[0] for r in cur.execute(
            "select store_code from master_store_stage where existing_id is null order by row_no").fetchall()]  # fmt: skip
        if (
            updated or unchanged
        ):  # held unchanged too: an undo of the batch that wrote them waits for this one
            ctx.snapshot("stores", "master_store_stage")
        if updated:
            ctx.run("master_stores_update")
            ctx.run("master_store_assignments_set")
            ctx.run("master_store_history_close", {"timezone": timezone})
            ctx.run("master_store_history_changed", {"timezone": timezone})
        if added:
            ctx.run("master_stores_insert")
            ctx.run("master_store_history_new", {"timezone": timezone})
        cur.execute("drop table if exists master_store_stage")
        cur.execute("drop table if exists master_region_stage")
    finally:
        cur.unregister("master_store_rows")
    master = {k: v for k, v in (("region_code", new_regions), ("store_code", new_stores)) if v}
    return Counts(added, updated, unchanged, master)


def refuse_undo_of_used(cur, batch_id: int) -> None:
    refuse_undo_of_stamped_moves(cur, batch_id)
    master_rows.refuse_undo_of_used(cur, batch_id, "stores", "store_id", "store_code", OWN_TABLES)
    # and its new regions: a manager given one (users.scope_region_id), another batch's stores in one (review:
    # the undo went through and the region stayed behind, tagged with an undone batch)
    master_rows.refuse_undo_of_used(
        cur,
        batch_id,
        "regions",
        "region_id",
        "region_code",
        OWN_TABLES,
        kept=(("stores", "store_id", "created_batch_id"), ("store_assignments", "store_id", "batch_id")),
    )


def refuse_undo_of_stamped_moves(cur, batch_id: int) -> None:
    """Refuse to undo a move while later batches stamped rows of the moved store with its new region: the undo put
    the store back but those rows stayed under the new region (the old region's manager lost them, the new one
    kept them), though the undo said the data was as before."""
    from portal.ingest.batches import UndoRefused  # batches loads the kinds (registry): not at the top

    stamped = writes.run(cur, "master_store_moves_stamped", {"batch_id": batch_id}).fetchall()
    if stamped:
        raise UndoRefused(
            "master.undo.moved_stamped",
            "Rows imported since (batches {batches}) count the stores this batch moved ({stores}) under their new "
            "region; undo those imports first.",
            stores=listed(list(dict.fromkeys(r[0] for r in stamped))),
            batches=listed(sorted({int(r[1]) for r in stamped})),
        )


KIND = Kind(
    name="stores",
    title_key="ingest.kind.stores",
    fields=FIELDS,
    key_fields=("store_code",),
    upload_roles=frozenset({"admin"}),
    check=check_rows,
    commit=commit_rows,
    tables=TABLES,
    template_rows=TEMPLATE_ROWS,
    before_undo=refuse_undo_of_used,
    zero_padded_codes=True,
)
