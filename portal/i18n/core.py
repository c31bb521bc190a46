"""Shell, navigation, filters, shared widgets, data status."""

STRINGS = {
    # how each language writes a list and a name with its value (Chinese: 、 and a full-width colon)
    "text.list_separator": (", ", "、"),
    "text.label_value": ("{label}: {value}", "{label}：{value}"),
    "app.title": ("Service KPI Portal", "服务绩效看板"),
    "app.language": ("Language", "语言"),
    "app.demo_banner": (
        "Demo data: every figure here comes from a generated data set, not from real customers.",
        "演示数据：此处所有数字均来自生成的数据集，并非真实客户数据。",
    ),
    "app.db_error": ("The portal cannot open its database.", "看板无法打开数据库。"),
    "app.write_failed": (
        "The database could not write this change; nothing of it was written. Try again in a moment; if it "
        "fails again, ask an admin (the server may be short of disk space or memory).",
        "数据库未能写入此项更改；更改的内容均未写入。请稍后重试；如再次失败，请联系管理员(服务器的磁盘空间或内存可能不足)。",
    ),
    "app.write_fatal": (
        "The database stopped while writing this change and has been opened again; nothing of the change was "
        "written. The server is likely short of disk space: ask an admin to free some before trying again.",
        "数据库在写入此项更改时停止运行，现已重新打开；更改的内容均未写入。服务器的磁盘空间可能不足：请联系管理员释放空间后再重试。",
    ),
    "app.database_reopened": (
        "The database had stopped after a write it could not finish (the server's disk may be full) and has been "
        "opened again. Reload the page.",
        "数据库因一次未能完成的写入而停止运行(服务器磁盘可能已满)，现已重新打开。请刷新页面。",
    ),
    "app.write_user_changed": (
        "Nothing was written: your account changed after this page was shown (deactivated, or your roles or "
        "access changed).",
        "未写入任何内容：此页面显示后，您的账户已更改(已停用，或角色、访问范围已更改)。",
    ),
    "app.not_permitted": (
        "Not permitted: this page is not available to your role.",
        "无权访问：您的角色无法使用此页面。",
    ),
    # under "not permitted": a link to the user's landing page ({page}: its menu title)
    "app.not_permitted_home": ("Go to {page}", "前往{page}"),
    "app.loading": ("Loading figures…", "正在加载数据…"),
    # a chart with nothing to draw (no point in this period and selection): said instead of empty axes
    "chart.no_data": (
        "{title}: no data to draw in this period and selection. Choose a longer period or another selection.",
        "{title}：本周期和所选范围内没有可绘制的数据。请选择更长的周期或其他范围。",
    ),
    "chart.no_data_untitled": (
        "No data to draw in this period and selection. Choose a longer period or another selection.",
        "本周期和所选范围内没有可绘制的数据。请选择更长的周期或其他范围。",
    ),
    # Streamlit's hint under a text input outside a form (its own words, replaced on a Chinese page by CSS)
    "app.input_hint_apply": ("Press Enter to apply", "按回车键确认"),
    "nav.section.overview": ("Overview", "概览"),
    "nav.section.dashboards": ("Dashboards", "看板"),
    "nav.section.data": ("Data", "数据"),
    "nav.section.admin": ("Administration", "系统管理"),
    "nav.section.account": ("Account", "账户"),
    # filters
    "filters.title": ("Filters", "筛选"),
    "filters.date_range": ("Date range", "日期范围"),
    "filters.region": ("Region", "区域"),
    "filters.store": ("Store", "门店"),
    "filters.all": ("All", "全部"),
    "filters.not_started": (
        "This period has not started (it begins on {start}): there is nothing to count in it yet. Choose a period "
        "that has begun.",
        "该周期尚未开始(从 {start} 开始)：其中还没有可计算的数据。请选择已经开始的周期。",
    ),
    "filters.in_progress": (
        "Period in progress: day {days} of {total}. Counts are so far; a change against the previous period "
        "compares part of this one with the whole of that one.",
        "周期进行中：第 {days} 天，共 {total} 天。计数为截至目前的数据；与上一周期的变化是以本期的一部分与上一整期相比。",
    ),
    "filters.dropped": (
        "{dimension} {values} is not among the ones you can choose (outside your scope, or without data to "
        "select): it is left out of the filter, which shows the rest.",
        "{dimension} {values} 不在您可选择的范围内(超出您的权限范围，或没有可选的数据)：已从筛选中去掉，下面显示其余范围。",
    ),
    "filters.date_refused": (
        "Left out of the address: {values}, outside the days the portal reports on ({first} to {last}). The "
        "period is {period}.",
        "地址中的日期已忽略：{values}，超出看板可报告的日期范围({first} 至 {last})。周期为{period}。",
    ),
    "filters.date_out_of_range": (
        "Outside the days the portal reports on ({first} to {last}): {values}.",
        "超出看板可报告的日期范围({first} 至 {last})：{values}。",
    ),
    "filters.apply": ("Apply filters", "应用筛选"),
    "filters.timezone_note": ("Days run midnight to midnight, {tz}.", "每日按{tz}从零点起算。"),
    "filters.preset": ("Period", "周期"),
    "filters.preset.last_30": ("Last 30 days", "近30天"),
    "filters.preset.last_90": ("Last 90 days", "近90天"),
    "filters.preset.this_year": ("This year", "今年"),
    "filters.preset.last_365": ("Last 12 months", "近12个月"),
    "filters.preset.custom": ("Custom", "自定义"),
    "filters.bad_range": (
        "The start date is after the end date; showing the last 90 days.",
        "开始日期晚于结束日期，已改为显示近90天。",
    ),
    # shared words
    "common.n": ("n = {n:,}", "n = {n:,}"),
    # a choice box with nothing to choose (Streamlit's own words for it are English only)
    "common.no_options": ("Nothing to choose", "暂无可选项"),
    "common.low_confidence": ("low confidence (small sample)", "样本不足"),
    "common.target": ("Target", "目标"),
    "common.previous_period": ("previous period", "上一周期"),
    "common.download_csv": ("Download CSV", "下载 CSV"),
    "common.yes": ("yes", "是"),  # a yes/no column of an export (portal.export.yes_no)
    "common.no": ("no", "否"),
    "common.no_data": (
        "No data for these filters. Widen the date range or choose another store.",
        "当前筛选条件下没有数据。请扩大日期范围或选择其他门店。",
    ),
    "common.hours": ("hours", "小时"),
    "common.days": ("days", "天"),
    "common.week": ("Week", "周"),
    "common.month": ("Month", "月"),
    "common.count": ("Count", "数量"),
    "common.store": ("Store", "门店"),
    "common.region": ("Region", "区域"),
    "common.none": ("—", "—"),
    # data status page
    "page.data_status": ("Data status", "数据状态"),
    "status.caption": (
        "What the portal holds: for each kind of data, how many rows, the dates they cover and the last import.",
        "看板中现有的数据：每类数据的行数、覆盖日期和最近一次导入。",
    ),
    "status.kind": ("Kind of data", "数据类别"),
    "status.rows": ("Rows", "行数"),
    "status.rows_log": ("Rows (log scale)", "行数(对数刻度)"),
    "status.first": ("From", "起始日期"),
    "status.last": ("To", "截止日期"),
    "status.last_import": ("Last import ({zone})", "最近导入({zone})"),
    "status.no_import": (
        "An empty “Last import”: no file of that kind has been imported for the stores you see; its rows came "
        "from the demo data or were entered in the portal.",
        "“最近导入”为空：您可查看的门店尚无该类数据的导入文件，数据来自演示数据或在门户中录入。",
    ),
    "status.empty": (
        "The portal holds no data you may see yet. Data arrives through the Upload page (stores and "
        "agents, complaint exports, surveys, 5S sheets); ask a manager or an admin if your stores are missing.",
        "暂无您可查看的数据。数据通过“上传”页面导入(门店与客服专员、投诉导出、满意度调查、5S检查表)；如缺少您的门店，请联系经理或管理员。",
    ),
    "status.schema_version": ("Schema version {v}", "数据库结构版本 {v}"),
    "status.kind.stores": ("Stores", "门店"),
    "status.kind.agents": ("Agents", "客服专员"),
    "status.kind.complaints": ("Complaints", "投诉"),
    "status.kind.survey_responses": ("Survey responses", "满意度答卷"),
    "status.kind.servqual_responses": ("Responses with SERVQUAL block", "含SERVQUAL量表的答卷"),
    "status.kind.qa_reviews": ("QA reviews", "质检评分"),
    "status.kind.inspections": ("5S inspections", "5S检查"),
    "status.kind.corrective_actions": ("Corrective actions", "整改措施"),
    "status.chart_title": ("Rows per kind of data", "各类数据行数"),
}
