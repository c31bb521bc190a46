"""5S inspection sheets and flat files: messages of the point scale a score header states and of scores written
against a maximum (portal.fives_intake.sheet_scores, portal.fives_intake.kind); the parser's other messages are in
``fives_intake``."""

STRINGS = {
    "fives_intake.parse.scale_differs": (
        "The score header {header!r} states scores {stated}, but checklist {template} scores its items {expected}. "
        "Nothing of this sheet was read (scores are not rescaled): score it {expected} under a header without "
        "another range, or have an admin add a checklist scored {stated}.",
        "得分表头 {header!r} 注明分值为 {stated}，但检查表 {template} 的检查项分值为 {expected}。此工作表未读取"
        "(不会自动换算分值)：请按 {expected} 打分并去掉表头中的其他分值范围，或请管理员添加按 {stated} 打分的检查表。",
    ),
    "fives_intake.parse.max_differs": (
        "The column {header!r} gives {n} {n:plural:item|items} ({items}) a maximum of {stated} points, but checklist "
        "{template} scores its items {expected}. Nothing of this sheet was read (scores are not rescaled): score "
        "the items {expected}, or have an admin add a checklist scored so.",
        "列 {header!r} 注明 {n} 个检查项({items})的满分为 {stated} 分，但检查表 {template} 的检查项分值为 {expected}。"
        "此工作表未读取(不会自动换算分值)：请按 {expected} 打分，或请管理员添加按此分值打分的检查表。",
    ),
    "fives_intake.parse.result_numbers": (
        "The column {header!r} is headed as a pass or fail result but holds 1 and 0, and the checklist scores its "
        "items 0 to {max}: a 1 may be a pass or 1 point, which cannot be told. Nothing of this sheet was read. Mark "
        "a pass ✓ (or 是) and a fail ✗ (or 否), or head the column 得分 (Score) and enter 0 to {max}.",
        "列 {header!r} 的表头为合格与否的结果，但填写的是 1 和 0，而检查表的检查项分值为 0 至 {max}：1 可能表示合格，也可能"
        "表示 1 分，无法判断。此工作表未读取。请用 ✓(或“是”)标记合格、✗(或“否”)标记不合格，或将该列表头改为“得分”并"
        "填写 0 至 {max}。",
    ),
    "fives_intake.parse.score_out_of": (
        "Item {item}: the score {value!r} is given out of {out_of}, but the item scores 0 to {max}. Enter the score "
        "out of {max} (scores are not rescaled).",
        "检查项 {item}：得分 {value!r} 按满分 {out_of} 填写，但该检查项的分值为 0 至 {max}。请按满分 {max} 填写得分"
        "(不会自动换算分值)。",
    ),
    # another company's sheet (portal.fives_intake.foreign): a missing or unreadable score, said once the sheet's
    # scale is known (stated by its header or columns per score, or read from its other scores: _unstated)
    "fives_intake.foreign.no_score": (
        "Item {item} has no score. Enter a score of {scale}, the sheet's scale, or N/A if it does not apply.",
        "检查项 {item} 没有得分。请按本表的分值 {scale} 填写得分，不适用请填写 N/A。",
    ),
    "fives_intake.foreign.no_score_unstated": (
        "Item {item} has no score. Enter a whole number of points, or N/A if it does not apply: the sheet states "
        "no scale, and its other scores give {scale}.",
        "检查项 {item} 没有得分。请填写整数分值，不适用请填写 N/A：本表未注明分值范围，按其他得分推断为 {scale}。",
    ),
    "fives_intake.foreign.bad_score": (
        "Item {item}: {value!r} is not a score. Enter a score of {scale}, the sheet's scale, or N/A.",
        "检查项 {item}：{value!r} 不是有效得分。请按本表的分值 {scale} 填写得分，或填写 N/A。",
    ),
    "fives_intake.foreign.bad_score_unstated": (
        "Item {item}: {value!r} is not a score. Enter a whole number of points, or N/A: the sheet states no scale, "
        "and its other scores give {scale}.",
        "检查项 {item}：{value!r} 不是有效得分。请填写整数分值或 N/A：本表未注明分值范围，按其他得分推断为 {scale}。",
    ),
    # ... on a row whose maximum column (标准分) gives the item a maximum: the scores up to it
    "fives_intake.foreign.no_score_max": (
        "Item {item} has no score. Enter a score of {scale} (the item's maximum is {max}, as its {header!r} column "
        "states), or N/A if it does not apply.",
        "检查项 {item} 没有得分。请按 {scale} 填写得分(该项 {header!r} 列注明满分为 {max})，不适用请填写 N/A。",
    ),
    "fives_intake.foreign.bad_score_max": (
        "Item {item}: {value!r} is not a score. Enter a score of {scale} (the item's maximum is {max}, as its "
        "{header!r} column states), or N/A.",
        "检查项 {item}：{value!r} 不是有效得分。请按 {scale} 填写得分(该项 {header!r} 列注明满分为 {max})，或填写 N/A。",
    ),
    "fives_intake.foreign.bad_max": (
        "Item {item}: the maximum {value!r} is not a whole number of points from 1 to 10. Write the item's maximum.",
        "检查项 {item}：满分 {value!r} 不是 1 至 10 之间的整数分值。请填写该检查项的满分。",
    ),
    "fives_intake.foreign.bad_weight": (
        "Item {item}: the weight {value!r} is not a number above 0. Write the item's weight (e.g. 1).",
        "检查项 {item}：权重 {value!r} 不是大于 0 的数字。请填写该检查项的权重(例如 1)。",
    ),
    "fives_intake.foreign.weights_mixed": (
        "The weight column writes some weights as percentages (20%) and others as plain numbers above 1 (80): read "
        "as written, 20% is 0.2 and would weigh 400 times less than 80. Write every weight one way (all as "
        "percentages, or all as numbers).",
        "权重列中有的权重写成百分比(20%)，有的写成大于 1 的数字(80)：按所写读取，20% 即 0.2，比 80 轻 400 倍。"
        "请统一权重的写法(全部写成百分比，或全部写成数字)。",
    ),
    "fives_intake.foreign.max_above_scale": (
        "The score header {header!r} states scores {scale}, but the sheet's maximum column gives these items a "
        "higher maximum (in brackets): {items}. Nothing of this sheet was read (scores are not rescaled): write each "
        "item's maximum within {scale}, or state in the score header a scale that reaches the highest maximum.",
        "得分表头 {header!r} 注明分值为 {scale}，但本表满分列中以下检查项的满分更高(括号内为满分)：{items}。此工作表"
        "未读取(不会自动换算分值)：请将各检查项的满分填写在 {scale} 以内，或在得分表头注明包含最高满分的分值范围。",
    ),
    "fives_intake.foreign.deduction_differs": (
        "Item {item}: the score {score} is not its maximum {max} less the points deducted {deducted} ({expected}). "
        "Correct the score or the points deducted (scores are not recomputed).",
        "检查项 {item}：得分 {score} 不等于满分 {max} 减去扣分 {deducted}(即 {expected})。请更正得分或扣分(不会自动重新计算得分)。",
    ),
    "fives_intake.foreign.bad_deduction": (
        "Item {item}: the points deducted {value!r} are not a number of 0 or more. Write the points deducted "
        "(e.g. 2), or leave the cell empty when none are.",
        "检查项 {item}：扣分 {value!r} 不是大于或等于 0 的数字。请填写扣分(例如 2)，未扣分请留空。",
    ),
    "fives_intake.foreign.deductions_only": (
        "The item table gives the points deducted ({header!r}) but no score column (得分, Score): the portal does "
        "not compute scores from deductions. Nothing of this sheet was read: add a 得分 column with each item's "
        "score.",
        "检查项表格只有扣分列 ({header!r})，没有得分列 (得分、Score)：系统不会根据扣分计算得分。此工作表未读取：请添加"
        "得分列并填写每个检查项的得分。",
    ),
    "fives_intake.foreign.photos_not_imported": (
        "{n:plural:Row|Rows} {rows} {n:plural:names|name} a photo in column {header!r}; {n:plural:it was|they were} "
        "not imported: a sheet brings scores only. To keep a photo of a finding, take it in the tablet form.",
        "第 {rows} 行在 {header!r} 列注明了照片(共 {n} 行)，这些照片未导入：检查表只导入得分。如需保留问题照片，请在平板"
        "表单中拍摄。",
    ),
    "fives_intake.foreign.pass_fail_both": (
        "Item {item}: both {pass_header!r} and {fail_header!r} are ticked. Tick one: {pass_header!r} if the item "
        "passed, {fail_header!r} if it failed.",
        "检查项 {item}：{pass_header!r} 和 {fail_header!r} 都打了勾。只能勾选一个：合格勾 {pass_header!r}，不合格勾 "
        "{fail_header!r}。",
    ),
    "fives_intake.foreign.pass_fail_none": (
        "Item {item}: neither {pass_header!r} nor {fail_header!r} is ticked. Tick {pass_header!r} if the item "
        "passed, {fail_header!r} if it failed.",
        "检查项 {item}：{pass_header!r} 和 {fail_header!r} 都没有打勾。合格请勾 {pass_header!r}，不合格请勾 "
        "{fail_header!r}。",
    ),
    "fives_intake.foreign.pass_fail_cross": (
        "Item {item}: {value!r} under {pass_header!r} is a cross, which says the item failed, in the column of a "
        "pass. Mark one: {pass_header!r} if the item passed, {fail_header!r} if it failed.",
        "检查项 {item}：{pass_header!r} 列中的 {value!r} 是叉号，表示不合格，与该列矛盾。只能勾选一个：合格勾 "
        "{pass_header!r}，不合格勾 {fail_header!r}。",
    ),
    "fives_intake.foreign.beyond_five_s": (
        "{value!r} heads a section beyond the five S (Sort, Set in order, Shine, Standardize, Sustain), with the "
        "items below it. Nothing of this sheet was read: a 5S checklist has the five S only. Take that section's "
        "rows out of the sheet, or move its items under one of the five S, and upload it again.",
        "{value!r} 是五个S(整理、整顿、清扫、清洁、素养)以外的分区，其下有检查项。此工作表未读取：5S检查表只有五个S。"
        "请从表中删除该分区的行，或将其检查项移到五个S之一下，然后重新上传。",
    ),
    "fives_intake.parse.beyond_five_s": (
        "The 5S checklist has no section {sections} (it has Sort, Set in order, Shine, Standardize and Sustain "
        "only): {n:plural:the item row|the {n} item rows} of {sections} ({n:plural:row|rows} {rows}) {n:plural:was|were} not read and {n:plural:does|do} not "
        "count in this inspection's score. The five S above were read. To keep those checks, record them outside "
        "the 5S inspection.",
        "{sections} 不是5S检查表中的分区(5S检查表只有整理、整顿、清扫、清洁、素养)：其下的 {n} 行检查项(第 {rows} 行)"
        "未读取，不计入本次检查的得分。上方五个S已读取。如需保留这些检查，请在5S检查之外另行记录。",
    ),
    "fives_intake.parse.total_differs": (
        "The sheet's own total here is {total}, but the scores of its items add up to {given}. The items' scores "
        "were read ({given} in all); the total was not. If an item's score is mistyped, correct it on the sheet "
        "and import it again (undo this import first).",
        "工作表自带的合计为 {total}，但各检查项得分之和为 {given}。已读取各检查项的得分(共 {given} 分)，未读取该合计。"
        "如有检查项得分填错，请在表中更正后重新导入(先撤销本次导入)。",
    ),
    # a sheet copied from another with its header left unchanged (sheet_parse._refuse_copied_headers)
    "fives_intake.parse.header_copied": (
        "{cell} holds {value!r}, as sheet {other} does ({other_cell}): this sheet's header was left as on the sheet "
        "it was copied from, so both would be one inspection (the same {field}). This sheet was not read: write its "
        "own {field} in the header and upload again.",
        "{cell} 的内容为 {value!r}，与工作表 {other}({other_cell})相同：此工作表的表头仍是复制来源工作表的内容，两张表会"
        "被视为同一次检查({field}相同)。此工作表未读取：请在表头填写此表自己的{field}后重新上传。",
    ),
    "fives_intake.parse.copied_inspection_id": ("inspection id", "检查编号"),
    "fives_intake.parse.copied_store": ("store, date and inspector", "门店、日期和检查员"),
    "fives_intake.parse.header_placeholder": (
        "The {field} cell holds {value!r}, a label of the sheet, not a value: the sheet's placeholder was left "
        "unchanged. Write this sheet's {field} there.",
        "{field}单元格的内容为 {value!r}，这是表格的标签而不是填写的内容：表格的占位内容未修改。请在此处填写本表的{field}。",
    ),
    "fives_intake.parse.grades_read": (
        "The score columns are headed by grades, read as points from the checklist's top score down: {readings}.",
        "得分列以等级为表头，已从检查表的最高分起依次按分值读取：{readings}。",
    ),
    "fives_intake.notice.flat_sheets_read": (
        "{n} sheets of inspections read as one import ({sheets}); not read: {others}.",
        "已将 {n} 个检查工作表作为一次导入读取({sheets})；未读取：{others}。",
    ),
    "fives_intake.refused.flat_sheets_differ": (
        "The sheets {first} and {sheet} hold inspections in columns that differ ({first}: {first_headers}; "
        "{sheet}: {headers}). Give every store's sheet the same columns and upload the workbook again.",
        "工作表 {first} 和 {sheet} 的检查数据列不同({first}：{first_headers}；{sheet}：{headers})。请让每个门店的工作表"
        "使用相同的列后重新上传工作簿。",
    ),
    "fives_intake.error.score_out_of": (
        "The score is given out of another maximum, but this item scores 0 to {detail}. Enter the score out of "
        "{detail} (scores are not rescaled).",
        "得分按其他满分填写，但该检查项的分值为 0 至 {detail}。请按满分 {detail} 填写得分(不会自动换算分值)。",
    ),
    "fives_intake.error.scale_differs": (
        "The score column {column!r} states scores {stated}, but checklist {template} scores its items "
        "{expected}. Nothing of this file was read (scores are not rescaled): score it {expected} under a header "
        "without another range, or have an admin add a checklist scored {stated}.",
        "得分列 {column!r} 注明分值为 {stated}，但检查表 {template} 的检查项分值为 {expected}。此文件未读取"
        "(不会自动换算分值)：请按 {expected} 打分并去掉表头中的其他分值范围，或请管理员添加按 {stated} 打分的检查表。",
    ),
    "fives_intake.error.result_numbers": (
        "The column {column!r} is headed as a pass or fail result but holds 1 and 0, and checklist {template} "
        "scores its items 0 to {max}: a 1 may be a pass or 1 point, which cannot be told. Nothing of this file was "
        "read. Mark a pass ✓ (or 是) and a fail ✗ (or 否), or head the column 得分 (Score) and enter 0 to {max}.",
        "列 {column!r} 的表头为合格与否的结果，但填写的是 1 和 0，而检查表 {template} 的检查项分值为 0 至 {max}：1 可能"
        "表示合格，也可能表示 1 分，无法判断。此文件未读取。请用 ✓(或“是”)标记合格、✗(或“否”)标记不合格，或将该列"
        "表头改为“得分”并填写 0 至 {max}。",
    ),
}
