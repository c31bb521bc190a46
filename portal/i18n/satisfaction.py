"""Satisfaction dashboard, SERVQUAL, survey instruments and survey uploads."""

STRINGS = {
    # pages
    "page.satisfaction": ("Satisfaction", "满意度"),
    "page.instruments": ("Survey instruments", "问卷量表"),
    "sat.caption": (
        "Whether customers are more or less satisfied, where perceived service falls short of what they expect "
        "(SERVQUAL), and which part of service moves satisfaction most.",
        "顾客满意度是否提升、感知服务在哪些方面低于期望(SERVQUAL服务质量模型)，以及哪类服务最影响满意度。",
    ),
    # empty states: the first sentence for everyone, then a hint for roles that may upload surveys or one for
    # those who may not (portal.satisfaction.empty_state)
    "sat.no_responses": (
        "No survey responses for these filters. Widen the date range or choose another store.",
        "当前筛选条件下没有答卷。请扩大日期范围或选择其他门店。",
    ),
    "sat.no_responses.upload": (
        "To add responses, upload survey files on the Upload page.",
        "如需添加答卷，请在上传页面上传满意度调查文件。",
    ),
    "sat.no_responses.ask": (
        "Survey files are uploaded by managers, inspectors and administrators: ask one of them if your stores' "
        "surveys are missing.",
        "满意度调查文件由经理、检查员或管理员上传：如缺少您门店的问卷，请联系他们。",
    ),
    "sat.no_servqual": (
        "No SERVQUAL answers for these filters. Widen the date range or choose another store.",
        "当前筛选条件下没有SERVQUAL答题数据。请扩大日期范围或选择其他门店。",
    ),
    "sat.no_servqual.unanswered": (
        "None of the {n:,} responses for these filters has SERVQUAL answers (the survey files have no expectation "
        "and perception columns, or they are empty).",
        "当前筛选条件下的{n:,}份答卷都没有SERVQUAL答题数据(问卷文件没有期望和感知列，或这些列为空)。",
    ),
    "sat.no_servqual.upload": (
        "To add them, upload a survey file with expectation and perception columns (E1..E22 / P1..P22) on the "
        "Upload page.",
        "如需添加，请在上传页面上传含期望和感知列(E1..E22 / P1..P22)的问卷文件。",
    ),
    "sat.no_servqual.ask": (
        "SERVQUAL answers arrive with the survey files that managers, inspectors and administrators upload: ask "
        "one of them if they are missing.",
        "SERVQUAL答题数据随经理、检查员或管理员上传的问卷文件导入：如有缺失，请联系他们。",
    ),
    # metrics and units
    "sat.metric.index": ("Satisfaction index", "满意度指数"),
    "sat.metric.csat": ("CSAT", "满意率 (CSAT)"),
    "sat.metric.nps": ("NPS", "净推荐值 (NPS)"),
    "sat.metric.responses": ("Responses", "答卷数"),
    "sat.unit.index": ("Satisfaction index (0-100)", "满意度指数(0-100)"),
    "sat.unit.csat": ("CSAT (%)", "满意率 (%)"),
    "sat.unit.nps": ("NPS (-100 to 100)", "净推荐值(-100至100)"),
    "sat.unit.scale7": ("Mean score (1-7)", "平均分(1-7)"),
    "sat.unit.gap": ("Gap: perception − expectation (scale points)", "差距：感知 − 期望(量表分)"),
    # the gap bars' axis: in half the page's width on a tablet the long title was cut ("… (scale point")
    "sat.unit.gap_axis": ("Gap (P − E), scale points", "差距(感知 − 期望)，量表分"),
    "sat.unit.correlation": ("Correlation with overall satisfaction (r)", "与总体满意度的相关系数 (r)"),
    # tiles
    "sat.tile.help.index": (
        "Mean over responses of (overall satisfaction − 1) / 4 × 100. Change tested with Welch's t test.",
        "各答卷 (总体满意度 − 1) / 4 × 100 的平均值。变化用 Welch t 检验判断。",
    ),
    "sat.tile.help.csat": (
        "Responses with overall satisfaction 4 or 5 / all responses. Change tested with a two-proportion z test.",
        "总体满意度为4或5的答卷 / 全部答卷。变化用两比例 z 检验判断。",
    ),
    "sat.tile.help.nps": (
        "% of 9-10 minus % of 0-6 on likelihood to recommend. Change tested with a z test on the two NPS values.",
        "推荐意愿9-10分的比例减去0-6分的比例。变化用两期净推荐值的 z 检验判断。",
    ),
    "sat.tile.help.responses": ("Survey responses in the period.", "本周期内的答卷数。"),
    "sat.tile.vs_previous": ("vs previous period", "较上一周期"),
    "sat.score.n": ("n = {n:,} responses", "n = {n:,} 份答卷"),
    "sat.tile.n": ("n = {n:,} · previous period n = {prev:,}", "n = {n:,} · 上一周期 n = {prev:,}"),
    "sat.tile.significant": ("significant change (p = {p:.3f})", "显著变化 (p = {p:.3f})"),
    "sat.tile.not_significant": ("change not significant (p = {p:.3f})", "变化不显著 (p = {p:.3f})"),
    "sat.tile.untested": ("change not tested (too few responses)", "样本太少，未检验变化"),
    "sat.tile.low": ("low confidence (small sample): n < {n}", "样本不足：n < {n}"),
    # trend
    "sat.section.trend": ("Trend", "趋势"),
    "sat.grain": ("Trend by", "趋势周期"),
    "sat.trend_metric": ("Figure", "指标"),
    "sat.chart.trend": ("{metric} per period with 95% confidence interval", "{metric}趋势(含95%置信区间)"),
    "sat.chart.ci95": ("95% confidence interval", "95%置信区间"),
    "sat.trend_caption": (
        "Hollow grey points rest on fewer than {n} responses: low confidence (small sample). "
        "The dashed line is the target.",
        "空心灰点的答卷少于{n}份：样本不足。虚线为目标。",
    ),
    # SERVQUAL
    "sat.section.servqual": ("SERVQUAL service quality gaps", "SERVQUAL服务质量差距"),
    "sat.instrument": (
        "{name} ({label}): n = {n:,} responses with SERVQUAL answers",
        "{name}({label})：n = {n:,} 份含SERVQUAL答题的答卷",
    ),
    "sat.expectation": ("Expectation", "期望"),
    "sat.perception": ("Perception", "感知"),
    "sat.gap": ("Gap", "差距"),
    "sat.chart.e_vs_p": ("Expectation vs perception per dimension", "各维度期望与感知"),
    "sat.chart.gaps": ("Service quality gap per dimension", "各维度服务质量差距"),
    "sat.chart.store_gaps": ("Gap per store and dimension", "各门店各维度差距"),
    "sat.chart.items": ("Items with the largest gaps", "差距最大的题项"),
    "sat.chart.drivers": ("Drivers: perception vs overall satisfaction", "关键驱动因素：感知与总体满意度"),
    "sat.legend.gap_negative": ("Perception below expectation (gap < 0)", "感知低于期望(差距 < 0)"),
    "sat.legend.gap_positive": (
        "Perception meets or exceeds expectation (gap ≥ 0)",
        "感知达到或超过期望(差距 ≥ 0)",
    ),
    "sat.legend.low": (
        "Grey: n < {n}, low confidence (small sample), not coloured",
        "灰色：n < {n}，样本不足，不着色",
    ),
    "sat.score.unweighted": ("Unweighted SERVQUAL score", "未加权SERVQUAL得分"),
    "sat.score.weighted": ("Weighted SERVQUAL score", "加权SERVQUAL得分"),
    "sat.score.help": (
        "Unweighted: mean of the dimension gaps. Weighted: sum of importance weight / 100 × dimension gap. "
        "A negative score means perception falls short of expectation.",
        "未加权：各维度差距的平均值。加权：重要性权重 / 100 × 维度差距之和。负值表示感知低于期望。",
    ),
    "sat.score.partial": (
        "The scores rest on {n} of {total} dimensions (the others have no answers); the weighted score shares "
        "their weight out over these in proportion, as the weights shown.",
        "得分仅基于{total}个维度中的{n}个(其余维度无答题)；加权得分将其权重按比例分配给这些维度，即所示权重。",
    ),
    "sat.weights.respondents": (
        "Importance weights: the mean importance points of {n:,} respondents.",
        "重要性权重：{n:,} 位受访者重要性分值的平均值。",
    ),
    "sat.weights.settings": (
        "Importance weights: the administrator's default weights (no respondent gave importance points).",
        "重要性权重：管理员设置的默认权重(受访者未给出重要性分值)。",
    ),
    "sat.weights.instrument": (
        "Importance weights: the instrument's default weights (no respondent gave importance points).",
        "重要性权重：问卷量表的默认权重(受访者未给出重要性分值)。",
    ),
    "sat.tab.dimensions": ("Dimensions", "维度"),
    "sat.tab.stores": ("Per store", "按门店"),
    "sat.tab.regions": ("Per region", "按区域"),
    "sat.tab.items": ("Items", "题项"),
    "sat.section.drivers": ("Drivers", "关键驱动因素"),
    "sat.drivers_caption": (
        "Pearson correlation r between a respondent's mean perception in a dimension and their overall "
        "satisfaction (1-5), with its 95% confidence interval; slope = points of overall satisfaction per point "
        "of perception.",
        "受访者在某维度的平均感知与其总体满意度(1-5)之间的皮尔逊相关系数 r 及其95%置信区间；斜率 = 感知每提高1分，总体满意度变化的分数。",
    ),
    "sat.drivers_top": (
        "Strongest driver: {dimension} (r = {r:.2f}, n = {n:,}).",
        "最强驱动因素：{dimension}(r = {r:.2f}，n = {n:,})。",
    ),
    "sat.drivers_unclear": (
        " Not a clear driver yet: its r's 95% interval reaches 0, so these responses cannot tell it from none.",
        "但尚不明确：其 r 的95%置信区间包含0，这些答卷还不足以将其与无关联区分开。",
    ),
    "sat.drivers_none_positive": (
        "No dimension's perception rises with overall satisfaction in these responses (n = {n:,}): no driver to name.",
        "在这些答卷中，没有哪个维度的感知随总体满意度上升(n = {n:,})：无可指出的驱动因素。",
    ),
    "sat.drivers_none": (
        "Too few responses with both SERVQUAL perceptions and an overall score to estimate drivers.",
        "同时有SERVQUAL感知评分和总体满意度的答卷太少，无法估计关键驱动因素。",
    ),
    # comments
    "sat.section.comments": ("Latest comments", "最新评论"),
    "sat.comments.scores": ("Overall satisfaction", "总体满意度"),
    "sat.comments.empty": ("No comments for these filters.", "当前筛选条件下没有评论。"),
    "sat.comments.caption": (
        "The {n} latest comments; a post-resolution survey links to its complaint.",
        "最新的{n}条评论；投诉处理后的回访问卷链接到对应投诉。",
    ),
    # table columns
    "sat.col.date": ("Date", "日期"),
    "sat.col.store": ("Store", "门店"),
    "sat.col.region": ("Region", "区域"),
    "sat.region.none": ("No region (stores not given one)", "无区域(未指定区域的门店)"),
    "sat.col.channel": ("Channel", "渠道"),
    "sat.col.overall": ("Overall satisfaction (1-5)", "总体满意度(1-5)"),
    "sat.col.recommend": ("Likelihood to recommend (0-10)", "推荐意愿(0-10)"),
    "sat.col.comment": ("Comment", "评论"),
    "sat.col.complaint": ("Complaint", "投诉"),
    "sat.col.complaint_status": ("Complaint status", "投诉状态"),
    "sat.col.response_id": ("Response id", "答卷编号"),
    "sat.col.dimension": ("Dimension", "维度"),
    "sat.col.item": ("Item", "题项"),
    "sat.col.item_text": ("Item text", "题项内容"),
    "sat.col.mean_e": ("Mean expectation", "平均期望"),
    "sat.col.mean_p": ("Mean perception", "平均感知"),
    "sat.col.gap": ("Gap (P − E)", "差距(感知 − 期望)"),
    "sat.col.n": ("n (responses)", "n(答卷)"),
    "sat.col.answers_n": ("n (answers)", "n(答题)"),
    "sat.col.weight": ("Importance weight", "重要性权重"),
    "sat.col.unweighted": ("Unweighted score", "未加权得分"),
    "sat.col.weighted": ("Weighted score", "加权得分"),
    "sat.col.correlation": ("r", "r"),
    "sat.col.ci": ("95% confidence interval", "95%置信区间"),
    "sat.col.slope": ("Slope", "斜率"),
    "sat.col.low": ("Low confidence", "样本不足"),
    # the per-store and per-region table's short headers on the page (their help: the full label and the figure)
    "sat.col.gap_of": (
        "Gap: {dimension}. Perception − expectation, the mean over the dimension's items and the responses; "
        "negative: perception falls short of expectation.",
        "差距：{dimension}。感知 − 期望，按该维度的题项与答卷取平均；负值表示感知低于期望。",
    ),
    "sat.col.unweighted_short": ("Unweighted", "未加权"),
    "sat.col.unweighted_help": (
        "Unweighted score: the mean of the dimension gaps.",
        "未加权得分：各维度差距的平均值。",
    ),
    "sat.col.weighted_short": ("Weighted", "加权"),
    "sat.col.weighted_help": (
        "Weighted score: the sum of importance weight / 100 × dimension gap.",
        "加权得分：重要性权重 / 100 × 维度差距之和。",
    ),
    "sat.col.low_short": ("Low n", "样本不足"),
    "sat.col.low_help": (
        "Low confidence: fewer than {n} responses.",
        "样本不足：答卷少于 {n} 份。",
    ),
    "sat.section.ranking": ("Stores ranked by satisfaction", "门店满意度排名"),
    "sat.rank.caption": (
        "Ranked by satisfaction index; a store with fewer than {n} answers is marked ◌ and not ranked. "
        "✓ meets / ✗ misses the target (index {index}, CSAT {csat}%, NPS {nps}). Intervals: 95%. "
        "Click a column heading to sort.",
        "按满意度指数排名；答卷少于 {n} 份的门店标记为 ◌，不参与排名。✓ 达标 / ✗ 未达标"
        "(指数 {index}，满意率 {csat}%，净推荐值 {nps})。区间为95%置信区间。点击列标题可排序。",
    ),
    "sat.rank.empty": ("No store has responses in this selection.", "当前筛选范围内没有门店的答卷。"),
    "sat.rank.col.rank": ("Rank", "排名"),
    "sat.rank.col.n": ("n (responses)", "n(答卷)"),
    "sat.rank.col.index": ("Satisfaction index", "满意度指数"),
    "sat.rank.col.index_ci": ("Index 95% CI", "指数95%置信区间"),
    "sat.rank.col.index_lower": ("Index, lower 95%", "指数下限(95%)"),
    "sat.rank.col.index_upper": ("Index, upper 95%", "指数上限(95%)"),
    "sat.rank.col.csat": ("CSAT (%)", "满意率(%)"),
    "sat.rank.col.csat_ci": ("CSAT 95% CI", "满意率95%置信区间"),
    "sat.rank.col.csat_lower": ("CSAT, lower 95%", "满意率下限(95%)"),
    "sat.rank.col.csat_upper": ("CSAT, upper 95%", "满意率上限(95%)"),
    "sat.rank.col.nps_n": ("n (NPS)", "n(净推荐值)"),
    "sat.rank.col.nps": ("NPS", "净推荐值"),
    "sat.rank.col.nps_ci": ("NPS 95% CI", "净推荐值95%置信区间"),
    "sat.rank.col.nps_lower": ("NPS, lower 95%", "净推荐值下限(95%)"),
    "sat.rank.col.nps_upper": ("NPS, upper 95%", "净推荐值上限(95%)"),
    "sat.rank.col.sample": ("Sample", "样本"),
    # the Sample cell of a store on too few answers: short, so that the table's last column shows it whole (the
    # words in the column's help and the caption above the table)
    "sat.rank.low_sample": ("◌ n < {n}", "◌ n < {n}"),
    "sat.rank.col.sample_help": (
        "◌ low confidence: fewer than {n} answers. The store is not ranked and not judged against the targets.",
        "◌ 样本不足：答卷少于 {n} 份。该门店不参与排名，也不与目标比较。",
    ),
    # channels of a survey
    "sat.channel.hotline": ("Hotline", "热线电话"),
    "sat.channel.online": ("Online", "在线/网络"),
    "sat.channel.in_store": ("In-store", "门店"),
    "sat.channel.social_media": ("Social media", "社交媒体"),
    "sat.channel.email": ("E-mail", "电子邮件"),
    "sat.channel.app": ("App", "应用/小程序"),
    "sat.channel.sms": ("SMS", "短信"),
    "sat.channel.other": ("Other", "其他"),
    # why a tile has no data although the period has responses (portal/satisfaction/figures.py)
    "sat.no_data.overall": (
        "no response of this period answered the overall satisfaction question (the survey file has no such "
        "column, or it is empty)",
        "本周期的答卷都没有回答总体满意度(问卷文件没有该列，或该列为空)",
    ),
    "sat.no_data.recommend": (
        "no response of this period answered the likelihood-to-recommend question (the survey file has no such "
        "column, or it is empty)",
        "本周期的答卷都没有回答推荐意愿(问卷文件没有该列，或该列为空)",
    ),
    "sat.no_data.servqual": (
        "no response of this period has SERVQUAL answers (the survey file has no expectation and perception "
        "columns, or they are empty)",
        "本周期的答卷都没有SERVQUAL答题数据(问卷文件没有期望和感知列，或这些列为空)",
    ),
    "sat.no_data.dimension": (
        "no response of this period answered this dimension's items",
        "本周期的答卷都没有回答该维度的题目",
    ),
    "sat.tile.no_overall": (
        "{n:,} responses without overall satisfaction left out (they count for SERVQUAL)",
        "{n:,} 份答卷没有总体满意度，未计入(计入 SERVQUAL)",
    ),
    # instruments page and command
    "inst.caption": (
        "Questionnaire versions for survey uploads. The default is the standard 22-item SERVQUAL instrument in "
        "the five RATER dimensions; add another (its own items and dimension names) from a file or in the form. "
        "Adding a code that exists makes its next version.",
        "用于问卷上传的问卷量表(版本)。默认为五个RATER维度的标准22项SERVQUAL量表；可通过文件或表单添加其他量表(自定义题项和维度名称)。"
        "添加已有编码会生成其新版本。",
    ),
    "inst.editor.item_no": ("Item no.", "题号"),
    "inst.editor.item_code": ("Item code", "题项编码"),
    "inst.editor.dimension_code": ("Dimension code", "维度编码"),
    "inst.editor.dimension_name_en": ("Dimension (English)", "维度名称(英文)"),
    "inst.editor.dimension_name_zh": ("Dimension (Chinese)", "维度名称(中文)"),
    "inst.editor.dimension_weight": ("Dimension weight", "维度权重"),
    "inst.editor.text_en": ("Item text (English)", "题项内容(英文)"),
    "inst.editor.text_zh": ("Item text (Chinese)", "题项内容(中文)"),
    "inst.col.code": ("Code", "编码"),
    "inst.col.version": ("Version", "版本"),
    "inst.col.name": ("Name", "名称"),
    "inst.col.scale": ("Scale", "量表分值"),
    "inst.col.dimensions": ("Dimensions", "维度数"),
    "inst.col.items": ("Items", "题项数"),
    "inst.col.responses": ("Responses", "答卷数"),
    "inst.col.default": ("Default", "默认"),
    "inst.col.created": ("Added", "添加时间"),
    "inst.col.created_by": ("Added by", "添加人"),
    "inst.show": ("Instrument", "问卷量表"),
    "inst.download": ("Download definition (CSV)", "下载定义 (CSV)"),
    "inst.add": ("Add an instrument", "添加问卷量表"),
    "inst.from_file": ("From a file", "通过文件"),
    "inst.in_form": ("In the form", "通过表单"),
    "inst.file": ("Definition file (CSV, XLSX or JSON)", "定义文件(CSV、XLSX 或 JSON)"),
    "inst.file_help": (
        "One row per item with the columns instrument_code, instrument_name_en, instrument_name_zh, item_no, "
        "dimension_code, dimension_name_en, dimension_name_zh, dimension_weight, text_en, text_zh (scale_min and "
        "scale_max optional). Download an existing instrument's definition to start from it.",
        "每个题项一行，列为 instrument_code、instrument_name_en、instrument_name_zh、item_no、dimension_code、"
        "dimension_name_en、dimension_name_zh、dimension_weight、text_en、text_zh(scale_min、scale_max 可选)。"
        "可先下载现有量表的定义文件作为起点。",
    ),
    "inst.code": ("Instrument code", "量表编码"),
    "inst.name_en": ("Name (English)", "名称(英文)"),
    "inst.name_zh": ("Name (Chinese)", "名称(中文)"),
    "inst.scale_min": ("Lowest answer", "最低分"),
    "inst.scale_max": ("Highest answer", "最高分"),
    "inst.items_editor": ("Items (one row per item)", "题项(每行一个题项)"),
    "inst.preview": ("Check", "检查"),
    "inst.save": ("Add instrument", "添加问卷量表"),
    "inst.checked": (
        "{code}: {items} items in {dims} dimensions ({names}). Press “Add instrument” to store it.",
        "{code}：{dims}个维度({names})共{items}个题项。点击“添加问卷量表”保存。",
    ),
    "inst.added": (
        "Instrument {code} version {version} added: {items} items in {dims} dimensions.",
        "已添加问卷量表 {code} 版本 {version}：{dims}个维度共{items}个题项。",
    ),
    "inst.err.no_items": ("The definition has no items.", "定义中没有题项。"),
    "inst.err.missing_columns": ("Columns missing from the file: {columns}.", "文件缺少以下列：{columns}。"),
    "inst.err.contradiction": (
        "The column {column} holds different values ({values}); give one.",
        "列 {column} 的值不一致({values})，请只填一个值。",
    ),
    "inst.err.dimension_contradiction": (
        "Dimension {dimension}: {column} differs between rows ({values}).",
        "维度 {dimension} 的 {column} 在各行不一致({values})。",
    ),
    "inst.err.bad_number": ("{column}: {value} is not a number.", "{column}：{value} 不是数字。"),
    "inst.err.bad_item_no": (
        "Row {row}: item number {value} is not a whole number.",
        "第{row}行：题项编号 {value} 不是整数。",
    ),
    "inst.err.bad_json": ("The JSON definition cannot be read: {detail}", "无法读取 JSON 定义：{detail}"),
    "inst.err.bad_code": (
        "Instrument code {code} must be 2-40 capital letters, digits, - or _, starting with a letter.",
        "量表编码 {code} 须为2-40位大写字母、数字、- 或 _，并以字母开头。",
    ),
    "inst.err.no_name": ("The instrument needs an English name.", "问卷量表需要英文名称。"),
    "inst.err.bad_scale": (
        "The answer scale {low}-{high} must lie within {min}-{max}, lowest below highest.",
        "量表分值 {low}-{high} 须在 {min}-{max} 之间，且最低分小于最高分。",
    ),
    "inst.err.too_many_items": ("{n} items: at most {max} are allowed.", "题项 {n} 个：最多允许 {max} 个。"),
    "inst.err.item_twice": ("Item numbers used more than once: {items}.", "题项编号重复：{items}。"),
    "inst.err.item_numbers": ("Items must be numbered 1 to {n} without gaps.", "题项须从1到{n}连续编号。"),
    "inst.err.dimension_twice": ("Dimension {dimension} is defined twice.", "维度 {dimension} 重复定义。"),
    "inst.err.bad_dimension_code": (
        "Dimension code {dimension} must be lower-case letters, digits or _, starting with a letter.",
        "维度编码 {dimension} 须为小写字母、数字或 _，并以字母开头。",
    ),
    "inst.err.no_dimension_name": (
        "Dimension {dimension} needs an English name.",
        "维度 {dimension} 需要英文名称。",
    ),
    "inst.err.bad_weight": (
        "Dimension {dimension}: weight {weight} is negative.",
        "维度 {dimension}：权重 {weight} 为负数。",
    ),
    "inst.err.empty_dimension": ("Dimension {dimension} has no items.", "维度 {dimension} 没有题项。"),
    "inst.err.unknown_dimension": (
        "Item {item}: dimension {dimension} is not defined.",
        "题项 {item}：维度 {dimension} 未定义。",
    ),
    "inst.err.no_text": ("Item {item} has no English text.", "题项 {item} 没有英文文本。"),
    "inst.err.some_weights": (
        "Give a default weight for every dimension or for none.",
        "请为所有维度都填写默认权重，或都不填。",
    ),
    "inst.err.weights_sum": (
        "The dimension weights add up to {total:g}, not 100.",
        "各维度权重之和为 {total:g}，不是100。",
    ),
    # kpi satisfaction's text (the command line, --lang)
    "sat.cli.period": (
        "Satisfaction {start} .. {end} (previous period {previous_start} .. {previous_end})",
        "满意度 {start} 至 {end}(上一周期 {previous_start} 至 {previous_end})",
    ),
    "sat.cli.tile": ("{label}: {value} (n = {n}{change})", "{label}：{value}(n = {n}{change})"),
    "sat.cli.change": (", change {change}{significant}", "，变化 {change}{significant}"),
    "sat.cli.significant": (" (significant)", "(显著变化)"),
    "sat.cli.target": (", target {target}", "，目标 {target}"),
    "sat.cli.csat": ("CSAT %", "满意率 (CSAT) %"),
    "sat.cli.nps": ("NPS", "净推荐值 (NPS)"),
    "sat.cli.servqual": (
        "SERVQUAL {code} v{version} (n = {n}): unweighted {unweighted}, weighted {weighted} (weights: {source})",
        "SERVQUAL服务质量模型 {code} v{version}(n = {n})：未加权 {unweighted}，加权 {weighted}(权重：{source})",
    ),
    "sat.cli.weights.respondents": ("respondents", "受访者"),
    "sat.cli.weights.settings": ("settings", "设置"),
    "sat.cli.weights.instrument": ("instrument", "问卷量表"),
    "sat.cli.dimension": (
        "{dimension} E {e}  P {p}  gap {gap}  n = {n}",
        "{dimension} 期望 {e}  感知 {p}  差距 {gap}  n = {n}",
    ),
}
