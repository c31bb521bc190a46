"""Strings of the master-data uploads (stores and regions: portal/ingest/master_stores.py; agents and teams:
portal/ingest/master_agents.py)."""

STRINGS = {
    "ingest.kind.stores": ("Stores and regions", "门店与区域"),
    "master.error.timezone": (
        "Not a time zone: use an IANA name such as Asia/Shanghai.",
        "不是有效的时区：请使用 IANA 名称，例如 Asia/Shanghai。",
    ),
    "ingest.kind.agents": ("Agents and teams", "客服专员与班组"),
    "master.undo.in_use": (
        "Other data already refer to rows this batch added ({codes}); undo those imports first.",
        "已有其他数据引用本批次新增的记录({codes})，请先撤销那些导入。",
    ),
}
