"""Strings of the Settings page (issue 9 item 4: the reporting zone and each store's zone)."""

STRINGS = {
    "page.settings": ("Settings", "系统设置"),
    "settings.caption": (
        "Time zones. Dashboards count days, weeks and months in the reporting zone; an import reads times "
        "that carry no zone in the zone it names (the reporting zone unless the upload form or --timezone "
        "says otherwise), and a store an import adds takes that zone. Every change is written to the audit log. "
        "Command line: portal settings show | set-zone | set-store-zone.",
        "时区。各看板按报告时区统计日、周、月；导入时，不带时区的时间按导入所指定的时区读取(除非上传表单或 --timezone "
        "另有指定，即报告时区)，导入新增的门店也采用该时区。每次修改均记入审计日志。"
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
}
