"""Strings of the overview, the store view and the weekly brief."""

STRINGS = {
    "page.overview": ("Overview", "总览"),
    "audit.action.alert_ack": ("Alert acknowledged or snoozed", "预警已确认或暂缓"),
    "audit.action.brief_issued": ("Weekly brief issued", "已发布每周简报"),
    "page.store": ("Store view", "门店视图"),
    "overview.caption": (
        "Week {week} (complete weeks, {tz}); tiles compare it with the week before; sparklines: the last 12 weeks.",
        "第 {week} 周(仅完整周,{tz});指标与前一周比较;迷你图:最近 12 周。",
    ),
    "overview.alerts": ("Alerts", "预警"),
    "overview.alerts.none": (
        "No open alerts for your scope this week.",
        "本周在您的权限范围内没有未处理的预警。",
    ),
    "overview.alerts.quieted": ("Acknowledged or snoozed ({n})", "已确认或暂缓({n})"),
    "overview.alert.severity.3": ("High", "高"),
    "overview.alert.severity.2": ("Medium", "中"),
    "overview.alert.severity.1": ("Low", "低"),
    "overview.alert.chart_out": (
        "{label}{where} was {value} in {week} (n = {n}), outside its control limit {comparison}.",
        "{label}{where}在 {week} 为 {value}(n = {n}),超出控制限 {comparison}。",
    ),
    "overview.alert.chart_run": (
        "{label}{where} has been on the worse side of its centre line {comparison} since {since} (8 weeks or more; {week}: {value}, n = {n}).",
        "{label}{where}自 {since} 起持续处于中心线 {comparison} 的不利一侧(至少 8 周;{week}:{value},n = {n})。",
    ),
    "overview.alert.below_target": (
        "{label}{where} was {value} in {week} (n = {n}), missing its target {comparison} (significant; since {since}).",
        "{label}{where}在 {week} 为 {value}(n = {n}),未达目标 {comparison}(差异显著;自 {since} 起)。",
    ),
    "overview.alert.worse_than_recent": (
        "{label}{where} was {value} in {week} (n = {n}), significantly worse than {comparison} over the previous 4 weeks (n = {comparison_n}).",
        "{label}{where}在 {week} 为 {value}(n = {n}),显著差于前 4 周的 {comparison}(n = {comparison_n})。",
    ),
    "overview.scorecard.composite": ("Composite score", "综合得分"),
    "overview.alert.fives_failing": (
        "5S score{where} averaged {value} over the 12 weeks to {week} (n = {n} inspections), in the failing band (below {comparison}).",
        "{where}截至 {week} 的 12 周 5S 平均得分为 {value}(n = {n} 次检查),处于不合格档(低于 {comparison})。",
    ),
    "overview.alert.fives_overdue": (
        "{value} corrective actions{where} are overdue (n = {n} open, as of {week}).",
        "{where}有 {value} 项整改逾期(n = {n} 项未关闭,截至 {week})。",
    ),
    "overview.alert.fives_repeat": (
        "{value} repeat 5S findings{where} in the 12 weeks to {week} (items failed again at the next inspection).",
        "{where}截至 {week} 的 12 周内有 {value} 项 5S 重复问题(下次检查再次不合格)。",
    ),
    "overview.alert.composite_falling": (
        "{label}{where} fell two periods in a row, to {value} from {comparison} (n = {n}; since {since}).",
        "{label}{where}连续两期下降,由 {comparison} 降至 {value}(n = {n};自 {since} 起)。",
    ),
    "overview.brief.at_agent": (" of agent {agent}", "(客服 {agent})"),
    "overview.brief.at_store": (" at {store}", "({store} 门店)"),
    "overview.ack.note": ("Note (required)", "备注(必填)"),
    "overview.ack.acknowledge": ("Acknowledge", "确认"),
    "overview.ack.snooze": ("Snooze", "暂缓"),
    "overview.ack.until": ("Snooze until", "暂缓至"),
    "overview.ack.done": ("Saved.", "已保存。"),
    "overview.ack.need_note": ("Write a note first.", "请先填写备注。"),
    "overview.ack.by": (
        "{action} by {user} on {on}: {note}",
        "{user} 于 {on} {action}:{note}",
    ),
    "overview.open_page": ("Open the page with these filters", "以这些筛选条件打开页面"),
    "overview.empty": (
        "No complaint or survey data in your scope for these 12 weeks. Import data under Data → Upload.",
        "这 12 周内您的权限范围内没有投诉或调查数据。请在“数据 → 上传”中导入数据。",
    ),
    "overview.open_store": ("Store view of {store}", "{store} 门店视图"),
    "overview.sparkline": ("Last 12 weeks", "最近 12 周"),
    "overview.brief": ("Weekly brief", "每周简报"),
    "overview.brief.title": ("Weekly brief, {week}", "每周简报,{week}"),
    "overview.brief.nothing": (
        "Nothing changed significantly and no alert is open.",
        "没有显著变化,也没有未处理的预警。",
    ),
    "overview.brief.details": ("details", "详情"),
    "overview.brief.fell": (
        "{label} fell to {value} from {previous} (n = {n}, {week} vs {previous_week}, significant).",
        "{label}降至 {value},此前为 {previous}(n = {n},{week} 对比 {previous_week},差异显著)。",
    ),
    "overview.brief.rose": (
        "{label} rose to {value} from {previous} (n = {n}, {week} vs {previous_week}, significant).",
        "{label}升至 {value},此前为 {previous}(n = {n},{week} 对比 {previous_week},差异显著)。",
    ),
    "overview.brief.driver": (
        "{share}% of the {breaches} response-SLA breaches in {week} were {category} complaints, most of them at {stores}.",
        "{week} 的 {breaches} 起响应超时中,{share}% 为{category}类投诉,主要集中在:{stores}。",
    ),
    "overview.brief.issue": ("Issue and keep this brief", "发布并存档此简报"),
    "overview.brief.issued": ("Brief #{id} kept.", "简报 #{id} 已存档。"),
    "store.choose": ("Store", "门店"),
    "store.caption": (
        "{code} {name} · region {region} · week {week}, against its region and the chain.",
        "{code} {name} · 区域 {region} · 第 {week} 周,与所在区域及全连锁比较。",
    ),
    "store.col.figure": ("Figure", "指标"),
    "store.col.store": ("Store", "门店"),
    "store.col.region": ("Region", "区域"),
    "store.col.chain": ("Chain", "全连锁"),
    "store.open_actions": ("Open corrective actions", "未关闭的整改措施"),
    "store.trend": ("Trend, last 12 weeks", "趋势(最近 12 周)"),
    "store.none": ("Choose a store in your scope.", "请选择您权限范围内的门店。"),
    "store.not_in_scope": ("This store is not in your scope.", "该门店不在您的权限范围内。"),
}
