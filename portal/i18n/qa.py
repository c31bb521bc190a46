"""Words of the QA review loop: QA reviews, disputes, sign-offs and coaching notes (portal/qa/)."""

STRINGS = {
    # value lists (portal/vocab.py)
    "scorecard.dispute_status.open": ("open", "待处理"),
    "scorecard.dispute_status.accepted": ("accepted", "已采纳"),
    "scorecard.dispute_status.rejected": ("rejected", "已驳回"),
    "scorecard.dispute_resolution.corrected": ("score corrected", "已更正分数"),
    "scorecard.dispute_resolution.removed": ("removed from the score", "已从得分中剔除"),
    "qa.grain.week": ("week", "周"),
    "qa.grain.month": ("month", "月"),
    "qa.grain.quarter": ("quarter", "季度"),
    "audit.action.qa_dispute": ("QA dispute raised", "质检申诉提交"),
    "audit.action.qa_dispute_decision": ("QA dispute decided", "质检申诉处理"),
    "audit.action.qa_sign_off": ("scorecard sign-off", "考核期签核"),
    # refusals (portal/qa/rules.py)
    "qa.err.not_agent": (
        "Only the agent a QA review is about can dispute it.",
        "只有被质检的坐席本人可以申诉。",
    ),
    "qa.err.review_not_found": (
        "That QA review does not exist or is not one of yours.",
        "该质检记录不存在，或不属于您。",
    ),
    "qa.err.review_removed": (
        "This review has already been removed from your score.",
        "该质检记录已从您的得分中剔除。",
    ),
    "qa.err.dispute_open": (
        "This review already has an open dispute (no. {dispute_id}); wait for its decision.",
        "该质检记录已有待处理的申诉（编号 {dispute_id}），请等待处理结果。",
    ),
    "qa.err.reason_required": ("Say why you dispute the review.", "请填写申诉理由。"),
    "qa.err.text_long": ("The text is too long (at most {n} characters).", "文字过长（最多 {n} 个字符）。"),
    "qa.err.not_decider": (
        "Only a team lead, a manager or an admin can decide a dispute.",
        "只有组长、经理或管理员可以处理申诉。",
    ),
    "qa.err.dispute_not_found": (
        "That dispute does not exist or is outside your scope.",
        "该申诉不存在，或不在您的权限范围内。",
    ),
    "qa.err.own_review": (
        "You wrote this QA review, so someone else must decide the dispute about it.",
        "该质检由您本人评定，申诉须由其他人处理。",
    ),
    "qa.err.dispute_decided": (
        "This dispute has already been decided ({status}).",
        "该申诉已处理（{status}）。",
    ),
    "qa.err.comment_required": (
        "Say why the dispute is rejected: the agent reads it.",
        "请填写驳回理由，坐席会看到。",
    ),
    "qa.err.score_range": (
        "The corrected score must be between 0 and 100.",
        "更正后的分数须在 0 到 100 之间。",
    ),
    "qa.err.not_signer": (
        "Only a team lead, a manager or an admin can sign off a period.",
        "只有组长、经理或管理员可以签核考核期。",
    ),
    "qa.err.agent_not_found": (
        "That agent does not exist or is outside your scope.",
        "该坐席不存在，或不在您的权限范围内。",
    ),
    "qa.err.grain": ("Choose a week, month or quarter.", "请选择周、月或季度。"),
    "qa.err.period_start": (
        "A period starts on a Monday (week) or on the first day of a month or quarter.",
        "考核期须从周一（周）或月、季度的第一天开始。",
    ),
    "qa.err.period_future": ("That period has not begun yet.", "该考核期尚未开始。"),
    "qa.err.note_required": ("Write the coaching note the agent will read.", "请填写坐席将看到的辅导意见。"),
}
