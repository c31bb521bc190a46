"""Strings of the master-data uploads (stores and regions: portal/ingest/master_stores.py; agents and teams:
portal/ingest/master_agents.py)."""

STRINGS = {
    "ingest.kind.stores": ("Stores and regions", "门店与区域"),
    "master.error.timezone": (
        "Not a time zone, or one that names several: use an IANA name such as Asia/Shanghai, a whole-hour offset "
        "such as UTC+8, or a name of one zone such as 北京时间 / Beijing (CST is China's and the US Central's).",
        "不是有效的时区，或可指多个时区：请使用 IANA 名称(例如 Asia/Shanghai)、整点时差(例如 UTC+8)或只指一个时区的名称"
        "(例如 北京时间 / Beijing；CST 既指中国也指美国中部)。",
    ),
    "master.file.no_zone": (
        "No store in the file has a time zone, and the portal knows none yet (no reporting time zone is set and no "
        "store is stored): the stores' days and opening hours would be counted in UTC. Add a time zone column "
        "(Asia/Shanghai, UTC+8 or 北京时间), or set the reporting time zone first (Settings, or python -m portal "
        "settings set-zone Asia/Shanghai), then upload the file again. Nothing was written.",
        "文件中没有任何门店写明时区，门户也尚无时区(未设置报表时区，也没有已有门店)：门店的日期和营业时间将按 UTC 计算。"
        "请添加时区列(Asia/Shanghai、UTC+8 或 北京时间)，或先设置报表时区(设置页面，或 python -m portal settings "
        "set-zone Asia/Shanghai)，然后重新上传该文件。未写入任何数据。",
    ),
    "master.notice.zone_of_blanks": (
        "{n:,} {n:plural:store has|stores have} no time zone in the file and no reporting time zone is set yet: "
        "{n:plural:it takes|they take} {zone}, the zone most stores of the file give.",
        "文件中有 {n:,} 家门店未写时区，且尚未设置报表时区：这些门店采用 {zone}(文件中多数门店所写的时区)。",
    ),
    "master.notice.chinese_names": (
        "{column} holds Chinese names on {n:,} {n:plural:row|rows}: read as the Chinese name. A stored row keeps its "
        "English name; a new one is named in Chinese until a file gives its English name.",
        "{column}在 {n:,} 行中为中文名称：按中文名称读取。已有记录保留其英文名称；新记录在文件给出英文名称之前以中文名称显示。",
    ),
    "ingest.kind.agents": ("Agents and teams", "客服专员与班组"),
    "master.error.ambiguous_team": (
        "Several stored teams are written like this code but for leading zeros or letter case ({detail}); give "
        "the one meant exactly as stored.",
        "有多个已有班组的编码与此编码仅相差前导零或大小写({detail})；请按已有编码准确填写所指的班组。",
    ),
    "master.error.ambiguous_region": (
        "Several stored regions are written like this code but for leading zeros or letter case ({detail}); give "
        "the one meant exactly as stored.",
        "有多个已有区域的编码与此编码仅相差前导零或大小写({detail})；请按已有编码准确填写所指的区域。",
    ),
    "master.error.employed_but_left": (
        "{column} says the agent is employed, but the leave date is on or before the import day ({today}): "
        "correct one of the two columns.",
        "{column}为在职，但离职日期不晚于导入当日({today})：请更正这两列之一。",
    ),
    "master.notice.left_before_hired": (
        "{column}: {n:,} {n:plural:agent's leave date is|agents' leave dates are} before the hire date, the end of "
        "an earlier employment (rehired): not applied, the status stands: {codes}.",
        "{column}：{n:,} 名客服专员的离职日期早于入职日期，属于此前的任职(再次入职)：不据此设为离职，在职状态不变：{codes}。",
    ),
    "master.notice.left_inactive": (
        "{column}: {n:,} {n:plural:agent whose leave date is|agents whose leave dates are} on or before the import "
        "day ({day}) {n:plural:is|are} set inactive: {codes}.",
        "{column}：{n:,} 名客服专员的离职日期不晚于导入当日({day})，设为离职(非在职)：{codes}。",
    ),
    "master.notice.renames": (
        "{what}: the file gives {n:,} stored {n:plural:one|ones} another name: {renames}. Committing renames "
        "{n:plural:it|them} wherever {n:plural:it is|they are} shown (every agent of a team, every store of a "
        "region); undoing the import names {n:plural:it|them} as before.",
        "{what}：文件为 {n:,} 个已保存的项给出了新名称：{renames}。提交后将在所有显示处改名(班组的所有客服专员、区域的所有门店)；"
        "撤销本次导入可恢复原名称。",
    ),
    "master.notice.move": ("{store} moves from {old} to {new}", "{store} 从{old}调整到{new}"),
    "master.notice.moves": (
        "{moves}. A moved store's rows dated from today on count under its new region; its rows dated before stay "
        "under the old one, also those imported later.",
        "{moves}。调整区域的门店自今日起的数据计入新区域；此前日期的数据仍计入原区域，之后导入的也是如此。",
    ),
    "master.undo.moved_stamped": (
        "Rows imported since (batches {batches}) count the stores this batch moved ({stores}) under their new "
        "region; undo those imports first.",
        "之后导入的数据(批次 {batches})已将本批次调整区域的门店({stores})计入新区域，请先撤销那些导入。",
    ),
    "master.undo.in_use": (
        "Other data already refer to rows this batch added ({codes}); undo those imports first.",
        "已有其他数据引用本批次新增的记录({codes})，请先撤销那些导入。",
    ),
}
