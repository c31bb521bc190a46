"""Strings of the Settings page (issue 9 item 4: the reporting zone and each store's zone)."""

STRINGS = {
    "page.settings": ("Settings", "系统设置"),
    "settings.caption": (
        "Time zones. Dashboards count days, weeks and months in the reporting zone; an import reads times "
        "that carry no zone in the zone it names (the reporting zone unless the upload form or --timezone "
        "says otherwise), and a store an import adds takes that zone. Every change is written to the audit log. "
        "Command line: portal settings show | set-zone | set-store-zone.",
        "时区。各看板按报告时区统计日、周、月；导入时，不带时区的时间按导入所指定的时区读取(除非上传表单或 --timezone "
        "另有指定，即报告时区)，导入新增的门店也采用该时区。每次修改均记入操作日志。"
        "命令行：portal settings show | set-zone | set-store-zone。",
    ),
    "settings.report_zone.title": ("Reporting time zone", "报告时区"),
    "settings.report_zone.label": ("Reporting time zone", "报告时区"),
    "settings.report_zone.auto": (
        "Automatic: the stores' most common zone ({zone})",
        "自动：门店最常用的时区({zone})",
    ),
    "settings.report_zone.now": ("In use now: {zone}.", "当前使用：{zone}。"),
    "settings.report_zone.save": ("Save the reporting zone", "保存报告时区"),
    "settings.report_zone.saved": ("Reporting time zone saved: {zone}.", "报告时区已保存：{zone}。"),
    "settings.store_zone.title": ("Store time zones", "门店时区"),
    "settings.store_zone.store": ("Store", "门店"),
    "settings.store_zone.zone": ("Time zone", "时区"),
    "settings.store_zone.save": ("Save the store's zone", "保存门店时区"),
    "settings.store_zone.saved": (
        "Store {store}: time zone {zone} (was {was}).",
        "门店 {store}：时区 {zone}(原为 {was})。",
    ),
    "settings.store_zone.none": (
        "No stores yet: import a file with store codes (and choose to add unknown codes) first.",
        "尚无门店：请先导入含门店编码的文件(并选择添加未知编码)。",
    ),
    "settings.col.store_code": ("Store code", "门店编码"),
    "settings.col.store_name": ("Store", "门店"),
    "settings.col.region": ("Region", "区域"),
    "settings.col.timezone": ("Time zone", "时区"),
    "settings.col.active": ("Active", "启用"),
    # targets and thresholds (portal/targets.py): SPEC §1, the admin changes targets
    "settings.targets.title": ("Targets and thresholds", "目标与阈值"),
    "settings.targets.caption": (
        "The targets every dashboard judges its figures against, the 5S bands, the due date of a corrective "
        "action and the sign-in lockout. A change applies to every page at once, past periods included, except "
        "the response commitment on the agent scorecards: a scorecard period that has ended keeps the hours it "
        "was scored with, and the change applies from the period under way. Each changed setting is written to "
        "the audit log with the value it replaced.",
        "各看板据以判断达标与否的目标、5S评级分段、整改措施的截止天数以及登录锁定规则。修改立即对所有页面生效"
        "(包括以往各期)，但绩效记分卡的响应承诺时限除外：已结束的周期保留评分时的时限，修改自进行中的周期起生效。"
        "每项修改连同原值记入操作日志。",
    ),
    "settings.targets.group.complaints": ("Complaints", "投诉"),
    "settings.targets.group.satisfaction": ("Satisfaction", "满意度"),
    "settings.targets.group.fives": ("5S", "5S管理"),
    "settings.targets.group.sign_in": ("Sign-in", "登录"),
    "settings.targets.response_sla_hours": ("Response commitment (hours)", "响应承诺时限(小时)"),
    "settings.targets.response_sla_target_pct": ("Response SLA attainment target (%)", "响应达标率目标(%)"),
    "settings.targets.resolution_target_hours.high": (
        "Resolution target, high severity (hours)",
        "解决时长目标：严重程度高(小时)",
    ),
    "settings.targets.resolution_target_hours.normal": (
        "Resolution target, normal severity (hours)",
        "解决时长目标：严重程度中(小时)",
    ),
    "settings.targets.resolution_target_hours.low": (
        "Resolution target, low severity (hours)",
        "解决时长目标：严重程度低(小时)",
    ),
    "settings.targets.reopen_rate_target_pct": ("Reopen rate target, at most (%)", "重开率目标(不高于，%)"),
    "settings.targets.recovery_rate_target_pct": ("Recovery rate target (%)", "挽回率目标(%)"),
    "settings.targets.satisfaction_target": ("Satisfaction index target (0-100)", "满意度指数目标(满分100)"),
    "settings.targets.csat_target_pct": ("CSAT target (%)", "满意率 (CSAT) 目标(%)"),
    "settings.targets.nps_target": ("NPS target", "净推荐值 (NPS) 目标"),
    "settings.targets.fives_bands.excellent": ("5S excellent from (%)", "5S优秀下限(%)"),
    "settings.targets.fives_bands.good": ("5S good from (%)", "5S良好下限(%)"),
    "settings.targets.fives_bands.needs_improvement": (
        "5S needs improvement from (%); below: failing",
        "5S待改进下限(%)；低于此为不合格",
    ),
    "settings.targets.fives_action_due_days": ("Corrective action due in (days)", "整改措施截止天数"),
    "settings.targets.lockout_max_attempts": (
        "Failed sign-ins in a row that lock an account",
        "连续登录失败多少次锁定账户",
    ),
    "settings.targets.lockout_minutes": ("Lockout (minutes)", "锁定时长(分钟)"),
    "settings.targets.group.servqual": (
        "SERVQUAL default weights (sum 100; used where no respondent gave importance weights)",
        "SERVQUAL服务质量模型默认权重(合计100；用于没有答卷给出重要性权重时)",
    ),
    "settings.targets.servqual_default_weights.tangibles": (
        "SERVQUAL default weight, tangibles",
        "SERVQUAL服务质量模型默认权重(有形性)",
    ),
    "settings.targets.servqual_default_weights.reliability": (
        "SERVQUAL default weight, reliability",
        "SERVQUAL服务质量模型默认权重(可靠性)",
    ),
    "settings.targets.servqual_default_weights.responsiveness": (
        "SERVQUAL default weight, responsiveness",
        "SERVQUAL服务质量模型默认权重(响应性)",
    ),
    "settings.targets.servqual_default_weights.assurance": (
        "SERVQUAL default weight, assurance",
        "SERVQUAL服务质量模型默认权重(保证性)",
    ),
    "settings.targets.servqual_default_weights.empathy": (
        "SERVQUAL default weight, empathy",
        "SERVQUAL服务质量模型默认权重(移情性)",
    ),
    "settings.targets.group.low_confidence": (
        "Low confidence (small sample): a figure on fewer is marked so and never coloured as a pass or a fail",
        "样本不足：低于下列数量的指标标为样本不足，不判定达标或未达标",
    ),
    "settings.targets.low_confidence_n": (
        "Low confidence below n (complaints, survey responses)",
        "样本不足阈值(投诉、答卷，n 低于此数)",
    ),
    "settings.targets.scorecard_low_confidence_n": (
        "Scorecards: low confidence below n (items)",
        "绩效记分卡样本不足阈值(项数低于此数)",
    ),
    "settings.targets.fives_low_confidence_n": (
        "5S: low confidence below n (inspections)",
        "5S管理样本不足阈值(检查次数低于此数)",
    ),
    "settings.targets.save": ("Save targets and thresholds", "保存目标与阈值"),
    "settings.targets.saved": (
        "Saved: {n:plural:1 setting changed|{n} settings changed}.",
        "已保存：修改了 {n} 项设置。",
    ),
    "settings.targets.unchanged": ("Nothing was changed.", "没有修改任何设置。"),
    "settings.targets.error.range": (
        "{field}: enter a number from {min:g} to {max:g}.",
        "{field}：请输入 {min:g} 至 {max:g} 之间的数字。",
    ),
    "settings.targets.error.whole": ("{field}: enter a whole number.", "{field}：请输入整数。"),
    "settings.targets.error.unknown": (
        "There is no setting {name!r}; the settings are: {names}.",
        "没有名为 {name!r} 的设置；可用的设置：{names}。",
    ),
    "settings.targets.error.weights_sum": (
        "The SERVQUAL default weights sum to {total}; they must sum to 100.",
        "SERVQUAL服务质量模型默认权重合计为{total}，须为100。",
    ),
    "settings.targets.error.bands": (
        "The 5S bands must fall: excellent above good above needs improvement.",
        "5S评级分段须依次递减：优秀 > 良好 > 待改进。",
    ),
    "settings.cli.not_admin": (
        "refused: only an admin changes settings ({user} is not one); nothing written.",
        "已拒绝：只有管理员可以修改设置({user} 不是管理员)；未写入任何内容。",
    ),
}
