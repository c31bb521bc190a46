"""Uploads: the notices of the import pipeline (what a preview or a commit tells about the file without refusing
it: derived ids, inferred formats, codes respelled, columns left out). Split from ``ingest`` for size; the keys
keep their ``ingest.notice.`` names."""

STRINGS = {
    # the sheet chooser's option of a workbook's sheets read as one table (portal/ui_upload.py)
    "ingest.sheet.as_one": ("All of: {sheets}", "全部：{sheets}"),
    "ingest.sheet.help_as_one": (
        "The workbook's sheets with the same columns (a sheet per month) are read together, as one import; choose "
        "one of them to import it alone.",
        "工作簿中列相同的工作表(每月一张)一起读取，作为一个导入批次；也可选择其中一张单独导入。",
    ),
    "ingest.notice.derived_ids": (
        "The file has no id column: each of its {n:,} complaints gets an id made from the cells that do not change "
        "while a complaint is handled: {columns} (h-…; rows alike in all of them are numbered in the file's order). "
        "A later export of the same complaints gets the same ids, so their status and times are updated, not added "
        "again; a complaint whose received time, store, channel or category changed is taken for a new one. "
        "Where several complaints share all of them, a later export must list as many of them as are stored, "
        "else those rows are refused (they cannot be told apart: add the id column to the export).",
        "文件没有编号列：其 {n:,} 条投诉各由处理过程中不会改变的单元格生成编号：{columns}(h-…；这些单元格完全相同的行按文件中的"
        "顺序编号)。同一批投诉的后续导出文件得到相同的编号，其状态和时间会被更新，而不会重复添加；接收时间、门店、渠道或类别"
        "有变的投诉会被视为新投诉。多条投诉这些单元格完全相同时，后续导出文件须列出与已导入条数相同的行，否则这些行会被拒绝"
        "(无法区分它们：请在导出文件中加入编号列)。",
    ),
    "ingest.notice.no_channel_column": (
        "The file has no channel column: each of its {n:,} complaints counts under the channel “other” (no "
        "source value is kept); a complaint imported before keeps its channel.",
        "文件没有渠道列：其 {n:,} 条投诉的渠道均计为“其他”(不保存文件原值)；已导入过的投诉保留原有渠道。",
    ),
    "ingest.notice.values_other": (
        "{column}: {n:,} {n:plural:row carries|rows carry} values no one mapped; {n:plural:it is|they are} kept "
        "(the file's text is stored beside) and {n:plural:counts|count} as “{other}”: {values}. Map them in the value table (CLI: --map-value FIELD:VALUE=STANDARD).",
        "{column}：{n:,} 行的取值未映射；这些行照常保留(同时保存文件原值)，计为“{other}”：{values}。"
        "可在取值对照表中映射(命令行：--map-value FIELD:VALUE=STANDARD)。",
    ),
    "ingest.notice.values_other_not_kept": (
        "{column}: {n:,} {n:plural:row carries|rows carry} values no one mapped; {n:plural:it is|they are} kept "
        "and {n:plural:counts|count} as “{other}” (the file's own text of this column is not stored): {values}. Map them in the value table (CLI: --map-value "
        "FIELD:VALUE=STANDARD).",
        "{column}：{n:,} 行的取值未映射；这些行照常保留，计为“{other}”(不保存该列的文件原值)：{values}。"
        "可在取值对照表中映射(命令行：--map-value FIELD:VALUE=STANDARD)。",
    ),
    "ingest.notice.values_inferred": (
        "{column}: {n:,} {n:plural:row carries|rows carry} values no one mapped; {n:plural:it is|they are} kept "
        "(the file's text is stored beside) and {n:plural:its|their} value is worked out from the stamps (closed, resolved, responded, else open): {values}. Map them "
        "in the value table (CLI: --map-value FIELD:VALUE=STANDARD).",
        "{column}：{n:,} 行的取值未映射；这些行照常保留(同时保存文件原值)，其取值按时间戳推断(已关闭、已解决、已响应，"
        "否则为待处理)：{values}。可在取值对照表中映射(命令行：--map-value FIELD:VALUE=STANDARD)。",
    ),
    "ingest.notice.scale_labels": (
        "{column}: {n:,} {n:plural:answer was|answers were} given as the option's text and read as the point on "
        "the scale: {answers}. If that is not what the survey meant, export the answers as numbers.",
        "{column}：{n:,} 个答案为选项文字，已按量表分值读取：{answers}。若与问卷含义不符，请按选项序号(分值)导出后再上传。",
    ),
    "ingest.notice.scale_reversed": (
        "{column}: {n:,} {n:plural:answer's|answers'} words say otherwise than {n:plural:its|their} number (a "
        "scale where 1 is the best?); read by the words, {best}: {answers}.",
        "{column}：{n:,} 个答案的文字与其序号不符(问卷量表可能以 1 为最好)；已按文字读取({best})：{answers}。",
    ),
    "ingest.notice.zone_assumed": (
        "{column}: {n:,} {n:plural:time carries|times carry} no time zone; {n:plural:it is|they are} read as "
        "{zone} and stored in UTC. If the file's times are in another zone, choose it under “Time zone of the file's times” (command line: --timezone) "
        "and check again.",
        "{column}：{n:,} 个时间未带时区，按{zone}读取并以 UTC 保存。若文件中的时间属于其他时区，请在“文件中时间所用的时区”"
        "中选择(命令行：--timezone)后重新检查。",
    ),
    "ingest.notice.zone_chosen": (
        "{column}: {n:,} {n:plural:time carries|times carry} no time zone; {n:plural:it is|they are} read as "
        "{zone}, the zone chosen with --timezone, and stored in UTC.",
        "{column}：{n:,} 个时间未带时区，按 --timezone 所选时区 {zone} 读取并以 UTC 保存。",
    ),
    "ingest.notice.export_zone": (
        "{column}: {n:,} {n:plural:time is|times are} read as {zone}, the time zone the export's header gives for this column "
        "(Qualtrics' ImportId row), instead of the zone chosen for the file's times; their dates are counted in "
        "the chosen zone.",
        "{column}：{n:,} 个时间按导出文件表头为此列注明的时区 {zone} 读取(Qualtrics 的 ImportId 行)，而非为文件时间所选的"
        "时区；其日期按所选时区计。",
    ),
    "ingest.notice.values_suggested": (
        "{column}: {n:,} {n:plural:row carries|rows carry} values mapped by suggestion: {values}. Change them in the value table if wrong.",
        "{column}：{n:,} 行的取值按建议映射：{values}。如有误，可在取值对照表中修改。",
    ),
    "ingest.notice.stamps_left_out": (
        "{column}: {n:,} {n:plural:stamp is|stamps are} missing a usable time ({why}: {n:plural:row|rows} {rows}); "
        "{n:plural:that complaint is|those complaints are} kept and counted for volume but left out of the durations "
        "that need this stamp; {n:plural:it still counts|they still count} as answered, resolved or closed as this "
        "column says, and a complaint already stored keeps its time.",
        "{column}：{n:,} 个时间不可用({why}：第 {rows} 行)；这些投诉照常保留并计入数量，"
        "但不参与需要该时间的时长计算；它们仍按该列计为已响应、已解决或已关闭，已导入过的投诉保留原有时间。",
    ),
    "ingest.notice.stamps_from_durations": (
        "{column}: {n:,} {n:plural:complaint's|complaints'} “{stamp}” {n:plural:is|are} the received time plus "
        "this column's duration ({unit}).",
        "{column}：{n:,} 条投诉的“{stamp}”按受理时间加该列时长计算({unit})。",
    ),
    "ingest.duration_unit.second": (
        "a number alone in seconds, as the header says",
        "单独的数字按列标题所注的秒计",
    ),
    "ingest.duration_unit.minute": (
        "a number alone in minutes, as the header says",
        "单独的数字按列标题所注的分钟计",
    ),
    "ingest.duration_unit.hour": (
        "a number alone in hours, as the header says",
        "单独的数字按列标题所注的小时计",
    ),
    "ingest.duration_unit.day": (
        "a number alone in days, as the header says",
        "单独的数字按列标题所注的天计",
    ),
    "ingest.duration_unit.cell": ("in the units each cell writes", "按各单元格所写单位计"),
    "ingest.notice.durations_disagree": (
        "{column}: {n:,} {n:plural:stamp differs|stamps differ} by more than a minute from the received time plus "
        "{duration} ({n:plural:row|rows} {rows}); the stamp is kept. Check which of the two columns the source "
        "system fills correctly.",
        "{column}：{n:,} 个时间与受理时间加 {duration} 相差超过 1 分钟(第 {rows} 行)；以该时间为准。"
        "请核对来源系统填写哪一列有误。",
    ),
    "ingest.notice.no_stamp_placeholders": (
        "{column}: {n:,} {n:plural:cell holds|cells hold} a date that stands for “no time” (MySQL's 0000-00-00, "
        "the Unix epoch 1970-01-01, Excel's empty date 1900-01-00 or 1899-12-30/31, the number 0); read as blank: "
        "{n:plural:that complaint is|those complaints are} not answered, resolved or closed by this column.",
        "{column}：{n:,} 个单元格的日期表示“无时间”(MySQL 的 0000-00-00、Unix 纪元 1970-01-01、Excel 的空日期 1900-01-00 "
        "或 1899-12-30/31、数字 0)，按空值读取：这些投诉不因此列计为已响应、已解决或已关闭。",
    ),
    "ingest.notice.stored_stamps_before_received": (
        "{column}: {n:,} {n:plural:complaint imported before keeps a time|complaints imported before keep times} "
        "earlier than the received time this file gives ({n:plural:row|rows} {rows}); "
        "{n:plural:it is|they are} left out of the durations that need this time; {n:plural:that complaint still "
        "counts|those complaints still count} as answered, resolved or closed.",
        "{column}：{n:,} 条已导入的投诉保留的时间早于本文件给出的受理时间(第 {rows} 行)；该时间不参与需要它的时长计算，"
        "这些投诉仍计为已响应、已解决或已关闭。",
    ),
    "ingest.notice.precise_stamps_replaced": (
        "{column}: {n:,} {n:plural:complaint imported before with a time is|complaints imported before with times "
        "are} given only a date on another day in this file ({n:plural:row|rows} {rows}); the file's date replaces "
        "the stored time, and durations resting on it are counted in whole days. A date on the stored time's own day "
        "keeps the time.",
        "{column}：{n:,} 条已导入且带时间的投诉在本文件中只给出另一天的日期(第 {rows} 行)；以本文件的日期替换已存的时间，"
        "依据它的时长按整天计算。与已存时间同一天的日期保留原时间。",
    ),
    "ingest.notice.mojibake": (
        "{n:,} {n:plural:cell|cells} held double-encoded UTF-8 text (like “æŠ•è¯‰”) and {n:plural:was|were} repaired.",
        "{n:,} 个单元格含有被重复编码的 UTF-8 文本(如“æŠ•è¯‰”)，已修复。",
    ),
    "ingest.notice.codes_repaired": (
        "{column}: values matched to codes of the master data after restoring lost leading zeros or letter case, "
        "by the name given instead of the code, or by the code the value holds: {pairs}.",
        "{column}：以下取值在补回丢失的前导零或大小写后，或按填写的名称(而非编码)或其中包含的编码，匹配到主数据中的编码："
        "{pairs}。",
    ),
    "ingest.notice.unused_code_column": (
        "{column}: no field reads this column, yet most of its values are in the master data as the {label} "
        "({values}); as mapped, no row has one. If the column holds the {label}, map it to “{label}” (command "
        "line: --map {field}={column}).",
        "{column}：没有字段读取此列，但其大部分取值是主数据中的{label}({values})；按当前映射，各行均无此项。如该列即{label}，"
        "请将其映射到“{label}”(命令行：--map {field}={column})。",
    ),
    "ingest.notice.unread_columns": (
        "{n:,} {n:plural:column matches|columns match} no field and {n:plural:is|are} not imported: {columns}. If "
        "one holds a field, map it to that field (command line: --map FIELD=COLUMN).",
        "{n:,} 列未对应任何字段，不会导入：{columns}。如某列对应某个字段，请将其映射到该字段(命令行：--map FIELD=COLUMN)。",
    ),
    "ingest.notice.new_codes_merged": (
        "{column}: codes the master data lacks, written alike but for letter case, full-width characters, outer "
        "spaces or leading zeros, are one code (as most of their rows write it): {pairs}.",
        "{column}：以下主数据中没有的编码仅大小写、全角/半角、首尾空格或前导零不同，视为同一编码(按多数行的写法)：{pairs}。",
    ),
    "ingest.notice.formula_cells": (
        "{n:,} text cells start with =, +, - or @; they are stored as text and neutralised in every export.",
        "{n:,} 个文本单元格以 =、+、- 或 @ 开头；它们按文本保存，并在所有导出中做了防公式处理。",
    ),
    "ingest.notice.date_only_column": (
        "Every stamp of {column} is a date or exactly midnight: they are kept as date-only stamps.",
        "{column} 的所有时间都只有日期或恰为午夜：按“仅日期”保存。",
    ),
    "ingest.notice.rows_above_header": (
        "The header is row {header_row}; the rows above it (a title, an export date) were passed over.",
        "表头在第 {header_row} 行；其上方的行(标题、导出时间等)已略过。",
    ),
    "ingest.notice.year_stated": (
        "{n:,} {n:plural:date|dates} of column {column} {n:plural:was|were} written without {n:plural:its|their} year (such as {example}): read in {year}, the year "
        "stated in {where}.",
        "{column} 列有 {n:,} 个日期未写年份(如 {example})：按{where}写明的 {year} 年读取。",
    ),
    "ingest.notice.header_translated": (
        "Row {row} names the columns again in the other language ({pairs}): read as a second header, not as data. "
        "Row numbers in messages are still the file's own.",
        "第 {row} 行用另一种语言再次给出了列名({pairs})：已作为第二行表头读取，不作为数据。提示中的行号仍为文件中的行号。",
    ),
    "ingest.notice.header_renamed": (
        "Row {row} names the columns again in other words ({pairs}): read as a second header, not as data. Row "
        "numbers in messages are still the file's own.",
        "第 {row} 行用其他说法再次给出了列名({pairs})：已作为第二行表头读取，不作为数据。提示中的行号仍为文件中的行号。",
    ),
    "ingest.notice.header_words_as_data": (
        "Row {row} names some columns in other words ({pairs}), but too few of them to be a second header row: it "
        "is read as data, and its cells are checked as values. If it belongs to the header, delete it from the file.",
        "第 {row} 行用其他说法给出了部分列名({pairs})，但不足以构成第二行表头：按数据读取，其单元格按取值检查。"
        "如果该行属于表头，请从文件中删除该行。",
    ),
    "ingest.notice.header_rows": (
        "{n:plural:Row|Rows} {rows} under the header {n:plural:is|are} part of it (a survey tool's question texts, "
        "sub-headings such as “Response”, Qualtrics' ImportId row, or the labels under a group heading merged "
        "across columns, read as “group - label”): read as header, not as data. Row numbers in messages are still "
        "the file's own.",
        "表头下方的 {n} 行(第 {rows} 行)属于表头(问卷工具导出的题目文字、“Response”等小标题、Qualtrics 的 ImportId 行，"
        "或跨列合并的分组标题下的各列名称，按“分组 - 名称”读取)：已按表头读取，不作为数据。提示中的行号仍为文件中的行号。",
    ),
    "ingest.notice.other_system": (
        "{n:,} {n:plural:row carries|rows carry} the id of a complaint already stored from source “{source}” but "
        "another received time (over a day apart) or another store: committing overwrites {n:plural:it|them}. If "
        "this file comes from another system, import it under a source of its own (the Source system field; "
        "--source on the command line).",
        "{n:,} 行的编号与来源“{source}”中已保存的投诉相同，但受理时间相差超过一天或门店不同：提交将覆盖这些投诉。"
        "如果此文件来自另一个系统，请以单独的来源系统导入(“来源系统”一项；命令行用 --source)。",
    ),
    "ingest.notice.zone_shift": (
        "{n:,} {n:plural:row carries|rows carry} the id of a complaint already stored from source “{source}” with a "
        "received time exactly {hours} {hours:plural:hour|hours} {direction} than the stored one: "
        "the file's times may be in another time zone than the one they were read in. Committing moves "
        "{n:plural:it|them}; if the zone is wrong, choose the file's zone and check again.",
        "{n:,} 行的编号与来源“{source}”中已保存的投诉相同，受理时间比已保存的恰好{direction} {hours} 小时："
        "文件中的时间可能属于另一个时区。提交将移动这些时间；如时区有误，请选择文件所用的时区后重新检查。",
    ),
    "ingest.notice.zone_shift_derived": (
        "{n:,} {n:plural:row matches|rows match} a complaint already stored from source “{source}” in the cells "
        "its id rests on (the store, channel and category the file gives), with a received time exactly {hours} "
        "{hours:plural:hour|hours} {direction} than the stored one: the file's times may be in another time zone than the one they were read in before. The file has no "
        "id column, so its complaints are found by their received time: committing adds {n:plural:it|them} beside "
        "the stored {n:plural:one|ones}. If the zone is wrong, choose the zone the file was read in before and "
        "check again.",
        "{n:,} 行与来源“{source}”中已保存的投诉在编号所依据的各列(文件所给的门店、渠道和类别)上相同，受理时间比已保存的恰好"
        "{direction} {hours} 小时："
        "文件中的时间可能属于与上次导入不同的时区。此文件没有编号列，投诉按受理时间识别：提交会将这些投诉作为新投诉"
        "与已保存的并列添加。如时区有误，请选择上次导入所用的时区后重新检查。",
    ),
    "ingest.notice.earlier_resolution": (
        "{column} on {n:,} {n:plural:row is|rows are} earlier than the resolution time stored for the same "
        "complaint ({n:plural:row|rows} {rows}), with no reopen since: committing replaces the later time. A "
        "correction does so; an export older than one imported before does too: if the file is older, do not "
        "commit it.",
        "{column}在 {n:,} 行中早于同一投诉已保存的解决时间(第 {rows} 行)，且此后没有重开：提交将替换较晚的时间。"
        "更正会如此；比之前导入的文件更旧的导出文件也会如此：如果本文件更旧，请不要提交。",
    ),
    "ingest.notice.duration_still_open": (
        "{column} on {n:,} {n:plural:row|rows} of complaints that {status} says are still open ({n:plural:row|rows} "
        "{rows}) is the time so far, not a resolution: not read as a resolution time.",
        "{column}在 {n:,} 行中属于{status}仍为未结的投诉(第 {rows} 行)，是到目前为止的时长而非解决时长：不作为解决时间读取。",
    ),
    "ingest.notice.older_state": (
        "{n:,} {n:plural:row takes|rows take} back what is stored for a complaint resolved or closed (its "
        "resolution or close time left blank, or its status given as open or in progress), without a reopen count "
        "that says so and without the status “reopened”: {n:plural:row|rows} {rows}. Committing stores what the "
        "file says: the times blank, and a complaint the file calls open or in progress not resolved and reopened "
        "once more. A reopened complaint may come back so; an export older than one imported before does too: if "
        "the file is older, do not commit it.",
        "{n:,} 行改动了已解决或已关闭投诉的记录(解决时间或关闭时间留空，或状态为待处理、处理中)，没有说明重开的重开次数，"
        "状态也不是“已重开”：第 {rows} 行。提交将按文件保存：时间留空；文件中为待处理或处理中的投诉计为未解决，并计为再重开一次。"
        "重开的投诉可能如此导出；比之前导入的文件更旧的导出文件也会如此：如果本文件更旧，请不要提交。",
    ),
    "ingest.notice.lost_zeros": (
        "{n:,} {n:plural:row has a new id that matches a stored complaint|rows have new ids that match stored "
        "complaints} of source “{source}” once leading zeros are ignored (1001 and 00001001): Excel drops them when it saves a CSV. "
        "Committing adds {n:plural:it as a new complaint beside the stored one|them as new complaints beside the "
        "stored ones}; import the export as the "
        "system gave it, or format the id column as text in Excel.",
        "{n:,} 行的编号是新的，但忽略开头的 0 后与来源“{source}”中已保存的投诉相同(如 1001 与 00001001)：Excel "
        "另存为 CSV 时会去掉开头的 0。提交会把它们作为新投诉添加；请导入系统原始导出的文件，或在 Excel 中把编号列设为文本。",
    ),
    "ingest.notice.repeated_header": (
        "{n:plural:Row|Rows} {rows} {n:plural:repeats|repeat} the header (files pasted together, each with its "
        "header): left out, not imported.",
        "{n} 行(第 {rows} 行)重复了表头(多个文件拼接在一起，各带表头)：已略过，不导入。",
    ),
    "ingest.notice.hidden_rows": (
        "{n:,} {n:plural:row is|rows are} hidden in the sheet (by a filter, or hidden rows): {n:plural:row|rows} "
        "{rows}. They are read and imported like the others; if they should not be, delete them from the sheet "
        "(clear the filter to see them) and upload it again.",
        "工作表中有 {n:,} 行被隐藏(筛选或隐藏行)：第 {rows} 行。这些行与其他行一样读取并导入；如果不应导入，请在工作表中删除这些行"
        "(清除筛选即可看到)后重新上传。",
    ),
    "ingest.notice.formulas_without_result": (
        "{n:,} {n:plural:cell|cells} of sheet “{sheet}” {n:plural:holds|hold} a formula without its result "
        "({cells}): the file was written by a program, not saved by Excel or WPS, which store each formula's result, "
        "so {n:plural:it is|they are} read as empty. Open the file in Excel or WPS, save it and upload it again.",
        "工作表“{sheet}”中有 {n:,} 个单元格是没有计算结果的公式({cells})：文件由程序生成，未经 Excel 或 WPS 保存"
        "(保存时才会存入公式的结果)，因此按空值读取。请用 Excel 或 WPS 打开文件并保存后重新上传。",
    ),
    "ingest.notice.footer_rows": (
        "{n:plural:Row|Rows} {rows} at the end of the file {n:plural:is|are} the report's footer or totals (such as "
        "“Grand Totals”, 合计, “Generated By”, a copyright line): left out, not imported.",
        "文件末尾的 {n} 行(第 {rows} 行)是报表的页脚或合计行(如“合计”“Grand Totals”、制表人、版权声明)：已略过，不导入。",
    ),
    "ingest.notice.sheet_read": (
        "The workbook has several sheets with data; the sheet “{sheet}” was read (the one with the widest header).",
        "工作簿有多个含数据的工作表；已读取“{sheet}”(表头最宽的一张)。",
    ),
    "ingest.notice.sheets_read_as_one": (
        "{n} sheets with the same columns were read as one import ({sheets}); not read: {others}.",
        "已将列相同的 {n} 个工作表作为一次导入读取({sheets})；未读取：{others}。",
    ),
    "ingest.notice.sheet_read_others": (
        "The workbook has several sheets holding a table; the sheet “{sheet}” was read (the one with the widest "
        "header), not {others}. To import another one, choose it under “Sheet” (command line: --sheet NAME); "
        "each sheet is its own import batch.",
        "工作簿有多个含表格的工作表；已读取“{sheet}”(表头最宽的一张)，未读取：{others}。如需导入其他工作表，请在“工作表”"
        "中选择(命令行：--sheet 工作表名)；每个工作表各为一个导入批次。",
    ),
    "ingest.notice.sheet_chosen": (
        "The sheet “{sheet}” was read, as chosen; the workbook's other sheets holding a table ({others}) were not.",
        "已按所选读取工作表“{sheet}”；工作簿中其他含表格的工作表({others})未读取。",
    ),
    "ingest.notice.not_yet": (
        "{column}: {n:,} {n:plural:cell says|cells say} the step has not happened ({words}) and "
        "{n:plural:was|were} read as no time: {n:plural:that complaint counts|those complaints count} as not "
        "answered, not resolved or not closed, as this column says.",
        "{column}：{n:,} 个单元格表示该环节尚未发生({words})，已按无时间读取：这些投诉按此列计为未响应、未解决或未关闭。",
    ),
    "ingest.notice.subtotal_rows": (
        "{n:plural:Row|Rows} {rows} {n:plural:is a subtotal or total|are subtotals or totals} within the file (such "
        "as 小计, 合计, “Subtotal”), with no store, status, channel or agent: left out, not imported as complaints.",
        "文件中的 {n} 行(第 {rows} 行)是小计或合计行(如“小计”“合计”“Subtotal”)，没有门店、状态、渠道或客服专员：已略过，"
        "不作为投诉导入。",
    ),
    "ingest.notice.placeholders": (
        "{n:,} {n:plural:cell|cells} held a placeholder for “no value” (such as N/A, -, null, 无) and {n:plural:was|were} read as empty.",
        "{n:,} 个单元格是表示“无值”的占位符(如 N/A、-、null、无)，已按空值读取。",
    ),
    "ingest.notice.day_first_column": (
        "Dates in {column} are read day first (DD/MM/YYYY): the column holds “{example}”, which cannot be read "
        "month first.",
        "{column} 的日期按“日/月/年”读取：该列中的“{example}”只能按日在前读取。",
    ),
    "ingest.notice.day_first_other_columns": (
        "Dates in {column} are read day first (DD/MM/YYYY), as the file's other date columns show.",
        "{column} 的日期按“日/月/年”读取，与文件中其他日期列一致。",
    ),
    "ingest.notice.month_first_column": (
        "{column} holds dates such as “{example}” that could be read either way; they are read month first "
        "(MM/DD/YYYY, as US exports write them).",
        "{column} 中的日期(如“{example}”)可有两种读法；按“月/日/年”(美式导出格式)读取。",
    ),
}
