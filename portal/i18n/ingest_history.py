"""Import history and undo: the messages of the Import history page and of undoing a batch (the import
pipeline's other messages: ``ingest``)."""

STRINGS = {
    "ingest.history.caption": (
        "Your import batches (an admin sees every batch). Undo restores the data exactly as it was before the batch.",
        "您的导入批次(管理员可看到全部批次)。撤销会将数据恢复到该批次导入之前的状态。",
    ),
    "ingest.history.empty": (
        "No import batches yet. Upload a file on the Upload page.",
        "还没有导入批次。请在“上传”页面上传文件。",
    ),
    "ingest.history.col.batch_id": ("Batch", "批次"),
    "ingest.history.col.kind": ("Kind", "类型"),
    "ingest.history.col.file_name": ("File", "文件"),
    "ingest.history.col.created_by": ("Imported by", "导入人"),
    "ingest.history.col.created_at": ("Imported at (UTC)", "导入时间(UTC)"),
    "ingest.history.col.rows_in_file": ("Rows in file", "文件行数"),
    "ingest.history.col.rows_added": ("Added", "新增"),
    "ingest.history.col.rows_updated": ("Updated", "更新"),
    "ingest.history.col.rows_unchanged": ("Unchanged", "未变"),
    "ingest.history.col.rows_skipped": ("Skipped", "跳过"),
    "ingest.history.col.status": ("Status", "状态"),
    "ingest.history.col.undone_by": ("Undone by", "撤销人"),
    "ingest.history.status.committed": ("committed", "已提交"),
    "ingest.history.status.undone": ("undone", "已撤销"),
    "ingest.history.pick": ("Batch", "批次"),
    "ingest.history.error_report": ("Download the error report", "下载错误报告"),
    "ingest.history.no_report": (
        "This batch skipped no rows: it has no error report.",
        "该批次没有跳过任何行，因此没有错误报告。",
    ),
    "ingest.history.undo": ("Undo batch {batch_id}", "撤销批次 {batch_id}"),
    "ingest.history.undo_confirm": (
        "Every row this batch added or changed goes back to how it was before it.",
        "该批次新增或修改的每一行都将恢复到导入之前的状态。",
    ),
    "ingest.history.undone": ("Batch {batch_id} undone.", "批次 {batch_id} 已撤销。"),
    "ingest.history.cannot_undo": (
        "You can undo only your own committed batches (an admin: any).",
        "您只能撤销自己提交的批次(管理员可撤销任何批次)。",
    ),
    "ingest.undo.no_such_batch": ("There is no import batch {batch_id}.", "没有导入批次 {batch_id}。"),
    "ingest.undo.already_undone": ("Batch {batch_id} has already been undone.", "批次 {batch_id} 已被撤销。"),
    "ingest.undo.not_yours": (
        "Batch {batch_id} was imported by someone else; only an admin may undo it.",
        "批次 {batch_id} 由他人导入；只有管理员可以撤销。",
    ),
    "ingest.undo.unknown_kind": (
        "Batches of kind {kind} cannot be undone here.",
        "此处无法撤销 {kind} 类型的批次。",
    ),
    "ingest.undo.disputed": (
        "Agents disputed QA reviews of this batch ({reviews}); undoing it would lose the disputes and their "
        "decisions. Import a corrected file instead: it updates the reviews and keeps their disputes.",
        "客服专员已对本批次的质检评分提出申诉({reviews})；撤销将丢失这些申诉及其处理决定。"
        "请改为导入更正后的文件：它会更新这些质检评分并保留其申诉。",
    ),
    "ingest.undo.actions_worked": (
        "Corrective actions of inspections in this batch have been worked on ({actions}); undoing it would delete "
        "them with what was done and their after-photos. Keep this batch: to correct an inspection, inspect the "
        "store again (a new inspection). A batch whose actions are all still open can be undone.",
        "本批次检查的整改措施已有人处理({actions})；撤销将连同整改内容和整改后照片一并删除。"
        "请保留本批次：如需更正检查，请重新检查该门店(新的检查)。"
        "整改措施均为待处理的批次仍可撤销。",
    ),
    "ingest.undo.blocked": (
        "Later imports changed the same rows (batches {batches}). Undo those first.",
        "之后的导入修改了相同的数据行(批次 {batches})。请先撤销这些批次。",
    ),
}
