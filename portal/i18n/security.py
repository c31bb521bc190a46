"""Bounds on uploads and other security messages (issue 15): refusals of oversized or disguised input."""

STRINGS = {
    "ingest.refused.too_many_columns": (
        "The file has {columns} columns; at most {limit} are read. Delete the columns that are not part of the "
        "table (or the stray cells far to the right) and upload it again.",
        "文件有 {columns} 列，最多读取 {limit} 列。请删除不属于表格的列(或右侧远处的零散单元格)后重新上传。",
    ),
    "ingest.refused.header_too_long": (
        "The header line of the file is longer than {limit} characters ({columns} columns of at most {chars} "
        "characters each). Check that it is the right export, delete the columns that are not part of the "
        "table and upload it again.",
        "文件的表头行超过 {limit} 个字符(最多 {columns} 列，每列最多 {chars} 个字符)。请确认文件是正确的导出文件，"
        "删除不属于表格的列后重新上传。",
    ),
    "ingest.refused.too_many_cells": (
        "The used range of the file is {rows} rows x {columns} columns, more than the {limit} cells one upload "
        "may hold. Delete stray cells far below or to the right of the table, or split the file.",
        "文件的已用区域为 {rows} 行 × {columns} 列，超过单次上传允许的 {limit} 个单元格。"
        "请删除表格下方或右侧远处的零散单元格，或拆分文件。",
    ),
    "ingest.refused.sparse_sheet": (
        "Sheet {sheet} has a used range of {range} ({cells} cells) but few cells holding a value ({filled}; "
        "the lowest is {lowest}, the rightmost {rightmost}). Reading it would take memory for every cell of "
        "the range. Delete the stray cells far below or to the right of the table (or select the rows below "
        "it and the columns to its right and choose Clear All), save the file and upload it again.",
        "工作表 {sheet} 的已用区域为 {range}(共 {cells} 个单元格)，但有值的单元格很少({filled} 个；最下方的是 "
        "{lowest}，最右侧的是 {rightmost})。读取时需要为区域内的每个单元格占用内存。请删除表格下方或右侧远处的"
        "零散单元格(或选中表格下方的行和右侧的列，选择“全部清除”)，保存后重新上传。",
    ),
    "ingest.refused.xml_too_large": (
        "The workbook unpacks to {mb} MB, more than {limit} MB for a file of this size (a damaged or crafted "
        "workbook). Open it in Excel and save it again as .xlsx, or save it as CSV.",
        "该工作簿解压后为 {mb} MB，超过此大小文件允许的 {limit} MB(文件可能已损坏或经过特殊构造)。"
        "请用 Excel 打开后重新另存为 .xlsx，或另存为 CSV。",
    ),
    "ingest.refused.workbook_cell_too_long": (
        "Cell {cell} of the workbook holds more than {limit} characters (at least {chars}). Shorten it and upload "
        "the file again.",
        "工作簿的单元格 {cell} 超过 {limit} 个字符(至少 {chars} 个)。请缩短后重新上传。",
    ),
    "ingest.refused.not_workbook_zip": (
        "The file is a zip archive but not an Excel workbook. Upload the .xlsx or .csv itself, not an archive.",
        "该文件是 zip 压缩包，而不是 Excel 工作簿。请直接上传 .xlsx 或 .csv 文件，而不是压缩包。",
    ),
    "ingest.refused.nul": (
        "Line {line} holds a NUL character (binary data inside the text). Save the file again as 'CSV UTF-8' "
        "and upload it.",
        "第 {line} 行含有 NUL 字符(文本中夹杂二进制数据)。请另存为“CSV UTF-8”后重新上传。",
    ),
    "ingest.refused.cell_too_long": (
        "Row {row}, column {column}: the cell holds {n} characters; at most {limit} are accepted.",
        "第 {row} 行，{column} 列：单元格有 {n} 个字符，最多接受 {limit} 个。",
    ),
    "ingest.refused.mixed_encoding": (
        "The file {name} mixes two text encodings: UTF-8 in these lines: {lines}; not in the others (GBK or "
        "another legacy encoding). Save the whole file again as 'CSV UTF-8' and upload it.",
        "文件 {name} 混用了两种文字编码：第 {lines} 行为 UTF-8，其他行不是(GBK 或其他旧编码)。"
        "请将整个文件另存为“CSV UTF-8”后重新上传。",
    ),
    "ingest.notice.invisible_removed": (
        "{n} cells held invisible direction or zero-width characters; they were removed so that each value "
        "shows as it is stored.",
        "{n} 个单元格含有不可见的方向控制字符或零宽字符，已删除，使显示与存储一致。",
    ),
    "auth.db_unwritable": (
        "Sign-in is not possible right now: every sign-in is recorded in the audit log and the database cannot "
        "be written (the disk may be full, or the database's folder read-only). Ask the administrator to check "
        "the server's disk and the database folder's permissions.",
        "当前无法登录：每次登录都会记入操作日志，但数据库无法写入(磁盘可能已满，或数据库所在文件夹为只读)。"
        "请联系管理员检查服务器磁盘空间和数据库文件夹的权限。",
    ),
    "ingest.error.too_long": (
        "Too long: at most {detail} characters.",
        "过长：最多 {detail} 个字符。",
    ),
    "ingest.error.before_floor": (
        "Before {detail}, the earliest date accepted (a typing error or an empty Excel date?).",
        "早于可接受的最早日期 {detail}(输入错误或 Excel 空日期？)。",
    ),
    "ingest.error.new_store_out_of_scope": (
        "Unknown store code. Your scope is limited to your stores, so you cannot add a new store; ask an "
        "admin to add it (with its region) first.",
        "未知门店编码。您的访问范围仅限于您的门店，无法新增门店；请先请管理员添加该门店(及其所属区域)。",
    ),
    "ingest.refused.new_agent_out_of_scope": (
        "Only a user who sees the whole chain may add new agents here; nothing was written.",
        "只有可查看全部门店的用户才能在此新增客服专员；未写入任何数据。",
    ),
    "ingest.refused.new_store_out_of_scope": (
        "Only a user who sees the whole chain may add new stores; nothing was written.",
        "只有可查看全部门店的用户才能新增门店；未写入任何数据。",
    ),
}
