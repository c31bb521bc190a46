"""Texts of the tablet 5S form's refused submit: which item, which answer and why (portal.fives_intake.form)."""

STRINGS = {
    "fives_form.refused": (
        "Not submitted; your answers are kept. Correct this and submit again:",
        "未提交，已填写的内容均已保留。请更正以下内容后重新提交：",
    ),
    "fives_form.problem": ("{where}, {field}: {reason}", "{where}，{field}：{reason}"),
    "fives_form.whole": ("The inspection", "本次检查"),
    "fives_form.field.score": ("score", "得分"),
    "fives_form.field.comment": ("comment", "备注"),
    "fives_form.field.photo": ("photo", "照片"),
    "fives_form.field.store_code": ("store", "门店"),
    "fives_form.field.inspected_on": ("date", "日期"),
    "fives_form.field.inspector": ("inspector", "检查员"),
    "fives_form.field.template": ("checklist", "检查表"),
    "fives_form.field.inspection_id": ("inspection id", "检查编号"),
    "fives_form.error.photo": (
        "the photo is no longer stored on the server. Remove it (the item's Remove photo button) and take it "
        "again, or submit without it.",
        "照片已不在服务器上。请删除该照片(检查项的“删除照片”按钮)后重新拍摄，或不附照片提交。",
    ),
    "fives_form.photo_gone": (
        "This item's photo is no longer stored on the server: remove it and take it again.",
        "此检查项的照片已不在服务器上：请删除后重新拍摄。",
    ),
}
