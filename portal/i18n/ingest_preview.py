"""The Upload page's preview of a checked file: its counts, the caption of its first rows, the columns of the
preview and of the table of every error, and a file to correct and upload again. Split from ``ingest`` for size;
the keys keep their names."""

STRINGS = {
    "ingest.preview.title": ("Preview", "预览"),
    "ingest.preview.counts": (
        "{n:,} rows: {valid:,} valid, {invalid:,} invalid.",
        "共 {n:,} 行：有效 {valid:,} 行，无效 {invalid:,} 行。",
    ),
    "ingest.preview.first_rows": (
        "First rows as they will be stored (times in {zone}, standard values by their names)",
        "前几行的入库结果(时间为{zone}，标准值显示为名称)",
    ),
    "ingest.preview.first_rows_plain": (  # a kind whose files hold no stamps (preview.first_rows_caption)
        "First rows as they will be stored (standard values by their names)",
        "前几行的入库结果(标准值显示为名称)",
    ),
    "ingest.preview.col.valid": ("Valid", "有效"),
    "ingest.preview.col.category_group": ("Category (standard group)", "类别(标准分类)"),
    "ingest.errors.title": ("Every error ({n:,})", "全部错误({n:,})"),
    "ingest.errors.none": ("No errors: every row is valid.", "没有错误：所有行均有效。"),
    "ingest.col.sheet": ("Sheet", "工作表"),
    "ingest.col.row": ("Row", "行号"),
    "ingest.col.column": ("Column", "列"),
    "ingest.col.value": ("Value", "值"),
    "ingest.col.reason": ("Reason", "原因"),
    # a file to correct and upload again (ui_upload.fresh_upload_button, latest_by_name)
    "ingest.upload_corrected": ("Upload a corrected file", "上传更正后的文件"),
    "ingest.upload_corrected_help": (
        "Clears the file above, so that the corrected file can be chosen, also when it is saved under the same "
        "name (a browser does not read a file chosen a second time). Nothing was written.",
        "清除上方的文件，以便选择更正后的文件，即使其以相同名称保存(浏览器不会再次读取第二次选择的同一文件)。未写入任何数据。",
    ),
    "ingest.many.replaced": (
        "Uploaded again: {files}. The latest upload of each is read and the earlier one left out; remove it with "
        "its × above to tidy the list.",
        "再次上传：{files}。每个文件只读取最近一次上传的版本，较早的版本不予读取；可点击上方对应的 × 将其移除。",
    ),
    "ingest.refused.held_since_preview": (
        "Rows this file holds as already stored were removed since it was checked (their import was undone "
        "meanwhile). Nothing was written; check the file again.",
        "自本文件检查之后，其中作为已导入而保留的数据已被删除(其导入批次已被撤销)。未写入任何数据；请重新检查文件。",
    ),
}
