"""Words of the stores' opening hours (portal/store_hours.py; the Settings page and the command line)."""

STRINGS = {
    "hours.day.1": ("Mon", "周一"),
    "hours.day.2": ("Tue", "周二"),
    "hours.day.3": ("Wed", "周三"),
    "hours.day.4": ("Thu", "周四"),
    "hours.day.5": ("Fri", "周五"),
    "hours.day.6": ("Sat", "周六"),
    "hours.day.7": ("Sun", "周日"),
    "hours.none": ("no opening hours (calendar hours)", "未设营业时间(按自然时间计)"),
    "hours.err.time": (
        "{value!r} is not a time of day: write it as HH:MM, e.g. 09:00 or 21:30.",
        "{value!r} 不是时刻：请写成如 09:00 或 21:30 的形式。",
    ),
    "hours.err.day": (
        "{value!r} is not a weekday: use mon … sun (or 周一 … 周日), a range such as mon-fri, or a list.",
        "{value!r} 不是星期几：请用 周一 … 周日(或 mon … sun)、范围如 周一-周五，或用顿号分隔。",
    ),
    "hours.err.clause": (
        "{value!r}: give days and hours, e.g. 'mon-fri 09:00-21:00', or days and 'closed'.",
        "{value!r}：请写星期和时间，例如“周一-周五 09:00-21:00”，或星期和“休息”。",
    ),
    "hours.err.same": (
        "{value}: opening and closing at the same time; give different times, or mark the day closed.",
        "{value}：开门与关门时间相同；请填写不同时间，或将该日设为休息。",
    ),
    "hours.err.overnight": (
        "{value}: closing after midnight is not counted (hours past midnight are not modelled); close at 24:00 "
        "and give the next day its own hours from 00:00.",
        "{value}：不支持跨午夜营业(午夜之后的时间不计)；请将关门时间设为 24:00，并为次日另设从 00:00 开始的营业时间。",
    ),
    "hours.err.all_closed": (
        "No day is open: a store needs at least one open day (a store without hours keeps calendar hours).",
        "没有营业日：门店至少需要一天营业(未设营业时间的门店按自然时间计算)。",
    ),
    "hours.err.twice": ("{day} is given twice ({value!r}).", "{day} 重复出现({value!r})。"),
    "hours.err.empty": ("No hours given.", "未填写营业时间。"),
    "hours.err.missing": (
        "{day} is open but an opening or closing time is empty.",
        "{day} 设为营业，但开门或关门时间为空。",
    ),
    "settings.hours.title": ("Store opening hours", "门店营业时间"),
    "settings.hours.caption": (
        "The hours the Business hours switch counts durations in (first response, resolution, the {hours} h "
        "commitment), in each store's local time. A day not ticked is closed. Closing at 00:00 means midnight, "
        "the end of the day (00:00 to 00:00: all day); hours past midnight are not counted, so a closing time "
        "before the opening one is refused. A store without hours keeps calendar hours.",
        "“营业时间”开关按这些时间计算时长(首次响应、解决、{hours} 小时承诺)，以各门店当地时间为准。未勾选的日期为休息日。"
        "关门时间 00:00 表示午夜，即当天结束(00:00 至 00:00 为全天营业)；午夜之后的时间不计，"
        "因此关门时间早于开门时间将被拒绝。未设营业时间的门店按自然时间计算。",
    ),
    "settings.hours.stores": (
        "Stores to set (the same week for each)",
        "要设置的门店(每家门店设为相同的一周)",
    ),
    "settings.hours.col.day": ("Day", "星期"),
    "settings.hours.col.open": ("Open", "营业"),
    "settings.hours.col.opens": ("Opens", "开门"),
    "settings.hours.col.closes": ("Closes", "关门"),
    "settings.hours.col.hours": ("Opening hours", "营业时间"),
    "settings.hours.save": ("Save the opening hours", "保存营业时间"),
    "settings.hours.saved": (
        "Opening hours of {n} {n:plural:store|stores} saved: {hours}.",
        "已保存 {n} 家门店的营业时间：{hours}。",
    ),
    "settings.hours.pick": ("Choose at least one store.", "请至少选择一家门店。"),
    "settings.hours.differ": (
        "The chosen stores have different hours; the table starts from {store}'s. Saving gives every chosen "
        "store the week below.",
        "所选门店的营业时间不同；下表以 {store} 的时间为起点。保存后所有所选门店都将使用下表的一周。",
    ),
}
