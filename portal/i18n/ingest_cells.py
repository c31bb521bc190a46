"""Messages about single cells of an import that could not be used as they stand: an id Excel shortened, a stamp
naming a day the calendar lacks or a zone by its letters, and why a later stamp was left out (one notice per
reason: ``ingest.notice.stamps_left_out``'s ``why``). The rest of the import's messages: ``ingest``."""

STRINGS = {
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
    "ingest.error.zone_letters": (
        "A time zone given by its letters ({detail}) is not read: the letters stand for several zones (CST is "
        "China's or US Central time). Export the time with an offset (2026-11-05 14:03:00 +08:00, "
        "2026-11-05T14:03:00+0800) or without a zone, and state the file's time zone.",
        "以字母表示的时区({detail})无法读取：同一缩写可指多个时区(CST 可指中国标准时间或美国中部时间)。请导出带时差的时间"
        "(2026-11-05 14:03:00 +08:00、2026-11-05T14:03:00+0800)或不带时区的时间，并指定文件的时区。",
    ),
    # why a stamp was left out (one notice per reason)
    "ingest.left_out.before_received": ("earlier than the received time", "早于受理时间"),
    "ingest.left_out.future": ("in the future", "晚于当前时间"),
    "ingest.left_out.no_such_day": (
        "a day that does not exist, such as 2026/2/30",
        "日期不存在，如 2026/2/30",
    ),
    "ingest.left_out.zone_letters": (
        "time zone letters such as CST, which are not read (give an offset such as +08:00, or no zone)",
        "以字母表示的时区(如 CST)无法读取(请写时差，如 +08:00，或不写时区)",
    ),
    "ingest.left_out.unreadable": ("not a date or time", "无法识别为日期或时间"),
    "ingest.left_out.before_floor": ("before the earliest date accepted", "早于可接受的最早日期"),
}
