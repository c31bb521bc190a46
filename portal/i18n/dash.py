"""Strings of issue 10 (dashboards): period presets, the filter caption, the complaint list, landing."""

STRINGS = {
    "filters.preset.yesterday": ("Yesterday", "昨天"),
    "filters.preset.last_week": ("Last week", "上周"),
    "filters.preset.this_month": ("This month", "本月"),
    "filters.preset.last_month": ("Last calendar month", "上个自然月"),
    "filters.preset.last_quarter": ("Last quarter", "上季度"),
    "filters.caption.period": ("{preset}: {start} – {end} ({zone})", "{preset}:{start} 至 {end}({zone})"),
    "filters.caption.scope": ("Your scope: {scope}", "您的数据范围:{scope}"),
    "filters.scope.all_stores": ("all stores", "全部门店"),
    "filters.scope.stores": ("{n} stores ({codes})", "{n} 家门店({codes})"),
    "filters.scope.no_stores": ("no stores", "无门店"),
    "filters.scope.team": ("team {team}", "团队 {team}"),
    "filters.scope.agent": ("your own complaints", "本人处理的投诉"),
}
