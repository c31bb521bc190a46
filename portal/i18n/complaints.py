"""Complaints dashboard and ``kpi complaints``; also the sidebar's complaint filters (filters.*)."""

STRINGS = {
    "page.complaints": ("Complaints", "投诉"),
    # extra filters of ui.filter_sidebar
    "filters.channels": ("Channel", "渠道"),
    "filters.categories": ("Category", "类别"),
    "filters.severities": ("Severity", "严重程度"),
    "filters.business_hours": ("Business hours (stores' opening hours)", "按营业时间计算(门店营业时间)"),
    # values (GLOSSARY)
    "complaints.channel.hotline": ("Hotline", "热线电话"),
    "complaints.channel.online": ("Online", "在线/网络"),
    "complaints.channel.in_store": ("In-store", "门店"),
    "complaints.channel.social_media": ("Social media", "社交媒体"),
    "complaints.channel.email": ("E-mail", "电子邮件"),
    "complaints.channel.app": ("App", "应用/小程序"),
    "complaints.channel.other": ("Other", "其他"),
    "complaints.category.product_quality": ("Product quality", "产品质量"),
    "complaints.category.service_attitude": ("Service attitude", "服务态度"),
    "complaints.category.delivery": ("Delivery", "配送"),
    "complaints.category.price": ("Price", "价格"),
    "complaints.category.returns_after_sales": ("Returns / after-sales", "退换货/售后"),
    "complaints.category.store_environment": ("Store environment", "门店环境"),
    "complaints.category.other": ("Other", "其他"),
    "complaints.severity.high": ("High", "高"),
    "complaints.severity.normal": ("Normal", "中"),
    "complaints.severity.low": ("Low", "低"),
    "complaints.age.lt_1d": ("< 1 day", "< 1天"),
    "complaints.age.d1_3": ("1-3 days", "1-3天"),
    "complaints.age.d3_7": ("3-7 days", "3-7天"),
    "complaints.age.gt_7d": ("> 7 days", "> 7天"),
    "complaints.state.open": ("Open", "待处理"),
    "complaints.state.responded": ("Responded", "已响应"),
    "complaints.state.resolved": ("Resolved", "已解决"),
    "complaints.state.closed": ("Closed", "已关闭"),
    "complaints.state.reopened": ("Reopened", "已重开"),
    "complaints.state.cancelled": ("Cancelled", "已取消"),
    "complaints.no_store": ("No store (online)", "无门店(线上)"),
    # detail panel of one complaint (?complaint=<source id>: a row picked in the complaint list, or a link from a
    # survey comment)
    "complaints.detail.title": ("Complaint {id}", "投诉 {id}"),
    "complaints.detail.not_found": (
        "The complaint in the link was not found, or it belongs to a store outside your scope (not permitted).",
        "未找到链接中的投诉，或该投诉属于您权限范围外的门店(无权访问)。",
    ),
    "complaints.detail.close": ("Close", "关闭"),
    "complaints.detail.history": ("Status history", "状态变更记录"),
    "complaints.detail.no_history": ("No status change recorded.", "没有状态变更记录。"),
    "complaints.detail.col.field": ("Field", "项目"),
    "complaints.detail.col.value": ("Value", "内容"),
    "complaints.detail.col.changed_at": ("Changed at ({zone})", "变更时间({zone})"),
    "complaints.detail.col.status": ("Status", "状态"),
    "complaints.detail.date_only": ("{date} (date only)", "{date}(仅日期)"),
    "complaints.detail.source_id": ("Complaint id", "投诉编号"),
    "complaints.detail.source": ("Source system", "来源系统"),
    "complaints.detail.received": ("Received ({zone})", "接收时间({zone})"),
    "complaints.detail.channel": ("Channel", "渠道"),
    "complaints.detail.category": ("Category", "类别"),
    "complaints.detail.severity": ("Severity", "严重程度"),
    "complaints.detail.store": ("Store", "门店"),
    "complaints.detail.status": ("Status", "状态"),
    "complaints.detail.first_response": ("First response ({zone})", "首次响应时间({zone})"),
    "complaints.detail.resolved": ("Resolved ({zone})", "解决时间({zone})"),
    "complaints.detail.closed": ("Closed ({zone})", "关闭时间({zone})"),
    "complaints.detail.reopen_count": ("Reopen count", "重开次数"),
    "complaints.detail.csat": ("Post-resolution satisfaction (1-5)", "解决后满意度(1-5)"),
    "complaints.unassigned": ("Unassigned", "未分配"),
    "complaints.detail.time_left_out": (
        "answered; the time was left out at import (unreadable, in the future or before the received time)",
        "已响应；导入时该时间不可用(无法识别、晚于当前或早于受理时间)",
    ),
    "complaints.detail.resolution_left_out": (
        "resolved; the time was left out at import (unreadable, in the future or before the received time)",
        "已解决；导入时该时间不可用(无法识别、晚于当前或早于受理时间)",
    ),
    "complaints.chart.no_backlog": ("No open complaints", "没有未结投诉"),
    # page
    "complaints.caption": (
        "Complaints received from {start} to {end} ({tz}); backlog as of {as_of}; the {hours}-hour response "
        "commitment judged as of {sla_as_of} (the figures are taken at the full hour, and anew after every "
        "import). Change against the previous period ({prev_start} to {prev_end}).",
        "统计 {start} 至 {end}({tz})收到的投诉；积压/未结投诉截至 {as_of}；{hours}小时响应截至 {sla_as_of} 判定"
        "(数据按整点计算，每次导入后重新计算)。变化为与上一周期({prev_start} 至 {prev_end})相比。",
    ),
    "complaints.definitions": (
        "How the figures are counted: first response time and resolution time in hours (median and 90th "
        "percentile); response SLA attainment = answered within {sla:g} h / complaints whose {sla:g} h have "
        "elapsed (still unanswered after {sla:g} h is a breach; inside {sla:g} h counts in neither part); "
        "resolution time, reopen rate and recovery rate count complaints resolved in the period; cancelled "
        "complaints count in volume only. A stamp recorded as a date only counts on its own date for volume "
        "and backlog; a duration resting on one is counted in whole days: a figure whose durations are mostly "
        "such is shown in whole days, otherwise they are left out of the hour figures ({fr_date_only:,} first "
        "responses and {res_date_only:,} resolutions here). The response SLA judges an answer recorded as a date "
        "where the dates decide it (within {sla:g} h even at the end of that day: met; beyond {sla:g} h even at "
        "its start: a breach; for 24 h, the same day and two days or more after) and leaves the rest out "
        "({sla_undecided:,} here). A complaint received on a date only and still unanswered is a breach once "
        "{sla:g} h have passed since the end of that day. A complaint whose first-response time was left out "
        "at import (unreadable, in the future or earlier than the received time) counts as answered and in "
        'neither part of the SLA attainment. A figure the data cannot support says "no data" and why.',
        "统计口径：首次响应时长和解决时长以小时计(中位数和90分位)；响应达标率 = {sla:g}小时内首次响应的投诉 / "
        "已满{sla:g}小时的投诉(超过{sla:g}小时仍未响应计为超时；未满{sla:g}小时的不计入分子和分母)；"
        "解决时长、重开率和挽回率统计本周期内解决的投诉；已取消的投诉只计入投诉量。只有日期没有时间的记录按其日期计入"
        "投诉量和积压；基于这类记录的时长按整天计算：一个指标的时长大多如此时，该指标以整天显示，否则不计入按小时计算的"
        "指标(本页有 {fr_date_only:,} 条首次响应和 {res_date_only:,} 条解决记录)。只记录日期的首次响应，能由日期判断时"
        "计入响应达标率(到当天结束仍在{sla:g}小时内为达标；从当天开始已超过{sla:g}小时为超时；24小时即当天响应和两天或"
        "更晚响应)，其余不计入(本页 {sla_undecided:,} 条)。只记录受理日期且仍未响应的投诉，自该日结束起满{sla:g}小时"
        "计为超时。导入时首次响应时间不可用"
        "(无法识别、晚于当前或早于受理时间)的投诉计为已响应，不计入响应达标率的分子和分母。数据不足以支持的指标显示"
        "“无数据”及原因。",
    ),
    "complaints.business_hours_note": (
        "Business hours: durations count only the stores' opening hours. {calendar:,} of {total:,} complaints "
        "(no store, or a store without opening hours) are counted in calendar hours.",
        "按营业时间计算：时长只计门店营业时间。{total:,} 条投诉中有 {calendar:,} 条(无门店或门店未设营业时间)"
        "按自然小时计算。",
    ),
    "complaints.empty": (
        "No complaints for these filters: none received or resolved in the period and none open. Widen the "
        "date range, clear the channel, category or severity filters, or upload a complaint export.",
        "当前筛选条件下没有投诉：本周期内没有收到或解决的投诉，也没有未结投诉。请扩大日期范围、清除渠道/类别/"
        "严重程度筛选，或上传投诉导出文件。",
    ),
    "complaints.tile.volume": ("Complaints", "投诉量"),
    "complaints.tile.first_response_median": ("First response time, median", "首次响应时长(中位数)"),
    "complaints.tile.first_response_p90": ("First response time, 90th percentile", "首次响应时长(90分位)"),
    "complaints.tile.sla_attainment": ("Response SLA attainment", "响应达标率"),
    "complaints.tile.resolution_median": ("Resolution time, median", "解决时长(中位数)"),
    "complaints.tile.resolution_p90": ("Resolution time, 90th percentile", "解决时长(90分位)"),
    "complaints.tile.backlog": ("Backlog (open complaints)", "积压/未结投诉"),
    "complaints.tile.reopen_rate": ("Reopen rate", "重开率"),
    "complaints.tile.recovery_rate": ("Recovery rate", "挽回率"),
    # issue 9: durations in whole days where their stamps are date-only; shares answered within days
    "complaints.tile.first_response_median_days": (
        "First response, median (each duration in whole days: date-only stamps)",
        "首次响应时长(中位数，各时长按整天计：仅有日期)",
    ),
    "complaints.tile.first_response_p90_days": (
        "First response, 90th percentile (each duration in whole days: date-only stamps)",
        "首次响应时长(90分位，各时长按整天计：仅有日期)",
    ),
    "complaints.tile.resolution_median_days": (
        "Resolution time, median (each duration in whole days: date-only stamps)",
        "解决时长(中位数，各时长按整天计：仅有日期)",
    ),
    "complaints.tile.resolution_p90_days": (
        "Resolution time, 90th percentile (each duration in whole days: date-only stamps)",
        "解决时长(90分位，各时长按整天计：仅有日期)",
    ),
    "complaints.tile.answered_same_day": ("Answered the same day", "当天首次响应占比"),
    "complaints.tile.answered_within_1d": ("Answered within 1 day", "1天内首次响应占比"),
    "complaints.tile.answered_within_7d": ("Answered within 7 days", "7天内首次响应占比"),
    # why a complaint figure has no data (Figure.no_data_reason; portal/complaints/partial.py)
    "complaints.no_data.first_response": (
        "no complaint of this period has a first response time (the export has none, or the column is empty)",
        "本周期的投诉都没有首次响应时间(导出文件没有该列，或该列为空)",
    ),
    "complaints.no_data.not_answered": (
        "not answered yet: the file records first responses, but no complaint of this period has one yet "
        "(n = 0 answered)",
        "尚未响应：导出文件记录首次响应时间，但本周期的投诉都还没有首次响应(已响应 n = 0)",
    ),
    "complaints.no_data.sla_date_only": (
        "the first responses whose window has run out are recorded as dates only, and their dates cannot tell "
        "whether they came within it (an answer the day after the complaint came may be either)",
        "已满时限的首次响应只记录了日期，仅凭日期无法判断是否在时限内响应(投诉次日的响应可能达标也可能超时)",
    ),
    "complaints.no_data.reopen": (
        "the data does not say whether complaints were reopened (no reopen count, and no readable status seen "
        "before the complaints were resolved)",
        "数据中没有重开信息(没有重开次数，也没有在投诉解决之前读到的可识别状态)",
    ),
    "complaints.no_data.status": (
        "the statuses of these complaints could not be read and no resolution or close times say whether "
        "they are open",
        "这些投诉的状态无法识别，也没有解决或关闭时间可判断是否未结",
    ),
    "complaints.no_data.resolution": (
        "the data holds no resolution times for this period's complaints (the export has no status, resolution or "
        "close time, or the column is empty)",
        "数据中没有本周期投诉的解决时间(导出文件没有状态、解决时间或关闭时间列，或该列为空)",
    ),
    "complaints.no_data.not_resolved": (
        "no complaint was resolved in this period (n = 0 resolved)",
        "本周期没有已解决的投诉(已解决 n = 0)",
    ),
    "complaints.no_data.recovery": (
        "no complaint resolved in this period has a post-resolution satisfaction answer (the export has none, or "
        "the column is empty)",
        "本周期已解决的投诉都没有解决后满意度评价(导出文件没有该列，或该列为空)",
    ),
    "complaints.tile.caption": ("n = {n:,} · {target}", "n = {n:,} · {target}"),
    "complaints.tile.change_help": ("Change against the previous period.", "与上一周期相比的变化。"),
    "complaints.tile.vs_previous": ("vs previous period", "较上一周期"),
    "complaints.target.by_severity": ("target by severity: {targets} h", "按严重程度的目标：{targets} 小时"),
    "complaints.target.sla_window": ("{hours:g}-hour response commitment", "{hours:g}小时响应"),
    "complaints.target.none": ("no target", "无目标"),
    "complaints.within_target": ("{pct} resolved within the severity target", "{pct} 在严重程度目标内解决"),
    "complaints.sla_undecided": (
        "{n:,} more answered on a date only that the dates cannot judge (e.g. the day after): not in n",
        "另有 {n:,} 件仅记录日期、无法判断是否达标的响应(如次日响应)：不计入 n",
    ),
    "complaints.reopen_unknown": (
        "{n:,} more resolved that the portal first saw resolved, with no reopen count: whether they were reopened "
        "is not known, not in n",
        "另有 {n:,} 件已解决投诉在门户首次读到时已解决且没有重开次数：无法确定是否重开过，不计入 n",
    ),
    "complaints.unanswered": (
        "{n:,} not answered yet: not in the response times",
        "{n:,} 件尚未响应：不计入响应时长",
    ),
    # sections and charts
    "complaints.section.trends": ("Weekly trends with control limits", "每周趋势与控制限"),
    "complaints.section.hot_spots": ("Hot spots (Pareto)", "热点问题(帕累托)"),
    "complaints.section.backlog": ("Backlog by age", "积压/未结投诉账龄"),
    "complaints.hot_spots.tab.categories": ("By category", "按类别"),
    "complaints.hot_spots.tab.channels": ("By channel", "按渠道"),
    "complaints.hot_spots.tab.category_store": ("By category and store", "按类别与门店"),
    "complaints.section.channels": ("Channel mix", "渠道构成"),
    "complaints.section.stores": ("Stores", "门店"),
    "complaints.section.agents": ("Agents", "客服专员"),
    "complaints.trend.complaints_per_day": ("Complaints per day (weekly average)", "日均投诉量(按周)"),
    "complaints.trend.first_response_median_hours": (
        "First response time, weekly median",
        "首次响应时长(每周中位数)",
    ),
    "complaints.trend.sla_attainment_pct": ("Response SLA attainment", "响应达标率"),
    "complaints.trend.resolution_median_hours": ("Resolution time, weekly median", "解决时长(每周中位数)"),
    "complaints.trend.reopen_rate_pct": ("Reopen rate", "重开率"),
    "complaints.trend.recovery_rate_pct": ("Recovery rate", "挽回率"),
    "complaints.chart.sla_undecided": (
        "{n} more answered on a date only, not judged",
        "另有 {n} 件仅记录日期、无法判断的响应",
    ),
    "complaints.trend.sla_undecided": (
        "{n:,} answers on a date only that the dates cannot judge (e.g. the day after) are not in the weeks' n "
        "(each week's count is in its hover).",
        "另有 {n:,} 件仅记录日期、无法判断是否达标的响应(如次日响应)不计入各周的 n(各周数量见悬停提示)。",
    ),
    "complaints.trend.note": (
        "Rates use p-chart limits (3 sigma, by each week's n), medians and volume individuals (XmR) limits; "
        "red points lie outside the control limits: {flagged}. The week in progress (grey diamond) and a week "
        "only partly inside the period (grey square) are left out of the limits and not judged.",
        "比率使用p控制图控制限(3σ，按每周样本量)，中位数与投诉量使用单值-移动极差(XmR)控制图；"
        "红点为超出控制限的周：{flagged}。进行中的一周(灰色菱形)与只有部分天数在所选期间内的周(灰色方块)"
        "不计入控制限，也不作判定。",
    ),
    "complaints.chart.partial_week": ("Partial week", "不完整周"),
    "complaints.chart.finished_days": (
        "in progress: over its {days} finished days (today not counted)",
        "进行中：按本周已结束的{days}天计算(不含今天)",
    ),
    "complaints.chart.partial_week_days": (
        "{days} of its 7 days in the period",
        "7天中{days}天在所选期间内",
    ),
    "complaints.trend.flagged_none": ("none", "无"),
    "complaints.chart.week": ("Week (ISO, starting Monday)", "周(ISO周，周一开始)"),
    "complaints.chart.value": ("Value", "数值"),
    "complaints.chart.center": ("Centre line", "中心线"),
    "complaints.chart.upper": ("Upper control limit", "控制上限"),
    "complaints.chart.lower": ("Lower control limit", "控制下限"),
    "complaints.chart.flagged": ("Outside control limits", "超出控制限"),
    "complaints.chart.hours": ("Hours", "小时"),
    "complaints.chart.pct": ("Percent", "百分比"),
    "complaints.chart.per_day": ("Complaints per day", "日均投诉量"),
    "complaints.chart.complaints": ("Complaints", "投诉量"),
    "complaints.chart.cumulative_pct": ("Cumulative share (%)", "累计占比(%)"),
    "complaints.chart.pareto": ("Complaints by category (Pareto)", "各类别投诉(帕累托)"),
    "complaints.chart.pareto_source": (
        "Complaints by the source's own category (Pareto)",
        "按来源系统原类别统计的投诉(帕累托)",
    ),
    "complaints.pareto.none_given": ("(no category given)", "(未提供类别)"),
    "complaints.pareto.view": ("Categories", "类别"),
    "complaints.pareto.view.groups": ("Standard groups", "标准分类"),
    "complaints.pareto.view.source": ("The source's categories", "来源系统原类别"),
    "complaints.pareto.source_note": (
        "{n:,} categories as the source names them; the first {shown:,} are drawn. Each belongs to a standard "
        "group (value map, then whole-word keywords, else other); the list with counts: kpi complaints --json.",
        "共 {n:,} 个来源系统原类别，图中显示前 {shown:,} 个。每个类别归入一个标准分类(先按取值对照表，再按完整词关键字，"
        "否则为“其他”)；带计数的完整列表：kpi complaints --json。",
    ),
    "complaints.chart.heat_map": ("Complaints by category and store", "各类别、各门店投诉量"),
    "complaints.chart.backlog": (
        "Open complaints by age and severity (as of {as_of})",
        "未结投诉账龄与严重程度(截至 {as_of})",
    ),
    "complaints.chart.channels": ("Complaints by channel", "各渠道投诉量"),
    "complaints.chart.age": ("Age since received", "自收到起的时长"),
    "complaints.chart.severity": ("Severity", "严重程度"),
    "complaints.chart.category": ("Category", "类别"),
    "complaints.chart.store": ("Store", "门店"),
    "complaints.chart.channel": ("Channel", "渠道"),
    "complaints.chart.share": ("share {share:.1f}%", "占比 {share:.1f}%"),
    # tables
    "complaints.col.store_code": ("Store code", "门店编码"),
    "complaints.col.store_name": ("Store", "门店"),
    "complaints.col.agent_code": ("Agent code", "客服专员编码"),
    "complaints.col.agent_name": ("Agent", "客服专员"),
    "complaints.col.team_code": ("Team", "班组"),
    "complaints.col.complaint_count": ("Complaints", "投诉量"),
    "complaints.col.first_response_n": ("n (first response)", "n(首次响应)"),
    "complaints.col.first_response_median_hours": ("First response, median (h)", "首次响应时长中位数(小时)"),
    "complaints.col.first_response_p90_hours": ("First response, 90th pct. (h)", "首次响应时长90分位(小时)"),
    "complaints.col.sla_elapsed_count": ("n (SLA)", "n(响应达标)"),
    "complaints.col.sla_attainment_pct": ("Response SLA attainment (%)", "响应达标率(%)"),
    "complaints.col.sla_undecided_count": (
        "Answered on a date, not judged (not in n (SLA))",
        "仅记录日期、无法判断的响应(不计入 n(响应达标))",
    ),
    "complaints.col.resolution_n": ("n (resolution)", "n(解决)"),
    "complaints.col.resolution_median_hours": ("Resolution, median (h)", "解决时长中位数(小时)"),
    "complaints.col.resolution_p90_hours": ("Resolution, 90th pct. (h)", "解决时长90分位(小时)"),
    "complaints.col.backlog_count": ("Backlog", "积压/未结投诉"),
    "complaints.col.reopen_base_count": ("n (reopen)", "n(重开)"),
    "complaints.col.reopen_rate_pct": ("Reopen rate (%)", "重开率(%)"),
    "complaints.col.recovery_n": ("n (recovery)", "n(挽回)"),
    "complaints.col.recovery_rate_pct": ("Recovery rate (%)", "挽回率(%)"),
    # kpi complaints
    "complaints.cli.period": (
        "Complaints {start} to {end} ({tz} days; backlog as of {as_of} {tz})",
        "投诉 {start} 至 {end}({tz} 日界；积压截至 {as_of} {tz})",
    ),
    # kpi complaints --business-hours: durations (and their targets) in the stores' opening hours
    "complaints.cli.business_hours.value": ("{v:,.1f} business h", "{v:,.1f} 营业小时"),
    "complaints.cli.business_hours.change": ("{v} business h", "{v} 营业小时"),
    "complaints.cli.business_hours.by_severity": (
        "target by severity: {targets} business h",
        "按严重程度的目标：{targets} 营业小时",
    ),
    "complaints.backlog_by_age": ("Backlog by age", "积压/未结投诉账龄"),
}
