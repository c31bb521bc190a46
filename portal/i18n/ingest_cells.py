"""Messages about single cells of an import that could not be used as they stand: a store or agent cell naming two,
an id Excel shortened, a stamp naming a day the calendar lacks or a zone by its letters, and why a later stamp was
left out (one notice per reason: ``ingest.notice.stamps_left_out``'s ``why``). The rest of the import's messages:
``ingest``."""

STRINGS = {
    # a store (agent) cell holding one store's code and another's name (portal.ingest.codes): refused, never guessed
    "ingest.error.code_name_disagree_store": (
        "This cell names two stores: its code is {held} and its name belongs to {named}. Give the one store meant.",
        "此单元格指向两家门店：编码为 {held}，名称却属于 {named}。请只填写所指的那一家门店。",
    ),
    "ingest.error.code_name_disagree_agent": (
        "This cell names two agents: its code is {held} and its name belongs to {named}. Give the one agent meant.",
        "此单元格指向两名客服专员：编码为 {held}，姓名却属于 {named}。请只填写所指的那一名客服专员。",
    ),
    "ingest.error.name_column_disagree_agent": (
        "The code is {held}'s, but {column} on this row names {named}. Give the one agent meant in both columns.",
        "编码属于 {held}，但本行的{column}为 {named}。请在两列中填写同一名客服专员。",
    ),
    "ingest.error.name_column_disagree_store": (
        "The code is {held}'s, but {column} on this row names {named}. Give the one store meant in both columns.",
        "编码属于 {held}，但本行的{column}为 {named}。请在两列中填写同一家门店。",
    ),
    "ingest.error.id_shortened_by_excel": (
        "Excel shortened this number (scientific notation, or a number over 15 digits): the id's last digits are "
        "lost. In the workbook, format the id column as Text (or type the ids with a leading ') and export again.",
        "Excel 已将该数字缩写(科学计数法，或超过 15 位的数字)，编号的末几位已丢失。请在工作簿中将编号列设置为“文本”"
        "格式(或在编号前加英文单引号 ')后重新导出。",
    ),
    "ingest.error.not_a_time_of_day": (
        "Not a time of day (accepted: 14:03, 14:03:27, 2:03 PM, 下午 2:03, 14时03分).",
        "不是有效的时刻(可用格式：14:03、14:03:27、2:03 PM、下午 2:03、14时03分)。",
    ),
    "ingest.error.two_times_of_day": (
        "Two times of day for one stamp: its date in column {date_column} holds a time of its own, and this time in "
        "column {time_column} is another. Leave one of them blank, or make them agree.",
        "同一时间有两个时刻：{date_column} 列的日期已带有时刻，而 {time_column} 列的此时刻与之不同。请将其中一个留空，"
        "或使两者一致。",
    ),
    "ingest.error.no_such_day": (
        "Not a date: the day {detail} does not exist in the calendar (check the day and the month).",
        "不是有效日期：日历中没有 {detail} 这一天(请检查日和月)。",
    ),
    "ingest.error.no_year": (
        "A date without its year ({detail}): write the year too, as in 2026-12-03 or 2026年12月3日 (a year in a "
        "title row or in the sheet's name is not read).",
        "日期缺少年份({detail})：请写明年份，如 2026-12-03 或 2026年12月3日(标题行或工作表名称中的年份不会被读取)。",
    ),
    "ingest.error.month_not_stated": (
        "The date {date} is in month {month}, but {where} states {stated}: check the month, or write the date with "
        "its year.",
        "日期 {date} 在 {month} 月，但{where}写明的是 {stated}：请检查月份，或写明日期的年份。",
    ),
    "ingest.error.zone_letters": (
        "A time zone given by its letters ({detail}) is not read: the letters stand for several zones (CST is "
        "China's or US Central time). Export the time with an offset (2026-11-05 14:03:00 +08:00, "
        "2026-11-05T14:03:00+0800) or without a zone, and state the file's time zone.",
        "以字母表示的时区({detail})无法读取：同一缩写可指多个时区(CST 可指中国标准时间或美国中部时间)。请导出带时差的时间"
        "(2026-11-05 14:03:00 +08:00、2026-11-05T14:03:00+0800)或不带时区的时间，并指定文件的时区。",
    ),
    # a row that would take a stored complaint back to an earlier state (portal.ingest.complaints_older)
    "ingest.error.older_export_response": (
        "This complaint is stored as first answered at {at} ({zone}); this file gives it no first response. A "
        "complaint once answered stays answered: is the file an export older than one imported before? Import the "
        "latest export (to take the stored answer back, undo the import that stored it).",
        "该投诉已记录首次响应时间 {at}({zone})；本文件中该投诉没有首次响应时间。投诉一经响应就不会变为未响应："
        "本文件是否比之前导入的导出文件更旧？请导入最新的导出文件(如需撤回已记录的响应，请撤销记录它的导入批次)。",
    ),
    "ingest.error.older_export_resolved": (
        "This complaint is stored as resolved at {at} ({zone}); this file gives it no resolution time, yet its "
        "reopen count says it was not reopened since. Is the file an export older than one imported before? Import "
        "the latest export (to take the stored resolution back, undo the import that stored it). If the "
        "complaint was reopened and the source does not count reopens, leave the reopen count unmapped.",
        "该投诉已记录解决时间 {at}({zone})；本文件中该投诉没有解决时间，而其重开次数表明此后并未重开。本文件是否比之前"
        "导入的导出文件更旧？请导入最新的导出文件(如需撤回已记录的解决时间，请撤销记录它的导入批次)。"
        "如果该投诉已重开而来源系统不统计重开次数，请不要映射重开次数一列。",
    ),
    "ingest.error.older_export_closed": (
        "This complaint is stored as closed at {at} ({zone}); this file gives it no close time, yet its reopen "
        "count says it was not reopened since. Is the file an export older than one imported before? Import the "
        "latest export (to take the stored close back, undo the import that stored it). If the "
        "complaint was reopened and the source does not count reopens, leave the reopen count unmapped.",
        "该投诉已记录关闭时间 {at}({zone})；本文件中该投诉没有关闭时间，而其重开次数表明此后并未重开。本文件是否比之前"
        "导入的导出文件更旧？请导入最新的导出文件(如需撤回已记录的关闭时间，请撤销记录它的导入批次)。"
        "如果该投诉已重开而来源系统不统计重开次数，请不要映射重开次数一列。",
    ),
    "ingest.error.older_export_reopens": (
        "This complaint is stored as reopened {stored:,} {stored:plural:time|times}; this file gives a lower count. "
        "A count of reopens never goes down: is the file an export older than one imported before? Import the "
        "latest export (to take the stored count back, undo the import that stored it).",
        "该投诉已记录重开 {stored:,} 次；本文件中的重开次数更少。重开次数只增不减：本文件是否比之前导入的导出文件更旧？"
        "请导入最新的导出文件(如需撤回已记录的次数，请撤销记录它的导入批次)。",
    ),
    # why a stamp was left out (one notice per reason)
    "ingest.left_out.before_received": ("earlier than the received time", "早于受理时间"),
    "ingest.left_out.future": ("in the future", "晚于当前时间"),
    "ingest.left_out.no_such_day": (
        "a day that does not exist, such as 2026/2/30",
        "日期不存在，如 2026/2/30",
    ),
    "ingest.left_out.no_year": ("a date without its year, such as 12月3日", "日期缺少年份，如 12月3日"),
    "ingest.left_out.zone_letters": (
        "time zone letters such as CST, which are not read (give an offset such as +08:00, or no zone)",
        "以字母表示的时区(如 CST)无法读取(请写时差，如 +08:00，或不写时区)",
    ),
    "ingest.left_out.unreadable": ("not a date or time", "无法识别为日期或时间"),
    # a stamp column of clocks (stamp_reasons.elapsed_clocks): never read as durations, said what they look like
    "ingest.left_out.clock_duration": (
        "clocks of time taken such as {example}, not dates and times, as no time of day passes 23:59 — the column "
        "looks like a duration: map it to “{field}” instead",
        "形如 {example} 的经过时间而非日期时间，因一天中的时刻不会超过 23:59——该列看来是时长，请改为映射到“{field}”",
    ),
    "ingest.left_out.clock_no_date": (
        "clocks without a date such as {example} — if they are the time taken after the received time, the column "
        "is a duration: map it to “{field}” instead; if they are times of day, their date is missing",
        "只有时钟值而无日期，如 {example}——若为受理后经过的时间，该列是时长，请改为映射到“{field}”；"
        "若为一天中的时刻，则缺少日期",
    ),
    "ingest.left_out.before_floor": ("before the earliest date accepted", "早于可接受的最早日期"),
    # a duration after the received time that gave no stamp (portal.ingest.complaints_durations)
    "ingest.left_out.not_a_duration": (
        "not a duration such as 5400, 1小时23分 or 2天3小时",
        "无法识别为时长，应如 5400、1小时23分 或 2天3小时",
    ),
    "ingest.left_out.duration_no_unit": (
        "a number without a unit: neither the cell nor the column's header says seconds, minutes, hours or days",
        "数字未注明单位：单元格和列标题均未写明秒、分钟、小时或天",
    ),
    "ingest.left_out.received_date_only": (
        "a duration after a received date without a time of day",
        "受理时间只有日期而无具体时刻，无法加上时长",
    ),
}
