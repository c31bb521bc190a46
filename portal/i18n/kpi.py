"""Words of the one KPI figure type (portal/kpi.py): values, changes, status, targets, captions."""

STRINGS = {
    "kpi.value.hours": ("{v:,.1f} h", "{v:,.1f} 小时"),
    "kpi.value.days": ("{v:,.1f} d", "{v:,.1f} 天"),
    "kpi.value.pct": ("{v:.1f}%", "{v:.1f}%"),
    # a table column's printf format (st.column_config.NumberColumn), as kpi.value.* shows a tile's value
    "kpi.column.hours": ("%,.1f h", "%,.1f 小时"),
    "kpi.column.days": ("%,.1f d", "%,.1f 天"),
    "kpi.change.hours": ("{v} h", "{v} 小时"),
    "kpi.change.days": ("{v} d", "{v} 天"),
    "kpi.change.pp": ("{v} pp", "{v} 个百分点"),
    "kpi.no_data": ("no data", "无数据"),
    "kpi.status.meets": ("✓ meets target", "✓ 达标"),
    "kpi.status.misses": ("✗ misses target", "✗ 未达标"),
    "kpi.status.low_confidence": ("◌ low confidence", "◌ 样本不足"),
    "kpi.status.no_data": ("no data", "无数据"),
    "kpi.target.none": ("no target", "未设目标"),
    "kpi.target.at_most": ("target ≤ {value}", "目标 ≤ {value}"),
    "kpi.target.at_least": ("target ≥ {value}", "目标 ≥ {value}"),
    # the one rule of judging a figure against its target (portal.kpi.Figure.status), said where targets are shown
    "kpi.target.rule": (
        "A figure is judged against its target as shown, rounded half up to its decimals (84.96% shows 85.0% and "
        "meets a target of 85; 84.94% shows 84.9% and misses it).",
        "指标按显示值(四舍五入到所显示的小数位)与目标比较(84.96% 显示为 85.0%，达到目标 85；84.94% 显示为 84.9%，"
        "未达标)。",
    ),
    "kpi.caption.n": ("n = {n:,}", "n = {n:,}"),
    "kpi.caption.low": ("low confidence (n < {min_n})", "样本不足(n < {min_n})，仅供参考"),
    "kpi.caption.no_data": ("no data: {reason}", "无数据：{reason}"),
    # why a figure has no data (Figure.no_data_reason)
    "kpi.reason.no_first_response": (
        "the data holds no first response times",
        "数据中没有首次响应时间",
    ),
    "kpi.reason.none_in_period": (
        "nothing to count in this period and selection (n = 0)",
        "本周期和所选范围内没有可计算的记录(n = 0)",
    ),
    "kpi.vs_previous": ("vs previous period", "较上一周期"),
    "kpi.vs_previous_so_far": ("{text} (period in progress)", "{text}(本周期进行中)"),
    # what a change is against (portal.kpi.Comparison): why none is shown, or that the period is in progress
    "kpi.change_left_out.partly_covered": (
        "No change is shown: the data begins on {day}, after the start of the previous period ({start} to "
        "{end}), which it covers only in part.",
        "不显示变化：数据从 {day} 开始，晚于上一周期({start} 至 {end})的起始日，上一周期只有部分日期有数据。",
    ),
    "kpi.change_left_out.not_covered": (
        "No change is shown: the data in your scope holds nothing of the previous period ({start} to {end}).",
        "不显示变化：您的权限范围内没有上一周期({start} 至 {end})的数据。",
    ),
    "kpi.change_left_out.no_previous": (
        "No change is shown for {label}: the previous period ({start} to {end}) has no data for it.",
        "{label}不显示变化：上一周期({start} 至 {end})没有该指标的数据。",
    ),
    "kpi.change_left_out.other_units": (
        "No change is shown for {label}: the previous period ({start} to {end}) gives it in other units (hours "
        "or whole days).",
        "{label}不显示变化：上一周期({start} 至 {end})该指标的单位不同(小时或整天)。",
    ),
    "kpi.change_left_out.not_begun": (
        "No change is shown: the period is in progress and not one whole day of it has passed; part of a day "
        "says nothing against the whole previous period ({start} to {end}).",
        "不显示变化：本周期进行中，尚未过完一整天；不足一天的数据无法与整个上一周期({start} 至 {end})比较。",
    ),
    "kpi.change_in_progress": (
        "The period is in progress ({elapsed} of its {days} days {elapsed:plural:has|have} passed): its change compares the days so "
        "far with the whole previous period.",
        "本周期进行中({days} 天中已过 {elapsed} 天)：变化为目前为止的数据与整个上一周期相比。",
    ),
}
