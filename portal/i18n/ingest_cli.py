"""Uploads on the command line (``python -m portal import ... --lang en|zh``): the sentences only the CLI says
around the Upload page's own messages (notices, errors and refusals keep the page's keys). Split from ``ingest``
for size; the keys keep their ``ingest.cli.`` names. The ``error:``, ``note:`` and ``refused:`` line prefixes
stay English in both languages (as ``settings set --lang zh`` writes them), and so do field ids and flags."""

STRINGS = {
    "ingest.cli.read": (
        "{file}: {n:,} {n:plural:row|rows}; columns: {columns}",
        "{file}：{n:,} 行；字段映射：{columns}",
    ),
    "ingest.cli.read_no_columns": ("none", "无"),  # {columns} of ingest.cli.read when no column is mapped
    "ingest.cli.chunks": (
        "Read in chunks of {rows:,} rows (a file over {mb} MB).",
        "按每块 {rows:,} 行分块读取(文件超过 {mb} MB)。",
    ),
    "ingest.cli.map_columns": (
        "Nothing written. Map the columns with --map FIELD=COLUMN (--map FIELD= leaves a field unmapped; file "
        "columns: {columns})",
        "未写入任何数据。请用 --map FIELD=COLUMN 映射各列(--map FIELD= 不映射该字段；文件中的列：{columns})",
    ),
    "ingest.cli.same_file": (
        "This file was already imported as batch {batch_id} on {created_at} ({zone}) with the same time zone, "
        "source, column and value mapping and --add-missing choice; nothing was written. To import it again as it "
        "is, undo that batch first: python -m portal batches undo {batch_id}",
        "该文件已于 {created_at}({zone})作为批次 {batch_id} 导入，时区、来源系统、字段映射、取值映射和 --add-missing "
        "选择均相同；未写入任何数据。如需按原样重新导入，请先撤销该批次：python -m portal batches undo {batch_id}",
    ),
    "ingest.cli.same_file_sheet": (
        "This file (sheet “{sheet}”) was already imported as batch {batch_id} on {created_at} ({zone}) with the "
        "same sheet, time zone, source, column and value mapping and --add-missing choice; nothing was written. To "
        "import it again as it is, undo that batch first: python -m portal batches undo {batch_id}",
        "该文件(工作表“{sheet}”)已于 {created_at}({zone})作为批次 {batch_id} 导入，工作表、时区、来源系统、字段映射、"
        "取值映射和 --add-missing 选择均相同；未写入任何数据。如需按原样重新导入，请先撤销该批次："
        "python -m portal batches undo {batch_id}",
    ),
    "ingest.cli.memory_retry": (
        "the commit needed more memory than PORTAL_IMPORT_COMMIT_MB ({mb} MB); it was rolled back and ran again "
        "without that limit.",
        "提交所需内存超过 PORTAL_IMPORT_COMMIT_MB({mb} MB)；已回滚，并在不设此限制的情况下重新提交。",
    ),
    "ingest.cli.nothing_written": ("Nothing written: {reason}", "未写入任何数据：{reason}"),
    # the batch line of a kind whose files hold stamps (Kind.reads_times: complaints, surveys) names the zone they
    # were read in; the other kinds' (stores, agents, QA reviews, 5S inspections: dates alone) do not (_plain)
    "ingest.cli.committed": (
        "Batch {batch_id}: {rows:,} {rows:plural:row|rows} in file, {added:,} added, {updated:,} updated, "
        "{unchanged:,} unchanged, {skipped:,} skipped (times read as {zone}).",
        "批次 {batch_id}：文件共 {rows:,} 行，新增 {added:,}，更新 {updated:,}，未变 {unchanged:,}，跳过 {skipped:,}"
        "(时间按 {zone} 读取)。",
    ),
    "ingest.cli.committed_plain": (
        "Batch {batch_id}: {rows:,} {rows:plural:row|rows} in file, {added:,} added, {updated:,} updated, "
        "{unchanged:,} unchanged, {skipped:,} skipped.",
        "批次 {batch_id}：文件共 {rows:,} 行，新增 {added:,}，更新 {updated:,}，未变 {unchanged:,}，跳过 {skipped:,}。",
    ),
    "ingest.cli.master_added": ("Added to master data: {codes}.", "已添加到主数据：{codes}。"),
    "ingest.cli.row": ("row {row}, column {column}", "第 {row} 行，{column} 列"),
    "ingest.cli.error": ("{where}: {reason}", "{where}：{reason}"),
    "ingest.cli.error_value": ("{where}: {reason} (value {value!r})", "{where}：{reason}(取值 {value!r})"),
    "ingest.cli.unknown_codes": ("unknown {field}: {codes}", "未知的{field}：{codes}"),
    "ingest.cli.unknown_codes_hint": ("unknown {field}: {codes} ({hint})", "未知的{field}：{codes}({hint})"),
}
