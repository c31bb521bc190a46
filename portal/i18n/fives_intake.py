"""5S intake: checklists (templates), inspection sheets, the inspections upload, the tablet form."""

STRINGS = {
    "page.fives_inspect": ("5S inspection form", "5S检查表单"),
    "page.fives_templates": ("5S checklists", "5S检查表模板"),
    "ingest.kind.inspections": ("5S inspection sheets", "5S检查表"),
    # ------------------------------------------------------------ parser messages
    "fives_intake.msg.where": (
        "Sheet {sheet}, row {row}, column {column}",
        "工作表 {sheet}，第 {row} 行，第 {column} 列",
    ),
    # a message of a whole row, or of a whole sheet (sheet_parse.where)
    "fives_intake.msg.where_row": ("Sheet {sheet}, row {row}", "工作表 {sheet}，第 {row} 行"),
    "fives_intake.msg.where_sheet": ("Sheet {sheet}", "工作表 {sheet}"),
    "fives_intake.parse.not_xlsx": (
        "{file} is not an Excel workbook (.xlsx). Save the sheet as .xlsx and upload it again.",
        "{file} 不是 Excel 工作簿(.xlsx)。请另存为 .xlsx 后重新上传。",
    ),
    "fives_intake.parse.unreadable": (
        "{file} cannot be read as a workbook ({reason}). Open it in Excel, save it as .xlsx and try again.",
        "无法读取工作簿 {file}({reason})。请用 Excel 打开并另存为 .xlsx 后重试。",
    ),
    "fives_intake.parse.no_sheet": (
        "{file} holds no 5S inspection sheet: no worksheet has an item table, a header row with an item column "
        "(headed {items}) and a score column (headed {scores}, or one column per score: 0 1 2 3 4). Download the "
        "inspection sheet to see the layout.",
        "{file} 中没有5S检查表：没有任何工作表包含检查项表格，即带有检查项列(表头为{items})和得分列(表头为"
        "{scores}，或每个分值一列：0 1 2 3 4)的表头行。请下载检查表查看格式。",
    ),
    "fives_intake.parse.sheet_skipped": (
        "This worksheet has no item table and was not read.",
        "此工作表没有检查项表格，未读取。",
    ),
    "fives_intake.parse.unknown_template": (
        "The checklist {value!r} is not known. Use the sheet downloaded from the portal or ask an admin to add it.",
        "检查表 {value!r} 不存在。请使用从门户下载的检查表，或请管理员添加。",
    ),
    "fives_intake.parse.no_store": (
        "The header names no store. Fill in the store code next to “Store”.",
        "表头没有门店。请在“门店”旁填写门店编号。",
    ),
    "fives_intake.parse.no_date": (
        "The header names no inspection date. Fill in the date next to “Date”.",
        "表头没有检查日期。请在“日期”旁填写日期。",
    ),
    "fives_intake.parse.bad_date": (
        "The date {value!r} cannot be read. Write it year-month-day, as {example}.",
        "无法识别日期 {value!r}。请按“年-月-日”填写，如 {example}。",
    ),
    "fives_intake.parse.date_day_first": (
        "The date {value!r} is read day first (DD/MM/YYYY): {date}.",
        "日期 {value!r} 按“日/月/年”读取：{date}。",
    ),
    "fives_intake.parse.date_stamp": (
        "The date {value!r} is read as {date}.",
        "日期 {value!r} 读作 {date}。",
    ),
    "fives_intake.parse.date_in_zone": (
        "The date {value!r} is a point in time (with its offset, or Unix time, which is UTC); it is read as {date}, "
        "its date in {zone}.",
        "日期 {value!r} 是带时区的时间点(含时差，或为按 UTC 计的 Unix 时间)；按{zone}读作 {date}。",
    ),
    "fives_intake.parse.date_ambiguous_file": (
        "The date {value!r} could be {dmy} (day first) or {mdy} (month first); it is read as {date}, the order "
        "of the workbook's other dates. If that is wrong, write it year-month-day.",
        "日期 {value!r} 可读作 {dmy}(日/月/年)或 {mdy}(月/日/年)；按本工作簿其他日期的写法读作 {date}。"
        "如有误，请按“年-月-日”填写。",
    ),
    "fives_intake.parse.date_ambiguous_default": (
        "The date {value!r} could be {dmy} (day first) or {mdy} (month first); nothing in the workbook tells, "
        "so it is read month first (MM/DD/YYYY, as US exports write dates): {date}. If that is wrong, write it "
        "year-month-day.",
        "日期 {value!r} 可读作 {dmy}(日/月/年)或 {mdy}(月/日/年)；工作簿中没有可判断的日期，按“月/日/年”"
        "(美式导出格式)读作 {date}。如有误，请按“年-月-日”填写。",
    ),
    "fives_intake.parse.no_inspector": (
        "No inspector is named; the inspection is recorded under the uploading user.",
        "未填写检查员；将以上传用户记录为检查员。",
    ),
    "fives_intake.parse.unknown_section": (
        "{value!r} is not one of the five S (Sort, Set in order, Shine, Standardize, Sustain). Correct the section name.",
        "{value!r} 不是5S之一(整理、整顿、清扫、清洁、素养)。请更正分区名称。",
    ),
    "fives_intake.parse.section_guessed": (
        "Section {value!r} read as {section}.",
        "分区 {value!r} 按“{section}”读取。",
    ),
    "fives_intake.parse.no_item": (
        "A score without an item: fill in the item code or text, or delete the score.",
        "有得分但没有检查项：请填写检查项编号或内容，或删除该得分。",
    ),
    "fives_intake.parse.unknown_item": (
        "The item {value!r} is not on the checklist. Use the item code of the sheet (e.g. SO1).",
        "检查项 {value!r} 不在检查表中。请使用检查表中的检查项编号(如 SO1)。",
    ),
    "fives_intake.parse.item_by_text": (
        "Item code {value!r} is unknown; the row was matched by its text to {item}.",
        "检查项编号 {value!r} 不存在；已按检查项内容匹配为 {item}。",
    ),
    "fives_intake.parse.other_section": (
        "Item {item} stands under another section in the sheet; it is counted in its own section ({section}).",
        "检查项 {item} 在表中位于其他分区下；按其所属分区({section})计分。",
    ),
    "fives_intake.parse.duplicate_item": (
        "Item {item} appears twice (first in row {first}). Keep one row per item.",
        "检查项 {item} 出现两次(首次在第 {first} 行)。每个检查项只保留一行。",
    ),
    "fives_intake.parse.no_score": (
        "Item {item} has no score. Enter 0 to {max}, or N/A if it does not apply.",
        "检查项 {item} 没有得分。请填写 0 至 {max}，不适用请填写 N/A。",
    ),
    "fives_intake.parse.score_formula": (
        "Item {item}: the score cell holds a formula error ({value}). Type the score itself.",
        "检查项 {item}：得分单元格为公式错误({value})。请直接填写分数。",
    ),
    "fives_intake.parse.bad_score": (
        "Item {item}: {value!r} is not a score. Enter 0 to {max}, or N/A.",
        "检查项 {item}：{value!r} 不是有效得分。请填写 0 至 {max} 或 N/A。",
    ),
    "fives_intake.parse.fraction": (
        "Item {item}: the score {value} is not a whole number.",
        "检查项 {item}：得分 {value} 不是整数。",
    ),
    "fives_intake.parse.out_of_range": (
        "Item {item}: the score {value} is outside 0 to {max}.",
        "检查项 {item}：得分 {value} 超出 0 至 {max} 的范围。",
    ),
    "fives_intake.parse.not_allowed": (
        "Item {item}: the checklist scores only {allowed}, not {value}.",
        "检查项 {item}：该检查表只能打 {allowed} 分，不能打 {value} 分。",
    ),
    "fives_intake.parse.bad_mark": (
        "Item {item}: {value!r} in a score column is not a mark. Put an x under one score.",
        "检查项 {item}：得分列中的 {value!r} 不是勾选标记。请在一个分数下打 x。",
    ),
    "fives_intake.parse.two_marks": (
        "Item {item}: {n} scores are marked. Mark exactly one.",
        "检查项 {item}：勾选了 {n} 个分数。只能勾选一个。",
    ),
    "fives_intake.parse.comment_formula": (
        "The comment is a formula error ({value}) and was left out.",
        "备注为公式错误({value})，已忽略。",
    ),
    "fives_intake.parse.below_table": (
        "The item table ends here ({text!r}); what follows is not read.",
        "检查项表格到此结束({text!r})；以下内容不读取。",
    ),
    "fives_intake.parse.score_words": (
        "{n} {n:plural:score was|scores were} written as a word or a mark and read as points: {readings} (full "
        "marks and a tick: the item's maximum; a cross: 0). If that is not what the inspector meant, write the "
        "points.",
        "{n} 个得分以文字或符号填写，已按分值读取：{readings}(满分和 ✓ 为该项最高分，✗ 为 0 分)。若与检查员本意不符，"
        "请填写分数。",
    ),
    "fives_intake.parse.cells_outside": (
        "{n} {n:plural:cell|cells} of the item table {n:plural:is|are} in no column the portal reads (section, "
        "item, score, comment) and {n:plural:was|were} not imported: {cells}.",
        "检查项表格中有 {n} 个单元格不在门户读取的列(分区、检查项、得分、备注)中，未导入：{cells}。",
    ),
    "fives_intake.parse.pictures": (
        "{n} {n:plural:picture|pictures} in this sheet ({cells}) {n:plural:was|were} not imported: pictures in a "
        "sheet are not read. To keep a photo of a finding, take it in the tablet form.",
        "此工作表中的 {n} 张图片({cells})未导入：检查表中的图片不会被读取。如需保留问题照片，请在平板表单中拍摄。",
    ),
    "fives_intake.parse.formula_ignored": (
        "{n} summary {n:plural:cell holds a formula error|cells hold formula errors} ({cells}); not read: the portal "
        "computes the scores.",
        "{n} 个汇总单元格为公式错误({cells})；未读取，得分由门户计算。",
    ),
    "fives_intake.parse.missing_items": (
        "{n} {n:plural:item of the checklist is|items of the checklist are} not in the sheet: {items}. Add "
        "{n:plural:it|them} (N/A if {n:plural:it does|they do} not apply).",
        "检查表中有 {n} 个检查项不在表内：{items}。请补上(不适用请填 N/A)。",
    ),
    # ------------------------------------------------------------ the printable sheet
    "fives_intake.sheet.store": ("Store", "门店"),
    "fives_intake.sheet.date": ("Date", "日期"),
    "fives_intake.sheet.inspector": ("Inspector", "检查员"),
    "fives_intake.sheet.template": ("Template", "检查表"),
    "fives_intake.sheet.inspection_id": ("Inspection id", "检查编号"),
    "fives_intake.sheet.instructions": (
        "Score each item from 0 (not met) to its maximum (fully met), or N/A when it does not apply; add a comment for every low score.",
        "每个检查项按 0(未达到)至满分(完全达到)打分，不适用填 N/A；低分检查项请填写备注。",
    ),
    "fives_intake.sheet.col.section": ("Section", "分区"),
    "fives_intake.sheet.col.code": ("Code", "编号"),
    "fives_intake.sheet.col.item": ("Item", "检查项"),
    "fives_intake.sheet.col.score": ("Score", "得分"),
    "fives_intake.sheet.col.comment": ("Comment", "备注"),
    "fives_intake.sheet.red_line": ("red line", "红线项"),
    "fives_intake.sheet.validation_error": (
        "Enter one of {scores}, or N/A.",
        "请填写 {scores} 之一，或 N/A。",
    ),
    "fives_intake.sheet.validation_prompt": ("{scores} or N/A", "{scores} 或 N/A"),
    # ------------------------------------------------------------ the inspections upload kind
    "fives_intake.error.unknown_template": (
        "Unknown checklist: write it as FIVES_RETAIL v1, or leave it blank for the current one.",
        "未知检查表：请写成 FIVES_RETAIL v1 的格式，或留空使用当前检查表。",
    ),
    "fives_intake.error.unknown_item": ("Not an item of the checklist.", "不是检查表中的检查项。"),
    "fives_intake.error.no_score": (
        "No score: enter 0 to {detail}, or N/A.",
        "没有得分：请填写 0 至 {detail}，或 N/A。",
    ),
    "fives_intake.error.score_formula": (
        "A formula error, not a score: type the score.",
        "公式错误，不是得分：请直接填写分数。",
    ),
    "fives_intake.error.bad_score": (
        "Not a score: enter 0 to {detail}, or N/A.",
        "不是有效得分：请填写 0 至 {detail}，或 N/A。",
    ),
    "fives_intake.error.out_of_range": (
        "The score is outside 0 to {detail}.",
        "得分超出 0 至 {detail} 的范围。",
    ),
    "fives_intake.error.not_allowed": (
        "The checklist scores this item only {detail}, or N/A.",
        "该检查表此项只能打 {detail} 分，或 N/A。",
    ),
    "fives_intake.error.photo": ("Not a stored photo.", "不是已保存的照片。"),
    "fives_intake.error.mixed": (
        "Rows of one inspection differ here: an inspection has one store, date, inspector and checklist.",
        "同一检查的各行在此不一致：一次检查只能有一个门店、日期、检查员和检查表。",
    ),
    "fives_intake.error.missing_items": (
        "The inspection lacks items {detail}: add them (N/A if they do not apply).",
        "该检查缺少检查项 {detail}：请补上(不适用填 N/A)。",
    ),
    "fives_intake.error.rescored": (
        "This inspection was imported in batch {detail} with other scores; an inspection is never rescored. "
        "Undo that batch first.",
        "该检查已在批次 {detail} 中以不同得分导入；检查结果不会被重新评分。请先撤销该批次。",
    ),
    "fives_intake.error.key_out_of_scope": (
        "This inspection id belongs to a store outside your scope.",
        "该检查编号属于您权限范围以外的门店。",
    ),
    "fives_intake.error.comment_changed": (
        "This inspection was imported in batch {detail} with the same scores but another comment for this item; "
        "a stored inspection is not changed. To correct the comment, undo that batch first, then import this file.",
        "该检查已在批次 {detail} 中导入，得分相同，但此检查项的备注不同；已导入的检查不会被修改。"
        "如需更正备注，请先撤销该批次，再导入此文件。",
    ),
    "fives_intake.error.rescored_item": (
        "This inspection was imported in batch {batch} with the score {old} for this item (this file: {new}); an "
        "inspection is never rescored. Undo that batch first.",
        "该检查已在批次 {batch} 中导入，此检查项的得分为 {old}(此文件为 {new})；检查结果不会被重新评分。"
        "请先撤销该批次。",
    ),
    # a score as the rescored message says it: not applicable, or an item the stored inspection does not hold
    "fives_intake.score.na": ("N/A", "不适用"),
    "fives_intake.score.none": ("none", "无"),
    "fives_intake.error.sheet_refused": (
        "{detail} This sheet is not imported.",
        "{detail} 该工作表未导入。",
    ),
    "fives_intake.error.other_row_invalid": (
        "Another row of this inspection is invalid (row {detail}): an inspection is imported whole or not at all.",
        "该检查的其他行无效(第 {detail} 行)：一次检查要么整体导入，要么不导入。",
    ),
    "fives_intake.notice.score_words": (
        "{column}: {n} {n:plural:score was|scores were} written as a word or a mark and read as points: "
        "{readings} (full marks and a tick: the item's maximum; a cross: 0). If that is not what the inspector "
        "meant, write the points.",
        "{column}：{n} 个得分以文字或符号填写，已按分值读取：{readings}(满分和 ✓ 为该项最高分，✗ 为 0 分)。"
        "若与检查员本意不符，请填写分数。",
    ),
    "fives_intake.notice.derived_ids": (
        "{n} rows have no inspection id: each inspection is keyed by store, date and inspector.",
        "{n} 行没有检查编号：按门店、日期和检查员识别每次检查。",
    ),
    "fives_intake.notice.matched_stored": (
        "{n} rows without an inspection id are an inspection already imported for the same store, date and "
        "inspector ({ids}); they are compared with it, not imported a second time.",
        "{n} 行没有检查编号，与已导入的同一门店、日期和检查员的检查({ids})相同；将与其比对，不会再次导入。",
    ),
    "fives_intake.refused.sheet": (
        "The inspection sheet cannot be imported; nothing was written. Correct these cells and upload it again:\n{messages}",
        "检查表无法导入，未写入任何数据。请更正以下单元格后重新上传：\n{messages}",
    ),
    "fives_intake.parse.note": ("{text}", "{text}"),
    "fives_intake.notice.sheets_read": (
        "{n} inspection {n:plural:sheet|sheets} read ({inspections}); each item is a row below.",
        "已读取 {n} 张检查表({inspections})；以下每行为一个检查项。",
    ),
    "fives_intake.notice.sheet_of": ("{store} on {day}", "{store} {day}"),
    # ------------------------------------------------------------ photos
    "fives_intake.photo.too_large": (
        "The photo is {size:.1f} MB, over the limit of {limit:g} MB.",
        "照片大小为 {size:.1f} MB，超过 {limit:g} MB 的上限。",
    ),
    "fives_intake.photo.too_large_px": ("The photo has too many pixels.", "照片像素过多。"),
    "fives_intake.photo.not_image": (
        "The file is not a photo (JPEG, PNG or WebP).",
        "该文件不是照片(JPEG、PNG 或 WebP)。",
    ),
    # ------------------------------------------------------------ the tablet form
    "fives_intake.form.no_stores": (
        "You have no store to inspect. Ask an admin to give you your stores.",
        "您没有可检查的门店。请联系管理员为您分配门店。",
    ),
    "fives_intake.form.no_stores_yet": (
        "There is no store yet. Upload the stores file first (Upload, kind Stores and regions), then inspect.",
        "尚无门店。请先上传门店文件(上传页面，类型“门店与区域”)，再进行检查。",
    ),
    "fives_intake.form.template": ("{name} (version {version})", "{name}(第 {version} 版)"),
    "fives_intake.form.sheet_title": ("Printable inspection sheet (Excel)", "可打印的检查表(Excel)"),
    "fives_intake.form.sheet_lang": ("Sheet language", "检查表语言"),
    "fives_intake.form.sheet_button": ("Download the sheet", "下载检查表"),
    "fives_intake.form.start_caption": (
        "Choose the store and the day, then score the items section by section. Your answers are kept as a draft "
        "until you submit, even if the page reloads.",
        "选择门店和日期，然后按分区逐项打分。提交前您的答案会保存为草稿，页面刷新也不会丢失。",
    ),
    "fives_intake.form.start": ("Start the inspection", "开始检查"),
    "fives_intake.form.progress": ("{done} of {total} items scored", "已打分 {done}/{total} 项"),
    "fives_intake.form.section": ("Section {k} of {n}: {name}", "第 {k}/{n} 分区：{name}"),
    "fives_intake.form.score": ("Score (0 to {max})", "得分(0 至 {max})"),
    "fives_intake.form.na": ("N/A", "不适用"),
    "fives_intake.form.comment": ("Comment", "备注"),
    "fives_intake.form.comment_hint": (
        "What did you see? (needed for a low score)",
        "发现了什么？(低分请填写)",
    ),
    "fives_intake.form.photo": (
        "Photo (optional, JPEG/PNG/WebP, at most {limit} MB)",
        "照片(可选，JPEG/PNG/WebP，不超过 {limit} MB)",
    ),
    "fives_intake.form.photo_kept": ("Photo kept (metadata removed)", "照片已保存(已去除元数据)"),
    "fives_intake.form.photo_remove": ("Remove photo", "删除照片"),
    "fives_intake.form.back": ("← Previous section", "← 上一分区"),
    "fives_intake.form.next": ("Next section →", "下一分区 →"),
    "fives_intake.form.submit": ("Submit the inspection", "提交检查"),
    "fives_intake.form.missing": (
        "Not submitted: these items have no score yet: {items}. Score them or mark them N/A.",
        "未提交：以下检查项尚未打分：{items}。请打分或标记为不适用。",
    ),
    "fives_intake.form.comment_needed_next": (
        "Add a comment to each low score before the next section: {items}.",
        "进入下一分区前，请为每个低分检查项填写备注：{items}。",
    ),
    "fives_intake.form.comment_needed": (
        "Not submitted: a low score needs a comment saying what you saw. Add one to: {items}.",
        "未提交：低分检查项须填写备注，说明发现的问题。请为以下检查项填写：{items}。",
    ),
    "fives_intake.form.submitted": (
        "Inspection of {store} on {day} saved as import batch {batch}: overall {score} (n = {sections} "
        "{sections:plural:section|sections} scored); {actions} corrective {actions:plural:action|actions} opened. "
        "It can be undone on the Import history page.",
        "{store} {day} 的检查已保存，导入批次 {batch}：总分 {score}(n = {sections} 个分区)；已开立 {actions} "
        "项整改措施。可在“导入历史”页面撤销。",
    ),
    "fives_intake.form.open_actions": (
        "Open the {n} corrective {n:plural:action|actions}",
        "查看 {n} 项整改措施",
    ),
    "fives_intake.form.open_history": ("Import history (undo)", "导入历史(撤销)"),
    "fives_intake.form.submitted_no_score": (
        "Inspection of {store} on {day} saved as import batch {batch}: no score, every item was marked N/A; "
        "{actions} corrective {actions:plural:action|actions} opened. It can be undone on the Import history page.",
        "{store} {day} 的检查已保存，导入批次 {batch}：无得分，所有检查项均为不适用；已开立 {actions} 项整改措施。"
        "可在“导入历史”页面撤销。",
    ),
    "fives_intake.form.interrupted": (
        "Your last submit of this inspection did not go through: the connection to the server was lost before it "
        "was saved, and nothing of it was stored. Your answers are kept below: submit it again.",
        "此检查上次提交未完成：保存前与服务器的连接已中断，未写入任何数据。您的答案已保留在下方，请重新提交。",
    ),
    "fives_intake.form.undone": (
        "This inspection was saved as import batch {batch}, and that batch was undone on {at} by {by} (Import "
        "history): nothing of it is stored now. Its answers are kept below: submit it again, or discard the draft "
        "to start a new inspection.",
        "此检查曾保存为导入批次 {batch}，该批次已于 {at} 由 {by} 撤销(导入历史)：目前未保存任何数据。其答案已保留在下方："
        "可重新提交，或放弃此草稿以开始新的检查。",
    ),
    "fives_intake.form.not_your_store": (
        "You may inspect only your own stores; nothing was written.",
        "您只能检查自己负责的门店；未写入任何数据。",
    ),
    "fives_intake.form.discard_title": ("Discard this draft", "放弃此草稿"),
    "fives_intake.form.discard": ("Discard the draft and start again", "放弃草稿并重新开始"),
    # ------------------------------------------------------------ the checklist editor
    "fives_intake.tpl.caption": (
        "Edit a 5S checklist. Saving makes a new version: inspections already scored keep the version they were "
        "scored on and are never rescored; new sheets and the tablet form use the newest version.",
        "编辑5S检查表。保存后生成新版本：已打分的检查保留其原版本，不会重新评分；新的检查表和平板表单使用最新版本。",
    ),
    "fives_intake.tpl.none": ("No checklist exists yet.", "尚无检查表。"),
    "fives_intake.tpl.template": ("Checklist", "检查表"),
    "fives_intake.tpl.editing": (
        "Edit {label} (saving makes the next version)",
        "编辑 {label}(保存后生成下一版本)",
    ),
    "fives_intake.tpl.name_en": ("Name (English)", "名称(英文)"),
    "fives_intake.tpl.name_zh": ("Name (Chinese)", "名称(中文)"),
    "fives_intake.tpl.sections": ("Sections and their weights", "分区及权重"),
    "fives_intake.tpl.items": ("Items", "检查项"),
    "fives_intake.tpl.items_help": (
        "Add or delete rows; items keep the table's order within their section. A red-line item puts its section "
        "at 0 when failed.",
        "可增加或删除行；检查项在各分区内按表格顺序排列。红线项不合格时，该分区得分为 0。",
    ),
    "fives_intake.tpl.save": ("Save as a new version", "保存为新版本"),
    "fives_intake.tpl.unchanged": ("Nothing changed; no version was made.", "没有修改，未生成新版本。"),
    "fives_intake.tpl.saved": (
        "Saved as {code} version {version}. Earlier inspections keep their version.",
        "已保存为 {code} 第 {version} 版。以往的检查保留其原版本。",
    ),
    "fives_intake.tpl.col.template_code": ("Checklist", "检查表"),
    "fives_intake.tpl.col.version": ("Version", "版本"),
    "fives_intake.tpl.col.name_en": ("Name (English)", "名称(英文)"),
    "fives_intake.tpl.col.name_zh": ("Name (Chinese)", "名称(中文)"),
    "fives_intake.tpl.col.items_n": ("Items", "检查项数"),
    "fives_intake.tpl.col.inspections_n": ("Inspections scored on it", "使用该版本的检查数"),
    "fives_intake.tpl.col.created_at": ("Created ({zone})", "创建时间({zone})"),
    "fives_intake.tpl.col.created_by": ("Created by", "创建人"),
    "fives_intake.tpl.col.section": ("Section", "分区"),
    "fives_intake.tpl.col.code": ("Code", "编号"),
    "fives_intake.tpl.col.text_en": ("Text (English)", "内容(英文)"),
    "fives_intake.tpl.col.text_zh": ("Text (Chinese)", "内容(中文)"),
    "fives_intake.tpl.col.weight": ("Weight", "权重"),
    "fives_intake.tpl.col.max_score": ("Maximum score", "满分"),
    "fives_intake.tpl.col.red_line": ("Red line", "红线项"),
    "fives_intake.tpl.err.sections": (
        "A checklist has the five sections Sort, Set in order, Shine, Standardize, Sustain, in this order.",
        "检查表必须依次包含整理、整顿、清扫、清洁、素养五个分区。",
    ),
    "fives_intake.tpl.err.code": (
        "Item code {item!r}: use capital letters and digits, starting with a letter (e.g. SO6).",
        "检查项编号 {item!r}：请使用以字母开头的大写字母和数字(如 SO6)。",
    ),
    "fives_intake.tpl.err.duplicate": ("Item code {item} is used twice.", "检查项编号 {item} 重复。"),
    "fives_intake.tpl.err.text": (
        "Item {item} needs its text in English and in Chinese.",
        "检查项 {item} 需要填写英文和中文内容。",
    ),
    "fives_intake.tpl.err.max": (
        "Item {item}: the maximum score is 1 to 10.",
        "检查项 {item}：满分应为 1 至 10。",
    ),
    "fives_intake.tpl.err.weight": (
        "Item {item}: the weight must be above 0.",
        "检查项 {item}：权重必须大于 0。",
    ),
    "fives_intake.tpl.err.section_of": (
        "Item {item} is in section {section!r}, which the checklist does not have: use one of its sections.",
        "检查项 {item} 所属分区 {section!r} 不在该检查表中：请使用检查表已有的分区。",
    ),
    "fives_intake.tpl.err.section_weight": (
        "Section {section}: the weight must be above 0.",
        "分区 {section}：权重必须大于 0。",
    ),
    "fives_intake.tpl.err.empty_section": ("Section {section} has no item.", "分区 {section} 没有检查项。"),
    # ------------------------------------------------------------ another company's sheet
    "fives_intake.foreign.no_section": (
        "Item {item!r} comes before any section. Name its S (Sort, Set in order, Shine, Standardize, Sustain) "
        "in the section column.",
        "检查项 {item!r} 之前没有分区。请在分区列中写明其所属的S(整理、整顿、清扫、清洁、素养)。",
    ),
    "fives_intake.foreign.title": ("From another company's sheet", "来自其他公司的检查表"),
    "fives_intake.foreign.help": (
        "Upload a 5S sheet in another layout (its own items, e.g. a 1-5 or 0/1/2/4 point scale). Its items and "
        "scale are read into a new checklist: check them, edit the texts in both languages and the weights, then "
        "save. Its scores are then imported as an inspection on that checklist (one import batch, undoable).",
        "上传其他格式的5S检查表(自有检查项，例如1-5分或0/1/2/4分制)。其检查项与分制将读入一份新检查表：请核对，"
        "编辑中英文内容与权重，然后保存。随后其得分将作为该检查表上的一次检查导入(一个导入批次，可撤销)。",
    ),
    "fives_intake.foreign.file": ("The other company's sheet (.xlsx)", "其他公司的检查表(.xlsx)"),
    "fives_intake.foreign.refused": (
        "The sheet cannot be read as a checklist; nothing was saved. Correct these cells:",
        "无法将该表读取为检查表；未保存任何内容。请更正以下单元格：",
    ),
    "fives_intake.foreign.read": (
        "Read from sheet {sheet}: {n} items, point scale {scale}; store {store}, {day}, inspector {inspector}.",
        "已从工作表 {sheet} 读取：{n} 个检查项，分制 {scale}；门店 {store}，{day}，检查员 {inspector}。",
    ),
    "fives_intake.foreign.code": ("Checklist code", "检查表代码"),
    "fives_intake.foreign.scale": (
        "Point scale (the scores allowed, comma separated)",
        "分制(允许的分数，以逗号分隔)",
    ),
    "fives_intake.foreign.bad_scale": (
        "The point scale must be whole numbers from 0 to 10, at least two, e.g. 1, 2, 3, 4, 5 or 0, 1, 2, 4.",
        "分制须为 0 至 10 的整数，至少两个，例如 1, 2, 3, 4, 5 或 0, 1, 2, 4。",
    ),
    "fives_intake.foreign.save": (
        "Save the checklist and import the scores",
        "保存检查表并导入得分",
    ),
    "fives_intake.foreign.saved": (
        "Saved as {label}; the sheet's scores imported as batch {batch_id} ({n} items).",
        "已保存为 {label}；该表的得分已作为批次 {batch_id} 导入({n} 个检查项)。",
    ),
    "fives_intake.foreign.not_imported": (
        "Saved as {label}, but the scores were not imported: {reason}",
        "已保存为 {label}，但得分未导入：{reason}",
    ),
}
