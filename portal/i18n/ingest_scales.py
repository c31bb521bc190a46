"""Words of reading a rating column as a whole (portal/ingest/validation.py, portal/ingest/scales.py): a scale
that runs the other way, one whose labels contradict each other, a column on another scale than its field's (a
0-100 score on a small one too)."""

STRINGS = {
    "ingest.notice.scale_reversed_numbers": (
        "{column}: its answers' words show a scale where 1 is the best, so the {n:,} "
        "{n:plural:answer|answers} written as a number alone {n:plural:is|are} read on that scale too "
        "({mirror}). If those numbers were meant with {top} as the best, correct the file.",
        "{column}：答案的文字显示问卷量表以 1 为最好，只写序号的 {n:,} 个答案也按此量表读取"
        "({mirror})。若这些序号本以 {top} 为最好，请更正文件。",
    ),
    "ingest.file.scale_mixed": (
        "{column}: some answers' words say otherwise than their number (a scale where 1 is the best) and others "
        "agree with theirs, so the {n:,} {n:plural:answer|answers} written as a number alone cannot be read "
        "either way; nothing was written. Export the answers all as numbers or all as the options' text, or "
        "leave the column unmapped.",
        "{column}：部分答案的文字与其序号不符(问卷量表可能以 1 为最好)，另一些则相符，只写序号的 {n:,} 个答案"
        "无法确定按哪一方向读取；未写入任何数据。请将答案全部按序号或全部按选项文字导出，或不映射该列。",
    ),
    "ingest.file.other_scale_header": (
        "{column}: its header gives a {scale} scale, but {field} takes {expected}; nothing was written. Convert "
        "the answers to {expected}, or leave the column unmapped.",
        "{column}：表头标明的量表为 {scale}，而{field}的取值为 {expected}；未写入任何数据。请将答案换算为 "
        "{expected} 后再上传，或不映射该列。",
    ),
    "ingest.file.header_max_disagrees": (
        "{column}: its header gives a {scale} scale, but the max score column {max_column} gives {maxima} on {n:,} "
        "{n:plural:row|rows}; nothing was written. Give one maximum score: correct the header or the {max_column} "
        "column.",
        "{column}：表头标明的量表为 {scale}，但满分列“{max_column}”有 {n:,} 行为 {maxima}；未写入任何数据。"
        "请只给出一个满分：更正表头或“{max_column}”列。",
    ),
    "ingest.file.other_scale_values": (
        "{column}: {n:,} {n:plural:answer is|answers are} above {top} (up to {most}): the column is on another "
        "scale than {field}, which takes {expected}; nothing was written. Convert the answers to {expected}, or "
        "leave the column unmapped.",
        "{column}：{n:,} 个答案大于 {top}(最高为 {most})，该列的量表与{field}不同({field}的取值为 {expected})；"
        "未写入任何数据。请将答案换算为 {expected} 后再上传，或不映射该列。",
    ),
    "ingest.file.option_numbers": (
        "{column}: {n:,} {n:plural:answer is|answers are} {last} and none is {low}: the answers look like the "
        "options' numbers 1–{last} (the first option, {low}, numbered 1), not {field} on {expected}, so each would be "
        "read one point too high; nothing was written. Export the answers as the options' text or their scores, or "
        "leave the column unmapped.",
        "{column}：{n:,} 个答案为 {last}，且没有答案为 {low}：这些答案看来是选项序号 1–{last}(第一个选项 {low} 记为 1)，"
        "而非{field}的 {expected}，每个答案都会多读 1 分；未写入任何数据。请按选项文本或分值导出答案，或不映射该列。",
    ),
    "ingest.file.smaller_scale_values": (
        "{column}: all {n:,} {n:plural:score is|scores are} between 0 and {top} (the highest {most}): the column "
        "looks to be on a 0–{top} scale, but {field} takes {expected}; nothing was written. Convert the scores to "
        "{expected} ({most} of {top} is {as_expected}), or leave the column unmapped.",
        "{column}：全部 {n:,} 个分数都在 0 到 {top} 之间(最高为 {most})，该列看来是 0–{top} 的量表，而{field}的取值为 "
        "{expected}；未写入任何数据。请将分数换算为 {expected} 后再上传(满分 {top} 的 {most} 即 {as_expected})，"
        "或不映射该列。",
    ),
    "ingest.notice.skip_codes": (
        "{column}: {n:,} {n:plural:answer is|answers are} a survey tool's code for no answer ({codes}: skipped, "
        "not shown or not answered) and {n:plural:is|are} read as blank; the respondents are kept for their "
        "other answers.",
        "{column}：{n:,} 个答案是问卷工具表示未作答的代码({codes}：跳过、未显示或未回答)，按空白读取；这些答卷的其他"
        "回答照常保留。",
    ),
    "ingest.file.other_scale_labels": (
        "{column}: its answers are the options of {scale} ({labels}), but {field} takes {expected}; nothing was "
        "written. Export the answers as numbers on {expected}, or leave the column unmapped.",
        "{column}：其答案是{scale}的选项({labels})，而{field}的取值为 {expected}；未写入任何数据。请将答案按 "
        "{expected} 的分值导出，或不映射该列。",
    ),
    "ingest.scale.satisfaction_7": (
        "a 7-point satisfaction scale (extremely dissatisfied … extremely satisfied)",
        "7级满意度量表(非常不满意…非常满意)",
    ),
    "ingest.scale.agreement": (
        "an agreement scale (strongly disagree … strongly agree)",
        "同意程度量表(非常不同意…非常同意)",
    ),
    "ingest.scale.agreement_5": (
        "a 5-point agreement scale (strongly disagree, disagree, neutral, agree, strongly agree)",
        "5级同意程度量表(非常不同意、不同意、一般、同意、非常同意)",
    ),
    "ingest.scale.satisfaction": (
        "a satisfaction scale (very dissatisfied … very satisfied)",
        "满意度量表(非常不满意…非常满意)",
    ),
}
