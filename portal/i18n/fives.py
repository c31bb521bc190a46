"""5S results and corrective actions: pages, tiles, views, tables, the action workflow, vocabulary labels."""

STRINGS = {
    # pages and menu
    "page.fives": ("5S results", "5S检查结果"),
    "page.fives_actions": ("Corrective actions", "整改措施"),
    "nav.section.fives": ("5S", "5S管理"),
    "fives.caption": (
        "How well each store keeps its 5S standard: section and overall scores of the inspections in the period, "
        "bands, repeat findings, and how consistent the inspectors are.",
        "各门店5S标准的保持情况：所选周期内检查的各分区得分与总分、等级、重复问题，以及检查员评分的一致性。",
    ),
    "fives.actions.caption": (
        "The PDCA loop of 5S findings: every item scored at or below 1 of 4 opens an action for the store's "
        "manager; the store submits what was done, a manager verifies it or sends it back.",
        "5S问题的PDCA闭环：每个得分不高于1分(满分4分)的检查项都会为门店经理生成一项整改措施；门店提交整改情况，"
        "经理验证或退回。",
    ),
    # vocabulary (portal/vocab.py)
    "fives.section.sort": ("Sort", "整理"),
    "fives.section.set_in_order": ("Set in order", "整顿"),
    "fives.section.shine": ("Shine", "清扫"),
    "fives.section.standardize": ("Standardize", "清洁"),
    "fives.section.sustain": ("Sustain", "素养"),
    "fives.band.excellent": ("★ Excellent", "★ 优秀"),
    "fives.band.good": ("● Good", "● 良好"),
    "fives.band.needs_improvement": ("▲ Needs improvement", "▲ 待改进"),
    "fives.band.failing": ("✖ Failing", "✖ 不合格"),
    "fives.band.none": ("no score", "无得分"),
    "fives.action_status.open": ("Open", "待处理"),
    "fives.action_status.in_progress": ("In progress", "进行中"),
    "fives.action_status.submitted": ("Submitted", "已完成"),
    "fives.action_status.verified": ("Verified", "已验证"),
    "audit.action.corrective_action": ("corrective action", "整改措施"),
    # tiles
    "fives.tile.chain_overall": ("Overall 5S score", "5S总得分"),
    "fives.tile.failing_stores": ("Stores failing", "不合格门店"),
    "fives.tile.open_actions": ("Open actions", "未关闭整改"),
    "fives.tile.overdue_actions": ("Overdue actions", "逾期整改"),
    "fives.tile.repeat_findings": ("Repeat findings", "重复问题"),
    "fives.tile.help.chain_overall": (
        "Mean overall % of the period's inspections. An inspection's overall % is the mean of its section "
        "percentages (weighted where the template weights sections); a section % is score x weight over "
        "maximum x weight of its applicable items, N/A left out; a failed red-line item puts its section at 0.",
        "所选周期内各次检查总分(%)的平均值。一次检查的总分为各分区得分率的平均(模板设置分区权重时加权)；分区得分率 = "
        "适用检查项的得分×权重 / 满分×权重，不适用项不计；红线项不合格时该分区为0。",
    ),
    "fives.tile.help.failing_stores": (
        "Stores whose mean overall % in the period is in the failing band (below {min:g}%), among the stores with "
        "at least {n} scored inspections in it; a store with fewer is not judged (low confidence) and the line "
        "under the tile says how many; n = stores judged.",
        "周期内平均总分处于不合格等级(低于 {min:g}%)的门店数，只评定周期内已评分检查不少于 {n} 次的门店；检查更少的门店"
        "样本不足，不评定等级，数量见下方说明；n = 已评定的门店数。",
    ),
    "fives.tile.unjudged": (
        "{count:plural:1 store|{count:,} stores} not judged: fewer than {min} inspections",
        "{count:,} 家门店未评定：检查少于 {min} 次",
    ),
    "fives.tile.help.open_actions": (
        "Corrective actions of the selected stores not yet verified, now (whatever the period); n = all their "
        "actions.",
        "所选门店当前尚未验证的整改措施(不限周期)；n = 这些门店的全部整改措施。",
    ),
    "fives.tile.help.overdue_actions": (
        "Actions not yet verified past their due date today (work submitted and awaiting verification too: an "
        "action is closed when it is verified); n = actions not yet verified.",
        "截至今天已过截止日期、尚未验证的整改措施(已完成待验证的也计入：整改措施经验证才算关闭)；n = 尚未验证的整改措施。",
    ),
    "fives.tile.help.repeat_findings": (
        "Items failed in an inspection of the period and in the store's previous inspection too; n = failed "
        "items that could repeat: those of the period's inspections with an earlier inspection of the store.",
        "在本周期的检查中不合格、且在该门店上一次检查中也不合格的检查项；n = 可能重复的不合格检查项数："
        "本周期内该门店此前有过检查的检查中的不合格检查项。",
    ),
    "fives.tile.band": ("Band: {band}", "等级：{band}"),
    "fives.tile.vs_previous": ("vs previous period", "较上一周期"),
    "fives.tile.now": ("now", "当前"),
    "fives.no_data.no_inspections": ("no inspection in this period", "本周期内无检查记录"),
    "fives.no_data.all_not_applicable": (
        "every item inspected in this period was marked N/A",
        "本周期内检查的所有检查项均为不适用",
    ),
    "fives.no_data.no_earlier_inspection": (
        "a repeat needs an earlier inspection of the store, and none of this period's inspections has one",
        "重复问题需有同一门店更早的检查，而本周期的检查均无更早的检查",
    ),
    "fives.no_data.none_judged": (
        "no store has enough inspections in this period to be judged",
        "本周期内没有门店的检查次数足以评定等级",
    ),
    # empty states
    "fives.empty": (
        "No 5S inspection for these filters. Widen the date range or choose another store.",
        "当前筛选条件下没有5S检查记录。请扩大日期范围或选择其他门店。",
    ),
    "fives.empty.inspector": (
        "To add one, upload your store's filled-in inspection sheet on the Upload page or use the inspection form.",
        "如需添加，请在“上传”页面上传门店填写好的检查表，或使用检查表单。",
    ),
    "fives.empty.manager": (
        "Inspection sheets are uploaded by the stores' inspectors, managers and administrators on the Upload page.",
        "检查表由门店检查员、经理或管理员在“上传”页面上传。",
    ),
    # views
    "fives.view.heatmap": ("Heat map", "热力图"),
    "fives.view.ranking": ("Store ranking", "门店排名"),
    "fives.view.store": ("One store", "单店分析"),
    "fives.view.inspectors": ("Inspector consistency", "检查员一致性"),
    "fives.view.repeats": ("Repeat findings", "重复问题"),
    "fives.heatmap.show": ("Stores shown", "显示门店"),
    "fives.heatmap.show.worst": ("Lowest {n}", "最低 {n} 家"),
    "fives.heatmap.show.best": ("Highest {n}", "最高 {n} 家"),
    "fives.heatmap.show.all": ("All {n}", "全部 {n} 家"),
    "fives.heatmap.sort": ("Order by", "排序依据"),
    "fives.heatmap.sort.overall": ("Overall", "总分"),
    "fives.heatmap.caption": (
        # "hover" alone read as a mouse's: on a tablet a tap on the cell shows the same (a UI audit)
        "Mean section % of each store's inspections in the period; hover over or tap a cell for the store's full "
        "name and the n. An empty cell: no applicable item in that section. The top row is the selection's mean.",
        "各门店本周期检查的分区平均得分率；将鼠标悬停或用手指点按单元格可查看门店全名和 n。空白格：该分区无适用检查项。"
        "首行为所选范围的平均值。",
    ),
    "fives.heatmap.title": ("5S section score by store (%)", "各门店5S分区得分率(%)"),
    "fives.heatmap.chain": ("All selected stores", "所选门店平均"),  # their mean, as the caption says
    "fives.heatmap.hover": (
        "{store}<br>{section}: {pct}<br>n = {n} inspections",
        "{store}<br>{section}：{pct}<br>n = {n} 次检查",
    ),
    "fives.ranking.caption": (
        "Ranked by mean overall % in the period. Bands: ★ excellent ≥ {excellent:g}%, ● good ≥ {good:g}%, "
        "▲ needs improvement ≥ {needs:g}%, ✖ failing below.",
        "按周期内平均总分排名。等级：★ 优秀 ≥ {excellent:g}%，● 良好 ≥ {good:g}%，▲ 待改进 ≥ {needs:g}%，✖ 低于此为不合格。",
    ),
    "fives.ranking.repeats_no_data": (
        "Repeat findings “—”: no data, the store has no inspection before this period's (a repeat needs an earlier "
        "one).",
        "重复问题为“—”：无数据，该门店在本周期的检查之前没有检查记录(重复问题需有更早的检查)。",
    ),
    "fives.ranking.title": ("Mean overall 5S score by store (%)", "各门店5S平均总分(%)"),
    "fives.store.pick": ("Store", "门店"),
    "fives.store.radar_title": (
        "{store}: section % against the selection's mean",
        "{store}：分区得分率与所选范围平均值对比",
    ),
    "fives.store.trend_title": ("{store}: overall % by month", "{store}：各月总分(%)"),
    "fives.store.chain": ("Selection mean", "所选范围平均"),
    "fives.store.caption": (
        "{store}: {n:plural:1 inspection|{n} inspections} in the period, mean {pct}, {band}.",
        "{store}：本周期 {n} 次检查，平均 {pct}，{band}。",
    ),
    # some inspections of the store had every item marked N/A: no score, so the mean rests on fewer
    "fives.store.caption_unscored": (
        "{store}: {n:plural:1 inspection|{n} inspections} in the period, {scored} of them scored (the others marked "
        "every item N/A), mean {pct}, {band}.",
        "{store}：本周期 {n} 次检查，其中 {scored} 次有得分(其余各项均为不适用)，平均 {pct}，{band}。",
    ),
    "fives.inspectors.caption": (
        "Each inspector's mean overall % on the stores another inspector also inspected in the period, against "
        "the others' mean on those same stores. A large positive difference: more lenient; negative: stricter. "
        "The inspector is the one the sheet names, else whoever entered the inspection.",
        "每位检查员在本周期内与其他检查员共同检查过的门店上的平均总分，与其他检查员在这些门店上的平均总分对比。差值为大的正数："
        "评分偏宽；负数：偏严。检查员以检查表上填写的为准，未填写时为录入检查的人。",
    ),
    "fives.inspectors.none_shared": (
        "No store was inspected by two inspectors in this period, so there is nothing to compare. Widen the "
        "date range, or rotate inspectors between stores.",
        "本周期内没有门店被两位检查员检查过，无法比较。请扩大日期范围，或让检查员轮换检查门店。",
    ),
    "fives.inspectors.title": (
        "Inspector's mean minus the others' on the same stores (pp)",
        "检查员平均分减去其他检查员在相同门店的平均分(百分点)",
    ),
    # the consistency chart's hover value (plotly fills the fields): the difference, then the inspections
    # compared (the inspector's on the shared stores / the others' there)
    "fives.inspectors.hover": (
        "{difference} pp (n = {shared} / {others})",
        "{difference} 个百分点(n = {shared} / {others})",
    ),
    "fives.repeats.caption": (
        "Items failed in an inspection of the period and in the store's previous inspection.",
        "在本周期检查中不合格、且在该门店上一次检查中也不合格的检查项。",
    ),
    "fives.repeats.none": ("No repeat finding in this period.", "本周期无重复问题。"),
    "fives.axis.pct": ("Score (%)", "得分率(%)"),
    "fives.axis.month": ("Month", "月份"),
    "fives.chart.partial_month": ("partial month", "不完整月份"),
    "fives.chart.partial_month_days": (
        "{days} of its {month_days} days in the period",
        "该月{month_days}天中{days}天在所选期间内",
    ),
    "fives.axis.pp": ("Difference (percentage points)", "差值(百分点)"),
    "fives.axis.section": ("Section", "分区"),
    # columns
    "fives.col.rank": ("Rank", "排名"),
    "fives.col.store": ("Store", "门店"),
    "fives.col.region": ("Region", "区域"),
    "fives.col.band": ("Band", "等级"),
    "fives.col.mean_pct": ("Mean %", "平均得分率"),
    "fives.col.latest_pct": ("Latest %", "最近一次得分率"),
    "fives.col.latest_on": ("Latest inspection", "最近检查日期"),
    "fives.col.inspections": ("Inspections", "检查次数"),
    "fives.col.failed_items": ("Failed items", "不合格项"),
    "fives.col.repeats": ("Repeat findings", "重复问题"),
    # the n of a store's repeat findings: its failed items that could repeat (the 5S tile's n)
    "fives.col.repeats_n": ("Repeat findings n", "重复问题 n"),
    "fives.col.red_line": ("Red-line sections at 0", "红线归零分区"),
    "fives.col.inspector": ("Inspector", "检查员"),
    "fives.col.own_mean": ("Own mean %", "本人平均得分率"),
    "fives.col.shared_stores": ("Shared stores", "共同检查门店"),
    "fives.col.own_shared": ("Own mean there %", "本人在共同门店平均"),
    "fives.col.others_shared": ("Others' mean there %", "他人在共同门店平均"),
    "fives.col.others_n": ("Others' inspections", "他人检查次数"),
    "fives.col.difference": ("Difference (pp)", "差值(百分点)"),
    "fives.col.inspected_on": ("Inspected on", "检查日期"),
    "fives.col.previous_on": ("Previous inspection", "上次检查日期"),
    "fives.col.section": ("Section", "分区"),
    "fives.col.item": ("Item", "检查项"),
    "fives.col.score": ("Score", "得分"),
    "fives.col.previous_score": ("Previous score", "上次得分"),
    "fives.col.action": ("Action", "整改措施"),
    "fives.col.status": ("Status", "状态"),
    "fives.col.due_on": ("Due", "截止日期"),
    "fives.col.overdue": ("Overdue", "逾期"),
    "fives.col.repeat": ("Repeat", "重复"),
    "fives.col.owner": ("Owner", "责任人"),
    "fives.owner.none": (
        "unassigned (no manager covers this store yet)",
        "未指派(尚无经理负责该门店)",
    ),
    "fives.col.description": ("Finding", "问题描述"),
    "fives.action.not_met": ("Not met: {item}", "未达标：{item}"),
    "fives.col.done_text": ("What was done", "整改情况"),
    "fives.col.sent_back_reason": ("Sent back because", "退回原因"),
    "fives.col.opened": ("Opened", "新增"),
    "fives.col.closed_in_time": ("Closed in time", "按期关闭"),
    "fives.col.closed_late": ("Closed late", "逾期关闭"),
    "fives.col.open_now": ("Open now", "当前未关闭"),
    "fives.col.awaiting": ("Awaiting verification", "待验证"),
    "fives.overdue_days": ("⚠ {n} d", "⚠ {n} 天"),
    "fives.awaiting_since": ("awaiting verification since {date}", "自 {date} 起待验证"),
    "fives.repeat_mark": ("↻ yes", "↻ 是"),
    # actions page
    "fives.actions.status_filter": ("Status", "状态"),
    "fives.actions.loop": ("The loop per store", "各门店整改闭环"),
    "fives.actions.loop_caption": (
        "Per store: actions opened by the period's inspections, of those closed (verified) by their due date (days "
        "in the reporting time zone) or late; overdue and not yet verified now, of which awaiting verification; "
        "repeat findings of the period (— for a store without an inspection in the period, or with no inspection "
        "before the period's, its first: no data, a repeat needs an earlier inspection).",
        "各门店：本周期检查新增的整改措施及其中按期或逾期关闭(已验证)的数量(日期按报告时区计)；当前逾期和尚未验证的数量，"
        "其中待验证的数量；本周期的重复问题(本周期内无检查的门店，或在本周期的检查之前没有检查记录的门店(其首次检查)"
        "显示“—”：无数据，重复问题需有更早的检查)。",
    ),
    "fives.actions.list": ("Actions", "整改措施列表"),
    "fives.actions.list_caption": (
        "{n} actions: those opened by the period's inspections and every one not yet verified. Overdue first.",
        "共 {n} 项：本周期检查新增的整改措施，以及所有尚未验证的整改措施。逾期项排在最前。",
    ),
    "fives.actions.none": (
        "No corrective action for these filters: no item failed, or every action is verified.",
        "当前筛选条件下没有整改措施：没有不合格项，或所有整改均已验证。",
    ),
    "fives.actions.work": ("Work on an action", "处理整改措施"),
    "fives.actions.pick": ("Action", "整改措施"),
    "fives.actions.detail": (
        "{store} · inspected {inspected} · due {due} · owner {owner}",
        "{store} · 检查日期 {inspected} · 截止 {due} · 责任人 {owner}",
    ),
    "fives.actions.history.opened": ("Opened {at}", "{at} 生成"),
    "fives.actions.history.started": ("Started {at} by {who}", "{at} 由 {who} 开始处理"),
    "fives.actions.history.submitted": ("Submitted {at} by {who}: {text}", "{at} 由 {who} 提交：{text}"),
    "fives.actions.history.sent_back": ("Sent back {at} by {who}: {text}", "{at} 由 {who} 退回：{text}"),
    "fives.actions.history.verified": ("Verified {at} by {who}", "{at} 由 {who} 验证"),
    "fives.actions.no_steps": (
        "Nothing for you to do on this action in its present status.",
        "该整改措施当前状态下您无需操作。",
    ),
    "fives.step.start": ("Start work", "开始整改"),
    "fives.step.submit": ("Submit what was done", "提交整改情况"),
    "fives.step.verify": ("Verify", "验证通过"),
    "fives.step.send_back": ("Send back", "退回"),
    "fives.step.done_text": ("What was done", "整改情况"),
    "fives.step.reason": ("Reason for sending back", "退回原因"),
    "fives.step.photo_shown": ("After-photo", "整改后照片"),
    "fives.step.finding_photo_shown": ("Photo at the inspection", "检查时照片"),
    "fives.step.photo": (
        "After-photo (optional, JPEG/PNG/WebP, at most {limit} MB)",
        "整改后照片(可选，JPEG/PNG/WebP，不超过 {limit} MB)",
    ),
    "fives.step.photo_unavailable": (
        "After-photos are not available yet: describe what was done in words.",
        "暂不支持上传整改后照片：请用文字说明整改情况。",
    ),
    "fives.step.done.in_progress": ("Action #{id} is now in progress.", "整改措施 #{id} 已进入进行中。"),
    "fives.step.done.submitted": (
        "Action #{id} was submitted for verification.",
        "整改措施 #{id} 已提交待验证。",
    ),
    "fives.step.done.verified": ("Action #{id} is verified.", "整改措施 #{id} 已验证。"),
    "fives.step.done.sent_back": ("Action #{id} was sent back.", "整改措施 #{id} 已退回。"),
    "fives.error.no_action": ("This action does not exist (any more).", "该整改措施不存在(或已删除)。"),
    "fives.error.role": ("Your role may not take this step.", "您的角色无权执行此操作。"),
    "fives.error.scope": (
        "This action belongs to a store outside your scope.",
        "该整改措施属于您权限范围以外的门店。",
    ),
    "fives.error.status": (
        "The action is {status} now: someone may have changed it. Reload to see its present status.",
        "该整改措施当前状态为 {status}：可能已被他人修改。请刷新查看最新状态。",
    ),
    "fives.error.own_submission": (
        "You submitted this work yourself: another manager or an admin verifies it or sends it back.",
        "此项整改由您本人提交：须由其他经理或管理员验证或退回。",
    ),
    "fives.error.text_submit": ("Describe what was done before submitting.", "提交前请填写整改情况。"),
    "fives.error.text_send_back": ("Give the reason for sending it back.", "请填写退回原因。"),
    "fives.error.too_long": ("The text is longer than {limit} characters.", "文字超过 {limit} 个字符。"),
    # kpi 5s's text (the command line, --lang)
    "fives.cli.period": (
        "5S {start} .. {end} (previous period {previous_start} .. {previous_end})",
        "5S管理 {start} 至 {end}(上一周期 {previous_start} 至 {previous_end})",
    ),
    "fives.cli.overall": ("{pct}% (n = {n} inspections{more})", "{pct}%(n = {n} 次检查{more})"),
    "fives.cli.change": (", change {change}", "，变化 {change}"),
    "fives.cli.band": (", band {band}", "，等级 {band}"),
    "fives.cli.low_confidence": (", low_confidence", "，样本不足"),
    "fives.cli.failing": ("{value} of {n} judged", "已评定 {n} 家中 {value} 家"),
    "fives.cli.unjudged": ("; {text}", "；{text}"),
    "fives.cli.actions": (
        "Open actions now: {open} (n = {n:,} actions), overdue {overdue} (n = {unverified_n:,} not yet verified)",
        "当前未关闭整改：{open}(n = {n:,} 项整改措施)，逾期 {overdue}(n = {unverified_n:,} 项尚未验证)",
    ),
    "fives.cli.repeats": (
        "{value} (of {n} failed items that could repeat: their inspection had an earlier one)",
        "{value}(共 {n} 个可能重复的不合格检查项：其检查之前有更早的检查)",
    ),
    "fives.cli.store": ("#{rank} {store} {pct}% {band} (n = {n})", "#{rank} {store} {pct}% {band}(n = {n})"),
    "fives.cli.more_stores": ("... {n} more stores (--json for all)", "……另有 {n} 家门店(全部见 --json)"),
}
