"""Survey uploads: the kind's options, the whole file's problems, the rows' errors and the preview's notices
(portal/ingest/surveys.py, portal/ingest/servqual_columns.py)."""

STRINGS = {
    "sat.import.kind": ("Survey responses", "满意度调查答卷"),
    "sat.import.instrument": ("Instrument (questionnaire version)", "问卷量表(版本)"),
    "sat.import.store": (
        "Store for the whole file (when it has no store column)",
        "整个文件的门店(文件无门店列时)",
    ),
    "sat.import.date": (
        "Date for the whole file (when it has no date column)",
        "整个文件的日期(文件无日期列时)",
    ),
    "sat.import.pattern_e": (
        "All expectation columns by one pattern: {n} = item number, * = any text (e.g. E{n} or Q{n}*expectation)",
        "按模式一次映射所有期望列：{n} = 题项编号，* = 任意文字(例如 E{n} 或 Q{n}*期望)",
    ),
    "sat.import.pattern_p": (
        "All perception columns by one pattern: {n} = item number, * = any text (e.g. P{n} or Q{n}*perception)",
        "按模式一次映射所有感知列：{n} = 题项编号，* = 任意文字(例如 P{n} 或 Q{n}*感知)",
    ),
    "sat.import.file.items_missing": (
        "The instrument {instrument} has {n} items, but items {items} have no column in the file. Choose the "
        "instrument the survey used, or map those columns.",
        "问卷量表 {instrument} 共有{n}个题项，但文件中没有题项 {items} 的列。请选择该问卷实际使用的量表，或映射这些列。",
    ),
    "sat.import.file.extra_items": (
        "The file has answer columns for items {items} ({columns}), but the instrument {instrument} has only {n} "
        "items. Choose the instrument the survey used.",
        "文件中有题项 {items} 的答题列({columns})，但问卷量表 {instrument} 只有{n}个题项。请选择该问卷实际使用的量表。",
    ),
    "sat.import.notice.derived_ids": (
        "The file has no response-id column: {n:,} {n:plural:response gets its id|responses get their ids} from "
        "the store and the submit time in {column} as the file writes it (to the second, whatever source time zone "
        "is chosen), so uploading them again, in this file or a later export, is recognised.",
        "文件没有答卷编号列：{n:,} 份答卷的编号由门店和 {column} 中文件所写的提交时间(精确到秒，与所选的来源时区无关)生成，再次上传(本文件或之后的导出)"
        "会被识别。",
    ),
    "sat.import.notice.derived_ids_content": (
        "The file has no response-id column and its dates carry no time of day: {n:,} {n:plural:response gets "
        "its id|responses get their ids} from the store, the date and the answers. A response with the same "
        "store, date and answers as one already stored counts as that response: two customers who answered "
        "alike on one day in two files are counted once. Export the submit time, or a response id, to tell them "
        "apart.",
        "文件没有答卷编号列，日期也不含时间：{n:,} 份答卷的编号由门店、日期和答案生成。门店、日期和答案与已存答卷相同"
        "的答卷视为同一份：两个文件中同一天答案相同的两位顾客只计一次。请导出提交时间或答卷编号以区分。",
    ),
    "sat.import.notice.derived_ids_adopted": (
        "{n:,} {n:plural:response|responses} of this file {n:plural:has|have} the store, date and answers of "
        "{n:plural:a response|responses} stored before ids rested on the submit time: {n:plural:it keeps|they "
        "keep} the stored {n:plural:id|ids} and {n:plural:is|are} not stored again.",
        "此文件中 {n:,} 份答卷的门店、日期和答案与编号按提交时间生成之前存入的答卷相同：沿用已存答卷的编号，不会重复"
        "存入。",
    ),
    "sat.import.error.importance_sum": (
        "Importance points add up to {detail}, not 100.",
        "重要性分值之和为 {detail}，不是100。",
    ),
    "sat.import.notice.no_overall": (
        "{n:,} responses have no overall satisfaction: they count for the SERVQUAL figures (and NPS where "
        "answered) and are left out of the satisfaction index and CSAT.",
        "{n:,} 份答卷没有总体满意度：计入 SERVQUAL 指标(回答了推荐意愿的也计入 NPS)，不计入满意度指数和 CSAT。",
    ),
    "sat.import.error.not_a_response": (
        "The survey tool marks this row as no customer's answer (a preview, test, spam, screened-out, over-quota, "
        "disqualified, invalid or deleted response): it is not counted (choose “Skip invalid rows” to import the "
        "others).",
        "问卷工具标记此行不是顾客的回答(预览、测试、垃圾、被甄别、超出配额、不合格、无效或已删除的答卷)：不计入统计"
        "(选择“跳过无效行”即可导入其余答卷)。",
    ),
    "sat.import.notice.unknown_response_types": (
        "{column}: {n:,} {n:plural:response has|responses have} a response type the portal does not know: "
        "{values}. {n:plural:It is|They are} kept as customers' answers; if a type marks a test, a preview or an "
        "invalid response, leave those rows out of the file before you commit.",
        "{column}：{n:,} 份答卷的答卷类型系统无法识别：{values}。这些答卷按顾客的回答保留；若某类型表示测试、预览或"
        "无效答卷，请先从文件中删除这些行再提交。",
    ),
    "sat.import.error.no_answer": (
        "No overall satisfaction, recommendation or SERVQUAL answer: nothing to count.",
        "没有总体满意度、推荐意愿或 SERVQUAL 回答：没有可统计的内容。",
    ),
    "sat.import.error.unknown_complaint": ("No complaint has this id.", "没有此编号的投诉。"),
    "sat.import.error.ambiguous_complaint": (
        "Several complaints (from different systems) have this id.",
        "多个投诉(来自不同系统)使用此编号。",
    ),
    "sat.import.notice.items_unmapped": (
        "{n:,} columns look like SERVQUAL answers (expectation or perception of an item) but are not mapped, so "
        "they are not imported: {columns}. Map them (E and P fields, or by pattern such as E{{n}} = Q{{n}}_期望).",
        "{n:,} 列看似 SERVQUAL 答案(某一项的期望或感知)，但未映射，因此不会导入：{columns}。请映射这些列(期望、感知"
        "字段，或按模式映射，如 E{{n}} = Q{{n}}_期望)。",
    ),
    "sat.import.notice.recommend_small_scale": (
        "{column}: none of its {n:,} likelihood-to-recommend answers is above 5, so the question may have been "
        "asked on a 1–5 scale; NPS needs 0–10 and counts 0–6 as detractors. If the question was on 1–5, leave "
        "the column unmapped; commit it only if the answers are on 0–10.",
        "{column}：其 {n:,} 个推荐意愿答案均不大于 5，该题可能使用 1–5 的量表；净推荐值 (NPS) 需要 0–10 的答案，"
        "0–6 计为贬损者。若该题为 1–5 分，请不映射该列；仅当答案为 0–10 分时才提交。",
    ),
    "sat.import.notice.answers_changed": (
        "{n:,} {n:plural:response|responses} already stored would get other answers from this file (overall "
        "satisfaction, recommendation, comment, expectation, perception or importance weight): response "
        "{n:plural:id|ids} {ids}. If this is another questionnaire whose answers are numbered 1, 2, 3 like the "
        "first (问卷星's 序号), do not commit: map a column whose ids are unique to each response, or none. Commit "
        "only to correct those responses.",
        "{n:,} 份已存答卷的答案将被此文件更改(总体满意度、推荐意愿、评论、期望、感知或重要性权重)：答卷编号 {ids}。"
        "若这是另一份问卷、其答卷也按 1、2、3 编号(问卷星的序号)，请勿提交：请映射每份答卷唯一的编号列，或不映射"
        "编号。仅在更正这些答卷时提交。",
    ),
    "sat.import.notice.answers_filled": (
        "{n:,} {n:plural:response|responses} already stored {n:plural:gets|get} answers {n:plural:it|they} had "
        "left blank from this file (overall satisfaction, recommendation, comment, expectation, perception or "
        "importance weight; such as a column an earlier file did not carry): no stored answer changes.",
        "{n:,} 份已存答卷原为空白的答案将由此文件补上(总体满意度、推荐意愿、评论、期望、感知或重要性权重；例如之前的"
        "文件没有的列)：已存的答案不会更改。",
    ),
    "sat.import.error.id_of_other_day": (
        "This response id already belongs to a response of {detail}; a re-import corrects a response, it never "
        "moves it to another day. Survey tools number each questionnaire's answers 1, 2, 3 …: map a column whose "
        "ids are unique to each response, or none (the ids are then derived from the answers). To change the "
        "day of a stored response, undo its import first.",
        "此答卷编号已属于 {detail} 的答卷；重新导入只会更正答卷，不会把它移到其他日期。问卷工具按问卷为答卷编号"
        "(1、2、3…)：请映射每份答卷唯一的编号列，或不映射编号(系统按答卷内容生成编号)。如需更改已存答卷的日期，"
        "请先撤销其导入。",
    ),
    "sat.import.error.id_of_other_store": (
        "This response id already belongs to a response of store {detail}; an import never moves a response to "
        "another store. Survey tools number each questionnaire's answers 1, 2, 3 …: map a column whose ids are "
        "unique to each response, or none (the ids are then derived from the answers).",
        "此答卷编号已属于门店 {detail} 的答卷；导入不会把答卷移到其他门店。问卷工具按问卷为答卷编号(1、2、3…)："
        "请映射每份答卷唯一的编号列，或不映射编号(系统按答卷内容生成编号)。",
    ),
    "sat.import.error.key_out_of_scope": (
        "This response id belongs to a response of a store outside your scope.",
        "此答卷编号属于您权限范围外门店的答卷。",
    ),
    "sat.import.bad_instrument": (
        "Unknown instrument {code}; instruments: {known}.",
        "未知的问卷量表 {code}；现有量表：{known}。",
    ),
    "sat.import.bad_date": (
        "The date for the whole file must be YYYY-MM-DD, not {value}.",
        "整个文件的日期须为 YYYY-MM-DD 格式，而不是 {value}。",
    ),
    "sat.import.notice.file_store_beside_column": (
        "{column} gives other stores than the one chosen for the file ({store}) on {n:,} {n:plural:row|rows} "
        "({stores}): those rows keep the store the column gives. The store chosen for the file fills blank cells "
        "only.",
        "{column}在 {n:,} 行中给出的门店({stores})不是为本文件选择的门店({store})：这些行保留该列所给的门店。"
        "为文件选择的门店只用于填补空白单元格。",
    ),
    "sat.import.error.repeated_response": (
        "This row repeats row {detail} exactly: the same store, submit time and answers, one response exported "
        "twice (two exports pasted together?). Delete one of the two rows.",
        "本行与第 {detail} 行完全相同：门店、提交时间和全部答案都一样，是同一份答卷导出了两次(是否合并了两次导出？)。"
        "请删除其中一行。",
    ),
    "sat.import.future_date": (
        "The date for the whole file, {value}, is in the future (today is {today}).",
        "整个文件的日期 {value} 晚于今天({today})。",
    ),
}
