"""Strings of the master-data uploads (stores and regions: portal/ingest/master_stores.py; agents and teams:
portal/ingest/master_agents.py)."""

STRINGS = {
    "ingest.kind.stores": ("Stores and regions", "门店与区域"),
    "master.error.timezone": (
        "Not a time zone: use an IANA name such as Asia/Shanghai.",
        "不是有效的时区：请使用 IANA 名称，例如 Asia/Shanghai。",
    ),
    "master.error.region_fixed": (
        "A store's region can only be given when the store is created, and other data already refer to this "
        "store: its region stays {detail}.",
        "门店的区域只能在新建门店时指定，且已有其他数据引用该门店：其区域仍为 {detail}。",
    ),
    "master.error.region_fixed_none": (
        "This store has no region, and other data already refer to it: a store's region can only be given when the "
        "store is created (upload the stores file before other imports).",
        "该门店没有区域，且已有其他数据引用它：门店的区域只能在新建门店时指定(请在其他导入之前上传门店文件)。",
    ),
    "master.error.team_fixed_none": (
        "This agent has no team, and other data already refer to it: an agent's team can only be given when the "
        "agent is created (upload the agents file before other imports).",
        "该客服专员没有班组，且已有其他数据引用它：客服专员的班组只能在新建时指定(请在其他导入之前上传客服专员文件)。",
    ),
    "master.error.home_store_fixed_none": (
        "This agent has no home store, and other data already refer to it: an agent's home store can only be given "
        "when the agent is created (upload the agents file before other imports).",
        "该客服专员没有常驻门店，且已有其他数据引用它：常驻门店只能在新建时指定(请在其他导入之前上传客服专员文件)。",
    ),
    "ingest.kind.agents": ("Agents and teams", "客服专员与班组"),
    "master.error.team_fixed": (
        "An agent's team can only be given when the agent is created, and other data already refer to this "
        "agent: its team stays {detail}.",
        "客服专员的班组只能在新建客服专员时指定，且已有其他数据引用该客服专员：其班组仍为 {detail}。",
    ),
    "master.error.home_store_fixed": (
        "An agent's home store can only be given when the agent is created, and other data already refer to "
        "this agent: its home store stays {detail}.",
        "客服专员的常驻门店只能在新建客服专员时指定，且已有其他数据引用该客服专员：其常驻门店仍为 {detail}。",
    ),
    "master.undo.in_use": (
        "Other data already refer to rows this batch added ({codes}); undo those imports first.",
        "已有其他数据引用本批次新增的记录({codes})，请先撤销那些导入。",
    ),
}
