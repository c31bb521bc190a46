"""5S intake: checklists (templates), inspection sheets, the inspections upload, the tablet form."""

STRINGS = {
    "page.fives_inspect": ("5S inspection form", "5S检查表单"),
    "page.fives_templates": ("5S checklists", "5S检查表模板"),
    "ingest.kind.inspections": ("5S inspection sheets", "5S检查表"),
    # ------------------------------------------------------------ parser messages
    "fives_intake.msg.where": (
        "Sheet {sheet}, row {row}, column {column}",
        "工作表 {sheet},第 {row} 行,第 {column} 列",
    ),
    "fives_intake.parse.not_xlsx": (
        "{file} is not an Excel workbook (.xlsx). Save the sheet as .xlsx and upload it again.",
        "{file} 不是 Excel 工作簿(.xlsx)。请另存为 .xlsx 后重新上传。",
    ),
    "fives_intake.parse.unreadable": (
        "{file} cannot be read as a workbook ({reason}). Open it in Excel, save it as .xlsx and try again.",
        "无法读取工作簿 {file}({reason})。请用 Excel 打开并另存为 .xlsx 后重试。",
    ),
    "fives_intake.parse.no_sheet": (
        "{file} holds no 5S inspection sheet: no worksheet has an item table with an item and a score column. "
        "Download the inspection sheet to see the layout.",
        "{file} 中没有5S检查表:没有任何工作表包含“检查项目”和“得分”列。请下载检查表查看格式。",
    ),
    "fives_intake.parse.sheet_skipped": (
        "This worksheet has no item table and was not read.",
        "此工作表没有检查项目表格,未读取。",
    ),
    "fives_intake.parse.unknown_template": (
        "The checklist {value!r} is not known. Use the sheet downloaded from the portal or ask an admin to add it.",
        "检查表 {value!r} 不存在。请使用从门户下载的检查表,或请管理员添加。",
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
        "The date {value!r} cannot be read. Write it as 2026-11-30.",
        "无法识别日期 {value!r}。请写成 2026-11-30 的格式。",
    ),
    "fives_intake.parse.no_inspector": (
        "No inspector is named; the inspection is recorded under the uploading user.",
        "未填写检查人;将以上传用户记录为检查人。",
    ),
    "fives_intake.parse.unknown_section": (
        "{value!r} is not one of the five S (Sort, Set in order, Shine, Standardize, Sustain). Correct the section name.",
        "{value!r} 不是5S之一(整理、整顿、清扫、清洁、素养)。请更正区分名称。",
    ),
    "fives_intake.parse.section_guessed": (
        "Section {value!r} read as {section}.",
        "区分 {value!r} 按“{section}”读取。",
    ),
    "fives_intake.parse.no_item": (
        "A score without an item: fill in the item code or text, or delete the score.",
        "有得分但没有检查项目:请填写项目编号或内容,或删除该得分。",
    ),
    "fives_intake.parse.unknown_item": (
        "The item {value!r} is not on the checklist. Use the item code of the sheet (e.g. SO1).",
        "检查项目 {value!r} 不在检查表中。请使用检查表中的项目编号(如 SO1)。",
    ),
    "fives_intake.parse.item_by_text": (
        "Item code {value!r} is unknown; the row was matched by its text to {item}.",
        "项目编号 {value!r} 不存在;已按项目内容匹配为 {item}。",
    ),
    "fives_intake.parse.other_section": (
        "Item {item} stands under another section in the sheet; it is counted in its own section ({section}).",
        "项目 {item} 在表中位于其他区分下;按其所属区分({section})计分。",
    ),
    "fives_intake.parse.duplicate_item": (
        "Item {item} appears twice (first in row {first}). Keep one row per item.",
        "项目 {item} 出现两次(首次在第 {first} 行)。每个项目只保留一行。",
    ),
    "fives_intake.parse.no_score": (
        "Item {item} has no score. Enter 0 to {max}, or N/A if it does not apply.",
        "项目 {item} 没有得分。请填写 0 至 {max},不适用请填写 N/A。",
    ),
    "fives_intake.parse.score_formula": (
        "Item {item}: the score cell holds a formula error ({value}). Type the score itself.",
        "项目 {item}:得分单元格为公式错误({value})。请直接填写分数。",
    ),
    "fives_intake.parse.bad_score": (
        "Item {item}: {value!r} is not a score. Enter 0 to {max}, or N/A.",
        "项目 {item}:{value!r} 不是有效得分。请填写 0 至 {max} 或 N/A。",
    ),
    "fives_intake.parse.fraction": (
        "Item {item}: the score {value} is not a whole number.",
        "项目 {item}:得分 {value} 不是整数。",
    ),
    "fives_intake.parse.out_of_range": (
        "Item {item}: the score {value} is outside 0 to {max}.",
        "项目 {item}:得分 {value} 超出 0 至 {max} 的范围。",
    ),
    "fives_intake.parse.bad_mark": (
        "Item {item}: {value!r} in a score column is not a mark. Put an x under one score.",
        "项目 {item}:得分列中的 {value!r} 不是勾选标记。请在一个分数下打 x。",
    ),
    "fives_intake.parse.two_marks": (
        "Item {item}: {n} scores are marked. Mark exactly one.",
        "项目 {item}:勾选了 {n} 个分数。只能勾选一个。",
    ),
    "fives_intake.parse.comment_formula": (
        "The comment is a formula error ({value}) and was left out.",
        "备注为公式错误({value}),已忽略。",
    ),
    "fives_intake.parse.below_table": (
        "The item table ends here ({text!r}); what follows is not read.",
        "检查项目表格到此结束({text!r});以下内容不读取。",
    ),
    "fives_intake.parse.formula_ignored": (
        "{n} summary cell(s) hold formula errors ({cells}); they are not read, the portal computes the scores.",
        "{n} 个汇总单元格为公式错误({cells});未读取,得分由门户计算。",
    ),
    "fives_intake.parse.missing_items": (
        "{n} item(s) of the checklist are not in the sheet: {items}. Add them (N/A if they do not apply).",
        "检查表中有 {n} 个项目不在表内:{items}。请补上(不适用请填 N/A)。",
    ),
    # ------------------------------------------------------------ the printable sheet
    "fives_intake.sheet.store": ("Store", "门店"),
    "fives_intake.sheet.date": ("Date", "日期"),
    "fives_intake.sheet.inspector": ("Inspector", "检查人"),
    "fives_intake.sheet.template": ("Template", "检查表"),
    "fives_intake.sheet.inspection_id": ("Inspection id", "检查编号"),
    "fives_intake.sheet.instructions": (
        "Score each item from 0 (not met) to its maximum (fully met), or N/A when it does not apply; add a comment for every low score.",
        "每个项目按 0(未达到)至满分(完全达到)打分,不适用填 N/A;低分项目请填写备注。",
    ),
    "fives_intake.sheet.col.section": ("Section", "区分"),
    "fives_intake.sheet.col.code": ("Code", "编号"),
    "fives_intake.sheet.col.item": ("Item", "检查项目"),
    "fives_intake.sheet.col.score": ("Score", "得分"),
    "fives_intake.sheet.col.comment": ("Comment", "备注"),
    "fives_intake.sheet.red_line": ("red line", "红线项"),
    "fives_intake.sheet.validation_error": (
        "Enter a whole number from 0 to {max}, or N/A.",
        "请填写 0 至 {max} 的整数,或 N/A。",
    ),
    "fives_intake.sheet.validation_prompt": ("0 to {max}, or N/A", "0 至 {max},或 N/A"),
}
