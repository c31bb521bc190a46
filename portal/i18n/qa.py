"""Words of the QA review loop: QA reviews, disputes, sign-offs and coaching notes (portal/qa/)."""

STRINGS = {
    # value lists (portal/vocab.py)
    "scorecard.dispute_status.open": ("Open", "待处理"),
    "scorecard.dispute_status.accepted": ("Accepted", "已采纳"),
    "scorecard.dispute_status.rejected": ("Rejected", "已驳回"),
    "scorecard.dispute_resolution.corrected": ("score corrected", "已更正分数"),
    "scorecard.dispute_resolution.removed": ("removed from the score", "已从得分中剔除"),
    "qa.critical.yes": ("critical", "关键项"),
    "qa.critical.no": ("not critical", "非关键项"),
    "qa.grain.week": ("week", "周"),
    "qa.grain.month": ("month", "月"),
    "qa.grain.quarter": ("quarter", "季度"),
    "audit.action.qa_dispute": ("QA dispute raised", "质检申诉提交"),
    "audit.action.qa_dispute_decision": ("QA dispute decided", "质检申诉处理"),
    "audit.action.qa_sign_off": ("scorecard sign-off", "考核期签核"),
    # refusals (portal/qa/rules.py)
    "qa.err.not_agent": (
        "Only the agent a QA review is about can dispute it.",
        "只有被质检的客服专员本人可以申诉。",
    ),
    "qa.err.review_not_found": (
        "That QA review does not exist or is not one of yours.",
        "该质检评分不存在，或不属于您。",
    ),
    "qa.err.review_removed": (
        "This review has already been removed from your score.",
        "该质检评分已从您的得分中剔除。",
    ),
    "qa.err.dispute_open": (
        "This review already has an open dispute (no. {dispute_id}); wait for its decision.",
        "该质检评分已有待处理的申诉(编号 {dispute_id})，请等待处理结果。",
    ),
    "qa.err.reason_required": ("Say why you dispute the review.", "请填写申诉理由。"),
    "qa.err.text_long": ("The text is too long (at most {n} characters).", "文字过长(最多 {n} 个字符)。"),
    "qa.err.not_decider": (
        "Only a team lead or an admin can decide a dispute.",
        "只有班组长或管理员可以处理申诉。",
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
        "该申诉已处理({status})。",
    ),
    "qa.err.dispute_decided_meanwhile": (
        "Someone else decided this dispute a moment ago; reload the page to see the decision.",
        "该申诉刚刚已由他人处理，请刷新页面查看结果。",
    ),
    "qa.err.comment_required": (
        "Say why the dispute is rejected: the agent reads it.",
        "请填写驳回理由，客服专员会看到。",
    ),
    "qa.err.score_range": (
        "The corrected score must be between 0 and 100.",
        "更正后的分数须在 0 到 100 之间。",
    ),
    "qa.err.not_signer": (
        "Only a team lead or an admin can sign off a period.",
        "只有班组长或管理员可以签核考核期。",
    ),
    "qa.err.period_other_team": (
        "{agent} was in team {team} at the end of {period}: that period is that team's, and its lead signs it off.",
        "客服专员 {agent} 在 {period} 期末属于班组 {team}：该期间属于该班组，由其班组长签核。",
    ),
    "qa.err.period_no_team": (
        "{agent} was in no team at the end of {period}: no team lead signs that period off.",
        "客服专员 {agent} 在 {period} 期末不属于任何班组：该期间没有班组长可签核。",
    ),
    "qa.err.agent_not_found": (
        "That agent does not exist or is outside your scope.",
        "该客服专员不存在，或不在您的权限范围内。",
    ),
    "qa.err.grain": ("Choose a week, month or quarter.", "请选择周、月或季度。"),
    "qa.err.period_start": (
        "A period starts on a Monday (week) or on the first day of a month or quarter.",
        "考核期须从周一(周)或月、季度的第一天开始。",
    ),
    "qa.err.period_future": ("That period has not begun yet.", "该考核期尚未开始。"),
    "qa.err.note_required": (
        "Write the coaching note the agent will read.",
        "请填写客服专员将看到的辅导意见。",
    ),
    # pages
    "qa.tile.qa_score": ("QA score", "质检得分"),
    "qa.tile.open_disputes": ("Open disputes", "待处理申诉"),
    "qa.tile.qa_score_help": (
        "Mean of the scores the period's QA reviews count with: a failed critical criterion counts 0, a "
        "corrected review its corrected score; reviews removed by a dispute are left out.",
        "期间内质检计入得分的平均值：关键项不合格记 0 分，更正过的质检按更正后分数计，申诉剔除的质检不计入。",
    ),
    "qa.tile.vs_before": ("vs the same number of days before", "较之前同样天数"),
    "qa.tile.open_caption": ("waiting for a decision", "等待处理"),
    "qa.tile.open_help": (
        "Disputes of QA reviews in your scope that nobody has decided yet, whatever the review's date.",
        "您权限范围内尚未处理的质检申诉(不限质检日期)。",
    ),
    "qa.no_data.reviews": ("no QA reviews in the period", "该期间没有质检评分"),
    "page.qa_reviews": ("QA reviews", "质检评分"),
    "page.my_reviews": ("My QA reviews", "我的质检评分"),
    "qa.reviews.caption": (
        "QA reviews of your agents, the disputes they raised, and sign-offs of their periods with a coaching "
        "note. A failed critical criterion makes a review 0; an accepted dispute corrects it or removes it "
        "from the score.",
        "您所辖客服专员的质检评分、客服专员提出的申诉，以及带辅导意见的考核期签核。关键项不合格的质检记 0 分；"
        "申诉被采纳后，该质检分数被更正或从得分中剔除。",
    ),
    "qa.tab.disputes": ("Disputes to decide ({n})", "待处理申诉({n})"),
    "qa.tab.reviews": ("Reviews", "质检评分"),
    "qa.tab.sign_off": ("Sign-off and coaching", "签核与辅导"),
    "qa.disputes.none_open": (
        "No dispute is waiting for a decision. Agents dispute a review from their My QA reviews page.",
        "暂无待处理的申诉。客服专员可在“我的质检评分”页面对质检提出申诉。",
    ),
    "qa.disputes.all": ("All disputes", "全部申诉"),
    "qa.by_team": ("By team", "按班组"),
    "qa.by_team.caption": (
        "Reviews of the chosen dates, those of them a dispute removed from the score, and the disputes still "
        "waiting for a decision (whatever their review's date). Most open disputes first.",
        "所选日期内的质检数、其中因申诉而从得分中剔除的质检数，以及仍待处理的申诉数(不论其质检日期)。待处理申诉最多的班组排在最前。",
    ),
    "qa.col.team": ("Team", "班组"),
    "qa.col.reviews": ("Reviews", "质检数"),
    "qa.col.excluded_reviews": ("Removed by a dispute", "因申诉剔除"),
    "qa.col.open_disputes": ("Open disputes", "待处理申诉"),
    "qa.decide.pick": ("Dispute", "申诉"),
    "qa.decide.review": (
        "Review {review} of {day} by {reviewer}: form score {score:.1f}, counts as {counts:.1f}",
        "质检 {review}({day}，质检员 {reviewer})：评分表得分 {score:.1f}，计入得分 {counts:.1f}",
    ),
    "qa.decide.choice": ("Decision", "处理决定"),
    "qa.decide.correct": ("Accept: correct the score", "采纳：更正分数"),
    "qa.decide.remove": ("Accept: remove the review from the score", "采纳：从得分中剔除该质检"),
    "qa.decide.reject": ("Reject", "驳回"),
    "qa.decide.score": ("Corrected score (0-100)", "更正后分数(0-100)"),
    "qa.decide.score_help": (
        "Used only when you accept and correct the score.",
        "仅在采纳并更正分数时使用。",
    ),
    "qa.decide.comment": (
        "Comment for the agent (required when rejecting)",
        "给客服专员的说明(驳回时必填)",
    ),
    "qa.decide.choose": (
        "Choose a decision first: accept (correct the score or remove the review) or reject.",
        "请先选择处理决定：采纳(更正分数或剔除该质检)或驳回。",
    ),
    "qa.decide.team_lead_only": (
        "Disputes are decided by the agent's team lead (or an admin); you see them and their decisions here.",
        "申诉由客服专员的班组长(或管理员)处理；您可在此查看申诉及处理结果。",
    ),
    "qa.decide.submit": ("Record the decision", "提交处理决定"),
    "qa.decide.done": (
        "Dispute no. {dispute_id} decided: {outcome}.",
        "申诉 {dispute_id} 已处理：{outcome}。",
    ),
    "qa.reviewed_between": ("Reviewed between", "质检日期"),
    "qa.agents": ("Agents", "客服专员"),
    # the filter offers the agents the reader's scope holds on some day of the dates, by their team on that day
    # (queries/qa_review_agents.sql), whether or not they have a review then
    "qa.agents_help": (
        "The agents of your scope on some day of the chosen dates, by their team on that day (a team lead: the "
        "agents in her team then; a manager: agents whose home store is one of your stores), whether or not they "
        "have a review then.",
        "所选日期中某一天在您权限范围内的客服专员，按其当日所在班组判断(班组长：当时在其班组的客服专员；经理："
        "所属门店为您的门店之一的客服专员)，无论当时是否有质检评分。",
    ),
    "qa.agents_kept": (
        "Still filtered on {agents}: on no day of {start} to {end} were they agents of your scope (by their team on "
        "that day), so the list below is empty for them. Remove them from Agents to see every agent.",
        "仍按 {agents} 筛选：{start} 至 {end} 期间的任何一天，其均不在您的权限范围内(按其当日所在班组判断)，"
        "因此下表中没有其记录。从“客服专员”中移除即可查看全部客服专员。",
    ),
    "qa.reviews.empty": (
        "No QA reviews in this period. Upload a QA review file, or choose a longer period.",
        "该期间没有质检评分。请上传质检文件，或选择更长的期间。",
    ),
    "qa.removed": ("removed", "已剔除"),
    "qa.flag.removed": ("removed from the score", "已从得分中剔除"),
    "qa.flag.corrected": ("score corrected", "分数已更正"),
    "qa.flag.critical": ("critical criterion failed: 0", "关键项不合格：记 0 分"),
    "qa.col.flag": ("Why", "说明"),
    "qa.sign.grain": ("Period", "考核周期"),
    "qa.sign.agent": ("Agent", "客服专员"),
    "qa.sign.period": ("Period to sign off", "签核的考核期"),
    "qa.sign.note": ("Coaching note (the agent reads it)", "辅导意见(客服专员可见)"),
    "qa.sign.submit": ("Sign off", "签核"),
    "qa.sign.done": ("Signed off: {agent}.", "已签核：{agent}。"),
    "qa.sign.no_agents": (
        "No agent was in your scope on {day}, this period's last day: a period is signed off by the lead of the team "
        "the agent was in on its last day.",
        "{day}(该考核期最后一天)没有客服专员在您的权限范围内：考核期由客服专员在期末当日所在班组的班组长签核。",
    ),
    "qa.sign.team_lead_only": (
        "Periods are signed off, with a coaching note, by the agent's team lead (or an admin); you see the "
        "sign-offs here.",
        "考核期由客服专员的班组长(或管理员)签核并填写辅导意见；您可在此查看签核记录。",
    ),
    "qa.sign.none": ("No period has been signed off yet.", "尚无已签核的考核期。"),
    "qa.sign.history": ("Sign-offs", "签核记录"),
    "qa.period.week": ("week of {day}", "{day} 起的一周"),
    "qa.period.quarter": ("{year} Q{q}", "{year} 年第 {q} 季度"),
    "qa.mine.caption": (
        "The QA reviews behind your QA score over the last 12 months, your team lead's coaching notes, and "
        "your disputes. If you think a review is wrong, dispute it with a reason: someone other than its "
        "reviewer decides.",
        "近 12 个月构成您质检得分的质检评分、班组长的辅导意见以及您的申诉。如认为某条质检有误，可填写理由提出"
        "申诉，将由该质检评定人以外的人处理。",
    ),
    "qa.mine.notes": ("Coaching notes", "辅导意见"),
    "qa.mine.no_notes": (
        "No coaching note yet: your team lead writes one when signing off a period.",
        "暂无辅导意见：班组长签核考核期时会填写。",
    ),
    "qa.mine.reviews": ("My QA reviews", "我的质检评分"),
    "qa.mine.no_reviews": ("No QA reviews of yours in the last 12 months.", "近 12 个月没有您的质检评分。"),
    "qa.mine.disputes": ("My disputes", "我的申诉"),
    "qa.dispute.title": ("Dispute a review", "对质检提出申诉"),
    "qa.dispute.caption": (
        "One open dispute per review. A review removed from your score cannot be disputed again.",
        "每条质检同时只能有一个待处理申诉；已剔除的质检不能再申诉。",
    ),
    "qa.dispute.pick": ("Review", "质检评分"),
    "qa.dispute.reason": ("Why is the review wrong?", "申诉理由"),
    "qa.dispute.submit": ("Send the dispute", "提交申诉"),
    "qa.dispute.done": ("Dispute sent. Your team lead will decide it.", "申诉已提交，班组长将进行处理。"),
    "qa.dispute.none_eligible": (
        "Every review already has an open dispute or was removed from your score.",
        "所有质检均已有待处理申诉或已被剔除。",
    ),
    # table headers
    "qa.col.reviewed_on": ("Reviewed on", "质检日期"),
    "qa.col.source_id": ("Review", "质检编号"),
    "qa.col.agent": ("Agent", "客服专员"),
    "qa.col.reviewer": ("Reviewer", "质检员"),
    "qa.col.form_score": ("Form score", "评分表得分"),
    "qa.col.criteria": ("Criteria", "评分项"),
    "qa.col.effective_score": ("Counts as", "计入得分"),
    "qa.col.dispute": ("Dispute", "申诉"),
    "qa.col.complaint": ("Complaint", "投诉"),
    "qa.col.comment": ("Comment", "评语"),
    "qa.col.dispute_id": ("No.", "编号"),
    "qa.col.status": ("Status", "状态"),
    "qa.col.reason": ("Reason", "申诉理由"),
    "qa.col.raised_at": ("Raised ({zone})", "提出时间({zone})"),
    "qa.col.decision": ("Decision", "处理结果"),
    "qa.col.decision_comment": ("Decision comment", "处理说明"),
    "qa.col.decided_by": ("Decided by", "处理人"),
    "qa.col.period": ("Period", "考核期"),
    "qa.col.coaching_note": ("Coaching note", "辅导意见"),
    "qa.col.signed_by": ("Signed by", "签核人"),
    "qa.col.signed_at": ("Signed ({zone})", "签核时间({zone})"),
    # the QA-review import (portal/qa/form.py)
    "qa.import.error.review_disagrees": (
        "differs from another row of the same review",
        "与同一质检的其他行不一致",
    ),
    "qa.import.error.agent_missing": ("the review has no agent code", "该质检缺少客服专员编码"),
    "qa.import.error.date_missing": ("the review has no date", "该质检缺少质检日期"),
    "qa.import.error.criterion_score_missing": (
        "the criterion has no score: enter 0 to its maximum, or N/A if it does not apply",
        "评分项缺少得分：请填写 0 至满分，不适用请填写 N/A",
    ),
    "qa.import.notice.not_applicable": (
        "{n} {n:plural:criterion is|criteria are} N/A (not applicable): left out of {n:plural:its|their} "
        "review's score, the other criteria's weights rescaled.",
        "{n} 个评分项为不适用(N/A)：不计入该质检得分，其余评分项按权重重新折算。",
    ),
    "qa.import.error.all_not_applicable": (
        "every criterion of the review is N/A, so it has no score: score the criteria that apply",
        "该质检的评分项全部为不适用(N/A)，无法得出分数：请为适用的评分项打分",
    ),
    "qa.import.error.criterion_missing": ("a criterion score without a criterion", "有得分但缺少评分项"),
    "qa.import.error.max_score": ("the maximum score must be above 0", "满分须大于 0"),
    "qa.import.error.over_max": ("the criterion score is above its maximum", "评分项得分超过满分"),
    "qa.import.error.score_over_max": (
        "the overall score is above the maximum score on its row, {detail}",
        "总分超过其所在行的满分 {detail}",
    ),
    "qa.import.notice.score_out_of_max": (
        "{column}: {n:,} overall {n:plural:score is|scores are} out of the maximum score on {n:plural:its|their} "
        "row ({max_column}), not out of 100: each was converted to 0–100 ({score} of {max} is {converted}).",
        "{column}：{n:,} 个总分按其所在行的满分({max_column})给出，而非满分 100：已各自换算为 0–100"
        "(满分 {max} 的 {score} 即 {converted})。",
    ),
    "qa.import.notice.subtotal_rows": (
        "{n:plural:Row|Rows} {rows} {n:plural:is a subtotal, total or average|are subtotals, totals or averages} "
        "within the file (such as 小计, 合计, “Subtotal”, 平均), with no agent and no date: left out, not imported.",
        "文件中的 {n} 行(第 {rows} 行)是小计、合计或平均行(如“小计”“合计”“Subtotal”“平均”)，没有客服专员和日期：已略过，不导入。",
    ),
    "qa.import.notice.review_dates_changed": (
        "{n:,} stored {n:plural:review|reviews} would get another date from this file: {reviews}. If this is "
        "another sheet whose reviews are numbered 1, 2, 3 like an earlier one's, do not commit: give each review an "
        "id of its own. Commit only to correct the dates of those reviews.",
        "{n:,} 条已存质检评分的日期将被此文件更改：{reviews}。若这是另一份表格、其质检评分也按 1、2、3 编号，请勿提交："
        "请为每条质检评分使用唯一的编号。仅在更正这些质检评分的日期时提交。",
    ),
    "qa.import.notice.review_agents_changed": (
        "{n:,} stored {n:plural:review|reviews} would be given to another agent by this file: {reviews}. If this is "
        "another team's sheet whose reviews are numbered 1, 2, 3 like an earlier one's, do not commit: give each "
        "review an id of its own. Commit only to correct the agent of those reviews.",
        "{n:,} 条已存质检评分将被此文件改为其他客服专员：{reviews}。若这是另一班组的表格、其质检评分也按 1、2、3 编号，"
        "请勿提交：请为每条质检评分使用唯一的编号。仅在更正这些质检评分的客服专员时提交。",
    ),
    "qa.import.notice.score_fraction": (
        "{column}: {n:,} overall {n:plural:score is|scores are} written with {n:plural:its|their} maximum score "
        "({written}), not out of 100: each was converted to 0–100 ({score} of {max} is {converted}).",
        "{column}：{n:,} 个总分连同其满分一起写出({written})，而非满分 100：已各自换算为 0–100"
        "(满分 {max} 的 {score} 即 {converted})。",
    ),
    "qa.import.error.score_fraction_zero": (
        "the overall score is written as a fraction whose maximum (after the slash) is 0: the maximum score must "
        "be above 0",
        "总分以分数形式写出，但斜杠后的满分为 0：满分须大于 0",
    ),
    "qa.import.error.score_fraction_max": (
        "the overall score is written out of a maximum other than the max score column's, {detail}: give one "
        "maximum score",
        "总分中写出的满分与满分列的 {detail} 不同：请只给出一个满分",
    ),
    "qa.import.error.criterion_fraction_max": (
        "the criterion score is written out of {written} (after the slash), but the max score column gives "
        "{column}: give one maximum score",
        "评分项得分中写出的满分为 {written}(斜杠后)，但满分列为 {column}：请只给出一个满分",
    ),
    "qa.import.error.other_score_column": (
        "another column, {other}, also holds an overall score ({value}), which differs from this one ({score}): "
        "which is the review's score cannot be told. Map the column that holds the score to “{field}”, and the "
        "other to “{max_field}” if it is the maximum (or remove it from the file)",
        "另一列“{other}”也是总分({value})，与本列({score})不同，无法判断哪一个是该质检的得分。请将得分所在的列映射到"
        "“{field}”；另一列如为满分，请映射到“{max_field}”(或从文件中删除该列)",
    ),
    "qa.import.error.review_id_reused": (
        "a stored review has this id: {agent}'s review of {date}. This row gives another agent and another date, so "
        "it is another review, not a correction of that one: give each review an id of its own (a sheet's row "
        "numbers start again each month)",
        "已有质检评分使用此编号：{agent} 于 {date} 的质检评分。本行的客服专员和日期均不同，是另一条质检评分，"
        "而非对该评分的更正：请为每条质检评分使用唯一的编号(表格的序号每月会重新从 1 开始)",
    ),
    "qa.import.error.unweighted_maxima": (
        "the criteria have different maximum scores ({maxima}) and no weights: as points (the sum of the scores "
        "over the sum of the maxima) the review scores {points}, with equal weights {equal}, and which the form "
        "means cannot be told: give each criterion its weight (its maximum score, for points)",
        "各评分项满分不同({maxima})且未给出权重：按分值累计(得分之和除以满分之和)该质检为 {points} 分，按等权重为 "
        "{equal} 分，无法判断表单采用哪种算法：请为每个评分项填写权重(按分值累计时，权重即其满分)",
    ),
    "qa.import.error.critical_without_criterion": (
        "the review is marked critical (a fatal error) but scored above 0, and it has no criteria, so it cannot "
        "be told whether the score already applies the fatal error: give 0 if the fatal error fails the review, "
        "else clear the mark",
        "该质检标记为致命错误(关键项)，但总分大于 0 且没有评分项，无法判断总分是否已按致命错误计分："
        "如致命错误使该质检计为 0 分，请将总分填为 0，否则请清除该标记",
    ),
    "qa.import.error.no_score": (
        "the review has neither an overall score nor criteria",
        "该质检既无总分也无评分项",
    ),
    "qa.import.error.zero_weight": ("the review's criteria weigh 0 together", "该质检各评分项权重合计为 0"),
    "qa.import.error.total_mismatch": (
        "the overall score differs from the weighted criteria score, {detail} (the mean of the criteria's "
        "percentages by their weights): leave the overall score unmapped to keep the criteria's",
        "总分与评分项加权得分 {detail} 不符(各评分项百分比按权重的平均)：如以评分项为准，请勿映射总分列",
    ),
    "qa.import.error.review_incomplete": (
        "another row of this review is invalid: the review is left out whole",
        "该质检的其他行有误，整条质检未导入",
    ),
    "qa.import.error.disputed_agent": (
        "the agent disputed this review, so it stays theirs: keep the agent code the stored review has",
        "该客服专员已对此质检提出申诉，质检须保留在其名下：请使用已存质检的客服专员编码",
    ),
    "qa.import.error.disputed_reviewer": (
        "the agent disputed this review, so its reviewer cannot change (someone other than the reviewer decides "
        "the dispute): keep the reviewer the stored review has",
        "该质检已有申诉，质检员不能更改(申诉须由质检员以外的人处理)：请保留已存质检的质检员",
    ),
    "ingest.kind.qa_reviews": ("QA reviews", "质检评分"),
    "qa.import.file.criteria_scale_values": (
        "{column}: {n:,} criterion {n:plural:score has|scores have} no maximum score, so each would count out of "
        "100, but all of them are between 0 and {top} (the highest {most}): the form looks to be on a 0–{top} "
        "scale; nothing was written. Give each criterion's maximum score in a {max_field} column (e.g. {top}), "
        "or convert the scores to 0–100.",
        "{column}：{n:,} 个评分项得分没有满分，将按满分 100 计算，但它们都在 0 到 {top} 之间(最高为 {most})，"
        "评分表看来是 0–{top} 的量表；未写入任何数据。请在“{max_field}”列中填写各评分项的满分(如 {top})，"
        "或将得分换算为 0–100。",
    ),
    "qa.import.file.criterion_score_unmapped": (
        "{column}: {n:,} {n:plural:row names a criterion|rows name criteria}, but no column is mapped to "
        "“{field}”, so no criterion has a score; nothing was written. Map the column that holds the criteria's "
        "scores to “{field}”.",
        "{column}：{n:,} 行填写了评分项，但“{field}”尚未映射到任何列，评分项均无得分；未写入任何数据。"
        "请将评分项得分所在的列映射到“{field}”。",
    ),
    "qa.import.file.criteria_scale_header": (
        "{column}: its header gives a {scale} scale, but {n:,} criterion {n:plural:score has|scores have} no "
        "maximum score, so each would count out of 100; nothing was written. Give each criterion's maximum score "
        "in a {max_field} column, or convert the scores to 0–100.",
        "{column}：表头标明的量表为 {scale}，但 {n:,} 个评分项得分没有满分，将按满分 100 计算；未写入任何数据。"
        "请在“{max_field}”列中填写各评分项的满分，或将得分换算为 0–100。",
    ),
    "qa.import.error.agent_out_of_scope": (
        "the agent is outside your scope (your team, or the agents of your stores)",
        "该客服专员不在您的权限范围内(您的班组，或您门店的客服专员)",
    ),
    "qa.import.error.agent_team_out_of_scope": (
        "{agent} was in team {team} on {date}, not yours: the reviews of that day are that team's lead's to upload",
        "客服专员 {agent} 在 {date} 属于班组 {team}，不是您的班组：该日的质检评分由该班组的班组长导入",
    ),
    "qa.import.error.agent_left_team": (
        "{agent} was not in your team on {date}: the reviews of that day are the lead's of the team they were in then",
        "客服专员 {agent} 在 {date} 不属于您的班组：该日的质检评分由其当时所在班组的班组长导入",
    ),
    "qa.import.error.agent_region_out_of_scope": (
        "{agent}'s home store on {date} was {store}, in region {region} then, outside your stores that day: the "
        "reviews of that day are that region's manager's to upload",
        "客服专员 {agent} 在 {date} 的所属门店为 {store}，当时属于{region}，不在您当日的门店范围内：该日的质检评分由该区域的经理导入",
    ),
    "qa.import.error.agent_not_in_your_stores": (
        "{agent}'s home store on {date} was not one of your stores: the reviews of that day are the manager's of "
        "the region it was in then",
        "客服专员 {agent} 在 {date} 的所属门店不在您的门店范围内：该日的质检评分由该门店当时所在区域的经理导入",
    ),
    "qa.import.error.new_agent_out_of_scope": (
        "unknown agent code; a new agent would belong to no store of yours, so you would not see their reviews: "
        "ask an admin or a chain-wide manager to add the agent (with their team and home store) first",
        "未知客服专员编码；新增的客服专员不属于您的任何门店，导入后您将看不到其质检评分：请先请管理员或全部门店的经理添加该客服专员(及其班组和所属门店)",
    ),
    "qa.import.error.key_out_of_scope": (
        "this review id belongs to an agent outside your scope",
        "该质检编号属于您权限范围以外的客服专员",
    ),
    # the same on a row whose cell is blank (it continues the review above: portal/qa/kind.py)
    "qa.import.error.agent_out_of_scope_of_review": (
        "this row belongs to review {detail}, whose agent is outside your scope (your team, or the agents of your "
        "stores)",
        "该行属于质检 {detail}，其客服专员不在您的权限范围内(您的班组，或您门店的客服专员)",
    ),
    "qa.import.error.key_out_of_scope_of_review": (
        "this row continues review {detail}, whose id belongs to an agent outside your scope",
        "该行续接质检 {detail}，该质检编号属于您权限范围以外的客服专员",
    ),
    "qa.import.error.unknown_complaint": ("no complaint has this id", "找不到该投诉编号"),
}
