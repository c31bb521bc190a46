"""Strings of the overview, the store view and the weekly brief."""

STRINGS = {
    "page.overview": ("Overview", "总览"),
    "audit.action.alert_ack": ("Alert acknowledged or snoozed", "预警已确认或暂缓"),
    "audit.action.brief_issued": ("Weekly brief issued", "已发布每周简报"),
    "page.store": ("Store view", "门店视图"),
    "overview.caption": (
        "Reference week {week} (complete weeks, {tz}). The areas' tiles do not all cover this week: under each "
        "area's heading, the period its tiles cover and what they are compared with.",
        "参考周：第 {week} 周(仅完整周，{tz})。各板块的指标并非都只统计这一周：各板块标题下注明其统计期间及比较对象。",
    ),
    "overview.span.week": ("week {week} ({start} – {end})", "第 {week} 周({start} 至 {end})"),
    "overview.span.weeks": ("the {n} weeks {start} – {end}", "{start} 至 {end} 共 {n} 周"),
    "overview.span.month": ("month {year}-{month:02d}", "{year} 年 {month} 月"),
    "overview.covers": ("Covers {current}.", "统计期间：{current}。"),
    "overview.covers_against": (
        "Covers {current}; compared with {previous}.",
        "统计期间：{current}；与上一周期比较：{previous}。",
    ),
    "overview.as_of": (
        "{labels}: as of {day}, whatever the period.",
        "{labels}：截至 {day} 的数量，不限期间。",
    ),
    "overview.spark.week": (
        "Sparkline: the last {n} weeks, one mark a complete week.",
        "迷你图：最近 {n} 周，每个完整周一格。",
    ),
    "overview.spark.month": (
        "Sparkline: the months {first} – {last} these weeks touch, each read whole (all its days, not only "
        "these weeks'), one mark a month (· none inspected).",
        "迷你图：这几周涉及的 {first} 至 {last} 各月，每月按整月统计(含这几周以外的日子)，每月一格(· 表示当月无检查)。",
    ),
    "overview.spark.month_one": (
        "Sparkline: the month {month} these weeks touch, read whole (all its days, not only these weeks').",
        "迷你图：这几周涉及的 {month}，按整月统计(含这几周以外的日子)。",
    ),
    "overview.spark.month_running": (
        "{month} is in progress and not drawn.",
        "{month} 尚在进行中，未绘入。",
    ),
    "overview.spark.month_n": ("{line} (n = {n} inspections a month)", "{line}(每月检查数 n = {n})"),
    "overview.spark.label.week": ("Last {n} weeks", "最近 {n} 周"),
    "overview.spark.label.month": ("By month", "按月"),
    "overview.alerts": ("Alerts", "预警"),
    "overview.attention": (
        "Needs attention: {n} open {n:plural:alert|alerts}, the most severe first. Each is under Alerts below, "
        "with its link and where to acknowledge it.",
        "需要关注：{n} 条未处理的预警，最严重的排在最前。详情、链接和确认见下方“预警”。",
    ),
    "overview.attention.more": ("… and {n} more under Alerts below.", "……下方“预警”中还有 {n} 条。"),
    "overview.alerts.none": (
        "No open alerts for your scope this week.",
        "本周在您的权限范围内没有未处理的预警。",
    ),
    "overview.alerts.quieted": ("Acknowledged or snoozed ({n})", "已确认或暂缓({n})"),
    "overview.alert.severity.3": ("High", "高"),
    "overview.alert.severity.2": ("Medium", "中"),
    "overview.alert.severity.1": ("Low", "低"),
    "overview.alert.chart_out": (
        "{label}{where} was {value} in {week} (n = {n:,}), outside its control limit {comparison}.",
        "{where}{label}在 {week} 为 {value}(n = {n:,})，超出控制限 {comparison}。",
    ),
    "overview.alert.chart_run": (
        "{label}{where} has been on the worse side of its centre line {comparison} since {since} (8 weeks or more; {week}: {value}, n = {n:,}).",
        "{where}{label}自 {since} 起持续处于中心线 {comparison} 的不利一侧(至少 8 周；{week}：{value}，n = {n:,})。",
    ),
    "overview.alert.below_target": (
        "{label}{where} was {value} in {week} (n = {n:,}), missing its target {comparison} (significant; since {since}).",
        "{where}{label}在 {week} 为 {value}(n = {n:,})，未达目标 {comparison}(差异显著；自 {since} 起)。",
    ),
    "overview.alert.worse_than_recent": (
        "{label}{where} was {value} in {week} (n = {n:,}), significantly worse than {comparison} over the previous 4 weeks (n = {comparison_n}).",
        "{where}{label}在 {week} 为 {value}(n = {n:,})，显著差于前 4 周的 {comparison}(n = {comparison_n})。",
    ),
    "overview.scorecard.composite": ("Composite score", "综合得分"),
    "overview.alert.fives_failing": (
        "5S score{where} averaged {value} over its last {n:,} {n:plural:inspection|inspections} ({since} to {latest}; "
        "n = {n:,}), in the failing band (below {comparison}).",
        "{where}最近 {n:,} 次检查({since} 至 {latest}；n = {n:,})的 5S 平均得分为 {value}，处于不合格档(低于 {comparison})。",
    ),
    "overview.alert.fives_overdue": (
        "Corrective actions overdue{where}: {value} (n = {n:,} open, as of {day}).",
        "{where}有 {value} 项整改逾期(n = {n:,} 项未关闭，截至 {day})。",
    ),
    "overview.alert.fives_repeat": (
        "Repeat 5S findings{where} in the 12 weeks to {week}: {value} (items failed again at the next inspection; "
        "n = {n:,} failed {n:plural:item|items} at {inspections} {inspections:plural:inspection|inspections}).",
        "{where}截至 {week} 的 12 周内有 {value} 项 5S 重复问题(下次检查再次不合格；n = {inspections} 次检查中的 {n:,} 项不合格)。",
    ),
    "overview.alert.composite_falling": (
        "{label}{where} fell two periods in a row, to {value} from {comparison} (n = {n:,}, the fewest items behind "
        "a metric it counts; since {since}).",
        "{where}{label}连续两期下降，由 {comparison} 降至 {value}(n = {n:,}，即其计入指标中最少的样本数；自 {since} 起)。",
    ),
    # where an alert holds: after the figure in English, opening the sentence in Chinese (no bracket first)
    "overview.brief.at_agent": (" of agent {agent}", "客服专员 {agent}："),
    "overview.brief.at_store": (" at {store}", "{store}："),
    "overview.ack.note": ("Note (required)", "备注(必填)"),
    "overview.ack.open": ("Acknowledge or snooze…", "确认或暂缓…"),
    "overview.ack.close": ("Close", "关闭"),
    "overview.ack.acknowledge": ("Acknowledge", "确认"),
    "overview.ack.snooze": ("Snooze", "暂缓"),
    "overview.ack.until": ("Snooze until", "暂缓至"),
    "overview.ack.done": ("Saved.", "已保存。"),
    "overview.ack.need_note": ("Write a note first.", "请先填写备注。"),
    "overview.ack.by": (
        "{action} by {user} on {on}: {note}",
        "{user} 于 {on} {action}：{note}",
    ),
    # {page}: the title of the page the alert's link opens, as the menu names it; short, as a link's text is one
    # line (a third of a tablet's width); the filters it carries are said in its help
    "overview.open_page": ("Open {page}", "打开{page}"),
    "overview.open_page_help": (
        "Opens the page with the alert's filters: its store, period or agent.",
        "打开该页面，并带上此预警的筛选条件：门店、周期或客服专员。",
    ),
    "overview.empty": (
        "No complaint or survey data in your scope for these 12 weeks. Import data under Data → Upload.",
        "这 12 周内您的权限范围内没有投诉或调查数据。请在“数据 → 上传”中导入数据。",
    ),
    "overview.open_store": ("Store view of {store}", "{store} 门店视图"),
    "overview.brief.title": ("Weekly brief, {week}", "每周简报，{week}"),
    "overview.brief.nothing": (
        "Nothing changed significantly and no alert is open.",
        "没有显著变化，也没有未处理的预警。",
    ),
    "overview.brief.details": ("details", "详情"),
    "overview.brief.fell": (
        "{label} fell to {value} from {previous} (n = {n}, {week} vs {previous_week}, significant).",
        "{label}降至 {value}，此前为 {previous}(n = {n}，{week} 对比 {previous_week}，差异显著)。",
    ),
    "overview.brief.rose": (
        "{label} rose to {value} from {previous} (n = {n}, {week} vs {previous_week}, significant).",
        "{label}升至 {value}，此前为 {previous}(n = {n}，{week} 对比 {previous_week}，差异显著)。",
    ),
    "overview.brief.driver": (
        "{share}% of the {breaches} response-SLA breaches in {week} were {category} complaints, most of them at {stores}.",
        "{week} 的 {breaches} 起响应超时中，{share}% 为{category}类投诉，主要集中在：{stores}。",
    ),
    "overview.brief.week_invalid": (
        "{text} is not a week: write it as YYYY-Www, e.g. 2026-W47.",
        "{text} 不是有效的周：请写作 YYYY-Www，例如 2026-W47。",
    ),
    "overview.brief.week_out_of_range": (
        "{text} is not a week: {year} has ISO weeks W01 to W{weeks}.",
        "{text} 不是有效的周：{year} 年的 ISO 周为 W01 至 W{weeks}。",
    ),
    "overview.brief.week_not_begun": (
        "{week} has not begun (it starts on {start}): there is no brief of it yet. The last complete week is {last}.",
        "{week} 尚未开始(始于 {start})，还没有它的简报。最近一个完整周为 {last}。",
    ),
    "overview.brief.issue": ("Issue and keep this brief", "发布并存档此简报"),
    "overview.brief.issued": ("Brief #{id} kept.", "简报 #{id} 已存档。"),
    "store.choose": ("Store", "门店"),
    "store.placeholder": ("Choose a store", "请选择门店"),
    "store.caption.chain": (
        "{code} {name} · region {region} · against its region and the whole chain. Reference week {week}: under "
        "each area's heading, the days its figures cover.",
        "{code} {name} · 区域 {region} · 与所在区域及全连锁比较。参考周：第 {week} 周；各板块标题下注明其统计期间。",
    ),
    "store.caption.scope": (
        "{code} {name} · region {region} · against its region and all the stores you may see. Reference week "
        "{week}: under each area's heading, the days its figures cover.",
        "{code} {name} · 区域 {region} · 与所在区域及您权限范围内的全部门店比较。参考周：第 {week} 周；各板块标题下注明其统计期间。",
    ),
    "store.caption.scope_part": (
        "{code} {name} · region {region} · against your stores in that region and all the stores you may see. "
        "Reference week {week}: under each area's heading, the days its figures cover.",
        "{code} {name} · 区域 {region} · 与所在区域中您的门店及您权限范围内的全部门店比较。参考周：第 {week} 周；各板块标题下注明其统计期间。",
    ),
    # a reader scoped to some stores sees of their store's region only its rows of their stores (the Region column)
    "store.region.part": ("{region} (your stores)", "{region}(您的门店)"),
    "store.region.left": (
        "{code} has been in another region since {until}: the Region column is {region}, where its rows up to then "
        "count.",
        "{code} 自 {until} 起已划归其他区域：「区域」一栏为 {region}，其此前的数据计入该区域。",
    ),
    "store.region.moved_in": (
        "{code} moved from {before} to {region} on {since}: its rows before count under {before}; the Region column "
        "is {region}.",
        "{code} 于 {since} 由 {before} 划归 {region}：此前的数据计入 {before}；「区域」一栏为 {region}。",
    ),
    "store.col.figure": ("Figure", "指标"),
    "store.col.store": ("Store", "门店"),
    "store.col.region": ("Region", "区域"),
    "store.col.region_part": ("Region {region} (your stores)", "{region}(您的门店)"),
    "store.col.chain": ("Whole chain", "全连锁"),
    "store.col.scope": ("Your stores", "您的门店范围"),
    "store.trend": ("Trend, last 12 weeks", "趋势(最近 12 周)"),
    "store.trend.n": ("{figure}: n", "{figure}：n"),
    "store.trend.low": ("Low confidence (n < {n})", "样本不足(n < {n})"),
    "store.trend.low_any": ("Low confidence (n below its minimum)", "样本不足(n 低于最低样本量)"),
    "store.none": ("Choose a store in your scope.", "请选择您权限范围内的门店。"),
    "store.no_stores_yet": (
        "There is no store yet. Upload the stores file first (Upload, kind Stores and regions); each store then "
        "has its view here.",
        "尚无门店。请先上传门店文件(上传页面，类型“门店与区域”)，之后即可在此查看各门店。",
    ),
    "store.no_stores": (
        "You have no store in your scope. Ask an admin to give you your stores.",
        "您的权限范围内没有门店。请联系管理员为您分配门店。",
    ),
    "store.not_in_scope": ("This store is not in your scope.", "该门店不在您的权限范围内。"),
    "relation.heading": (
        "5S score against complaints and satisfaction, by store",
        "各门店 5S 得分与投诉、满意度的关系",
    ),
    "relation.caption": (
        "One point per store with a scored 5S inspection in the 12 weeks to {week}: its mean 5S score against its complaint rate (complaints received per store-week: complaints in the 12 weeks / 12) and its satisfaction index. r: Pearson correlation over the stores with its 95% confidence interval (Fisher z); n: the stores it rests on. A correlation is not a cause.",
        "每个点代表截至 {week} 的 12 周内有已评分 5S 检查的一家门店：其 5S 平均得分对应投诉率(每店每周收到的投诉数：12 周投诉数 / 12)和满意度指数。r：各门店的皮尔逊相关系数及其 95% 置信区间(Fisher z 变换)；n：参与计算的门店数。相关不等于因果。",
    ),
    "relation.title.complaints": ("5S score vs complaint rate", "5S 得分与投诉率"),
    "relation.title.satisfaction": ("5S score vs satisfaction index", "5S 得分与满意度指数"),
    "relation.x": ("5S score, mean of the 12 weeks (%)", "5S 得分，12 周平均(%)"),
    "relation.y.complaints": ("Complaints per store-week", "每店每周投诉数"),
    "relation.y.satisfaction": ("Satisfaction index (0-100)", "满意度指数(0-100)"),
    "relation.hover.fives": ("5S score", "5S 得分"),
    "relation.r": (
        "r = {r} (95% CI {low} to {high}), n = {n} stores",
        "r = {r}(95% 置信区间 {low} 至 {high})，n = {n} 家门店",
    ),
    "relation.too_few": (
        "no data: {n:plural:1 store|{n:,} stores}, too few for a correlation (at least {min})",
        "无数据：仅 {n} 家门店，不足以计算相关系数(至少 {min} 家)",
    ),
    "relation.no_spread": (
        "no data: the {n} stores do not vary ({min} or more needed, with different values)",
        "无数据：{n} 家门店的数值没有差异(至少需要 {min} 家且数值不同)",
    ),
    "relation.left_out": (
        "{n:plural:1 store|{n:,} stores} with fewer than {min} responses drawn hollow, not counted",
        "{n} 家门店的答卷少于 {min} 份，以空心点显示，不计入",
    ),
    # stores with a 5S score but no survey response in the weeks: no satisfaction point (not drawn)
    "relation.missing": (
        "{n:plural:1 store|{n:,} stores} without survey responses in these weeks, not drawn",
        "{n} 家门店在这些周内没有满意度答卷，未显示",
    ),
    "relation.no_responses": (
        "no data: no survey responses in these weeks at the {n:plural:store|{n:,} stores} with a scored 5S "
        "inspection",
        "无数据：这些周内有已评分 5S 检查的 {n} 家门店没有满意度答卷",
    ),
    "relation.empty.no_responses": (
        "No survey responses in these weeks at the {n:plural:store|{n:,} stores} with a scored 5S inspection.",
        "这些周内有已评分 5S 检查的 {n} 家门店没有满意度答卷。",
    ),
    "relation.counted": ("Counted in r", "计入 r"),
    "relation.not_counted": ("Too few responses (not counted)", "答卷过少(不计入)"),
    "relation.empty": (
        "No store has a scored 5S inspection in these weeks.",
        "这些周内没有门店有已评分的 5S 检查。",
    ),
    "store.col.month": ("Month", "月份"),
    "store.fives.chain": ("5S: the store against its region and the chain", "5S：门店与所在区域及全连锁对比"),
    "store.fives.scope": (
        "5S: the store against its region and your stores",
        "5S：门店与所在区域及您的门店范围对比",
    ),
    "store.fives.scope_part": (
        "5S: the store against your stores in its region and all your stores",
        "5S：门店与所在区域中您的门店及您的门店范围对比",
    ),
    "store.fives.band": (
        "Overall 5S score over the 12 weeks: {pct} (n = {n} inspections) · {band}",
        "12 周 5S 总得分：{pct}(n = {n} 次检查)· {band}",
    ),
    "store.fives.low_n": (
        "low confidence: fewer than {min} inspections",
        "样本不足：检查少于 {min} 次",
    ),
    "store.fives.none": (
        "No scored 5S inspection of this store in the 12 weeks.",
        "该门店在这 12 周内没有已评分的 5S 检查。",
    ),
    "store.fives.sections": ("Section scores", "各分区得分"),
    "store.fives.trend": (
        "5S score by month (each month whole, all its days, not only the 12 weeks')",
        "每月 5S 得分(按整月统计，含这 12 周以外的日子)",
    ),
    "store.fives.repeats": ("Repeat findings", "重复问题"),
    "store.fives.repeats.none": ("No repeat findings in the 12 weeks.", "这 12 周内没有重复问题。"),
    "store.fives.actions": ("Corrective actions not yet verified", "尚未验证的整改措施"),
    "store.fives.actions.none": ("No open corrective actions.", "没有未关闭的整改措施。"),
    "store.relation": ("Where the store stands among the chain's stores", "该门店在全连锁门店中的位置"),
    "store.link": ("Store view", "门店视图"),
    "store.link.help": (
        "Open this store's view: its figures against its region and the chain",
        "打开该门店视图：与所在区域及全连锁对比",
    ),
    "overview.alerts.page": ("Page of alerts (1 to {pages})", "预警页码(1 至 {pages})"),
    "overview.alerts.showing": (
        "Alerts {first} to {last} of {n}, highest severity first.",
        "第 {first} 至 {last} 条预警，共 {n} 条，按严重程度排序。",
    ),
    "relation.show": ("Show the chart", "显示图表"),
}
