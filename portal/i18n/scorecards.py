"""Agent scorecards: the team view, the agent's card, the weights page, the printable card."""

STRINGS = {
    # pages
    "page.scorecards": ("Agent scorecards", "客服绩效记分卡"),
    "page.my_scorecard": ("My scorecard", "我的绩效记分卡"),
    "page.scorecard_weights": ("Scorecard weights", "记分卡权重"),
    # the vocabulary (vocab.SCORECARD_METRICS, vocab.SCORECARD_GRAINS)
    "scorecard.metric.complaints_handled": ("Complaints handled", "处理投诉量"),
    # the metric's name where no commitment is at hand (weights, the audit log); a card, the ranking, their CSV and
    # charts name the hours they were counted against (the setting: "48 h response SLA", as the Complaints page does)
    "scorecard.metric.sla_attainment": ("Response SLA attainment", "响应达标率"),
    "scorecard.metric.sla_attainment.hours": ("{hours:g} h response SLA", "{hours:g}小时响应达标率"),
    "scorecard.metric.resolution_median": ("Median resolution time", "解决时长中位数"),
    "scorecard.metric.reopen_rate": ("Reopen rate", "重开率"),
    "scorecard.metric.post_resolution_csat": ("Post-resolution CSAT", "解决后满意率"),
    "scorecard.metric.qa_score": ("QA score", "质检得分"),
    "scorecard.grain.week": ("Week", "周"),
    "scorecard.grain.month": ("Month", "月"),
    "scorecard.grain.quarter": ("Quarter", "季度"),
    # no-data reasons of a metric where the data lacks its input (portal/scorecards/period_scores.py _NO_DATA; the
    # first-response and reopen ones are the complaints dashboard's); nothing in the period: kpi.reason.none_in_period
    "scorecard.no_data.insufficient": ("insufficient data", "数据不足"),
    "scorecard.no_data.part_of_period_only": (
        "only cards on part of the period are scored (their home store changed region)",
        "仅有部分期间的记分卡已计分(其所属门店更换了区域)",
    ),
    "scorecard.no_data.resolution_median": (
        "no complaint resolved with hour-precise times",
        "本期无精确到小时的已解决投诉",
    ),
    # the complaints dashboard's reason (complaints.no_data.sla_date_only) without its example
    "scorecard.no_data.sla_date_only": (
        "the first responses whose window has run out are recorded as dates only, and their dates cannot tell "
        "whether they came within it",
        "已满时限的首次响应只记录了日期，仅凭日期无法判断是否在时限内响应",
    ),
    "scorecards.counted.sla_date_only": (
        "{n:,} more {n:plural:answer|answers} on a date only that the dates cannot judge, left out of n",
        "另有 {n:,} 个仅记录日期、无法判断是否达标的响应未计入 n",
    ),
    "scorecard.no_data.post_resolution_csat": (
        "no post-resolution satisfaction answer",
        "本期无解决后满意度评价",
    ),
    # team view and card
    "scorecards.caption": (
        "Each metric scores 0-100 between its floor and its target; the composite weighs them with the weights "
        "in force for the period. Rates are scored on their value and shown with their 95% interval; a metric "
        "with fewer items than its minimum n is left out.",
        "各指标按下限与目标线性折算为0-100分；综合得分按该期生效的权重加权。比率类指标按其数值计分，并显示95%置信区间；"
        "样本少于最低样本数的指标不计入。",
    ),
    "scorecards.grain": ("Period", "周期"),
    "scorecards.period": ("Which", "选择期间"),
    "scorecards.team": ("Team", "班组"),
    "scorecards.all_teams": ("All teams in my scope", "我权限内的全部班组"),
    "scorecards.agent": ("Agent's card", "客服专员记分卡"),
    "scorecards.in_progress": ("(in progress)", "(进行中)"),
    "scorecards.not_begun": (
        "{period} has not begun (it starts on {start}): there are no scorecards of it yet. The period in progress "
        "is {current}.",
        "{period} 尚未开始(始于 {start})，还没有它的绩效记分卡。当前进行中的期间为 {current}。",
    ),
    "scorecards.section.ranking": ("Ranking", "排名"),
    "scorecards.section.team_trend": ("Team trend", "班组趋势"),
    "scorecards.section.card": ("Scorecard", "记分卡"),
    "scorecards.section.metrics": ("Metrics", "指标"),
    "scorecards.section.trend": ("Last six periods", "近六期趋势"),
    "scorecards.section.reviews": ("QA reviews behind the QA score", "质检得分所依据的质检评分"),
    "scorecards.section.coaching": ("Sign-off and coaching note", "签核与辅导意见"),
    "scorecards.coaching.none": ("This period is not signed off yet.", "该期间尚未签核。"),
    "scorecards.coaching.by": ("Signed off by {by} on {at}:", "{by} 于 {at} 签核："),
    "scorecards.coaching.submit": ("Sign off this period", "签核该期间"),
    "scorecards.coaching.resubmit": (
        "Sign off again with this note (it replaces the note above, which stays in the history)",
        "用此备注重新签核(替换上方备注，原备注保留在历史记录中)",
    ),
    "scorecards.section.export": ("Export and print", "导出与打印"),
    "scorecards.tile.team_composite": ("Team composite (mean)", "班组综合得分(均值)"),
    "scorecards.tile.ranked": ("Agents ranked", "参与排名人数"),
    "scorecards.tile.insufficient": ("Insufficient data", "数据不足人数"),
    "scorecards.tile.open_disputes": ("Open disputes", "待处理申诉"),
    "scorecards.tile.composite": ("Composite score", "综合得分"),
    "scorecards.tile.rank": ("Rank within team", "组内排名"),
    "scorecards.tile.help.composite": (
        "Weighted sum of the metric scores (0-100); a metric left out for too little data gives its weight to the others.",
        "各指标得分(0-100)的加权和；数据不足而剔除的指标，其权重按比例分给其他指标。",
    ),
    "scorecards.tile.help.open_disputes": (
        "Disputed QA reviews that wait for a decision (any period), each counted where it belongs: the team and "
        "home store its agent had on the review's date, as the QA reviews page lists them. A review from before an "
        "agent moved into your scope is not counted here, though it may count on that agent's card.",
        "尚待处理的质检申诉(不限期间)，按各质检评分的归属统计：评分当日客服专员所在的班组及常驻门店，与质检评分页面的列表一致。"
        "客服专员调入您的范围之前的评分不计入此处，但可能计入该客服专员的绩效记分卡。",
    ),
    "scorecards.empty": (
        "No agent in your scope has a scorecard for this period. Pick another period, or ask an admin to check "
        "that complaints are assigned to agents and QA reviews are imported.",
        "您权限内的客服专员在该期间没有记分卡。请选择其他期间，或请管理员确认投诉已分派给客服专员、质检评分已导入。",
    ),
    "scorecards.no_agent_link": (
        "Your account is not linked to an agent, so there is no scorecard to show. Ask an admin to link it on the Users page.",
        "您的账户未关联客服专员，因此没有记分卡可显示。请管理员在“用户”页面关联。",
    ),
    "scorecards.vs_previous": ("vs previous period", "较上一周期"),
    "scorecards.change.none": (
        "Change against {previous}: no data ({reason})",
        "较 {previous} 的变化：无数据({reason})",
    ),
    "scorecards.change.previous_insufficient": (
        "no composite in {previous}: insufficient data then, too few scored metrics",
        "{previous} 无综合得分：当期数据不足，可计分的指标太少",
    ),
    "scorecards.change.part_of_period": (
        "this card or the one of {previous} rests on part of a period: the agent's home store changed region",
        "本记分卡或 {previous} 的记分卡仅基于部分期间：该客服专员的所属门店更换了区域",
    ),
    "scorecards.change.no_previous": (
        "no scorecard of this agent in {previous} in your view: not on this team or in your scope then, or not "
        "yet hired",
        "在您的查看范围内 {previous} 没有该客服专员的记分卡：当时不在本班组或不在您的权限范围内，或尚未入职",
    ),
    "scorecards.col.help.change": (
        "Composite against the previous period. Empty: no composite this period, or none in the previous period "
        "(insufficient data then, or no scorecard then: not on the team or in your scope, or not yet hired); the "
        "agent's card says which.",
        "与上一周期综合得分相比的变化。为空：本期无综合得分，或上一周期无综合得分(当期数据不足，或当时无记分卡：不在本班组或"
        "不在您的权限范围内，或尚未入职)；客服专员的记分卡上注明原因。",
    ),
    "scorecards.insufficient": ("insufficient data", "数据不足"),
    "scorecards.not_ranked": ("not ranked (insufficient data)", "未排名(数据不足)"),
    "scorecards.not_ranked_part": (
        "not ranked (part of the period: {days:,} of {period_days:,} days in your stores)",
        "未排名(仅部分期间：{period_days:,} 天中有 {days:,} 天属于您的门店范围)",
    ),
    "scorecards.rank_of": ("{rank} of {n} · percentile {pct}", "第{rank}名 / 共{n}人 · 百分位 {pct}"),
    "scorecards.yes": ("yes", "是"),
    "scorecards.counted.yes": ("counted", "计入"),
    "scorecards.counted.left_out": ("left out: n {n} < {min_n}", "未计入：n {n} < {min_n}"),
    "scorecards.counted.unweighted": ("shown, weight 0", "仅展示，权重为0"),
    "scorecards.note.version": (
        "Scored with weights version {version} (in force from {since}).",
        "按第{version}版权重计分(自{since}起生效)。",
    ),
    "scorecards.note.version_initial": (
        "Scored with weights version {version} (the initial weights).",
        "按第{version}版权重(初始权重)计分。",
    ),
    "scorecards.note.rescaled": (
        "Left out for too little data: {metrics}. The other metrics' weights were rescaled to sum to 100.",
        "因数据不足剔除：{metrics}。其余指标的权重已按比例调整为合计100。",
    ),
    "scorecards.note.insufficient": (
        "Insufficient data: the metrics with enough data carry only {share}% of the weight (at least 50% needed). "
        "Not ranked, and no composite is given (never 0).",
        "数据不足：数据充足的指标仅占权重的{share}%(至少需50%)。不参与排名，也不给出综合得分(绝不记为0)。",
    ),
    "scorecards.note.rates": (
        "Rates are scored on their value and shown with their 95% Wilson interval; a metric with fewer items "
        "than its minimum n is left out of the composite.",
        "比率类指标按其数值计分，并显示95% Wilson置信区间；样本少于最低样本数的指标不计入综合得分。",
    ),
    "scorecards.note.part_of_period": (
        "The agent's home store was in your stores on {days:,} of this period's {period_days:,} days (it changed "
        "region): the card counts the complaints and QA reviews of those days only, the rest are the other "
        "region's manager's; it is not ranked against the team's whole-period cards.",
        "本期 {period_days:,} 天中，该客服专员的所属门店有 {days:,} 天属于您的门店范围(门店调整了区域)：本记分卡只统计"
        "这些天的投诉和质检评分，其余天数归另一区域的经理；不与班组其他整期记分卡排名。",
    ),
    "scorecards.note.in_progress": (
        "This period is still in progress: its figures will change.",
        "该期间尚未结束，数据仍会变化。",
    ),
    "scorecards.tiles.part_of_period": (
        "{n:,} {n:plural:card|cards} on part of the period (home store changed region): neither ranked nor "
        "counted as insufficient data.",
        "{n:,} 张记分卡仅基于部分期间(所属门店更换了区域)：既不参与排名，也不计为数据不足。",
    ),
    "scorecards.legend": (
        # "; " between the symbols: the weight-0 symbol is itself a middle dot ("· · weight 0" read as a stray dot)
        "✓ counted; ◐ left out (fewer items than its minimum n); ○ insufficient data; · weight 0",
        "✓ 计入；◐ 未计入(样本少于最低样本数)；○ 数据不足；· 权重为0",
    ),
    "scorecards.click_row": (
        "Tick a row's box (at its left) to open that agent's card below.",
        "勾选某一行左侧的方框，可在下方打开该客服专员的记分卡。",
    ),
    "scorecards.card_opened": ("{agent}'s card is open below.", "已在下方打开 {agent} 的记分卡。"),
    "scorecards.reviews.empty": ("No QA review in this period.", "本期间没有质检评分。"),
    "scorecards.trend.composite": ("Composite score, last six periods", "综合得分(近六期)"),
    "scorecards.trend.metric_scores": ("Metric scores, last six periods", "各指标得分(近六期)"),
    "scorecards.trend.team": ("Team composite (mean of ranked agents)", "班组综合得分(参与排名者均值)"),
    "scorecards.axis.period": ("Period", "期间"),
    "scorecards.axis.score": ("Score (0-100)", "得分(0-100)"),
    "scorecards.trend.team_mean": ("team mean", "班组均值"),
    "scorecards.trend.team_mean_withheld": (
        "The team mean is shown only for a period in which at least {n} agents of the team are ranked.",
        "班组均值仅在班组内至少有{n}名客服专员参与排名的周期显示。",
    ),
    "scorecards.format.hours": ("%.1f h", "%.1f 小时"),
    "scorecards.csv.unit.pct": ("{label} (%)", "{label}(%)"),
    "scorecards.csv.unit.hours": ("{label} (h)", "{label}(小时)"),
    # columns
    "scorecards.col.rank": ("Rank", "排名"),
    "scorecards.col.agent": ("Agent", "客服专员"),
    "scorecards.col.team": ("Team", "班组"),
    "scorecards.col.composite": ("Composite", "综合得分"),
    "scorecards.col.change": ("Change", "变化"),
    "scorecards.col.change_none": ("Change: no data because", "变化无数据的原因"),
    "scorecards.col.percentile": ("Percentile", "百分位"),
    "scorecards.col.score_of": ("{metric}: points (0-100)", "{metric}：计分(0-100)"),
    "scorecards.col.low_data": ("Low data", "数据不足"),
    "scorecards.col.open_disputes": ("Open disputes", "待处理申诉"),
    "scorecards.col.help.open_disputes": (
        "Disputes of this period's QA reviews that wait for a decision (the QA score may still change), also of "
        "reviews from before the agent moved into your scope. Open disputes above the table counts those of every "
        "period, but only of reviews dated while the agent was in your scope.",
        "本期间质检评分中尚待处理的申诉(质检得分可能仍会变化)，包括客服专员调入您的范围之前的评分。"
        "表格上方的“待处理申诉”统计所有期间的申诉，但仅限评分当日客服专员在您范围内的评分。",
    ),
    "scorecards.col.metric": ("Metric", "指标"),
    "scorecards.col.value": ("Value", "数值"),
    "scorecards.col.interval": ("95% interval", "95%置信区间"),
    "scorecards.col.interval_short": ("95% CI", "置信区间"),
    "scorecards.col.min_n": ("Min n", "最低样本数"),
    "scorecards.col.floor_target": ("Floor → target", "下限 → 目标"),
    "scorecards.col.score": ("Score", "得分"),
    "scorecards.col.score_help": (
        "Points 0-100, linear from the floor to the target; a metric counts from its minimum n on:",
        "按下限至目标线性折算为0-100分；样本数达到最低样本数才计入：",
    ),
    "scorecards.col.score_help_line": (
        "{metric}: {floor_target}, min n {min_n}",
        "{metric}：{floor_target}，最低样本数 {min_n}",
    ),
    "scorecards.col.weight": ("Weight", "权重"),
    "scorecards.col.effective_weight": ("Weight after rescaling", "调整后权重"),
    "scorecards.col.effective_weight_short": ("Rescaled", "调整后"),
    "scorecards.col.counted": ("In composite", "是否计入"),
    # under the card's table: a metric's words its narrow cells leave out (display.card_table_notes)
    "scorecards.card_note": ("{metric}: {words}", "{metric}：{words}"),
    "scorecards.col.reviewed_on": ("Date", "日期"),
    "scorecards.col.reviewer": ("Reviewer", "质检员"),
    "scorecards.col.form_score": ("Score as reviewed", "原始评分"),
    "scorecards.col.effective_score": ("Score counted", "计入评分"),
    "scorecards.col.effective_score_short": ("Counted", "计入"),
    "scorecards.col.form_score_short": ("Reviewed", "原始"),
    "scorecards.col.counts": ("How it counts", "计分方式"),
    "scorecards.col.open_dispute": ("Open dispute", "申诉中"),
    "scorecards.col.complaint": ("Complaint", "投诉"),
    "scorecards.col.comment": ("Comment", "评语"),
    "scorecards.review.counts": ("counts", "计入"),
    "scorecards.review.critical": ("critical criterion failed: counts 0", "关键项不合格：记0分"),
    "scorecards.review.corrected": ("corrected after a dispute", "申诉后已更正"),
    "scorecards.review.removed": ("removed after a dispute", "申诉后已剔除"),
    # exports
    "scorecards.export.team_csv": ("Team ranking (CSV)", "班组排名(CSV)"),
    "scorecards.export.card_csv": ("This card (CSV)", "本记分卡(CSV)"),
    "scorecards.export.card_pdf": ("Printable scorecard (PDF)", "可打印记分卡(PDF)"),
    "scorecards.export.card_html": ("Print-ready page (HTML)", "打印版网页(HTML)"),
    "scorecards.export.no_font": (
        "The PDF needs a Chinese font (Debian package fonts-wqy-microhei); `make run` installs it. The print-ready "
        "page works without it.",
        "PDF需要中文字体(Debian软件包 fonts-wqy-microhei)，`make run` 会自动安装。打印版网页无需该字体。",
    ),
    "scorecards.print.title": ("Agent scorecard", "客服绩效记分卡"),
    "scorecards.print.generated": (
        "Generated {at} ({zone}) · days in {zone}",
        "生成于 {at}({zone})· 按{zone}日期计",
    ),
    "scorecards.print.period": ("Period", "期间"),
    "scorecards.print.agent": ("Agent", "客服专员"),
    "scorecards.print.team": ("Team", "班组"),
    "scorecards.print.coaching": ("Coaching note: {note}", "辅导意见：{note}"),
    "scorecards.print.trend": ("Composite over the last six periods", "近六期综合得分"),
    # weights page
    "scorecards.weights.caption": (
        "Weights (sum 100), floors (score 0), targets (score 100) and minimum n of each metric. A change applies from "
        "the month you choose, to the periods not yet ended when you save it: a week, month or quarter that has "
        "already ended keeps the version it was scored with, even within the chosen month.",
        "各指标的权重(合计100)、下限(记0分)、目标(记100分)与最低样本数。修改自所选月份起生效，只适用于保存时尚未结束的"
        "周期：已结束的周、月、季度保留原计分版本，即使在所选月份之内。",
    ),
    "scorecards.weights.current": ("Versions", "版本"),
    "scorecards.weights.edit": ("New version", "新版本"),
    "scorecards.weights.effective_from": ("In force from (month)", "生效月份"),
    "scorecards.weights.note": ("Note (why)", "备注(原因)"),
    "scorecards.weights.sum": ("Weights sum to {total} (must be 100).", "权重合计 {total}(须为100)。"),
    "scorecards.weights.save": ("Save new version", "保存新版本"),
    "scorecards.weights.saved": (
        "Saved as version {version}, in force from {since}.",
        "已保存为第{version}版，自{since}起生效。",
    ),
    "scorecards.weights.unchanged": (
        "Nothing changed: version {version} already applies from {since} with these weights; no version was made.",
        "没有改动：第{version}版已按这些权重自{since}起适用；未生成新版本。",
    ),
    "scorecards.weights.initial": ("the beginning", "初始"),
    "scorecards.weights.col.version": ("Version", "版本"),
    "scorecards.weights.col.from": ("From", "生效自"),
    "scorecards.weights.col.by": ("By", "创建人"),
    "scorecards.weights.col.at": ("Created ({zone})", "创建时间({zone})"),
    "scorecards.weights.col.note": ("Note", "备注"),
    "scorecards.weights.col.floor": ("Floor (score 0)", "下限(0分)"),
    "scorecards.weights.col.target": ("Target (score 100)", "目标(100分)"),
    "scorecards.weights.col.unit": ("Unit", "单位"),
    "scorecards.weights.help.rates": (
        "Rates are in percent, scored on their value and shown with their 95% interval; a metric with fewer items "
        "than its minimum n is left out. A target below the floor means lower is better (resolution time, reopen "
        "rate). Complaints handled: per month, scaled to a week or quarter.",
        "比率以百分比计，按其数值计分，并显示95%置信区间；样本少于最低样本数的指标不计入。目标低于下限表示越低越好(解决时长、重开率)。"
        "处理投诉量按月设定，周、季度按时长折算。",
    ),
    "scorecards.weights.unit.count": ("complaints / month", "件/月"),
    "scorecards.weights.unit.pct": ("%", "%"),
    "scorecards.weights.unit.hours": ("hours", "小时"),
    "scorecards.weights.unit.points": ("points", "分"),
    "scorecard.weights.error.metrics": ("Every metric needs one row.", "每个指标须有一行。"),
    "scorecard.weights.error.weight_range": ("A weight is between 0 and 100.", "权重须在0到100之间。"),
    "scorecard.weights.error.sum": (
        "The weights sum to {total}; they must sum to 100.",
        "权重合计为{total}，须为100。",
    ),
    "scorecard.weights.error.floor_target": (
        "{metric}: the floor and the target must differ.",
        "{metric}：下限与目标不能相同。",
    ),
    "scorecard.weights.error.min_n": (
        "{metric}: the minimum n is at least 1.",
        "{metric}：最低样本数至少为1。",
    ),
    "scorecard.weights.error.pct_range": (
        "{metric}: floor and target are between 0 and 100.",
        "{metric}：下限与目标须在0到100之间。",
    ),
    "scorecard.weights.error.negative": (
        "{metric}: floor and target cannot be negative.",
        "{metric}：下限与目标不能为负数。",
    ),
    "scorecard.weights.error.month_start": (
        "A version starts on the first day of a month.",
        "新版本须从某月1日起生效。",
    ),
    "scorecard.weights.error.past": (
        "A version cannot start before {earliest}: periods already ended keep the weights they were scored with.",
        "新版本不能早于{earliest}生效：已结束的周期保留原有权重。",
    ),
}
