"""Uploads, column mapping, preview, refusals, row errors, notices: the messages of the import pipeline (import
batches and undo: ``ingest_history``).

The English text of a refusal is the same as the message of the exception that carries its key
(tests/test_ingest_corpus.py checks it), so the CLI and the page say the same thing.
"""

STRINGS = {
    "page.upload": ("Upload", "上传"),
    "page.import_history": ("Import history", "导入历史"),
    "ingest.kind.complaints": ("Complaint export", "投诉导出文件"),
    # ------------------------------------------------------------ upload page
    "ingest.caption": (
        "Upload a file, map its columns, check the preview, then commit. Nothing is written before you commit.",
        "上传文件，完成字段映射并检查预览后再提交。提交之前不会写入任何数据。",
    ),
    "ingest.no_kinds": ("Your role has nothing to upload here.", "您的角色在此没有可上传的内容。"),
    "ingest.kind": ("What the file holds", "文件内容"),
    "ingest.templates": ("Download a template", "下载模板"),
    "ingest.template_button": ("{lang} headers · {fmt}", "{lang}表头 · {fmt}"),
    "ingest.template_lang.en": ("English", "英文"),
    "ingest.template_lang.zh": ("Chinese", "中文"),
    # the words of Streamlit's own drop zone, put there by CSS on a Chinese page (ui_dash.uploader_words)
    "ingest.dropzone.button": ("Upload", "上传"),
    "ingest.dropzone.limit": ("{limit} MB per file", "每个文件不超过 {limit} MB"),
    "ingest.file": (
        "File: CSV (UTF-8 or GBK; comma, semicolon or tab separated; also Excel's text saves, .txt, .tsv) or Excel "
        "workbook (.xlsx, .xlsm, .xls), at most {limit} MB",
        "文件：CSV(UTF-8 或 GBK 编码；逗号、分号或制表符分隔；也可为 Excel 另存的文本文件 .txt、.tsv)或 Excel 工作簿"
        "(.xlsx、.xlsm、.xls)，不超过 {limit} MB",
    ),
    "ingest.files": (
        "Files: one or several at once (each its own import batch): CSV (UTF-8 or GBK; comma, semicolon or tab "
        "separated; also Excel's text saves, .txt, .tsv) or Excel workbooks (.xlsx, .xlsm, .xls), at most {limit} MB "
        "each",
        "文件：可一次选择一个或多个(每个文件一个导入批次)：CSV(UTF-8 或 GBK 编码；逗号、分号或制表符分隔；也可为 "
        "Excel 另存的文本文件 .txt、.tsv)或 Excel 工作簿(.xlsx、.xlsm、.xls)，每个不超过 {limit} MB",
    ),
    "ingest.choose_file": (
        "Choose a CSV file or an Excel workbook to begin. Download a template to see the columns.",
        "请选择一个 CSV 文件或 Excel 工作簿开始。可下载模板查看所需字段。",
    ),
    "ingest.file_read": (
        "{name}: {rows:,} rows, {cols} columns ({detail}).",
        "{name}：{rows:,} 行，{cols} 列({detail})。",
    ),
    "ingest.sheet": ("Sheet", "工作表"),
    "ingest.sheet.help": (
        "The workbook has several sheets holding a table; the one with the widest header is read unless you choose "
        "another. Each sheet is imported as its own batch.",
        "工作簿有多个含表格的工作表；默认读取表头最宽的一张，也可选择其他工作表。每个工作表各作为一个导入批次导入。",
    ),
    "ingest.file_read_chunks": (
        "{name}: {mb:,.1f} MB, {cols} columns ({detail}). A CSV over {limit} MB is checked in chunks of {rows:,} "
        "rows; its rows are counted when you check it.",
        "{name}：{mb:,.1f} MB，{cols} 列({detail})。超过 {limit} MB 的 CSV 按每批 {rows:,} 行分段检查，"
        "行数在检查文件时统计。",
    ),
    "ingest.chunks.progress": (
        "Reading and checking the file in chunks of {rows:,} rows… {share:.0%}",
        "正在按每批 {rows:,} 行分段读取并检查文件… {share:.0%}",
    ),
    "ingest.saved_mapping": ("Saved column mapping", "已保存的字段映射"),
    "ingest.saved_mapping.none": ("(suggested from the headers)", "(根据表头自动推荐)"),
    "ingest.mapping.title": ("Column mapping", "字段映射"),
    "ingest.mapping.help": (
        "For each field choose the file's column; likely matches are pre-selected. Fields marked * are required.",
        "请为每个字段选择文件中的列，已预选最可能的匹配。带 * 的字段为必填。",
    ),
    "ingest.mapping.not_in_file": ("(not in the file)", "(文件中没有)"),
    # the form folds away what needs no decision (issue 10): matched columns, optional fields not in the file
    "ingest.mapping.matched": ("{n} {n:plural:column|columns} matched", "已匹配 {n} 列"),
    "ingest.mapping.optional": (
        "{n} optional {n:plural:field|fields} not found in the file",
        "文件中未找到的 {n} 个可选字段",
    ),
    "ingest.mapping.all_required_matched": (
        "Every required field has a column of the file: check the file, or open the groups below to change a match.",
        "所有必填字段均已匹配到文件中的列：可直接检查文件，或展开下方分组修改匹配。",
    ),
    "ingest.mapping.unused": (
        "Columns of the file not used yet: {columns} (map them under the optional fields if they hold one).",
        "文件中尚未使用的列：{columns}(如对应某个可选字段，请在可选字段中选择)。",
    ),
    "ingest.cli.unused": (
        "Columns of the file not used: {columns} (if one holds a field, map it with --map FIELD=COLUMN).",
        "文件中未使用的列：{columns}(如对应某个字段，请用 --map FIELD=COLUMN 映射)。",
    ),
    "ingest.mapping.field_help": (
        "Template header: {en} (English) / {zh} (Chinese).",
        "模板表头：{en}(英文)/ {zh}(中文)。",
    ),
    # a stamp split over a date column and a time-of-day column (portal.ingest.split_stamps)
    "ingest.mapping.time_of": ("{label}: time of day", "{label}：时刻"),
    "ingest.mapping.no_time": ("(none: the date alone)", "(无：仅日期)"),
    "ingest.mapping.time_help": (
        "A column holding only the time of day (14:03:27) beside the date column chosen above: the two are read "
        "as one date and time. A row whose time is blank keeps its date alone.",
        "仅含时刻(如 14:03:27)的列，与上方选择的日期列合并读取为日期和时间。时刻为空的行只保留日期。",
    ),
    # pattern mapping of numbered fields (portal.ingest.mapping.expand_patterns)
    "ingest.mapping.pattern_bad": (
        "{pattern}: a pattern maps a numbered field to columns, both with {{n}} for the number, e.g. e{{n}}=E{{n}}.",
        "{pattern}：模式须把带编号的字段映射到列名，两边都用 {{n}} 代表编号，例如 e{{n}}=E{{n}}。",
    ),
    "ingest.mapping.pattern_no_match": (
        "No column of the file matches the pattern {pattern}.",
        "文件中没有与模式 {pattern} 匹配的列。",
    ),
    "ingest.mapping.pattern_twice": (
        "{field} matches more than one column: {columns}.",
        "{field} 匹配到多个列：{columns}。",
    ),
    "ingest.options_refused": (
        "These settings cannot be used for this upload: {detail}",
        "这些设置不能用于本次上传：{detail}",
    ),
    "ingest.timezone": ("Time zone of the file's times", "文件中时间所用的时区"),
    "ingest.source": (
        "Source system (when the file has no source column)",
        "来源系统(文件中没有来源列时使用)",
    ),
    "ingest.skip_invalid": (
        "Skip invalid rows (they are kept in the batch's error report)",
        "跳过无效行(无效行保留在该批次的错误报告中)",
    ),
    "ingest.add_missing": (
        "Add unknown store and agent codes to the master data in the same commit",
        "在同一次提交中将未知的门店和客服专员编码添加到主数据",
    ),
    "ingest.save_as": ("Save this mapping as (optional)", "将此映射保存为(可选)"),
    "ingest.check": ("Check the file", "检查文件"),
    "ingest.values.title": ("Values of the file", "文件中的取值"),
    "ingest.values.help": (
        "Each value of the file's {fields} columns with its number of rows, and the standard value it counts as "
        "(pre-filled with the suggestion). A value left without a standard value is kept where the column allows "
        "it (it counts as “other”; a complaint's status is worked out from its stamps where the value is a status), "
        "else its rows are refused. "
        "A value written in Traditional or Simplified characters, or with other capitals or spaces, is one value: "
        "電話熱線 and 电话热线 take the same standard value, and a saved mapping applies to both. "
        "Apply to check the file again.",
        "文件中{fields}各列的每个取值及其行数，以及对应的标准值(已预填建议)。未指定标准值的取值在该列允许时照常保留"
        "(计为“其他”；若为投诉状态，则按各时间推断)，否则其所在行被拒绝。繁体或简体写法、大小写或空格不同的取值视为同一取值："
        "電話熱線与电话热线对应同一标准值，已保存的映射对两者都适用。点击应用后重新检查文件。",
    ),
    "ingest.values.value": ("“{value}” ({n:,} {n:plural:row|rows})", "“{value}”({n:,} 行)"),
    "ingest.values.none": ("no standard value (other / from the stamps)", "无标准值(其他 / 按时间推断)"),
    "ingest.values.more": (
        "{n:,} rarer values ({rows:,} rows) are not listed here (the first {shown:,} are): they keep their "
        "suggestion or the choice saved before; map them with --map-value on the command line.",
        "另有 {n:,} 个较少出现的取值({rows:,} 行)未在此列出(仅列前 {shown:,} 个)：沿用建议或此前保存的选择；"
        "可在命令行用 --map-value 映射。",
    ),
    "ingest.values.apply": ("Apply the values and check again", "应用取值并重新检查"),
    "ingest.mapping.not_saved": (
        "The mapping was not saved: it is incomplete or has conflicts (see the problems above).",
        "映射未保存：映射不完整或有冲突(见上方问题)。",
    ),
    "ingest.unknown_codes": ("Unknown {field}: {codes}", "未知的{field}：{codes}"),
    "ingest.unknown_codes.add_hint": (
        "Tick “Add unknown store and agent codes …” to add them, or correct the file.",
        "勾选“……将未知的门店和客服专员编码添加到主数据”即可添加，或者修改文件。",
    ),
    "ingest.unknown_codes.add_hint_cli": (
        "use --add-missing to add them to the master data, or correct the file",
        "使用 --add-missing 将其添加到主数据，或者修改文件",
    ),
    "ingest.unknown_codes.ask_hint": (
        "Only a manager or an admin may add codes to the master data: correct them in the file, or ask one of "
        "them to add them.",
        "只有经理或管理员可以将编码添加到主数据：请在文件中更正这些编码，或请经理或管理员添加。",
    ),
    "ingest.unknown_codes.ask_chain_hint": (
        "Only an admin or a manager who sees the whole chain may add new stores: correct them in the file, or ask "
        "one of them to add them.",
        "只有管理员或负责全部门店的经理可以添加新门店：请在文件中更正这些编码，或请他们添加。",
    ),
    "ingest.commit": ("Commit the import", "提交导入"),
    "ingest.commit_raced": (
        "Another upload wrote these rows at the same moment; nothing of this import was written. Check the file "
        "again to see what is stored now.",
        "另一次上传刚刚写入了这些行；本次导入的内容均未写入。请重新检查文件，查看现在已保存的数据。",
    ),
    "ingest.commit_failed": (
        "The database could not write this import ({detail}). Nothing of it was written; the check above still "
        "holds. Try again in a moment; if it fails again, ask an admin (the server may be short of memory or "
        "disk space).",
        "数据库未能写入本次导入({detail})。本次导入的内容均未写入；上方的检查结果仍然有效。请稍后重试；如再次失败，"
        "请联系管理员(服务器的内存或磁盘空间可能不足)。",
    ),
    "ingest.commit_fatal": (
        "The database stopped while writing this import ({detail}) and has been opened again. Nothing of it was "
        "written; the check above still holds. The server is likely short of disk space: ask an admin to free some "
        "before trying again.",
        "数据库在写入本次导入时停止运行({detail})，现已重新打开。本次导入的内容均未写入；上方的检查结果仍然有效。"
        "服务器的磁盘空间可能不足：请联系管理员释放空间后再重试。",
    ),
    "ingest.spool_failed": (
        "The server's temporary folder {folder} is full or cannot be written ({detail}); nothing was written.",
        "服务器的临时文件夹 {folder} 已满或无法写入({detail})；未写入任何数据。",
    ),
    "ingest.spool_gone": (
        "The checked rows waiting in the server's temporary folder {folder} are gone (removed meanwhile); nothing "
        "was written. Check the file again.",
        "服务器临时文件夹 {folder} 中等待提交的已检查行已不存在(已被删除)；未写入任何数据。请重新检查文件。",
    ),
    "ingest.many.title": ("{n} files checked", "已检查 {n} 个文件"),
    "ingest.many.file_ok": ("✅ {name}: ready to commit", "✅ {name}：可以提交"),
    "ingest.many.file_blocked": ("⚠️ {name}: cannot be committed as it is", "⚠️ {name}：目前无法提交"),
    "ingest.many.some_blocked": (
        "{n} of {total} files cannot be committed as {n:plural:it is|they are} (see {n:plural:its|their} "
        "messages); {ready:plural:the other one can|the other {ready} can}. Correct {n:plural:that file|those "
        "files} and upload {n:plural:it|them} again.",
        "{total} 个文件中有 {n} 个目前无法提交(见各自的提示)；其余 {ready} 个可以提交。请更正这些文件后重新上传。",
    ),
    # every file blocked: no "others" to commit (two files: "neither")
    "ingest.many.both_blocked": (
        "Neither of the 2 files can be committed as they are (see their messages). Correct them and upload them "
        "again.",
        "这 2 个文件都目前无法提交(见各自的提示)。请更正后重新上传。",
    ),
    "ingest.many.all_blocked": (
        "None of the {total} files can be committed as they are (see their messages). Correct them and upload "
        "them again.",
        "这 {total} 个文件都目前无法提交(见各自的提示)。请更正后重新上传。",
    ),
    "ingest.many.commit": (
        "Commit {n} {n:plural:file|files}, one import batch each",
        "提交 {n} 个文件(每个文件一个导入批次)",
    ),
    "ingest.many.commit_none": ("No file can be committed", "没有可以提交的文件"),
    "ingest.many.not_committed": ("{name}: not committed. {reason}", "{name}：未提交。{reason}"),
    "ingest.many.checked_again": (
        "{name}, checked again at the commit after the files before it: {notice}",
        "{name}(在其前面的文件提交后重新检查)：{notice}",
    ),
    "ingest.committed": (
        "Batch {batch_id} committed: {added:,} added, {updated:,} updated, {unchanged:,} unchanged, {skipped:,} skipped.",
        "批次 {batch_id} 已提交：新增 {added:,}，更新 {updated:,}，未变 {unchanged:,}，跳过 {skipped:,}。",
    ),
    "ingest.master_added": ("Added to the master data: {codes}.", "已添加到主数据：{codes}。"),
    "ingest.mapping_saved": ("Mapping “{name}” saved.", "映射“{name}”已保存。"),
    "ingest.working": ("Reading and checking the file…", "正在读取并检查文件…"),
    "ingest.committing": ("Writing the batch…", "正在写入批次…"),
    # ------------------------------------------------------------ refused files (English = exception text)
    "ingest.refused.too_large": (
        "The file is {size_mb:.1f} MB, over the upload limit of {limit_mb} MB. Split it into smaller files.",
        "文件大小为 {size_mb:.1f} MB，超过上传上限 {limit_mb} MB。请拆分为较小的文件。",
    ),
    "ingest.refused.empty": ("The file is empty.", "文件为空。"),
    "ingest.refused.not_spreadsheet": (
        "The file is named {name} but is not an Excel workbook. Save it again as .xlsx or .csv.",
        "文件名为 {name}，但它不是 Excel 工作簿。请重新另存为 .xlsx 或 .csv。",
    ),
    "ingest.refused.binary_named_csv": (
        "The file {name} is a binary file (an Excel workbook or an archive), not a text CSV. "
        "Upload the workbook as .xlsx, or save it as CSV.",
        "文件 {name} 是二进制文件(Excel 工作簿或压缩包)，不是文本 CSV。请以 .xlsx 上传工作簿，或另存为 CSV。",
    ),
    "ingest.refused.binary": (
        "The file {name} is not a text file (it holds binary data). Upload a CSV or an .xlsx workbook.",
        "文件 {name} 不是文本文件(含二进制数据)。请上传 CSV 或 .xlsx 工作簿。",
    ),
    "ingest.refused.encoding": (
        "The characters of {name} cannot be read as UTF-8 or GBK. Save the file as 'CSV UTF-8' and upload it again.",
        "无法按 UTF-8 或 GBK 读取 {name} 的字符。请另存为“CSV UTF-8”后重新上传。",
    ),
    "ingest.refused.ragged": (
        "Line {line} has {seen} fields but the header has {expected}. Check the delimiter and the quotes on that line.",
        "第 {line} 行有 {seen} 个字段，而表头有 {expected} 个。请检查该行的分隔符和引号。",
    ),
    "ingest.refused.unclosed_quote": (
        "Row {row}, column {column}: the quote that opens this cell (“{start}…”) is closed only {n} lines further "
        "down, so those lines, rows of the file, were read into this one cell. Close the quote on that row (or write "
        'a quote inside a cell twice: ""), then upload the file again.',
        "第 {row} 行“{column}”列：该单元格开头的引号(“{start}…”)直到 {n} 行之后才闭合，其间的各行(文件中的数据行)都被读进了这一个"
        '单元格。请在该行补上闭合的引号(或将单元格中的引号写成两个："")，然后重新上传。',
    ),
    "ingest.refused.unreadable_csv": ("The CSV cannot be read: {detail}", "无法读取该 CSV：{detail}"),
    "ingest.refused.bad_spreadsheet": (
        "The workbook cannot be opened ({detail}). Open it in Excel and save it again as .xlsx.",
        "无法打开该工作簿({detail})。请在 Excel 中打开并重新另存为 .xlsx。",
    ),
    # a reader library's reason in the message above, on a Chinese page; in English only when the library gives
    # none (bounds.library_detail: its own words otherwise)
    "ingest.refused.bad_spreadsheet_why": (
        "the file is damaged or not an Excel workbook",
        "文件已损坏或不是 Excel 工作簿",
    ),
    "ingest.refused.unreadable_csv_why": (
        "its rows cannot be split into fields by the delimiter and the quotes. Check them, or save the file again "
        "as 'CSV UTF-8'",
        "各行无法按分隔符和引号拆分为字段。请检查分隔符和引号，或重新另存为“CSV UTF-8”。",
    ),
    "ingest.refused.no_data_sheet": (
        "The workbook has no sheet with data. Put the header in row 1 of the first sheet and the rows below it.",
        "该工作簿没有含数据的工作表。请在第一个工作表的第 1 行放表头，数据放在其下方。",
    ),
    "ingest.refused.sheets_differ": (
        "The sheets {first} and {sheet} both hold a table of this upload, in columns that differ ({first}: "
        "{first_headers}; {sheet}: {headers}). Give them the same columns (or upload each as its own file) and "
        "upload the workbook again.",
        "工作表 {first} 和 {sheet} 都是本次上传的表格，但列不同({first}：{first_headers}；{sheet}：{headers})。"
        "请使它们的列相同(或将其分别作为单独的文件上传)后重新上传工作簿。",
    ),
    "ingest.refused.no_such_sheet": (
        "The workbook has no sheet “{sheet}” with data to read; the sheets holding a table: {sheets}.",
        "该工作簿中没有可读取的含数据工作表“{sheet}”；含表格的工作表：{sheets}。",
    ),
    "ingest.refused.no_header": (
        "Row {row} does not look like a header (its cells are blank, numbers or dates). The first row must name "
        "the columns; download the template to see them.",
        "第 {row} 行看起来不是表头(单元格为空、数字或日期)。第一行必须是列名；可下载模板查看。",
    ),
    "ingest.notice.clock_change": (
        "{column}: {n:plural:one time falls|{n:,} times fall} in a change of the clock in {zone} (rows {rows}): a "
        "time the clock skipped is read as the first time after it, a time that happens twice as its first one.",
        "{column}：{n:,} 个时间落在 {zone} 的夏令时切换中(第 {rows} 行)：时钟跳过的时间按其后的第一个时间读取，"
        "出现两次的时间按第一次读取。",
    ),
    "ingest.notice.date1904": (
        "The workbook counts dates from 1904 (an older Mac Excel setting): {n:,} {n:plural:date|dates} kept as "
        "a number in {columns} {n:plural:was|were} read on that count, as Excel shows {n:plural:it|them}.",
        "该工作簿按 1904 日期系统计日(旧版 Mac Excel 的设置)：{columns}中以数字保存的 {n:,} 个日期已按此换算，与 Excel "
        "中显示的一致。",
    ),
    "ingest.notice.merged_down": (
        "{n:plural:A merged cell range|{n} merged cell ranges} down a column ({ranges}): its value is read on "
        "every row it covers, as the sheet shows it.",
        "{n} 处纵向合并的单元格({ranges})按表格所示，将其值读入所覆盖的每一行。",
    ),
    "ingest.refused.no_rows": ("The file has a header but no data rows.", "文件只有表头，没有数据行。"),
    # ------------------------------------------------------------ refused commits
    "ingest.refused.role": ("Your role may not upload {kind}.", "您的角色无权上传{kind}。"),
    "ingest.refused.mapping": (
        "The column mapping is incomplete or a column cannot be read as mapped (see the problems above); nothing "
        "was written.",
        "字段映射不完整，或某列无法按所映射的字段读取(见上方问题)；未写入任何数据。",
    ),
    "ingest.refused.add_missing_role": (
        "Only a manager or an admin may add unknown codes to the master data.",
        "只有经理或管理员可以将未知编码添加到主数据。",
    ),
    "ingest.refused.same_file": (
        "This file was already imported as batch {batch_id} on {created_at:%Y-%m-%d %H:%M} ({zone}); nothing "
        "was written. Undo that batch first to import it again.",
        "该文件已于{zone} {created_at:%Y-%m-%d %H:%M} 作为批次 {batch_id} 导入；未写入任何数据。如需重新导入，请先撤销该批次。",
    ),
    "ingest.refused.same_file_other": (
        "This file was already imported by someone else; nothing was written. Only an admin may undo that import.",
        "该文件已由他人导入；未写入任何数据。只有管理员可以撤销该导入批次。",
    ),
    "ingest.refused.invalid_rows": (
        "{n:,} of {total:,} {total:plural:row|rows} {n:plural:is|are} invalid; nothing was written. Correct them, or "
        "choose to skip invalid rows.",
        "{total:,} 行中有 {n:,} 行无效；未写入任何数据。请修改这些行，或选择跳过无效行。",
    ),
    "ingest.refused.no_valid_rows": ("No row is valid; nothing was written.", "没有有效行；未写入任何数据。"),
    "ingest.refused.older_since_preview": (
        "A newer export of {n:,} of these complaints ({n:plural:row|rows} {rows}) was imported since this file "
        "was checked: committing it would take {n:plural:it|them} back to an earlier state. Nothing was written; "
        "check the file again.",
        "自本文件检查之后，已导入了其中 {n:,} 条投诉(第 {rows} 行)更新的导出文件：提交本文件会使这些投诉回到更早的状态。"
        "未写入任何数据；请重新检查文件。",
    ),
    "ingest.refused.older_notice_since_preview": (
        "{n:,} of these complaints ({n:plural:row|rows} {rows}) {n:plural:was|were} stored as resolved or closed "
        "since this file was checked, and this file leaves {n:plural:its|their} resolution or close time blank. "
        "Nothing was written; check the file again: the preview names {n:plural:that row|those rows}.",
        "自本文件检查之后，其中 {n:,} 条投诉(第 {rows} 行)已记录为已解决或已关闭，而本文件将其解决时间或关闭时间留空。"
        "未写入任何数据；请重新检查文件：预览会列出这些行。",
    ),
    "ingest.refused.older_undecided": (
        "This file's check did not record whether its rows count reopens, which the commit's check of older "
        "exports needs. Nothing was written; check the file again.",
        "本文件的检查未记录其各行是否计有重开次数，而提交时对旧导出文件的检查需要这一结论。未写入任何数据；请重新检查文件。",
    ),
    "ingest.refused.master_changed": (
        "The master data changed since the preview; check the file again.",
        "预览之后主数据已变化；请重新检查文件。",
    ),
    # ------------------------------------------------------------ mapping problems
    "ingest.mapping.unknown_field": ("There is no field {field}.", "没有名为 {field} 的字段。"),
    "ingest.mapping.no_such_column": (
        "Field {field} is mapped to {column}, which is not a column of the file.",
        "字段 {field} 映射到了 {column}，但文件中没有该列。",
    ),
    "ingest.mapping.repeated_name": (
        "The header names “{name}” more than once ({columns}) and {column} is mapped to “{label}”: which of them "
        "is meant cannot be told. Rename the repeated columns in the file so that each name is unique, or leave "
        "“{label}” unmapped.",
        "表头中“{name}”出现了不止一次({columns})，而 {column} 被映射到“{label}”：无法判断应读取哪一列。请在文件中"
        "重命名重复的列，使每个列名唯一，或不映射“{label}”。",
    ),
    "ingest.mapping.repeated_column": ("{name} (column {n})", "{name}(第 {n} 列)"),
    "ingest.column_n": ("column {n}", "第 {n} 列"),
    "ingest.mapping.column_twice": (
        "Column {column} is mapped to more than one field ({fields}).",
        "列 {column} 被映射到多个字段({fields})。",
    ),
    "ingest.mapping.time_without_date": (
        "The time-of-day column {column} has no date column beside it: map “{label}” to the date column first.",
        "时刻列 {column} 没有对应的日期列：请先为“{label}”选择日期列。",
    ),
    "ingest.mapping.required_missing": (
        "The required field “{label}” is not mapped to a column.",
        "必填字段“{label}”尚未映射到任何列。",
    ),
    # ------------------------------------------------------------ row errors
    "ingest.error.required": ("A value is required.", "必须填写。"),
    "ingest.error.not_integer": ("Not a whole number.", "不是整数。"),
    "ingest.error.not_number": ("Not a number.", "不是数字。"),
    "ingest.error.not_a_scale_answer": (
        "Neither a number on the scale {detail} nor an answer word the portal knows (such as “Very satisfied”, "
        "非常满意). Export the survey's answers as numbers, or write the number.",
        "既不是 {detail} 量表上的数字，也不是系统认识的答案文字(如“非常满意”“Very satisfied”)。请按数字导出问卷答案，或填写数字。",
    ),
    "ingest.error.out_of_range": ("Outside the allowed range {detail}.", "超出允许范围 {detail}。"),
    "ingest.error.unknown_choice": (
        "Not an accepted value; use one of: {detail}.",
        "不是可接受的值；可用值：{detail}。",
    ),
    "ingest.error.not_a_date": (
        "Not a date or time (accepted: 2026-03-01 09:30, 3/1/2026 9:30 AM, 2026年3月1日).",
        "不是日期或时间(可用格式：2026-03-01 09:30、3/1/2026 9:30 AM、2026年3月1日)。",
    ),
    "ingest.error.future": ("The date is in the future.", "日期晚于当前时间。"),
    "ingest.error.alike_unmatched": (
        "Several complaints share this received time, store, channel and category, and the file lists another "
        "number of them than are stored: without an id column they cannot be told apart, so the row is not "
        "matched to one of them. Add the id column to the export.",
        "多条投诉的接收时间、门店、渠道和类别相同，且文件中的条数与已导入的条数不同：没有编号列无法区分这些投诉，"
        "因此该行未与其中任何一条对应。请在导出文件中加入编号列。",
    ),
    "ingest.error.duplicate": (
        "The same key appears earlier in the file, at row {detail}.",
        "文件中第 {detail} 行已出现相同的编号。",
    ),
    "ingest.error.duplicate_in_sheet": (
        "The same key appears earlier in the file, on sheet {sheet} at row {row}.",
        "文件中工作表 {sheet} 第 {row} 行已出现相同的编号。",
    ),
    "ingest.error.before_received": (
        "Earlier than the received time ({detail}).",
        "早于接收时间({detail})。",
    ),
    "ingest.error.unknown_store": ("Unknown store code.", "未知的门店编码。"),
    "ingest.error.unknown_agent": ("Unknown agent code.", "未知的客服专员编码。"),
    "ingest.error.store_name_part": (
        "No store code: part of the name of {detail}. Write the store's code or its whole name; it is never added "
        "as a new store.",
        "不是门店编码：只是 {detail} 名称的一部分。请填写门店编码或门店全称；此类值不会被新增为门店。",
    ),
    "ingest.error.zero_code": (
        "Unknown code made of zeros: an export's way of writing 'none'? Leave the cell empty when there is no "
        "store or agent; it is never added as a new one.",
        "由 0 组成的未知编码：可能是导出文件表示“无”的方式？没有门店或客服专员时请留空；此类编码不会被新增。",
    ),
    "ingest.error.formula_code": (
        "Unknown code that is a spreadsheet formula (it starts with = or @): the export kept the formula, not "
        "its value. Give the store or agent code; a formula is never added as a new one.",
        "未知编码是一个电子表格公式(以 = 或 @ 开头)：导出文件保留了公式而不是它的值。请填写门店或客服专员编码；公式不会被新增。",
    ),
    "ingest.error.ambiguous_store": (
        "Several stores have this name ({detail}); give the store code.",
        "有多家门店使用此名称({detail})；请填写门店编码。",
    ),
    "ingest.error.ambiguous_agent": (
        "Several agents have this name ({detail}); give the agent code.",
        "有多名客服专员使用此姓名({detail})；请填写客服专员编码。",
    ),
    "ingest.error.alike_store": (
        "Several stored stores are written like this code but for leading zeros or letter case ({detail}); give "
        "the one meant exactly as stored.",
        "有多家已有门店的编码与此编码仅相差前导零或大小写({detail})；请按已有编码准确填写所指的门店。",
    ),
    "ingest.error.alike_agent": (
        "Several stored agents are written like this code but for leading zeros or letter case ({detail}); give "
        "the one meant exactly as stored.",
        "有多名已有客服专员的编码与此编码仅相差前导零或大小写({detail})；请按已有编码准确填写所指的客服专员。",
    ),
    "ingest.error.store_out_of_scope": ("This store is outside your scope.", "该门店不在您的权限范围内。"),
    "ingest.error.store_region_out_of_scope": (
        "{store} belonged to {region} on {date}, outside your scope.",
        "门店 {store} 在 {date} 属于{region}，不在您的权限范围内。",
    ),
    "ingest.error.no_store_out_of_scope": (
        "A row without a store can only be imported by a user who sees the whole chain.",
        "没有门店的行只能由全链权限的用户导入。",
    ),
    "ingest.error.key_out_of_scope": (
        "This complaint already exists under a store outside your scope.",
        "该投诉已存在，且所属门店不在您的权限范围内。",
    ),
    "ingest.store_from_file": ("(the file's store column)", "(取自文件中的门店列)"),
}
