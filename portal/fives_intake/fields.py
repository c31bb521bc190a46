"""The columns of the flat ``inspections`` layout (one row per inspection x item), English and Chinese headers."""

from __future__ import annotations

from portal.ingest.kinds import Field, store_code_field

FIELDS = (
    Field(
        "inspection_id",
        "检查编号",
        "text",
        aliases=("inspection", "sheet id", "检查单号"),
        label_en="Inspection id",
    ),
    store_code_field(required=True),
    Field("inspected_on", "检查日期", "date", required=True, aliases=("date", "日期"), example="2026-11-02"),
    Field("inspector", "检查员", "text", aliases=("inspected by", "检查人"), example="Ivan Inspector"),
    Field(
        "template",
        "检查表",
        "text",
        aliases=("checklist", "template version", "检查表版本"),
        example="FIVES_RETAIL v1",
    ),
    Field(
        "item_code",
        "检查项编号",
        "text",
        required=True,
        aliases=("item", "code", "检查项", "项目编号", "项目", "编号"),
        example="SO1",
    ),
    Field("score", "得分", "text", aliases=("points", "评分", "分数"), example="3"),
    Field("comment", "备注", "text", aliases=("remarks", "说明"), example=""),
    Field("photo", "照片", "text", aliases=("photo name",), example=""),
)
FLAT_HEADERS = tuple(f.name for f in FIELDS)
